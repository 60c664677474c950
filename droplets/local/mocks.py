"""Pulumi mocks that materialise the program's resources on the local emulator.

Under ``pulumi.runtime.set_mocks`` every resource registration reaches
:meth:`EmulatorMocks.new_resource` with its type token and inputs. For the types the
project's program creates (``__main__.py`` and ``components/``), and only those, this creates
the real thing on moto's server (a queue with its redrive policy, the bucket and its
encryption/policy/lifecycle/notification, the table with its GSI and TTL, IAM roles and
policies, ...) and returns what the emulator returned: real names, ARNs and URLs, so the
program wires them together exactly as it would on AWS. A type the program starts to
create needs its translator here (``_handlers``).

Lambda functions and their event source mappings are *recorded* (as the
:mod:`droplets.local.resources` the runner takes), not created: moto cannot run Lambda
code, so :mod:`droplets.local.runner` plays that part with what was recorded.

Every other type still gets outputs (its inputs plus a placeholder ARN) so the program
runs to the end, and is counted in :attr:`EmulatorMocks.not_emulated`, which ``droplets
dev`` prints: nothing is dropped silently.

Registrations arrive on the Pulumi SDK's worker threads, so shared state is guarded by a
lock and boto3 clients are created once, under it.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import Counter
from typing import Any, Callable, Optional

import pulumi
from botocore.exceptions import ClientError
from pulumi.runtime import rpc

from droplets.local.emulator import ACCOUNT_ID, Emulator
from droplets.local.resources import FunctionSpec, MappingSpec

class EmulationError(RuntimeError):
    """A resource the local stack supports could not be created on the emulator."""


# --- helpers ---------------------------------------------------------------------------------


def unwrap_secrets(value: Any) -> Any:
    """Inputs holding Pulumi secrets arrive wrapped (``{<sig>: <secret sig>, "value": v}``);
    the emulator needs the plain value. Secrets never leave this process except into the
    emulator, exactly as the real provider hands them to AWS."""
    if rpc.is_rpc_secret(value):
        return unwrap_secrets(rpc.unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap_secrets(v) for v in value]
    return value


def _contains_secret(value: Any) -> bool:
    if rpc.is_rpc_secret(value):
        return True
    if isinstance(value, dict):
        return any(_contains_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_secret(v) for v in value)
    return False


def _keep_secrets(inputs: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """Outputs that echo a secret input stay secret (as the engine keeps them), so the
    program's exports of them are masked like ``pulumi stack output`` masks them."""
    return {**state, **{k: v for k, v in inputs.items() if k in state and _contains_secret(v)}}


def autoname(logical: str, prefix: str | None = None, *, lowercase: bool = False, max_length: int = 80) -> str:
    """Pulumi's auto-naming (``<name>-<7 hex>``), which the real provider applies when the
    program sets no physical name; under mocks nobody else does it."""
    base = prefix if prefix is not None else f"{logical}-"
    name = f"{base}{secrets.token_hex(4)[:7]}"
    name = name.lower() if lowercase else name
    return name[:max_length]


def _int(value: Any) -> Any:
    # Pulumi numbers arrive as floats; AWS APIs want integers where they are whole.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Pulumi's camelCase property names whose AWS API spelling is not just "capitalise".
_AWS_NAMES = {
    "id": "ID",
    "sseAlgorithm": "SSEAlgorithm",
    "kmsMasterKeyId": "KMSMasterKeyID",
    "serDeInfo": "SerdeInfo",
    "enforceWorkgroupConfiguration": "EnforceWorkGroupConfiguration",
    "publishCloudwatchMetricsEnabled": "PublishCloudWatchMetricsEnabled",
    "kmsKey": "KmsKey",
    "kmsKeyArn": "KmsKey",  # the Athena workgroup's result encryption
}


#: Free-form maps: their keys are data (Glue table parameters, tags), not property names.
_VERBATIM = frozenset({"parameters", "tags"})


def to_aws(value: Any) -> Any:
    """Pulumi's camelCase input shape -> the AWS API's PascalCase shape."""
    if isinstance(value, dict):
        return {
            _AWS_NAMES.get(k, k[:1].upper() + k[1:]): (v if k in _VERBATIM else to_aws(v))
            for k, v in value.items()
            if v is not None
        }
    if isinstance(value, list):
        return [to_aws(v) for v in value]
    return _int(value)


def _tags(inputs: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in (inputs.get("tags") or {}).items()}


def _tag_list(inputs: dict[str, Any], key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
    return [{key: k, value: v} for k, v in _tags(inputs).items()]


def _given(inputs: dict[str, Any], **aws_names: str) -> dict[str, Any]:
    """The optional inputs that are set, under their AWS names: ``_given(inputs,
    description="Description")`` is ``{"Description": ...}`` or ``{}``."""
    return {aws: inputs[key] for key, aws in aws_names.items() if inputs.get(key)}


def _policy_text(policy: Any) -> str:
    return policy if isinstance(policy, str) else json.dumps(policy)


# --- the mocks -------------------------------------------------------------------------------

#: Types that create nothing but are not a gap either.
_BOOKKEEPING_PREFIXES = ("pulumi:providers:", "pulumi:pulumi:")
#: Types that are nice to have locally but not needed for data to flow: when moto refuses
#: one, the refusal is reported and the stack goes on (any other refusal fails the stack).
_BEST_EFFORT = frozenset({
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:glue/catalogDatabase:CatalogDatabase",
    "aws:glue/catalogTable:CatalogTable",
    "aws:athena/workgroup:Workgroup",
    # Compaction runs on Athena, which moto does not run: the state machine and its
    # schedule are created to be inspected; `droplets compact` is the local rewrite.
    "aws:sfn/stateMachine:StateMachine",
    "aws:scheduler/schedule:Schedule",
})


class EmulatorMocks(pulumi.runtime.Mocks):
    """Materialise resources on ``emulator``; record functions and mappings for the runner."""

    def __init__(self, emulator: Emulator):
        self.emulator = emulator
        self.region = emulator.region
        self.account = ACCOUNT_ID
        self.functions: dict[str, FunctionSpec] = {}
        self.mappings: list[MappingSpec] = []
        self.materialised: Counter[str] = Counter()
        self.not_emulated: Counter[str] = Counter()
        self.failures: list[str] = []  # supported types the emulator refused, with its reason
        self.notes: list[str] = []  # parts of supported resources the emulator cannot enforce
        self._lock = threading.Lock()
        self._clients: dict[str, Any] = {}
        self._handlers: dict[str, Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]]]] = {
            "aws:sqs/queue:Queue": self._queue,
            "aws:sqs/queuePolicy:QueuePolicy": self._queue_policy,
            "aws:s3/bucket:Bucket": self._bucket,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": self._bucket_encryption,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": self._bucket_public_access_block,
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls": self._bucket_ownership,
            "aws:s3/bucketPolicy:BucketPolicy": self._bucket_policy,
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": self._bucket_lifecycle,
            "aws:s3/bucketVersioning:BucketVersioning": self._bucket_versioning,
            "aws:s3/bucketNotification:BucketNotification": self._bucket_notification,
            "aws:dynamodb/table:Table": self._table,
            "aws:iam/role:Role": self._role,
            "aws:iam/policy:Policy": self._policy,
            "aws:iam/rolePolicy:RolePolicy": self._role_policy,
            "aws:ssm/parameter:Parameter": self._ssm_parameter,
            "aws:cloudwatch/logGroup:LogGroup": self._log_group,
            "aws:cloudwatch/metricAlarm:MetricAlarm": self._metric_alarm,
            "aws:kms/key:Key": self._kms_key,
            "aws:kms/alias:Alias": self._kms_alias,
            "aws:sns/topic:Topic": self._sns_topic,
            "aws:sns/topicSubscription:TopicSubscription": self._sns_subscription,
            "aws:glue/catalogDatabase:CatalogDatabase": self._glue_database,
            "aws:glue/catalogTable:CatalogTable": self._glue_table,
            "aws:athena/workgroup:Workgroup": self._athena_workgroup,
            "aws:sfn/stateMachine:StateMachine": self._state_machine,
            "aws:scheduler/schedule:Schedule": self._schedule,
            "aws:lambda/function:Function": self._function,
            "aws:lambda/eventSourceMapping:EventSourceMapping": self._event_source_mapping,
        }

    # -- Mocks interface --

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[Optional[str], dict]:
        inputs = unwrap_secrets(dict(args.inputs))
        if not args.custom or args.typ.startswith(_BOOKKEEPING_PREFIXES):
            return f"{args.name}-id", {}
        handler = self._handlers.get(args.typ)
        if handler is None:
            with self._lock:
                self.not_emulated[args.typ] += 1
            return self._placeholder(args.typ, args.name, inputs)
        try:
            physical_id, state = handler(args.name, inputs)
        except Exception as exc:
            if args.typ not in _BEST_EFFORT:
                raise EmulationError(f"{args.typ} {args.name!r}: the emulator refused it: {exc}") from exc
            # Nice to have locally (alarms, catalog): say so and go on with placeholders.
            with self._lock:
                self.failures.append(f"{args.typ} {args.name}: {exc}")
                self.not_emulated[args.typ] += 1
            return self._placeholder(args.typ, args.name, inputs)
        with self._lock:
            self.materialised[args.typ] += 1
        return physical_id, _keep_secrets(args.inputs, state)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, Optional[list[tuple[str, str]]]]:
        token = args.token
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "accountId": self.account,
                "arn": f"arn:aws:iam::{self.account}:user/droplets-local",
                "userId": "AIDADROPLETSLOCAL",
                "id": self.account,
            }, []
        if token == "aws:index/getRegion:getRegion":
            return {"name": self.region, "region": self.region, "id": self.region,
                    "endpoint": f"ec2.{self.region}.amazonaws.com", "description": self.region}, []
        if token == "aws:kms/getKey:getKey":
            try:
                key = self.client("kms").describe_key(KeyId=args.args["keyId"])["KeyMetadata"]
            except ClientError as exc:  # answered as the provider does: a failure, no result
                return {}, [("keyId", f"reading KMS Key ({args.args['keyId']}): {exc}")]
            return {
                "arn": key["Arn"], "id": key["Arn"], "keyId": key["KeyId"], "keyManager": key["KeyManager"],
                "keySpec": key["KeySpec"], "customerMasterKeySpec": key.get("CustomerMasterKeySpec", key["KeySpec"]),
                # moto leaves KeyUsage out when create_key was not given one; AWS's default
                "keyUsage": key.get("KeyUsage", "ENCRYPT_DECRYPT"), "keyState": key["KeyState"], "enabled": key["Enabled"],
                "description": key.get("Description", ""), "multiRegion": key.get("MultiRegion", False),
            }, []
        with self._lock:
            self.not_emulated[f"invoke {token}"] += 1
        return {}, []

    # -- reporting --

    def summary(self) -> dict[str, Any]:
        return {
            "materialised": dict(sorted(self.materialised.items())),
            "not_emulated": dict(sorted(self.not_emulated.items())),
            "failures": list(self.failures),
            "notes": list(self.notes),
        }

    # -- plumbing --

    def client(self, service: str):
        with self._lock:
            if service not in self._clients:
                self._clients[service] = self.emulator.client(service)
            return self._clients[service]

    def _arn(self, service: str, resource: str, *, region: bool = True, account: bool = True) -> str:
        return (
            f"arn:aws:{service}:{self.region if region else ''}:"
            f"{self.account if account else ''}:{resource}"
        )

    def _placeholder(self, typ: str, name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        # Not emulated: the program still needs outputs to finish; they are marked as such
        # in the summary ``droplets dev`` prints.
        service = typ.split(":")[1].split("/")[0]
        physical = inputs.get("name") or autoname(name)
        arn = self._arn(service, f"{typ.split(':')[-1].lower()}/{physical}")
        return physical, {**inputs, "id": physical, "name": physical, "arn": arn}

    # -- SQS --

    _QUEUE_ATTRIBUTES = {
        "delaySeconds": "DelaySeconds",
        "maxMessageSize": "MaximumMessageSize",
        "messageRetentionSeconds": "MessageRetentionPeriod",
        "receiveWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
        "visibilityTimeoutSeconds": "VisibilityTimeout",
        "redrivePolicy": "RedrivePolicy",
        "redriveAllowPolicy": "RedriveAllowPolicy",
        "policy": "Policy",
        "sqsManagedSseEnabled": "SqsManagedSseEnabled",
        "kmsMasterKeyId": "KmsMasterKeyId",
        "kmsDataKeyReusePeriodSeconds": "KmsDataKeyReusePeriodSeconds",
        "fifoQueue": "FifoQueue",
        "contentBasedDeduplication": "ContentBasedDeduplication",
    }

    def _queue(self, name: str, inputs: dict[str, Any]):
        fifo = bool(inputs.get("fifoQueue"))
        queue_name = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=75)
        if fifo and not queue_name.endswith(".fifo"):
            queue_name += ".fifo"
        attributes = {}
        for key, attribute in self._QUEUE_ATTRIBUTES.items():
            value = inputs.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            attributes[attribute] = str(_int(value))
        sqs = self.client("sqs")
        url = sqs.create_queue(QueueName=queue_name, Attributes=attributes, tags=_tags(inputs))["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return url, {**inputs, "id": url, "name": queue_name, "arn": arn, "url": url}

    def _queue_policy(self, name: str, inputs: dict[str, Any]):
        url = inputs["queueUrl"]
        self.client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"Policy": _policy_text(inputs["policy"])})
        return url, {**inputs, "id": url}

    # -- S3 --

    def _bucket(self, name: str, inputs: dict[str, Any]):
        bucket = inputs.get("bucket") or autoname(name, inputs.get("bucketPrefix"), lowercase=True, max_length=63)
        s3 = self.client("s3")
        kwargs: dict[str, Any] = {"Bucket": bucket}
        if self.region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
        if inputs.get("objectLockEnabled"):
            kwargs["ObjectLockEnabledForBucket"] = True
        s3.create_bucket(**kwargs)
        if inputs.get("tags"):
            s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": _tag_list(inputs)})
        return bucket, {
            **inputs,
            "id": bucket,
            "bucket": bucket,
            "arn": f"arn:aws:s3:::{bucket}",
            "region": self.region,
            "bucketDomainName": f"{bucket}.s3.amazonaws.com",
            "bucketRegionalDomainName": f"{bucket}.s3.{self.region}.amazonaws.com",
        }

    def _bucket_encryption(self, name: str, inputs: dict[str, Any]):
        self.client("s3").put_bucket_encryption(
            Bucket=inputs["bucket"], ServerSideEncryptionConfiguration={"Rules": to_aws(inputs["rules"])}
        )
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_public_access_block(self, name: str, inputs: dict[str, Any]):
        config = {
            aws: bool(inputs.get(key, False))
            for key, aws in (
                ("blockPublicAcls", "BlockPublicAcls"),
                ("ignorePublicAcls", "IgnorePublicAcls"),
                ("blockPublicPolicy", "BlockPublicPolicy"),
                ("restrictPublicBuckets", "RestrictPublicBuckets"),
            )
        }
        self.client("s3").put_public_access_block(Bucket=inputs["bucket"], PublicAccessBlockConfiguration=config)
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_ownership(self, name: str, inputs: dict[str, Any]):
        self.client("s3").put_bucket_ownership_controls(
            Bucket=inputs["bucket"], OwnershipControls={"Rules": [to_aws(inputs["rule"])]}
        )
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_policy(self, name: str, inputs: dict[str, Any]):
        policy = inputs["policy"]
        document = json.loads(policy) if isinstance(policy, str) else dict(policy)
        statements = document.get("Statement") or []
        statements = statements if isinstance(statements, list) else [statements]
        # moto checks object requests against the bucket policy without any request
        # context, and counts a condition it cannot evaluate as met: a conditional Deny
        # (the TLS-only `aws:SecureTransport = false` one, say) would deny every request,
        # even over HTTPS. Such statements are left off the emulator's copy, and said so.
        kept = [st for st in statements if not (st.get("Effect") == "Deny" and st.get("Condition"))]
        left_out = [st.get("Sid") or f"#{i}" for i, st in enumerate(statements) if st not in kept]
        if left_out:
            with self._lock:
                self.notes.append(
                    f"aws:s3/bucketPolicy {name}: conditional Deny statement(s) {', '.join(left_out)} not "
                    "enforced locally (moto cannot evaluate policy conditions and would deny every request)"
                )
        if kept:
            self.client("s3").put_bucket_policy(Bucket=inputs["bucket"], Policy=json.dumps({**document, "Statement": kept}))
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_lifecycle(self, name: str, inputs: dict[str, Any]):
        rules = []
        for rule in inputs.get("rules") or []:
            rule = dict(rule)
            rule.setdefault("filter", {"prefix": rule.pop("prefix", "")} if "prefix" in rule else {})
            rules.append(to_aws(rule))
        self.client("s3").put_bucket_lifecycle_configuration(
            Bucket=inputs["bucket"], LifecycleConfiguration={"Rules": rules}
        )
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_versioning(self, name: str, inputs: dict[str, Any]):
        config = inputs.get("versioningConfiguration") or {}
        self.client("s3").put_bucket_versioning(
            Bucket=inputs["bucket"], VersioningConfiguration={"Status": config.get("status", "Enabled")}
        )
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    def _bucket_notification(self, name: str, inputs: dict[str, Any]):
        def filters(target: dict[str, Any]) -> dict[str, Any]:
            rules = [
                {"Name": kind, "Value": target[key]}
                for key, kind in (("filterPrefix", "prefix"), ("filterSuffix", "suffix"))
                if target.get(key)
            ]
            return {"Filter": {"Key": {"FilterRules": rules}}} if rules else {}

        def target(kind: str, arn_key: str, item: dict[str, Any]) -> dict[str, Any]:
            entry = {kind: item[arn_key], "Events": list(item["events"]), **filters(item)}
            if item.get("id"):
                entry["Id"] = item["id"]
            return entry

        config: dict[str, Any] = {}
        queues = [target("QueueArn", "queueArn", q) for q in inputs.get("queues") or []]
        topics = [target("TopicArn", "topicArn", t) for t in inputs.get("topics") or []]
        if queues:
            config["QueueConfigurations"] = queues
        if topics:
            config["TopicConfigurations"] = topics
        if inputs.get("lambdaFunctions"):
            # moto would try to run the function itself; the local runner only drives
            # functions from queues, so this part of the notification is not emulated.
            with self._lock:
                self.not_emulated["aws:s3/bucketNotification (lambdaFunctions targets)"] += 1
        if inputs.get("eventbridge"):
            config["EventBridgeConfiguration"] = {}
        self.client("s3").put_bucket_notification_configuration(
            Bucket=inputs["bucket"], NotificationConfiguration=config
        )
        return inputs["bucket"], {**inputs, "id": inputs["bucket"]}

    # -- DynamoDB --

    def _table(self, name: str, inputs: dict[str, Any]):
        table = inputs.get("name") or autoname(name, max_length=255)
        ddb = self.client("dynamodb")

        def key_schema(spec: dict[str, Any]) -> list[dict[str, str]]:
            if spec.get("keySchemas"):
                return [{"AttributeName": k["attributeName"], "KeyType": k["keyType"]} for k in spec["keySchemas"]]
            schema = [{"AttributeName": spec["hashKey"], "KeyType": "HASH"}]
            if spec.get("rangeKey"):
                schema.append({"AttributeName": spec["rangeKey"], "KeyType": "RANGE"})
            return schema

        def throughput(spec: dict[str, Any]) -> dict[str, Any]:
            if inputs.get("billingMode", "PROVISIONED") == "PAY_PER_REQUEST":
                return {}
            return {"ProvisionedThroughput": {"ReadCapacityUnits": _int(spec.get("readCapacity") or 1),
                                              "WriteCapacityUnits": _int(spec.get("writeCapacity") or 1)}}

        kwargs: dict[str, Any] = {
            "TableName": table,
            "KeySchema": key_schema(inputs),
            "AttributeDefinitions": [
                {"AttributeName": a["name"], "AttributeType": a["type"]} for a in inputs.get("attributes") or []
            ],
            "BillingMode": inputs.get("billingMode", "PROVISIONED"),
            **throughput(inputs),
        }
        indexes = []
        for gsi in inputs.get("globalSecondaryIndexes") or []:
            projection: dict[str, Any] = {"ProjectionType": gsi.get("projectionType", "ALL")}
            if gsi.get("nonKeyAttributes"):
                projection["NonKeyAttributes"] = list(gsi["nonKeyAttributes"])
            indexes.append({"IndexName": gsi["name"], "KeySchema": key_schema(gsi), "Projection": projection,
                            **throughput(gsi)})
        if indexes:
            kwargs["GlobalSecondaryIndexes"] = indexes
        sse = inputs.get("serverSideEncryption") or {}
        if sse.get("enabled"):
            kwargs["SSESpecification"] = {"Enabled": True, "SSEType": "KMS",
                                          **({"KMSMasterKeyId": sse["kmsKeyArn"]} if sse.get("kmsKeyArn") else {})}
        if inputs.get("streamEnabled"):
            kwargs["StreamSpecification"] = {"StreamEnabled": True,
                                             "StreamViewType": inputs.get("streamViewType", "NEW_AND_OLD_IMAGES")}
        if inputs.get("deletionProtectionEnabled") is not None:
            kwargs["DeletionProtectionEnabled"] = bool(inputs["deletionProtectionEnabled"])
        if inputs.get("tags"):
            kwargs["Tags"] = _tag_list(inputs)
        description = ddb.create_table(**kwargs)["TableDescription"]
        ttl = inputs.get("ttl") or {}
        if ttl.get("enabled") and ttl.get("attributeName"):
            ddb.update_time_to_live(
                TableName=table,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["attributeName"]},
            )
        if (inputs.get("pointInTimeRecovery") or {}).get("enabled"):
            ddb.update_continuous_backups(
                TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
            )
        return table, {**inputs, "id": table, "name": table, "arn": description["TableArn"],
                       "streamArn": description.get("LatestStreamArn", "")}

    # -- IAM --

    def _role(self, name: str, inputs: dict[str, Any]):
        role = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=64)
        iam = self.client("iam")
        created = iam.create_role(
            RoleName=role, AssumeRolePolicyDocument=_policy_text(inputs["assumeRolePolicy"]),
            Path=inputs.get("path") or "/", Tags=_tag_list(inputs), **_given(inputs, description="Description"),
        )["Role"]
        for inline in inputs.get("inlinePolicies") or []:
            if inline.get("name") and inline.get("policy"):
                iam.put_role_policy(RoleName=role, PolicyName=inline["name"], PolicyDocument=_policy_text(inline["policy"]))
        for arn in inputs.get("managedPolicyArns") or []:
            iam.attach_role_policy(RoleName=role, PolicyArn=arn)
        return role, {**inputs, "id": role, "name": role, "arn": created["Arn"], "uniqueId": created["RoleId"]}

    def _policy(self, name: str, inputs: dict[str, Any]):
        policy = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=128)
        created = self.client("iam").create_policy(
            PolicyName=policy, PolicyDocument=_policy_text(inputs["policy"]), Path=inputs.get("path") or "/",
            **_given(inputs, description="Description"),
        )["Policy"]
        return created["Arn"], {**inputs, "id": created["Arn"], "name": policy, "arn": created["Arn"],
                                "policyId": created["PolicyId"], "attachmentCount": 0}

    def _role_policy(self, name: str, inputs: dict[str, Any]):
        policy = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=128)
        role = str(inputs["role"]).split("/")[-1]  # a role name, or an ARN
        self.client("iam").put_role_policy(RoleName=role, PolicyName=policy, PolicyDocument=_policy_text(inputs["policy"]))
        return f"{role}:{policy}", {**inputs, "id": f"{role}:{policy}", "name": policy}

    def _ssm_parameter(self, name: str, inputs: dict[str, Any]):
        parameter = inputs.get("name") or autoname(name)
        kwargs: dict[str, Any] = {
            "Name": parameter,
            "Value": str(inputs.get("value") if inputs.get("value") is not None else inputs.get("insecureValue")),
            "Type": inputs.get("type", "String"),
            "Overwrite": True,
            **_given(inputs, keyId="KeyId", description="Description"),
        }
        version = self.client("ssm").put_parameter(**kwargs)["Version"]
        arn = self._arn("ssm", f"parameter/{parameter.lstrip('/')}")
        return parameter, {**inputs, "id": parameter, "name": parameter, "arn": arn, "version": version}

    def _log_group(self, name: str, inputs: dict[str, Any]):
        group = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=512)
        logs = self.client("logs")
        logs.create_log_group(logGroupName=group, **_given(inputs, kmsKeyId="kmsKeyId"))
        if inputs.get("retentionInDays"):
            logs.put_retention_policy(logGroupName=group, retentionInDays=_int(inputs["retentionInDays"]))
        arn = self._arn("logs", f"log-group:{group}")
        return group, {**inputs, "id": group, "name": group, "arn": arn}

    def _metric_alarm(self, name: str, inputs: dict[str, Any]):
        alarm = inputs.get("name") or autoname(name)
        kwargs: dict[str, Any] = {
            "AlarmName": alarm,
            "ComparisonOperator": inputs["comparisonOperator"],
            "EvaluationPeriods": _int(inputs["evaluationPeriods"]),
        }
        for key in ("metricName", "namespace", "statistic", "alarmDescription", "treatMissingData",
                    "extendedStatistic", "unit", "period", "threshold", "datapointsToAlarm"):
            if inputs.get(key) is not None:
                kwargs[key[:1].upper() + key[1:]] = _int(inputs[key])
        for key, aws in (("alarmActions", "AlarmActions"), ("okActions", "OKActions"),
                         ("insufficientDataActions", "InsufficientDataActions")):
            if inputs.get(key):
                kwargs[aws] = list(inputs[key])
        if inputs.get("dimensions"):
            kwargs["Dimensions"] = [{"Name": k, "Value": str(v)} for k, v in inputs["dimensions"].items()]
        if inputs.get("metricQueries"):
            kwargs["Metrics"] = to_aws(inputs["metricQueries"])
        self.client("cloudwatch").put_metric_alarm(**kwargs)
        arn = self._arn("cloudwatch", f"alarm:{alarm}")
        return alarm, {**inputs, "id": alarm, "name": alarm, "arn": arn}

    def _kms_key(self, name: str, inputs: dict[str, Any]):
        kms = self.client("kms")
        kwargs: dict[str, Any] = {
            "KeyUsage": inputs.get("keyUsage") or "ENCRYPT_DECRYPT",
            "KeySpec": inputs.get("customerMasterKeySpec") or "SYMMETRIC_DEFAULT",
            **_given(inputs, description="Description"),
        }
        if inputs.get("policy"):
            kwargs["Policy"] = _policy_text(inputs["policy"])
        if inputs.get("tags"):
            kwargs["Tags"] = _tag_list(inputs, "TagKey", "TagValue")
        metadata = kms.create_key(**kwargs)["KeyMetadata"]
        if inputs.get("enableKeyRotation"):
            kms.enable_key_rotation(KeyId=metadata["KeyId"])
        return metadata["KeyId"], {**inputs, "id": metadata["KeyId"], "keyId": metadata["KeyId"], "arn": metadata["Arn"]}

    def _kms_alias(self, name: str, inputs: dict[str, Any]):
        alias = inputs.get("name") or f"alias/{autoname(name)}"
        self.client("kms").create_alias(AliasName=alias, TargetKeyId=inputs["targetKeyId"])
        return alias, {**inputs, "id": alias, "name": alias, "arn": self._arn("kms", alias)}

    def _sns_topic(self, name: str, inputs: dict[str, Any]):
        topic = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=256)
        attributes = {"KmsMasterKeyId": inputs["kmsMasterKeyId"]} if inputs.get("kmsMasterKeyId") else {}
        arn = self.client("sns").create_topic(Name=topic, Attributes=attributes)["TopicArn"]
        return arn, {**inputs, "id": arn, "name": topic, "arn": arn}

    def _sns_subscription(self, name: str, inputs: dict[str, Any]):
        # An e-mail subscription stays "pending confirmation" on the emulator: nothing is sent.
        arn = self.client("sns").subscribe(
            TopicArn=inputs["topic"], Protocol=inputs["protocol"], Endpoint=inputs["endpoint"],
            ReturnSubscriptionArn=True,
        )["SubscriptionArn"]
        return arn, {**inputs, "id": arn, "arn": arn}

    # -- Glue, Athena --

    def _glue_database(self, name: str, inputs: dict[str, Any]):
        database = inputs.get("name") or autoname(name).replace("-", "_")
        self.client("glue").create_database(DatabaseInput={"Name": database, **_given(inputs, description="Description")})
        physical = f"{self.account}:{database}"
        return physical, {**inputs, "id": physical, "name": database, "arn": self._arn("glue", f"database/{database}")}

    def _glue_table(self, name: str, inputs: dict[str, Any]):
        table = inputs.get("name") or autoname(name).replace("-", "_")
        database = inputs["databaseName"]
        table_input = to_aws({k: v for k, v in inputs.items()
                              if k not in ("databaseName", "catalogId", "name", "openTableFormatInput")})
        table_input["Name"] = table
        self.client("glue").create_table(DatabaseName=database, TableInput=table_input)
        physical = f"{self.account}:{database}:{table}"
        return physical, {**inputs, "id": physical, "name": table,
                          "arn": self._arn("glue", f"table/{database}/{table}")}

    def _athena_workgroup(self, name: str, inputs: dict[str, Any]):
        workgroup = inputs.get("name") or autoname(name)
        kwargs: dict[str, Any] = {"Name": workgroup, **_given(inputs, description="Description")}
        if inputs.get("configuration"):
            kwargs["Configuration"] = to_aws(inputs["configuration"])
        self.client("athena").create_work_group(**kwargs)
        return workgroup, {**inputs, "id": workgroup, "name": workgroup,
                           "arn": self._arn("athena", f"workgroup/{workgroup}")}

    # -- Step Functions, EventBridge Scheduler --

    def _state_machine(self, name: str, inputs: dict[str, Any]):
        machine = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=80)
        arn = self.client("stepfunctions").create_state_machine(
            name=machine, definition=_policy_text(inputs["definition"]), roleArn=inputs["roleArn"],
            type=inputs.get("type") or "STANDARD", tags=[{"key": k, "value": v} for k, v in _tags(inputs).items()],
        )["stateMachineArn"]
        return arn, {**inputs, "id": arn, "name": machine, "arn": arn}

    def _schedule(self, name: str, inputs: dict[str, Any]):
        schedule = inputs.get("name") or autoname(name, inputs.get("namePrefix"), max_length=64)
        target = inputs["target"]
        kwargs: dict[str, Any] = {
            "Name": schedule,
            "ScheduleExpression": inputs["scheduleExpression"],
            "FlexibleTimeWindow": to_aws(inputs.get("flexibleTimeWindow") or {"mode": "OFF"}),
            "Target": to_aws({k: v for k, v in target.items() if k in ("arn", "roleArn", "input", "retryPolicy")}),
            **_given(inputs, description="Description", scheduleExpressionTimezone="ScheduleExpressionTimezone",
                     groupName="GroupName", state="State"),
        }
        arn = self.client("scheduler").create_schedule(**kwargs)["ScheduleArn"]
        return arn, {**inputs, "id": schedule, "name": schedule, "arn": arn}

    # -- Lambda: recorded for the local runner --

    def _function(self, name: str, inputs: dict[str, Any]):
        function = inputs.get("name") or autoname(name, max_length=64)
        arn = self._arn("lambda", f"function:{function}")
        environment = (inputs.get("environment") or {}).get("variables") or {}
        spec = FunctionSpec(
            name=function,
            arn=arn,
            handler=inputs["handler"],
            runtime=inputs.get("runtime"),
            timeout=int(_int(inputs.get("timeout") or 3)),
            memory=int(_int(inputs.get("memorySize") or 128)),
            environment={k: str(v) for k, v in environment.items()},
            architectures=list(inputs.get("architectures") or ["x86_64"]),
        )
        with self._lock:
            self.functions[function] = spec
        invoke_arn = f"arn:aws:apigateway:{self.region}:lambda:path/2015-03-31/functions/{arn}/invocations"
        return function, {**inputs, "id": function, "name": function, "arn": arn, "invokeArn": invoke_arn,
                          "qualifiedArn": f"{arn}:$LATEST", "version": "$LATEST"}

    def _event_source_mapping(self, name: str, inputs: dict[str, Any]):
        uuid = secrets.token_hex(16)
        uuid = f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
        scaling = inputs.get("scalingConfig") or {}
        spec = MappingSpec(
            uuid=uuid,
            event_source_arn=inputs["eventSourceArn"],
            function=str(inputs["functionName"]),
            batch_size=int(_int(inputs.get("batchSize") or 10)),
            batching_window=float(inputs.get("maximumBatchingWindowInSeconds") or 0),
            report_batch_item_failures="ReportBatchItemFailures" in (inputs.get("functionResponseTypes") or []),
            enabled=inputs.get("enabled", True) is not False,
            maximum_concurrency=_int(scaling.get("maximumConcurrency")),
        )
        with self._lock:
            self.mappings.append(spec)
        function_arn = spec.function if spec.function.startswith("arn:") else self._arn("lambda", f"function:{spec.function}")
        return uuid, {**inputs, "id": uuid, "uuid": uuid, "functionArn": function_arn, "state": "Enabled"}


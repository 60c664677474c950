"""``DropletsPipeline``: every component of droplets, wired together with least privilege."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.alarms import Alarms, AlarmsArgs
from components.catalog import Catalog, CatalogArgs
from components.compaction import Compaction, CompactionArgs
from components.config import KMS_CREATE, FunctionSettings, Settings, SettingsError, pii_key_parameter_name
from components.encryption import KeyGrants, KeyScope, StackKey, StackKeyArgs, partition_of
from components.function import PipelineFunction, PipelineFunctionArgs
from components.index import IndexTable, IndexTableArgs
from components.lake import LakeBucket, LakeBucketArgs
from components.notification import LakeNotification, LakeNotificationArgs, lake_may_send
from components.operator import OperatorAccess, OperatorAccessArgs
from components.producer import ProducerAccess, ProducerAccessArgs
from components.queue import QueueWithDeadLetter, QueueWithDeadLetterArgs
from droplets import contract
from droplets.contract import erasure

CONSUMER_HANDLER = "handlers.consumer.handler"
INDEXER_HANDLER = "handlers.indexer.handler"
#: What AWS accepts as a Lambda function name; the longest one droplets makes is
#: ``<project>-<stack>-consumer``.
_FUNCTION_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def resource_prefix(project: str, stack: str) -> str:
    """``<project>-<stack>``, the start of every fixed physical name, so that stacks share an
    account. A stack name that cannot be part of a Lambda function name (Pulumi allows
    ``.`` in stack names, Lambda does not; at most 64 characters) fails the preview here,
    not `pulumi up` halfway through."""
    prefix = f"{project}-{stack}"
    longest = f"{prefix}-consumer"
    if not _FUNCTION_NAME.fullmatch(longest):
        raise SettingsError(
            f"stack name {stack!r} cannot be part of the Lambda function names ({longest}): use letters, digits, "
            f"- and _, at most {64 - len(longest) + len(stack)} characters"
        )
    return prefix


@dataclass
class DropletsPipelineArgs:
    settings: Settings
    code: pulumi.Input[pulumi.Archive]
    #: Physical names that must be fixed (functions, log groups, workgroup, Glue database,
    #: SSM parameter) are derived from ``<project>-<stack>``, so stacks share an account.
    project: str
    stack: str
    account_id: pulumi.Input[str]


class DropletsPipeline(pulumi.ComponentResource):
    """Producer -> events queue -> consumer -> lake -> index queue -> indexer -> index."""

    def __init__(self, name: str, args: DropletsPipelineArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:DropletsPipeline", name, None, opts)
        s = args.settings
        prefix = resource_prefix(args.project, args.stack)
        child = pulumi.ResourceOptions(parent=self)
        region = aws.get_region_output().region
        partition = region.apply(partition_of)

        def role_arn(role: str) -> pulumi.Output[str]:
            # Fixed role names: their ARNs are known before the roles exist (policies name them).
            return pulumi.Output.concat("arn:", partition, ":iam::", args.account_id, ":role/", f"{prefix}-{role}")

        pii_key_name = pii_key_parameter_name(args.project, args.stack) if s.pii_hash_key is not None else None
        pii_key_arn = (pulumi.Output.concat("arn:", partition, ":ssm:", region, ":", args.account_id, ":parameter", pii_key_name)
                       if pii_key_name else None)

        # --- the key (droplets:kms) and the lake it protects ---------------------------------
        self.key: StackKey | None = None

        def key_for(bucket_arn: pulumi.Output[str]) -> pulumi.Input[str] | None:
            if s.kms == KMS_CREATE:
                self.key = StackKey(f"{name}-key", StackKeyArgs(
                    scope=KeyScope(account_id=args.account_id, region=region, bucket_arn=bucket_arn,
                                   log_group_prefix=f"/aws/lambda/{prefix}-", pii_key_parameter_arn=pii_key_arn),
                    alias=f"alias/{prefix}",
                    retain=not s.force_destroy,
                ), child)
                return self.key.arn
            return s.kms_key_arn

        self.lake = LakeBucket(
            f"{name}-lake",
            LakeBucketArgs(retention_days=s.retention_days, versioning=s.lake_versioning, force_destroy=s.force_destroy,
                           compacted_retention_days=s.compaction.retention_days, kms_key_for=key_for,
                           # Athena reads the JSON objects with the compaction role's rights
                           readers=[role_arn("indexer"), *([role_arn("compaction")] if s.compaction.enabled else []),
                                    *s.reader_role_arns]),
            child,
        )
        key_arn = self.lake.kms_key_arn
        grants = KeyGrants(key_arn, region)
        bucket_arn = self.lake.arn
        # Resources AWS checks against the key's policy when they are created.
        key_ready = [self.key] if self.key is not None else []

        def queue_args(function_timeout: int, extra=lambda arn: []) -> QueueWithDeadLetterArgs:
            return QueueWithDeadLetterArgs(
                function_timeout_seconds=function_timeout,
                batching_window_seconds=s.batching_window_seconds,
                max_receive_count=s.max_receive_count,
                message_retention_seconds=s.message_retention_seconds,
                kms_key_arn=key_arn,
                extra_statements=extra,
            )

        def function(role: str, handler: str, trigger: QueueWithDeadLetter, sizing: FunctionSettings,
                     env: contract.LambdaEnv, statements: list[dict]) -> PipelineFunction:
            return PipelineFunction(
                f"{name}-{role}",
                PipelineFunctionArgs(
                    function_name=f"{prefix}-{role}",
                    role_name=f"{prefix}-{role}",
                    handler=handler,
                    code=args.code,
                    trigger=trigger,
                    architecture=s.architecture,
                    memory_mb=sizing.memory_mb,
                    timeout_seconds=sizing.timeout_seconds,
                    batch_size=s.batch_size,
                    batching_window_seconds=s.batching_window_seconds,
                    log_retention_days=s.log_retention_days,
                    maximum_concurrency=s.maximum_concurrency,
                    environment=env.to_env(),
                    statements=[*statements, *grants.queue("DecryptTriggerQueue", receive=True)],
                    log_kms_key_arn=key_arn,
                    log_depends_on=key_ready,
                ),
                child,
            )

        self.events = QueueWithDeadLetter(f"{name}-events", queue_args(s.consumer.timeout_seconds), child)
        self.indexing = QueueWithDeadLetter(
            f"{name}-indexing",
            queue_args(s.indexer.timeout_seconds, lambda arn: [lake_may_send(arn, bucket_arn, args.account_id)]),
            child,
        )
        self.index = IndexTable(
            f"{name}-index",
            IndexTableArgs(point_in_time_recovery=s.point_in_time_recovery, deletion_protection=s.deletion_protection,
                           kms_key_arn=key_arn),
            child,
        )
        # Both functions read the erasure entries ``droplets forget`` writes in the index
        # (droplets.contract.erasure), and nothing else of the table through these actions.
        read_erasures = {
            "Sid": "ReadErasures",
            "Effect": "Allow",
            "Action": "dynamodb:BatchGetItem",
            "Resource": self.index.arn,
            "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": [erasure.ERASED_LEADING_KEYS]}},
        }
        decrypt_index = grants.table("DecryptIndex", self.index.name)

        # --- consumer: events queue -> chain -> lake -----------------------------------
        consumer_statements: list[dict] = [{
            "Sid": "WriteEventsAndBadRows",
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": [
                pulumi.Output.concat(bucket_arn, "/", contract.EVENTS_PREFIX, "*"),
                pulumi.Output.concat(bucket_arn, "/", contract.BAD_PREFIX, "*"),
            ],
        }, read_erasures, *grants.lake("EncryptLakeObjects", bucket_arn, write=True), *decrypt_index]
        self.pii_key = None
        if s.pii_hash_key is not None:
            # The key stays a secret end to end: encrypted in the state, a SecureString in
            # SSM, read by the consumer at cold start. The function only gets its name.
            self.pii_key = aws.ssm.Parameter(
                f"{name}-pii-key",
                name=pii_key_name,
                type="SecureString",  # with the stack's key, or the AWS-managed aws/ssm key
                value=s.pii_hash_key,
                description="droplets: HMAC key of the pii transform's hash mode",
                **({"key_id": key_arn} if key_arn is not None else {}),
                opts=child,
            )
            consumer_statements.append({
                "Sid": "ReadPiiHashKey",
                "Effect": "Allow",
                "Action": "ssm:GetParameter",
                "Resource": self.pii_key.arn,
            })
            consumer_statements += grants.parameter("DecryptPiiHashKey", self.pii_key.arn)
        self.consumer = function("consumer", CONSUMER_HANDLER, self.events, s.consumer, contract.ConsumerEnv(
            bucket=self.lake.name,
            table=self.index.name,
            transforms=s.transforms,
            transform_options=s.transform_options,
            plugin_modules=s.plugin_modules,
            pii_key_param=self.pii_key.name if self.pii_key is not None else None,
            bad_row_payload=s.bad_row_payload,
        ), consumer_statements)

        # --- indexer: lake notifications -> index ----------------------------------------
        self.notification = LakeNotification(
            f"{name}-notification",
            LakeNotificationArgs(
                bucket_id=self.lake.bucket.id,
                queue_arn=self.indexing.queue.arn,
                depends_on=[self.indexing.queue_policy, *key_ready],
            ),
            child,
        )
        self.indexer = function(
            "indexer", INDEXER_HANDLER, self.indexing, s.indexer,
            contract.IndexerEnv(table=self.index.name, retention_days=s.retention_days, index_shards=s.index_shards),
            [
            {
                "Sid": "ReadEvents",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": pulumi.Output.concat(bucket_arn, "/", contract.EVENTS_PREFIX, "*"),
            },
            {
                # Without it S3 answers 403, not 404 NoSuchKey, for an object deleted since
                # its event, and the indexer would retry a message that is done. Limited to
                # listing under events/ (the indexer lists the key it was told about when
                # S3 answers 403: handlers.indexer).
                "Sid": "TellMissingObjects",
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": bucket_arn,
                "Condition": {"StringLike": {"s3:prefix": [f"{contract.EVENTS_PREFIX}*"]}},
            },
            {
                "Sid": "WriteIndex",
                "Effect": "Allow",
                "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem"],
                "Resource": self.index.arn,
                # Session items only: the indexer can neither write nor remove an
                # erasure entry (only the operator's forget does), nor replace or delete
                # the GSI's layout item (readers would stop looking at some shards).
                "Condition": {"ForAllValues:StringNotLike": {
                    "dynamodb:LeadingKeys": [erasure.ERASED_LEADING_KEYS, contract.LAYOUT_PARTITION]}},
            },
            {
                # At cold start, the indexer adds its shard count to the layout item (an
                # UpdateItem ADD to a set), and may touch no other item this way.
                "Sid": "RegisterIndexShards",
                "Effect": "Allow",
                "Action": "dynamodb:UpdateItem",
                "Resource": self.index.arn,
                "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [contract.LAYOUT_PARTITION]}},
            },
            read_erasures,
            *grants.lake("DecryptLakeObjects", bucket_arn, read=True),
            *decrypt_index,
            ],
        )

        # --- around the pipeline ------------------------------------------------------------
        self.catalog = Catalog(
            f"{name}-catalog",
            CatalogArgs(
                database_name=prefix,
                workgroup_name=prefix,
                bucket_name=self.lake.name,
                retention_days=s.retention_days,
                force_destroy=s.force_destroy,
                compacted_retention_days=s.compaction.retention_days,
                kms_key_arn=key_arn,
            ),
            child,
        )
        self.compaction = None
        if s.compaction.enabled:
            self.compaction = Compaction(
                f"{name}-compaction",
                CompactionArgs(
                    state_machine_name=f"{prefix}-compaction",
                    role_name=f"{prefix}-compaction",  # named: the bucket policy names its ARN
                    schedule_name=f"{prefix}-compaction",
                    bucket_name=self.lake.name,
                    bucket_arn=bucket_arn,
                    database_name=self.catalog.database_name,
                    workgroup_name=self.catalog.workgroup_name,
                    workgroup_arn=self.catalog.workgroup.arn,
                    table_arns=[self.catalog.table.arn, self.catalog.parquet_table.arn, self.catalog.manifests_table.arn],
                    account_id=args.account_id,
                    region=region,
                    grace_hours=s.compaction.grace_hours,
                    lookback_days=s.compaction.lookback_days,
                    compacted_retention_days=s.compaction.retention_days,
                    key_statements=grants.lake("UseLakeKey", bucket_arn, read=True, write=True),
                ),
                child,
            )
        self.alarms = None
        if s.alarms:
            self.alarms = Alarms(
                f"{name}-alarms",
                AlarmsArgs(
                    account_id=args.account_id,
                    region=region,
                    topic_name=f"{prefix}-alarms",
                    dead_letter_queues={
                        "events": self.events.dead_letter_queue.name,
                        "indexing": self.indexing.dead_letter_queue.name,
                    },
                    source_queues={"events": self.events.queue.name, "indexing": self.indexing.queue.name},
                    functions={"consumer": self.consumer.name, "indexer": self.indexer.name},
                    oldest_message_seconds=s.oldest_message_alarm_seconds,
                    email=s.alarm_email,
                    state_machines={"compaction": self.compaction.state_machine_arn} if self.compaction else {},
                ),
                child,
            )
        self.producer = ProducerAccess(f"{name}-producer", ProducerAccessArgs(
            queue_arn=self.events.queue.arn,
            key_statements=grants.queue("EncryptEvents", send=True),
        ), child)
        self.operator = OperatorAccess(f"{name}-operator", OperatorAccessArgs(
            bucket_arn=bucket_arn,
            table_arn=self.index.arn,
            workgroup_arn=self.catalog.workgroup_arn,
            glue_arns=[
                pulumi.Output.concat("arn:", partition, ":glue:", region, ":", args.account_id, ":catalog"),
                self.catalog.database_arn,
                *self.catalog.table_arns,
            ],
            dead_letter_queue_arns=[self.events.dead_letter_queue.arn, self.indexing.dead_letter_queue.arn],
            source_queue_arns=[self.events.queue.arn, self.indexing.queue.arn],
            key_statements=[
                *grants.queue("UseQueueKey", send=True, receive=True),
                *grants.lake("UseLakeKey", bucket_arn, read=True, write=True),
                *grants.table("UseIndexKey", self.index.name),
            ],
        ), child)

        # The stack outputs, in the contract's order (a contract output without a value
        # here fails the preview); ``__main__.py`` exports them as they are.
        values = {
            contract.OUTPUT_QUEUE_URL: self.events.queue.url,
            contract.OUTPUT_QUEUE_ARN: self.events.queue.arn,
            contract.OUTPUT_DLQ_URL: self.events.dead_letter_queue.url,
            contract.OUTPUT_BUCKET: self.lake.name,
            contract.OUTPUT_TABLE: self.index.name,
            contract.OUTPUT_INDEX_QUEUE_URL: self.indexing.queue.url,
            contract.OUTPUT_INDEX_DLQ_URL: self.indexing.dead_letter_queue.url,
            contract.OUTPUT_PRODUCER_POLICY_ARN: self.producer.policy_arn,
            contract.OUTPUT_OPERATOR_POLICY_ARN: self.operator.policy_arn,
            contract.OUTPUT_GLUE_DATABASE: self.catalog.database_name,
            contract.OUTPUT_GLUE_TABLE: self.catalog.table_name,
            contract.OUTPUT_ATHENA_WORKGROUP: self.catalog.workgroup_name,
            contract.OUTPUT_REGION: region,
        }
        self.outputs: dict[str, pulumi.Output] = {output: values[output] for output in contract.STACK_OUTPUTS}
        self.register_outputs(self.outputs)

"""The Pulumi program (``__main__.py``) under mocks, for both committed stacks.

Each test runs the real program with ``Pulumi.<stack>.yaml``'s config and checks what it
registered once every resource is in (``run.settled()``). Most tests are ``@program_test``s
(:mod:`tests.infra.harness`): their checks run inside a ``@pulumi.runtime.test`` that returns
the Output they hang on (an Output nobody awaits would never run its checks). A test that
also needs pytest's parameters or fixtures writes that function itself.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pulumi
import pytest

from components.config import DLQ_RETENTION_SECONDS, LOG_RETENTION_DAYS
from droplets import contract
from droplets.contract import erasure
from droplets.dlq import PAIRS as DLQ_PAIRS
from tests.infra.harness import ACCOUNT, EXPORTS, ROOT, STACKS, ProgramRun, program_test, run_program, stack_config
from tests.infra.policies import FUNCTION, MAPPING, QUEUE, ROLE_POLICY, as_list, statements

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


COMPONENTS = {
    "droplets": "droplets:index:DropletsPipeline",
    "droplets-events": "droplets:index:QueueWithDeadLetter",
    "droplets-indexing": "droplets:index:QueueWithDeadLetter",
    "droplets-lake": "droplets:index:LakeBucket",
    "droplets-index": "droplets:index:IndexTable",
    "droplets-consumer": "droplets:index:PipelineFunction",
    "droplets-indexer": "droplets:index:PipelineFunction",
    "droplets-notification": "droplets:index:LakeNotification",
    "droplets-catalog": "droplets:index:Catalog",
    "droplets-producer": "droplets:index:ProducerAccess",
    "droplets-operator": "droplets:index:OperatorAccess",
    "droplets-alarms": "droplets:index:Alarms",
    "droplets-key": "droplets:index:StackKey",
    "droplets-compaction": "droplets:index:Compaction",
}


def config(stack: str, key: str, default=None) -> str | None:
    return stack_config(stack).get(f"droplets:{key}", default)


def creates_key(stack: str) -> bool:
    """Whether the committed stack has droplets:kms create (its details: test_hardening.py)."""
    return config(stack, "kms", "aws-managed") == "create"


def queue_by_arn(run: ProgramRun, arn: str):
    (queue,) = [q for q in run.all(QUEUE) if q.state["arn"] == arn]
    return queue


# --- shape ---------------------------------------------------------------------------------


@program_test()
def test_exports_every_output_with_real_values(run, outputs):
    # GIVEN a committed stack WHEN the program runs
    # THEN it exports exactly the documented outputs, all resolved to real identifiers
    assert sorted(outputs) == sorted(EXPORTS)
    assert outputs["queueUrl"].startswith("https://sqs.") and "droplets-events-queue" in outputs["queueUrl"]
    assert outputs["queueArn"].startswith("arn:aws:sqs:") and outputs["queueArn"].endswith(outputs["queueUrl"].rsplit("/", 1)[1])
    assert "droplets-events-dlq" in outputs["dlqUrl"]
    assert "droplets-indexing-queue" in outputs["indexQueueUrl"]
    assert "droplets-indexing-dlq" in outputs["indexDlqUrl"]
    assert outputs["bucketName"] == run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").id
    assert outputs["tableName"] == run.one("aws:dynamodb/table:Table", "droplets-index-table").state["name"]
    assert outputs["producerPolicyArn"].startswith(f"arn:aws:iam::{ACCOUNT}:policy/")
    assert outputs["glueDatabase"] == f"droplets_{run.stack}"
    assert outputs["glueTable"] == "events"
    assert outputs["athenaWorkgroup"] == f"droplets-{run.stack}"
    assert outputs["region"] == stack_config(run.stack)["aws:region"]


@program_test()
def test_every_component_present_and_every_resource_parented(run, outputs):
    components = {r.name: r.typ for r in run.mocks.registered if not r.custom}
    expected = dict(COMPONENTS)
    if config(run.stack, "alarms") == "false":
        expected.pop("droplets-alarms")
    if not creates_key(run.stack):
        expected.pop("droplets-key")
    # THEN each concern is its own component, under the pipeline
    assert components == expected
    for reg in run.mocks.registered:
        # every resource sits under the pipeline, each child named f"{parent}-<role>"
        chain = [reg]
        while chain[-1].name != "droplets":
            chain.append(_parent(run, chain[-1]))
            assert chain[-2].name.startswith(chain[-1].name + "-"), (chain[-2].name, chain[-1].name)
        assert chain[-1].parent_types == ["pulumi:pulumi:Stack"]


def _parent(run: ProgramRun, reg):
    """The component ``reg`` was registered under (its URN names the parent's type)."""
    parent_type = reg.parent_types[-1]
    candidates = [r for r in run.mocks.registered if r.typ == parent_type and reg.name.startswith(r.name + "-")]
    assert candidates, f"{reg.name}: no {parent_type} whose name prefixes it"
    return max(candidates, key=lambda r: len(r.name))


# --- least privilege -----------------------------------------------------------------------


@program_test()
def test_each_role_allows_exactly_what_its_handler_needs(run, outputs):
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
    table = run.one("aws:dynamodb/table:Table", "droplets-index-table").state["arn"]
    events = run.one(QUEUE, "droplets-events-queue").state["arn"]
    indexing = run.one(QUEUE, "droplets-indexing-queue").state["arn"]
    trigger = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
    logs = ["logs:CreateLogStream", "logs:PutLogEvents"]

    def log_arn(role):
        return run.one("aws:cloudwatch/logGroup:LogGroup", f"droplets-{role}-logs").state["arn"] + ":*"

    expected = {
        "consumer": {
            "WriteOwnLogs": (logs, [log_arn("consumer")]),
            "ConsumeTriggerQueue": (trigger, [events]),
            "WriteEventsAndBadRows": (["s3:PutObject"], [f"{bucket}/events/*", f"{bucket}/bad/*"]),
            "ReadErasures": (["dynamodb:BatchGetItem"], [table]),
        },
        "indexer": {
            "WriteOwnLogs": (logs, [log_arn("indexer")]),
            "ConsumeTriggerQueue": (trigger, [indexing]),
            "ReadEvents": (["s3:GetObject"], [f"{bucket}/events/*"]),
            "TellMissingObjects": (["s3:ListBucket"], [bucket]),
            "WriteIndex": (["dynamodb:DeleteItem", "dynamodb:PutItem"], [table]),
            "RegisterIndexShards": (["dynamodb:UpdateItem"], [table]),
            "ReadErasures": (["dynamodb:BatchGetItem"], [table]),
        },
    }
    if creates_key(run.stack):
        # The key's uses (conditions: tests/infra/test_hardening.py)
        key = run.one("aws:kms/key:Key", "droplets-key-key").state["arn"]
        expected["consumer"].update({"DecryptTriggerQueue": (["kms:Decrypt"], [key]),
                                     "EncryptLakeObjects": (["kms:GenerateDataKey"], [key]),
                                     "DecryptIndex": (["kms:Decrypt"], [key])})
        expected["indexer"].update({"DecryptTriggerQueue": (["kms:Decrypt"], [key]),
                                    "DecryptLakeObjects": (["kms:Decrypt"], [key]),
                                    "DecryptIndex": (["kms:Decrypt"], [key])})
    # The statements on the table are limited to a partition (dynamodb:LeadingKeys);
    # test_erasure_entries_are_readable_by_both_functions_and_writable_by_neither checks how.
    # Listing is limited to events/ (s3:prefix), the key's uses to a service.
    conditioned = {"ReadErasures", "WriteIndex", "RegisterIndexShards", "TellMissingObjects", "DecryptTriggerQueue",
                   "EncryptLakeObjects", "DecryptLakeObjects", "DecryptIndex"}
    # the functions' two, and the compaction's (tests/infra/test_compaction.py checks those)
    assert sorted(p.name for p in run.all(ROLE_POLICY)) == [
        "droplets-compaction-policy", "droplets-compaction-scheduler-policy", "droplets-consumer-policy",
        "droplets-indexer-policy"]
    for role, wanted in expected.items():
        policy = run.one(ROLE_POLICY, f"droplets-{role}-policy")
        assert policy.plain("role") == run.one("aws:iam/role:Role", f"droplets-{role}-role").id
        got = statements(policy.document())
        assert set(got) == set(wanted), role
        for sid, (actions, resources) in wanted.items():
            assert got[sid]["Effect"] == "Allow" and ("Condition" in got[sid]) is (sid in conditioned), (role, sid)
            assert sorted(as_list(got[sid]["Action"])) == sorted(actions), (role, sid)
            assert sorted(as_list(got[sid]["Resource"])) == sorted(resources), (role, sid)
        # the role is for Lambda only
        trust = run.one("aws:iam/role:Role", f"droplets-{role}-role").document("assumeRolePolicy")
        assert trust["Statement"] == [{
            "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole",
        }]
    assert not run.all("aws:iam/rolePolicyAttachment:RolePolicyAttachment")  # no managed policies sneak in


@program_test()
def test_erasure_entries_are_readable_by_both_functions_and_writable_by_neither(run, outputs):
    # GIVEN the program WHEN it runs
    table = run.one("aws:dynamodb/table:Table", "droplets-index-table").state["arn"]
    erased_partition = erasure.erased_partition("sess-0000-erased")
    for role in ("consumer", "indexer"):
        # the policy document, parsed as IAM will parse it
        got = statements(json.loads(run.one(ROLE_POLICY, f"droplets-{role}-policy").plain("policy")))
        # THEN each function may BatchGetItem on the table, only in the erasure partition
        read = got["ReadErasures"]
        assert read["Effect"] == "Allow"
        assert as_list(read["Action"]) == ["dynamodb:BatchGetItem"]
        assert as_list(read["Resource"]) == [table]
        assert read["Condition"] == {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["_erased#*"]}}
        assert fnmatch.fnmatchcase(erased_partition, "_erased#*")
        assert not fnmatch.fnmatchcase("sess-0000-erased", "_erased#*")
        # AND no statement lets it write, delete or query anything in that partition: each
        # either excludes it or names partitions outside it
        for sid, statement in got.items():
            actions = as_list(statement["Action"])
            if table not in as_list(statement["Resource"]) or sid == "ReadErasures" or actions == ["kms:Decrypt"]:
                continue
            (operator, condition), = statement["Condition"].items()
            leading = condition["dynamodb:LeadingKeys"]
            if operator == "ForAllValues:StringNotLike":
                assert erasure.ERASED_LEADING_KEYS in leading, (role, sid)
            else:
                assert operator == "ForAllValues:StringEquals", (role, sid)
                assert not any(fnmatch.fnmatchcase(key, erasure.ERASED_LEADING_KEYS) for key in leading), (role, sid)
            assert not {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"} & set(actions), (role, sid)
    # AND the consumer knows the table; it reads no index item, only erasure entries
    consumer_env = run.one(FUNCTION, "droplets-consumer-function").plain("environment")["variables"]
    assert consumer_env[contract.ENV_TABLE] == run.one("aws:dynamodb/table:Table", "droplets-index-table").state["name"]


@program_test()
def test_the_indexer_gets_its_shard_count_and_may_only_add_to_the_layout_item(run, outputs):
    # GIVEN the program WHEN it runs
    env = run.one(FUNCTION, "droplets-indexer-function").plain("environment")["variables"]
    # THEN the indexer is told the shard count (the stack files set none: the default)
    assert env[contract.ENV_INDEX_SHARDS] == str(contract.DEFAULT_INDEX_SHARDS)
    assert contract.IndexerEnv.from_env(env).index_shards == contract.DEFAULT_INDEX_SHARDS
    assert config(run.stack, "indexShards") is None
    got = statements(json.loads(run.one(ROLE_POLICY, "droplets-indexer-policy").plain("policy")))
    # AND its one UpdateItem is on the layout item's partition alone
    register = got["RegisterIndexShards"]
    assert as_list(register["Action"]) == ["dynamodb:UpdateItem"]
    assert register["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [contract.LAYOUT_PARTITION]}}
    # AND it can neither replace nor delete the layout item (readers would lose shards)
    assert contract.LAYOUT_PARTITION in got["WriteIndex"]["Condition"]["ForAllValues:StringNotLike"]["dynamodb:LeadingKeys"]
    # AND no other statement of either function allows UpdateItem
    for role in ("consumer", "indexer"):
        for sid, statement in statements(json.loads(run.one(ROLE_POLICY, f"droplets-{role}-policy").plain("policy"))).items():
            if sid != "RegisterIndexShards":
                assert "dynamodb:UpdateItem" not in as_list(statement["Action"]), (role, sid)


@program_test("prod", overrides={"droplets:indexShards": "16"})
def test_a_configured_shard_count_reaches_the_indexer(run, outputs):
    # GIVEN prod with droplets:indexShards set WHEN the program runs
    env = run.one(FUNCTION, "droplets-indexer-function").plain("environment")["variables"]
    # THEN the indexer's environment carries it, as the contract decodes it
    assert contract.IndexerEnv.from_env(env).index_shards == 16
    # AND the GSI keeps its schema (no index rebuild: only the values of "day" change)
    table = run.one("aws:dynamodb/table:Table", "droplets-index-table")
    (gsi,) = table.plain("globalSecondaryIndexes")
    assert [k["attributeName"] for k in gsi["keySchemas"]] == [contract.DAY_INDEX_PK, contract.DAY_INDEX_SK]


#: The only places a "*" may appear, each required by AWS (and commented in the code).
KEY_POLICY_STAR = ("aws:kms/key:Key", "Resource")


@program_test()
def test_no_wildcards_except_where_aws_requires_them(run, outputs):
    documents = {
        "aws:iam/rolePolicy:RolePolicy": "policy",
        "aws:iam/policy:Policy": "policy",
        "aws:iam/role:Role": "assumeRolePolicy",
        "aws:s3/bucketPolicy:BucketPolicy": "policy",
        "aws:sqs/queuePolicy:QueuePolicy": "policy",
        "aws:kms/key:Key": "policy",
    }
    seen = 0
    for typ, key in documents.items():
        for reg in run.all(typ):
            for statement in reg.document(key)["Statement"]:
                seen += 1
                resources = as_list(statement.get("Resource", []))
                actions = as_list(statement["Action"])
                if typ == "aws:kms/key:Key":
                    # A key policy's Resource must be "*" (it means "this key").
                    assert resources == ["*"]
                    continue
                assert "*" not in resources, (reg.name, statement)
                assert all(r.startswith("arn:aws:") for r in resources), (reg.name, statement)
                if statement["Effect"] == "Allow":
                    assert not any("*" in a for a in actions), (reg.name, statement)
                    assert statement.get("Principal") != "*", (reg.name, statement)
                else:
                    # the TLS-only denies (every S3 or SQS action) and the lake's denies
                    # to principals the stack does not name are for every principal
                    assert statement["Sid"] in ("DenyInsecureTransport", "DenyReadsByUnnamedPrincipals"), (reg.name, statement)
                    assert statement["Principal"] == "*" and statement["Condition"], (reg.name, statement)
    assert seen >= 10


@program_test()
def test_producer_policy_only_sends_to_the_events_queue(run, outputs):
    policy = run.one("aws:iam/policy:Policy", "droplets-producer-policy")
    assert outputs["producerPolicyArn"] == policy.state["arn"]
    # SendMessage also authorises SendMessageBatch (SQS has no separate action for it)
    send, *key_use = policy.document()["Statement"]
    assert send == {
        "Sid": "SendEvents", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": outputs["queueArn"],
    }
    # AND with a customer-managed key, the data keys sending needs (test_hardening.py)
    assert [s["Sid"] for s in key_use] == (["EncryptEvents"] if creates_key(run.stack) else [])


# --- the functions and their queues ----------------------------------------------------------


@program_test()
def test_functions_runtime_code_environment_and_logs(run, outputs):
    architecture = config(run.stack, "architecture", "arm64")
    env = {
        "consumer": {
            contract.ENV_BUCKET: outputs["bucketName"],
            contract.ENV_TABLE: outputs["tableName"],
            contract.ENV_TRANSFORMS: ",".join(contract.DEFAULT_TRANSFORMS),
            contract.ENV_TRANSFORM_CONFIG: "{}",
        },
        "indexer": {
            contract.ENV_TABLE: outputs["tableName"],
            contract.ENV_RETENTION_DAYS: config(run.stack, "retentionDays"),
            contract.ENV_INDEX_SHARDS: str(contract.DEFAULT_INDEX_SHARDS),
        },
    }
    for role, handler in (("consumer", "handlers.consumer.handler"), ("indexer", "handlers.indexer.handler")):
        fn = run.one(FUNCTION, f"droplets-{role}-function")
        name = f"droplets-{run.stack}-{role}"
        assert fn.plain("name") == name
        assert fn.plain("handler") == handler
        assert fn.plain("runtime") == "python3.13"
        assert fn.plain("architectures") == [architecture]
        assert fn.plain("memorySize") == int(config(run.stack, f"{role}MemoryMb"))
        assert fn.plain("timeout") == int(config(run.stack, f"{role}TimeoutSeconds", {"consumer": 60, "indexer": 30}[role]))
        assert fn.plain("environment") == {"variables": env[role]}
        assert fn.plain("role") == run.one("aws:iam/role:Role", f"droplets-{role}-role").state["arn"]
        # the bundle built for this architecture, from the cache
        code = fn.inputs["code"]
        assert isinstance(code, pulumi.FileArchive)
        assert Path(code.path).name.startswith(f"droplets-{architecture}-py3.13-") and Path(code.path).is_file()
        # logs: created first, with the stack's retention, and the function writes there
        group = run.one("aws:cloudwatch/logGroup:LogGroup", f"droplets-{role}-logs")
        assert group.plain("name") == f"/aws/lambda/{name}"
        assert group.plain("retentionInDays") == int(config(run.stack, "logRetentionDays"))
        assert group.plain("retentionInDays") in LOG_RETENTION_DAYS
        assert fn.plain("loggingConfig") == {"logFormat": "JSON", "logGroup": f"/aws/lambda/{name}"}
        # the role may write its logs before the first invocation (the log group is
        # an input, loggingConfig, so it is created first anyway)
        assert run.one(ROLE_POLICY, f"droplets-{role}-policy").urn in fn.explicit_dependencies


@program_test()
def test_event_source_mappings_report_partial_failures(run, outputs):
    for role, queue in (("consumer", "droplets-events-queue"), ("indexer", "droplets-indexing-queue")):
        mapping = run.one(MAPPING, f"droplets-{role}-trigger")
        assert mapping.plain("functionResponseTypes") == ["ReportBatchItemFailures"]
        assert mapping.plain("eventSourceArn") == run.one(QUEUE, queue).state["arn"]
        assert mapping.plain("functionName") == run.one(FUNCTION, f"droplets-{role}-function").state["arn"]
        assert mapping.plain("batchSize") == int(config(run.stack, "batchSize"))
        assert mapping.plain("maximumBatchingWindowInSeconds") == int(config(run.stack, "batchingWindowSeconds"))
        # Lambda checks the role when the mapping is created: the policy must exist first
        assert run.one(ROLE_POLICY, f"droplets-{role}-policy").urn in mapping.explicit_dependencies


@program_test()
def test_visibility_timeout_is_at_least_six_times_the_function_timeout(run, outputs):
    for mapping in run.all(MAPPING):
        queue = queue_by_arn(run, mapping.plain("eventSourceArn"))
        (fn,) = [f for f in run.all(FUNCTION) if f.state["arn"] == mapping.plain("functionName")]
        window = mapping.plain("maximumBatchingWindowInSeconds")
        assert queue.plain("visibilityTimeoutSeconds") >= 6 * fn.plain("timeout")
        assert queue.plain("visibilityTimeoutSeconds") == 6 * fn.plain("timeout") + window


@program_test()
def test_queues_encrypted_and_redrive_to_a_longer_lived_dlq(run, outputs):
    queues = {q.name: q for q in run.all(QUEUE)}
    assert set(queues) == {"droplets-events-queue", "droplets-events-dlq", "droplets-indexing-queue", "droplets-indexing-dlq"}
    for queue in queues.values():
        if creates_key(run.stack):  # SSE-KMS with the stack's key (test_hardening.py)
            assert queue.plain("kmsMasterKeyId") == run.one("aws:kms/key:Key", "droplets-key-key").state["arn"]
            assert not queue.plain("sqsManagedSseEnabled")
        else:
            assert queue.plain("sqsManagedSseEnabled") is True  # SSE-SQS: S3 can still notify
            assert not queue.plain("kmsMasterKeyId")
    for source in ("droplets-events", "droplets-indexing"):
        queue, dlq = queues[f"{source}-queue"], queues[f"{source}-dlq"]
        redrive = json.loads(queue.plain("redrivePolicy"))
        assert redrive == {"deadLetterTargetArn": dlq.state["arn"], "maxReceiveCount": int(config(run.stack, "maxReceiveCount"))}
        assert queue.plain("messageRetentionSeconds") == int(config(run.stack, "messageRetentionSeconds"))
        assert dlq.plain("messageRetentionSeconds") == DLQ_RETENTION_SECONDS
        assert dlq.plain("messageRetentionSeconds") > queue.plain("messageRetentionSeconds")
        assert not dlq.plain("redrivePolicy")


# --- storage ---------------------------------------------------------------------------------


@program_test()
def test_bucket_encrypted_private_tls_only_and_expiring(run, outputs):
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket")
    name, arn = bucket.id, bucket.state["arn"]
    assert bucket.plain("forceDestroy") is (config(run.stack, "forceDestroy") == "true")

    sse = run.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "droplets-lake-encryption")
    assert sse.plain("bucket") == name
    if creates_key(run.stack):  # SSE-KMS with a bucket key (test_hardening.py)
        assert sse.plain("rules")[0]["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "aws:kms"
    else:
        assert sse.plain("rules") == [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]

    block = run.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "droplets-lake-public-access")
    assert block.plain("bucket") == name
    for flag in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"):
        assert block.plain(flag) is True, flag
    ownership = run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "droplets-lake-ownership")
    assert ownership.plain("rule") == {"objectOwnership": "BucketOwnerEnforced"}

    policy = run.one("aws:s3/bucketPolicy:BucketPolicy", "droplets-lake-policy")
    assert policy.plain("bucket") == name
    tls, *named = policy.document()["Statement"]
    assert tls == {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [arn, f"{arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    # AND reads only for named roles (test_hardening.py)
    assert [st["Sid"] for st in named] == ["DenyReadsByUnnamedPrincipals"]

    days = int(config(run.stack, "retentionDays"))
    versioned = config(run.stack, "lakeVersioning") == "true"
    rules = {r["id"]: r for r in run.one(
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "droplets-lake-lifecycle").plain("rules")}
    for rule_id, prefix in (("expire-events", contract.EVENTS_PREFIX), ("expire-bad-rows", contract.BAD_PREFIX)):
        rule = rules[rule_id]
        assert rule["status"] == "Enabled" and rule["filter"] == {"prefix": prefix}
        assert rule["expiration"] == {"days": days}
        assert rule["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 1}
        assert ("noncurrentVersionExpiration" in rule) is versioned
    assert rules["expire-athena-results"]["filter"] == {"prefix": "athena-results/"}
    assert ("remove-expired-delete-markers" in rules) is versioned
    assert len(run.all("aws:s3/bucketVersioning:BucketVersioning")) == int(versioned)


@program_test()
def test_notification_to_the_index_queue_after_its_restricted_policy(run, outputs):
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket")
    queue = run.one(QUEUE, "droplets-indexing-queue")
    queue_policy = run.one("aws:sqs/queuePolicy:QueuePolicy", "droplets-indexing-queue-policy")
    assert queue_policy.plain("queueUrl") == outputs["indexQueueUrl"]
    assert queue_policy.document()["Statement"][1:] == [{
        "Sid": "LakeBucketNotifications",
        "Effect": "Allow",
        "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": queue.state["arn"],
        "Condition": {
            "ArnEquals": {"aws:SourceArn": bucket.state["arn"]},
            "StringEquals": {"aws:SourceAccount": ACCOUNT},
        },
    }]
    notification = run.one("aws:s3/bucketNotification:BucketNotification", "droplets-notification-notification")
    assert notification.plain("bucket") == bucket.id
    assert notification.plain("queues") == [{
        "queueArn": queue.state["arn"],
        "events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*"],
        "filterPrefix": contract.EVENTS_PREFIX,
    }]
    # THEN it depends on the queue policy, though no input refers to it
    assert queue_policy.urn in notification.explicit_dependencies


@program_test()
def test_index_table_as_designed(run, outputs):
    table = run.one("aws:dynamodb/table:Table", "droplets-index-table")
    assert table.plain("billingMode") == "PAY_PER_REQUEST"
    assert (table.plain("hashKey"), table.plain("rangeKey")) == (contract.INDEX_PK, contract.INDEX_SK)
    assert sorted(a["name"] for a in table.plain("attributes")) == sorted(
        [contract.INDEX_PK, contract.INDEX_SK, contract.DAY_INDEX_PK, contract.DAY_INDEX_SK])
    assert all(a["type"] == "S" for a in table.plain("attributes"))
    assert table.plain("globalSecondaryIndexes") == [{
        "name": contract.DAY_INDEX,
        "keySchemas": [
            {"attributeName": contract.DAY_INDEX_PK, "keyType": "HASH"},
            {"attributeName": contract.DAY_INDEX_SK, "keyType": "RANGE"},
        ],
        "projectionType": "ALL",
    }]
    assert table.plain("ttl") == {"attributeName": contract.TTL_ATTRIBUTE, "enabled": True}
    assert table.plain("pointInTimeRecovery") == {"enabled": config(run.stack, "pointInTimeRecovery") == "true"}
    assert table.plain("deletionProtectionEnabled") is (config(run.stack, "deletionProtection") == "true")
    if creates_key(run.stack):  # the stack's key (test_hardening.py)
        assert table.plain("serverSideEncryption") == {
            "enabled": True, "kmsKeyArn": run.one("aws:kms/key:Key", "droplets-key-key").state["arn"]}
    else:
        assert table.plain("serverSideEncryption") == {"enabled": True}


@program_test()
def test_catalog_projects_day_partitions_and_workgroup_enforces_results(run, outputs):
    bucket = outputs["bucketName"]
    table = run.one("aws:glue/catalogTable:CatalogTable", "droplets-catalog-table")
    assert table.plain("databaseName") == outputs["glueDatabase"]
    params = table.plain("parameters")
    assert params["projection.enabled"] == "true"
    assert params["projection.dt.type"] == "date" and params["projection.dt.format"] == "yyyy-MM-dd"
    assert params["projection.dt.range"] == f"NOW-{config(run.stack, 'retentionDays')}DAYS,NOW+1DAYS"
    assert params["storage.location.template"] == f"s3://{bucket}/events/dt=${{dt}}/"
    assert table.plain("partitionKeys") == [{"name": "dt", "type": "string"}]
    storage = table.plain("storageDescriptor")
    assert storage["location"] == f"s3://{bucket}/{contract.EVENTS_PREFIX}"
    assert storage["serDeInfo"]["serializationLibrary"] == "org.openx.data.jsonserde.JsonSerDe"
    columns = {c["name"]: c["type"] for c in storage["columns"]}
    assert list(columns)[:5] == ["v", "event_id", "session_id", "session_invalid", "occurred_at"]
    assert columns["request"].startswith("struct<method:string,path:string,route:string,query:string,")
    assert columns["response"].startswith("struct<status:bigint,")
    assert columns["duration_ms"] == "double" and "pipeline" in columns and "dt" not in columns

    workgroup = run.one("aws:athena/workgroup:Workgroup", "droplets-catalog-workgroup")
    assert workgroup.plain("name") == outputs["athenaWorkgroup"]
    assert workgroup.plain("forceDestroy") is (config(run.stack, "forceDestroy") == "true")
    conf = workgroup.plain("configuration")
    assert conf["enforceWorkgroupConfiguration"] is True
    encryption = ({"encryptionOption": "SSE_KMS", "kmsKeyArn": run.one("aws:kms/key:Key", "droplets-key-key").state["arn"]}
                  if creates_key(run.stack) else {"encryptionOption": "SSE_S3"})
    assert conf["resultConfiguration"] == {
        "outputLocation": f"s3://{bucket}/athena-results/",
        "encryptionConfiguration": encryption,
    }


@program_test()
def test_alarms_where_configured(run, outputs):
    alarms = {a.name: a for a in run.all("aws:cloudwatch/metricAlarm:MetricAlarm")}
    if config(run.stack, "alarms") == "false":
        assert not alarms and not run.all("aws:sns/topic:Topic")
        return
    topic = run.one("aws:sns/topic:Topic", "droplets-alarms-topic")
    key = run.one("aws:kms/key:Key", "droplets-alarms-key")
    assert topic.plain("kmsMasterKeyId") == key.state["arn"]  # encrypted, with a key CloudWatch may use
    assert key.plain("enableKeyRotation") is True
    cloudwatch = statements(key.document())["CloudWatchAlarmsPublish"]
    assert cloudwatch["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    email = config(run.stack, "alarmEmail")
    subscriptions = run.all("aws:sns/topicSubscription:TopicSubscription")
    assert [(s.plain("protocol"), s.plain("endpoint"), s.plain("topic")) for s in subscriptions] == (
        [("email", email, topic.state["arn"])] if email else [])

    queues = {q.name: q.state["name"] for q in run.all(QUEUE)}
    functions = {f.name: f.state["name"] for f in run.all(FUNCTION)}
    expected = {
        "droplets-alarms-events-dlq-depth": ("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"QueueName": queues["droplets-events-dlq"]}, 0),
        "droplets-alarms-indexing-dlq-depth": ("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"QueueName": queues["droplets-indexing-dlq"]}, 0),
        "droplets-alarms-events-oldest-message": ("AWS/SQS", "ApproximateAgeOfOldestMessage", {"QueueName": queues["droplets-events-queue"]}, int(config(run.stack, "oldestMessageAlarmSeconds", 900))),
        "droplets-alarms-indexing-oldest-message": ("AWS/SQS", "ApproximateAgeOfOldestMessage", {"QueueName": queues["droplets-indexing-queue"]}, int(config(run.stack, "oldestMessageAlarmSeconds", 900))),
        "droplets-alarms-consumer-errors": ("AWS/Lambda", "Errors", {"FunctionName": functions["droplets-consumer-function"]}, 0),
        "droplets-alarms-indexer-errors": ("AWS/Lambda", "Errors", {"FunctionName": functions["droplets-indexer-function"]}, 0),
        # a throttle is a receive towards maxReceiveCount without a try (issue 13 item 1)
        "droplets-alarms-consumer-throttles": ("AWS/Lambda", "Throttles", {"FunctionName": functions["droplets-consumer-function"]}, 0),
        "droplets-alarms-indexer-throttles": ("AWS/Lambda", "Throttles", {"FunctionName": functions["droplets-indexer-function"]}, 0),
        # compaction is on in both stacks: a failed run pages too
        "droplets-alarms-compaction-failed": ("AWS/States", "ExecutionsFailed", {"StateMachineArn": run.one(
            "aws:sfn/stateMachine:StateMachine", "droplets-compaction-state-machine").state["arn"]}, 0),
    }
    assert set(alarms) == set(expected)
    for name, (namespace, metric, dimensions, threshold) in expected.items():
        alarm = alarms[name]
        assert (alarm.plain("namespace"), alarm.plain("metricName"), alarm.plain("dimensions")) == (namespace, metric, dimensions)
        assert alarm.plain("comparisonOperator") == "GreaterThanThreshold" and alarm.plain("threshold") == threshold
        assert alarm.plain("alarmActions") == [topic.state["arn"]]
    # AND a DLQ alarm tells the on-call what to run, with a queue name the CLI knows
    for label in ("events", "indexing"):
        description = alarms[f"droplets-alarms-{label}-dlq-depth"].plain("alarmDescription")
        assert f"`droplets dlq redrive {label} --stack <stack>`" in description
        assert label in DLQ_PAIRS
    # AND a throttle alarm says what to raise
    for label in ("consumer", "indexer"):
        description = alarms[f"droplets-alarms-{label}-throttles"].plain("alarmDescription")
        assert "Raise the Lambda concurrency quota, or lower droplets:maximumConcurrency" in description


# --- the pii hash key ------------------------------------------------------------------------

HASH_KEY = "k3y-" + "0123456789abcdef" * 3


@program_test(overrides={"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}})},
              secrets={"droplets:piiHashKey": HASH_KEY})
def test_pii_hash_key_reaches_the_consumer_only_as_a_secret(run, outputs):
    # GIVEN the pii transform in hash mode and its key set as a secret
    # THEN the key is an SSM SecureString, sent to the engine as a secret
    param = run.one("aws:ssm/parameter:Parameter", "droplets-pii-key")
    assert param.plain("type") == "SecureString"
    assert param.plain("name") == f"/droplets/{run.stack}/pii-hash-key"
    assert param.plain("value") == HASH_KEY
    assert _plaintext_paths(run, HASH_KEY) == []
    # AND the consumer gets the parameter's name and may read that one parameter
    fn = run.one(FUNCTION, "droplets-consumer-function")
    env = fn.plain("environment")["variables"]
    assert env[contract.ENV_PII_KEY_PARAM] == f"/droplets/{run.stack}/pii-hash-key"
    assert json.loads(env[contract.ENV_TRANSFORM_CONFIG]) == {"pii": {"mode": "hash"}}
    read = statements(run.one(ROLE_POLICY, "droplets-consumer-policy").document())["ReadPiiHashKey"]
    assert (read["Action"], read["Resource"]) == ("ssm:GetParameter", param.state["arn"])
    assert "ReadPiiHashKey" not in statements(run.one(ROLE_POLICY, "droplets-indexer-policy").document())
    assert contract.ENV_PII_KEY_PARAM not in run.one(FUNCTION, "droplets-indexer-function").plain("environment")["variables"]
    # AND no output holds it
    assert HASH_KEY not in json.dumps(outputs)


def _plaintext_paths(run: ProgramRun, needle: str) -> list[str]:
    """Where ``needle`` appears in any resource's inputs outside a Pulumi secret."""
    from pulumi.runtime import rpc

    found = []

    def walk(value, path):
        if rpc.is_rpc_secret(value):
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")
        elif isinstance(value, str) and needle in value:
            found.append(path)

    for reg in run.mocks.registered:
        walk(reg.inputs, f"{reg.typ} {reg.name}")
    return found


@program_test("dev")
def test_without_hash_mode_there_is_no_key_parameter(run, outputs):
    assert not run.all("aws:ssm/parameter:Parameter")
    assert contract.ENV_PII_KEY_PARAM not in run.one(FUNCTION, "droplets-consumer-function").plain("environment")["variables"]
    assert "ReadPiiHashKey" not in statements(run.one(ROLE_POLICY, "droplets-consumer-policy").document())


# --- configuration changes reach the resources -----------------------------------------------


@program_test("dev", overrides={
    "droplets:architecture": "x86_64",
    "droplets:transforms": json.dumps(["enrich", "keys"]),
    "droplets:transformOptions": json.dumps({"keys": {}}),
    "droplets:pluginModules": "transforms.builtin.keys",
    "droplets:consumerTimeoutSeconds": "120",
    "droplets:batchSize": "50",
    "droplets:batchingWindowSeconds": "10",
    "droplets:messageRetentionSeconds": "86400",
})
def test_config_flows_into_the_resources(run, outputs):
    # GIVEN a dev stack on x86_64 with its own chain options, plugin module and timeouts
    consumer = run.one(FUNCTION, "droplets-consumer-function")
    env = consumer.plain("environment")["variables"]
    assert consumer.plain("architectures") == ["x86_64"]
    assert "x86_64" in consumer.inputs["code"].path
    assert env[contract.ENV_TRANSFORMS] == "enrich,keys"
    assert json.loads(env[contract.ENV_TRANSFORM_CONFIG]) == {"keys": {}}
    assert env[contract.ENV_PLUGIN_MODULES] == "transforms.builtin.keys"
    assert run.one(QUEUE, "droplets-events-queue").plain("visibilityTimeoutSeconds") == 6 * 120 + 10
    assert run.one(MAPPING, "droplets-consumer-trigger").plain("batchSize") == 50


PLUGIN_DIST = "droplets-traffic-filter"  # examples/transform-plugin, installed in .venv by `make setup`


@pytest.mark.parametrize(
    "transforms",
    ["pii,drop_paths,enrich,keys", "[pii, drop_paths, enrich, keys]", '["pii", "drop_paths", "enrich", "keys"]',
     "[ pii,drop_paths , enrich,keys ]"],
    ids=["comma-separated", "yaml-flow-list", "json-list", "yaml-flow-list-spaces"],
)
@pulumi.runtime.test
def test_list_settings_accept_every_form_their_error_names(transforms):
    # GIVEN the chain and the plugin package typed as a command line would give them
    # (`pulumi config set`, `droplets dev --config KEY=VALUE`): each form the error names
    run = run_program("dev", overrides={
        "droplets:transforms": transforms,
        "droplets:pluginPackages": f"[{PLUGIN_DIST}]",
        "droplets:transformOptions": "{drop_paths: {methods: [OPTIONS]}}",
    })

    def check(_):
        # THEN the consumer gets the same chain and options whichever form was used
        env = run.one(FUNCTION, "droplets-consumer-function").plain("environment")["variables"]
        assert env[contract.ENV_TRANSFORMS] == "pii,drop_paths,enrich,keys"
        assert json.loads(env[contract.ENV_TRANSFORM_CONFIG]) == {"drop_paths": {"methods": ["OPTIONS"]}}

    return run.settled().apply(check)


@program_test("dev", overrides={
    "droplets:pluginPackages": json.dumps([PLUGIN_DIST]),
    "droplets:transforms": "pii,drop_paths,enrich,keys",
    "droplets:transformOptions": json.dumps({"drop_paths": {"paths": ["/health"]}}),
})
def test_plugin_package_goes_into_the_bundle_and_its_transform_into_the_chain(run, outputs):
    import zipfile
    from importlib.metadata import version

    # GIVEN the example plugin package named in config and its transform in the chain
    consumer = run.one(FUNCTION, "droplets-consumer-function")
    env = consumer.plain("environment")["variables"]
    assert env[contract.ENV_TRANSFORMS] == "pii,drop_paths,enrich,keys"
    # THEN the deployed bundle holds the plugin with its entry point (found in the Lambda too)
    with zipfile.ZipFile(consumer.inputs["code"].path) as zf:
        names = set(zf.namelist())
        dist_info = f"droplets_traffic_filter-{version(PLUGIN_DIST)}.dist-info"
        assert "droplets_traffic_filter/__init__.py" in names
        assert "droplets.transforms" in zf.read(f"{dist_info}/entry_points.txt").decode()
    assert not [n for n in names if n.startswith("tests/")]


# --- bad configuration fails before anything is created ---------------------------------------

BAD_CONFIG = [
    ({"droplets:architecture": "arm"}, r"droplets:architecture must be one of arm64, x86_64, got 'arm'"),
    ({"droplets:logRetentionDays": "10"}, r"droplets:logRetentionDays must be one of 1, 3, 5, 7, 14, 30, .*, got '10'"),
    ({"droplets:batchSize": "100", "droplets:batchingWindowSeconds": "0"}, r"droplets:batchSize above 10 needs droplets:batchingWindowSeconds"),
    ({"droplets:batchSize": "zero"}, r"droplets:batchSize must be a whole number from 1 to 10000, got 'zero'"),
    ({"droplets:consumerTimeoutSeconds": "901"}, r"droplets:consumerTimeoutSeconds must be a whole number from 1 to 900"),
    ({"droplets:messageRetentionSeconds": "1209600"}, r"droplets:messageRetentionSeconds must be a whole number from 60 to 1209599"),
    ({"droplets:messageRetentionSeconds": "600"}, r"droplets:messageRetentionSeconds must exceed droplets:maxReceiveCount x the consumer queue's visibility timeout"),
    ({"droplets:maxReceiveCount": "0"}, r"droplets:maxReceiveCount must be a whole number from 1 to 1000"),
    ({"droplets:indexShards": "0"}, r"droplets:indexShards must be a whole number from 1 to 64, got '0'"),
    ({"droplets:indexShards": "65"}, r"droplets:indexShards must be a whole number from 1 to 64, got '65'"),
    ({"droplets:transforms": "pii,geo,keys"}, r"droplets:transforms: unknown transform\(s\) 'geo'; known transforms: (.*, )?enrich, keys, pii\b"),
    ({"droplets:transforms": "keys,keys"}, r"droplets:transforms lists a transform twice"),
    ({"droplets:transformOptions": json.dumps({"shout": {}})}, r"droplets:transformOptions: options given for transform\(s\) not in the chain: shout"),
    ({"droplets:transformOptions": "[1]"}, r"droplets:transformOptions must be an object"),
    ({"droplets:pluginModules": "no_such_plugin_module"}, r"droplets:pluginModules: plugin module 'no_such_plugin_module' could not be imported"),
    ({"droplets:pluginPackages": "no-such-droplets-plugin"}, r"droplets:pluginPackages: 'no-such-droplets-plugin' is not installed"),
    ({"droplets:transforms": "pii,drop_paths,keys"}, r"droplets:transforms: 'drop_paths' come\(s\) from plugin 'droplets_traffic_filter' \(distribution droplets-traffic-filter\), which would not be in the Lambda bundle; add it to droplets:pluginPackages"),
    ({"droplets:pluginModules": "tests.plugins.shout"}, r"droplets:pluginModules: 'tests.plugins.shout' would not be in the Lambda bundle"),
    # the example plugin, installed: its entry point registers it, naming its module again is a mistake
    ({"droplets:pluginPackages": PLUGIN_DIST, "droplets:pluginModules": "droplets_traffic_filter"}, r"^droplets:pluginModules: plugin module 'droplets_traffic_filter' is already registered as 'traffic_filter' \(the entry point of the installed package droplets-traffic-filter\): leave it out$"),
    # a misspelt option of a plugin's transform (reject_unknown_options in its factory)
    ({"droplets:pluginPackages": PLUGIN_DIST, "droplets:transforms": "drop_paths,keys", "droplets:transformOptions": json.dumps({"drop_paths": {"path": ["/health"]}})}, r"^droplets:transformOptions: transform 'drop_paths': unknown option 'path' \(did you mean 'paths'\?\); known: paths, methods$"),
    ({"droplets:transformOptions": json.dumps({"enrich": {"ua_cache": 10}})}, r"droplets:transformOptions: transform 'enrich': unknown option 'ua_cache' \(did you mean 'ua_cache_size'\?\)"),
    ({"droplets:transforms": "[pii, [enrich], keys]"}, r"droplets:transforms must be a list of names \(YAML list, JSON list or comma-separated"),
    ({"droplets:transforms": "[pii, enrich"}, r"droplets:transforms must be a list of names"),
    ({"droplets:transformOptions": "{keys: [1]}"}, r"droplets:transformOptions must be an object mapping a transform name to its options object \(YAML or JSON"),
    ({"droplets:pluginPackages": PLUGIN_DIST, "droplets:transforms": "drop_paths,keys", "droplets:transformOptions": json.dumps({"drop_paths": {"paths": "/health"}})}, r"droplets:transformOptions: transform 'drop_paths': option 'paths' must be a list"),
    ({"droplets:alarms": "yes"}, r"droplets:alarms must be one of true, false, got 'yes'"),
    ({"droplets:alarms": "false", "droplets:alarmEmail": "ops@acme-data.io"}, r"droplets:alarmEmail is set but droplets:alarms is false"),
    ({"droplets:alarmEmail": "not-an-address"}, r"droplets:alarmEmail must be an e-mail address"),
    ({"droplets:retentionDay": "30"}, r"droplets:retentionDay: not a droplets setting; known settings: droplets:transforms, "),
    ({"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}})}, r"droplets:piiHashKey is required when droplets:transformOptions.pii.mode is 'hash'"),
    ({"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}}), "droplets:piiHashKey": HASH_KEY}, r"droplets:piiHashKey must be stored as a secret"),
    ({"droplets:piiHashKey": HASH_KEY}, r"droplets:piiHashKey is set but the pii transform is not in hash mode"),
    ({"droplets:transformOptions": json.dumps({"pii": {"mode": "hash", "hash_key": HASH_KEY}})}, r"droplets:transformOptions.pii.hash_key must not be set"),
    ({"droplets:transformOptions": json.dumps({"pii": {"mode": "sha"}})}, r"droplets:transformOptions: transform 'pii': option 'mode' must be one of mask, hash, got 'sha'"),
]


@pytest.mark.parametrize("overrides,message", BAD_CONFIG, ids=[next(iter(o)).split(":")[1] + f"-{i}" for i, (o, _) in enumerate(BAD_CONFIG)])
@pulumi.runtime.test
def test_bad_config_fails_naming_the_key(overrides, message):
    from components.config import SettingsError

    # GIVEN the dev stack with one bad setting WHEN the program runs (as `pulumi preview` would)
    with pytest.raises(SettingsError, match=message) as failure:
        run_program("dev", overrides=overrides)
    # THEN it stops with a RunError (printed by Pulumi without a traceback), the key named
    assert isinstance(failure.value, pulumi.RunError)
    assert HASH_KEY not in str(failure.value)


@pulumi.runtime.test
def test_short_pii_hash_key_is_refused_without_echoing_it():
    with pytest.raises(pulumi.RunError, match="droplets:piiHashKey must be at least 32 characters") as failure:
        run_program("prod", overrides={"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}})},
                    secrets={"droplets:piiHashKey": "short-key"})
    assert "short-key" not in str(failure.value)


def test_stack_files_set_a_region_and_only_known_keys():
    from components.config import KEYS

    known = {f"droplets:{k.name}" for k in KEYS} | {"aws:region"}
    for stack in STACKS:
        config_keys = set(stack_config(stack))
        assert "aws:region" in config_keys
        assert config_keys <= known, config_keys - known
    # THEN the two environments really differ where environments differ
    dev, prod = stack_config("dev"), stack_config("prod")
    for key in ("retentionDays", "logRetentionDays", "alarms", "pointInTimeRecovery", "deletionProtection", "forceDestroy", "consumerMemoryMb"):
        assert dev.get(f"droplets:{key}") != prod.get(f"droplets:{key}"), key


#: The configuration reference, moved from the README to its own page.
CONFIGURATION_PAGE = ROOT / "docs" / "configuration.md"


def test_configuration_reference_documents_every_setting():
    from components.config import KEYS

    text = CONFIGURATION_PAGE.read_text(encoding="utf-8")
    section = text.split("<!-- section: configuration -->", 1)[1].split("<!-- section:", 1)[0]
    for key in KEYS:
        assert f"`{key.name}`" in section, key.name


def config_table(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, str(ROOT / "scripts" / "config-table"), *args],
                          capture_output=True, text=True, timeout=120)


def test_configuration_table_is_the_rendering_of_the_rows():
    from components.config import KEYS, reference_table

    # GIVEN the configuration page WHEN scripts/config-table checks its table THEN it is current
    done = config_table("--check")
    assert done.returncode == 0, done.stderr
    # AND that table is the rows of components/config.py with each stack file's values
    table = reference_table({stack: stack_config(stack) for stack in STACKS})
    assert table in CONFIGURATION_PAGE.read_text(encoding="utf-8")
    assert len(table.splitlines()) == 2 + len(KEYS)
    assert "| `retentionDays` | days an object, a bad row and an index item are kept | 90 | 1-36500 | 14 | 400 |" in table


def test_config_table_script_rewrites_a_stale_table(tmp_path):
    # GIVEN a copy of the configuration page whose table says the wrong range for one setting
    page = tmp_path / "configuration.md"
    current = CONFIGURATION_PAGE.read_text(encoding="utf-8")
    page.write_text(current.replace("| 1-36500 |", "| 1-365 |"), encoding="utf-8")

    # WHEN the script checks it THEN it fails; WHEN it writes it THEN the table is the rows' again
    stale = config_table("--check", str(page))
    assert stale.returncode == 1 and "stale" in stale.stderr
    assert config_table(str(page)).returncode == 0
    assert page.read_text(encoding="utf-8") == current

"""Production hardening (issue 13) on the real ``__main__.py`` under mocks.

For both committed stacks and for the three ``droplets:kms`` settings: throttling cannot
dead-letter messages, config AWS would refuse half-way through ``pulumi up`` fails the
preview naming its key, the customer-managed key protects every store it should with grants
scoped by service and encryption context, access is least privilege (policies parsed as
JSON), and a prebuilt bundle deploys with no network at all.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.metadata
import json
import re
import shutil
import socket
import zipfile
from pathlib import Path

import pulumi
import pytest

from components import bundle as bundle_module
from components.config import (
    KEY,
    LAMBDA_ENV_MAX_BYTES,
    TIMEOUT_MARGIN,
    SettingsError,
    load_settings,
    worst_case_batch_seconds,
)
from droplets import contract
from tests.infra import harness
from tests.infra.harness import ACCOUNT, STACKS, ProgramRun, program_test, run_program, stack_config
from tests.infra.policies import KMS_KEY, LOG_GROUP, MAPPING, POLICY, QUEUE, ROLE_POLICY, as_list, statements

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REGION = "eu-west-1"
EXISTING_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
#: The three settings of droplets:kms.
KMS_SETTINGS = ("aws-managed", "create", EXISTING_KEY)
HASH_KEY = "k3y-" + "0123456789abcdef" * 3
HASHING = {"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}})}
READERS = (f"arn:aws:iam::{ACCOUNT}:role/data-team", f"arn:aws:iam::{ACCOUNT}:role/ops/oncall")
#: A new AWS account's Lambda concurrency quota.
NEW_ACCOUNT_CONCURRENCY = 10


def kms_id(setting: str) -> str:
    return "existing-arn" if setting.startswith("arn:") else setting


def hardened_run(stack: str, kms: str, **overrides: str) -> ProgramRun:
    """The committed stack with ``droplets:kms`` set, hash mode on (so the SSM parameter
    exists) and reader roles named."""
    return run_program(stack, overrides={
        "droplets:kms": kms, **HASHING, "droplets:readerRoleArns": json.dumps(list(READERS)), **overrides,
    }, secrets={"droplets:piiHashKey": HASH_KEY})


def key_arn_of(run: ProgramRun, kms: str) -> str | None:
    if kms == "aws-managed":
        return None
    if kms == "create":
        return run.one(KMS_KEY, "droplets-key-key").state["arn"]
    return kms


def all_policy_statements(run: ProgramRun) -> list[tuple[str, dict]]:
    """Every statement of every IAM policy of the stack (role and managed), by policy name."""
    found = []
    for typ in (ROLE_POLICY, POLICY):
        for reg in run.all(typ):
            found += [(reg.name, st) for st in reg.document()["Statement"]]
    return found


# --- 1. throttling must not dead-letter messages --------------------------------------------


@program_test()
def test_triggers_stay_inside_the_concurrency_they_can_get_and_messages_survive_throttles(run, outputs):
    # GIVEN a committed stack WHEN the program runs
    wanted = int(stack_config(run.stack)["droplets:maximumConcurrency"])
    mappings = run.all(MAPPING)
    assert len(mappings) == 2
    # THEN each SQS trigger invokes at most maximumConcurrency at once (Lambda's pollers
    # then never take messages they cannot hand to a function)
    for mapping in mappings:
        assert mapping.plain("scalingConfig") == {"maximumConcurrency": wanted}
    # AND both together fit a new account's quota of 10 concurrent executions
    assert 2 * wanted <= NEW_ACCOUNT_CONCURRENCY
    # AND a message survives at least 5 receives (AWS's advice for Lambda triggers)
    for queue in ("droplets-events-queue", "droplets-indexing-queue"):
        assert json.loads(run.one(QUEUE, queue).plain("redrivePolicy"))["maxReceiveCount"] >= 5


@pytest.mark.parametrize("stack", [*STACKS, "defaults"])
def test_consumer_timeout_leaves_the_margin_over_its_worst_batch(stack):
    # GIVEN a committed stack's settings, or none at all (the defaults)
    config = {} if stack == "defaults" else stack_config(stack)
    settings = load_settings(config.get, is_secret=lambda key: False)
    # WHEN its largest batch is sized: full packed messages of the smallest records, at the
    # measured CPU time per record, on the memory's share of a vCPU
    worst = worst_case_batch_seconds(settings.batch_size, settings.consumer.memory_mb)
    # THEN the timeout holds it TIMEOUT_MARGIN times over
    assert settings.consumer.timeout_seconds >= TIMEOUT_MARGIN * worst, (stack, worst)


@pulumi.runtime.test
def test_a_timeout_without_margin_is_warned_about_at_preview(monkeypatch):
    # GIVEN the pre-packing prod sizing: 100 messages a batch, 60 s, 1024 MB
    warnings: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *args, **kwargs: warnings.append(message))
    # WHEN the program runs
    run = run_program("prod", overrides={"droplets:batchSize": "100", "droplets:consumerTimeoutSeconds": "60"})

    def check(_):
        # THEN the preview says so, naming the keys to change
        (warning,) = [w for w in warnings if "consumerTimeoutSeconds" in w]
        assert "droplets:batchSize 100" in warning and "droplets:consumerMemoryMb 1024" in warning

    return run.settled().apply(check)


@pytest.mark.parametrize("count,warned", [("3", True), ("5", False)])
@pulumi.runtime.test
def test_a_receive_count_that_throttles_could_exhaust_is_warned_about_at_preview(monkeypatch, count, warned):
    # GIVEN the dev stack with maxReceiveCount below (or at) the 5 AWS advises for Lambda triggers
    warnings: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *args, **kwargs: warnings.append(message))
    # WHEN the program runs
    run = run_program("dev", overrides={"droplets:maxReceiveCount": count})

    def check(_):
        # THEN below 5 the preview says throttles alone could dead-letter messages, naming the key
        said = [w for w in warnings if w.startswith("droplets:maxReceiveCount")]
        assert len(said) == int(warned)
        if warned:
            assert "droplets:maxReceiveCount 3: a throttled invocation's messages count as received" in said[0]
        # AND the setting is still deployed as given (a warning, not a refusal)
        assert json.loads(run.one(QUEUE, "droplets-events-queue").plain("redrivePolicy"))["maxReceiveCount"] == int(count)

    return run.settled().apply(check)


# --- 2. fail at preview, not at create ------------------------------------------------------

PLUGIN_DIST = "droplets-traffic-filter"  # examples/transform-plugin, installed by `make setup`
LONG_FIELDS = [f"customer_profile_field_{i:04d}" for i in range(160)]

BAD_CONFIG = [
    ({"droplets:maximumConcurrency": "1"}, r"droplets:maximumConcurrency must be a whole number from 2 to 1000, got '1'"),
    ({"droplets:transformOptions": json.dumps({"pii": {"extra_fields": LONG_FIELDS}})},
     r"droplets:transformOptions: the consumer's Lambda environment would be \d+ bytes, over Lambda's 4096-byte limit "
     r"\(DROPLETS_TRANSFORM_CONFIG alone is \d+ bytes\)"),
    ({"droplets:alarmEmail": "oncall@example.com"}, r"droplets:alarmEmail is a placeholder \('oncall@example.com': example.com is reserved"),
    ({"droplets:alarmEmail": "ops@alerts.example.org"}, r"droplets:alarmEmail is a placeholder"),
    ({"droplets:alarmEmail": "pager@acme.test"}, r"droplets:alarmEmail is a placeholder"),
    ({"droplets:kms": "alias/droplets"}, r"droplets:kms must be aws-managed, create or a KMS key ARN"),
    ({"droplets:kms": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}, r"droplets:kms must be aws-managed, create or a KMS key ARN"),
    ({"droplets:kms": f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/droplets"}, r"droplets:kms must be aws-managed, create or a KMS key ARN"),
    ({"droplets:kms": EXISTING_KEY.replace(REGION, "us-east-1")}, r"droplets:kms names a key in us-east-1, but the stack deploys to aws:region eu-west-1"),
    ({"droplets:readerRoleArns": json.dumps([f"arn:aws:iam::{ACCOUNT}:role/*"])}, r"droplets:readerRoleArns: 'arn:aws:iam::123456789012:role/\*' is not an IAM role ARN"),
    ({"droplets:readerRoleArns": json.dumps([f"arn:aws:iam::{ACCOUNT}:user/alice"])}, r"droplets:readerRoleArns: .* is not an IAM role ARN"),
    ({"droplets:bundle": "dist/no-such-bundle.zip"}, r"droplets:bundle: no file at .*dist/no-such-bundle.zip \(build it with `droplets bundle build"),
]


@pytest.mark.parametrize("overrides,message", BAD_CONFIG, ids=[f"{next(iter(o)).split(':')[1]}-{i}" for i, (o, _) in enumerate(BAD_CONFIG)])
@pulumi.runtime.test
def test_bad_config_fails_at_preview_naming_the_key(overrides, message):
    # GIVEN the prod stack with one bad setting WHEN the program runs (as `pulumi preview` would)
    with pytest.raises(SettingsError, match=message) as failure:
        run_program("prod", overrides=overrides)
    # THEN it stops before anything is created, with a RunError naming the key
    assert isinstance(failure.value, pulumi.RunError)


def test_the_environment_check_counts_what_the_pipeline_writes():
    # GIVEN options just under and just over the limit, with the largest names AWS allows
    def options(n):
        return {"pii": {"extra_fields": [f"f{i:05d}" for i in range(n)]}}

    def env_bytes(n):
        env = contract.ConsumerEnv(bucket="b" * 63, table="t" * 255, transform_options=options(n)).to_env()
        return len(json.dumps(env).encode())

    fits = max(n for n in range(1, 600) if env_bytes(n) <= LAMBDA_ENV_MAX_BYTES)
    get = {"droplets:transformOptions": json.dumps(options(fits))}.get
    # WHEN the settings are read THEN the largest environment that fits passes
    assert load_settings(get, is_secret=lambda key: False).transform_options == options(fits)
    # AND one field more fails, naming the key
    with pytest.raises(SettingsError, match="droplets:transformOptions: the consumer's Lambda environment"):
        load_settings({"droplets:transformOptions": json.dumps(options(fits + 1))}.get, is_secret=lambda key: False)


@program_test("prod", overrides={"droplets:alarmEmail": "oncall@acme-data.io"})
def test_prod_with_a_real_alarm_address_subscribes_it(run, outputs):
    # GIVEN prod with the on-call's own address (the committed file has none: no placeholder)
    assert "droplets:alarmEmail" not in stack_config("prod")
    (subscription,) = run.all("aws:sns/topicSubscription:TopicSubscription")
    assert (subscription.plain("protocol"), subscription.plain("endpoint")) == ("email", "oncall@acme-data.io")


# --- 4. a customer-managed key, optional ----------------------------------------------------


@pytest.mark.parametrize("stack", STACKS)
@pytest.mark.parametrize("kms", KMS_SETTINGS, ids=kms_id)
@pulumi.runtime.test
def test_every_store_uses_the_chosen_key(stack, kms):
    # GIVEN a stack with droplets:kms set and the pii hash key in SSM
    run = hardened_run(stack, kms)

    def check(outputs):
        key = key_arn_of(run, kms)
        keys = {r.name for r in run.all(KMS_KEY)}
        # THEN a key is created only for `create` (the alarm topic's own key aside)
        assert keys == ({"droplets-key-key"} if kms == "create" else set()) | (
            {"droplets-alarms-key"} if stack_config(stack).get("droplets:alarms") == "true" else set())
        # AND the bucket: SSE-KMS with a bucket key, or SSE-S3
        (rule,) = run.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                          "droplets-lake-encryption").plain("rules")
        assert rule == ({"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key},
                         "bucketKeyEnabled": True} if key else {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}})
        # AND all four queues: SSE-KMS with it, or SSE-SQS (never alias/aws/sqs: S3 could not notify)
        for queue in run.all(QUEUE):
            if key:
                assert (queue.plain("kmsMasterKeyId"), queue.plain("kmsDataKeyReusePeriodSeconds")) == (key, 300), queue.name
                assert not queue.plain("sqsManagedSseEnabled")
            else:
                assert queue.plain("sqsManagedSseEnabled") is True and not queue.plain("kmsMasterKeyId")
        # AND the table, the hash-key parameter, both log groups and Athena's results
        sse = run.one("aws:dynamodb/table:Table", "droplets-index-table").plain("serverSideEncryption")
        assert sse == ({"enabled": True, "kmsKeyArn": key} if key else {"enabled": True})
        assert run.one("aws:ssm/parameter:Parameter", "droplets-pii-key").plain("keyId") == key
        for group in run.all(LOG_GROUP):
            assert group.plain("kmsKeyId") == key, group.name
        workgroup = run.one("aws:athena/workgroup:Workgroup", "droplets-catalog-workgroup")
        assert workgroup.plain("configuration")["resultConfiguration"]["encryptionConfiguration"] == (
            {"encryptionOption": "SSE_KMS", "kmsKeyArn": key} if key else {"encryptionOption": "SSE_S3"})
        # AND without a key, no policy of the stack mentions KMS
        kms_statements = [(name, st) for name, st in all_policy_statements(run)
                          if any(a.startswith("kms:") for a in as_list(st["Action"]))]
        if key is None:
            assert kms_statements == []
        else:
            # every KMS grant is on the key's ARN, through one service, nothing else
            for name, st in kms_statements:
                assert as_list(st["Resource"]) == [key], (name, st)
                assert set(st["Condition"]) == {"StringEquals"}, (name, st)
                assert st["Condition"]["StringEquals"]["kms:ViaService"] in {
                    f"{svc}.{REGION}.amazonaws.com" for svc in ("sqs", "s3", "dynamodb", "ssm")}, (name, st)

    return run.settled().apply(check)


@pytest.mark.parametrize("stack", STACKS)
@pytest.mark.parametrize("kms", KMS_SETTINGS[1:], ids=kms_id)
@pulumi.runtime.test
def test_each_principal_gets_exactly_the_key_uses_it_needs(stack, kms):
    # GIVEN a stack with a customer-managed key
    run = hardened_run(stack, kms)

    def check(outputs):
        key = key_arn_of(run, kms)
        bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
        table = run.one("aws:dynamodb/table:Table", "droplets-index-table").state["name"]
        parameter = run.one("aws:ssm/parameter:Parameter", "droplets-pii-key").state["arn"]

        def via(service, **context):
            return {"StringEquals": {"kms:ViaService": f"{service}.{REGION}.amazonaws.com",
                                     **{f"kms:EncryptionContext:{k}": v for k, v in context.items()}}}

        expected = {
            "droplets-consumer-policy": {
                "DecryptTriggerQueue": (["kms:Decrypt"], via("sqs")),
                "EncryptLakeObjects": (["kms:GenerateDataKey"], via("s3", **{"aws:s3:arn": bucket})),
                "DecryptIndex": (["kms:Decrypt"], via("dynamodb", **{"aws:dynamodb:tableName": table})),
                "DecryptPiiHashKey": (["kms:Decrypt"], via("ssm", PARAMETER_ARN=parameter)),
            },
            "droplets-indexer-policy": {
                "DecryptTriggerQueue": (["kms:Decrypt"], via("sqs")),
                "DecryptLakeObjects": (["kms:Decrypt"], via("s3", **{"aws:s3:arn": bucket})),
                "DecryptIndex": (["kms:Decrypt"], via("dynamodb", **{"aws:dynamodb:tableName": table})),
            },
            # The producer policy still works unchanged for the Express app: attach it, done.
            "droplets-producer-policy": {
                "EncryptEvents": (["kms:Decrypt", "kms:GenerateDataKey"], via("sqs")),
            },
            "droplets-operator-policy": {
                "UseQueueKey": (["kms:Decrypt", "kms:GenerateDataKey"], via("sqs")),
                "UseLakeKey": (["kms:Decrypt", "kms:GenerateDataKey"], via("s3", **{"aws:s3:arn": bucket})),
                "UseIndexKey": (["kms:Decrypt"], via("dynamodb", **{"aws:dynamodb:tableName": table})),
            },
        }
        for policy_name, wanted in expected.items():
            typ = ROLE_POLICY if policy_name in ("droplets-consumer-policy", "droplets-indexer-policy") else POLICY
            got = {sid: st for sid, st in statements(run.one(typ, policy_name).document()).items()
                   if any(a.startswith("kms:") for a in as_list(st["Action"]))}
            # THEN each holds exactly these grants, on the key, scoped by service and context
            assert set(got) == set(wanted), policy_name
            for sid, (actions, condition) in wanted.items():
                assert (sorted(as_list(got[sid]["Action"])), got[sid]["Resource"], got[sid]["Condition"]) == (
                    actions, key, condition), (policy_name, sid)
        # AND only the consumer may decrypt the hash key (no other policy has an SSM grant)
        ssm_grants = [name for name, st in all_policy_statements(run)
                      if "ssm." in json.dumps(st.get("Condition", {}))]
        assert ssm_grants == ["droplets-consumer-policy"]

    return run.settled().apply(check)


@program_test(program=hardened_run, kms="create")
def test_the_created_key_policy_admits_administrators_the_roles_through_services_and_two_service_principals(run, outputs):
    # GIVEN droplets:kms create
    key = run.one(KMS_KEY, "droplets-key-key")
    policy = statements(key.document())
    root = f"arn:aws:iam::{ACCOUNT}:root"
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
    parameter = run.one("aws:ssm/parameter:Parameter", "droplets-pii-key").state["arn"]
    assert set(policy) == {"AccountAdministersKey", "UseThroughQueuesAndLake", "UseThroughIndexTable",
                           "LakeNotifiesIndexQueue", "LogsEncryptFunctionLogs", "HashKeyThroughParameterStore"}
    assert key.plain("enableKeyRotation") is True
    for st in policy.values():
        assert st["Effect"] == "Allow" and st["Resource"] == "*"
    # THEN the administrators manage it and cannot encrypt or decrypt with it
    admin = policy["AccountAdministersKey"]
    assert admin["Principal"] == {"AWS": root} and "Condition" not in admin
    assert not {a for a in admin["Action"] if a.split(":")[1].startswith(("Encrypt", "Decrypt", "GenerateDataKey", "ReEncrypt"))}
    assert "kms:*" not in admin["Action"]
    # AND the account's principals use it only through SQS and S3, or DynamoDB, in this account
    lake = policy["UseThroughQueuesAndLake"]
    assert (lake["Principal"], sorted(lake["Action"])) == ({"AWS": root}, ["kms:Decrypt", "kms:GenerateDataKey"])
    assert lake["Condition"] == {"StringEquals": {"kms:CallerAccount": ACCOUNT, "kms:ViaService": [
        f"sqs.{REGION}.amazonaws.com", f"s3.{REGION}.amazonaws.com"]}}
    index = policy["UseThroughIndexTable"]
    assert index["Condition"] == {"StringEquals": {"kms:CallerAccount": ACCOUNT, "kms:ViaService": f"dynamodb.{REGION}.amazonaws.com"}}
    # AND the hash key: through SSM, for this parameter only
    hashed = policy["HashKeyThroughParameterStore"]
    assert sorted(hashed["Action"]) == ["kms:Decrypt", "kms:Encrypt"] and hashed["Principal"] == {"AWS": root}
    assert hashed["Condition"] == {"StringEquals": {"kms:CallerAccount": ACCOUNT, "kms:ViaService": f"ssm.{REGION}.amazonaws.com",
                                                    "kms:EncryptionContext:PARAMETER_ARN": parameter}}
    # AND S3 may encrypt notifications for this bucket in this account only
    s3 = policy["LakeNotifiesIndexQueue"]
    assert s3["Principal"] == {"Service": "s3.amazonaws.com"}
    assert s3["Condition"] == {"ArnEquals": {"aws:SourceArn": bucket}, "StringEquals": {"aws:SourceAccount": ACCOUNT}}
    # AND CloudWatch Logs for the functions' log groups only
    logs = policy["LogsEncryptFunctionLogs"]
    assert logs["Principal"] == {"Service": f"logs.{REGION}.amazonaws.com"}
    pattern = logs["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"]
    groups = [g.state["arn"] for g in run.all(LOG_GROUP)]
    assert len(groups) == 2 and all(fnmatch.fnmatchcase(g, pattern) for g in groups)
    assert not fnmatch.fnmatchcase(f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/other-app", pattern)
    # AND what AWS checks against the key policy when it is created waits for the key's
    # component (its key, with this policy, and its alias): the log groups (CloudWatch
    # Logs checks its grant) and the lake's notification (S3 sends a test event)
    key_parts = {key.urn, run.one("aws:kms/alias:Alias", "droplets-key-alias").urn}
    for group in run.all(LOG_GROUP):
        assert group.plain("kmsKeyId") == key.state["arn"] and key_parts & group.explicit_dependencies
    notification = run.one("aws:s3/bucketNotification:BucketNotification", "droplets-notification-notification")
    assert key_parts <= notification.explicit_dependencies
    alias = run.one("aws:kms/alias:Alias", "droplets-key-alias")
    assert alias.plain("name") == f"alias/droplets-{run.stack}"
    # AND where data must survive (no forceDestroy), Pulumi never deletes the key: objects
    # written under it stay readable if droplets:kms changes; dev's goes with the stack
    assert key.retain_on_delete is (stack_config(run.stack)["droplets:forceDestroy"] == "false")
    assert not alias.retain_on_delete  # the alias's name is free for a new `create`


UNUSABLE_KEYS = [
    (None, r"cannot describe it \(.*NotFoundException.*\); the deployer needs kms:DescribeKey on it"),
    ({"keyManager": "AWS"}, r"it is an AWS-managed key: its policy cannot let S3 notify the index queue"),
    ({"keyState": "PendingDeletion"}, r"its key_state is PendingDeletion, the stores need Enabled"),
    ({"keyState": "Disabled"}, r"its key_state is Disabled, the stores need Enabled"),
    ({"keySpec": "RSA_2048", "keyUsage": "ENCRYPT_DECRYPT"}, r"its key_spec is RSA_2048, the stores need SYMMETRIC_DEFAULT"),
    ({"keySpec": "SYMMETRIC_DEFAULT", "keyUsage": "GENERATE_VERIFY_MAC"}, r"its key_usage is GENERATE_VERIFY_MAC, the stores need ENCRYPT_DECRYPT"),
]


@pytest.mark.parametrize("described,message", UNUSABLE_KEYS, ids=["missing", "aws-managed", "pending-deletion", "disabled", "rsa", "hmac"])
@pulumi.runtime.test
def test_an_existing_key_the_stores_cannot_use_fails_the_preview(monkeypatch, described, message):
    # GIVEN droplets:kms naming a key that AWS describes as unusable (or not at all)
    monkeypatch.setitem(harness.KMS_KEYS, EXISTING_KEY, described)
    # WHEN the program runs THEN it stops before creating anything, naming droplets:kms and why
    with pytest.raises(SettingsError, match=f"droplets:kms: {EXISTING_KEY}: {message}"):
        run_program("prod", overrides={"droplets:kms": EXISTING_KEY})


@pytest.mark.parametrize("kms", KMS_SETTINGS, ids=kms_id)
@pulumi.runtime.test
def test_an_existing_key_is_described_only_when_named(kms):
    # GIVEN the dev stack with each droplets:kms setting WHEN the program runs
    run = run_program("dev", overrides={"droplets:kms": kms})

    def check(_):
        # THEN only an existing key is described (a created one is the stack's own)
        assert run.mocks.calls.count("aws:kms/getKey:getKey") == (1 if kms.startswith("arn:") else 0)

    return run.settled().apply(check)


# --- 5. least privilege, tighter ------------------------------------------------------------


@program_test()
def test_indexer_lists_only_under_events(run, outputs):
    listing = statements(run.one(ROLE_POLICY, "droplets-indexer-policy").document())["TellMissingObjects"]
    assert as_list(listing["Action"]) == ["s3:ListBucket"]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": [f"{contract.EVENTS_PREFIX}*"]}}
    assert fnmatch.fnmatchcase("events/dt=2026-11-26/sess/evt.json", listing["Condition"]["StringLike"]["s3:prefix"][0])
    assert not fnmatch.fnmatchcase("bad/dt=2026-11-26/x.json", listing["Condition"]["StringLike"]["s3:prefix"][0])


@program_test()
def test_every_queue_denies_requests_without_tls(run, outputs):
    policies = {p.plain("queueUrl"): p for p in run.all("aws:sqs/queuePolicy:QueuePolicy")}
    queues = run.all(QUEUE)
    # THEN each of the four queues has its one policy, led by the TLS deny on its own ARN
    assert len(queues) == 4 and set(policies) == {q.state["url"] for q in queues}
    for queue in queues:
        deny = policies[queue.state["url"]].document()["Statement"][0]
        assert deny == {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "sqs:*",
                        "Resource": queue.state["arn"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    # AND the index queue's policy still lets the lake send its notifications
    index_policy = policies[run.one(QUEUE, "droplets-indexing-queue").state["url"]].document()
    assert [s["Sid"] for s in index_policy["Statement"]] == ["DenyInsecureTransport", "LakeBucketNotifications"]


@program_test("prod")
def test_the_alarm_key_serves_this_accounts_alarms_and_this_topic_only(run, outputs):
    topic = run.one("aws:sns/topic:Topic", "droplets-alarms-topic")
    assert topic.plain("name") == "droplets-prod-alarms"
    grant = statements(run.one(KMS_KEY, "droplets-alarms-key").document())["CloudWatchAlarmsPublish"]
    assert grant["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert grant["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT, "kms:EncryptionContext:aws:sns:topicArn": topic.state["arn"]},
        "ArnLike": {"aws:SourceArn": f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:*"},
    }


@program_test(program=hardened_run, kms="aws-managed")
def test_only_named_roles_read_the_lake(run, outputs):
    # GIVEN two reader roles in config
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
    indexer_role = run.one("aws:iam/role:Role", "droplets-indexer-role")
    # the roles' names are fixed, so the policies can name them before they exist
    assert indexer_role.plain("name") == f"droplets-{run.stack}-indexer"
    document = statements(run.one("aws:s3/bucketPolicy:BucketPolicy", "droplets-lake-policy").document())
    # (compaction is on in both stacks: Athena reads the JSON objects with its role's rights)
    compaction_role = run.one("aws:iam/role:Role", "droplets-compaction-role")
    assert compaction_role.plain("name") == f"droplets-{run.stack}-compaction"
    named = {"ArnNotEquals": {"aws:PrincipalArn": [indexer_role.state["arn"], compaction_role.state["arn"], *READERS]}}
    # THEN reading any object is denied to every other principal, whatever its IAM policy
    reads = document["DenyReadsByUnnamedPrincipals"]
    assert (reads["Effect"], reads["Principal"], reads["Resource"], reads["Condition"]) == ("Deny", "*", f"{bucket}/*", named)
    assert sorted(reads["Action"]) == ["s3:GetObject", "s3:GetObjectVersion"]
    # AND listing stays with IAM: the provider's HeadBucket is authorised as s3:ListBucket,
    # and denying it to the deployer would make `pulumi refresh` lose the bucket
    assert set(document) == {"DenyInsecureTransport", "DenyReadsByUnnamedPrincipals"}
    assert not any(a.startswith("s3:List") for st in document.values() if st["Sid"] != "DenyInsecureTransport"
                   for a in as_list(st["Action"]))
    # AND the consumer, which only writes, is not among the readers
    consumer_role = run.one("aws:iam/role:Role", "droplets-consumer-role").state["arn"]
    assert consumer_role not in named["ArnNotEquals"]["aws:PrincipalArn"]


@pytest.mark.parametrize("readers", [(), READERS], ids=["no-readers", "two-readers"])
@pulumi.runtime.test
def test_a_lake_nobody_may_read_is_warned_about_at_preview(monkeypatch, readers):
    # GIVEN prod as committed (no reader roles yet), or with two reader roles
    warnings: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *args, **kwargs: warnings.append(message))
    overrides = {"droplets:readerRoleArns": json.dumps(list(readers))} if readers else {}
    # WHEN the program runs
    run = run_program("prod", overrides=overrides)

    def check(_):
        said = [w for w in warnings if w.startswith("droplets:readerRoleArns")]
        # THEN without readers the preview says the CLI's reads will be denied, and how to name a role
        if not readers:
            (warning,) = said
            assert "only the indexer read the lake's objects" in warning
            assert "pulumi config set --path 'droplets:readerRoleArns[0]'" in warning
        else:
            assert said == []
        # AND the bucket policy denies reads to all but the indexer and the named roles, as said
        reads = statements(run.one("aws:s3/bucketPolicy:BucketPolicy", "droplets-lake-policy").document())["DenyReadsByUnnamedPrincipals"]
        indexer_role = run.one("aws:iam/role:Role", "droplets-indexer-role").state["arn"]
        compaction_role = run.one("aws:iam/role:Role", "droplets-compaction-role").state["arn"]
        assert reads["Condition"]["ArnNotEquals"]["aws:PrincipalArn"] == [indexer_role, compaction_role, *readers]

    return run.settled().apply(check)


@program_test(program=hardened_run, kms="aws-managed")
def test_operator_policy_is_exported_and_scoped_to_the_stack(run, outputs):
    policy = run.one(POLICY, "droplets-operator-policy")
    # THEN the stack exports it, as the contract lists it
    assert contract.OUTPUT_OPERATOR_POLICY_ARN in contract.STACK_OUTPUTS
    assert outputs[contract.OUTPUT_OPERATOR_POLICY_ARN] == policy.state["arn"]
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
    table = run.one("aws:dynamodb/table:Table", "droplets-index-table").state["arn"]
    queues = {q.name: q.state["arn"] for q in run.all(QUEUE)}
    workgroup = run.one("aws:athena/workgroup:Workgroup", "droplets-catalog-workgroup").state["arn"]
    objects = [f"{bucket}/events/*", f"{bucket}/bad/*", f"{bucket}/compacted/*", f"{bucket}/athena-results/*"]
    expected = {
        "ReadIndex": (["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"], [table, f"{table}/index/by-day"]),
        "WriteIndex": (["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem"], [table]),
        "ReadLake": (["s3:GetObject", "s3:GetObjectVersion"], objects),
        "ListLake": (["s3:ListBucket", "s3:ListBucketVersions"], [bucket]),
        "LocateLake": (["s3:GetBucketLocation"], [bucket]),
        "EraseFromLake": (["s3:DeleteObject", "s3:DeleteObjectVersion"], objects),
        "WriteQueryResults": (["s3:AbortMultipartUpload", "s3:PutObject"], [f"{bucket}/athena-results/*"]),
        "RewriteCompacted": (["s3:AbortMultipartUpload", "s3:PutObject"], [f"{bucket}/compacted/*"]),
        "QueryWithAthena": (["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution",
                             "athena:StopQueryExecution"], [workgroup]),
        "ReadCatalog": (["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable"], [
            f"arn:aws:glue:{REGION}:{ACCOUNT}:catalog",
            run.one("aws:glue/catalogDatabase:CatalogDatabase", "droplets-catalog-database").state["arn"],
            *(run.one("aws:glue/catalogTable:CatalogTable", f"droplets-catalog-{table}").state["arn"]
              for table in ("table", "parquet-table", "manifests-table", "view"))]),
        "DrainDeadLetters": (["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                              "sqs:ReceiveMessage"], [queues["droplets-events-dlq"], queues["droplets-indexing-dlq"]]),
        "Redrive": (["sqs:GetQueueAttributes", "sqs:SendMessage"], [queues["droplets-events-queue"], queues["droplets-indexing-queue"]]),
    }
    got = statements(policy.document())
    # AND it holds what the CLI calls, on the stack's ARNs only
    assert set(got) == set(expected)
    for sid, (actions, resources) in expected.items():
        assert got[sid]["Effect"] == "Allow"
        assert (sorted(as_list(got[sid]["Action"])), as_list(got[sid]["Resource"])) == (actions, resources), sid
    assert got["ListLake"]["Condition"] == {"StringLike": {"s3:prefix": ["events/*", "bad/*", "compacted/*", "athena-results/*"]}}


# --- 6. builds without the internet ---------------------------------------------------------


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Path:
    """``droplets bundle build`` for the dev stack (arm64, no plugin), as CI would run it."""
    from typer.testing import CliRunner

    from droplets.cli import app

    out = tmp_path_factory.mktemp("dist") / "droplets-arm64.zip"
    result = CliRunner().invoke(app, ["bundle", "build", "--stack", "dev", "--out", str(out),
                                      "--project-dir", str(bundle_module.PROJECT_ROOT)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and hashlib.sha256(out.read_bytes()).hexdigest() in result.output
    return out


def test_bundle_build_writes_a_zip_with_its_manifest(prebuilt, tmp_path):
    # GIVEN the zip `droplets bundle build --stack dev` wrote
    manifest = bundle_module.read_manifest(prebuilt)
    # THEN it says what it was built for, from which sources
    assert (manifest["architecture"], manifest["python"], manifest["plugin_packages"]) == ("arm64", "3.13", {})
    assert manifest["sources"]["handlers/consumer.py"] == hashlib.sha256(
        (bundle_module.PROJECT_ROOT / "handlers" / "consumer.py").read_bytes()).hexdigest()
    # AND --arch and --plugin-package choose what it holds
    from typer.testing import CliRunner

    from droplets.cli import app

    out = tmp_path / "x86.zip"
    result = CliRunner().invoke(app, ["bundle", "build", "--arch", "x86_64", "--plugin-package", PLUGIN_DIST, "--out", str(out),
                                      "--project-dir", str(bundle_module.PROJECT_ROOT)])
    assert result.exit_code == 0, result.output
    manifest = bundle_module.read_manifest(out)
    assert manifest["architecture"] == "x86_64" and list(manifest["plugin_packages"]) == [PLUGIN_DIST]
    with zipfile.ZipFile(out) as zf:
        assert "droplets_traffic_filter/__init__.py" in zf.namelist()
    # AND a bad architecture is a usage error
    bad = CliRunner().invoke(app, ["bundle", "build", "--arch", "sparc", "--project-dir", str(bundle_module.PROJECT_ROOT)])
    assert bad.exit_code == 2 and "--arch must be one of arm64, x86_64" in bad.output


@pulumi.runtime.test
def test_a_prebuilt_bundle_deploys_byte_for_byte_with_no_network(prebuilt, monkeypatch):
    # GIVEN a deploy runner with no way out: no pip, no wheel build, no socket, no index
    def no_network(*args, **kwargs):
        raise AssertionError("the deploy tried to reach the network")

    monkeypatch.setattr(bundle_module, "_pip_install", no_network)
    monkeypatch.setattr(bundle_module, "_build_wheel", no_network)
    monkeypatch.setattr(bundle_module, "build_bundle", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/")
    before = hashlib.sha256(prebuilt.read_bytes()).hexdigest()
    # WHEN the dev stack deploys with droplets:bundle set to the prebuilt zip
    run = run_program("dev", overrides={"droplets:bundle": str(prebuilt)})

    def check(_):
        # THEN both functions get that very file, unchanged
        for role in ("consumer", "indexer"):
            code = run.one("aws:lambda/function:Function", f"droplets-{role}-function").inputs["code"]
            assert isinstance(code, pulumi.FileArchive) and Path(code.path) == prebuilt
        assert hashlib.sha256(prebuilt.read_bytes()).hexdigest() == before

    return run.settled().apply(check)


def _rewrite(source: Path, target: Path, drop: str = "", replace: dict[str, bytes] | None = None,
             rename: tuple[str, str] = ("", "")) -> Path:
    """A copy of a bundle with entries dropped (by prefix), replaced, or renamed (a prefix)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if drop and info.filename.startswith(drop):
                continue
            content = (replace or {}).get(info.filename, zin.read(info.filename))
            if rename[0] and info.filename.startswith(rename[0]):
                info.filename = rename[1] + info.filename[len(rename[0]):]
            zout.writestr(info, content)
    return target


@pytest.mark.parametrize("case", ["not-a-zip", "no-manifest", "other-plugins", "other-architecture", "other-sources",
                                  "tampered", "handlers-do-not-import", "compiled-at-another-version"])
@pulumi.runtime.test
def test_a_prebuilt_bundle_that_does_not_match_fails_the_preview(prebuilt, tmp_path, case):
    # GIVEN a prebuilt bundle that is not what the stack would deploy
    manifest = bundle_module.read_manifest(prebuilt)
    overrides: dict[str, str] = {}
    path = tmp_path / "bundle.zip"
    if case == "not-a-zip":
        path.write_bytes(b"PK but not really")
        message = "not a zip file"
    elif case == "no-manifest":
        _rewrite(prebuilt, path, drop=bundle_module.MANIFEST)
        message = "no droplets-bundle.json in it: not made by `droplets bundle build`"
    elif case == "other-plugins":
        shutil.copyfile(prebuilt, path)
        overrides = {"droplets:pluginPackages": PLUGIN_DIST, "droplets:transforms": "pii,drop_paths,enrich,keys"}
        message = r"its plugin packages \(none\) are not droplets:pluginPackages \(droplets-traffic-filter\)"
    elif case == "other-architecture":
        shutil.copyfile(prebuilt, path)
        overrides = {"droplets:architecture": "x86_64"}
        message = "built for architecture 'arm64', the functions run 'x86_64'"
    elif case == "other-sources":
        stale = dict(manifest, sources={**manifest["sources"], "handlers/consumer.py": "0" * 64})
        _rewrite(prebuilt, path, replace={bundle_module.MANIFEST: json.dumps(stale).encode()})
        message = r"built from other sources than these \(handlers/consumer.py differ"
    elif case == "tampered":
        _rewrite(prebuilt, path, replace={"handlers/indexer.py": b"print('not the indexer')\n"})
        message = "handlers/indexer.py in the zip is not the file its manifest names"
    elif case == "compiled-at-another-version":
        # its compiled dependency (built for arm64, Python 3.13: not loadable on this machine, so
        # the check imports this machine's build of the same version) at a version not installed here
        installed = importlib.metadata.version("ahocorasick-rs")
        _rewrite(prebuilt, path, rename=(f"ahocorasick_rs-{installed}.dist-info/", "ahocorasick_rs-0.9.0.dist-info/"))
        message = (r"it holds ahocorasick[-_]rs 0\.9\.0, compiled for the functions' platform; to check the bundle's code "
                   f"this machine needs that version installed, and has {re.escape(installed)}")
    else:  # a dependency missing: the handlers cannot import from the bundle alone
        _rewrite(prebuilt, path, drop="pluggy/")
        message = "run on its own \\(no site-packages\\), it fails: ModuleNotFoundError: No module named 'pluggy'"
    # WHEN the program runs with it THEN the preview fails, naming droplets:bundle and why
    with pytest.raises(SettingsError, match=f"droplets:bundle: {path}: {message}"):
        run_program("dev", overrides={"droplets:bundle": str(path), **overrides})


# --- 3. pin what was tested -------------------------------------------------------------------


def test_settings_rows_document_the_new_keys():
    # the configuration table (scripts/config-table) renders these rows
    for name in ("maximumConcurrency", "kms", "readerRoleArns", "bundle"):
        assert KEY[name].doc and KEY[name].accepts

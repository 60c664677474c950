"""The local stack's program runner: a Pulumi program's resources materialised on moto.

These tests run the probe program in ``tests/e2e/program`` (one of each resource kind the
local stack emulates, plus one it does not) and look at the emulator with boto3.
"""

from __future__ import annotations

import json

import pytest

from droplets import contract
from droplets.local import stack as stack_module
from droplets.local.emulator import ACCOUNT_ID
from droplets.local.mocks import to_aws

from .conftest import PROBE_PROGRAM

pytestmark = pytest.mark.e2e


def test_config_comes_from_the_project_file_the_stack_file_and_overrides():
    # GIVEN Pulumi.yaml (batchSize default 5) and Pulumi.test.yaml (an object and a secure value)
    # WHEN the stack config is read with an override
    config = stack_module.read_stack_config(PROBE_PROGRAM, "test", overrides={"timeout": 4})

    # THEN values are namespaced strings, objects are JSON, and the encrypted value is listed
    assert config.project == "localprobe"
    assert config.config["localprobe:batchSize"] == "5"
    assert config.config["localprobe:maxReceiveCount"] == "2"
    assert json.loads(config.config["localprobe:tags"]) == {"team": "data"}
    assert config.config["localprobe:timeout"] == "4"
    assert config.region == "eu-west-1"
    assert config.encrypted == ["localprobe:apiKey"]
    assert "localprobe:apiKey" not in config.config


def test_missing_stack_file_is_a_clear_error():
    with pytest.raises(stack_module.StackError, match="Pulumi.nope.yaml"):
        stack_module.read_stack_config(PROBE_PROGRAM, "nope")


def test_queues_are_real_with_redrive_and_visibility(emulator, probe_stack):
    # GIVEN the probe program deployed under the emulator mocks
    sqs = emulator.client("sqs")
    outputs = probe_stack.outputs

    # WHEN the emulator is asked about the events queue the program exported
    attributes = sqs.get_queue_attributes(QueueUrl=outputs["queueUrl"], AttributeNames=["All"])["Attributes"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=outputs["dlqUrl"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    # THEN it has the program's visibility timeout, its redrive to the DLQ and its tags
    assert outputs["queueUrl"].startswith(emulator.endpoint)
    assert attributes["VisibilityTimeout"] == "60"
    assert json.loads(attributes["RedrivePolicy"]) == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}
    assert sqs.list_queue_tags(QueueUrl=outputs["queueUrl"])["Tags"] == {"team": "data"}
    dlq = sqs.get_queue_attributes(QueueUrl=outputs["dlqUrl"], AttributeNames=["All"])["Attributes"]
    assert dlq["MessageRetentionPeriod"] == "1209600"
    index_policy = json.loads(sqs.get_queue_attributes(
        QueueUrl=outputs["indexQueueUrl"], AttributeNames=["Policy"])["Attributes"]["Policy"])
    assert index_policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"] == f"arn:aws:s3:::{outputs['bucketName']}"


def test_bucket_and_its_companions_are_configured(emulator, probe_stack):
    s3 = emulator.client("s3")
    bucket = probe_stack.outputs["bucketName"]

    sse = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert sse["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    rule = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"][0]
    assert (rule["ID"], rule["Status"], rule["Expiration"]["Days"]) == ("expire-events", "Enabled", 30)
    # moto would apply the TLS-only Deny to every request (it cannot evaluate conditions):
    # the emulator's copy leaves it out, and the summary says so
    with pytest.raises(s3.exceptions.ClientError, match="NoSuchBucketPolicy"):
        s3.get_bucket_policy(Bucket=bucket)
    (note,) = probe_stack.summary["notes"]
    assert "probe-lake-tls" in note and "TlsOnly" in note
    notification = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"][0]
    index_arn = emulator.client("sqs").get_queue_attributes(
        QueueUrl=probe_stack.outputs["indexQueueUrl"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    assert notification["QueueArn"] == index_arn
    assert notification["Filter"]["Key"]["FilterRules"] == [{"Name": "prefix", "Value": "events/"}]


def test_bucket_notification_reaches_the_index_queue(emulator, probe_stack):
    # GIVEN the notification the program configured (prefix events/)
    s3, sqs = emulator.client("s3"), emulator.client("sqs")
    bucket, index_queue = probe_stack.outputs["bucketName"], probe_stack.outputs["indexQueueUrl"]
    take_all(sqs, index_queue)  # e.g. the s3:TestEvent sent when the notification was set

    # WHEN one object is written under events/ and one elsewhere
    s3.put_object(Bucket=bucket, Key="events/dt=2026-11-26/a b+c.json", Body=b"{}")
    s3.put_object(Bucket=bucket, Key="bad/dt=2026-11-26/x.json", Body=b"{}")

    # THEN exactly the events/ object is announced on the index queue
    records = [r for m in take_all(sqs, index_queue) for r in json.loads(m["Body"]).get("Records", [])]
    assert [r["eventName"] for r in records] == ["ObjectCreated:Put"]
    assert records[0]["s3"]["bucket"]["name"] == bucket


def take_all(sqs, queue_url: str) -> list[dict]:
    """Receive and delete every message now in the queue."""
    taken = []
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages"):
        taken.extend(messages)
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return taken


def test_table_has_its_keys_index_and_ttl(emulator, probe_stack):
    ddb = emulator.client("dynamodb")
    table = ddb.describe_table(TableName=probe_stack.outputs["tableName"])["Table"]

    assert table["KeySchema"] == [{"AttributeName": "session_id", "KeyType": "HASH"},
                                  {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    (gsi,) = table["GlobalSecondaryIndexes"]
    assert gsi["IndexName"] == "by-day"
    assert gsi["KeySchema"] == [{"AttributeName": "day", "KeyType": "HASH"},
                                {"AttributeName": "occurred_at", "KeyType": "RANGE"}]
    ttl = ddb.describe_time_to_live(TableName=probe_stack.outputs["tableName"])["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}


def test_iam_and_ssm_resources_exist(emulator, probe_stack):
    iam, ssm = emulator.client("iam"), emulator.client("ssm")
    arn = probe_stack.outputs["producerPolicyArn"]
    assert arn.startswith(f"arn:aws:iam::{ACCOUNT_ID}:policy/probe-producer-")
    version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
    document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
    document = json.loads(document) if isinstance(document, str) else document
    assert document["Statement"][0]["Action"] == ["sqs:SendMessage"]

    (function,) = probe_stack.functions.values()
    key_param = function.environment["KEY_PARAM"]
    parameter = ssm.get_parameter(Name=key_param, WithDecryption=True)["Parameter"]
    assert (parameter["Type"], parameter["Value"]) == ("SecureString", "not-a-real-key")
    roles = [r["RoleName"] for r in iam.list_roles()["Roles"] if r["RoleName"].startswith("probe-role-")]
    assert len(roles) == 1
    assert iam.list_role_policies(RoleName=roles[0])["PolicyNames"][0].startswith("probe-role-policy-")


def test_keys_topics_alarms_logs_and_the_catalog_exist(emulator, probe_stack):
    kms, sns, cloudwatch = emulator.client("kms"), emulator.client("sns"), emulator.client("cloudwatch")
    (key_id,) = [k["KeyId"] for k in kms.list_keys()["Keys"]
                 if kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"].get("Description") == "probe topic key"]
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
    (topic,) = [t["TopicArn"] for t in sns.list_topics()["Topics"] if ":probe-alarms-" in t["TopicArn"]]
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["KmsMasterKeyId"].endswith(key_id)
    (subscription,) = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert (subscription["Protocol"], subscription["Endpoint"]) == ("email", "oncall@example.com")
    (alarm,) = [a for a in cloudwatch.describe_alarms()["MetricAlarms"] if a["AlarmName"].startswith("probe-dlq-depth-")]
    dlq_name = probe_stack.outputs["dlqUrl"].rsplit("/", 1)[1]
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": dlq_name}]
    assert (alarm["Threshold"], alarm["AlarmActions"]) == (0.0, [topic])
    (function,) = probe_stack.functions.values()
    (group,) = emulator.client("logs").describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{function.name}")["logGroups"]
    assert group["retentionInDays"] == 7
    table = emulator.client("glue").get_table(DatabaseName="probe_db", Name="events")["Table"]
    assert table["Parameters"]["projection.enabled"] == "true"
    assert table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == "org.openx.data.jsonserde.JsonSerDe"
    assert table["PartitionKeys"] == [{"Name": "dt", "Type": "string"}]
    workgroup = emulator.client("athena").get_work_group(WorkGroup="probe")["WorkGroup"]
    assert workgroup["Configuration"]["ResultConfiguration"]["OutputLocation"].endswith("/athena/")


def test_functions_and_mappings_are_recorded_for_the_runner(probe_stack):
    (function,) = probe_stack.functions.values()
    assert function.handler == "probe_handler.handler"
    assert (function.timeout, function.memory) == (10, 256)
    # the secret environment value arrives unwrapped, as Lambda would see it
    assert function.environment["SECRET_THING"] == "s3"
    assert function.environment["BUCKET"] == probe_stack.outputs["bucketName"]
    (mapping,) = probe_stack.mappings
    assert mapping.function == function.name
    assert (mapping.batch_size, mapping.batching_window, mapping.report_batch_item_failures) == (5, 1.0, True)
    assert mapping.event_source_arn.endswith(probe_stack.outputs["queueUrl"].rsplit("/", 1)[1])


def test_unsupported_types_are_listed_not_dropped(probe_stack):
    assert probe_stack.summary["not_emulated"] == {"aws:cloudwatch/dashboard:Dashboard": 1}
    assert probe_stack.summary["materialised"]["aws:sqs/queue:Queue"] == 3
    assert probe_stack.summary["failures"] == []


def test_state_file_has_endpoint_region_outputs_and_masks_secrets(tmp_path, emulator, probe_stack):
    path = probe_stack.write_state(tmp_path / contract.LOCAL_STATE_FILE)
    state = json.loads(path.read_text())

    assert state["endpoint"] == emulator.endpoint
    assert state["region"] == "eu-west-1"
    assert state["outputs"]["queueUrl"] == probe_stack.outputs["queueUrl"]
    assert state["outputs"]["account"] == ACCOUNT_ID
    # an export of a secret is masked as `pulumi stack output` masks it
    assert state["outputs"]["keySecret"] == "[secret]"
    assert "not-a-real-key" not in path.read_text()


def test_config_error_fails_the_run_naming_the_key(emulator):
    # GIVEN a stack config whose integer is not one
    config = stack_module.read_stack_config(PROBE_PROGRAM, "test", overrides={"maxReceiveCount": "lots"})

    # WHEN the program runs THEN the error names the key
    with pytest.raises(stack_module.StackError, match="maxReceiveCount"):
        stack_module.deploy(emulator, config, PROBE_PROGRAM)


def test_to_aws_shapes():
    assert to_aws({"rules": [{"id": "r", "expiration": {"days": 30.0}, "filter": {"prefix": "events/"}}]}) == {
        "Rules": [{"ID": "r", "Expiration": {"Days": 30}, "Filter": {"Prefix": "events/"}}]}
    assert to_aws({"parameters": {"projection.enabled": "true"}}) == {"Parameters": {"projection.enabled": "true"}}

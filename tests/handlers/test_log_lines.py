"""What each handler tells the operator besides the batch summary: one line per message that
went a way worth knowing (a bad row, a drop, a failure left for redelivery), naming the
message ID, the step and the error code, at the level a CloudWatch alarm would watch."""

from __future__ import annotations

import json
import threading

from droplets import contract
from droplets.contract import message as messages
from droplets.erase import write_entry
from handlers import consumer, indexer
from transforms.testing import make_record

from .conftest import BUCKET, TABLE, body_of, s3_notification, sqs_event, sqs_message
from .test_batch_summary import POWERTOOLS_KEYS
from .test_consumer import PLUGINS, fail_put_object_for

ERASED = "sess-log-lines-erased"


def lines(logs) -> list[tuple]:
    """Every line but the summary: (message ID, level, message, the other fields), by ID."""
    found = []
    for line in map(json.loads, logs.getvalue().splitlines()):
        if line["message"] == "batch processed":
            continue
        fields = {k: v for k, v in line.items() if k not in POWERTOOLS_KEYS and k != "message_id"}
        found.append((line.get("message_id"), line["level"], line["message"], fields))
    return sorted(found, key=lambda found_line: (str(found_line[0]), found_line[2]))


def test_the_consumer_logs_each_bad_row_drop_and_failure_once(aws, context, aws_env, logs):
    # GIVEN a chain that drops health checks, an erased session, S3 throttling one record
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,drop_health,keys")
    write_entry(aws.dynamodb, TABLE, ERASED)
    app = consumer.consumer()
    throttled = make_record(new_event_id=True)
    fail_put_object_for(app.s3, {contract.object_key(throttled)}, code="SlowDown")
    unknown = sqs_message(json.dumps([make_record(new_event_id=True)]), template="sqs-events-packed.json",
                          message_id="6-unknown-format")
    unknown["messageAttributes"][messages.FORMAT_ATTRIBUTE]["stringValue"] = "json-array-v7"
    event = {"Records": [
        sqs_message(body_of(make_record(new_event_id=True)), message_id="1-stored"),
        sqs_message("not json", message_id="2-not-json"),
        sqs_message(body_of(make_record(new_event_id=True, request={"path": "/health"})), message_id="3-health"),
        sqs_message(body_of(make_record(new_event_id=True, session_id=ERASED)), message_id="4-erased"),
        sqs_message(body_of(throttled), message_id="5-throttled"),
        unknown,
    ]}
    # WHEN the consumer handles a batch of a message of each kind
    response = consumer.handler(event, context)
    # THEN the throttled one is left for redelivery, and each message but the stored one
    # has its line, naming it, the step or the error code, nothing from its body
    assert response == {"batchItemFailures": [{"itemIdentifier": "5-throttled"}]}
    assert lines(logs) == [
        ("2-not-json", "INFO", "bad row written", {"step": "parse"}),
        ("3-health", "DEBUG", "dropped", {"step": "drop_health"}),
        ("4-erased", "DEBUG", "dropped: its session was erased", {}),
        ("5-throttled", "WARNING", "PutObject failed; message left for redelivery", {"error": "SlowDown"}),
        ("6-unknown-format", "INFO", "bad row written", {"step": messages.MESSAGE_STEP}),
        ("6-unknown-format", "INFO", "message of unknown format stored as a bad row", {}),
    ]


class _BadRowKeys:
    """Every bad-row key, for :func:`fail_put_object_for`."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.startswith(contract.BAD_PREFIX)


def test_a_bad_row_s3_refuses_is_left_for_redelivery_naming_its_message(aws, context, logs):
    # GIVEN S3 throttling the writes of bad rows, and only those; a call thread per write recorded
    app = consumer.consumer()
    fail_put_object_for(app.s3, _BadRowKeys(), code="SlowDown")
    threads: list[str] = []
    app.s3.meta.events.register("before-parameter-build.s3.PutObject", lambda **_: threads.append(threading.current_thread().name))
    event = {"Records": [
        sqs_message(body_of(make_record(new_event_id=True)), message_id="1-stored"),
        sqs_message("not json", message_id="2-bad-throttled"),
    ]}
    # WHEN the consumer handles them
    response = consumer.handler(event, context)
    # THEN the bad row's message is left for redelivery, its warning naming it and the code
    assert response == {"batchItemFailures": [{"itemIdentifier": "2-bad-throttled"}]}
    assert lines(logs) == [
        ("2-bad-throttled", "WARNING", "PutObject failed; message left for redelivery", {"error": "SlowDown"})]
    # AND both writes ran in the consumer's own bounded pool of S3 calls
    assert len(threads) == 2 and all(name.startswith("put") for name in threads), threads


def test_a_pii_key_without_a_pii_transform_is_a_warning_naming_the_chain(aws, context, aws_env, logs):
    # GIVEN a pii hash-key parameter but a chain without pii (the key would be unused)
    aws_env.setenv(contract.ENV_PII_KEY_PARAM, "/droplets/pii-key")
    aws_env.setenv(contract.ENV_TRANSFORMS, "enrich,keys")
    # WHEN the function starts
    consumer.handler(sqs_event([body_of(make_record(new_event_id=True))]), context)
    # THEN one warning says so, naming the chain (never the parameter's value: none was read)
    assert lines(logs) == [(None, "WARNING", "pii hash key parameter set but the chain has no pii transform",
                            {"transforms": ["enrich", "keys"]})]


def store(aws, record, key=None) -> str:
    key = key or contract.object_key(record)
    aws.s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(record).encode(), ContentType="application/json")
    return key


def test_the_indexer_logs_each_message_it_skips_refuses_or_leaves_for_redelivery(aws, context, logs):
    # GIVEN objects in each state worth a line: of an erased session, under a custom
    # layout, outside events/, not a record; and a message that is no notification
    write_entry(aws.dynamodb, TABLE, ERASED)
    erased = store(aws, make_record(new_event_id=True, session_id=ERASED))
    indexed = store(aws, make_record(new_event_id=True))
    aws.s3.put_object(Bucket=BUCKET, Key="events/dt=2026-11-26/x/broken.json", Body=b"[1, 2]")

    def message(body, message_id):
        return sqs_message(body, message_id=message_id, template="sqs-s3-object-created.json")

    event = {"Records": [
        message(s3_notification("ObjectCreated:Put", indexed, "60"), "1-indexed"),
        message(s3_notification("ObjectCreated:Put", erased, "60"), "2-erased"),
        message(s3_notification("ObjectRemoved:Delete", "events/custom/x.json", "60"), "3-custom"),
        message(s3_notification("ObjectCreated:Put", "exports/x.csv", "60"), "4-outside"),
        message(s3_notification("ObjectRestore:Completed", indexed, "60"), "5-restore"),
        message(s3_notification("ObjectCreated:Put", "events/dt=2026-11-26/x/broken.json", "60"), "6-not-a-record"),
        message("not json", "7-not-json"),
        message(json.dumps(["Records"]), "8-not-an-object"),
        message(json.dumps({"Records": "none"}), "9-no-records"),
    ]}
    # WHEN the indexer handles the batch
    response = indexer.handler(event, context)
    # THEN the messages that cannot be applied are left for a human (the DLQ)...
    failed = sorted(failure["itemIdentifier"] for failure in response["batchItemFailures"])
    assert failed == ["6-not-a-record", "7-not-json", "8-not-an-object", "9-no-records"]
    # ...and each message but the indexed one has its line, at the level it deserves
    (not_a_record,) = [line for line in lines(logs) if line[0] == "6-not-a-record"]
    assert not_a_record[:3] == ("6-not-a-record", "ERROR", "stored object is not a record")
    assert set(not_a_record[3]) == {"error"}
    assert [line for line in lines(logs) if line[0] != "6-not-a-record"] == [
        ("2-erased", "DEBUG", "not indexed: its session was erased", {}),
        ("3-custom", "INFO", "removed object has a custom key layout; its item expires by TTL", {}),
        ("4-outside", "INFO", "object outside events/ ignored", {"event_name": "ObjectCreated:Put"}),
        ("5-restore", "INFO", "S3 event type ignored", {"event_name": "ObjectRestore:Completed"}),
        ("7-not-json", "ERROR", "message is not an S3 notification (not JSON)", {}),
        ("8-not-an-object", "ERROR", "message is not an S3 notification", {}),
        ("9-no-records", "ERROR", "message is not an S3 notification", {}),
    ]


def test_the_indexer_logs_each_aws_failure_it_leaves_for_redelivery(aws, context, logs):
    # GIVEN three objects, and AWS failing one call for each: S3 the read of the first,
    # DynamoDB the write of the second's item and the removal of the third's
    from botocore.exceptions import ClientError

    records = [make_record(new_event_id=True) for _ in range(3)]
    unreadable, unwritable, unremovable = [store(aws, r) for r in records]
    app = indexer.indexer()

    def fail(operation, code, when):
        def hook(params, **_):
            if when(params):
                raise ClientError({"Error": {"Code": code, "Message": f"no {params}"}}, operation)
        return hook

    app.s3.meta.events.register("before-parameter-build.s3.GetObject",
                                fail("GetObject", "SlowDown", lambda p: p["Key"] == unreadable))
    app.dynamodb.meta.events.register("before-parameter-build.dynamodb.PutItem", fail(
        "PutItem", "ProvisionedThroughputExceededException", lambda p: p["Item"]["s3_key"]["S"] == unwritable))
    app.dynamodb.meta.events.register("before-parameter-build.dynamodb.DeleteItem",
                                      fail("DeleteItem", "InternalServerError", lambda p: True))

    def message(body, message_id):
        return sqs_message(body, message_id=message_id, template="sqs-s3-object-created.json")

    event = {"Records": [
        message(s3_notification("ObjectCreated:Put", unreadable, "60"), "1-get"),
        message(s3_notification("ObjectCreated:Put", unwritable, "60"), "2-put"),
        message(s3_notification("ObjectRemoved:Delete", unremovable, "60"), "3-delete"),
    ]}
    # WHEN the indexer handles the batch
    response = indexer.handler(event, context)
    # THEN all three are left for redelivery, each with one warning naming the call and
    # the error code (never the key, never AWS's message)
    assert sorted(f["itemIdentifier"] for f in response["batchItemFailures"]) == ["1-get", "2-put", "3-delete"]
    assert lines(logs) == [
        ("1-get", "WARNING", "GetObject failed; message left for redelivery", {"error": "SlowDown"}),
        ("2-put", "WARNING", "PutItem failed; message left for redelivery",
         {"error": "ProvisionedThroughputExceededException"}),
        ("3-delete", "WARNING", "DeleteItem failed; message left for redelivery", {"error": "InternalServerError"}),
    ]
    assert unreadable not in logs.getvalue() and "no {" not in logs.getvalue()

"""The one log line each handler writes per batch, "batch processed": the only count of bad
rows, drops, erasures and retries an operator has (a CloudWatch metric filter reads it).
Every outcome is in one batch, through the handlers' entry points against moto."""

from __future__ import annotations

import json

from droplets import contract
from droplets.erase import write_entry
from handlers import consumer, indexer
from transforms.testing import make_record

from .conftest import BUCKET, TABLE, body_of, load_fixture, s3_notification, sqs_event, sqs_message
from .test_consumer import PLUGINS, fail_put_object_for
from .test_consumer_packed import packed_message

#: What powertools puts on every line; the rest of a summary line is its counts.
POWERTOOLS_KEYS = {"level", "location", "message", "timestamp", "service", "cold_start", "function_name",
                   "function_memory_size", "function_arn", "function_request_id", "xray_trace_id", "sampling_rate"}
ERASED = "sess-summary-erased"


def summary_counts(logs) -> dict:
    (line,) = [line for line in map(json.loads, logs.getvalue().splitlines()) if line["message"] == "batch processed"]
    return {name: value for name, value in line.items() if name not in POWERTOOLS_KEYS}


def test_the_consumer_counts_messages_by_shape_and_records_by_outcome(aws, context, aws_env, logs):
    # GIVEN a chain that drops health checks, an erased session, and S3 throttling the
    # writes of two records
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,drop_health,enrich,keys")
    write_entry(aws.dynamodb, TABLE, ERASED)
    app = consumer.consumer()
    throttled = [make_record(new_event_id=True) for _ in range(2)]
    fail_put_object_for(app.s3, {contract.object_key(r) for r in throttled})

    def record(**fields):
        return body_of(make_record(new_event_id=True, **fields))

    health = {"request": {"path": "/health"}}
    # AND a batch of seven messages: four unpacked (stored, not JSON, dropped, erased), a pack
    # of four (two stored, one not JSON, one dropped), a pack with a throttled record, and an
    # unpacked throttled record
    event = {"Records": [
        sqs_message(record()),
        sqs_message("not json"),
        sqs_message(record(**health)),
        sqs_message(record(session_id=ERASED)),
        packed_message([record(), "{cut", record(**health), record()]),
        packed_message([record(), body_of(throttled[0])]),
        sqs_message(body_of(throttled[1])),
    ]}
    # WHEN the consumer handles it
    response = consumer.handler(event, context)
    # THEN the two messages with a throttled record are failed...
    failed = sorted(f["itemIdentifier"] for f in response["batchItemFailures"])
    assert failed == sorted(m["messageId"] for m in event["Records"][5:])
    # ...and the summary counts 7 messages by shape and their 11 records by outcome, the
    # records of the failed messages as retried (all of them are written again next time)
    assert summary_counts(logs) == {
        "messages": 7, "messages_unpacked": 4, "messages_packed": 1, "messages_failed": 2,
        "records": 11, "stored": 3, "bad": 2, "dropped": 2, "erased": 1, "retried": 3,
    }


def store(aws, record, key=None) -> str:
    key = key or contract.object_key(record)
    aws.s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(record).encode(), ContentType="application/json")
    return key


def test_the_indexer_counts_messages_by_outcome(aws, context, logs):
    # GIVEN objects in every state an S3 notification can find them in
    def notify(*bodies):
        return sqs_event(bodies, template="sqs-s3-object-created.json")

    new = store(aws, make_record(new_event_id=True))
    stale = store(aws, make_record(new_event_id=True))
    removed = store(aws, make_record(new_event_id=True))
    custom = store(aws, make_record(new_event_id=True), key="events/custom/x.json")
    erased = store(aws, make_record(new_event_id=True, session_id=ERASED))
    gone = contract.object_key(make_record(new_event_id=True))
    indexer.handler(notify(s3_notification("ObjectCreated:Put", stale, "50"),
                           s3_notification("ObjectCreated:Put", removed, "50")), context)
    aws.s3.delete_object(Bucket=BUCKET, Key=removed)
    write_entry(aws.dynamodb, TABLE, ERASED)
    logs.truncate(0)
    logs.seek(0)
    also_new = store(aws, make_record(new_event_id=True))
    several = json.dumps({"Records": [json.loads(s3_notification("ObjectCreated:Put", k, "60"))["Records"][0]
                                      for k in (also_new, "bad/dt=2026-11-26/0b.json")]})
    event = notify(
        s3_notification("ObjectCreated:Put", new, "60"),  # indexed
        s3_notification("ObjectCreated:Put", stale, "40"),  # stale: older than the item
        s3_notification("ObjectRemoved:Delete", removed, "60"),  # removed
        s3_notification("ObjectRemoved:Delete", stale, "45"),  # stale: a removal older than the item
        s3_notification("ObjectRemoved:Delete", custom, "60"),  # unmapped: custom layout
        s3_notification("ObjectCreated:Put", gone, "60"),  # gone: deleted since
        s3_notification("ObjectCreated:Put", erased, "60"),  # erased
        s3_notification("ObjectCreated:Put", "bad/dt=2026-11-26/0a.json", "60"),  # a bad row
        s3_notification("ObjectCreated:Put", "exports/x.csv", "60"),  # outside events/
        s3_notification("ObjectRestore:Completed", new, "60"),  # an event type not applied
        json.dumps({"Records": []}),  # empty
        several,  # two records: indexed and a bad row, named together
        "not json",  # failed
    )
    event["Records"].append(load_fixture("sqs-s3-test-event.json")["Records"][0])
    # WHEN the indexer handles the batch
    response = indexer.handler(event, context)
    # THEN only the message that is no notification failed, and the summary counts each outcome
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][12]["messageId"]}]}
    assert summary_counts(logs) == {
        "messages": 14, "indexed": 1, "stale": 2, "removed": 1, "unmapped": 1, "gone": 1, "erased": 1,
        "bad_row": 1, "ignored": 2, "empty": 1, "bad_row+indexed": 1, "failed": 1, "test_event": 1,
    }
    assert sorted(item["s3_key"] for item in aws.items() if "s3_key" in item) == sorted([new, stale, also_new])

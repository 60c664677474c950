"""The indexer Lambda through its entry point, against moto in-process."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import quote

import boto3
import pytest

from droplets import contract
from handlers import consumer, indexer
from transforms import ConfigError
from transforms.testing import make_record

from .conftest import BUCKET, REGION, TABLE, body_of, load_fixture, s3_notification, sqs_event, sqs_message

INDEX_QUEUE = "sqs-s3-object-created.json"


def store(aws, record, key=None) -> str:
    """Put a stored record in the lake, as the consumer would."""
    key = key or contract.object_key(record)
    aws.s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(record).encode(), ContentType="application/json")
    return key


def notify(*bodies, **kwargs):
    return sqs_event(bodies, template=INDEX_QUEUE, **kwargs)


def moto_style(key: str) -> str:
    """moto percent-encodes "/" too (S3 itself leaves it)."""
    return quote(key, safe="").replace("%20", "+")


# --- ObjectCreated ----------------------------------------------------------------------


def test_indexes_the_object_of_a_real_notification(aws, context, aws_env):
    # GIVEN the stored object the fixture notification names, and a retention period
    aws_env.setenv(contract.ENV_RETENTION_DAYS, "30")
    record = make_record(event_id="3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70", session_id="Zx81_sess-0042")
    key = store(aws, record)
    # WHEN the indexer receives the SQS message holding the S3 notification
    response = indexer.handler(load_fixture(INDEX_QUEUE), context)
    # THEN the index holds the contract's item, with the fields reports need and a TTL
    assert response == {"batchItemFailures": []}
    (item,) = aws.items()
    size = aws.s3.head_object(Bucket=BUCKET, Key=key)["ContentLength"]
    expected = contract.index_item(record, key, size, retention_days=30, shards=contract.DEFAULT_INDEX_SHARDS)
    assert {k: v for k, v in item.items() if k != contract.INDEX_SEQUENCER} == expected
    assert item[contract.INDEX_SEQUENCER] == "0062E99A88DC407460".rjust(contract.SEQUENCER_WIDTH, "0")
    for field in contract.INDEX_REPORT_FIELDS:
        assert field in item
    assert item["method"] == "GET" and item["status"] == 200 and item["duration_ms"] == Decimal("12.4")
    occurred = datetime(2026, 11, 26, 3, 41, 5, tzinfo=timezone.utc)
    assert item[contract.TTL_ATTRIBUTE] == int((occurred + timedelta(days=30)).timestamp())


def test_the_day_index_answers_without_reading_s3(aws, context):
    from droplets.query import day_events

    # GIVEN two indexed calls on the same day in different sessions
    for sid in ("sessionAAAA", None):
        record = make_record(new_event_id=True, session_id=sid)
        indexer.handler(notify(s3_notification("ObjectCreated:Put", store(aws, record))), context)
    # WHEN the by-day GSI is read the way every report reads it
    found = list(day_events(aws.dynamodb, TABLE, "2026-11-26", "2026-11-26T00:00:00.000Z", "2026-11-26T23:59:59.999Z"))
    # THEN both are there, the session-less one under _nosession
    assert sorted(e[contract.INDEX_PK] for e in found) == [contract.NO_SESSION, "sessionAAAA"]


def test_items_go_to_the_write_shard_of_their_event_and_the_count_is_registered_first(aws, context, aws_env):
    from droplets.query import day_events

    # GIVEN a stack configured with 8 shards, and 40 stored calls of one day
    aws_env.setenv(contract.ENV_INDEX_SHARDS, "8")
    records = [make_record(new_event_id=True, occurred_at=f"2026-11-26T10:{i // 60:02d}:{i % 60:02d}.000Z")
               for i in range(40)]
    keys = [store(aws, r) for r in records]
    # WHEN the indexer gets their S3 notifications, in batches of 10 SQS messages
    for start in range(0, 40, 10):
        response = indexer.handler(notify(*[s3_notification("ObjectCreated:Put", k) for k in keys[start:start + 10]]), context)
        assert response == {"batchItemFailures": []}
    # THEN each item's GSI partition is "<day>#<hash of its event ID mod 8>"
    items = {item["event_id"]: item for item in aws.items()}
    assert len(items) == 40
    for record in records:
        assert items[record["event_id"]][contract.DAY_INDEX_PK] == contract.day_partition("2026-11-26", record["event_id"], 8)
    # AND the writes are spread: more than half of the 8 shards got some (40 uniform events)
    shards = {item[contract.DAY_INDEX_PK] for item in items.values()}
    assert len(shards) > 4 and all(s.startswith("2026-11-26#") for s in shards)
    # AND the layout item says 8, so readers find every call, in time order
    assert aws.layout() == contract.DayLayout(8, frozenset({8}))
    found = list(day_events(aws.dynamodb, TABLE, "2026-11-26", "2026-11-26T00:00:00.000Z", "2026-11-26T23:59:59.999Z"))
    assert [e["event_id"] for e in found] == [r["event_id"] for r in records]


def test_a_new_shard_count_is_added_to_the_layout_not_replacing_the_old(aws, context, aws_env):
    # GIVEN a container that indexed with the default count
    first = make_record(new_event_id=True)
    indexer.handler(notify(s3_notification("ObjectCreated:Put", store(aws, first))), context)
    assert aws.layout().counts == {contract.DEFAULT_INDEX_SHARDS}
    # WHEN the stack is redeployed with 16 and a new container indexes a call
    indexer.indexer.cache_clear()
    aws_env.setenv(contract.ENV_INDEX_SHARDS, "16")
    second = make_record(new_event_id=True)
    indexer.handler(notify(s3_notification("ObjectCreated:Put", store(aws, second))), context)
    # THEN the layout holds both counts (readers still read the old shards) and says 16 is current
    assert aws.layout() == contract.DayLayout(16, frozenset({contract.DEFAULT_INDEX_SHARDS, 16}))
    days = {item["event_id"]: item[contract.DAY_INDEX_PK] for item in aws.items()}
    assert days[second["event_id"]] == contract.day_partition("2026-11-26", second["event_id"], 16)


def test_a_container_that_cannot_register_its_shard_count_indexes_nothing(aws, context, logs):
    # GIVEN a table that refuses the layout item's UpdateItem
    record = make_record(new_event_id=True)
    event = notify(s3_notification("ObjectCreated:Put", store(aws, record)))
    import botocore.client

    original = botocore.client.BaseClient._make_api_call

    def calls(self, operation, params):
        if operation == "UpdateItem":
            raise aws.dynamodb.exceptions.ProvisionedThroughputExceededException(
                {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "Rate exceeded"}}, operation)
        return original(self, operation, params)

    # WHEN the indexer's container is built for the batch
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(botocore.client.BaseClient, "_make_api_call", calls)
        with pytest.raises(Exception, match="Rate exceeded"):
            indexer.handler(event, context)
    # THEN the invocation fails (SQS redelivers the whole batch) and nothing was written
    # under a count readers would not know
    assert aws.items() == []
    # AND one error line says why, with the error's code
    errors = [line for line in map(json.loads, logs.getvalue().splitlines()) if line["level"] == "ERROR"]
    assert [(line["message"], line.get("error")) for line in errors] == [
        ("cannot register the shard count in the index's layout item", "ProvisionedThroughputExceededException")]
    # AND the next container, with the table answering again, indexes it
    indexer.indexer.cache_clear()
    assert indexer.handler(event, context) == {"batchItemFailures": []}
    assert [i["event_id"] for i in aws.items()] == [record["event_id"]]


def test_duplicate_delivery_keeps_one_item(aws, context):
    # GIVEN an indexed object
    record = make_record(new_event_id=True)
    body = s3_notification("ObjectCreated:Put", store(aws, record))
    indexer.handler(notify(body), context)
    # WHEN the same notification arrives twice more, once in the same batch
    response = indexer.handler(notify(body, body), context)
    # THEN there is one item
    assert response == {"batchItemFailures": []}
    assert len(aws.items()) == 1


@pytest.mark.parametrize(
    "key",
    [
        "events/custom/with space/a+b/x.json",
        "events/custom/ünïcødé/会话/x.json",
        "events/custom/plus+only+x.json",
    ],
)
@pytest.mark.parametrize("encoding", ["s3", "moto"])
def test_keys_with_spaces_plus_and_unicode_are_decoded(aws, context, key, encoding):
    # GIVEN an object under a key S3 must encode in its notification
    record = make_record(new_event_id=True)
    store(aws, record, key)
    encode = moto_style if encoding == "moto" else None
    # WHEN its notification is indexed
    response = indexer.handler(notify(s3_notification("ObjectCreated:Put", key, encode=encode)), context)
    # THEN the object was found under the decoded key and indexed with it
    assert response == {"batchItemFailures": []}
    (item,) = aws.items()
    assert item["s3_key"] == key


def test_a_created_object_that_is_gone_is_done(aws, context):
    # GIVEN a notification for an object deleted since
    key = contract.object_key(make_record(new_event_id=True))
    # WHEN it is indexed
    response = indexer.handler(notify(s3_notification("ObjectCreated:Put", key)), context)
    # THEN it is done, nothing is indexed
    assert response == {"batchItemFailures": []}
    assert aws.items() == []


# --- what is not indexed ----------------------------------------------------------------


def test_test_events_are_processed_and_skipped(aws, context):
    # GIVEN the s3:TestEvent S3 sends when notifications are configured
    event = load_fixture("sqs-s3-test-event.json")
    # WHEN it arrives
    response = indexer.handler(event, context)
    # THEN it is done, the index untouched
    assert response == {"batchItemFailures": []}
    assert aws.items() == []


def test_bad_rows_are_not_indexed(aws, context):
    # GIVEN a bad row written by the consumer
    consumer.handler(sqs_event(["not json"]), context)
    (key,) = aws.keys(contract.BAD_PREFIX)
    # WHEN its notification arrives
    response = indexer.handler(notify(s3_notification("ObjectCreated:Put", key)), context)
    # THEN it is done and not indexed
    assert response == {"batchItemFailures": []}
    assert aws.items() == []


def test_keys_outside_events_are_ignored_with_a_log_line(aws, context, logs):
    # GIVEN an object someone put elsewhere in the bucket
    aws.s3.put_object(Bucket=BUCKET, Key="exports/report.csv", Body=b"a,b")
    # WHEN its notification arrives
    response = indexer.handler(notify(s3_notification("ObjectCreated:Put", "exports/report.csv")), context)
    # THEN it is done, not indexed, and said so (without the key)
    assert response == {"batchItemFailures": []}
    assert aws.items() == []
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert any(line["message"] == "object outside events/ ignored" for line in lines)
    assert "report.csv" not in logs.getvalue()


# --- removal ----------------------------------------------------------------------------


@pytest.mark.parametrize("event_name", ["ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated",
                                        "LifecycleExpiration:Delete"])
def test_removal_deletes_the_item(aws, context, event_name):
    # GIVEN an indexed object
    record = make_record(new_event_id=True)
    key = store(aws, record)
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "0100")), context)
    assert len(aws.items()) == 1
    # WHEN it is deleted (by erasure or by the lifecycle rule) and the event arrives
    aws.s3.delete_object(Bucket=BUCKET, Key=key)
    response = indexer.handler(notify(s3_notification(event_name, key, "0200")), context)
    # THEN its item is gone
    assert response == {"batchItemFailures": []}
    assert aws.items() == []


def test_fixtures_for_removal_and_expiry_delete_the_fixture_item(aws, context):
    # GIVEN the object of the created fixture, indexed
    record = make_record(event_id="3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70", session_id="Zx81_sess-0042")
    store(aws, record)
    indexer.handler(load_fixture(INDEX_QUEUE), context)
    # WHEN the removed fixture arrives (a later sequencer), then the expiry one
    first = indexer.handler(load_fixture("sqs-s3-object-removed.json"), context)
    second = indexer.handler(load_fixture("sqs-s3-lifecycle-expiration.json"), context)
    # THEN the item is gone and both are done
    assert first == second == {"batchItemFailures": []}
    assert aws.items() == []


def test_removing_a_custom_layout_object_is_done(aws, context, logs):
    # GIVEN an indexed object under a custom key layout
    key = store(aws, make_record(new_event_id=True), "events/custom/x.json")
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "01")), context)
    # WHEN it is removed
    response = indexer.handler(notify(s3_notification("ObjectRemoved:Delete", key, "02")), context)
    # THEN the message is done; the item stays (to expire by TTL) and the log says why
    assert response == {"batchItemFailures": []}
    assert len(aws.items()) == 1
    assert "custom key layout" in logs.getvalue()


# --- order ------------------------------------------------------------------------------


def test_a_late_created_event_does_not_resurrect_a_removed_object(aws, context):
    # GIVEN an object created (seq 10) then deleted (seq 20)
    record = make_record(new_event_id=True)
    key = contract.object_key(record)
    # WHEN the removal is delivered before the creation
    removed = indexer.handler(notify(s3_notification("ObjectRemoved:Delete", key, "20")), context)
    created = indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "10")), context)
    # THEN both are done and there is no item
    assert removed == created == {"batchItemFailures": []}
    assert aws.items() == []


def test_a_late_removal_does_not_delete_a_newer_object(aws, context):
    # GIVEN an object written (seq 10), deleted (seq 20) and written again (seq 30)
    record = make_record(new_event_id=True)
    key = store(aws, record)
    # WHEN the third event is delivered first, then the other two
    for name, seq in [("ObjectCreated:Put", "30"), ("ObjectRemoved:Delete", "20"), ("ObjectCreated:Put", "10")]:
        assert indexer.handler(notify(s3_notification(name, key, seq)), context) == {"batchItemFailures": []}
    # THEN the item is there, carrying the newest event's sequencer
    (item,) = aws.items()
    assert item[contract.INDEX_SEQUENCER] == "30".rjust(contract.SEQUENCER_WIDTH, "0")


def test_sequencers_of_different_length_compare_as_numbers(aws, context):
    # GIVEN an item written by event "FF"
    record = make_record(new_event_id=True)
    key = store(aws, record)
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "FF")), context)
    # WHEN a removal with the longer, greater sequencer "0100" arrives (as text, "0100" < "FF")
    indexer.handler(notify(s3_notification("ObjectRemoved:Delete", key, "0100")), context)
    # THEN it was applied: the item is gone
    assert aws.items() == []


def test_events_without_a_sequencer_apply_in_arrival_order(aws, context):
    # GIVEN an emulator that sends no sequencer (moto): created then removed
    record = make_record(new_event_id=True)
    key = store(aws, record)
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, None)), context)
    assert len(aws.items()) == 1
    indexer.handler(notify(s3_notification("ObjectRemoved:Delete", key, None)), context)
    # THEN the removal applied
    assert aws.items() == []


@pytest.mark.parametrize("sent, kept", [
    ("F" * contract.SEQUENCER_WIDTH, "F" * contract.SEQUENCER_WIDTH),
    (" 00ff ", "FF".rjust(contract.SEQUENCER_WIDTH, "0")),
    ("0062e99a88dc407460", "0062E99A88DC407460".rjust(contract.SEQUENCER_WIDTH, "0")),
], ids=["full-width", "spaces-lowercase", "lowercase"])
def test_a_sequencer_is_kept_padded_upper_case(aws, context, sent, kept):
    # GIVEN a notification whose sequencer is as wide as allowed, or lower case, or spaced
    key = store(aws, make_record(new_event_id=True))
    # WHEN it is indexed
    response = indexer.handler(notify(s3_notification("ObjectCreated:Put", key, sent)), context)
    # THEN the item carries it left-padded to the contract's width, upper case
    assert response == {"batchItemFailures": []}
    (item,) = aws.items()
    assert item[contract.INDEX_SEQUENCER] == kept


@pytest.mark.parametrize("sequencer", ["", "   "], ids=["empty", "blank"])
def test_a_blank_sequencer_is_no_sequencer(aws, context, sequencer):
    # GIVEN an object indexed under sequencer "20", and a later removal whose sequencer is blank
    key = store(aws, make_record(new_event_id=True))
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "20")), context)
    # WHEN the removal is indexed
    response = indexer.handler(notify(s3_notification("ObjectRemoved:Delete", key, sequencer)), context)
    # THEN it applies without condition, as an event without a sequencer does
    assert response == {"batchItemFailures": []}
    assert aws.items() == []
    # AND a creation with a blank sequencer writes an item that carries none
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, sequencer)), context)
    (item,) = aws.items()
    assert contract.INDEX_SEQUENCER not in item


@pytest.mark.parametrize("sequencer", [
    "0062E99A88DC40746Z",  # not hex
    "0062E99A-88DC407460",  # not hex either
    "0x62E99A88DC407460",  # a hex literal, not S3's bare hex digits
    "1" + "0" * contract.SEQUENCER_WIDTH,  # one digit wider than the contract pads to
], ids=["letter", "dash", "0x-prefix", "too-wide"])
@pytest.mark.parametrize("event_name", ["ObjectCreated:Put", "ObjectRemoved:Delete"])
def test_a_malformed_sequencer_is_reported_and_changes_nothing(aws, context, event_name, sequencer):
    # GIVEN an indexed object, and a notification about it whose sequencer is malformed
    # (ordering on it could let an old event undo a newer one)
    key = store(aws, make_record(new_event_id=True))
    indexer.handler(notify(s3_notification("ObjectCreated:Put", key, "20")), context)
    before = aws.items()
    event = notify(s3_notification(event_name, key, sequencer))
    # WHEN it is indexed
    response = indexer.handler(event, context)
    # THEN the message is reported (it ends in the DLQ for a human) and the item is untouched
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
    assert aws.items() == before


def notification_of(*bodies: str) -> str:
    """One S3 notification holding the records of several (S3 sends one per event; the
    format allows more)."""
    records = [record for body in bodies for record in json.loads(body)["Records"]]
    return json.dumps({"Records": records})


def test_a_notification_with_several_records_applies_each(aws, context):
    # GIVEN two new objects and an indexed one that is now deleted
    new = [store(aws, make_record(new_event_id=True)) for _ in range(2)]
    old = store(aws, make_record(new_event_id=True))
    indexer.handler(notify(s3_notification("ObjectCreated:Put", old, "10")), context)
    aws.s3.delete_object(Bucket=BUCKET, Key=old)
    body = notification_of(s3_notification("ObjectCreated:Put", new[0], "20"),
                           s3_notification("ObjectRemoved:Delete", old, "30"),
                           s3_notification("ObjectCreated:Put", new[1], "40"))
    # WHEN one message carries the three events
    response = indexer.handler(notify(body), context)
    # THEN each was applied: the two new objects indexed, the deleted one's item gone
    assert response == {"batchItemFailures": []}
    assert sorted(item["s3_key"] for item in aws.items()) == sorted(new)


def test_a_notification_with_no_records_is_done(aws, context):
    # GIVEN a notification that lists no record
    event = notify(json.dumps({"Records": []}))
    # WHEN it arrives  THEN it is done, the index untouched
    assert indexer.handler(event, context) == {"batchItemFailures": []}
    assert aws.items() == []


# --- failures ---------------------------------------------------------------------------


def test_a_dynamodb_failure_reports_exactly_that_message(aws, context):
    # GIVEN ten stored objects, and DynamoDB throttling the write of the seventh
    batch = [make_record(new_event_id=True) for _ in range(10)]
    keys = [store(aws, r) for r in batch]
    event = notify(*[s3_notification("ObjectCreated:Put", k) for k in keys])
    app = indexer.indexer()
    doomed = contract.index_sort_key(batch[6]["occurred_at"], batch[6]["event_id"])

    def throttle(params, **_):
        if params["Item"][contract.INDEX_SK]["S"] == doomed:
            raise app.dynamodb.exceptions.ProvisionedThroughputExceededException(
                {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "Rate exceeded"}}, "PutItem")

    app.dynamodb.meta.events.register("before-parameter-build.dynamodb.PutItem", throttle)
    # WHEN the batch is indexed
    response = indexer.handler(event, context)
    # THEN exactly that message is reported; nine items are written
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][6]["messageId"]}]}
    assert len(aws.items()) == 9


def test_an_s3_read_failure_reports_the_message(aws, context):
    # GIVEN an S3 that answers GetObject with 503
    from botocore.stub import Stubber

    app = indexer.indexer()
    stubber = Stubber(app.s3)
    stubber.add_client_error("get_object", service_error_code="SlowDown", http_status_code=503)
    event = notify(s3_notification("ObjectCreated:Put", contract.object_key(make_record())))
    # WHEN the notification is indexed
    with stubber:
        response = indexer.handler(event, context)
    # THEN it is reported for redelivery
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}


def test_a_403_for_an_object_no_longer_listed_is_done(aws, context):
    # GIVEN a role that may list only under events/ (an s3:prefix condition, which a GetObject
    # does not carry): S3 answers 403 AccessDenied, not 404, for an object deleted since
    from botocore.stub import Stubber

    app = indexer.indexer()
    key = contract.object_key(make_record(new_event_id=True))
    stubber = Stubber(app.s3)
    stubber.add_client_error("get_object", service_error_code="AccessDenied", http_status_code=403)
    # AND listing the key itself (which carries the prefix) finds nothing
    stubber.add_response("list_objects_v2", {"KeyCount": 0, "IsTruncated": False},
                         {"Bucket": BUCKET, "Prefix": key, "MaxKeys": 1})
    event = notify(s3_notification("ObjectCreated:Put", key))
    # WHEN the notification is indexed
    with stubber:
        response = indexer.handler(event, context)
    # THEN the message is done, nothing indexed, and both calls were made
    assert response == {"batchItemFailures": []}
    assert aws.items() == []
    stubber.assert_no_pending_responses()


@pytest.mark.parametrize("listing", ["listed", "list-denied"])
def test_a_403_for_an_object_that_is_still_there_is_retried(aws, context, listing):
    # GIVEN a 403 on GetObject for an object that is still listed (a key policy refusing
    # the decrypt, say), or that the role cannot even list
    from botocore.stub import Stubber

    app = indexer.indexer()
    key = contract.object_key(make_record(new_event_id=True))
    stubber = Stubber(app.s3)
    stubber.add_client_error("get_object", service_error_code="AccessDenied", http_status_code=403)
    if listing == "listed":
        stubber.add_response("list_objects_v2", {"KeyCount": 1, "IsTruncated": False, "Contents": [{"Key": key, "Size": 10}]},
                             {"Bucket": BUCKET, "Prefix": key, "MaxKeys": 1})
    else:
        stubber.add_client_error("list_objects_v2", service_error_code="AccessDenied", http_status_code=403)
    event = notify(s3_notification("ObjectCreated:Put", key))
    # WHEN it is indexed
    with stubber:
        response = indexer.handler(event, context)
    # THEN it is reported for redelivery (and, failing on, kept in the DLQ): never dropped
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"Records": "no"}', '{"hello": "world"}'])
def test_a_message_that_is_not_an_s3_notification_goes_to_the_dlq(aws, context, body):
    # GIVEN a message that is no S3 notification
    event = notify(body)
    # WHEN it arrives
    response = indexer.handler(event, context)
    # THEN it is reported (and ends in the DLQ after maxReceiveCount), never silently lost
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}


def test_a_stored_object_that_is_not_a_record_goes_to_the_dlq(aws, context):
    # GIVEN garbage under events/ (not written by the consumer)
    key = contract.object_key(make_record(new_event_id=True))
    aws.s3.put_object(Bucket=BUCKET, Key=key, Body=b"<html>")
    event = notify(s3_notification("ObjectCreated:Put", key))
    # WHEN it is indexed
    response = indexer.handler(event, context)
    # THEN it is reported, not indexed
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
    assert aws.items() == []


# --- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize("env, name", [
    ({contract.ENV_TABLE: ""}, contract.ENV_TABLE),
    ({contract.ENV_RETENTION_DAYS: "thirty"}, contract.ENV_RETENTION_DAYS),
    ({contract.ENV_RETENTION_DAYS: "0"}, contract.ENV_RETENTION_DAYS),
])
def test_bad_configuration_fails_the_cold_start_naming_the_variable(aws, context, aws_env, env, name):
    for var, value in env.items():
        aws_env.setenv(var, value)
    with pytest.raises(ConfigError, match=name):
        indexer.handler(load_fixture("sqs-s3-test-event.json"), context)


# --- end to end on moto's own notifications ---------------------------------------------


def test_consumer_then_indexer_through_moto_s3_notifications(aws, context):
    # GIVEN the lake bucket notifying an SQS queue, as the Pulumi program configures it
    sqs = boto3.client("sqs", region_name=REGION)
    queue = sqs.create_queue(QueueName="droplets-index")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    aws.s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={"QueueConfigurations": [{
        "QueueArn": arn, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
    }]})
    records = [make_record(new_event_id=True, session_id=sid) for sid in ("journeyAAAA", "journeyAAAA", "../../etc")]

    def drain():
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages", [])
        event = {"Records": [sqs_message(m["Body"], message_id=m["MessageId"], template=INDEX_QUEUE) for m in messages]}
        for m in messages:
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])
        return indexer.handler(event, context)

    # WHEN the consumer stores a batch (plus a poison message) and the indexer drains the queue
    consumer.handler(sqs_event([body_of(r) for r in records] + ["poison"]), context)
    assert drain() == {"batchItemFailures": []}
    # THEN every stored call is indexed (moto encodes "/" in keys: decoded), the bad row is not
    items = aws.items()
    assert sorted(i["s3_key"] for i in items) == aws.keys("events/")
    assert sorted(i[contract.INDEX_PK] for i in items) == [contract.NO_SESSION, "journeyAAAA", "journeyAAAA"]
    # AND WHEN a journey's objects are erased, the index follows
    for key in aws.keys("events/dt=2026-11-26/journeyAAAA/"):
        aws.s3.delete_object(Bucket=BUCKET, Key=key)
    assert drain() == {"batchItemFailures": []}
    assert [i[contract.INDEX_PK] for i in aws.items()] == [contract.NO_SESSION]

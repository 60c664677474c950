"""The consumer Lambda on packed messages (several records per SQS message, NDJSON with the
``droplets-format`` attribute), next to unpacked ones, through its entry point against moto."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime, timezone

from droplets import contract
from droplets.contract import message as messages
from handlers import consumer
from transforms.chain import default_scrubber
from transforms.chain import PARSE_STEP, VALIDATE_STEP
from transforms.testing import make_record

from .conftest import BUCKET, body_of, load_fixture, sqs_event, sqs_message
from .test_consumer import fail_put_object_for, handled_while_s3_slows_down, records


def packed_message(bodies, **kwargs):
    """One packed SQS message in the Lambda event shape (the packed fixture's attributes)."""
    message = sqs_message(messages.pack(bodies), template="sqs-events-packed.json", **kwargs)
    assert message["messageAttributes"][messages.FORMAT_ATTRIBUTE]["stringValue"] == messages.PACKED_FORMAT
    return message


def record_puts(s3):
    """Every PutObject the client makes, as (key, body bytes), in the order made."""
    puts = []
    lock = threading.Lock()

    def spy(params, **_):
        with lock:
            puts.append((params["Key"], bytes(params["Body"])))

    s3.meta.events.register("before-parameter-build.s3.PutObject", spy)
    return puts


def summaries(logs):
    return [line for line in map(json.loads, logs.getvalue().splitlines()) if line["message"] == "batch processed"]


def test_a_packed_message_from_the_fixture_stores_every_record(aws, context, logs):
    # GIVEN the packed fixture: one SQS message carrying three records
    event = load_fixture("sqs-events-packed.json")
    (message,) = event["Records"]
    sent = [json.loads(line) for line in message["body"].split("\n")]
    # WHEN the consumer handles it
    response = consumer.handler(event, context)
    # THEN nothing is retried and each record is its own object under its own key
    assert response == {"batchItemFailures": []}
    assert aws.keys() == sorted(contract.object_key(r) for r in sent)
    # AND every record of the message carries the message's SentTimestamp as received_at
    sent_at = contract.format_time(datetime.fromtimestamp(int(message["attributes"]["SentTimestamp"]) / 1000, timezone.utc))
    assert {aws.read(k)["pipeline"]["received_at"] for k in aws.keys()} == {sent_at}
    # AND the batch summary counts one packed message and three records
    (summary,) = summaries(logs)
    assert (summary["messages"], summary["messages_packed"], summary["records"], summary["stored"]) == (1, 1, 3, 3)


def test_old_and_new_messages_in_one_batch(aws, context, logs):
    # GIVEN a batch mixing unpacked messages (as old producers send and queues still hold)
    # and packed ones
    old = records(3)
    new = [records(4), records(1), records(5)]
    event = {"Records": [sqs_message(body_of(old[0])), packed_message([body_of(r) for r in new[0]]),
                         sqs_message(body_of(old[1])), packed_message([body_of(r) for r in new[1]]),
                         packed_message([body_of(r) for r in new[2]]), sqs_message(body_of(old[2]))]}
    # WHEN it is consumed
    response = consumer.handler(event, context)
    # THEN all thirteen records are stored, each once
    assert response == {"batchItemFailures": []}
    every = old + [r for pack in new for r in pack]
    assert aws.keys() == sorted(contract.object_key(r) for r in every)
    # AND the summary counts messages by shape and records by outcome
    (summary,) = summaries(logs)
    assert summary["messages"] == 6 and summary["messages_packed"] == 3 and summary["messages_unpacked"] == 3
    assert summary["records"] == 13 and summary["stored"] == 13


def test_one_bad_record_in_a_pack_is_one_bad_row_and_the_rest_are_stored(aws, context):
    # GIVEN a pack of five lines: three records, one line that is not JSON, one invalid record
    good = records(3)
    broken = make_record(new_event_id=True)
    del broken["request"]["method"]
    not_json = '{"v":1,"event_id":"cut short'
    lines = [body_of(good[0]), not_json, body_of(good[1]), body_of(broken), body_of(good[2])]
    message = packed_message(lines)
    # WHEN it is consumed
    response = consumer.handler({"Records": [message]}, context)
    # THEN the message is done (not retried), the three records are stored...
    assert response == {"batchItemFailures": []}
    assert aws.keys(contract.EVENTS_PREFIX) == sorted(contract.object_key(r) for r in good)
    # ...and each bad line is one bad row holding exactly that line (scrubbed, as every bad
    # row is), keyed by what it holds
    received_at = aws.read(contract.object_key(good[0]))["pipeline"]["received_at"]
    scrub = default_scrubber().scrub_payload
    bad_keys = aws.keys(contract.BAD_PREFIX)
    assert bad_keys == sorted(contract.bad_key(scrub(line), received_at) for line in (not_json, body_of(broken)))
    rows = {aws.read(k)["payload"]: aws.read(k)["bad"] for k in bad_keys}
    assert rows[scrub(not_json)]["step"] == PARSE_STEP
    assert rows[scrub(body_of(broken))]["step"] == VALIDATE_STEP and "request.method" in rows[scrub(body_of(broken))]["error"]

    # WHEN the same message is delivered again
    message["attributes"]["ApproximateReceiveCount"] = "2"
    consumer.handler({"Records": [message]}, context)
    # THEN the bad rows overwrite themselves: still two
    assert aws.keys(contract.BAD_PREFIX) == bad_keys


def test_a_transient_s3_failure_retries_the_whole_pack_which_writes_the_same_objects(aws, context, logs):
    # GIVEN a pack of six records next to an unpacked message, and S3 throttling the
    # PutObject of the pack's fourth record on the first delivery
    pack = records(6)
    alone = make_record(new_event_id=True)
    message = packed_message([body_of(r) for r in pack])
    event = {"Records": [message, sqs_message(body_of(alone))]}
    app = consumer.consumer()
    puts = record_puts(app.s3)
    failing = contract.object_key(pack[3])
    throttled = {failing}
    fail_put_object_for(app.s3, throttled)
    # WHEN the batch is consumed
    first = consumer.handler(event, context)
    # THEN exactly the pack is reported for redelivery; its five other records and the
    # unpacked message were stored
    assert first == {"batchItemFailures": [{"itemIdentifier": message["messageId"]}]}
    keys = sorted(contract.object_key(r) for r in pack)
    assert aws.keys() == sorted([k for k in keys if k != failing] + [contract.object_key(alone)])
    stored_first = {k: aws.s3.get_object(Bucket=BUCKET, Key=k)["Body"].read() for k in aws.keys()}
    (summary,) = summaries(logs)
    assert summary["messages_failed"] == 1 and summary["retried"] == 6 and summary["stored"] == 1

    # WHEN S3 recovers and SQS delivers the pack again
    throttled.clear()
    puts.clear()
    message["attributes"]["ApproximateReceiveCount"] = "2"
    second = consumer.handler({"Records": [message]}, context)
    # THEN it succeeds, writing each of the six keys once more, and nothing else
    assert second == {"batchItemFailures": []}
    assert sorted(k for k, _ in puts) == keys
    # AND the lake holds each record exactly once, the objects written twice byte for byte
    # the same as the first time
    assert aws.keys() == sorted(keys + [contract.object_key(alone)])
    for key, body in puts:
        if key in stored_first:
            assert body == stored_first[key]
        assert aws.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == body
    assert len({json.loads(body)["event_id"] for _, body in puts}) == 6


def test_when_s3_fails_every_write_of_a_pack_it_is_reported_once(aws, context):
    # GIVEN a pack of three records and an S3 that answers every PutObject with 503
    message = packed_message([body_of(r) for r in records(3)])
    # WHEN it is consumed (and every write was tried)
    response = handled_while_s3_slows_down({"Records": [message]}, context, puts=3)
    # THEN the message is reported once, nothing stored
    assert response == {"batchItemFailures": [{"itemIdentifier": message["messageId"]}]}
    assert aws.keys() == []


def test_a_message_of_unknown_format_is_one_bad_row_naming_it(aws, context, logs):
    # GIVEN a message from a future producer: a format this consumer does not know
    body = json.dumps([make_record(new_event_id=True) for _ in range(2)])
    message = sqs_message(body, template="sqs-events-packed.json")
    message["messageAttributes"][messages.FORMAT_ATTRIBUTE]["stringValue"] = "json-array-v7"
    # WHEN it is consumed (next to a valid packed message)
    fine = make_record(new_event_id=True)
    response = consumer.handler({"Records": [message, packed_message([body_of(fine)])]}, context)
    # THEN it is done, not a crash and not retried: one bad row naming the format and
    # holding the whole body; the other message is stored
    assert response == {"batchItemFailures": []}
    assert aws.keys(contract.EVENTS_PREFIX) == [contract.object_key(fine)]
    (bad,) = aws.keys(contract.BAD_PREFIX)
    row = aws.read(bad)
    assert row["bad"]["step"] == messages.MESSAGE_STEP
    assert "json-array-v7" in row["bad"]["error"] and messages.FORMAT_ATTRIBUTE in row["bad"]["error"]
    assert row["payload"] == default_scrubber().scrub_payload(body)
    # AND the format value (producer input) is not logged
    assert "json-array-v7" not in logs.getvalue()


def test_a_pack_at_the_sqs_size_limit_is_stored_whole(aws, context):
    # GIVEN a packed message exactly as large as SQS allows (body + attribute = 256 KiB),
    # of records with large bodies
    attribute_bytes = messages.message_bytes("", messages.packed_attributes())
    target = messages.SQS_MAX_MESSAGE_BYTES - attribute_bytes
    filler = make_record(new_event_id=True, response={"body": {"text": ""}})
    per_record = (target // 8) - len(body_of(filler).encode()) - 1
    pack = [make_record(new_event_id=True, response={"body": {"text": "z" * per_record}}) for _ in range(8)]
    bodies = [body_of(r) for r in pack]
    short = target - len(messages.pack(bodies).encode())
    pack[-1]["response"]["body"]["text"] += "z" * short
    bodies[-1] = body_of(pack[-1])
    body = messages.pack(bodies)
    assert messages.message_bytes(body, messages.packed_attributes()) == messages.SQS_MAX_MESSAGE_BYTES
    # WHEN it is consumed
    response = consumer.handler({"Records": [packed_message(bodies)]}, context)
    # THEN every record is stored intact
    assert response == {"batchItemFailures": []}
    assert aws.keys() == sorted(contract.object_key(r) for r in pack)
    assert aws.read(contract.object_key(pack[-1]))["response"]["body"]["text"] == pack[-1]["response"]["body"]["text"]


def test_the_per_record_path_takes_one_body(aws):
    # GIVEN the per-record function, as further per-record steps will call it
    import asyncio

    app = consumer.consumer()
    record = make_record(new_event_id=True)
    # WHEN it is given one record's body  THEN it stores that record and says so
    outcome = asyncio.run(consumer.store_record(body_of(record), "2026-11-26T05:00:00.000Z", app, "m-1"))
    assert outcome == consumer.STORED
    assert aws.keys() == [contract.object_key(record)]
    assert Counter([asyncio.run(consumer.store_record("nope", "2026-11-26T05:00:00.000Z", app, "m-2"))]) == {consumer.BAD: 1}

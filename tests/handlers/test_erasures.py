"""An erased session stays erased: the consumer and the indexer, through their entry points,
against moto in-process, with the erasure entry ``droplets forget`` writes
(:func:`droplets.erase.write_entry`); botocore's Stubber for what moto never does
(unprocessed keys, throttling)."""

from __future__ import annotations

import dataclasses
import json

import boto3
import botocore.client
import pytest
from botocore.stub import Stubber

from droplets import contract
from droplets.contract import erasure
from droplets.erase import write_entry
from handlers import consumer, erasures, indexer
from transforms.testing import make_record

from .conftest import BUCKET, REGION, TABLE, body_of, s3_notification, sqs_event

ERASED = "sess-erased-0001"
KEPT = "sess-kept-00001"


@pytest.fixture
def api_calls(monkeypatch):
    """Every AWS API call made while the test runs, as (operation, params)."""
    calls: list[tuple[str, dict]] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        calls.append((operation_name, api_params))
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    return calls


def batch_gets(calls) -> list[list[str]]:
    """The partitions each BatchGetItem asked for."""
    return [[k[contract.INDEX_PK]["S"] for k in params["RequestItems"][TABLE]["Keys"]]
            for name, params in calls if name == "BatchGetItem"]


def summary_line(logs) -> dict:
    lines = [json.loads(line) for line in logs.getvalue().splitlines() if line.strip()]
    (line,) = [entry for entry in lines if entry.get("message") == "batch processed"]
    return line


def session_keys(aws, session_id: str) -> list[str]:
    return [k for k in aws.keys() if f"/{session_id}/" in k]


# --- the consumer -------------------------------------------------------------------------


def test_consumer_drops_every_record_of_an_erased_session_and_stores_the_rest(aws, context, logs, api_calls):
    # GIVEN a session forget has erased, and a batch mixing its records (one stored as is,
    # one poison message that would be a bad row holding it) with another session's
    write_entry(aws.dynamodb, TABLE, ERASED)
    erased_record = make_record(new_event_id=True, session_id=ERASED)
    poison = json.dumps({"v": 1, "session_id": ERASED, "event_id": "not-a-uuid", "request": {"path": "/me"}})
    kept = [make_record(new_event_id=True, session_id=KEPT) for _ in range(2)]
    no_session = make_record(new_event_id=True, session_id=None)
    event = sqs_event([body_of(erased_record), poison, body_of(kept[0]), body_of(no_session), body_of(kept[1])])
    api_calls.clear()

    # WHEN the consumer handles the real SQS event
    response = consumer.handler(event, context)

    # THEN nothing is failed, nothing of the erased session is written (no object, no bad
    # row), and every other record is stored
    assert response == {"batchItemFailures": []}
    assert session_keys(aws, ERASED) == []
    assert aws.keys(contract.BAD_PREFIX) == []
    assert sorted(aws.keys()) == sorted(contract.object_key(contract.normalize(dict(r))) for r in [*kept, no_session])
    # AND the batch summary counts the two dropped as erased
    line = summary_line(logs)
    assert (line["erased"], line["stored"], line["messages"]) == (2, 3, 5)
    # AND the batch asked once for its two distinct sessions, strongly consistent, and the
    # request names neither session: only their digests
    (asked,) = batch_gets(api_calls)
    assert sorted(asked) == sorted(erasure.erased_partition(s) for s in (ERASED, KEPT))
    (params,) = [p for name, p in api_calls if name == "BatchGetItem"]
    assert params["RequestItems"][TABLE]["ConsistentRead"] is True
    assert ERASED not in json.dumps(params) and KEPT not in json.dumps(params)
    # AND no session ID reaches the logs
    assert ERASED not in logs.getvalue() and erasure.erased_digest(ERASED) not in logs.getvalue()


@pytest.mark.parametrize("payload", [contract.BAD_ROW_SCRUBBED, contract.BAD_ROW_RAW])
def test_a_poison_message_spelling_an_erased_session_with_an_escape_writes_no_bad_row(aws, context, aws_env, payload):
    # GIVEN an erased session, and a message that would be a bad row (its event_id is no
    # UUID) naming that session with a JSON escape, which the batch's pattern does not see;
    # bad rows kept scrubbed (re-serialized) or, the operator's choice, raw (as sent)
    aws_env.setenv(contract.ENV_BAD_ROW_PAYLOAD, payload)
    write_entry(aws.dynamodb, TABLE, ERASED)
    poison = json.dumps({"v": 1, "session_id": ERASED, "event_id": "not-a-uuid", "request": {"path": "/me"}})
    escaped = poison.replace(f'"{ERASED}"', '"\\u0073' + ERASED[1:] + '"')
    assert ERASED not in escaped and json.loads(escaped)["session_id"] == ERASED
    # WHEN the consumer handles it
    response = consumer.handler(sqs_event([escaped]), context)
    # THEN the message is done with and no bad row holds the erased session
    assert response == {"batchItemFailures": []}
    assert aws.keys() == []


def test_a_session_the_pattern_misses_is_looked_up_on_its_own(aws, context, api_calls):
    # GIVEN an erased session whose ID a message spells with a JSON escape (the chain reads
    # it as the same session; the batch's cheap pattern does not see it)
    write_entry(aws.dynamodb, TABLE, ERASED)
    escaped = body_of(make_record(new_event_id=True, session_id=ERASED)).replace(f'"{ERASED}"', '"\\u0073' + ERASED[1:] + '"')
    assert ERASED not in escaped
    api_calls.clear()

    # WHEN the consumer handles it
    response = consumer.handler(sqs_event([escaped]), context)

    # THEN the record is still dropped: its session was read on its own
    assert response == {"batchItemFailures": []}
    assert aws.keys() == []
    assert batch_gets(api_calls) == [[erasure.erased_partition(ERASED)]]


def test_a_session_the_pattern_misses_whose_own_lookup_fails_is_not_written_but_redelivered(aws, context):
    # GIVEN a message spelling its session ID with a JSON escape (the batch's pattern does
    # not see it, so it is looked up on its own), next to a message of another session,
    # and a table that throttles that lookup
    dynamodb = _dynamodb()
    escaped = body_of(make_record(new_event_id=True, session_id=ERASED)).replace(f'"{ERASED}"', '"\\u0073' + ERASED[1:] + '"')
    assert ERASED not in escaped
    kept = make_record(new_event_id=True, session_id=KEPT)
    event = sqs_event([escaped, body_of(kept)])
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}}, {"RequestItems": {TABLE: {
            "Keys": _keys(KEPT), "ConsistentRead": True, "ProjectionExpression": "#pk",
            "ExpressionAttributeNames": {"#pk": contract.INDEX_PK}}}})
        stub.add_client_error("batch_get_item", "ProvisionedThroughputExceededException", http_status_code=400)
        # WHEN the consumer handles the batch
        response = consumer.handle(event, _stubbed_consumer(dynamodb))
        stub.assert_no_pending_responses()
    # THEN the escaped message is left for redelivery and nothing of it is written; the
    # other message is stored
    assert response == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
    assert aws.keys() == [contract.object_key(kept)]


def test_a_batch_reads_its_distinct_sessions_in_calls_of_at_most_100_keys(aws, context, api_calls):
    # GIVEN a batch of 150 records of 120 distinct sessions, one of which is erased
    sessions = [f"sess-many-{n:04d}" for n in range(120)]
    write_entry(aws.dynamodb, TABLE, sessions[7])
    event = sqs_event([body_of(make_record(new_event_id=True, session_id=sessions[n % 120])) for n in range(150)])
    api_calls.clear()

    # WHEN the consumer handles it
    assert consumer.handler(event, context) == {"batchItemFailures": []}

    # THEN it asked in two calls (100 + 20 keys), each session once, and no more
    asked = batch_gets(api_calls)
    assert sorted(len(keys) for keys in asked) == [20, 100]
    assert sorted(k for keys in asked for k in keys) == sorted(erasure.erased_partition(s) for s in sessions)
    # AND only the erased session's two records are missing
    assert len(aws.keys()) == 148 and session_keys(aws, sessions[7]) == []


def test_a_packed_messages_records_are_named_one_by_one_in_the_batchs_one_lookup(aws, context, api_calls):
    # GIVEN one packed message of twelve records of twelve sessions (more than the ten
    # sessions a single text may name in the batch's lookup), one of them erased
    from .test_consumer_packed import packed_message

    sessions = [f"sess-packed-{n:04d}" for n in range(12)]
    write_entry(aws.dynamodb, TABLE, sessions[11])
    event = {"Records": [packed_message([body_of(make_record(new_event_id=True, session_id=s)) for s in sessions])]}
    api_calls.clear()
    # WHEN the consumer handles it
    assert consumer.handler(event, context) == {"batchItemFailures": []}
    # THEN each record's session was in the batch's one call, none looked up on its own,
    # and the erased session's record is not stored
    (asked,) = batch_gets(api_calls)
    assert sorted(asked) == sorted(erasure.erased_partition(s) for s in sessions)
    assert len(aws.keys()) == 11 and session_keys(aws, sessions[11]) == []


def test_positives_are_cached_per_container_and_negatives_are_not(aws, context, api_calls):
    # GIVEN a warm container that has stored a record of a session not erased yet
    first = make_record(new_event_id=True, session_id=ERASED)
    assert consumer.handler(sqs_event([body_of(first)]), context) == {"batchItemFailures": []}
    assert len(session_keys(aws, ERASED)) == 1

    # WHEN the session is erased between two batches
    write_entry(aws.dynamodb, TABLE, ERASED)
    api_calls.clear()
    late = make_record(new_event_id=True, session_id=ERASED)
    consumer.handler(sqs_event([body_of(late)]), context)

    # THEN the very next batch reads the entry again (the "not erased" was not kept) and
    # drops the record
    assert batch_gets(api_calls) == [[erasure.erased_partition(ERASED)]]
    assert session_keys(aws, ERASED) == [contract.object_key(first)]

    # AND once known erased, the container does not ask again (even were the entry gone)
    aws.dynamodb.delete_item(TableName=TABLE, Key=erasure.erased_key(ERASED))
    api_calls.clear()
    consumer.handler(sqs_event([body_of(make_record(new_event_id=True, session_id=ERASED))]), context)
    assert batch_gets(api_calls) == []
    assert session_keys(aws, ERASED) == [contract.object_key(first)]
    # while a new container (a cold start) reads the table again
    consumer.consumer.cache_clear()
    consumer.handler(sqs_event([body_of(make_record(new_event_id=True, session_id=ERASED))]), context)
    assert batch_gets(api_calls) == [[erasure.erased_partition(ERASED)]]


def _dynamodb():
    return boto3.client("dynamodb", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


def _keys(*sessions):
    return [erasure.erased_key(s) for s in sessions]


def _stubbed_consumer(dynamodb):
    """The container's consumer (moto S3), reading erasure entries through ``dynamodb``,
    without waiting between retries."""
    app = consumer.Consumer.from_env()
    return dataclasses.replace(app, erased=erasures.ErasedSessions(dynamodb, TABLE, sleep=lambda s: None))


def test_unprocessed_keys_are_retried_until_answered(aws, context):
    # GIVEN a throttled table that leaves one key unprocessed twice (moto never does)
    dynamodb = _dynamodb()
    erased_record = make_record(new_event_id=True, session_id=ERASED)
    kept = make_record(new_event_id=True, session_id=KEPT)
    request = {"ConsistentRead": True, "ProjectionExpression": "#pk", "ExpressionAttributeNames": {"#pk": contract.INDEX_PK}}
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(ERASED)}}},
                          {"RequestItems": {TABLE: {"Keys": _keys(ERASED, KEPT), **request}}})
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(ERASED)}}},
                          {"RequestItems": {TABLE: {"Keys": _keys(ERASED), **request}}})
        stub.add_response("batch_get_item", {"Responses": {TABLE: [erasure.erased_key(ERASED)]}},
                          {"RequestItems": {TABLE: {"Keys": _keys(ERASED), **request}}})
        # WHEN a batch of both sessions is handled
        response = consumer.handle(sqs_event([body_of(erased_record), body_of(kept)]), _stubbed_consumer(dynamodb))
        stub.assert_no_pending_responses()
    # THEN the third answer decided: the erased one dropped, the other stored
    assert response == {"batchItemFailures": []}
    assert aws.keys() == [contract.object_key(kept)]


def test_retries_back_off_exponentially_with_jitter(aws, context, monkeypatch):
    # GIVEN a table that leaves the key unprocessed four times, then answers; and the jitter
    # drawing 0, 1, 0.5 and 0.2 of its range
    dynamodb = _dynamodb()
    draws = iter([0.0, 1.0, 0.5, 0.2])
    monkeypatch.setattr(erasures.random, "random", lambda: next(draws))
    sleeps: list[float] = []
    app = dataclasses.replace(consumer.Consumer.from_env(),
                              erased=erasures.ErasedSessions(dynamodb, TABLE, sleep=sleeps.append))
    kept = make_record(new_event_id=True, session_id=KEPT)
    with Stubber(dynamodb) as stub:
        for _ in range(4):
            stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(KEPT)}}})
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}})
        # WHEN a batch of its session is handled
        response = consumer.handle(sqs_event([body_of(kept)]), app)
        stub.assert_no_pending_responses()
    # THEN the record is stored after four waits, each twice the last before jitter, the
    # jitter taking off at most half: base * 2^attempt * (0.5 + draw / 2)
    assert response == {"batchItemFailures": []}
    assert aws.keys() == [contract.object_key(kept)]
    base = erasures.BASE_DELAY_S
    assert sleeps == pytest.approx([base * 0.5, base * 2 * 1.0, base * 4 * 0.75, base * 8 * 0.6])
    # AND at most, the waits of one lookup stay well inside a Lambda's timeout
    assert base * sum(2 ** attempt for attempt in range(erasures.MAX_ATTEMPTS - 1)) < 1.0


def test_a_lookup_answered_with_unprocessed_keys_alone_is_retried(aws, context):
    # GIVEN a throttled table whose first answer holds only UnprocessedKeys (no Responses
    # map at all), then answers
    dynamodb = _dynamodb()
    kept = make_record(new_event_id=True, session_id=KEPT)
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_get_item", {"UnprocessedKeys": {TABLE: {"Keys": _keys(KEPT)}}})
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}})
        # WHEN a batch of that session is handled
        response = consumer.handle(sqs_event([body_of(kept)]), _stubbed_consumer(dynamodb))
        stub.assert_no_pending_responses()
    # THEN the key was asked again and the record stored
    assert response == {"batchItemFailures": []}
    assert aws.keys() == [contract.object_key(kept)]


def test_a_lookup_left_unanswered_gives_up_without_a_last_useless_wait(aws, context):
    # GIVEN a table that leaves the session's key unprocessed on every attempt
    dynamodb = _dynamodb()
    sleeps: list[float] = []
    app = dataclasses.replace(consumer.Consumer.from_env(),
                              erased=erasures.ErasedSessions(dynamodb, TABLE, sleep=sleeps.append))
    with Stubber(dynamodb) as stub:
        for _ in range(erasures.MAX_ATTEMPTS):
            stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(KEPT)}}})
        # WHEN a batch of that session is handled
        response = consumer.handle(sqs_event([body_of(make_record(new_event_id=True, session_id=KEPT))]), app)
        stub.assert_no_pending_responses()
    # THEN it asked MAX_ATTEMPTS times, waited only between attempts (not after the last,
    # before giving up), and left the message for redelivery
    assert len(sleeps) == erasures.MAX_ATTEMPTS - 1
    assert len(response["batchItemFailures"]) == 1 and aws.keys() == []


@pytest.mark.parametrize("failure", ["unprocessed every time", "throttled"])
def test_a_session_whose_entry_cannot_be_read_is_not_written_but_redelivered(aws, context, failure):
    # GIVEN a table that never answers for one session (or throttles the call)
    dynamodb = _dynamodb()
    unknown = make_record(new_event_id=True, session_id=ERASED)
    kept = make_record(new_event_id=True, session_id=KEPT)
    event = sqs_event([body_of(unknown), body_of(kept)])
    with Stubber(dynamodb) as stub:
        if failure == "throttled":
            # one call for the batch; no message asks again on its own
            stub.add_client_error("batch_get_item", "ProvisionedThroughputExceededException", http_status_code=400)
        else:
            for _ in range(erasures.MAX_ATTEMPTS):
                stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(ERASED)}}})
        # WHEN the batch is handled
        response = consumer.handle(event, _stubbed_consumer(dynamodb))
        stub.assert_no_pending_responses()
    # THEN nothing unanswered is written: those messages are reported for redelivery
    failed = {f["itemIdentifier"] for f in response["batchItemFailures"]}
    ids = [m["messageId"] for m in event["Records"]]
    if failure == "throttled":
        assert failed == set(ids) and aws.keys() == []
    else:
        assert failed == {ids[0]} and aws.keys() == [contract.object_key(kept)]


# --- the indexer ----------------------------------------------------------------------------


def store(aws, record, key=None) -> str:
    key = key or contract.object_key(record)
    aws.s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(record).encode(), ContentType="application/json")
    return key


def test_indexer_never_indexes_an_object_of_an_erased_session(aws, context, logs, api_calls):
    # GIVEN objects of an erased session still in the bucket when their notifications come
    # (delivered after forget started, or redriven from the indexing DLQ): one under the
    # default layout, one under a custom key; and an object of another session
    erased_default = store(aws, make_record(new_event_id=True, session_id=ERASED))
    erased_custom_record = make_record(new_event_id=True, session_id=ERASED)
    erased_custom = store(aws, erased_custom_record, key=f"events/custom/{erased_custom_record['event_id']}.json")
    kept = store(aws, make_record(new_event_id=True, session_id=KEPT))
    write_entry(aws.dynamodb, TABLE, ERASED)
    api_calls.clear()

    # WHEN the indexer gets their notifications in one batch
    event = sqs_event([s3_notification("ObjectCreated:Put", key) for key in (erased_default, erased_custom, kept)],
                      template="sqs-s3-object-created.json")
    response = indexer.handler(event, context)

    # THEN only the other session's object is indexed; nothing of the erased one
    assert response == {"batchItemFailures": []}
    items = aws.items()
    assert [item["s3_key"] for item in items if item[contract.INDEX_PK] != erasure.erased_partition(ERASED)] == [kept]
    assert not any(item[contract.INDEX_PK] == ERASED for item in items)
    assert summary_line(logs)["erased"] == 2
    # AND the batch read the sessions its default-layout keys name in one call; the custom
    # key's session (known only from the object) was answered by it too
    (asked,) = batch_gets(api_calls)
    assert sorted(asked) == sorted(erasure.erased_partition(s) for s in (ERASED, KEPT))


def test_a_malformed_message_does_not_keep_the_rest_of_the_batch_out_of_its_one_lookup(aws, context, api_calls):
    # GIVEN a batch whose first messages are no notification (not JSON; JSON without an
    # object key), then the notifications of objects of two sessions, one erased
    erased = store(aws, make_record(new_event_id=True, session_id=ERASED))
    kept = store(aws, make_record(new_event_id=True, session_id=KEPT))
    write_entry(aws.dynamodb, TABLE, ERASED)
    api_calls.clear()
    event = sqs_event(["not json", json.dumps({"Records": [{"s3": {}}]}),
                       *(s3_notification("ObjectCreated:Put", key) for key in (erased, kept))],
                      template="sqs-s3-object-created.json")
    # WHEN the indexer handles it
    response = indexer.handler(event, context)
    # THEN the malformed messages are left for redelivery, the erased object is not indexed,
    # and both sessions were read in the batch's one call
    assert len(response["batchItemFailures"]) == 2
    assert [item["s3_key"] for item in aws.items() if item[contract.INDEX_PK] == KEPT] == [kept]
    assert not any(item[contract.INDEX_PK] == ERASED for item in aws.items())
    (asked,) = batch_gets(api_calls)
    assert sorted(asked) == sorted(erasure.erased_partition(s) for s in (ERASED, KEPT))


def test_a_removal_of_an_erased_object_still_settles_the_index(aws, context):
    # GIVEN an erased session's item left by a race, and the Removed event of its object
    record = make_record(new_event_id=True, session_id=ERASED)
    key = contract.object_key(record)
    aws.dynamodb.put_item(TableName=TABLE, Item={
        contract.INDEX_PK: {"S": ERASED}, contract.INDEX_SK: {"S": contract.index_sort_key(record["occurred_at"], record["event_id"])},
        "s3_key": {"S": key}})
    write_entry(aws.dynamodb, TABLE, ERASED)
    # WHEN the indexer applies the removal THEN the item goes (erasure never blocks a delete)
    response = indexer.handler(sqs_event([s3_notification("ObjectRemoved:Delete", key)], template="sqs-s3-object-created.json"), context)
    assert response == {"batchItemFailures": []}
    assert [item for item in aws.items() if item[contract.INDEX_PK] == ERASED] == []


# --- the entry and the pattern ---------------------------------------------------------------


def test_the_entry_holds_no_session_id_and_is_invisible_to_day_queries(aws):
    # GIVEN an entry written by forget
    assert write_entry(aws.dynamodb, TABLE, ERASED, "2026-03-01T00:00:00.000Z") is True
    # WHEN it is written again THEN the first time is kept
    assert write_entry(aws.dynamodb, TABLE, ERASED, "2026-04-01T00:00:00.000Z") is False
    (item,) = aws.items()
    # THEN it is keyed by the digest, holds nothing else than when, and neither the raw ID
    # nor a day nor a TTL
    assert item == {contract.INDEX_PK: "_erased#" + erasure.erased_digest(ERASED),
                    contract.INDEX_SK: erasure.ERASED_SORT_KEY, erasure.ERASED_AT: "2026-03-01T00:00:00.000Z"}
    assert ERASED not in json.dumps(item)
    assert contract.DAY_INDEX_PK not in item and contract.TTL_ATTRIBUTE not in item
    days = aws.dynamodb.scan(TableName=TABLE, IndexName=contract.DAY_INDEX)["Items"]
    assert days == []
    # AND the partition can never be a session's
    assert not contract.is_valid_session_id(item[contract.INDEX_PK])


@pytest.mark.parametrize("text, found", [
    ('{"v":1,"session_id":"sess-abc-0001","x":1}', ["sess-abc-0001"]),
    ('{"session_id" : "sess-abc-0001"}', ["sess-abc-0001"]),
    ('{"headers":{"X-Session-Id":"sess-abc-0002"}}', ["sess-abc-0002"]),
    ("GET /x?session_id=sess-abc-0003&y=1", ["sess-abc-0003"]),
    ('{"session_id":"short"}', []),
    ('{"session_id":"_nosession"}', []),
    ('{"session_id":"' + "a" * 129 + '"}', []),
    ('{"session_id":null}', []),
])
def test_candidates_are_the_session_ids_a_raw_body_names(text, found):
    assert erasures.candidates(text) == found


def test_a_hostile_body_buys_at_most_ten_lookups():
    body = json.dumps({"session_id": "sess-main-0001", "body": [{"session_id": f"sess-fake-{n:04d}"} for n in range(1000)]})
    assert len(erasures.candidates(body)) == erasures.MAX_CANDIDATES_PER_MESSAGE
    assert erasures.candidates(body)[0] == "sess-main-0001"


def _request(*sessions: str) -> dict:
    """The BatchGetItem request for the erasure entries of ``sessions``."""
    return {"RequestItems": {TABLE: {"Keys": _keys(*sessions), "ConsistentRead": True, "ProjectionExpression": "#pk",
                                     "ExpressionAttributeNames": {"#pk": contract.INDEX_PK}}}}


def test_entries_are_read_strongly_consistent_and_only_what_is_unanswered_is_asked_again(aws, context):
    # GIVEN a table that answers for one session and leaves the other's key unprocessed once
    dynamodb = _dynamodb()
    first, second = sorted([KEPT, ERASED])
    records = [make_record(new_event_id=True, session_id=s) for s in (KEPT, ERASED)]
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {TABLE: {"Keys": _keys(ERASED)}}},
                          _request(first, second))
        stub.add_response("batch_get_item", {"Responses": {TABLE: [erasure.erased_key(ERASED)]}}, _request(ERASED))
        # WHEN a batch of both sessions is handled
        response = consumer.handle(sqs_event([body_of(r) for r in records]), _stubbed_consumer(dynamodb))
        # THEN both reads are strongly consistent (an entry forget wrote is seen at once)
        # and project the key alone; the second asks only for the unanswered key
        stub.assert_no_pending_responses()
    # AND the erased session's record is dropped, the other stored
    assert response == {"batchItemFailures": []}
    assert aws.keys() == [contract.object_key(records[0])]


@pytest.mark.parametrize("failure, error", [("throttled", "ProvisionedThroughputExceededException"),
                                            ("unprocessed", "unprocessed keys")])
def test_an_unanswered_lookup_is_one_warning_with_a_count_and_the_error_code(aws, context, logs, failure, error):
    # GIVEN a table that throttles the lookup, or leaves two sessions' keys unprocessed
    dynamodb = _dynamodb()
    sessions = [ERASED, KEPT]
    with Stubber(dynamodb) as stub:
        if failure == "throttled":
            stub.add_client_error("batch_get_item", error, http_status_code=400)
        else:
            for _ in range(erasures.MAX_ATTEMPTS):
                stub.add_response("batch_get_item", {"Responses": {TABLE: []},
                                                     "UnprocessedKeys": {TABLE: {"Keys": _keys(*sessions)}}})
        app = dataclasses.replace(consumer.Consumer.from_env(), erased=erasures.ErasedSessions(
            dynamodb, TABLE, sleep=lambda s: None, logger=consumer.logger))
        # WHEN a batch of both sessions is handled
        event = sqs_event([body_of(make_record(new_event_id=True, session_id=s)) for s in sessions])
        response = consumer.handle(event, app)
    # THEN both messages are left for redelivery, and one warning says how many sessions
    # could not be read and why, naming none of them
    assert len(response["batchItemFailures"]) == 2
    warnings = [json.loads(line) for line in logs.getvalue().splitlines() if '"WARNING"' in line]
    assert [(w["message"], w["sessions"], w["error"]) for w in warnings] == [
        ("erasure entries could not be read; their messages are left for redelivery", 2, error)]
    assert not any(s in logs.getvalue() for s in sessions)


def test_a_lookup_failing_two_ways_names_both_error_codes_in_its_one_warning(aws, context, logs):
    # GIVEN a batch of 120 sessions (two lookup calls: 100 keys, then 20) and a table that
    # throttles the first call and fails the second with another error
    dynamodb = _dynamodb()
    sessions = [f"sess-many-{n:04d}" for n in range(120)]
    with Stubber(dynamodb) as stub:
        stub.add_client_error("batch_get_item", "ProvisionedThroughputExceededException", http_status_code=400)
        stub.add_client_error("batch_get_item", "InternalServerError", http_status_code=500)
        app = dataclasses.replace(consumer.Consumer.from_env(), erased=erasures.ErasedSessions(
            dynamodb, TABLE, sleep=lambda s: None, logger=consumer.logger))
        # WHEN the consumer handles it
        response = consumer.handle(sqs_event([body_of(make_record(new_event_id=True, session_id=s)) for s in sessions]), app)
        stub.assert_no_pending_responses()
    # THEN every message is left for redelivery, and the one warning names both codes,
    # sorted and comma-separated, and counts every session
    assert len(response["batchItemFailures"]) == 120
    warnings = [json.loads(line) for line in logs.getvalue().splitlines() if '"WARNING"' in line]
    assert [(w["sessions"], w["error"]) for w in warnings] == [
        (120, "InternalServerError, ProvisionedThroughputExceededException")]

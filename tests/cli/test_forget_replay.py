"""``droplets forget`` against replay: the erasure entry it leaves, the dead-letter messages and
Athena results it removes, and ``forget`` then ``dlq redrive`` bringing nothing back.

moto in-process holds the whole stack (bucket with its S3 -> index-queue notification, index
table, both queue pairs); the CLI finds it through ``.droplets/local.json`` as an operator's
does, and the real consumer and indexer handlers are run on what the queues hold, in the
event shape Lambda gives them (:func:`droplets.local.runner.sqs_record`).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from droplets import contract, dlq
from droplets.contract import erasure
from droplets.erase import erase, plan_erase
from droplets.errors import DropletsError
from droplets.local.runner import failed_message_ids, sqs_record
from handlers import consumer, indexer
from tests.cli.conftest import _lake
from tests.cli.lake import BUCKET, REGION, TABLE, stored_record
from tests.cli.test_dlq import Queues
from tests.cli.test_forget import add_bad_row
from tests.handlers.conftest import LambdaContext, s3_notification
from transforms.testing import make_record

VICTIM = "sess-forget-me01"
KEEP = "sess-keep-me-001"


@pytest.fixture
def stack(aws_env):
    """moto with the lake, the index, both queue pairs and the bucket notifying the index
    queue, as the program wires them; local.json names them all. The handlers start cold."""
    consumer.consumer.cache_clear()
    indexer.indexer.cache_clear()
    with mock_aws():
        lake = _lake(aws_env, versioning=True)
        queues = Queues(boto3.client("sqs", region_name=REGION))
        index_queue = queues.url("indexing", dead=False)
        arn = queues.sqs.get_queue_attributes(QueueUrl=index_queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        lake.s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}]})
        outputs = {contract.OUTPUT_BUCKET: BUCKET, contract.OUTPUT_TABLE: TABLE, **queues.urls}
        contract.LocalState(outputs, region=REGION).write()  # no endpoint: moto is in-process
        yield Stack(lake, queues)
    consumer.consumer.cache_clear()
    indexer.indexer.cache_clear()


class Stack:
    def __init__(self, lake, queues):
        self.lake, self.queues, self.sqs = lake, queues, queues.sqs

    def send(self, body: str) -> None:
        """A message on the events queue (a producer, or a late retry)."""
        self.sqs.send_message(QueueUrl=self.queues.url("events", dead=False), MessageBody=body)

    def run(self, pair: str, handler) -> int:
        """Lambda's poller for one queue: receive everything, invoke ``handler`` with the real
        event shape, delete what it did not report failed. Returns the messages handled."""
        url = self.queues.url(pair, dead=False)
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        handled = 0
        while messages := self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"],
                                                   MessageAttributeNames=["All"]).get("Messages", []):
            response = handler({"Records": [sqs_record(m, arn, REGION) for m in messages]}, LambdaContext())
            ids = [m["MessageId"] for m in messages]
            assert failed_message_ids(response, ids) == [], response
            self.sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
            handled += len(messages)
        return handled

    def pump(self) -> None:
        """Run the pipeline until both queues are empty."""
        while self.run("events", consumer.handler) + self.run("indexing", indexer.handler):
            pass

    def session_objects(self, session: str) -> list[str]:
        return [key for key, _ in self.lake.object_versions() if f"/{session}/" in key]

    def session_items(self, session: str) -> list[dict]:
        return self.lake.dynamodb.query(TableName=TABLE, KeyConditionExpression="#pk = :pk",
                                        ExpressionAttributeNames={"#pk": contract.INDEX_PK},
                                        ExpressionAttributeValues={":pk": {"S": session}})["Items"]

    def bad_rows_of(self, session: str) -> list[str]:
        rows = []
        for key, version in self.lake.object_versions():
            if key.startswith(contract.BAD_PREFIX):
                body = self.lake.s3.get_object(Bucket=BUCKET, Key=key, VersionId=version)["Body"].read().decode()
                if session in body:
                    rows.append(key)
        return rows

    def entry(self, session: str) -> dict | None:
        return self.lake.dynamodb.get_item(TableName=TABLE, Key=erasure.erased_key(session), ConsistentRead=True).get("Item")


def record_body(session: str | None, **fields) -> str:
    return json.dumps(make_record(new_event_id=True, session_id=session, **fields))


def poison(session: str) -> str:
    """A message of ``session`` that the chain rejects (a bad row holding it)."""
    return json.dumps({"v": 1, "session_id": session, "event_id": "not-a-uuid", "request": {"path": "/me"}})


def notification_of(key: str) -> str:
    """An S3 notification of ``key`` in the lake bucket, as moto writes it (``/``
    percent-encoded too)."""
    notification = json.loads(s3_notification("ObjectCreated:Put", key, encode=lambda k: quote(k, safe="")))
    notification["Records"][0]["s3"]["bucket"].update(name=BUCKET, arn=f"arn:aws:s3:::{BUCKET}")
    return json.dumps(notification)


# --- the end-to-end case ---------------------------------------------------------------------


def test_forget_then_redrive_brings_nothing_back(stack, cli):
    # GIVEN two sessions the pipeline stored and indexed (consumer and indexer, through the
    # queues and the bucket's notifications)
    for session in (VICTIM, VICTIM, KEEP):
        stack.send(record_body(session))
    stack.pump()
    assert len(stack.session_objects(VICTIM)) == 2 and len(stack.session_items(VICTIM)) == 2
    victim_key = stack.session_objects(VICTIM)[0]
    # AND messages of the victim sitting in the DLQs: records that failed, a poison one, an
    # S3 notification of one of its objects; and one of the other session
    stack.queues.put("events", record_body(VICTIM))
    stack.queues.put("events", poison(VICTIM))
    stack.queues.put("events", record_body(KEEP))
    stack.queues.put("indexing", notification_of(victim_key))

    # WHEN the victim is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")

    # THEN its objects, index items and DLQ messages are gone, the other's message is back
    # in view at once, and the session is marked erased
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert (summary["objects"], summary["index_items"], summary["removed"]) == (2, 2, True)
    assert summary["dlq_checked"] is True
    assert (summary["dlq_messages"], summary["dlq_messages_by_queue"]) == (3, {"events": 2, "indexing": 1})
    assert summary["erasure_entry"] == "written" and stack.entry(VICTIM) is not None
    assert stack.queues.visible("events", dead=True) == 1 and stack.queues.visible("indexing", dead=True) == 0

    # WHEN copies that escaped come back anyway: a failed record of the victim reaching the
    # DLQ after the erase, a late retry still in the events queue, a redelivered
    # notification of its object; and the operator redrives the DLQs and the pipeline runs
    stack.queues.put("events", record_body(VICTIM))
    stack.queues.put("events", poison(VICTIM))
    stack.send(record_body(VICTIM))
    stack.queues.put("indexing", notification_of(victim_key))
    redrive = cli("dlq", "redrive", "--yes", "--json")
    assert redrive.exit_code == 0, redrive.stderr
    assert {r["queue"]: r["moved"] for r in redrive.json_lines()} == {"events": 3, "indexing": 1}
    stack.pump()

    # THEN nothing of the victim came back: no object, no index item, no bad row
    assert stack.session_objects(VICTIM) == []
    assert stack.session_items(VICTIM) == []
    assert stack.bad_rows_of(VICTIM) == []
    assert_one_line = cli("session", VICTIM)
    assert assert_one_line.exit_code != 0 and "unknown session" in assert_one_line.stderr
    # AND the other session's redriven record was stored and indexed (two calls now)
    assert len(stack.session_objects(KEEP)) == 2 and len(stack.session_items(KEEP)) == 2
    assert stack.queues.visible("events", dead=True) == 0 and stack.queues.visible("indexing", dead=True) == 0
    # AND a second forget finds nothing left
    again = cli("forget", VICTIM, "--yes", "--json").json()
    assert (again["removed"], again["erasure_entry"], again["dlq_messages"]) == (False, "present", 0)


# --- the entry -------------------------------------------------------------------------------


def test_forget_writes_the_entry_before_deleting_anything(stack, cli, api_calls):
    # GIVEN a session with objects, index items and a bad row
    stack.lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    stack.lake.add_event(VICTIM, "2026-02-02T09:00:00.000Z")
    add_bad_row(stack.lake, poison(VICTIM))
    api_calls.clear()

    # WHEN it is forgotten
    assert cli("forget", VICTIM, "--yes").exit_code == 0

    # THEN the entry was written (one PutItem, the only one) before the first deletion
    puts = [i for i, call in enumerate(api_calls) if call == ("dynamodb", "PutItem")]
    deletions = [i for i, call in enumerate(api_calls)
                 if call in {("s3", "DeleteObjects"), ("dynamodb", "BatchWriteItem"), ("sqs", "DeleteMessageBatch")}]
    assert len(puts) == 1 and deletions and puts[0] < min(deletions)
    # AND it is keyed by the digest alone
    item = stack.entry(VICTIM)
    assert item[contract.INDEX_PK]["S"] == erasure.ERASED_PREFIX + erasure.erased_digest(VICTIM)
    assert VICTIM not in json.dumps(item)


def test_dry_run_and_a_declined_forget_write_no_entry(stack, cli):
    stack.lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    stack.queues.put("events", record_body(VICTIM))
    # WHEN the operator only looks
    dry = cli("forget", VICTIM, "--dry-run", "--json")
    # THEN it says what it would do, DLQ messages counted, and writes, deletes nothing
    assert dry.exit_code == 0, dry.stderr
    summary = dry.json()
    assert (summary["dry_run"], summary["objects"], summary["dlq_messages"], summary["erasure_entry"]) == (True, 1, 1, "none")
    assert stack.entry(VICTIM) is None
    assert stack.queues.visible("events", dead=True) == 1  # counted, and back in view at once
    assert len(stack.session_objects(VICTIM)) == 1
    human = cli("forget", VICTIM, "--dry-run")
    assert "would also remove 0 Athena query result(s) and 1 dead-letter message(s) (events 1, indexing 0)" in human.stdout
    # AND a declined forget writes none either
    declined = cli("forget", VICTIM, input="n\n")
    assert declined.exit_code == 1
    assert "plus 0 Athena query result(s) and 1 dead-letter message(s)" in declined.stderr
    assert stack.entry(VICTIM) is None and stack.queues.visible("events", dead=True) == 1


def test_a_session_with_nothing_stored_is_still_marked_erased(stack, cli):
    # GIVEN a session with nothing stored yet (its messages still on their way)
    # WHEN it is forgotten
    first = cli("forget", VICTIM, "--yes", "--json")
    # THEN nothing was removed but the entry is written, so what arrives later is dropped
    assert first.exit_code == 0, first.stderr
    assert (first.json()["objects"], first.json()["erasure_entry"], first.json()["removed"]) == (0, "written", True)
    stack.send(record_body(VICTIM))
    stack.pump()
    assert stack.session_objects(VICTIM) == []
    # AND a second run has nothing to do and says so
    again = cli("forget", VICTIM, "--yes")
    assert again.exit_code == 0
    assert f"nothing stored for session {VICTIM} (already erased?)" in again.stdout


def test_a_forget_interrupted_after_its_entry_is_finished_by_the_next_and_says_the_entry_was_there(stack, cli):
    # GIVEN a forget that wrote the session's entry and stopped before deleting anything
    # (the operator's machine went away): the entry, and the session's event still stored
    from droplets.erase import write_entry

    lake = stack.lake
    event = lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    assert write_entry(lake.dynamodb, TABLE, VICTIM)
    # WHEN forget runs again
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN it erases what is left and says the entry was already present (not written now)
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert (summary["removed"], summary["objects"], summary["erasure_entry"]) == (True, 1, "present")
    assert contract.object_key(event) not in {key for key, _ in lake.object_versions()}


def test_what_is_stored_between_the_plan_and_the_entry_is_erased_too(stack):
    lake = stack.lake
    # GIVEN a plan made (and shown to the operator) while the session was still active
    lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    early_row = add_bad_row(lake, poison(VICTIM))
    plan = plan_erase(lake.s3, lake.dynamodb, BUCKET, TABLE, VICTIM)
    assert (len(plan.objects), len(plan.bad_rows)) == (1, 1)
    # WHEN more of it is stored before the erase starts: an event, a bad row, and a second
    # version of the early bad row (its poison message redelivered)
    late = lake.add_event(VICTIM, "2026-02-01T09:05:00.000Z")
    late_row = add_bad_row(lake, f"late garbage {VICTIM}", "2026-02-01T09:05:00.000Z")
    lake.s3.put_object(Bucket=BUCKET, Key=early_row, Body=lake.s3.get_object(Bucket=BUCKET, Key=early_row)["Body"].read())
    result = erase(lake.s3, lake.dynamodb, BUCKET, TABLE, plan)
    # THEN all of it went, and the summary counts what was really removed
    remaining = {key for key, _ in lake.object_versions()}
    assert contract.object_key(late) not in remaining and late_row not in remaining and early_row not in remaining
    summary = result.summary()
    assert (summary["objects"], summary["bad_rows"], summary["bad_row_versions"]) == (2, 2, 3)
    assert summary["erasure_entry"] == "written"
    assert not any(VICTIM in key for key in remaining)


# --- Athena results and DLQ messages --------------------------------------------------------


def test_forget_erases_every_athena_result(stack, cli):
    # GIVEN query results of a few queries (two versions of one), some holding the session's
    # rows without naming it, and the session's own events
    s3 = stack.lake.s3
    results = [f"{contract.ATHENA_RESULTS_PREFIX}{name}" for name in ("q1.csv", "q1.csv.metadata", "q2.csv")]
    for key in results:
        s3.put_object(Bucket=BUCKET, Key=key, Body=b'"path"\n"/users/me"\n')
    s3.put_object(Bucket=BUCKET, Key=results[0], Body=b'"path"\n"/users/me"\n"/x"\n')
    stack.lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    other = stack.lake.add_event(KEEP, "2026-02-01T09:00:00.000Z")
    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN every result version is gone (and counted); the lake's other data is untouched
    assert result.exit_code == 0, result.stderr
    assert (result.json()["athena_results"], result.json()["athena_result_versions"]) == (3, 4)
    remaining = {key for key, _ in stack.lake.object_versions()}
    assert not any(key.startswith(contract.ATHENA_RESULTS_PREFIX) for key in remaining)
    assert contract.object_key(other) in remaining
    human = cli("forget", KEEP, "--yes")
    assert "also removed 0 Athena query result(s) and 0 dead-letter message(s) (events 0, indexing 0)" in human.stdout


DLQ_CASES = {
    # body -> whether forgetting VICTIM removes it
    "a record of the session": (record_body(VICTIM), True),
    "a poison message naming it": (poison(VICTIM), True),
    "its ID spelt with a JSON escape": (record_body(VICTIM).replace(f'"{VICTIM}"', '"\\u0073' + VICTIM[1:] + '"'), True),
    "its ID URL-encoded in a header": (record_body(None, request={"headers": {"referer": f"https://a.example/x%3Fsid%3D{VICTIM}"}}), True),
    "not JSON, naming it": (f"garbage sid={VICTIM};", True),
    "a record of another session": (record_body(KEEP), False),
    "a session the victim's ID is a prefix of": (record_body(VICTIM + "-2"), False),
    "a longer token around it": (f"x{VICTIM} {VICTIM}_b", False),
}


def test_forget_removes_the_sessions_dlq_messages_and_releases_the_others_at_once(stack, cli):
    # GIVEN messages of the victim and of others in the events DLQ, and notifications of a
    # victim object and of another in the indexing DLQ (keys encoded as moto encodes them)
    for body, _ in DLQ_CASES.values():
        stack.queues.put("events", body)
    victim_key = contract.object_key(stored_record(VICTIM, "2026-02-01T09:00:00.000Z"))
    other_key = contract.object_key(stored_record(KEEP, "2026-02-01T09:00:00.000Z"))
    stack.queues.put("indexing", notification_of(victim_key))
    stack.queues.put("indexing", notification_of(other_key))
    # WHEN the victim is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN exactly its messages are deleted and counted per queue
    assert result.exit_code == 0, result.stderr
    removed = sum(1 for _, erased in DLQ_CASES.values() if erased)
    assert result.json()["dlq_messages_by_queue"] == {"events": removed, "indexing": 1}
    # AND the others are visible again straight away (not after the sweep's visibility timeout)
    assert stack.queues.visible("events", dead=True) == len(DLQ_CASES) - removed
    left = {m["Body"] for m in stack.queues.drain("events", dead=True)}
    assert left == {body for body, erased in DLQ_CASES.values() if not erased}
    assert [json.loads(m["Body"])["Records"][0]["s3"]["object"]["key"] for m in stack.queues.drain("indexing", dead=True)] \
        == [quote(other_key, safe="")]


def test_erase_reports_each_dlq_sweep_under_the_queue_it_read(stack):
    # GIVEN a message of the victim in the events DLQ and one of another session in the
    # indexing DLQ
    lake = stack.lake
    stack.queues.put("events", record_body(VICTIM))
    stack.queues.put("indexing", record_body(KEEP))
    dlqs = dlq.dead_letter_queues(stack.queues.urls)
    # WHEN the session is planned and erased with the DLQs
    plan = plan_erase(lake.s3, lake.dynamodb, BUCKET, TABLE, VICTIM, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0)
    result = erase(lake.s3, lake.dynamodb, BUCKET, TABLE, plan, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0)
    # THEN each sweep of the result names the queue it read and what it read and deleted there
    assert {name: (found.queue, found.scanned, found.deleted) for name, found in result.dlq_sweeps.items()} \
        == {"events": ("events", 1, 1), "indexing": ("indexing", 1, 0)}


def test_the_erase_summary_counts_the_dlq_messages_it_deleted_not_those_it_planned(stack):
    # GIVEN a plan that saw one message of the victim in the events DLQ
    lake = stack.lake
    stack.queues.put("events", record_body(VICTIM))
    dlqs = dlq.dead_letter_queues(stack.queues.urls)
    plan = plan_erase(lake.s3, lake.dynamodb, BUCKET, TABLE, VICTIM, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0)
    assert plan.summary()["dlq_messages"] == 1
    # AND two more dead-lettered before the erase runs
    stack.queues.put("events", poison(VICTIM))
    stack.queues.put("events", record_body(VICTIM))
    # WHEN the session is erased
    summary = erase(lake.s3, lake.dynamodb, BUCKET, TABLE, plan, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0).summary()
    # THEN the summary counts the three it deleted, in all and per queue
    assert (summary["dlq_messages"], summary["dlq_messages_by_queue"]) == (3, {"events": 3, "indexing": 0})
    assert stack.queues.visible("events", dead=True) == 0


def test_the_plan_reports_the_bad_rows_it_lists_and_each_it_reads(stack):
    # GIVEN three bad rows, one of the victim (what forget's progress bar follows)
    lake = stack.lake
    victim_row = add_bad_row(lake, poison(VICTIM))
    add_bad_row(lake, poison(KEEP))
    add_bad_row(lake, f"garbage {KEEP}", "2026-02-02T10:00:00.000Z")
    listed, read = [], []
    # WHEN the session's erasure is planned with progress callbacks
    plan = plan_erase(lake.s3, lake.dynamodb, BUCKET, TABLE, VICTIM, on_listed=listed.append, on_read=read.append)
    # THEN it said how many rows it would read, then one step per row read
    assert (listed, read) == ([3], [1, 1, 1])
    assert [v.key for v in plan.bad_rows] == [victim_row]


def test_without_queue_urls_forget_says_the_dlqs_were_not_read(lake, cli):
    # GIVEN a target from the environment only (no queue URLs)
    lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    # WHEN forgotten THEN the JSON says the DLQs were not read; the entry is written anyway
    summary = cli("forget", VICTIM, "--yes", "--json").json()
    assert (summary["dlq_checked"], summary["dlq_messages"], summary["erasure_entry"]) == (False, 0, "written")
    human = cli("forget", VICTIM, "--yes")
    assert "0 Athena query result(s) to remove" in human.stdout and "dead-letter" not in human.stdout
    assert "the dead-letter queues were not read (no queue URLs" in human.stderr


# --- failure paths (Stubber) ----------------------------------------------------------------


def _sqs():
    return boto3.client("sqs", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


def _message(n: int, body: str) -> dict:
    return {"MessageId": f"m{n}", "ReceiptHandle": f"h{n}", "MD5OfBody": "x", "Body": body}


def test_sweep_counts_a_message_seen_twice_once_and_reports_failed_deletes():
    # GIVEN a DLQ of three messages, one of the victim; SQS hands one back twice (its
    # visibility ran out) and refuses to delete the victim's
    sqs, url = _sqs(), "https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq"
    victim, other1, other2 = _message(1, record_body(VICTIM)), _message(2, record_body(KEEP)), _message(3, "{}")
    again = {**other1, "ReceiptHandle": "h2-again"}
    with Stubber(sqs) as stub:
        stub.add_response("get_queue_attributes", {"Attributes": {"ApproximateNumberOfMessages": "3"}})
        stub.add_response("receive_message", {"Messages": [victim, other1]},
                          {"QueueUrl": url, "MaxNumberOfMessages": 3, "VisibilityTimeout": dlq.VISIBILITY_SECONDS, "WaitTimeSeconds": 0})
        stub.add_response("delete_message_batch", {"Successful": [], "Failed": [
            {"Id": "0", "SenderFault": False, "Code": "InternalError"}]},
            {"QueueUrl": url, "Entries": [{"Id": "0", "ReceiptHandle": "h1"}]})
        for handed_back in ([again], [other2]):
            stub.add_response("receive_message", {"Messages": handed_back}, {"QueueUrl": url, "MaxNumberOfMessages": 1,
                              "VisibilityTimeout": dlq.VISIBILITY_SECONDS, "WaitTimeSeconds": 0})
        # the others (and the one not deleted) released at once, each by its latest receipt handle
        stub.add_response("change_message_visibility_batch", {"Successful": [], "Failed": []}, {"QueueUrl": url, "Entries": [
            {"Id": "0", "ReceiptHandle": "h2-again", "VisibilityTimeout": 0},
            {"Id": "1", "ReceiptHandle": "h1", "VisibilityTimeout": 0},
            {"Id": "2", "ReceiptHandle": "h3", "VisibilityTimeout": 0}]})
        # WHEN the DLQ is swept for the victim
        found = dlq.sweep(sqs, "events", url, lambda body: VICTIM in body, delete=True, wait_seconds=0)
        stub.assert_no_pending_responses()
    # THEN each message was read once, the victim's matched but its delete failed, and said so
    assert (found.scanned, found.matched, found.deleted, found.errors) == (3, 1, 0, {"InternalError": 1})


def test_a_dry_look_at_the_dlqs_long_polls_for_the_wait_it_is_given_and_deletes_nothing():
    # GIVEN a DLQ holding one message of the victim
    from droplets.erase import sweep_dlqs

    sqs, url = _sqs(), "https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq"
    victim = _message(1, record_body(VICTIM))
    with Stubber(sqs) as stub:
        stub.add_response("get_queue_attributes", {"Attributes": {"ApproximateNumberOfMessages": "1"}})
        stub.add_response("receive_message", {"Messages": [victim]},
                          {"QueueUrl": url, "MaxNumberOfMessages": 1, "VisibilityTimeout": dlq.VISIBILITY_SECONDS, "WaitTimeSeconds": 0})
        stub.add_response("change_message_visibility_batch", {"Successful": [], "Failed": []}, {"QueueUrl": url, "Entries": [
            {"Id": "0", "ReceiptHandle": "h1", "VisibilityTimeout": 0}]})
        # WHEN the DLQs are looked through for the victim without deleting, waiting 0 s
        found = sweep_dlqs(sqs, {"events": url}, VICTIM, delete=False, wait_seconds=0)
        # THEN SQS was asked to wait 0 s, the message counted, and released again at once
        stub.assert_no_pending_responses()
    assert {name: (s.scanned, s.matched, s.deleted) for name, s in found.items()} == {"events": (1, 1, 0)}


def test_a_dlq_message_that_cannot_be_deleted_fails_forget_after_the_rest_is_done(stack, monkeypatch):
    # GIVEN a session with an object and a DLQ message, and a DLQ that refuses deletes
    lake = stack.lake
    lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    stack.queues.put("events", record_body(VICTIM))
    stack.queues.put("events", record_body(VICTIM, request={"path": "/courses/7"}))
    dlqs = dlq.dead_letter_queues(stack.queues.urls)
    plan = plan_erase(lake.s3, lake.dynamodb, BUCKET, TABLE, VICTIM, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0)
    original = stack.sqs.delete_message_batch
    codes = iter(["AccessDenied", "InternalError"] * 4)

    def refusing(QueueUrl, Entries):
        return {"Successful": [], "Failed": [{"Id": e["Id"], "SenderFault": False, "Code": next(codes)} for e in Entries]}

    monkeypatch.setattr(stack.sqs, "delete_message_batch", refusing)
    waits = []
    import droplets.erase as erase_module

    real_sweep = erase_module.sweep_dlqs
    monkeypatch.setattr(erase_module, "sweep_dlqs", lambda *a, **kw: waits.append(kw.get("wait_seconds")) or real_sweep(*a, **kw))
    # WHEN it is erased THEN it fails naming each code with its count, once everything else
    # is erased and the entry written (so a redrive of those messages drops them)
    with pytest.raises(DropletsError, match=r"dead-letter messages could not be deleted or released "
                                            r"\(AccessDenied x1, InternalError x1\).*run forget again"):
        erase(lake.s3, lake.dynamodb, BUCKET, TABLE, plan, sqs=stack.sqs, dlqs=dlqs, dlq_wait_seconds=0)
    assert stack.session_objects(VICTIM) == [] and stack.session_items(VICTIM) == []
    assert stack.entry(VICTIM) is not None
    # AND the DLQs were long-polled for the wait erase was given
    assert waits == [0]
    # AND the messages it could not delete are back in view at once, for the next run
    monkeypatch.setattr(stack.sqs, "delete_message_batch", original)
    assert stack.queues.visible("events", dead=True) == 2

"""droplets end to end on the local stack, through the real wire path.

The project's own Pulumi program (stack ``dev``) runs under the emulator mocks; the local
runner invokes the real consumer and indexer; API calls come from the real example
Express app with the real middleware (``npm start``), driven by simulated browser
sessions; the journey is read back with the real CLI. Faults: a poison message sent
straight to the queue, and S3 throttling (503 SlowDown) injected for the consumer by a
proxy (``faults.py``), transient in one test and permanent in another.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from droplets import contract
from droplets.contract import message as messages
from droplets.local.dev import running
from droplets.local.express import ExpressApp
from droplets.local.runner import BatchOutcome, queue_depths, wait_until_drained
from droplets.local.traffic import Call, SessionPlan, drive, plan_sessions

from .faults import ThrottlingProxy

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CONSUMER = "handlers.consumer.handler"

class Pipeline:
    """The running local stack, its example app, and what the runner has done."""

    def __init__(self, local, app, proxy, state_dir):
        self.local, self.app, self.proxy, self.state_dir = local, app, proxy, state_dir
        self.outcomes: list[BatchOutcome] = []
        self.observers: list = []
        self.lock = threading.Lock()

    @property
    def outputs(self):
        return self.local.outputs

    def on_batch(self, outcome: BatchOutcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)
            observers = list(self.observers)
        for observer in observers:
            observer(outcome)

    def client(self, service):
        return self.local.emulator.client(service)

    def drained(self, timeout=60) -> bool:
        return wait_until_drained(self.client("sqs"), [self.outputs["queueUrl"], self.outputs["indexQueueUrl"]],
                                  timeout=timeout)

    def keys(self, prefix: str) -> list[str]:
        s3, bucket = self.client("s3"), self.outputs["bucketName"]
        return [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
                for o in page.get("Contents", [])]

    def objects(self, prefix: str) -> dict[str, bytes]:
        s3, bucket = self.client("s3"), self.outputs["bucketName"]
        return {k: s3.get_object(Bucket=bucket, Key=k)["Body"].read() for k in self.keys(prefix)}

    def dlq_messages(self, name: str) -> list[dict]:
        sqs, url = self.client("sqs"), self.outputs[name]
        return sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0,
                                   MessageSystemAttributeNames=["All"], MessageAttributeNames=["All"]).get("Messages", [])

    def cli(self, *args: str) -> list[dict]:
        """Run the real ``droplets`` CLI; it finds the stack through .droplets/local.json."""
        done = subprocess.run([sys.executable, "-m", "droplets", *args, "--json"], cwd=self.state_dir,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("local-stack")
    proxy = ThrottlingProxy().start()
    holder: dict = {}

    with running(
        port=0, project_dir=ROOT, state_path=state_dir / contract.LOCAL_STATE_FILE, log_dir=state_dir / "logs",
        # The dev stack's config, with fewer receives before the DLQ (each failing delivery
        # waits out botocore's backoff): the same program, one setting changed.
        overrides={"maxReceiveCount": 2},
        retry_after=0,
        # The consumer, and only it, reaches S3 through the throttling proxy.
        env_overrides={CONSUMER: {"AWS_ENDPOINT_URL_S3": proxy.endpoint}},
        on_batch=lambda outcome: holder["pipeline"].on_batch(outcome) if "pipeline" in holder else None,
        on_deployed=lambda deployed: proxy.forward_to(deployed.endpoint),
    ) as local:
        # Needs npm and examples/express-app/node_modules (`make setup`); a clear error if not.
        app = ExpressApp(ROOT, local.outputs["queueUrl"], local.emulator.env())
        holder["pipeline"] = pipe = Pipeline(local, app, proxy, state_dir)
        try:
            yield pipe
        finally:
            app.stop()
            proxy.stop()


def test_api_calls_are_stored_without_pii_indexed_and_replayable(pipeline):
    # GIVEN a handful of simulated browser sessions against the example app
    plans = plan_sessions(8, seed=7)

    # WHEN they browse, and the pipeline catches up
    traffic = drive(pipeline.app.url, plans, seed=7)
    assert not traffic.errors
    sent = traffic.requests

    deadline = time.monotonic() + 30
    while len(pipeline.keys(contract.EVENTS_PREFIX)) < sent and time.monotonic() < deadline:
        time.sleep(0.5)
    assert pipeline.drained()

    # THEN every call is one object under the documented key layout
    objects = {k: json.loads(v) for k, v in pipeline.objects(contract.EVENTS_PREFIX).items()}
    ours = {k: r for k, r in objects.items() if r["session_id"] in {p.session_id for p in plans}}
    assert len(ours) == sent
    for key, record in ours.items():
        parts = contract.parse_event_key(key)
        assert parts == {"day": record["occurred_at"][:10], "session": record["session_id"],
                         "occurred_at": record["occurred_at"], "event_id": record["event_id"]}
        assert record["pipeline"]["transforms"]
    # AND no e-mail address, bearer token or cookie sent is anywhere in the lake
    raw = b"\n".join(pipeline.objects("").values()).decode()
    leaked = [s for s in traffic.secrets if s in raw]
    assert traffic.secrets and leaked == []
    assert not any("cookie" in (r["request"].get("headers") or {}) or "authorization" in (r["request"].get("headers") or {})
                   for r in ours.values())
    # AND every object has its index item
    table = pipeline.client("dynamodb")
    for key, record in ours.items():
        item = table.get_item(TableName=pipeline.outputs["tableName"], Key={
            contract.INDEX_PK: {"S": record["session_id"]},
            contract.INDEX_SK: {"S": contract.index_sort_key(record["occurred_at"], record["event_id"])}})["Item"]
        assert item["s3_key"]["S"] == key
        # on its write shard of the by-day GSI: the stack's droplets:indexShards (the dev
        # stack leaves the default) reached the indexer through the program
        assert item[contract.DAY_INDEX_PK]["S"] == contract.day_partition(
            record["occurred_at"][:10], record["event_id"], contract.DEFAULT_INDEX_SHARDS)
    # AND `droplets events` over the days of the calls gives each of ours once, in time order
    days = sorted(r["occurred_at"][:10] for r in ours.values())
    listed = [e for e in pipeline.cli("events", "--since", days[0], "--until", days[-1], "--limit", "100000")
              if e["session_id"] in {p.session_id for p in plans}]
    assert sorted(e["event_id"] for e in listed) == sorted(r["event_id"] for r in ours.values())
    assert [(e["occurred_at"], e["event_id"]) for e in listed] == sorted((e["occurred_at"], e["event_id"]) for e in listed)
    # AND the CLI replays a session's journey in the order it happened
    plan = max(plans, key=lambda p: len(p.calls))
    journey = pipeline.cli("session", plan.session_id)
    assert [(e["method"], e["status"]) for e in journey] == [
        (c.method, s) for c, s in zip(plan.calls, [e["status"] for e in journey])]
    assert [e["occurred_at"] for e in journey] == sorted(e["occurred_at"] for e in journey)
    assert [_path_of(e, objects) for e in journey] == [c.path.split("?")[0] for c in plan.calls]
    # AND nothing went to a DLQ
    assert pipeline.dlq_messages("dlqUrl") == [] and pipeline.dlq_messages("indexDlqUrl") == []


def _path_of(event: dict, objects: dict) -> str:
    return objects[event["s3_key"]]["request"]["path"]


def test_a_poison_message_becomes_a_bad_row_and_is_not_retried(pipeline):
    # GIVEN a producer that sends something that is not a record
    payload = '{"v": 1, "event_id": "not-a-uuid", "this is": "not a record"'
    sqs = pipeline.client("sqs")
    message_id = sqs.send_message(QueueUrl=pipeline.outputs["queueUrl"], MessageBody=payload)["MessageId"]

    # WHEN the consumer gets it
    assert pipeline.drained()

    # THEN it is a bad row under bad/dt=<day>/, with the error and the original payload
    rows = [json.loads(v) for v in pipeline.objects(contract.BAD_PREFIX).values()]
    (row,) = [r for r in rows if r["payload"] == payload]
    assert row["bad"]["step"] and row["bad"]["error"]
    # AND it was delivered once and deleted (not retried, not in the DLQ), and not indexed
    deliveries = [o for o in pipeline.outcomes if message_id in o.message_ids]
    assert [(o.receive_counts[message_id], message_id in o.failed_ids) for o in deliveries] == [(1, False)]
    assert all(m["Body"] != payload for m in pipeline.dlq_messages("dlqUrl"))


def test_a_transient_s3_failure_is_retried_and_then_succeeds(pipeline):
    # GIVEN S3 throttling every PutObject of one session's calls, until the consumer has
    # reported that message as failed once
    session = f"transient-{uuid.uuid4()}"
    pipeline.proxy.throttle(session)

    def heal_after_first_failure(outcome: BatchOutcome) -> None:
        if any(_is_session(outcome, mid, session) for mid in outcome.failed_ids):
            pipeline.proxy.heal(session)
    pipeline.observers.append(heal_after_first_failure)

    # WHEN that session makes a call through the app
    traffic = drive(pipeline.app.url, [SessionPlan(session, "pytest", [Call("GET", "/courses/3")])])
    assert traffic.statuses == {200: 1}

    def settled():  # a consumer delivery of it that succeeded (recorded after the delete)
        return any(o.function.endswith("consumer") and _is_session(o, mid, session) and mid not in o.failed_ids
                   for o in list(pipeline.outcomes) for mid in o.message_ids)
    deadline = time.monotonic() + 45
    while not settled() and time.monotonic() < deadline:
        time.sleep(0.5)

    # THEN S3 refused it (botocore retried each time), the message came back, and its
    # second delivery stored it
    assert pipeline.proxy.throttled[session] >= 1
    deliveries = [o for o in pipeline.outcomes if o.function.endswith("consumer")
                  and any(_is_session(o, mid, session) for mid in o.failed_ids)]
    assert deliveries, "the throttled message was never reported in batchItemFailures"
    (message_id,) = [m for m in deliveries[0].failed_ids if _is_session(deliveries[0], m, session)]
    counts = [(o.receive_counts[message_id], message_id in o.failed_ids)
              for o in pipeline.outcomes if message_id in o.message_ids]
    assert counts == [(1, True), (2, False)]
    assert _stored(pipeline, session)
    assert pipeline.drained()
    assert pipeline.dlq_messages("dlqUrl") == []


def test_a_message_that_keeps_failing_lands_in_the_dlq_and_a_redrive_after_the_fix_stores_it(pipeline):
    # GIVEN S3 refusing every PutObject of one session's calls
    session = f"doomed-{uuid.uuid4()}"
    pipeline.proxy.throttle(session)
    max_receive = json.loads(pipeline.client("sqs").get_queue_attributes(
        QueueUrl=pipeline.outputs["queueUrl"], AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])["maxReceiveCount"]

    # WHEN that session makes a call
    drive(pipeline.app.url, [SessionPlan(session, "pytest", [Call("POST", "/signup", {"email": "x@example.com"})])])
    deadline = time.monotonic() + 60
    while not (dead := [m for m in pipeline.dlq_messages("dlqUrl") if session in m["Body"]]) and time.monotonic() < deadline:
        time.sleep(0.5)

    # THEN after maxReceiveCount deliveries the message is in the DLQ, intact (the app packs:
    # NDJSON, with its format attribute), and not stored
    (message,) = dead
    assert messages.format_of(message.get("MessageAttributes")) == messages.PACKED_FORMAT
    (record,) = [json.loads(line) for line in messages.record_bodies(message["Body"], messages.PACKED_FORMAT)
                 if session in line]
    assert record["session_id"] == session and record["request"]["path"] == "/signup"
    deliveries = [o.receive_counts[message["MessageId"]] for o in pipeline.outcomes if message["MessageId"] in o.message_ids]
    assert deliveries == list(range(1, max_receive + 1))
    assert not _stored(pipeline, session)
    depth = queue_depths(pipeline.client("sqs"), pipeline.outputs["queueUrl"])
    assert sum(depth.values()) == 0

    # WHEN the cause is fixed and the operator redrives the DLQ with the CLI
    pipeline.proxy.heal(session)
    (redrive,) = pipeline.cli("dlq", "redrive", "events", "--yes")

    # THEN the message goes back to its queue, the consumer stores it and the DLQ is empty
    assert redrive["moved"] >= 1 and redrive["refused"] == 0
    deadline = time.monotonic() + 30
    while not _stored(pipeline, session) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _stored(pipeline, session)
    assert pipeline.drained()
    assert [m for m in pipeline.dlq_messages("dlqUrl") if session in m["Body"]] == []


def _stored(pipeline, session: str) -> bool:
    return any(f"/{session}/" in key for key in pipeline.keys(contract.EVENTS_PREFIX))


def _is_session(outcome: BatchOutcome, message_id: str, session: str) -> bool:
    return session in outcome.bodies.get(message_id, "")


def test_forget_then_redrive_brings_nothing_back(pipeline):
    from transforms.testing import make_record

    sqs, outputs = pipeline.client("sqs"), pipeline.outputs
    # GIVEN a session that browsed through the example app: stored and indexed
    session = f"erased-{uuid.uuid4()}"
    traffic = drive(pipeline.app.url, [SessionPlan(session, "pytest", [Call("GET", "/courses/3"), Call("GET", "/courses/4")])])
    assert traffic.statuses == {200: 2}
    deadline = time.monotonic() + 30
    while len([k for k in pipeline.keys(contract.EVENTS_PREFIX) if f"/{session}/" in k]) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert pipeline.drained()
    assert len(_items(pipeline, session)) == 2
    # AND one of its calls waiting in the events DLQ (it failed earlier)
    sqs.send_message(QueueUrl=outputs["dlqUrl"], MessageBody=json.dumps(make_record(new_event_id=True, session_id=session)))

    # WHEN the operator forgets it with the CLI
    (summary,) = pipeline.cli("forget", session, "--yes")

    # THEN its objects, items and DLQ message are gone, and it is marked erased
    assert (summary["objects"], summary["index_items"], summary["erasure_entry"]) == (2, 2, "written")
    assert summary["dlq_messages_by_queue"]["events"] == 1
    assert not _stored(pipeline, session)

    # WHEN copies come back anyway: another failed call of it reaches the DLQ, a late retry
    # is still on the events queue, and the operator redrives the DLQ
    later = [json.dumps(make_record(new_event_id=True, session_id=session)) for _ in range(2)]
    sqs.send_message(QueueUrl=outputs["dlqUrl"], MessageBody=later[0])
    sqs.send_message(QueueUrl=outputs["queueUrl"], MessageBody=later[1])
    (redrive,) = pipeline.cli("dlq", "redrive", "events", "--yes")
    assert redrive["moved"] == 1

    def handled():  # both copies delivered to the real consumer, and not failed
        bodies = [o.bodies.get(mid) for o in list(pipeline.outcomes) if o.function.endswith("consumer")
                  for mid in o.message_ids if mid not in o.failed_ids]
        return all(body in bodies for body in later)
    deadline = time.monotonic() + 30
    while not handled() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert handled() and pipeline.drained()

    # THEN nothing of it came back: no object, no index item, no bad row; the DLQ is empty
    assert not _stored(pipeline, session)
    assert _items(pipeline, session) == []
    assert not any(session in body.decode() for body in pipeline.objects(contract.BAD_PREFIX).values())
    assert [m for m in pipeline.dlq_messages("dlqUrl") if session in m["Body"]] == []
    # AND the consumer's own log counted them as erased
    logs = "".join(path.read_text() for path in (pipeline.state_dir / "logs").glob("*consumer*.log"))
    assert any(json.loads(line).get("erased") for line in logs.splitlines()
               if line.startswith("{") and '"batch processed"' in line)


def _items(pipeline, session: str) -> list[dict]:
    return pipeline.client("dynamodb").query(
        TableName=pipeline.outputs["tableName"], KeyConditionExpression="#pk = :pk",
        ExpressionAttributeNames={"#pk": contract.INDEX_PK}, ExpressionAttributeValues={":pk": {"S": session}})["Items"]

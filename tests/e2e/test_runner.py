"""The local Lambda runner: SQS event source mapping semantics against the emulator.

The probe program's function (``tests/e2e/program/probe_handler.py``) does what each message body
tells it (succeed, report an item failure, raise, sleep) and logs what it was given, so
these tests can look at the event, the context and the environment a handler sees.
"""

from __future__ import annotations

import threading
import time

import pytest

from droplets.local.resources import FunctionSpec
from droplets.local.runner import Container, LambdaRunner, failed_message_ids, wait_until_drained

from .conftest import PROBE_PROGRAM, read_probe_log

pytestmark = pytest.mark.e2e


@pytest.fixture
def probe_log(tmp_path):
    return tmp_path / "probe.jsonl"


@pytest.fixture
def run(emulator, probe_stack, probe_log, tmp_path):
    """Start a runner for the probe stack; yields (runner, outcomes); stops it after."""
    runners = []

    def start(**kwargs):
        outcomes = []
        (name,) = probe_stack.functions
        runner = LambdaRunner(
            emulator, probe_stack.functions, probe_stack.mappings, project_dir=PROBE_PROGRAM,
            log_dir=tmp_path / "logs", retry_after=kwargs.pop("retry_after", 0),
            env_overrides={name: {"PROBE_LOG": str(probe_log), "EXTRA": "yes"}},
            on_batch=outcomes.append, **kwargs,
        ).start()
        runners.append(runner)
        return runner, outcomes

    yield start
    for runner in runners:
        runner.stop()


def send(emulator, queue_url, *bodies, **attributes):
    sqs = emulator.client("sqs")
    ids = []
    for body in bodies:
        ids.append(sqs.send_message(QueueUrl=queue_url, MessageBody=body, **attributes)["MessageId"])
    return ids


def dlq_bodies(emulator, probe_stack) -> list[str]:
    sqs = emulator.client("sqs")
    bodies = []
    while messages := sqs.receive_message(QueueUrl=probe_stack.outputs["dlqUrl"], MaxNumberOfMessages=10,
                                          MessageSystemAttributeNames=["All"]).get("Messages"):
        bodies += [m["Body"] for m in messages]
        sqs.delete_message_batch(QueueUrl=probe_stack.outputs["dlqUrl"], Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return bodies


def drained(emulator, probe_stack, timeout=30):
    return wait_until_drained(emulator.client("sqs"), [probe_stack.outputs["queueUrl"]], timeout=timeout)


def test_handler_gets_the_real_sqs_event_context_and_environment(emulator, probe_stack, run, probe_log):
    # GIVEN a message with a message attribute on the events queue
    queue_url = probe_stack.outputs["queueUrl"]
    (message_id,) = send(emulator, queue_url, "ok#shape", MessageAttributes={
        "origin": {"DataType": "String", "StringValue": "test"}})

    # WHEN the runner delivers it
    runner, outcomes = run()
    assert drained(emulator, probe_stack)

    # THEN the record has Lambda's SQS shape
    (call,) = read_probe_log(probe_log)
    (record,) = call["event"]["Records"]
    assert set(record) == {"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
                           "md5OfBody", "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion"}
    assert record["messageId"] == message_id
    assert record["body"] == "ok#shape"
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == probe_stack.mappings[0].event_source_arn
    assert record["awsRegion"] == "eu-west-1"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert {"SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"} <= set(record["attributes"])
    assert record["messageAttributes"] == {"origin": {
        "stringValue": "test", "stringListValues": [], "binaryListValues": [], "dataType": "String"}}
    # AND a Lambda context from the function's configuration
    (function,) = probe_stack.functions.values()
    context = call["context"]
    assert context["function_name"] == function.name
    assert context["invoked_function_arn"] == function.arn
    assert context["memory_limit_in_mb"] == 256
    assert 0 < context["remaining_ms"] <= 10_000
    assert context["log_group_name"] == f"/aws/lambda/{function.name}"
    # AND the function's own environment (secrets unwrapped), the emulator's endpoint, the overrides
    assert call["env"] == {
        "BUCKET": probe_stack.outputs["bucketName"], "KEY_PARAM": function.environment["KEY_PARAM"],
        "SECRET_THING": "s3", "AWS_ENDPOINT_URL": emulator.endpoint,
        "AWS_LAMBDA_FUNCTION_NAME": function.name, "EXTRA": "yes"}
    assert runner.stats[function.name].deleted == 1


def test_batches_respect_the_batch_size_and_each_batch_is_deleted(emulator, probe_stack, run, probe_log):
    # GIVEN twelve messages and a mapping with batch size 5 and a 1 s window
    send(emulator, probe_stack.outputs["queueUrl"], *[f"ok#{i}" for i in range(12)])

    # WHEN the runner drains the queue
    runner, outcomes = run()
    assert drained(emulator, probe_stack)

    # THEN no invocation had more than 5 records, every message was delivered once, all deleted
    sizes = [len(o.message_ids) for o in outcomes]
    assert max(sizes) <= 5 and sum(sizes) == 12
    assert sorted(r["body"] for c in read_probe_log(probe_log) for r in c["event"]["Records"]) == \
        sorted(f"ok#{i}" for i in range(12))
    assert all(o.failed_ids == [] for o in outcomes)
    # one container served them all (one cold start), as a warm Lambda would
    assert len({c["pid"] for c in read_probe_log(probe_log)}) == 1


def test_reported_item_failure_is_redelivered_then_redriven_to_the_dlq(emulator, probe_stack, run):
    # GIVEN a batch where one message is reported in batchItemFailures (maxReceiveCount is 2)
    dlq_bodies(emulator, probe_stack)
    ok_ids = send(emulator, probe_stack.outputs["queueUrl"], "ok#a", "ok#b")
    (fail_id,) = send(emulator, probe_stack.outputs["queueUrl"], "fail#poison")

    # WHEN the runner processes the queue until it is empty
    runner, outcomes = run()
    assert drained(emulator, probe_stack)

    # THEN the good ones were deleted on their first delivery
    first = {mid: o for o in outcomes for mid in o.message_ids if o.receive_counts[mid] == 1}
    assert all(mid not in first[mid].failed_ids for mid in ok_ids)
    # AND the failing one was delivered exactly maxReceiveCount times, then moved, intact, to the DLQ
    deliveries = sorted(o.receive_counts[fail_id] for o in outcomes if fail_id in o.message_ids)
    assert deliveries == [1, 2]
    assert dlq_bodies(emulator, probe_stack) == ["fail#poison"]


def test_a_raising_handler_fails_the_whole_batch(emulator, probe_stack, run, probe_log):
    # GIVEN a batch holding a message that makes the function raise
    dlq_bodies(emulator, probe_stack)
    ids = send(emulator, probe_stack.outputs["queueUrl"], "raise#boom", "ok#bystander")

    # WHEN it is delivered
    runner, outcomes = run()
    assert drained(emulator, probe_stack)

    # THEN the first invocation's every message was left for redelivery with the error
    first = outcomes[0]
    assert first.error.startswith("RuntimeError: probe asked to raise")
    assert sorted(first.failed_ids) == sorted(first.message_ids)
    # AND the raising message ends in the DLQ (the bystander too if it always shared its batch)
    assert "raise#boom" in dlq_bodies(emulator, probe_stack)
    (name,) = probe_stack.functions
    assert runner.stats[name].function_errors >= 2
    assert set(ids) >= set(first.message_ids)


def test_stop_is_prompt_and_leaves_no_container_running(emulator, probe_stack, run):
    # GIVEN a runner with a warm container
    send(emulator, probe_stack.outputs["queueUrl"], "ok#warm")
    runner, outcomes = run()
    assert drained(emulator, probe_stack)
    containers = [p.container._process for p in runner._pollers]
    assert all(c is not None and c.poll() is None for c in containers)

    # WHEN it is stopped while idle
    started = time.monotonic()
    runner.stop()

    # THEN it returns within about one long-poll, with its threads and containers gone
    assert time.monotonic() - started < 5
    assert not any(p.is_alive() for p in runner._pollers)
    assert all(c.poll() is not None for c in containers)
    assert threading.active_count() < 50


def test_failed_messages_keep_the_queue_visibility_without_retry_after(emulator, probe_stack, run):
    # GIVEN a runner with AWS timing (no shortened retry) and a message that fails
    (fail_id,) = send(emulator, probe_stack.outputs["queueUrl"], "fail#slow")
    runner, outcomes = run(retry_after=None)
    deadline = time.monotonic() + 10
    while not outcomes and time.monotonic() < deadline:
        time.sleep(0.1)

    # WHEN it has failed once THEN it stays in flight for the queue's visibility timeout (60 s)
    time.sleep(1.5)
    assert [o.receive_counts[fail_id] for o in outcomes] == [1]
    attributes = emulator.client("sqs").get_queue_attributes(
        QueueUrl=probe_stack.outputs["queueUrl"], AttributeNames=["ApproximateNumberOfMessagesNotVisible"])
    assert attributes["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"
    runner.stop()
    emulator.client("sqs").purge_queue(QueueUrl=probe_stack.outputs["queueUrl"])  # (the last test using it)


def test_a_timeout_kills_the_container_and_the_next_call_is_a_cold_start(tmp_path, emulator):
    # GIVEN a function with a 1 s timeout
    log = tmp_path / "probe.jsonl"
    spec = FunctionSpec(name="slow", arn="arn:aws:lambda:eu-west-1:123456789012:function:slow",
                        handler="probe_handler.handler", timeout=1, memory=128)
    container = Container(spec, {"PROBE_LOG": str(log), "PATH": "/usr/bin:/bin"}, [str(PROBE_PROGRAM)],
                          tmp_path / "slow.log")
    event = {"Records": [{"messageId": "m1", "body": "sleep:5"}]}

    # WHEN an invocation runs past it
    reply, cold = container.invoke(event, "req-1")

    # THEN it is reported as a timeout and the container is gone
    assert cold and reply["timed_out"] and "timed out after 1.00 seconds" in reply["error"]
    assert container._process is None
    # AND the next invocation starts a new container
    reply, cold = container.invoke({"Records": [{"messageId": "m2", "body": "ok"}]}, "req-2")
    assert cold and reply == {"ok": True, "result": {"batchItemFailures": []}}
    pids = {c["pid"] for c in read_probe_log(log)}
    assert len(pids) == 2
    container.stop()


def test_an_import_error_is_an_init_failure(tmp_path):
    spec = FunctionSpec(name="broken", arn="arn:aws:lambda:eu-west-1:123456789012:function:broken",
                        handler="no_such_module.handler", timeout=3, memory=128)
    container = Container(spec, {"PATH": "/usr/bin:/bin"}, [str(PROBE_PROGRAM)], None)
    with pytest.raises(RuntimeError, match="init failed: ModuleNotFoundError"):
        container.invoke({"Records": []}, "req")


@pytest.mark.parametrize("response, expected", [
    (None, []),
    ({}, []),
    ({"batchItemFailures": []}, []),
    ({"batchItemFailures": [{"itemIdentifier": "b"}]}, ["b"]),
    ({"batchItemFailures": [{"itemIdentifier": "nope"}]}, None),  # unknown id: whole batch
    ({"batchItemFailures": [{"itemIdentifier": ""}]}, None),
    ({"batchItemFailures": [{"id": "b"}]}, None),
    ({"batchItemFailures": "b"}, None),
    ("oops", None),
])
def test_batch_item_failures_are_read_as_lambda_reads_them(response, expected):
    assert failed_message_ids(response, ["a", "b"]) == expected


def test_a_large_batch_stays_under_lambdas_payload_limit(emulator, probe_stack):
    # GIVEN a mapping with batch size 100 on a queue holding 30 messages of 250 KB (7.5 MB)
    from dataclasses import replace

    from droplets.local.resources import MappingSpec
    from droplets.local.runner import MAX_PAYLOAD_BYTES

    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName=f"big-{time.time_ns()}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    body = "ok#" + "x" * 250_000
    for _ in range(30):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    (function,) = probe_stack.functions.values()
    mapping = MappingSpec(uuid="big", event_source_arn=arn, function=function.name, batch_size=100,
                          batching_window=1, report_batch_item_failures=True)
    outcomes = []

    # WHEN the runner delivers them
    runner = LambdaRunner(emulator, {function.name: replace(function, environment={})}, [mapping],
                          project_dir=PROBE_PROGRAM, retry_after=0, on_batch=outcomes.append).start()
    try:
        assert wait_until_drained(sqs, [url], timeout=60)
    finally:
        runner.stop()

    # THEN no invocation carried more than 6 MB, and all 30 were delivered and deleted
    assert all(len(o.message_ids) * len(body) <= MAX_PAYLOAD_BYTES for o in outcomes)
    assert len(outcomes) >= 2
    assert sum(len(o.message_ids) for o in outcomes) == 30
    assert all(not o.failed_ids for o in outcomes)

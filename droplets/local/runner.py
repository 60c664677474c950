"""The local stand-in for Lambda's SQS event source mappings.

For each mapping the program declared, a poller thread does what Lambda's pollers do:

- long-polls the queue (``WaitTimeSeconds``) and gathers up to the mapping's batch size,
  waiting at most its batching window after the first message (several ``ReceiveMessage``
  calls of at most 10 when the batch size is larger, and no more than Lambda's 6 MB
  invocation payload);
- builds the real SQS event (``Records`` with ``messageId``, ``receiptHandle``, ``body``,
  ``attributes`` incl. ``ApproximateReceiveCount``, ``messageAttributes``, ``md5OfBody``,
  ``eventSource``, ``eventSourceARN``, ``awsRegion``) and invokes the function's real
  handler in its own worker process (:mod:`droplets.local.container`) with a Lambda
  context and the function's environment;
- with ``ReportBatchItemFailures``, deletes every message except those the response lists
  in ``batchItemFailures``; an invalid response, a function error or a timeout fails the
  whole batch, as on AWS. Failed messages are not deleted, so they come back and, after
  ``maxReceiveCount`` receives, the emulator's redrive moves them to the DLQ exactly as
  SQS does.

One deliberate difference, for a fast local loop: on AWS a failed message reappears when
its visibility timeout ends (at least 6x the function timeout, so minutes). With
``retry_after`` set, the runner makes failed messages visible again after that many
seconds (``ChangeMessageVisibility``) instead; ``retry_after=None`` keeps AWS's timing.

Each mapping gets ``concurrency`` pollers, each with its own container (default 1).
"""

from __future__ import annotations

import itertools
import logging
import os
import math
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from multiprocessing.connection import Connection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from droplets.local import container as container_module
from droplets.local.emulator import Emulator
from droplets.local.resources import FunctionSpec, MappingSpec

log = logging.getLogger("droplets.local.runner")

SQS_MAX_BATCH = 10
#: Lambda's synchronous invocation payload limit.
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
#: How long an idle poller long-polls before checking whether it should stop.
IDLE_WAIT_SECONDS = 1
#: Lambda's init phase limit.
INIT_TIMEOUT_SECONDS = 10.0


@dataclass
class BatchOutcome:
    """What happened to one invocation (handed to ``on_batch`` observers)."""

    function: str
    request_id: str
    message_ids: list[str]
    failed_ids: list[str]
    receive_counts: dict[str, int]
    #: message ID -> body, for observers that need to know which message is which
    bodies: dict[str, str] = field(default_factory=dict, repr=False)
    error: str | None = None
    timed_out: bool = False
    duration_ms: float = 0.0


@dataclass
class FunctionStats:
    invocations: int = 0
    #: SQS messages handed to the function (a packed message carries several records).
    messages: int = 0
    deleted: int = 0
    retried: int = 0  # messages left for redelivery (item failures, errors, timeouts)
    function_errors: int = 0
    timeouts: int = 0
    cold_starts: int = 0
    last_error: str | None = None


def queue_url_from_arn(sqs, arn: str) -> str:
    _, _, _, _, account, name = arn.split(":", 5)
    return sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)["QueueUrl"]


def sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """One ``Records`` entry of Lambda's SQS event, from a ``ReceiveMessage`` message."""
    attributes = {k: v for k, v in (message.get("Attributes") or {}).items()}
    message_attributes = {}
    for name, value in (message.get("MessageAttributes") or {}).items():
        entry: dict[str, Any] = {
            "stringListValues": value.get("StringListValues", []),
            "binaryListValues": value.get("BinaryListValues", []),
            "dataType": value["DataType"],
        }
        if "StringValue" in value:
            entry["stringValue"] = value["StringValue"]
        if "BinaryValue" in value:
            import base64

            entry["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode("ascii")
        message_attributes[name] = entry
    record = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": attributes,
        "messageAttributes": message_attributes,
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }
    if message.get("MD5OfMessageAttributes"):
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def failed_message_ids(response: Any, message_ids: list[str]) -> list[str] | None:
    """The message IDs a ``ReportBatchItemFailures`` response asks to retry, or ``None``
    when the response is invalid (Lambda then treats the whole batch as failed)."""
    if response is None or response == {} or response == "":
        return []
    if not isinstance(response, dict):
        return None
    failures = response.get("batchItemFailures")
    if failures is None:
        return []
    if not isinstance(failures, list):
        return None
    known = set(message_ids)
    failed = []
    for item in failures:
        identifier = item.get("itemIdentifier") if isinstance(item, dict) else None
        if not identifier or identifier not in known:
            return None
        failed.append(identifier)
    return failed


@dataclass(eq=False)  # a handle on a process: equal only to itself, and hashable
class Container:
    """The parent's handle on one worker process (a Lambda execution environment)."""

    spec: FunctionSpec
    env: dict[str, str]
    sys_path: list[str]
    log_path: Path | None
    #: The worker and the parent's end of its socket, while it runs (set by _start).
    _process: Any = field(default=None, init=False, repr=False)
    _conn: Any = field(default=None, init=False, repr=False)

    def _start(self) -> None:
        parent, child = socket.socketpair()
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "droplets.local.container", str(child.fileno()), *self.sys_path],
                env=self.env,
                pass_fds=[child.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C is the runner's to handle, not the container's
                cwd=self.sys_path[0],
            )
        finally:
            child.close()
            if self.log_path:
                log.close()
        conn = Connection(parent.detach())
        conn.send(asdict(self.spec))
        ready = conn.recv() if conn.poll(INIT_TIMEOUT_SECONDS) else {"ready": False, "error": "init timed out"}
        if not ready.get("ready"):
            process.kill()
            process.wait(2)
            conn.close()
            raise RuntimeError(f"{self.spec.name}: init failed: {ready.get('error')}")
        self._process, self._conn = process, conn

    def invoke(self, event: dict[str, Any], request_id: str) -> tuple[dict[str, Any], bool]:
        """Run the handler; returns (reply, cold_start). A timeout kills the container."""
        cold = self._process is None
        if cold:
            self._start()
        timeout = float(self.spec.timeout)
        deadline_ms = int((time.time() + timeout) * 1000)
        try:
            self._conn.send({"event": event, "request_id": request_id, "deadline_ms": deadline_ms})
            if self._conn.poll(timeout):
                return self._conn.recv(), cold
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.kill()
            return {"ok": False, "error": f"container exited: {exc}"}, cold
        self.kill()
        return {"ok": False, "error": f"Task timed out after {timeout:.2f} seconds", "timed_out": True}, cold

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(2)
            self._conn.close()
        self._process = self._conn = None

    def stop(self) -> None:
        if self._process is None:
            return
        try:
            self._conn.send(None)
            self._process.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Poller(threading.Thread):
    """One of Lambda's SQS pollers for one mapping, with its own container."""

    def __init__(self, runner: "LambdaRunner", mapping: MappingSpec, function: FunctionSpec, index: int):
        super().__init__(name=f"poller:{function.name}:{index}", daemon=True)
        self.runner = runner
        self.mapping = mapping
        self.function = function
        self.sqs = runner.emulator.client("sqs")
        self.queue_url = queue_url_from_arn(self.sqs, mapping.event_source_arn)
        log_path = runner.log_dir / f"{function.name}.log" if runner.log_dir else None
        env = {**runner.base_env, **container_module.runtime_environment(asdict(function), runner.emulator.env())}
        env.update(runner.env_overrides.get(function.handler, {}))
        env.update(runner.env_overrides.get(function.name, {}))
        self.container = Container(function, env, runner.sys_path, log_path)

    def run(self) -> None:
        stop = self.runner.stopping
        while not stop.is_set():
            try:
                messages = self._gather(stop)
                if messages:
                    self._invoke(messages)
            except Exception as exc:  # noqa: BLE001 -- the poller keeps going, as Lambda's does
                if stop.is_set():
                    break
                self.runner._record_error(self.function.name, f"poller: {type(exc).__name__}: {exc}")
                stop.wait(1.0)
        self.container.stop()

    def _gather(self, stop: threading.Event) -> list[dict[str, Any]]:
        batch_size = self.mapping.batch_size
        window = self.mapping.batching_window
        messages: list[dict[str, Any]] = []
        size = 0
        first_at: float | None = None
        while len(messages) < batch_size and not stop.is_set():
            if first_at is None:
                wait = IDLE_WAIT_SECONDS
            else:
                remaining = first_at + window - time.monotonic()
                if remaining <= 0:
                    break
                wait = min(20, math.ceil(remaining)) if remaining >= 1 else 0
            received = self.sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=min(SQS_MAX_BATCH, batch_size - len(messages)),
                WaitTimeSeconds=wait,
                MessageSystemAttributeNames=["All"],
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            for i, message in enumerate(received):
                size += len(message["Body"].encode("utf-8")) + 1024  # + record envelope
                if size > MAX_PAYLOAD_BYTES and messages:
                    # Over Lambda's payload limit: give the rest back for the next batch.
                    self._release(received[i:])
                    return messages
                messages.append(message)
            if messages and first_at is None:
                first_at = time.monotonic()
            if messages and window <= 0:
                break
        return messages

    def _release(self, messages: list[dict[str, Any]]) -> None:
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
                   for i, m in enumerate(messages)]
        for chunk in _chunks(entries, SQS_MAX_BATCH):
            self.sqs.change_message_visibility_batch(QueueUrl=self.queue_url, Entries=chunk)

    def _invoke(self, messages: list[dict[str, Any]]) -> None:
        region = self.runner.emulator.region
        event = {"Records": [sqs_record(m, self.mapping.event_source_arn, region) for m in messages]}
        ids = [m["MessageId"] for m in messages]
        request_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            reply, cold = self.container.invoke(event, request_id)
        except RuntimeError as exc:  # init failed: like Lambda, the batch comes back later
            reply, cold = {"ok": False, "error": str(exc)}, True
        error = None
        if not reply.get("ok"):
            failed: list[str] | None = None
            error = reply.get("error")
        elif self.mapping.report_batch_item_failures:
            failed = failed_message_ids(reply.get("result"), ids)
            if failed is None:
                error = "invalid batchItemFailures response: the whole batch is retried"
        else:
            failed = []
        failed_ids = ids if failed is None else failed
        outcome = BatchOutcome(
            function=self.function.name,
            request_id=request_id,
            message_ids=ids,
            failed_ids=list(failed_ids),
            receive_counts={m["MessageId"]: int(m.get("Attributes", {}).get("ApproximateReceiveCount", 0))
                            for m in messages},
            bodies={m["MessageId"]: m["Body"] for m in messages},
            error=error,
            timed_out=bool(reply.get("timed_out")),
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        self._settle(messages, set(failed_ids))
        self.runner._record(outcome, cold)

    def _settle(self, messages: list[dict[str, Any]], failed: set[str]) -> None:
        done = [m for m in messages if m["MessageId"] not in failed]
        for chunk in _chunks(done, SQS_MAX_BATCH):
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)],
            )
        retry_after = self.runner.retry_after
        if retry_after is None:
            return  # AWS timing: visible again when the queue's visibility timeout ends
        again = [m for m in messages if m["MessageId"] in failed]
        for chunk in _chunks(again, SQS_MAX_BATCH):
            self.sqs.change_message_visibility_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": int(retry_after)}
                         for i, m in enumerate(chunk)],
            )


def _chunks(items: list[Any], size: int):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class LambdaRunner:
    """Runs every enabled event source mapping of a local stack until :meth:`stop`.

    ``env_overrides`` adds variables to a function's environment, by its handler
    (``handlers.consumer.handler``) or its name;
    ``on_batch`` is called after every invocation with its :class:`BatchOutcome`.
    """

    def __init__(
        self,
        emulator: Emulator,
        functions: dict[str, FunctionSpec],
        mappings: list[MappingSpec],
        *,
        project_dir: Path | str = ".",
        log_dir: Path | str | None = None,
        retry_after: float | None = 2,
        concurrency: int = 1,
        env_overrides: dict[str, dict[str, str]] | None = None,
        on_batch: Optional[Callable[[BatchOutcome], None]] = None,
    ):
        self.emulator = emulator
        self.functions = functions
        self.mappings = [m for m in mappings if m.enabled]
        self.sys_path = [str(Path(project_dir).resolve())]
        # What a Lambda environment has besides its variables: a PATH, a locale, a temp dir.
        self.base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME")}
        self.log_dir = Path(log_dir) if log_dir else None
        self.retry_after = retry_after
        self.concurrency = max(1, int(concurrency))
        self.env_overrides = env_overrides or {}
        self.on_batch = on_batch
        self.stopping = threading.Event()
        self.stats: dict[str, FunctionStats] = {}
        self.errors: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._pollers: list[Poller] = []

    def function_for(self, mapping: MappingSpec) -> FunctionSpec:
        ref = mapping.function
        name = ref.split(":function:", 1)[1].split(":")[0] if ":function:" in ref else ref
        try:
            return self.functions[name]
        except KeyError:
            raise ValueError(f"event source mapping {mapping.uuid} names unknown function {ref!r}") from None

    @property
    def queue_urls(self) -> list[str]:
        return sorted({p.queue_url for p in self._pollers})

    def start(self) -> "LambdaRunner":
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        for mapping in self.mappings:
            function = self.function_for(mapping)
            self.stats.setdefault(function.name, FunctionStats())
            count = min(self.concurrency, mapping.maximum_concurrency or self.concurrency)
            for index in range(count):
                self._pollers.append(Poller(self, mapping, function, index))
        for poller in self._pollers:
            poller.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop polling; an invocation in progress finishes (up to ``timeout``), then the
        containers exit. Messages still in flight reappear after their visibility timeout."""
        self.stopping.set()
        deadline = time.monotonic() + timeout
        for poller in self._pollers:
            poller.join(max(0.1, deadline - time.monotonic()))
        for poller in self._pollers:
            if poller.is_alive():
                poller.container.kill()

    def __enter__(self) -> "LambdaRunner":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _record(self, outcome: BatchOutcome, cold: bool) -> None:
        with self._lock:
            stats = self.stats[outcome.function]
            stats.invocations += 1
            stats.cold_starts += int(cold)
            stats.messages += len(outcome.message_ids)
            stats.deleted += len(outcome.message_ids) - len(outcome.failed_ids)
            stats.retried += len(outcome.failed_ids)
            if outcome.timed_out:
                stats.timeouts += 1
            elif outcome.error:
                stats.function_errors += 1
            if outcome.error:
                stats.last_error = outcome.error
        if outcome.error:
            log.debug("%s: %s (%d messages back to the queue)", outcome.function, outcome.error,
                      len(outcome.failed_ids))
        if self.on_batch is not None:
            self.on_batch(outcome)

    def _record_error(self, function: str, message: str) -> None:
        with self._lock:
            self.errors[message] += 1
            self.stats[function].last_error = message
        log.warning("%s: %s", function, message)


def queue_depths(sqs, queue_url: str) -> dict[str, int]:
    attributes = sqs.get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                        "ApproximateNumberOfMessagesDelayed"],
    )["Attributes"]
    return {k: int(v) for k, v in attributes.items()}


def wait_until_drained(sqs, queue_urls: list[str], timeout: float, settle: float = 0.5,
                       interval: float = 0.2) -> bool:
    """True once every queue shows no visible, in-flight or delayed messages for ``settle``
    seconds in a row (one look can fall between a receive and the next send)."""
    deadline = time.monotonic() + timeout
    empty_since: float | None = None
    while time.monotonic() < deadline:
        empty = all(sum(queue_depths(sqs, url).values()) == 0 for url in queue_urls)
        now = time.monotonic()
        if empty:
            empty_since = empty_since or now
            if now - empty_since >= settle:
                return True
        else:
            empty_since = None
        time.sleep(interval)
    return False


__all__ = [
    "BatchOutcome", "Container", "FunctionStats", "LambdaRunner", "failed_message_ids", "queue_depths",
    "queue_url_from_arn", "sqs_record", "wait_until_drained",
]

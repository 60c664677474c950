"""The dead-letter queues: how full they are, and moving their messages back (redrive).

A message lands in a DLQ after ``maxReceiveCount`` failed deliveries (S3 or DynamoDB down,
a bug in a transform plugin, a missing permission). Once the cause is fixed, a redrive
sends each message back to the queue it came from, where the pipeline processes it as new.

Redrive is receive -> ``SendMessageBatch`` to the source -> ``DeleteMessageBatch`` from the
DLQ, ten at a time, so it works the same on AWS and on the local emulator. A message is
deleted from the DLQ only after the source queue accepted it: a crash in between leaves a
copy in both, which the pipeline tolerates (the same record writes the same key; the same
S3 event writes the same index item). A message the source refuses stays in the DLQ and is
made visible again when the run ends (tried once per run, not over and over). Each run
moves at most the messages the DLQ held when it started, so a message that fails again and
comes back during the run is not sent round in circles.

A message goes back exactly as it came: the same body and the same message attributes, so a
packed message keeps its ``droplets-format`` attribute and the consumer reads it as packed
again (an unpacked one, without the attribute, stays unpacked).

Message bodies hold raw records (personal data) and are never printed or logged here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from droplets import contract
from droplets.contract import message as messages

#: SQS's limits: entries per batch call, and bytes per batch (the sum of its messages).
MAX_BATCH = messages.SQS_MAX_BATCH_ENTRIES
MAX_BATCH_BYTES = messages.SQS_MAX_BATCH_BYTES
#: How long a received DLQ message stays hidden while it is being moved.
VISIBILITY_SECONDS = 120
#: Long polling: an empty answer after this wait means the DLQ has nothing left to give.
WAIT_SECONDS = 2
DEPTH_ATTRIBUTES = (
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
)


@dataclass(frozen=True)
class QueuePair:
    """A pipeline queue and its DLQ, named as the stack outputs name them."""

    name: str
    source_output: str
    dlq_output: str
    reader: str


#: The stack's two queue pairs: ``droplets dlq redrive events|indexing``.
PAIRS: dict[str, QueuePair] = {
    "events": QueuePair("events", contract.OUTPUT_QUEUE_URL, contract.OUTPUT_DLQ_URL, "consumer"),
    "indexing": QueuePair("indexing", contract.OUTPUT_INDEX_QUEUE_URL, contract.OUTPUT_INDEX_DLQ_URL, "indexer"),
}


def depth(sqs: Any, queue_url: str) -> dict[str, int]:
    """Visible, in-flight and delayed messages (approximate, as SQS counts them)."""
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=list(DEPTH_ATTRIBUTES))["Attributes"]
    return {
        "visible": int(attributes.get("ApproximateNumberOfMessages", 0)),
        "in_flight": int(attributes.get("ApproximateNumberOfMessagesNotVisible", 0)),
        "delayed": int(attributes.get("ApproximateNumberOfMessagesDelayed", 0)),
    }


@dataclass
class _DlqPass:
    """What both passes over a DLQ (a redrive, a sweep) report alike: the queue, and the
    entries AWS failed counted by error code. Defined once so the two reports cannot drift."""

    queue: str
    errors: dict[str, int] = field(default_factory=dict)

    def _error(self, code: str, count: int = 1) -> None:
        self.errors[code] = self.errors.get(code, 0) + count


@dataclass
class Redrive(_DlqPass):
    """What one redrive did."""

    #: Visible messages in the DLQ when the run started (what it set out to move).
    found: int = 0
    moved: int = 0
    #: Refused by the source queue: still in the DLQ.
    refused: int = 0
    #: Sent to the source but not deleted from the DLQ: they will be delivered twice.
    not_deleted: int = 0
    #: Visible messages in the DLQ after the run (approximate).
    left: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "queue": self.queue, "found": self.found, "moved": self.moved,
            "refused": self.refused, "not_deleted": self.not_deleted, "left": self.left, "errors": dict(self.errors),
        }


def redrive(
    sqs: Any,
    pair: QueuePair,
    source_url: str,
    dlq_url: str,
    *,
    limit: int | None = None,
    wait_seconds: int = WAIT_SECONDS,
    on_moved: Callable[[int], None] | None = None,
) -> Redrive:
    """Move up to ``limit`` messages (default: as many as the DLQ holds now) back to the source."""
    result = Redrive(pair.name)
    result.found = depth(sqs, dlq_url)["visible"]
    refused: list[str] = []  # receipt handles
    budget = result.found if limit is None else min(limit, result.found)
    while result.moved + result.refused < budget:
        want = min(MAX_BATCH, budget - result.moved - result.refused)
        messages = sqs.receive_message(
            QueueUrl=dlq_url,
            MaxNumberOfMessages=want,
            VisibilityTimeout=VISIBILITY_SECONDS,
            WaitTimeSeconds=wait_seconds,
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            break
        for batch in _batches(messages):
            moved = _move(sqs, batch, source_url, dlq_url, result, refused)
            if moved and on_moved is not None:
                on_moved(moved)
    # Refused messages back in view once the run is over (not during it, where they would be
    # received and refused again): they stay in the DLQ for the next run, not hidden for minutes.
    for start in range(0, len(refused), MAX_BATCH):
        chunk = refused[start:start + MAX_BATCH]
        sqs.change_message_visibility_batch(
            QueueUrl=dlq_url,
            Entries=[{"Id": str(i), "ReceiptHandle": handle, "VisibilityTimeout": 0} for i, handle in enumerate(chunk)],
        )
    result.left = depth(sqs, dlq_url)["visible"]
    return result


def _batches(messages: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Split received messages into SendMessageBatch calls within SQS's byte limit."""
    batch: list[dict[str, Any]] = []
    size = 0
    for message in messages:
        bytes_ = _size(message)
        if batch and size + bytes_ > MAX_BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(message)
        size += bytes_
    if batch:
        yield batch


def _size(message: dict[str, Any]) -> int:
    return messages.message_bytes(message["Body"], _attributes(message))


#: What a received message attribute may carry back into SendMessage: SQS may answer with
#: the reserved (unimplemented) list fields, which SendMessage would refuse.
_ATTRIBUTE_FIELDS = ("DataType", "StringValue", "BinaryValue")


def _attributes(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {k: v for k, v in value.items() if k in _ATTRIBUTE_FIELDS}
        for name, value in (message.get("MessageAttributes") or {}).items()
    }


def _move(
    sqs: Any, messages: list[dict[str, Any]], source_url: str, dlq_url: str, result: Redrive, refused_handles: list[str]
) -> int:
    """Send ``messages`` to the source and delete the accepted ones from the DLQ; the
    receipt handles of refused ones go to ``refused_handles``. Returns how many moved."""
    entries = []
    for index, message in enumerate(messages):
        entry: dict[str, Any] = {"Id": str(index), "MessageBody": message["Body"]}
        attributes = _attributes(message)
        if attributes:
            entry["MessageAttributes"] = attributes
        entries.append(entry)
    answer = sqs.send_message_batch(QueueUrl=source_url, Entries=entries)
    sent = {entry["Id"] for entry in answer.get("Successful", [])}
    refused = [failure for failure in answer.get("Failed", []) if failure["Id"] not in sent]
    for failure in refused:
        result._error(failure.get("Code", "Failed"))
        refused_handles.append(messages[int(failure["Id"])]["ReceiptHandle"])
    result.refused += len(refused)
    if not sent:
        return 0
    deleted = sqs.delete_message_batch(
        QueueUrl=dlq_url,
        Entries=[{"Id": i, "ReceiptHandle": messages[int(i)]["ReceiptHandle"]} for i in sorted(sent, key=int)],
    )
    failed_deletes = deleted.get("Failed", [])
    for failure in failed_deletes:
        result._error(failure.get("Code", "DeleteFailed"))
    result.not_deleted += len(failed_deletes)
    result.moved += len(sent)
    return len(sent)


# --- removing one session's messages (droplets forget) ----------------------------------------

#: A sweep stops after this many receives in a row brought back only messages it had seen
#: (their visibility ran out: the DLQ holds nothing else it can give).
STALE_RECEIVES = 3

@dataclass
class Sweep(_DlqPass):
    """What one pass over a DLQ found (and removed) for a predicate."""

    #: Messages read (each once, whatever the number of receives).
    scanned: int = 0
    #: Messages the predicate picked.
    matched: int = 0
    #: Of those, deleted from the DLQ (0 when only counting).
    deleted: int = 0


def sweep(
    sqs: Any,
    name: str,
    dlq_url: str,
    matches: Callable[[str], bool],
    *,
    delete: bool,
    wait_seconds: int = WAIT_SECONDS,
) -> Sweep:
    """Read every message the DLQ holds now and delete those ``matches`` picks (with
    ``delete``; else only count them); every other message (and one SQS refused to delete)
    is made visible again at once when the pass ends, as redrive does with the ones it
    could not move.

    SQS cannot delete a message by content: each is received (hidden meanwhile, for
    ``VISIBILITY_SECONDS``), judged, and deleted or released. A pass reads at most what the
    DLQ held when it started; a message seen twice (its visibility ran out) counts once.
    Bodies are judged in memory and never printed or logged.
    """
    result = Sweep(name)
    budget = depth(sqs, dlq_url)["visible"]
    seen: set[str] = set()
    kept: dict[str, str] = {}  # message ID -> latest receipt handle
    stale = 0  # receives in a row that brought only messages already seen
    while len(seen) < budget and stale < STALE_RECEIVES:
        messages = sqs.receive_message(
            QueueUrl=dlq_url,
            MaxNumberOfMessages=min(MAX_BATCH, budget - len(seen)),
            VisibilityTimeout=VISIBILITY_SECONDS,
            WaitTimeSeconds=wait_seconds,
        ).get("Messages", [])
        if not messages:
            break
        stale = stale + 1 if all(m["MessageId"] in seen for m in messages) else 0
        doomed = []
        for message in messages:
            message_id = message["MessageId"]
            if message_id in seen:
                if message_id in kept:
                    kept[message_id] = message["ReceiptHandle"]
                continue
            seen.add(message_id)
            if matches(message.get("Body", "")):
                result.matched += 1
                if delete:
                    doomed.append(message)
                    continue
            kept[message_id] = message["ReceiptHandle"]
        if doomed:
            answer = sqs.delete_message_batch(
                QueueUrl=dlq_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(doomed)],
            )
            failed = answer.get("Failed", [])
            for failure in failed:
                result._error(failure.get("Code", "DeleteFailed"))
                # still in the DLQ: back in view with the others, for the next run
                message = doomed[int(failure["Id"])]
                kept[message["MessageId"]] = message["ReceiptHandle"]
            result.deleted += len(doomed) - len(failed)
    result.scanned = len(seen)
    handles = list(kept.values())
    for start in range(0, len(handles), MAX_BATCH):
        chunk = handles[start:start + MAX_BATCH]
        answer = sqs.change_message_visibility_batch(
            QueueUrl=dlq_url,
            Entries=[{"Id": str(i), "ReceiptHandle": handle, "VisibilityTimeout": 0} for i, handle in enumerate(chunk)],
        )
        for failure in answer.get("Failed", []):
            result._error(failure.get("Code", "ChangeVisibilityFailed"))
    return result


def dead_letter_queues(queues: dict[str, str] | Any) -> dict[str, str] | None:
    """DLQ name -> URL from the stack outputs a target knows (``Target.queues``), or None
    when it knows neither (a target from flags or the Lambdas' variables)."""
    found = {pair.name: queues[pair.dlq_output] for pair in PAIRS.values() if queues.get(pair.dlq_output)}
    return found or None

"""Indexer Lambda: S3 notifications (via the SQS index queue) -> the DynamoDB index.

Entry point ``handlers.indexer.handler``, invoked by SQS with ``ReportBatchItemFailures``;
each message body is an S3 event notification for the lake bucket.

- ``s3:TestEvent`` (sent when the notification is configured) is done, nothing to do.
- ``ObjectCreated:*`` under ``events/``: read the object, write its index item
  (:func:`droplets.contract.index_item`, with a TTL when ``DROPLETS_RETENTION_DAYS`` is set,
  its ``day`` on one of ``DROPLETS_INDEX_SHARDS`` write shards of the by-day GSI).
- ``ObjectRemoved:*`` and ``LifecycleExpiration:*`` under ``events/``: delete its item.
- An object of a session ``droplets forget`` erased is never indexed (an S3 notification
  delivered after the erase, a redriven indexing DLQ message): the erasure entry is read
  (:mod:`handlers.erasures`, one BatchGetItem per batch for the sessions its keys name)
  and the event is done.
- Objects under ``bad/`` are not events, and keys outside ``events/`` are not ours: both
  are done without touching the index.

Shards. Before its first write, a container adds its shard count to the index's layout item
(:mod:`droplets.contract.shards`), so readers know every partition an item can be in before
any item is written there. If that write fails, the container is not built and the batch is
retried: nothing is indexed where readers would not look.

Event order. S3 delivers at least once and in no particular order. Every item carries
the ``sequencer`` of the event that wrote it, and every write is conditional on being newer,
so duplicates and late events never undo a newer one. A Created event whose object is gone
(deleted since) is done: the Removed event that followed it wins. An event without a
sequencer (S3 always sends one; moto does not) is applied unconditionally, in arrival order.

Known limits: a removal is mapped to its item through the default key layout
(:func:`droplets.contract.parse_event_key`); an object stored under a key of a custom
layout keeps its item after removal until the item's TTL expires it. And a Created event
that read its object just before the object was deleted can write the item after the
Removed event was processed; the TTL bounds how long such an item stays.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Mapping
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes.s3_event import S3Event, S3EventRecord
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from droplets import contract
from handlers import aws, erasures
from handlers.batch import RetryableError, in_pool, process
from handlers.container import Container

logger = Logger(service="droplets-indexer")

DEFAULT_CONCURRENCY = 8
TEST_EVENT = "s3:TestEvent"
CREATED = ("ObjectCreated:",)
REMOVED = ("ObjectRemoved:", "LifecycleExpiration:")
#: The outcome of an object of an erased session: not indexed, the message is done.
ERASED = "erased"



@dataclass(frozen=True)
class Indexer(Container):
    """What a container builds once and every invocation reuses."""

    table: str
    retention_days: int | None
    index_shards: int

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        s3: Any = None,
        dynamodb: Any = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> "Indexer":
        env = aws.read_env(contract.IndexerEnv, environ)
        parts = Container.parts(env.table, concurrency=concurrency, thread_name_prefix="index", logger=logger,
                                s3=s3, dynamodb=dynamodb)
        register_shards(parts["dynamodb"], env.table, env.index_shards)
        return cls(table=env.table, retention_days=env.retention_days, index_shards=env.index_shards, **parts)


def register_shards(dynamodb: Any, table: str, shards: int) -> None:
    """Add ``shards`` to the layout item (idempotent: a set's ADD). Raises on failure: a
    container that cannot say where it writes must not write."""
    try:
        dynamodb.update_item(TableName=table, Key=contract.layout_key(), **contract.register_shards(shards))
    except Exception as exc:
        logger.error("cannot register the shard count in the index's layout item", error=aws.error_code(exc))
        raise


def padded_sequencer(value: str | None) -> str | None:
    """S3's ``sequencer`` as text that sorts in event order: hex values of different length
    compare correctly once left-padded with zeros to the same width. None when the event
    has none (S3 always sends one for Created and Removed events; some emulators don't)."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip().upper()
    if len(value) > contract.SEQUENCER_WIDTH or any(c not in "0123456789ABCDEF" for c in value):
        raise ValueError("the S3 event sequencer is not a hex number of the expected width")
    return value.rjust(contract.SEQUENCER_WIDTH, "0")


def _only_if_newer(sequencer: str | None) -> dict[str, Any]:
    """The condition that lets only a newer event change an item (or create a missing
    one). Without a sequencer there is no order to keep: the write is unconditional."""
    if sequencer is None:
        return {}
    return {
        "ConditionExpression": "attribute_not_exists(#seq) OR #seq < :seq",
        "ExpressionAttributeNames": {"#seq": contract.INDEX_SEQUENCER},
        "ExpressionAttributeValues": {":seq": {"S": sequencer}},
    }


@cache
def indexer() -> Indexer:
    """The container's indexer, built on first use."""
    return Indexer.from_env()


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle(event, indexer())


def handle(event: dict[str, Any], app: Indexer) -> dict[str, Any]:
    """Process one SQS batch of S3 notifications; returns the partial-batch response."""
    erased = app.erased.for_sessions(_sessions_named(event))

    async def record_handler(record: SQSRecord) -> str:
        return await in_pool(app.pool, index_message, record, app, erased)

    response, outcomes = process(event, record_handler)
    logger.info("batch processed", messages=sum(outcomes.values()), **outcomes)
    return response


def _sessions_named(event: dict[str, Any]) -> list[str]:
    """The sessions the batch's object keys name (default key layout), for one erasure
    lookup per batch. Anything unexpected is skipped here: index_message judges it."""
    sessions = []
    for message in event.get("Records") or []:
        try:
            body = json.loads(message.get("body") or "")
            for s3_record in body.get("Records") or []:
                parts = contract.parse_event_key(unquote_plus(s3_record["s3"]["object"]["key"]))
                if parts is not None:
                    sessions.append(parts["session"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return sessions


def index_message(record: SQSRecord, app: Indexer, erased: erasures.BatchErasures | None = None) -> str:
    """Apply one S3 notification to the index. Raises :class:`RetryableError` when the
    message should be redelivered (and finally land in the DLQ). ``erased`` is the batch's
    erasure lookup (without it, each object's session is looked up on its own)."""
    try:
        body = json.loads(record.body)
    except ValueError:
        logger.error("message is not an S3 notification (not JSON)", message_id=record.message_id)
        raise RetryableError("not an S3 notification") from None
    if not isinstance(body, dict):
        logger.error("message is not an S3 notification", message_id=record.message_id)
        raise RetryableError("not an S3 notification")
    if body.get("Event") == TEST_EVENT:
        return "test_event"
    if not isinstance(body.get("Records"), list):
        logger.error("message is not an S3 notification", message_id=record.message_id)
        raise RetryableError("not an S3 notification")
    erased = erased or app.erased.for_sessions(())
    outcomes = [apply(s3_record, app, record.message_id, erased) for s3_record in S3Event(body).records]
    return outcomes[0] if len(outcomes) == 1 else "+".join(sorted(set(outcomes))) or "empty"


def apply(event: S3EventRecord, app: Indexer, message_id: str, erased: erasures.BatchErasures | None = None) -> str:
    """Apply one S3 event record; returns what it did."""
    key = unquote_plus(event.s3.get_object.key)
    name = event.event_name
    if key.startswith(contract.BAD_PREFIX):
        return "bad_row"
    if not key.startswith(contract.EVENTS_PREFIX):
        logger.info("object outside events/ ignored", message_id=message_id, event_name=name)
        return "ignored"
    sequencer = padded_sequencer(event.s3.get_object.get("sequencer"))
    if name.startswith(CREATED):
        return _index(app, event.s3.bucket.name, key, sequencer, message_id, erased or app.erased.for_sessions(()))
    if name.startswith(REMOVED):
        return _remove(app, key, sequencer, message_id)
    logger.info("S3 event type ignored", message_id=message_id, event_name=name)
    return "ignored"


def _index(app: Indexer, bucket: str, key: str, sequencer: str | None, message_id: str,
           erased: erasures.BatchErasures) -> str:
    try:
        obj = app.s3.get_object(Bucket=bucket, Key=key)
        data = obj["Body"].read()
    except Exception as exc:
        code = aws.error_code(exc)
        if code == "NoSuchKey" or (code == "AccessDenied" and not _listed(app, bucket, key)):
            return "gone"  # deleted since: its Removed event settles the index
        raise _retry("GetObject", exc, message_id) from exc
    try:
        # the whole body was read: its length is the object's size
        item = contract.stored_index_item(data, key, len(data), app.retention_days, shards=app.index_shards)
    except contract.RecordError as exc:
        # Only the consumer writes under events/, so this is a bug or a foreign writer:
        # keep the message (DLQ) for a human rather than guess.
        logger.error("stored object is not a record", message_id=message_id, error=exc.message)
        raise RetryableError("stored object is not a record") from None
    # The item's partition is the record's session (whatever the key layout); the entry is
    # read after the object, so an object written before the erase is caught as well.
    if erased.is_erased([item[contract.INDEX_PK]]):
        logger.debug("not indexed: its session was erased", message_id=message_id)
        return ERASED
    if sequencer is not None:
        item[contract.INDEX_SEQUENCER] = sequencer
    try:
        app.dynamodb.put_item(TableName=app.table, Item=_serialize(item), **_only_if_newer(sequencer))
    except Exception as exc:
        if aws.error_code(exc) == "ConditionalCheckFailedException":
            return "stale"  # a duplicate, or an event older than the one already applied
        raise _retry("PutItem", exc, message_id) from exc
    return "indexed"


def _listed(app: Indexer, bucket: str, key: str) -> bool:
    """Whether ``key`` is in the bucket, asked by listing it.

    S3 answers a GetObject of a missing key with 404 only to a caller it lets list the
    bucket; the role may list only under ``events/`` (an ``s3:prefix`` condition), which a
    GetObject request does not carry, so a deleted object can come back as 403. Listing
    the key itself carries the prefix. A key that is listed but denied stays an error
    (a key policy, say): the message is retried, then kept in the DLQ."""
    try:
        listed = app.s3.list_objects_v2(Bucket=bucket, Prefix=key, MaxKeys=1)
    except Exception:
        return True  # cannot tell: keep the message
    return any(item.get("Key") == key for item in listed.get("Contents", []))


def _remove(app: Indexer, key: str, sequencer: str | None, message_id: str) -> str:
    index_key = contract.index_key_of(key)
    if index_key is None:
        logger.info("removed object has a custom key layout; its item expires by TTL", message_id=message_id)
        return "unmapped"
    session, sort_key = index_key
    item_key = {contract.INDEX_PK: {"S": session}, contract.INDEX_SK: {"S": sort_key}}
    try:
        app.dynamodb.delete_item(TableName=app.table, Key=item_key, **_only_if_newer(sequencer))
    except Exception as exc:
        if aws.error_code(exc) == "ConditionalCheckFailedException":
            return "stale"  # the object was written again after this removal
        raise _retry("DeleteItem", exc, message_id) from exc
    return "removed"


def _retry(operation: str, exc: Exception, message_id: str) -> RetryableError:
    code = aws.error_code(exc)
    logger.warning(f"{operation} failed; message left for redelivery", message_id=message_id, error=code)
    return RetryableError(f"{operation} failed: {code}")


@cache
def _serializer():
    from boto3.dynamodb.types import TypeSerializer  # boto3: imported on first use

    return TypeSerializer()


def _serialize(item: Mapping[str, Any]) -> dict[str, Any]:
    serializer = _serializer()
    return {name: serializer.serialize(value) for name, value in item.items()}

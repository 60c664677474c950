"""Consumer Lambda: SQS events queue -> transform chain -> one JSON object per call in S3.

Entry point ``handlers.consumer.handler``, invoked by SQS with ``ReportBatchItemFailures``.

A message carries one record (unpacked, as every producer sent before packing) or several
(packed: NDJSON with the ``droplets-format`` attribute; :mod:`droplets.contract.message`).
Per record (:func:`store_record`):

- the chain (:mod:`transforms.chain`) parses, validates and transforms the body;
- a stored record is written to ``DROPLETS_BUCKET`` under its key (``events/...``);
- a dropped record is done;
- a record (or bad row) of a session ``droplets forget`` erased is dropped before anything
  is written (:mod:`handlers.erasures`: one BatchGetItem per batch on the index table);
- a bad record (not JSON, not a record, a transform raised, not serialisable) is written
  as a bad row under ``bad/dt=<day>/``, keyed by its own bytes, and is done: never retried
  forever, never lost. One bad record in a packed message is one bad row; the others are
  stored. A message whose format is unknown is one bad row holding the whole body. A bad
  row's payload is scrubbed by ``pii`` first (``transforms.chain``) unless
  ``DROPLETS_BAD_ROW_PAYLOAD`` is ``raw``, the operator's explicit opt-in.

Per message (:func:`store_message`): any S3 failure (throttling, 5xx, timeout, even for a
bad row) of any of its records puts exactly that message in ``batchItemFailures``; SQS
redelivers it whole and after maxReceiveCount moves it, intact, to the DLQ.

A redelivered message writes the same keys with the same bytes: a key comes from its record,
and ``pipeline.received_at`` is the message's SQS ``SentTimestamp``, shared by every record of
a pack. So the records of a pack that were stored before another one failed are written
again, byte for byte, not duplicated.

Logging: message IDs, steps and counts only. Never bodies, headers, keys (they hold
session IDs, which are pseudonymous identifiers of a person), format values or exception
messages (they can echo the data that caused them).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any, Mapping

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from droplets import contract
from droplets.contract import message as messages
from handlers import aws, erasures
from handlers.batch import RetryableError, in_pool, process
from handlers.container import Container
from transforms import ConfigError
from transforms.builtin import pii
from transforms.chain import Bad, Chain, Dropped, Stored, build_chain
from transforms.manager import get_plugin_manager

logger = Logger(service="droplets-consumer")

#: PutObject calls in flight at once within a batch (and the S3 client's pool size).
DEFAULT_CONCURRENCY = 16
CONTENT_TYPE = "application/json"
#: The step named in a bad row whose record the chain accepted but JSON cannot hold
#: (a transform added a value json cannot encode).
SERIALIZE_STEP = "serialize"
#: The outcome of a message of an erased session: nothing written, the message is done.
ERASED = "erased"
PII_TRANSFORM = pii.NAME


@dataclass(frozen=True)
class Consumer(Container):
    """What a container builds once and every invocation reuses."""

    chain: Chain
    bucket: str

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        s3: Any = None,
        ssm: Any = None,
        dynamodb: Any = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> "Consumer":
        """Read the configuration, build the chain and the clients.

        Raises :class:`transforms.ConfigError` naming the variable at fault. ``s3``, ``ssm``
        and ``dynamodb`` replace the default clients (tests, benchmarks).
        """
        env = aws.read_env(contract.ConsumerEnv, environ)
        options = env.transform_options
        if env.pii_key_param:
            if PII_TRANSFORM in env.transforms:
                options = pii.with_hash_key(options, _read_secret(env.pii_key_param, ssm))
            else:
                logger.warning("pii hash key parameter set but the chain has no pii transform", transforms=list(env.transforms))
        try:
            pm = get_plugin_manager(env.plugin_modules)
        except ConfigError as exc:
            raise ConfigError(f"{contract.ENV_PLUGIN_MODULES}: {exc}") from None
        try:
            chain = build_chain(pm, env.transforms, options, bad_row_payload=env.bad_row_payload or contract.BAD_ROW_SCRUBBED)
        except ConfigError as exc:
            raise ConfigError(f"{contract.ENV_TRANSFORMS} / {contract.ENV_TRANSFORM_CONFIG}: {exc}") from None
        return cls(
            chain=chain,
            bucket=env.bucket,
            **Container.parts(env.table, concurrency=concurrency, thread_name_prefix="put", logger=logger,
                              s3=s3, dynamodb=dynamodb),
        )


def _read_secret(name: str, ssm: Any) -> str:
    """The pii hash key: an SSM SecureString, decrypted, read once per container (a new key
    takes effect as containers are replaced). Never logged."""
    from aws_lambda_powertools.utilities.parameters import SSMProvider  # imports boto3: lazily

    try:
        provider = SSMProvider(boto3_client=ssm if ssm is not None else aws.client("ssm"))
        value = provider.get(name, decrypt=True)
    except Exception as exc:  # the provider wraps every SDK error; name the setting
        raise ConfigError(
            f"{contract.ENV_PII_KEY_PARAM}: cannot read SSM parameter {name!r} ({aws.error_code(exc)})"
        ) from None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{contract.ENV_PII_KEY_PARAM}: SSM parameter {name!r} is empty")
    return value


@cache
def consumer() -> Consumer:
    """The container's consumer, built on first use (a failure is not cached: the next
    invocation tries again, e.g. after SSM throttled the cold start)."""
    return Consumer.from_env()


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle(event, consumer())


def handle(event: dict[str, Any], app: Consumer) -> dict[str, Any]:
    """Process one SQS batch with ``app``; returns the partial-batch response."""
    records: Counter[str] = Counter()

    erased = app.erased.for_batch(_record_texts(event))

    async def record_handler(record: SQSRecord) -> str:  # powertools passes it as record=
        return await store_message(record, app, records, erased)

    response, outcomes = process(event, record_handler)
    # Messages by shape (packed, unpacked, failed), records by outcome (stored, bad,
    # dropped; retried: the records of the failed messages, all written again next time).
    logger.info(
        "batch processed",
        messages=sum(outcomes.values()),
        records=sum(records.values()),
        **{f"messages_{shape}": n for shape, n in outcomes.items()},
        **records,
    )
    return response


#: Outcome labels of :func:`store_message` (per message) and :func:`store_record` (per record).
PACKED, UNPACKED = "packed", "unpacked"
STORED, BAD, DROPPED, RETRIED = "stored", "bad", "dropped", "retried"


def _record_texts(event: Mapping[str, Any]):
    """Every record body of the batch (a packed message's lines one by one; a message of an
    unknown format as a whole), for the batch's one erasure lookup."""
    for message in event.get("Records") or []:
        body = message.get("body")
        if not isinstance(body, str):
            continue
        try:
            yield from messages.record_bodies(body, messages.format_of(message.get("messageAttributes")))
        except messages.MessageError:
            yield body


async def store_message(
    message: SQSRecord,
    app: Consumer,
    tally: Counter[str] | None = None,
    erased: erasures.BatchErasures | None = None,
) -> str:
    """Store every record of one message, concurrently; returns ``"packed"`` or ``"unpacked"``.

    Raises :class:`RetryableError` when S3 failed for any of them, after all of them were
    tried: the message is redelivered whole and its records write the same keys again.
    ``tally`` counts the records by outcome (``retried`` for those of a failed message);
    ``erased`` is the batch's erasure lookup (without it, this message's own).
    """
    tally = Counter() if tally is None else tally
    erased = erased or app.erased.for_batch(_record_texts({"Records": [message.raw_event]}))
    received_at = _sent_at(message) or contract.utc_now_iso()
    fmt = messages.format_of(message.raw_event.get("messageAttributes"))
    try:
        bodies = messages.record_bodies(message.body, fmt)
    except messages.MessageError as exc:
        # Unreadable as a whole (unknown format): one bad row keeps the body, nothing lost.
        bad = app.chain.bad(messages.MESSAGE_STEP, str(exc), message.body)
        outcomes = await asyncio.gather(
            _store_result(bad, message.body, received_at, app, message.message_id, erased), return_exceptions=True
        )
        logger.info("message of unknown format stored as a bad row", message_id=message.message_id)
    else:
        outcomes = await asyncio.gather(
            *(store_record(body, received_at, app, message.message_id, erased) for body in bodies),
            return_exceptions=True,
        )
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    if failures:
        tally[RETRIED] += len(outcomes)
        retryable = [f for f in failures if isinstance(f, RetryableError)]
        if len(retryable) < len(failures):  # a bug, not S3: let powertools report it as it is
            raise next(f for f in failures if not isinstance(f, RetryableError))
        raise RetryableError(f"{len(failures)} of {len(outcomes)} record(s) not written") from failures[0]
    tally.update(outcomes)
    return UNPACKED if fmt is None else PACKED


async def store_record(
    body: str, received_at: str, app: Consumer, message_id: str, erased: erasures.BatchErasures | None = None
) -> str:
    """Store one record (or its bad row): the per-record path, whatever message carried it.

    ``body`` is one record's JSON text; ``received_at`` the carrying message's SentTimestamp
    (the same on every delivery); ``message_id`` is for logs only; ``erased`` the batch's
    erasure lookup. Returns ``"stored"``, ``"bad"``, ``"dropped"`` or ``"erased"``; raises
    :class:`RetryableError` if S3 (or the erasure lookup) fails.
    """
    erased = erased or app.erased.for_batch([body])
    result = app.chain.run(body, received_at)
    if isinstance(result, Dropped):
        logger.debug("dropped", message_id=message_id, step=result.step)
        return DROPPED
    return await _store_result(result, body, received_at, app, message_id, erased)


async def _store_result(
    result: Stored | Bad, body: str, received_at: str, app: Consumer, message_id: str, erased: erasures.BatchErasures
) -> str:
    """Write a chain result (``body`` is the record's text, for a bad row), unless its session
    was erased."""
    if await erasures.suppressed(result, erased, app.pool):
        logger.debug("dropped: its session was erased", message_id=message_id)
        return ERASED
    if isinstance(result, Stored):
        try:
            document = encode(result.record)
        except (TypeError, ValueError) as exc:
            result = app.chain.bad(
                SERIALIZE_STEP, f"the record cannot be stored as JSON: {type(exc).__name__}: {exc}", body
            )
        else:
            await in_pool(app.pool, _put, app, result.key, document, message_id)
            return STORED
    return await _store_bad(result, received_at, app, message_id)


async def _store_bad(result: Bad, received_at: str, app: Consumer, message_id: str) -> str:
    key, document = result.row(received_at)
    await in_pool(app.pool, _put, app, key, encode(document), message_id)
    logger.info("bad row written", message_id=message_id, step=result.step)
    return BAD


def _put(app: Consumer, key: str, body: bytes, message_id: str) -> None:
    try:
        app.s3.put_object(Bucket=app.bucket, Key=key, Body=body, ContentType=CONTENT_TYPE)
    except Exception as exc:
        code = aws.error_code(exc)
        logger.warning("PutObject failed; message left for redelivery", message_id=message_id, error=code)
        raise RetryableError(f"PutObject failed: {code}") from exc


def encode(document: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON. A string holding a lone surrogate (``"\\ud800"`` is valid JSON
    in a body) cannot be UTF-8: such a document is written with ASCII escapes instead,
    still valid JSON, rather than failing the message for ever."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(document, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")


def _sent_at(record: SQSRecord) -> str | None:
    """When SQS accepted the message: the same on every redelivery, so a redelivered
    message makes a byte-identical object (and a bad row lands under the same day)."""
    try:
        millis = int(record.attributes.sent_timestamp)
    except (KeyError, TypeError, ValueError):
        return None  # not in the event: the chain uses the current time
    return contract.format_time(datetime.fromtimestamp(millis / 1000, tz=timezone.utc))

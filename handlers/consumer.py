"""Consumer Lambda: SQS events queue -> transform chain -> one JSON object per call in S3.

Entry point ``handlers.consumer.handler``, invoked by SQS with ``ReportBatchItemFailures``.

Per message:

- the chain (:mod:`transforms.chain`) parses, validates and transforms the body;
- a stored record is written to ``DROPLETS_BUCKET`` under its key (``events/...``);
- a dropped record is done;
- a record (or bad row) of a session ``droplets forget`` erased is dropped before anything
  is written (:mod:`handlers.erasures`: one BatchGetItem per batch on the index table);
- a bad message (not JSON, not a record, a transform raised, not serialisable) is written
  as a bad row under ``bad/dt=<day>/`` and is done: never retried forever, never lost;
- any S3 failure (throttling, 5xx, timeout, even for the bad row) puts exactly that
  message in ``batchItemFailures``; SQS redelivers it and after maxReceiveCount moves it,
  intact, to the DLQ.

A redelivered message writes the same key: the key comes from the record, and
``pipeline.received_at`` is the message's SQS ``SentTimestamp``, so it is the same object.

Logging: message IDs, steps and counts only. Never bodies, headers, keys (they hold
session IDs, which are pseudonymous identifiers of a person) or exception messages (they
can echo the data that caused them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any, Mapping

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from droplets import contract
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
            chain = build_chain(pm, env.transforms, options)
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

    erased = app.erased.for_batch(message.get("body") for message in event.get("Records") or [])

    async def record_handler(record: SQSRecord) -> str:
        return await store_message(record, app, erased)

    response, outcomes = process(event, record_handler)
    logger.info("batch processed", messages=sum(outcomes.values()), **outcomes)
    return response


async def store_message(record: SQSRecord, app: Consumer, erased: erasures.BatchErasures | None = None) -> str:
    """Store one message (or its bad row); raises :class:`RetryableError` if S3 fails.
    ``erased`` is the batch's erasure lookup (without it, this message's own)."""
    received_at = _sent_at(record) or contract.utc_now_iso()
    result = app.chain.run(record.body, received_at)
    if isinstance(result, Dropped):
        logger.debug("dropped", message_id=record.message_id, step=result.step)
        return "dropped"
    if await erasures.suppressed(result, erased or app.erased.for_batch([record.body]), app.pool):
        logger.debug("dropped: its session was erased", message_id=record.message_id)
        return ERASED
    if isinstance(result, Stored):
        try:
            body = encode(result.record)
        except (TypeError, ValueError) as exc:
            result = Bad(SERIALIZE_STEP, f"the record cannot be stored as JSON: {type(exc).__name__}: {exc}", record.body)
        else:
            await in_pool(app.pool, _put, app, result.key, body, record.message_id)
            return "stored"
    key, document = result.row(received_at)
    await in_pool(app.pool, _put, app, key, encode(document), record.message_id)
    logger.info("bad row written", message_id=record.message_id, step=result.step)
    return "bad"


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

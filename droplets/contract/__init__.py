"""The shared contracts of droplets, defined once (see docs/architecture.md).

Everything that more than one part of the system must agree on lives here: the record
schema and its validation, the session-ID rule, the S3 key layout, the index item shape
and the Lambda environment variables. Components, handlers, transforms, the CLI and the
tests import these names; none of them re-types a prefix, an attribute or a variable.

This package is the part of ``droplets`` that ships to Lambda: the bundle takes the folder
``droplets/contract/`` whole (with the import-free ``droplets/__init__.py``), so everything
in it imports only the standard library and fastjsonschema, and compiles the schema lazily
(cold-start import time matters). The operator's side (CLI, query library, local stack)
lives in the rest of ``droplets/`` and never ships.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Mapping

# --- record -------------------------------------------------------------------------

RECORD_VERSION = 1
SCHEMA_FILE = "record-v1.json"

#: DESIGN.md: a session ID is valid when it matches this; anything else becomes null.
SESSION_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,128}$")

#: Fields a transform must never change (the pii transform leaves them alone).
STRUCTURAL_FIELDS = ("event_id", "session_id", "occurred_at", "duration_ms")


class RecordError(ValueError):
    """A payload is not a valid record. ``field`` is the dotted path that failed."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def schema() -> dict[str, Any]:
    """The record JSON Schema, the same file the JavaScript middleware tests use."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


def schema_path():
    return resources.files(__name__).joinpath(SCHEMA_FILE)


@cache
def _validator():
    import fastjsonschema  # compiled on first use, not at import: keeps cold starts short

    return fastjsonschema.compile(schema())


def validate(record: Any) -> dict[str, Any]:
    """Return ``record`` if it is a valid version-1 record, else raise :class:`RecordError`.

    The error names the failing field as a dotted path (``request.method``).
    """
    import fastjsonschema

    try:
        _validator()(record)
    except fastjsonschema.JsonSchemaValueException as exc:
        field = exc.name[len("data."):] if exc.name.startswith("data.") else ""
        message = exc.message
        if message.startswith(exc.name + " "):
            message = message[len(exc.name) + 1:]
        if exc.rule == "required" and isinstance(exc.value, dict):
            missing = [p for p in exc.rule_definition if p not in exc.value]
            field = ".".join(filter(None, [field, missing[0] if missing else ""]))
            message = "is required"
        raise RecordError(field or "(record)", message) from None
    return record


def is_valid_session_id(value: Any) -> bool:
    # "_nosession" matches the pattern but is the index's own partition for "no session".
    return isinstance(value, str) and value != NO_SESSION and SESSION_ID_RE.fullmatch(value) is not None


def normalize(record: dict[str, Any]) -> dict[str, Any]:
    """Apply the session-ID rule: an invalid session ID is stored as null with
    ``session_invalid: true``. The record is changed in place and returned."""
    sid = record.get("session_id")
    if sid is not None and not is_valid_session_id(sid):
        record["session_id"] = None
        record["session_invalid"] = True
    return record


def effective_route(record: Mapping[str, Any]) -> str | None:
    """The route template of a stored record: the producer's, else the one enrich derived."""
    request = record.get("request") or {}
    enrichment = record.get("enrichment") or {}
    return request.get("route") or enrichment.get("route")


def day_of(occurred_at: str) -> str:
    """``2026-11-26T03:41:05.481Z`` -> ``2026-11-26`` (occurred_at is always UTC)."""
    return occurred_at[:10]


def utc_now_iso() -> str:
    return format_time(datetime.now(timezone.utc))


def format_time(moment: datetime) -> str:
    """The one timestamp format of droplets: UTC, milliseconds, ``Z``; sorts as text."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


# --- S3 key layout --------------------------------------------------------------------

EVENTS_PREFIX = "events/"
BAD_PREFIX = "bad/"
#: Where Athena writes query results (the workgroup enforces it): outside ``events/``, so
#: results are neither indexed nor part of the events table; ``forget`` erases them.
ATHENA_RESULTS_PREFIX = "athena-results/"
NO_SESSION = "_nosession"

#: events/dt=<YYYY-MM-DD>/<session_id or _nosession>/<occurred_at>_<event_id>.json
EVENT_KEY_RE = re.compile(
    r"^events/dt=(?P<day>\d{4}-\d{2}-\d{2})/"
    r"(?P<session>[A-Za-z0-9_-]{8,128}|_nosession)/"
    r"(?P<occurred_at>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_"
    r"(?P<event_id>[0-9a-f-]{36})\.json$"
)

#: What any key a transform chooses may contain: no spaces, no "..", no user text.
SAFE_KEY_RE = re.compile(r"^(?!.*\.\.)[A-Za-z0-9=_.:/-]{1,1024}$")


def session_partition(record: Mapping[str, Any]) -> str:
    return record.get("session_id") or NO_SESSION


def object_key(record: Mapping[str, Any]) -> str:
    """The default object key of a valid, normalized record (deterministic: a redelivered
    message overwrites the same object)."""
    occurred_at = record["occurred_at"]
    return (
        f"{EVENTS_PREFIX}dt={day_of(occurred_at)}/{session_partition(record)}/"
        f"{occurred_at}_{record['event_id']}.json"
    )


def is_safe_key(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(EVENTS_PREFIX) and SAFE_KEY_RE.match(key) is not None


def parse_event_key(key: str) -> dict[str, str] | None:
    """The parts of a default-layout event key, or None for anything else."""
    match = EVENT_KEY_RE.match(key)
    return match.groupdict() if match else None


def bad_key(payload: str | bytes, received_at: str) -> str:
    """Where a bad row goes: under the day it was received, named by the payload's hash so
    a redelivered poison message overwrites its own bad row instead of piling up."""
    data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
    return f"{BAD_PREFIX}dt={day_of(received_at)}/{hashlib.sha256(data).hexdigest()}.json"


# --- index (DynamoDB) -------------------------------------------------------------------

INDEX_PK = "session_id"
INDEX_SK = "sk"
DAY_INDEX = "by-day"
DAY_INDEX_PK = "day"
DAY_INDEX_SK = "occurred_at"
TTL_ATTRIBUTE = "expires_at"
#: The S3 event ``sequencer`` of the last event the indexer applied to an item, left-padded
#: with zeros to SEQUENCER_WIDTH hex digits so DynamoDB compares it as text in event order.
INDEX_SEQUENCER = "s3_sequencer"
SEQUENCER_WIDTH = 32
#: The attributes reports read, so they never have to open S3.
INDEX_REPORT_FIELDS = ("method", "route", "status", "duration_ms", "size")


def index_sort_key(occurred_at: str, event_id: str) -> str:
    return f"{occurred_at}#{event_id}"


def index_key_of(s3_key: str) -> tuple[str, str] | None:
    """The (partition, sort) key of the index item of a default-layout object key, or None
    for a custom layout: what lets removals and reindex find an item without the object."""
    parts = parse_event_key(s3_key)
    if parts is None:
        return None
    return parts["session"], index_sort_key(parts["occurred_at"], parts["event_id"])


def index_item(
    record: Mapping[str, Any], s3_key: str, size: int, retention_days: int | None = None
) -> dict[str, Any]:
    """The DynamoDB index item of a stored record (numbers as Decimal, as boto3 wants them).

    With ``retention_days`` the item carries a TTL that expires it when the S3 lifecycle
    expires its object, so the index never points at objects that are gone.
    """
    occurred_at = record["occurred_at"]
    request = record.get("request") or {}
    response = record.get("response") or {}
    item: dict[str, Any] = {
        INDEX_PK: session_partition(record),
        INDEX_SK: index_sort_key(occurred_at, record["event_id"]),
        DAY_INDEX_PK: day_of(occurred_at),
        DAY_INDEX_SK: occurred_at,
        "event_id": record["event_id"],
        "s3_key": s3_key,
        "size": int(size),
        "method": request.get("method"),
        "route": effective_route(record),
        "status": response.get("status"),
        "duration_ms": Decimal(str(record.get("duration_ms", 0))),
    }
    if retention_days:
        expires = parse_time(occurred_at) + timedelta(days=int(retention_days))
        item[TTL_ATTRIBUTE] = int(expires.timestamp())
    return {k: v for k, v in item.items() if v is not None}


def stored_index_item(
    data: bytes | str, s3_key: str, size: int, retention_days: int | None = None
) -> dict[str, Any]:
    """The index item of a stored object from its bytes (the indexer and ``reindex``).

    Raises :class:`RecordError` when the object is not a stored record.
    """
    try:
        record = json.loads(data)
        parse_time(record["occurred_at"])
        if not isinstance(record.get("event_id"), str):
            raise TypeError("event_id is not a string")
        return index_item(record, s3_key, size, retention_days)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RecordError("(object)", f"not a stored record ({type(exc).__name__})") from None


# --- stack outputs -------------------------------------------------------------------------

# What the Pulumi program exports (``pulumi stack output``), the local stack copies into
# ``.droplets/local.json`` and the CLI reads to find the lake.
OUTPUT_QUEUE_URL = "queueUrl"
OUTPUT_QUEUE_ARN = "queueArn"
OUTPUT_DLQ_URL = "dlqUrl"
OUTPUT_BUCKET = "bucketName"
OUTPUT_TABLE = "tableName"
OUTPUT_INDEX_QUEUE_URL = "indexQueueUrl"
OUTPUT_INDEX_DLQ_URL = "indexDlqUrl"
OUTPUT_PRODUCER_POLICY_ARN = "producerPolicyArn"
OUTPUT_GLUE_DATABASE = "glueDatabase"
OUTPUT_GLUE_TABLE = "glueTable"
OUTPUT_ATHENA_WORKGROUP = "athenaWorkgroup"
OUTPUT_REGION = "region"


# --- Lambda runtime configuration --------------------------------------------------------

ENV_BUCKET = "DROPLETS_BUCKET"
ENV_TABLE = "DROPLETS_TABLE"
ENV_TRANSFORMS = "DROPLETS_TRANSFORMS"  # comma list, the chain's order
ENV_TRANSFORM_CONFIG = "DROPLETS_TRANSFORM_CONFIG"  # JSON: {"<transform>": {options}}
ENV_PLUGIN_MODULES = "DROPLETS_PLUGIN_MODULES"  # comma list of modules to register as plugins
ENV_RETENTION_DAYS = "DROPLETS_RETENTION_DAYS"  # index TTL aligned with the S3 lifecycle
ENV_PII_KEY_PARAM = "DROPLETS_PII_KEY_PARAM"  # SSM SecureString name of the pii hash key
#: What a bad row keeps of its message: the payload through pii's scrubbing (the default,
#: also when unset) or, an operator's explicit opt-in, the raw payload.
ENV_BAD_ROW_PAYLOAD = "DROPLETS_BAD_ROW_PAYLOAD"
BAD_ROW_SCRUBBED = "scrubbed"
BAD_ROW_RAW = "raw"
BAD_ROW_PAYLOADS = (BAD_ROW_SCRUBBED, BAD_ROW_RAW)

DEFAULT_TRANSFORMS = ("pii", "enrich", "keys")


def parse_retention_days(value: str | int | None) -> int | None:
    """``DROPLETS_RETENTION_DAYS``: unset or empty -> None (no TTL), else a whole number of
    days >= 1. Raises ValueError for anything else (the caller names the setting)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        days = int(value)
    except ValueError:
        days = 0
    if days < 1:
        raise ValueError(f"must be a whole number of days >= 1, got {value!r}")
    return days

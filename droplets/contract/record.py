"""The record: its JSON Schema and validation, and the one timestamp format of droplets."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from typing import Any, Mapping

RECORD_VERSION = 1
SCHEMA_FILE = "record-v1.json"

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
    return resources.files(__package__).joinpath(SCHEMA_FILE)


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

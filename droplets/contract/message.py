"""The SQS message contract: how records travel in queue messages (``message-v1.json``).

Two shapes, both valid for ever:

- **unpacked**: no ``droplets-format`` attribute; the body is one version-1 record. What every
  producer sent before packing, so what old producers still send and what queues and DLQs
  may still hold.
- **packed** (``droplets-format: ndjson-v1``): the body is several version-1 records, one
  JSON text per line, separated by ``\\n``.

Why NDJSON rather than a JSON array: each line is exactly the body an unpacked message would
have had, so packing is joining strings the producer already made (no second serialisation,
and the size of a pack is known exactly before it is built), and the consumer parses each
record on its own: one corrupt record is one bad row, while one corrupt element makes a
whole JSON array unreadable. JSON text never holds a raw line feed (it is escaped as
``\\n`` inside strings), so the line feed cannot occur inside a record; other line breaks
(U+2028, U+2029, ``\\r``...) can, so only ``\\n`` separates (never ``str.splitlines``).

This module is part of what ships to Lambda: standard library only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

CONTRACT_FILE = "message-v1.json"
_CONTRACT: dict[str, Any] = json.loads(Path(__file__).with_name(CONTRACT_FILE).read_text(encoding="utf-8"))

MESSAGE_VERSION: int = _CONTRACT["version"]
#: The message attribute naming a message's format; absent means unpacked.
FORMAT_ATTRIBUTE: str = _CONTRACT["format_attribute"]
FORMAT_DATA_TYPE: str = _CONTRACT["format_data_type"]
#: The one packed format: NDJSON of version-1 records.
PACKED_FORMAT: str = _CONTRACT["packed_format"]
SEPARATOR: str = _CONTRACT["separator"]
#: The producers' default byte budget of one packed message (body + attributes, as SQS counts).
MAX_MESSAGE_BYTES: int = _CONTRACT["max_message_bytes"]
SQS_MAX_MESSAGE_BYTES: int = _CONTRACT["sqs"]["max_message_bytes"]
SQS_MAX_BATCH_BYTES: int = _CONTRACT["sqs"]["max_batch_bytes"]
SQS_MAX_BATCH_ENTRIES: int = _CONTRACT["sqs"]["max_batch_entries"]
#: SQS bills each started 64 KiB of a request's payload as one request.
SQS_BILLING_CHUNK_BYTES: int = _CONTRACT["sqs"]["billing_chunk_bytes"]

#: The step a bad row names when the message itself could not be read (unknown format,
#: a packed message without records).
MESSAGE_STEP = "message"
#: How much of an unknown format value a bad row quotes (it is producer input).
_QUOTE_CHARS = 64
_BLANK = " \t\r"


class MessageError(ValueError):
    """A message whose records cannot be read: it becomes one bad row holding its body."""


def contract() -> dict[str, Any]:
    """The contract file as JSON (what the middleware's test compares its constants with)."""
    return json.loads(json.dumps(_CONTRACT))


def packed_attributes() -> dict[str, dict[str, str]]:
    """The message attributes of a packed message, in the SQS API's shape (SendMessage)."""
    return {FORMAT_ATTRIBUTE: {"DataType": FORMAT_DATA_TYPE, "StringValue": PACKED_FORMAT}}


def format_of(attributes: Mapping[str, Any] | None) -> str | None:
    """The format a message declares, or None for an unpacked message.

    ``attributes`` are its message attributes in either shape: a Lambda SQS event's
    (``stringValue``, ``dataType``) or the SQS API's (``StringValue``, ``DataType``). A
    binary value cannot name a format: it is returned as ``"(binary)"``, an unknown one.
    """
    value = (attributes or {}).get(FORMAT_ATTRIBUTE)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return "(not an attribute)"
    text = value.get("stringValue", value.get("StringValue"))
    return text if isinstance(text, str) else "(binary)"


def record_bodies(body: str, format: str | None) -> list[str]:
    """The record bodies one message carries: ``[body]`` when unpacked, the non-blank lines
    of a packed one. Raises :class:`MessageError` for an unknown format or a packed
    message without a record."""
    if format is None:
        return [body]
    if format != PACKED_FORMAT:
        shown = format if len(format) <= _QUOTE_CHARS else format[:_QUOTE_CHARS] + "..."
        raise MessageError(f"unknown message format {FORMAT_ATTRIBUTE}={shown!r} (known: {PACKED_FORMAT})")
    lines = [line for line in body.split(SEPARATOR) if line.strip(_BLANK)]
    if not lines:
        raise MessageError(f"a {PACKED_FORMAT} message holds no record")
    return lines


def pack(bodies: Iterable[str]) -> str:
    """The body of a packed message holding ``bodies`` (each one record's compact JSON)."""
    bodies = list(bodies)
    if any(SEPARATOR in body for body in bodies):
        raise ValueError("a record body holds a line feed: not compact JSON")
    return SEPARATOR.join(bodies)


def message_bytes(body: str, attributes: Mapping[str, Mapping[str, Any]] | None = None) -> int:
    """The size of a message as SQS counts it against its limits: the body's UTF-8 bytes plus
    each attribute's name, data type and value (SQS API shape)."""
    size = len(body.encode("utf-8", "surrogatepass"))
    for name, value in (attributes or {}).items():
        size += len(name.encode()) + len(str(value.get("DataType", "")).encode())
        size += len(str(value.get("StringValue", "")).encode()) + len(value.get("BinaryValue", b""))
    return size

"""The DynamoDB index: its keys, its GSI and the item of a stored record.

The GSI's partition key is write-sharded (``<day>#<n>``): see :mod:`droplets.contract.shards`.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any, Mapping

from droplets.contract.keys import parse_event_key, session_partition
from droplets.contract.record import RecordError, day_of, effective_route, parse_time
from droplets.contract.shards import LAYOUT_PARTITION, LAYOUT_SORT_KEY, check_shard_count, day_partition

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


def parse_index_sort_key(sort_key: str) -> tuple[str, str]:
    """``(occurred_at, event_id)`` of an item's sort key (the ``occurred_at`` has no ``#``)."""
    occurred_at, _, event_id = sort_key.partition("#")
    return occurred_at, event_id


def layout_key() -> dict[str, dict[str, str]]:
    """The primary key of the GSI's layout item (:class:`~droplets.contract.shards.DayLayout`),
    in DynamoDB's typed form."""
    return {INDEX_PK: {"S": LAYOUT_PARTITION}, INDEX_SK: {"S": LAYOUT_SORT_KEY}}


def index_key_of(s3_key: str) -> tuple[str, str] | None:
    """The (partition, sort) key of the index item of a default-layout object key, or None
    for a custom layout: what lets removals and reindex find an item without the object."""
    parts = parse_event_key(s3_key)
    if parts is None:
        return None
    return parts["session"], index_sort_key(parts["occurred_at"], parts["event_id"])


def index_item(
    record: Mapping[str, Any], s3_key: str, size: int, retention_days: int | None = None, *, shards: int
) -> dict[str, Any]:
    """The DynamoDB index item of a stored record (numbers as Decimal, as boto3 wants them).

    ``shards`` is the shard count of the GSI's partition key (``<day>#<n>``); the writer
    must have registered it in the layout item first (:func:`~droplets.contract.shards.register_shards`),
    or readers will not look for the item there. With ``retention_days`` the item carries a
    TTL that expires it when the S3 lifecycle expires its object, so the index never points
    at objects that are gone.
    """
    occurred_at = record["occurred_at"]
    request = record.get("request") or {}
    response = record.get("response") or {}
    item: dict[str, Any] = {
        INDEX_PK: session_partition(record),
        INDEX_SK: index_sort_key(occurred_at, record["event_id"]),
        DAY_INDEX_PK: day_partition(day_of(occurred_at), record["event_id"], shards),
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
    data: bytes | str, s3_key: str, size: int, retention_days: int | None = None, *, shards: int
) -> dict[str, Any]:
    """The index item of a stored object from its bytes (the indexer and ``reindex``).

    Raises :class:`RecordError` when the object is not a stored record.
    """
    check_shard_count(shards)  # a bad count is the caller's bug, not a bad record
    try:
        record = json.loads(data)
        parse_time(record["occurred_at"])
        if not isinstance(record.get("event_id"), str):
            raise TypeError("event_id is not a string")
        return index_item(record, s3_key, size, retention_days, shards=shards)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RecordError("(object)", f"not a stored record ({type(exc).__name__})") from None

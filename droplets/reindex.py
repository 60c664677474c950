"""Backfilling the index from the bucket: list, find what the index lacks, add it, and move
existing items to the by-day GSI's current write shards.

For each page of the listing (1,000 keys): keys in the default layout name their own index
key, so one BatchGetItem per 100 tells which are already indexed (and under which GSI
partition), and only the missing ones are read from S3. Objects under ``events/`` with a
custom key are read to learn their index key. Every item is written with
``attribute_not_exists``, so a run racing the indexer (or another reindex) never overwrites
a newer item and counts it as already present; running it again adds nothing. Items are
built by :func:`droplets.contract.index_item`, exactly as the indexer Lambda builds them.

Sharding (:mod:`droplets.contract.shards`). The run writes with one shard count: ``shards``
if given, else the count the layout item says writers use now, else the default. It adds
that count to the layout item before it writes anything, so readers look where it writes.
An item already indexed whose ``day`` is not its partition under that count (an unsharded
item of before sharding, or one written under another count) is moved: an UpdateItem of
``day`` alone, on condition that the item still exists and is not there yet, so a removal
racing the run is never undone and a second run moves nothing. The GSI moves the item from
one partition to the other; readers see it once either way (every partition is read, and
the merge drops an event seen twice in a row). A run stopped half-way is resumed by running
it again (from ``--since`` the last day it reported, to skip the listing already done).

Skipped: objects outside ``events/`` (bad rows under ``bad/``, anything foreign), and
objects under ``events/`` that are not a stored record (not JSON, no ``occurred_at``...).
Not seen: index items whose object is gone (they expire by TTL); unsharded ones stay
readable, since readers always read a day's unsharded partition too.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from droplets import contract
from droplets.errors import DropletsError
from droplets.query import read_layout

BATCH_GET = 100  # BatchGetItem's limit


@dataclass
class ReindexResult:
    listed: int = 0
    added: int = 0
    #: Already indexed (moved or not).
    present: int = 0
    #: Of those, moved to their partition under ``shards``.
    moved: int = 0
    skipped: int = 0
    #: The shard count items were written and moved with.
    shards: int = 0
    #: The last day (``dt=``) whose listing was finished: where ``--since`` resumes.
    last_day: str | None = None
    #: A few skipped keys with the reason, for the operator to look at.
    skipped_examples: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "listed": self.listed, "added": self.added, "present": self.present, "moved": self.moved,
            "skipped": self.skipped, "shards": self.shards, "last_day": self.last_day,
            "skipped_examples": [{"key": k, "reason": r} for k, r in self.skipped_examples],
        }


def _serializer():
    from boto3.dynamodb.types import TypeSerializer

    return TypeSerializer()


def indexed_partitions(dynamodb, table: str, keys: list[tuple[str, str]], *,
                       sleep=time.sleep) -> dict[tuple[str, str], str | None]:
    """Which of ``keys`` (partition, sort) are in the index, each with its GSI partition key
    (``day``): BatchGetItem, 100 at a time, retrying UnprocessedKeys."""
    found: dict[tuple[str, str], str | None] = {}
    for start in range(0, len(keys), BATCH_GET):
        request = {table: {
            "Keys": [{contract.INDEX_PK: {"S": pk}, contract.INDEX_SK: {"S": sk}} for pk, sk in keys[start:start + BATCH_GET]],
            "ProjectionExpression": "#pk, #sk, #day",
            "ExpressionAttributeNames": {"#pk": contract.INDEX_PK, "#sk": contract.INDEX_SK, "#day": contract.DAY_INDEX_PK},
        }}
        for attempt in range(10):
            response = dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(table, []):
                day = item.get(contract.DAY_INDEX_PK, {}).get("S")
                found[(item[contract.INDEX_PK]["S"], item[contract.INDEX_SK]["S"])] = day
            request = response.get("UnprocessedKeys") or {}
            if not request.get(table, {}).get("Keys"):
                break
            sleep(0.05 * 2 ** attempt)
        else:
            raise DropletsError("the index keeps throttling BatchGetItem; retry reindex later")
    return found


def _list(s3, bucket: str, prefix: str, start_after: str | None) -> Iterator[list[dict]]:
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    if start_after:
        kwargs["StartAfter"] = start_after
    for page in s3.get_paginator("list_objects_v2").paginate(**kwargs):
        yield page.get("Contents", [])


def build_item(s3, bucket: str, key: str, size: int, retention_days: int | None, shards: int) -> dict[str, Any] | str:
    """The index item of the object at ``key``, or the reason it is not a record."""
    try:
        data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return "deleted while listing"
    try:
        return contract.stored_index_item(data, key, size, retention_days, shards=shards)
    except contract.RecordError:
        return "not a stored record"


def put_if_absent(dynamodb, table: str, item: dict[str, Any]) -> bool:
    """Write ``item`` unless its key is already indexed; True when it was added."""
    serializer = _serializer()
    try:
        dynamodb.put_item(
            TableName=table,
            Item={name: serializer.serialize(value) for name, value in item.items()},
            ConditionExpression="attribute_not_exists(#pk)",
            ExpressionAttributeNames={"#pk": contract.INDEX_PK},
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True


def wanted_partition(sort_key: str, shards: int) -> str:
    """The GSI partition key of the item with ``sort_key`` under ``shards``."""
    occurred_at, event_id = contract.parse_index_sort_key(sort_key)
    return contract.day_partition(contract.day_of(occurred_at), event_id, shards)


def move_to_partition(dynamodb, table: str, key: tuple[str, str], partition: str) -> bool:
    """Set the item's ``day`` to ``partition`` if the item exists and is elsewhere; True when moved.
    Nothing else of the item changes (its sequencer, TTL and fields stay the indexer's)."""
    try:
        dynamodb.update_item(
            TableName=table,
            Key={contract.INDEX_PK: {"S": key[0]}, contract.INDEX_SK: {"S": key[1]}},
            UpdateExpression="SET #day = :day",
            ConditionExpression="attribute_exists(#pk) AND #day <> :day",
            ExpressionAttributeNames={"#pk": contract.INDEX_PK, "#day": contract.DAY_INDEX_PK},
            ExpressionAttributeValues={":day": {"S": partition}},
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True


def register_shards(dynamodb, table: str, shards: int) -> None:
    """Add ``shards`` to the layout item, as the indexer does at cold start."""
    dynamodb.update_item(TableName=table, Key=contract.layout_key(), **contract.register_shards(shards))


def _day_of_key(key: str) -> str | None:
    parts = contract.parse_event_key(key)
    return parts["day"] if parts else None


def reindex(
    s3,
    dynamodb,
    bucket: str,
    table: str,
    *,
    prefix: str = contract.EVENTS_PREFIX,
    since_day: str | None = None,
    retention_days: int | None = None,
    shards: int | None = None,
    workers: int = 8,
    on_listed: Callable[[int], None] | None = None,
    on_done: Callable[[int], None] | None = None,
    result: ReindexResult | None = None,
) -> ReindexResult:
    """List ``prefix`` (from ``since_day`` on, in the key layout), add missing index items
    and move existing ones to their write shard under ``shards`` (default: the count the
    layout item says writers use now, else :data:`droplets.contract.DEFAULT_INDEX_SHARDS`).
    ``result`` (returned) is updated as the run goes, so a caller whose run was interrupted
    knows how far it got (``last_day``)."""
    if shards is None:
        shards = read_layout(dynamodb, table).shards or contract.DEFAULT_INDEX_SHARDS
    contract.check_shard_count(shards)
    register_shards(dynamodb, table, shards)  # before any write under it
    result = result if result is not None else ReindexResult()
    result.shards = shards
    start_after = f"{contract.EVENTS_PREFIX}dt={since_day}" if since_day else None

    def skip(key: str, reason: str) -> None:
        result.skipped += 1
        if len(result.skipped_examples) < 5:
            result.skipped_examples.append((key, reason))

    def add(entry: dict) -> bool | str:
        """True: added; False: already there (and moved to its shard if it was elsewhere)."""
        built = build_item(s3, bucket, entry["Key"], entry["Size"], retention_days, shards)
        if isinstance(built, str):
            return built
        if put_if_absent(dynamodb, table, built):
            return True
        key = (built[contract.INDEX_PK], built[contract.INDEX_SK])
        return "moved" if move_to_partition(dynamodb, table, key, built[contract.DAY_INDEX_PK]) else False

    def move(key: tuple[str, str]) -> bool:
        return move_to_partition(dynamodb, table, key, wanted_partition(key[1], shards))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for contents in _list(s3, bucket, prefix, start_after):
            result.listed += len(contents)
            if on_listed:
                on_listed(len(contents))
            layout: dict[tuple[str, str], dict] = {}
            to_read: list[dict] = []
            for entry in contents:
                key = entry["Key"]
                if not key.startswith(contract.EVENTS_PREFIX):
                    skip(key, "not under events/")
                    continue
                index_key = contract.index_key_of(key)
                if index_key:
                    layout[index_key] = entry
                else:
                    to_read.append(entry)  # a custom key: only the record knows its index key
            present = indexed_partitions(dynamodb, table, list(layout))
            result.present += len(present)
            misplaced = [k for k, day in present.items() if day != wanted_partition(k[1], shards)]
            result.moved += sum(pool.map(move, misplaced))
            to_read.extend(entry for k, entry in layout.items() if k not in present)
            for entry, outcome in zip(to_read, pool.map(add, to_read)):
                if outcome is True:
                    result.added += 1
                elif outcome is False:
                    result.present += 1
                elif outcome == "moved":
                    result.present += 1
                    result.moved += 1
                else:
                    skip(entry["Key"], outcome)
            days = [d for d in map(_day_of_key, (e["Key"] for e in contents)) if d]
            if days:
                result.last_day = max(days)
            if on_done:
                on_done(len(contents))
    return result


def parse_retention(value: str | int | None) -> int | None:
    """The index TTL in days (as the indexer computes it), or None; bad values are user errors."""
    try:
        return contract.parse_retention_days(value)
    except ValueError as exc:
        raise DropletsError(f"retention {exc}") from None

"""Backfilling the index from the bucket: list, find what the index lacks, add it.

For each page of the listing (1,000 keys): keys in the default layout name their own index
key, so one BatchGetItem per 100 tells which are already indexed, and only the missing
ones are read from S3. Objects under ``events/`` with a custom key are read to learn their
index key. Every item is written with ``attribute_not_exists``, so a run racing the indexer
(or another reindex) never overwrites a newer item and counts it as already present; running
it again adds nothing. Items are built by :func:`droplets.contract.index_item`, exactly as
the indexer Lambda builds them.

Skipped: objects outside ``events/`` (bad rows under ``bad/``, anything foreign), and
objects under ``events/`` that are not a stored record (not JSON, no ``occurred_at``...).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from droplets import contract
from droplets.errors import DropletsError

BATCH_GET = 100  # BatchGetItem's limit


@dataclass
class ReindexResult:
    listed: int = 0
    added: int = 0
    present: int = 0
    skipped: int = 0
    #: A few skipped keys with the reason, for the operator to look at.
    skipped_examples: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "listed": self.listed, "added": self.added, "present": self.present,
            "skipped": self.skipped,
            "skipped_examples": [{"key": k, "reason": r} for k, r in self.skipped_examples],
        }


def _serializer():
    from boto3.dynamodb.types import TypeSerializer

    return TypeSerializer()


def existing_keys(dynamodb, table: str, keys: list[tuple[str, str]], *, sleep=time.sleep) -> set[tuple[str, str]]:
    """Which of ``keys`` (partition, sort) are in the index: BatchGetItem, 100 at a time,
    retrying UnprocessedKeys."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(keys), BATCH_GET):
        request = {table: {
            "Keys": [{contract.INDEX_PK: {"S": pk}, contract.INDEX_SK: {"S": sk}} for pk, sk in keys[start:start + BATCH_GET]],
            "ProjectionExpression": "#pk, #sk",
            "ExpressionAttributeNames": {"#pk": contract.INDEX_PK, "#sk": contract.INDEX_SK},
        }}
        for attempt in range(10):
            response = dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(table, []):
                found.add((item[contract.INDEX_PK]["S"], item[contract.INDEX_SK]["S"]))
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


def build_item(s3, bucket: str, key: str, size: int, retention_days: int | None) -> dict[str, Any] | str:
    """The index item of the object at ``key``, or the reason it is not a record."""
    try:
        data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return "deleted while listing"
    try:
        return contract.stored_index_item(data, key, size, retention_days)
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


def reindex(
    s3,
    dynamodb,
    bucket: str,
    table: str,
    *,
    prefix: str = contract.EVENTS_PREFIX,
    since_day: str | None = None,
    retention_days: int | None = None,
    workers: int = 8,
    on_listed: Callable[[int], None] | None = None,
    on_done: Callable[[int], None] | None = None,
) -> ReindexResult:
    """List ``prefix`` (from ``since_day`` on, in the key layout) and add missing index items."""
    result = ReindexResult()
    start_after = f"{contract.EVENTS_PREFIX}dt={since_day}" if since_day else None

    def skip(key: str, reason: str) -> None:
        result.skipped += 1
        if len(result.skipped_examples) < 5:
            result.skipped_examples.append((key, reason))

    def add(entry: dict) -> bool | str:
        built = build_item(s3, bucket, entry["Key"], entry["Size"], retention_days)
        if isinstance(built, str):
            return built
        return put_if_absent(dynamodb, table, built)

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
            present = existing_keys(dynamodb, table, list(layout))
            result.present += len(present)
            to_read.extend(entry for k, entry in layout.items() if k not in present)
            for entry, outcome in zip(to_read, pool.map(add, to_read)):
                if outcome is True:
                    result.added += 1
                elif outcome is False:
                    result.present += 1
                else:
                    skip(entry["Key"], outcome)
            if on_done:
                on_done(len(contents))
    return result


def parse_retention(value: str | int | None) -> int | None:
    """The index TTL in days (as the indexer computes it), or None; bad values are user errors."""
    try:
        return contract.parse_retention_days(value)
    except ValueError as exc:
        raise DropletsError(f"retention {exc}") from None

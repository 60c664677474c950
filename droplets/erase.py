"""Erasing a session (GDPR): every object version under its keys, and its index items.

Objects are found two ways, so none survives: through the index (its ``s3_key``s, which
also covers keys a transform chose), and through the key layout
``events/dt=<day>/<session>/``, listing the day prefixes first (``Delimiter='/'``) and then
each day's session prefix; objects written but not yet indexed are caught by the second.
Listing uses ListObjectVersions, so with versioning on every version and delete marker is
removed (on an unversioned bucket it returns each object once, as version ``null``).

Objects go first, index items second: an indexer racing the erase can re-add an item for
an object that is already gone, and running ``forget`` again removes it. Running it twice
is always safe.
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from droplets import contract
from droplets.errors import DropletsError

S3_DELETE_BATCH = 1000  # DeleteObjects' limit
DYNAMODB_WRITE_BATCH = 25  # BatchWriteItem's limit


@dataclass(frozen=True)
class ObjectVersion:
    key: str
    version_id: str | None
    delete_marker: bool = False


@dataclass
class ErasePlan:
    session_id: str
    objects: list[ObjectVersion] = field(default_factory=list)
    #: Primary keys of the session's index items, in DynamoDB's typed form.
    index_keys: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.objects and not self.index_keys

    def summary(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "objects": len({o.key for o in self.objects}),
            "versions": sum(1 for o in self.objects if not o.delete_marker),
            "delete_markers": sum(1 for o in self.objects if o.delete_marker),
            "index_items": len(self.index_keys),
            "keys": sorted({o.key for o in self.objects}),
        }


def check_erasable(session_id: str) -> str:
    if not contract.is_valid_session_id(session_id):
        raise DropletsError(
            f"{session_id!r} is not a session ID that can be erased "
            "(8-128 characters of A-Z a-z 0-9 _ -, and not the no-session partition)"
        )
    return session_id


def _versions(s3, bucket: str, prefix: str) -> Iterator[ObjectVersion]:
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        for version in page.get("Versions", []):
            yield ObjectVersion(version["Key"], version.get("VersionId"))
        for marker in page.get("DeleteMarkers", []):
            yield ObjectVersion(marker["Key"], marker.get("VersionId"), delete_marker=True)


def day_prefixes(s3, bucket: str) -> list[str]:
    """``events/dt=<day>/`` for every day that has any version or delete marker."""
    prefixes: list[str] = []
    pages = s3.get_paginator("list_object_versions").paginate(
        Bucket=bucket, Prefix=contract.EVENTS_PREFIX, Delimiter="/"
    )
    for page in pages:
        prefixes.extend(p["Prefix"] for p in page.get("CommonPrefixes", []))
    return prefixes


def index_keys(dynamodb, table: str, session_id: str) -> tuple[list[dict], list[str]]:
    """The session's index item keys and the S3 keys they point at."""
    keys, s3_keys = [], []
    pages = dynamodb.get_paginator("query").paginate(
        TableName=table,
        KeyConditionExpression="#pk = :pk",
        ProjectionExpression="#pk, #sk, s3_key",
        ExpressionAttributeNames={"#pk": contract.INDEX_PK, "#sk": contract.INDEX_SK},
        ExpressionAttributeValues={":pk": {"S": session_id}},
    )
    for page in pages:
        for item in page.get("Items", []):
            keys.append({contract.INDEX_PK: item[contract.INDEX_PK], contract.INDEX_SK: item[contract.INDEX_SK]})
            if "s3_key" in item:
                s3_keys.append(item["s3_key"]["S"])
    return keys, s3_keys


def plan_erase(s3, dynamodb, bucket: str, table: str, session_id: str, *, workers: int = 8) -> ErasePlan:
    """Find everything of ``session_id`` without deleting anything."""
    check_erasable(session_id)
    plan = ErasePlan(session_id)
    plan.index_keys, indexed = index_keys(dynamodb, table, session_id)
    session_prefixes = [f"{day}{session_id}/" for day in day_prefixes(s3, bucket)]
    found: dict[tuple[str, str | None], ObjectVersion] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for versions in pool.map(lambda p: list(_versions(s3, bucket, p)), session_prefixes):
            found.update(((v.key, v.version_id), v) for v in versions)
        # Keys outside the layout (a transform chose them) are only known to the index.
        outside = sorted({k for k in indexed if not any(k.startswith(p) for p in session_prefixes)})
        for key, versions in zip(outside, pool.map(lambda k: list(_versions(s3, bucket, k)), outside)):
            found.update(((v.key, v.version_id), v) for v in versions if v.key == key)
    plan.objects = sorted(found.values(), key=lambda v: (v.key, v.delete_marker, v.version_id or ""))
    return plan


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def delete_objects(s3, bucket: str, objects: Iterable[ObjectVersion], on_done: Callable[[int], None] | None = None) -> int:
    """DeleteObjects in batches of 1,000, each version by its VersionId; raises on any
    per-key error so a partial erase is never reported as done."""
    deleted = 0
    for batch in _chunks(list(objects), S3_DELETE_BATCH):
        entries = [
            {"Key": o.key, **({"VersionId": o.version_id} if o.version_id else {})} for o in batch
        ]
        response = s3.delete_objects(Bucket=bucket, Delete={"Objects": entries, "Quiet": True})
        errors = response.get("Errors", [])
        if errors:
            first = errors[0]
            raise DropletsError(
                f"could not delete {len(errors)} object version(s), e.g. {first.get('Key')}: "
                f"{first.get('Code')} {first.get('Message', '')}; nothing else was skipped, run forget again"
            )
        deleted += len(batch)
        if on_done:
            on_done(len(batch))
    return deleted


def delete_index_items(
    dynamodb,
    table: str,
    keys: list[dict],
    *,
    max_attempts: int = 8,
    base_delay: float = 0.05,
    sleep: Callable[[float], None] = time.sleep,
    on_done: Callable[[int], None] | None = None,
) -> int:
    """BatchWriteItem deletes in batches of 25, retrying UnprocessedItems with exponential
    backoff and jitter (throttled tables return them instead of failing)."""
    deleted = 0
    for batch in _chunks(keys, DYNAMODB_WRITE_BATCH):
        pending = {table: [{"DeleteRequest": {"Key": key}} for key in batch]}
        for attempt in range(max_attempts):
            response = dynamodb.batch_write_item(RequestItems=pending)
            unprocessed = response.get("UnprocessedItems") or {}
            done = len(pending[table]) - len(unprocessed.get(table, []))
            deleted += done
            if on_done and done:
                on_done(done)
            if not unprocessed.get(table):
                break
            pending = {table: unprocessed[table]}
            sleep(base_delay * (2 ** attempt) * (0.5 + random.random() / 2))
        else:
            raise DropletsError(
                f"{len(pending[table])} index item(s) still unprocessed after {max_attempts} attempts "
                "(table throttled?); run forget again"
            )
    return deleted


@dataclass
class EraseResult:
    plan: ErasePlan
    object_versions_deleted: int
    index_items_deleted: int


def erase(s3, dynamodb, bucket: str, table: str, plan: ErasePlan, *, sleep: Callable[[float], None] = time.sleep,
          on_done: Callable[[int], None] | None = None) -> EraseResult:
    """Delete what :func:`plan_erase` found: objects first, then index items."""
    objects = delete_objects(s3, bucket, plan.objects, on_done)
    items = delete_index_items(dynamodb, table, plan.index_keys, sleep=sleep, on_done=on_done)
    return EraseResult(plan, objects, items)

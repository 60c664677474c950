"""Erasing a session (GDPR): every object version under its keys, its index items, and the
bad rows that hold it.

Objects are found two ways, so none survives: through the index (its ``s3_key``s, which
also covers keys a transform chose), and through the key layout
``events/dt=<day>/<session>/``, listing the day prefixes first (``Delimiter='/'``) and then
each day's session prefix; objects written but not yet indexed are caught by the second.
Listing uses ListObjectVersions, so with versioning on every version and delete marker is
removed (on an unversioned bucket it returns each object once, as version ``null``).

Bad rows (``bad/dt=<day>/<sha256>.json``) hold a rejected message's payload (scrubbed by
``pii``, which keeps a valid session ID; raw if the operator opted in), and their key says
nothing about the session: every bad row is
listed (all versions) and read, one GET each, concurrently (:func:`droplets.query.ordered_map`),
and the ones that belong to the session are erased with every version. A bad row belongs to
it when its text mentions the session ID as a whole token: not preceded or followed by a
character a session ID may hold (``[A-Za-z0-9_-]``), so ``sess-aaaa1111`` does not match
``sess-aaaa1111-2``. That covers a JSON payload whose ``session_id`` is the session, a payload
that is not JSON, and a session ID sitting elsewhere (a header, a URL); it may also erase a
bad row of another session that mentions this one, which for an erase is the right side to
err on. An ID hidden by an encoding (base64 in a body) is not found. Bad rows are expected to
be few; a lake with many pays one GET for each per erase.

Objects and bad rows go first, index items second: an indexer racing the erase can re-add
an item for an object that is already gone, and running ``forget`` again removes it. Running
it twice is always safe.
"""

from __future__ import annotations

import json
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from botocore.exceptions import ClientError

from droplets import contract
from droplets.errors import DropletsError
from droplets.query import ordered_map

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
    #: Every version and delete marker of the bad rows that hold the session.
    bad_rows: list[ObjectVersion] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.objects and not self.index_keys and not self.bad_rows

    def summary(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "objects": len({o.key for o in self.objects}),
            "versions": sum(1 for o in self.objects if not o.delete_marker),
            "delete_markers": sum(1 for o in self.objects if o.delete_marker),
            "index_items": len(self.index_keys),
            "keys": sorted({o.key for o in self.objects}),
            "bad_rows": len({o.key for o in self.bad_rows}),
            "bad_row_versions": sum(1 for o in self.bad_rows if not o.delete_marker),
            "bad_row_delete_markers": sum(1 for o in self.bad_rows if o.delete_marker),
            "bad_row_keys": sorted({o.key for o in self.bad_rows}),
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


# --- bad rows -------------------------------------------------------------------------------

#: The characters of a session ID (``contract.SESSION_ID_RE``): a mention of the session is
#: bounded by anything else, so a longer ID that starts or ends with it is not a match.
SESSION_ID_CHARS = "A-Za-z0-9_-"


def mentions_session(text: str, session_id: str) -> bool:
    """True when ``session_id`` occurs in ``text`` as a whole token."""
    pattern = rf"(?<![{SESSION_ID_CHARS}]){re.escape(session_id)}(?![{SESSION_ID_CHARS}])"
    return re.search(pattern, text) is not None


def _strings(value: Any) -> Iterator[str]:
    """Every string (keys too) in a parsed JSON value, without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _parsed(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def bad_row_belongs_to(body: bytes, session_id: str) -> bool:
    """Whether a stored bad row (the document of ``transforms.chain.Bad.row``, or anything
    else found under ``bad/``) holds ``session_id``.

    The stored text is searched as it is: JSON escaping never touches the characters of a
    session ID, so a payload's ID appears there literally, and the error text is searched
    too. When the payload is JSON it is also parsed and its ``session_id`` and every other
    string compared after unescaping, which catches an ID spelt with ``\\u`` escapes.
    """
    text = body.decode("utf-8", "replace")
    if mentions_session(text, session_id):
        return True
    document = _parsed(text)
    payload = document.get("payload") if isinstance(document, dict) else None
    if not isinstance(payload, str):
        return False
    parsed = _parsed(payload)
    if isinstance(parsed, dict) and parsed.get("session_id") == session_id:
        return True
    return any(mentions_session(s, session_id) for s in _strings(parsed))


def _bad_row_versions(s3, bucket: str) -> dict[str, list[ObjectVersion]]:
    """Every bad row's versions (newest first) and delete markers, by key."""
    rows: dict[str, list[ObjectVersion]] = {}
    for version in _versions(s3, bucket, contract.BAD_PREFIX):
        rows.setdefault(version.key, []).append(version)
    return rows


def _read_bad_row(s3, bucket: str, versions: list[ObjectVersion]) -> bytes | None:
    """One readable version of a bad row. Its key is the hash of its payload
    (``contract.bad_key``), so every version holds the same payload and one GET is enough;
    a row whose newest entry is a delete marker is read through an older version."""
    for version in versions:
        if version.delete_marker:
            continue
        extra = {"VersionId": version.version_id} if version.version_id else {}
        try:
            return s3.get_object(Bucket=bucket, Key=version.key, **extra)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("NoSuchKey", "NoSuchVersion"):
                raise
            # removed since the listing (lifecycle, another erase): try the next version
    return None


def find_bad_rows(
    s3, bucket: str, session_id: str, *, workers: int = 16,
    on_listed: Callable[[int], None] | None = None, on_read: Callable[[int], None] | None = None,
) -> list[ObjectVersion]:
    """Every version and delete marker of the bad rows that hold ``session_id``: lists
    ``bad/`` (all days) and reads each row once, ``workers`` GETs at a time."""
    check_erasable(session_id)
    rows = _bad_row_versions(s3, bucket)
    if on_listed:
        on_listed(len(rows))
    found: list[ObjectVersion] = []
    reads = ordered_map(lambda versions: _read_bad_row(s3, bucket, versions), rows.values(), workers)
    for versions, body in reads:
        if on_read:
            on_read(1)
        if body is not None and bad_row_belongs_to(body, session_id):
            found.extend(versions)
    return found


# --- planning and erasing -------------------------------------------------------------------

def plan_erase(
    s3, dynamodb, bucket: str, table: str, session_id: str, *, workers: int = 8,
    on_listed: Callable[[int], None] | None = None, on_read: Callable[[int], None] | None = None,
) -> ErasePlan:
    """Find everything of ``session_id`` without deleting anything: its objects, its index
    items and the bad rows that hold it (``on_listed``/``on_read`` follow the bad-row reads)."""
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
    plan.bad_rows = find_bad_rows(s3, bucket, session_id, workers=2 * workers, on_listed=on_listed, on_read=on_read)
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
    bad_row_versions_deleted: int = 0


def erase(s3, dynamodb, bucket: str, table: str, plan: ErasePlan, *, sleep: Callable[[float], None] = time.sleep,
          on_done: Callable[[int], None] | None = None) -> EraseResult:
    """Delete what :func:`plan_erase` found: objects and bad rows first, then index items."""
    objects = delete_objects(s3, bucket, plan.objects, on_done)
    bad_rows = delete_objects(s3, bucket, plan.bad_rows, on_done)
    items = delete_index_items(dynamodb, table, plan.index_keys, sleep=sleep, on_done=on_done)
    return EraseResult(plan, objects, items, bad_rows)

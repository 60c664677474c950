"""Erasing a session (GDPR): every object version under its keys, its index items, the bad
rows and dead-letter messages that hold it, the Athena query results; and an erasure entry
that keeps it erased.

The erasure entry (:mod:`droplets.contract.erasure`) is written first, before anything is
deleted: from then on the consumer drops every record of the session and the indexer never
indexes one, so nothing that is still on its way (a DLQ redrive, a late retry, an S3
notification in flight) can bring the session back. The session is then looked up once more,
so what was stored between the plan and the entry is erased too.

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

Athena query results (``athena-results/``, kept 7 days by the lifecycle) are erased whole:
a result of any query may hold the session's rows without naming it (``SELECT path FROM
events``), so none is kept. Results are a cache of what the lake held; queries can be run
again.

Dead-letter messages: each DLQ is read through (:func:`droplets.dlq.sweep`) and the
messages that mention the session are deleted; the others are made visible again at once.
A message that escapes (it was in flight, or reached the DLQ later) is dropped by the
consumer or the indexer when it is redriven, thanks to the erasure entry.

Compacted days (``compacted/``, :mod:`droplets.compaction.erase`): every compacted day is
read, whatever its age (its JSON objects may have expired long ago), and each day that holds
the session is rewritten without it, after the session's JSON objects are deleted (so a
compaction running meanwhile cannot bring its rows back: the day's switch is conditional,
and a rewrite based on an older state of the day fails and starts again).

Objects, compacted days, bad rows, results and DLQ messages go first, index items last.
Running it twice is always safe.
"""

from __future__ import annotations

import json
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import unquote_plus

from botocore.exceptions import ClientError

from droplets import contract, dlq
from droplets.contract import erasure
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
    #: Every bad-row key read while planning (held or not), so a second look reads only new ones.
    bad_rows_read: set[str] = field(default_factory=set)
    #: Every version and delete marker under ``athena-results/``.
    athena_results: list[ObjectVersion] = field(default_factory=list)
    #: DLQ name -> messages that mention the session; None when the DLQs were not read (no
    #: queue URLs known).
    dlq_messages: dict[str, int] | None = None
    #: Whether the session's erasure entry was already there.
    entry_present: bool = False
    #: Compacted day -> the session's rows in its Parquet run.
    compacted: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing to remove and already marked erased: a rerun has nothing to do."""
        return (not self.objects and not self.index_keys and not self.bad_rows and not self.athena_results
                and not any((self.dlq_messages or {}).values()) and not self.compacted and self.entry_present)

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
            "athena_results": len({o.key for o in self.athena_results}),
            "athena_result_versions": len(self.athena_results),
            "dlq_checked": self.dlq_messages is not None,
            "dlq_messages": sum((self.dlq_messages or {}).values()),
            "dlq_messages_by_queue": dict(self.dlq_messages or {}),
            "erasure_entry": "present" if self.entry_present else "none",
            "compacted_days": sorted(self.compacted),
            "compacted_rows": sum(self.compacted.values()),
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

#: The characters of a session ID (the contract's rule): a mention of the session is
#: bounded by anything else, so a longer ID that starts or ends with it is not a match.
SESSION_ID_CHARS = contract.SESSION_ID_ALPHABET


def mentions_session(text: str, session_id: str) -> bool:
    """True when ``session_id`` occurs in ``text`` as a whole token."""
    pattern = rf"(?<![{SESSION_ID_CHARS}]){re.escape(session_id)}(?![{SESSION_ID_CHARS}])"
    return re.search(pattern, text) is not None


def _mentions_decoded(text: str, session_id: str) -> bool:
    """As written, or URL-decoded: an S3 key in a notification is (``%2Fsess-...%2F``), and
    so is a session ID in a query string or a Referer."""
    return mentions_session(text, session_id) or ("%" in text and mentions_session(unquote_plus(text), session_id))


def holds_session(data: bytes | str, session_id: str) -> bool:
    """Whether a stored or queued text (a bad row, a DLQ message: a raw record, an S3
    notification) mentions ``session_id`` as a whole token.

    The text is searched as it is and URL-decoded; when it is JSON, every string in it is
    searched once unescaped (an ID spelt with ``\\u`` escapes), and a string that is itself
    JSON (a bad row's payload) once more. An ID hidden by another encoding (base64) is not
    found.
    """
    text = data.decode("utf-8", "replace") if isinstance(data, (bytes, bytearray)) else data
    if _mentions_decoded(text, session_id):
        return True
    parsed = _parsed(text)
    if parsed is None:
        return False
    for string in _strings(parsed):
        if _mentions_decoded(string, session_id):
            return True
        if string[:1] in ("{", "[") and any(_mentions_decoded(s, session_id) for s in _strings(_parsed(string))):
            return True
    return False


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
    else found under ``bad/``) holds ``session_id``: :func:`holds_session` on its text, which
    searches the error, the payload as stored, and the payload parsed when it is JSON."""
    return holds_session(body, session_id)


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
    skip: Iterable[str] = (), held: Iterable[str] = (), read: set[str] | None = None,
) -> list[ObjectVersion]:
    """Every version and delete marker of the bad rows that hold ``session_id``: lists
    ``bad/`` (all days) and reads each row once, ``workers`` GETs at a time.

    Rows read before are not read again (a bad row's key is the hash of its payload, so its
    content cannot change): keys in ``skip`` do not hold the session, keys in ``held`` do
    (all their versions now listed are returned). Every key read is added to ``read``."""
    check_erasable(session_id)
    skipped, known = set(skip), set(held)
    rows = {key: versions for key, versions in _bad_row_versions(s3, bucket).items() if key not in skipped}
    found: list[ObjectVersion] = []
    for key in known & set(rows):
        found.extend(rows.pop(key))
    if on_listed:
        on_listed(len(rows))
    reads = ordered_map(lambda versions: _read_bad_row(s3, bucket, versions), rows.values(), workers)
    for versions, body in reads:
        if on_read:
            on_read(1)
        if body is None:
            continue
        if read is not None:
            read.add(versions[0].key)
        if bad_row_belongs_to(body, session_id):
            found.extend(versions)
    return found


# --- Athena query results and the erasure entry -----------------------------------------------

def athena_results(s3, bucket: str) -> list[ObjectVersion]:
    """Every version and delete marker under the workgroup's output location."""
    return sorted(_versions(s3, bucket, contract.ATHENA_RESULTS_PREFIX),
                  key=lambda v: (v.key, v.delete_marker, v.version_id or ""))


def entry_present(dynamodb, table: str, session_id: str) -> bool:
    """Whether the session's erasure entry is there (a strongly consistent read)."""
    answer = dynamodb.get_item(TableName=table, Key=erasure.erased_key(session_id), ConsistentRead=True)
    return "Item" in answer


def write_entry(dynamodb, table: str, session_id: str, erased_at: str | None = None) -> bool:
    """Write the session's erasure entry unless it is there already (the first erasure's
    time is kept). True when this call wrote it."""
    try:
        dynamodb.put_item(
            TableName=table,
            Item=erasure.erased_item(session_id, erased_at or contract.utc_now_iso()),
            ConditionExpression="attribute_not_exists(#pk)",
            ExpressionAttributeNames={"#pk": contract.INDEX_PK},
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True


def sweep_dlqs(sqs, dlqs: Mapping[str, str], session_id: str, *, delete: bool,
               wait_seconds: int = dlq.WAIT_SECONDS) -> dict[str, dlq.Sweep]:
    """Read each DLQ (name -> URL) through: the messages that mention the session are
    deleted (``delete``) or only counted; the others are made visible again at once."""
    return {
        name: dlq.sweep(sqs, name, url, lambda body: holds_session(body, session_id), delete=delete,
                        wait_seconds=wait_seconds)
        for name, url in dlqs.items()
    }


# --- planning and erasing -------------------------------------------------------------------

def plan_erase(
    s3, dynamodb, bucket: str, table: str, session_id: str, *, workers: int = 8,
    on_listed: Callable[[int], None] | None = None, on_read: Callable[[int], None] | None = None,
    sqs: Any = None, dlqs: Mapping[str, str] | None = None, dlq_wait_seconds: int = dlq.WAIT_SECONDS,
    skip_bad_rows: Iterable[str] = (), held_bad_rows: Iterable[str] = (), compacted: bool = True,
) -> ErasePlan:
    """Find everything of ``session_id`` without deleting anything: its objects, its index
    items, the bad rows that hold it (``on_listed``/``on_read`` follow the bad-row reads),
    the Athena results, whether its erasure entry is there, the compacted days that hold it
    (unless not ``compacted``), and, given ``sqs`` and ``dlqs`` (name -> URL), how many DLQ
    messages mention it (read and made visible again)."""
    check_erasable(session_id)
    plan = ErasePlan(session_id)
    plan.entry_present = entry_present(dynamodb, table, session_id)
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
    plan.bad_rows = find_bad_rows(s3, bucket, session_id, workers=2 * workers, on_listed=on_listed, on_read=on_read,
                                  skip=skip_bad_rows, held=held_bad_rows, read=plan.bad_rows_read)
    plan.athena_results = athena_results(s3, bucket)
    if compacted:
        from droplets.compaction import erase as compacted_days

        plan.compacted = compacted_days.find(s3, bucket, session_id, workers=workers)
    if sqs is not None and dlqs is not None:
        sweeps = sweep_dlqs(sqs, dlqs, session_id, delete=False, wait_seconds=dlq_wait_seconds)
        plan.dlq_messages = {name: found.matched for name, found in sweeps.items()}
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
    #: What was erased: the plan, completed by the second look taken after the entry.
    plan: ErasePlan
    object_versions_deleted: int
    index_items_deleted: int
    bad_row_versions_deleted: int = 0
    athena_result_versions_deleted: int = 0
    #: DLQ name -> what its sweep found and deleted; empty when no queue URLs were known.
    dlq_sweeps: dict[str, dlq.Sweep] = field(default_factory=dict)
    #: Whether this run wrote the erasure entry (False: it was there already).
    entry_written: bool = False
    #: Compacted day -> the session's rows removed from it; and the Parquet files (every
    #: version) deleted with the runs that held them.
    compacted_rewritten: dict[str, int] = field(default_factory=dict)
    compacted_files_deleted: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The plan's summary with what was done: DLQ messages deleted, the entry, the
        compacted days rewritten."""
        summary = self.plan.summary()
        summary["compacted_days"] = sorted(self.compacted_rewritten)
        summary["compacted_rows"] = sum(self.compacted_rewritten.values())
        summary["compacted_files_deleted"] = len(self.compacted_files_deleted)
        if self.dlq_sweeps:
            summary["dlq_messages_by_queue"] = {name: found.deleted for name, found in self.dlq_sweeps.items()}
            summary["dlq_messages"] = sum(summary["dlq_messages_by_queue"].values())
        summary["erasure_entry"] = "written" if self.entry_written else "present"
        return summary


def erase(s3, dynamodb, bucket: str, table: str, plan: ErasePlan, *, sleep: Callable[[float], None] = time.sleep,
          on_done: Callable[[int], None] | None = None, sqs: Any = None, dlqs: Mapping[str, str] | None = None,
          dlq_wait_seconds: int = dlq.WAIT_SECONDS) -> EraseResult:
    """Erase the session of ``plan``: write its erasure entry first, look again (what was
    stored since the plan; only bad rows not read yet are read), then delete objects,
    rewrite the compacted days that hold the session, delete bad rows and Athena results,
    sweep the DLQs (given ``sqs`` and ``dlqs``, name -> URL), and delete the index items last. Raises :class:`DropletsError` if a DLQ message of the
    session could not be deleted (after everything else is done; running it again retries)."""
    session_id = check_erasable(plan.session_id)
    written = write_entry(dynamodb, table, session_id)
    held = {v.key for v in plan.bad_rows}
    fresh = plan_erase(s3, dynamodb, bucket, table, session_id,
                       skip_bad_rows=plan.bad_rows_read - held, held_bad_rows=held, compacted=False)
    fresh.bad_rows_read |= plan.bad_rows_read
    fresh.dlq_messages = plan.dlq_messages
    objects = delete_objects(s3, bucket, fresh.objects, on_done)
    # After the JSON objects: every compacted day is read again now, so a day compacted
    # since the plan (from objects that were still there) is found too.
    from droplets.compaction import erase as compacted_days

    rewritten = compacted_days.remove(s3, bucket, session_id)
    fresh.compacted = dict(rewritten.days)
    bad_rows = delete_objects(s3, bucket, fresh.bad_rows, on_done)
    results = delete_objects(s3, bucket, fresh.athena_results, on_done)
    sweeps = sweep_dlqs(sqs, dlqs, session_id, delete=True, wait_seconds=dlq_wait_seconds) if sqs is not None and dlqs else {}
    items = delete_index_items(dynamodb, table, fresh.index_keys, sleep=sleep, on_done=on_done)
    result = EraseResult(fresh, objects, items, bad_rows, results, sweeps, written,
                         compacted_rewritten=dict(rewritten.days), compacted_files_deleted=rewritten.deleted)
    failed = {code: n for found in sweeps.values() for code, n in found.errors.items()}
    if failed:
        codes = ", ".join(f"{code} x{n}" for code, n in sorted(failed.items()))
        raise DropletsError(
            f"erased the session's objects, bad rows and index items, but some dead-letter messages could not be "
            f"deleted or released ({codes}); the session is marked erased, so a redrive drops them: run forget again"
        )
    return result


# --- words for the CLI ---------------------------------------------------------------------

def describe(summary: Mapping[str, Any]) -> str:
    """What the session had stored: objects, index items, bad rows (the line forget prints)."""
    what = (
        f"{summary['objects']:,} object(s) ({summary['versions']:,} version(s), "
        f"{summary['delete_markers']:,} delete marker(s)), {summary['index_items']:,} index item(s) "
        f"and {summary['bad_rows']:,} bad row(s)"
    )
    if summary["bad_rows"]:
        what += f" ({summary['bad_row_versions']:,} version(s), {summary['bad_row_delete_markers']:,} delete marker(s))"
    return what


def describe_compacted(summary: Mapping[str, Any]) -> str:
    """The compacted days that hold (held) the session: ``2 compacted day(s) (2026-11-29,
    2026-11-30; 5 row(s))``, or ``no compacted day``."""
    days = summary.get("compacted_days") or []
    if not days:
        return "no compacted day"
    return f"{len(days):,} compacted day(s) ({', '.join(days)}; {summary['compacted_rows']:,} row(s))"


def describe_more(summary: Mapping[str, Any]) -> str:
    """The rest: Athena results, dead-letter messages (per queue), whether they were read."""
    what = f"{summary['athena_results']:,} Athena query result(s)"
    if summary["dlq_checked"]:
        per_queue = ", ".join(f"{name} {count:,}" for name, count in summary["dlq_messages_by_queue"].items())
        what += f" and {summary['dlq_messages']:,} dead-letter message(s) ({per_queue})"
    return what


DLQ_NOT_READ = (
    "the dead-letter queues were not read (no queue URLs: use --stack, or the local stack's "
    ".droplets/local.json); the session is marked erased, so a redrive drops its messages"
)

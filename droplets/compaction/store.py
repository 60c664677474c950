"""The compacted lake on S3: manifests, their conditional switch, run files, clean-up.

Every writer (the state machine, ``droplets compact``, ``droplets forget``) follows the same
protocol (:mod:`droplets.contract.compaction`): note the day's manifest (its ETag and run),
write a new run under its own prefix, switch the manifest with a conditional PutObject
(:func:`commit`), and only then delete the run it replaced. A writer that loses the race
gets :class:`Conflict` and has left nothing behind but its own run, which it deletes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator

from botocore.exceptions import ClientError

from droplets.contract import compaction as layout
from droplets.errors import DropletsError
from droplets.query import ordered_map

S3_DELETE_BATCH = 1000
#: S3's answers to a conditional write that lost: 412 when the condition failed, 409 when
#: another conditional write on the key was in flight.
_LOST_RACE = ("PreconditionFailed", "ConditionalRequestConflict")
_MISSING = ("NoSuchKey", "404", "NotFound")


class Conflict(DropletsError):
    """The day's manifest changed while a run was being written (another compaction or a
    forget): nothing was switched; run again."""


@dataclass(frozen=True)
class Current:
    """What a writer noted of a day before writing: the manifest's ETag and run (both
    None when the day is not compacted), and the manifest itself when it was read."""

    etag: str | None
    run: str | None
    manifest: layout.Manifest | None = None


@dataclass(frozen=True)
class DataFile:
    key: str
    size: int
    last_modified: datetime | None = None


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def current(s3, bucket: str, day: str) -> Current:
    """The day's manifest, read whole (GetObject: ETag, run, document)."""
    try:
        answer = s3.get_object(Bucket=bucket, Key=layout.manifest_key(day))
    except ClientError as exc:
        if _code(exc) in _MISSING:
            return Current(None, None)
        raise
    manifest = layout.Manifest.from_json(answer["Body"].read())
    if manifest.dt != day:
        raise layout.ManifestError(f"{layout.manifest_key(day)} is the manifest of {manifest.dt}")
    return Current(answer["ETag"], manifest.run, manifest)


def manifests(s3, bucket: str, days: Iterable[str] | None = None, *, workers: int = 16) -> dict[str, Current]:
    """The compacted days among ``days`` (every compacted day when None), day -> :class:`Current`."""
    if days is None:
        days = [key[len(layout.MANIFESTS_PREFIX):-len(".json")] for key in _keys(s3, bucket, layout.MANIFESTS_PREFIX)
                if key.endswith(".json") and layout.DAY_RE.match(key[len(layout.MANIFESTS_PREFIX):-len(".json")])]
    found = {}
    for day, answer in ordered_map(lambda d: current(s3, bucket, d), list(days), workers):
        if answer.manifest is not None:
            found[day] = answer
    return dict(sorted(found.items()))


def _keys(s3, bucket: str, prefix: str) -> Iterator[str]:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            yield entry["Key"]


def run_files(s3, bucket: str, day: str, run: str) -> list[DataFile]:
    """The files of one run (its prefix listed; Athena's UNLOAD names them itself)."""
    files = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=layout.run_prefix(day, run)):
        for entry in page.get("Contents", []):
            files.append(DataFile(entry["Key"], entry["Size"], entry.get("LastModified")))
    return files


def download(s3, bucket: str, files: Iterable[DataFile], directory: str, *, workers: int = 8) -> list[str]:
    """Download ``files`` into ``directory`` (concurrently); their local paths, in order."""
    files = list(files)

    def fetch(item: tuple[int, DataFile]) -> str:
        index, data = item
        path = os.path.join(directory, f"{index:06d}.parquet")
        s3.download_file(bucket, data.key, path)
        return path

    return [path for _, path in ordered_map(fetch, list(enumerate(files)), workers)]


def upload(s3, bucket: str, path: str, day: str, run: str, name: str = "part-00000.parquet") -> str:
    key = layout.run_prefix(day, run) + name
    s3.upload_file(path, bucket, key, ExtraArgs={"ContentType": "application/vnd.apache.parquet"})
    return key


def commit(s3, bucket: str, manifest: layout.Manifest, base: Current) -> None:
    """Switch the day's manifest to ``manifest``, provided it is still ``base``: If-Match
    its ETag, or If-None-Match ``*`` when the day was not compacted. Raises
    :class:`Conflict` when another writer switched it first."""
    condition: dict[str, Any] = {"IfMatch": base.etag} if base.etag else {"IfNoneMatch": "*"}
    try:
        s3.put_object(
            Bucket=bucket, Key=layout.manifest_key(manifest.dt), Body=(manifest.to_json() + "\n").encode("utf-8"),
            ContentType="application/json", Metadata={layout.RUN_METADATA: manifest.run}, **condition,
        )
    except ClientError as exc:
        if _code(exc) in _LOST_RACE:
            raise Conflict(
                f"{manifest.dt}: its manifest changed while the new run was written (another compaction or forget); "
                "nothing was switched, run again"
            ) from None
        raise


def delete_keys(s3, bucket: str, entries: list[dict[str, str]]) -> int:
    """DeleteObjects in batches; raises on any per-key error (a partial delete is never
    reported as done)."""
    for start in range(0, len(entries), S3_DELETE_BATCH):
        batch = entries[start:start + S3_DELETE_BATCH]
        errors = s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True}).get("Errors", [])
        if errors:
            first = errors[0]
            raise DropletsError(f"could not delete {len(errors)} compacted file(s), e.g. {first.get('Key')}: "
                                f"{first.get('Code')} {first.get('Message', '')}; run again")
    return len(entries)


def delete_run(s3, bucket: str, day: str, run: str) -> int:
    """Delete a run's files (their current versions: on a versioned bucket the previous
    versions expire with the lake's noncurrent-version rule)."""
    return delete_keys(s3, bucket, [{"Key": f.key} for f in run_files(s3, bucket, day, run)])


def delete_all_but(s3, bucket: str, day: str, keep_run: str, *, not_after: datetime | None = None) -> list[str]:
    """Every version and delete marker under the day's data prefix that is not ``keep_run``'s,
    last modified at or before ``not_after`` (a run written later may belong to a writer
    that will switch to it, and is left alone). What an erasure needs: no earlier run,
    current or left over by a failed writer, keeps the rows it removed. Returns the keys."""
    keep = layout.run_prefix(day, keep_run)
    entries: list[dict[str, str]] = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=layout.day_prefix(day)):
        for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
            if version["Key"].startswith(keep):
                continue
            if not_after is not None and version.get("LastModified") and version["LastModified"] > not_after:
                continue
            entry = {"Key": version["Key"]}
            if version.get("VersionId") and version["VersionId"] != "null":
                entry["VersionId"] = version["VersionId"]
            entries.append(entry)
    delete_keys(s3, bucket, entries)
    return sorted({e["Key"] for e in entries})


def delete_manifest(s3, bucket: str, day: str) -> None:
    s3.delete_object(Bucket=bucket, Key=layout.manifest_key(day))


def json_days(s3, bucket: str, prefix: str) -> list[str]:
    """The days that have JSON objects: ``events/dt=<day>/`` prefixes (one listing call per
    1,000 days)."""
    days = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix, Delimiter="/"):
        for common in page.get("CommonPrefixes", []):
            day = common["Prefix"][len(prefix):].rstrip("/").removeprefix("dt=")
            if layout.DAY_RE.match(day):
                days.append(day)
    return sorted(days)


@dataclass(frozen=True)
class JsonObject:
    key: str
    size: int
    last_modified: datetime


def json_objects(s3, bucket: str, prefix: str, day: str) -> list[JsonObject]:
    """Every object under ``<prefix>dt=<day>/`` (any key layout below it, as Athena reads it)."""
    found = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{prefix}dt={layout.check_day(day)}/"):
        for entry in page.get("Contents", []):
            found.append(JsonObject(entry["Key"], entry["Size"], entry["LastModified"]))
    return found

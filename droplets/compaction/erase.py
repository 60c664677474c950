"""A session erased from the compacted days (``droplets forget``).

Every compacted day is looked at, whatever its age: a day whose JSON objects expired long
ago still holds the session's calls in its Parquet run. For each day, the current run's
files are read (downloaded; DuckDB reads only their ``session_id`` column to check), and a
day that holds the session gets a new run without its rows, switched to by the protocol
of :mod:`droplets.compaction.store` (retried when another writer switched the day first).
Then every other file under the day (the replaced run, and runs a failed writer left
behind), with every version on a versioned bucket, is deleted: no earlier copy of the
session's rows survives. Runs written after the switch are left alone (they belong to a
writer that read the day after the session was gone, or that will fail its switch and
delete them); a second ``forget`` removes anything such a writer failed to delete.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass, field, replace

from droplets.compaction import local, store
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout
from droplets.errors import DropletsError
from droplets.query import ordered_map

#: Tries per day when other writers keep switching it.
ATTEMPTS = 3


def _session_rows(s3, bucket: str, day: str, run: str, session_id: str, directory: str) -> tuple[int, list[str]]:
    """How many rows of ``session_id`` the run holds, and its files' local paths."""
    folder = tempfile.mkdtemp(dir=directory)
    paths = store.download(s3, bucket, store.run_files(s3, bucket, day, run), folder)
    if not paths:
        return 0, paths
    con = local.connect()
    count = con.execute("SELECT count(*) FROM read_parquet(?) WHERE session_id = ?", [paths, session_id]).fetchone()[0]
    return count, paths


def find(s3, bucket: str, session_id: str, *, workers: int = 8) -> dict[str, int]:
    """Compacted day -> the session's rows in its current run (days without any left out)."""
    compacted = store.manifests(s3, bucket, workers=workers)
    found: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="droplets-forget-") as directory:
        def check(day: str) -> int:
            return _session_rows(s3, bucket, day, compacted[day].run, session_id, directory)[0]

        for day, rows in ordered_map(check, list(compacted), workers):
            if rows:
                found[day] = rows
    return found


@dataclass
class Rewritten:
    """What :func:`remove` did: the days rewritten (day -> the session's rows removed),
    and the files deleted with them."""

    days: dict[str, int] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)


def _rewrite(s3, bucket: str, day: str, session_id: str, directory: str) -> tuple[int, list[str]]:
    """Remove the session from ``day``'s current run; (rows removed, keys deleted)."""
    for _ in range(ATTEMPTS):
        base = store.current(s3, bucket, day)
        if base.manifest is None:
            return 0, []  # expired meanwhile: nothing left to rewrite
        rows, paths = _session_rows(s3, bucket, day, base.run, session_id, directory)
        if not rows:
            return 0, []
        run = str(uuid.uuid4())
        names = [name for name, _ in csql.parquet_columns()]
        columns = ", ".join(f"'{run}' AS \"{n}\"" if n == csql.RUN_COLUMN else f'"{n}"' for n in names)
        out = os.path.join(tempfile.mkdtemp(dir=directory), "run.parquet")
        con = local.connect()
        con.execute(
            f"COPY (SELECT {columns} FROM read_parquet(?) WHERE session_id IS DISTINCT FROM ? "
            f"ORDER BY session_id, occurred_at, event_id) TO '{out}' (FORMAT PARQUET, COMPRESSION ZSTD)",
            [paths, session_id],
        )
        left = con.execute("SELECT count(*) FROM read_parquet(?)", [out]).fetchone()[0]
        key = store.upload(s3, bucket, out, day, run)
        # The day keeps its compaction time: JSON objects written since are still to be read.
        manifest = replace(base.manifest, run=run, engine="duckdb", row_count=left, source_objects=None)
        try:
            store.commit(s3, bucket, manifest, base)
        except store.Conflict:
            store.delete_keys(s3, bucket, [{"Key": key}])
            continue
        switched = s3.head_object(Bucket=bucket, Key=layout.manifest_key(day))["LastModified"]
        return rows, store.delete_all_but(s3, bucket, day, run, not_after=switched)
    raise DropletsError(f"compacted day {day} kept changing while the session was removed from it; run forget again")


def remove(s3, bucket: str, session_id: str, *, workers: int = 8) -> Rewritten:
    """Rewrite every compacted day that holds ``session_id`` without it."""
    done = Rewritten()
    days = list(store.manifests(s3, bucket, workers=workers))
    with tempfile.TemporaryDirectory(prefix="droplets-forget-") as directory:
        for day, (rows, deleted) in ordered_map(lambda d: _rewrite(s3, bucket, d, session_id, directory), days, workers):
            if rows:
                done.days[day] = rows
                done.deleted.extend(deleted)
    return done

"""A day's rewrite with DuckDB (``droplets compact``): the same SQL Athena runs, on the
same tables, from the machine the CLI runs on; S3 is the local stack's or AWS's.

The day's JSON objects are listed and read (all of them: the index is not needed and may
lag), loaded as ``events_json`` with the columns the Glue table has (timestamps and JSON
as text, :func:`droplets.compaction.sql.text_columns`); the current run, if any, as
``events_parquet``; its manifest as ``compaction_manifests``. Then
:func:`~droplets.compaction.sql.rewrite_select` is written to one ZSTD Parquet file, which
becomes the day's new run by the protocol of :mod:`droplets.compaction.store`.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from droplets import contract
from droplets.compaction import sql as csql
from droplets.compaction import store
from droplets.contract import compaction as layout
from droplets.query import ordered_map

#: DuckDB's syntax for the columns as the JSON SerDe reads them (timestamps and JSON as text).
TEXT = contract.Dialect(
    scalars={"int": "INTEGER", "bigint": "BIGINT", "double": "DOUBLE", "boolean": "BOOLEAN",
             "string": "VARCHAR", "timestamp": "VARCHAR", "json": "VARCHAR"},
    struct="STRUCT({})", field='"{name}" {type}', separator=", ", list_of="{}[]",
)


def columns_literal(columns: list[tuple[str, contract.ColumnType]], dialect: contract.Dialect = TEXT) -> str:
    """A ``read_json(columns = {...})`` literal."""
    return "{" + ", ".join(f"'{name}': '{dialect.render(column)}'" for name, column in columns) + "}"


def connect():
    import duckdb

    con = duckdb.connect(database=":memory:")
    csql.duckdb_connection_setup(con)
    return con


@dataclass
class DayJson:
    objects: int = 0
    #: Objects that are not a JSON object (Athena's table skips them too: ignore.malformed.json).
    malformed: int = 0
    newest: datetime | None = None


def load_day_json(con, s3, bucket: str, day: str, *, workers: int = 16,
                  on_read: Callable[[int], None] | None = None) -> DayJson:
    """Table ``events_json``: every JSON object of the day, as the Glue table reads them."""
    listed = store.json_objects(s3, bucket, contract.EVENTS_PREFIX, day)
    found = DayJson()
    fd, path = tempfile.mkstemp(prefix="droplets-compact-", suffix=".ndjson")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for item, body in ordered_map(lambda o: _read(s3, bucket, o.key), listed, workers):
                if on_read:
                    on_read(1)
                if body is None:
                    continue  # gone since the listing (expired, erased)
                found.objects += 1
                found.newest = max(found.newest or item.last_modified, item.last_modified)
                try:
                    record = json.loads(body)
                except ValueError:
                    record = None
                if not isinstance(record, dict):
                    found.malformed += 1
                    continue
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
        con.execute(
            f"CREATE OR REPLACE TABLE {csql.JSON_TABLE} AS SELECT *, ? AS {csql.PARTITION} "
            f"FROM read_json(?, format = 'newline_delimited', columns = {columns_literal(csql.text_columns())})",
            [layout.check_day(day), path],
        )
    finally:
        os.unlink(path)
    return found


def _read(s3, bucket: str, key: str) -> bytes | None:
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None


def load_current_run(con, s3, bucket: str, day: str, base: store.Current, directory: str) -> int:
    """Tables ``events_parquet`` (the current run's files, or none) and
    ``compaction_manifests`` (its manifest, or none); returns the run's row count."""
    parquet_ddl = ", ".join(f'"{name}" {TEXT.render(column)}' for name, column in csql.parquet_columns())
    con.execute(f"CREATE OR REPLACE TABLE {csql.PARQUET_TABLE} ({parquet_ddl}, {csql.PARTITION} VARCHAR)")
    manifest_ddl = ", ".join(f'"{name}" {"BIGINT" if kind == "bigint" else "VARCHAR"}' for name, kind in csql.MANIFEST_COLUMNS)
    con.execute(f"CREATE OR REPLACE TABLE {csql.MANIFESTS_TABLE} ({manifest_ddl})")
    if base.manifest is None:
        return 0
    m = base.manifest
    con.execute(f"INSERT INTO {csql.MANIFESTS_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                [m.dt, m.run, m.compacted_at, m.engine, m.row_count, m.source_objects])
    paths = store.download(s3, bucket, store.run_files(s3, bucket, day, m.run), directory)
    if paths:
        names = ", ".join(f'"{name}"' for name, _ in csql.parquet_columns())
        con.execute(f"INSERT INTO {csql.PARQUET_TABLE} SELECT {names}, ? FROM read_parquet(?)", [day, paths])
    return con.execute(f"SELECT count(*) FROM {csql.PARQUET_TABLE}").fetchone()[0]


@dataclass(frozen=True)
class Compacted:
    day: str
    run: str
    rows: int
    objects: int
    malformed: int
    #: Rows kept from the previous run whose JSON object is gone (expired).
    kept: int
    replaced: str | None
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "run": self.run, "rows": self.rows, "json_objects": self.objects,
                "malformed": self.malformed, "kept_from_previous_run": self.kept, "replaced_run": self.replaced,
                "parquet_bytes": self.bytes}


def compact_day(s3, bucket: str, day: str, *, workers: int = 16, now: Callable[[], datetime] | None = None,
                on_read: Callable[[int], None] | None = None) -> Compacted:
    """Rewrite ``day`` as a new run and switch the day's manifest to it (conditionally:
    :class:`droplets.compaction.store.Conflict` if the day changed meanwhile, with the new
    run deleted again). Then delete the run it replaced."""
    layout.check_day(day)
    now = now or (lambda: datetime.now(timezone.utc))
    started = contract.format_time(now())  # every object read below was there by now
    base = store.current(s3, bucket, day)
    run = str(uuid.uuid4())
    con = connect()
    with tempfile.TemporaryDirectory(prefix="droplets-compact-") as directory:
        load_current_run(con, s3, bucket, day, base, directory)
        seen = load_day_json(con, s3, bucket, day, workers=workers, on_read=on_read)
        out = os.path.join(directory, "run.parquet")
        con.execute(f"COPY ({csql.rewrite_select(day, run)}) TO '{out}' (FORMAT PARQUET, COMPRESSION ZSTD)")
        rows = con.execute("SELECT count(*) FROM read_parquet(?)", [out]).fetchone()[0]
        kept = con.execute(
            f"SELECT count(*) FROM read_parquet(?) WHERE event_id NOT IN "
            f"(SELECT event_id FROM {csql.JSON_TABLE} WHERE event_id IS NOT NULL)", [out]).fetchone()[0]
        size = os.path.getsize(out)
        key = store.upload(s3, bucket, out, day, run)
    manifest = layout.Manifest(dt=day, run=run, compacted_at=started, engine="duckdb", row_count=rows,
                               source_objects=seen.objects)
    try:
        store.commit(s3, bucket, manifest, base)
    except store.Conflict:
        store.delete_keys(s3, bucket, [{"Key": key}])
        raise
    if base.run:
        store.delete_run(s3, bucket, day, base.run)
    return Compacted(day, run, rows, seen.objects, seen.malformed, kept, base.run, size)


@dataclass(frozen=True)
class Pending:
    """A closed day that needs a rewrite, and why."""

    day: str
    reason: str


def pending_days(s3, bucket: str, *, today: str, workers: int = 16) -> list[Pending]:
    """Closed days (before ``today``) with JSON objects that are not compacted, or that
    have objects written since their compaction began (late calls, a redrive): what
    ``droplets compact`` without ``--day`` rewrites."""
    days = [d for d in store.json_days(s3, bucket, contract.EVENTS_PREFIX) if d < today]
    compacted = store.manifests(s3, bucket, days, workers=workers)
    pending = []
    for day in days:
        if day not in compacted:
            pending.append(Pending(day, "not compacted"))
            continue
        since = _parse(compacted[day].manifest.compacted_at)
        # LastModified has whole seconds: an object of the second the rewrite began may
        # have missed it, so it counts as late (at worst one rewrite too many).
        late = sum(1 for o in store.json_objects(s3, bucket, contract.EVENTS_PREFIX, day)
                   if since is None or o.last_modified >= since.replace(microsecond=0))
        if late:
            pending.append(Pending(day, f"{late} object(s) written since its compaction"))
    return pending


def _parse(moment: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


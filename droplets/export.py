"""``droplets export``: a time range as a flat, typed dataset for notebooks and models.

The range is loaded as ``droplets sql`` loads it (:func:`droplets.sql.load_range`: compacted
days from Parquet, the others from their JSON objects), then one row per call is written,
oldest first, with the columns of :data:`COLUMNS`: no bodies, no headers, no query strings,
nothing a column of its own does not name. Parquet keeps the types (the time as a UTC
timestamp, the day as a date); CSV and NDJSON write the time as droplets' ISO-8601 ``...Z``.

The file is written next to ``--out`` and moved into place when complete, so a failed
export leaves no half file behind.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from droplets.errors import DropletsError

FORMATS = ("parquet", "csv", "ndjson")
SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".ndjson": "ndjson", ".jsonl": "ndjson"}


@dataclass(frozen=True)
class Column:
    name: str
    #: The SQL over table ``events`` (DuckDB's types, :mod:`droplets.sql`).
    expression: str
    doc: str


#: The dataset's columns, in order. ``occurred_at`` is rendered per format (see :func:`select`).
COLUMNS: tuple[Column, ...] = (
    Column("occurred_at", "occurred_at", "when the call happened (UTC)"),
    Column("day", "CAST(dt AS DATE)", "its UTC day"),
    Column("session_id", "session_id", "the browser session (null: a call without one)"),
    Column("event_id", "event_id", "the call's ID"),
    Column("method", "request.method", "HTTP method"),
    Column("route", "route", "route template (`/courses/:id`), the producer's or enrich's"),
    Column("status_class", "status_class", "`2xx`, `3xx`, `4xx`, `5xx`, `other`"),
    Column("status", "CAST(response.status AS INTEGER)", "HTTP status"),
    Column("duration_ms", "duration_ms", "time to respond, in milliseconds"),
    Column("request_bytes", "request.body_bytes", "request body size"),
    Column("response_bytes", "response.body_bytes", "response body size"),
    Column("browser", "browser", "browser family (enrich's user agent)"),
    Column("os", "os", "operating system family"),
    Column("device", "device", "device family"),
    Column("is_bot", "is_bot", "a crawler, a headless browser or an HTTP library"),
    Column("service", "source.service", "the service that sent the call"),
    Column("env", "source.env", "its environment"),
    Column("error_type", "error.type", "the error's type, when the call failed"),
)


def format_of(out: str, given: str | None) -> str:
    """``--format``, else the file's suffix; a clear error otherwise."""
    if given:
        if given not in FORMATS:
            raise DropletsError(f"--format must be one of {', '.join(FORMATS)}, got {given!r}")
        return given
    found = SUFFIXES.get(Path(out).suffix.lower())
    if found is None:
        raise DropletsError(f"cannot tell the format from {Path(out).name!r}: pass --format {'|'.join(FORMATS)}")
    return found


def select(fmt: str) -> str:
    """The dataset's SELECT over table ``events``, oldest call first."""
    parts = []
    for column in COLUMNS:
        expression = column.expression
        if column.name == "occurred_at":
            expression = ("CAST(occurred_at AS TIMESTAMPTZ)" if fmt == "parquet"
                          else "strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%gZ')")
        parts.append(f'{expression} AS "{column.name}"')
    return f"SELECT {', '.join(parts)} FROM events ORDER BY occurred_at, event_id"


_COPY_OPTIONS = {
    "parquet": "FORMAT PARQUET, COMPRESSION ZSTD",
    "csv": "FORMAT CSV, HEADER",
    "ndjson": "FORMAT JSON",
}


def write(con, out: str, fmt: str, *, force: bool = False) -> int:
    """Write the dataset of table ``events`` to ``out``; returns the number of rows."""
    target = Path(out)
    if target.exists() and not force:
        raise DropletsError(f"{out} exists; pass --force to replace it")
    if target.is_dir():
        raise DropletsError(f"{out} is a directory; --out names a file")
    if not target.parent.is_dir():
        raise DropletsError(f"{target.parent} is not a directory")
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    try:
        con.execute(f"COPY ({select(fmt)}) TO '{_literal(partial)}' ({_COPY_OPTIONS[fmt]})")
        rows = con.execute("SELECT count(*) FROM events").fetchone()[0]
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return rows


def _literal(path: str) -> str:
    return path.replace("'", "''")

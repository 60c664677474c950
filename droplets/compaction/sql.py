"""The SQL of the compacted lake, written once in the subset Athena (Trino) and DuckDB share.

Athena runs it on AWS (the state machine of ``components/compaction.py``, the Glue view
``events``); DuckDB runs the very same text locally (``droplets compact``) and in the tests,
with the few Trino functions it lacks defined as macros (:data:`DUCKDB_COMPAT`). The tables
it reads have the same names and column types in both engines:

- ``events_json``: the JSON objects, the stored record's columns as the Glue table reads
  them with the JSON SerDe (timestamps and free-form JSON as text: :data:`TEXT_KINDS`),
  plus the day ``dt``;
- ``events_parquet``: the compacted runs, the same columns plus :data:`DERIVED` (flat
  columns for the record's enrichment and its route and status class) and the run, plus ``dt``;
- ``compaction_manifests``: one row per compacted day (:class:`droplets.contract.compaction.Manifest`).

A day's rewrite (:func:`rewrite_select`) *merges*: every JSON object of the day, plus the rows
of the day's current run whose event has no JSON object any more (its object expired with
``retentionDays``, the Parquet being kept for ``compactedRetentionDays``). Rewriting a day
twice therefore gives the same rows, a late call is added by the next rewrite, and a
rewrite never loses a row whose JSON is gone; an erased session is gone from both sides
(``forget`` removes it from the JSON objects and from the current run).

Days and run IDs reach this SQL only after :func:`droplets.contract.compaction.check_day` /
``check_run``: a date and a UUID, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from droplets import contract
from droplets.contract import compaction as layout

JSON_TABLE = "events_json"
PARQUET_TABLE = "events_parquet"
MANIFESTS_TABLE = "compaction_manifests"
#: The one logical table: compacted days from Parquet, the others from JSON.
VIEW = "events"
PARTITION = "dt"
RUN_COLUMN = "compaction_run"

#: How the JSON SerDe reads these kinds (and so how Parquet keeps them): as text. A
#: timestamp is droplets' ISO-8601 ``...Z`` text (it sorts as time); a JSON value is its
#: JSON text, except a JSON string, which is the string itself.
TEXT_KINDS = {"timestamp": "string", "json": "string"}

#: The columns of a manifest row (the Glue table ``compaction_manifests``).
MANIFEST_COLUMNS = (("dt", "string"), ("run", "string"), ("compacted_at", "string"), ("engine", "string"),
                    ("row_count", "bigint"), ("source_objects", "bigint"))


@dataclass(frozen=True)
class Derived:
    """A flat column computed from a stored record: its name, kind and SQL expression."""

    name: str
    kind: str
    expression: str


def _agent(field: str) -> str:
    return f"json_extract_scalar(enrichment, '$.user_agent.{field}')"


#: Flat, typed columns computed once, when a day is compacted (and on the fly for JSON days,
#: by the view). ``route`` is :func:`droplets.contract.effective_route`; ``status_class``
#: is the reports' (``droplets.report.status_class``); the rest comes from ``enrich``.
DERIVED: tuple[Derived, ...] = (
    Derived("route", "string", "COALESCE(NULLIF(request.route, ''), json_extract_scalar(enrichment, '$.route'))"),
    Derived("status_class", "string",
            "CASE WHEN response.status BETWEEN 200 AND 599 THEN substr(CAST(response.status AS VARCHAR), 1, 1) || 'xx' "
            "ELSE 'other' END"),
    Derived("browser", "string", _agent("browser")),
    Derived("os", "string", _agent("os")),
    Derived("device", "string", _agent("device")),
    Derived("is_bot", "boolean", f"TRY_CAST({_agent('is_bot')} AS BOOLEAN)"),
)

#: Trino functions DuckDB lacks, as DuckDB macros with Trino's meaning for what this SQL
#: passes them. Run on every DuckDB connection that runs this SQL.
DUCKDB_COMPAT = (
    "CREATE OR REPLACE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)",
    "CREATE OR REPLACE MACRO json_format(j) AS CAST(j AS VARCHAR)",
    "CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(replace(s, 'Z', '') AS TIMESTAMP)",
    "CREATE OR REPLACE MACRO sequence(a, b, s) AS generate_series(CAST(a AS TIMESTAMP), CAST(b AS TIMESTAMP), s)",
)


def quoted(name: str) -> str:
    return f'"{name}"'


def stored_names() -> list[str]:
    return [name for name, _ in contract.stored_columns()]


def logical_names() -> list[str]:
    """The columns of the logical table ``events`` (and of ``droplets sql``'s): the stored
    record's, the derived ones, then the day."""
    return [*stored_names(), *(d.name for d in DERIVED), PARTITION]


def text_column(column: contract.ColumnType) -> contract.ColumnType:
    """A stored column as the JSON SerDe reads it (and Parquet keeps it): timestamps and
    JSON as strings, structs and lists kept."""
    if isinstance(column, contract.Struct):
        return contract.Struct(tuple((name, text_column(sub)) for name, sub in column.fields))
    if isinstance(column, contract.ListOf):
        return contract.ListOf(text_column(column.item))
    return contract.Scalar(TEXT_KINDS.get(column.kind, column.kind))


def text_columns() -> list[tuple[str, contract.ColumnType]]:
    """``events_json``'s columns (the Glue table's), without the day."""
    return [(name, text_column(column)) for name, column in contract.stored_columns()]


def parquet_columns() -> list[tuple[str, contract.ColumnType]]:
    """The columns of a compacted run's files (``events_parquet``, without the day)."""
    return [*text_columns(), *((d.name, contract.Scalar(d.kind)) for d in DERIVED),
            (RUN_COLUMN, contract.Scalar("string"))]


# --- templates: SQL with a day, a run, a time in it --------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A value filled in when the SQL runs (``day``, ``run``, ``start``)."""

    name: str


@dataclass(frozen=True)
class Template:
    """SQL text with :class:`Slot` s in it. :meth:`render` fills them (checked values only);
    the state machine fills them with ``States.Format`` over :meth:`literals`."""

    parts: tuple[str | Slot, ...]

    @property
    def slots(self) -> list[str]:
        return [p.name for p in self.parts if isinstance(p, Slot)]

    def render(self, **values: str) -> str:
        missing = set(self.slots) - set(values)
        if missing:
            raise KeyError(f"no value for {', '.join(sorted(missing))}")
        return "".join(values[p.name] if isinstance(p, Slot) else p for p in self.parts)

    def literals(self) -> list[str]:
        return [p for p in self.parts if not isinstance(p, Slot)]


def _template(*chunks: str | Slot) -> Template:
    merged: list[str | Slot] = []
    for chunk in chunks:
        if isinstance(chunk, str) and merged and isinstance(merged[-1], str):
            merged[-1] += chunk
        elif chunk != "":
            merged.append(chunk)
    return Template(tuple(merged))


DAY, RUN, START = Slot("day"), Slot("run"), Slot("start")


def _derived(expressions: bool, qualifier: str = "") -> str:
    return ", ".join(f"{d.expression} AS {quoted(d.name)}" if expressions else f"{qualifier}{quoted(d.name)}"
                     for d in DERIVED)


def _stored(qualifier: str = "") -> str:
    return ", ".join(f"{qualifier}{quoted(name)}" for name in stored_names())


def _current_run(day: str | Slot) -> list[str | Slot]:
    """The rows of a day's current run: its files, joined to its manifest's run."""
    return [f"FROM {PARQUET_TABLE} p JOIN {MANIFESTS_TABLE} m ON p.{PARTITION} = m.dt AND p.{RUN_COLUMN} = m.run "
            f"WHERE p.{PARTITION} = '", day, "'"]


def rewrite_template() -> Template:
    """The rows of a day's new run (slots ``day`` and ``run``): the day's JSON objects, plus
    the current run's rows whose event has no JSON object any more; one row per event
    (the JSON object wins), sorted by session and time (a session's calls sit together,
    which compresses well and lets readers skip row groups by session)."""
    names = [*stored_names(), *(d.name for d in DERIVED)]
    outer = ", ".join(quoted(n) for n in names)
    return _template(
        f"SELECT {outer}, '", RUN, f"' AS {RUN_COLUMN} FROM (",
        f"SELECT {outer}, row_number() OVER (PARTITION BY event_id ORDER BY source_rank) AS rn FROM (",
        f"SELECT {_stored()}, {_derived(True)}, 0 AS source_rank FROM {JSON_TABLE} WHERE {PARTITION} = '", DAY, "'",
        " UNION ALL ",
        f"SELECT {_stored('p.')}, {_derived(False, 'p.')}, 1 AS source_rank ", *_current_run(DAY),
        ") AS merged) AS ranked WHERE rn = 1 OR event_id IS NULL ORDER BY session_id, occurred_at, event_id",
    )


def rewrite_select(day: str, run: str) -> str:
    return rewrite_template().render(day=layout.check_day(day), run=layout.check_run(run))


def unload_template(bucket: str) -> Template:
    """Athena's rewrite of a day: the rows of :func:`rewrite_template` written as
    ZSTD-compressed Parquet under the run's own prefix (UNLOAD refuses a prefix that holds
    anything, so a run never mixes with another)."""
    rewrite = rewrite_template()
    location = f"s3://{bucket}/{layout.COMPACTED_EVENTS_PREFIX}dt="
    return _template("UNLOAD (", *rewrite.parts, f") TO '{location}", DAY, "/run=", RUN,
                     "/' WITH (format = 'PARQUET', compression = 'ZSTD')")


def plan_template(grace_hours: int, lookback_days: int, compacted_retention_days: int) -> Template:
    """The state machine's plan (slot ``start``: the execution's start, ISO-8601): one row,
    two JSON arrays of days. ``compact``: the ``lookback_days`` closed days before
    ``start - grace_hours``, oldest first (each run rewrites them again, which is how late
    calls are picked up). ``expire``: compacted days older than ``compacted_retention_days``."""
    base = ["CAST(from_iso8601_timestamp('", START, f"') - INTERVAL '{int(grace_hours)}' HOUR AS DATE)"]
    return _template(
        "SELECT (SELECT COALESCE(json_format(CAST(array_agg(CAST(CAST(d AS DATE) AS VARCHAR) ORDER BY d) AS JSON)), '[]') "
        "FROM UNNEST(sequence(", *base, f" - INTERVAL '{int(lookback_days)}' DAY, ", *base,
        " - INTERVAL '1' DAY, INTERVAL '1' DAY)) AS t(d)) AS compact, ",
        "(SELECT COALESCE(json_format(CAST(array_agg(dt ORDER BY dt) AS JSON)), '[]') "
        f"FROM {MANIFESTS_TABLE} WHERE dt < CAST(CAST(CAST(from_iso8601_timestamp('", START,
        f"') AS DATE) - INTERVAL '{int(compacted_retention_days)}' DAY AS DATE) AS VARCHAR)) AS expire",
    )


def view_sql(first_day: str, last_day: str) -> str:
    """The logical table ``events``: every compacted day from its current run, every other
    day from its JSON objects, never both. ``first_day`` and ``last_day`` are SQL date
    expressions bounding where JSON days may be (Athena: the JSON retention, relative to
    ``current_date``). The JSON days are listed (the window's days EXCEPT the compacted
    ones) rather than filtered with NOT IN, so the engine can prune partitions with them."""
    names = ", ".join(quoted(n) for n in logical_names())
    json_days = (
        f"SELECT CAST(CAST(d AS DATE) AS VARCHAR) FROM UNNEST(sequence({first_day}, {last_day}, INTERVAL '1' DAY)) AS t(d) "
        f"EXCEPT SELECT dt FROM {MANIFESTS_TABLE}"
    )
    return (
        f"SELECT {names} FROM ("
        f"SELECT {_stored('p.')}, {_derived(False, 'p.')}, p.{PARTITION} AS {PARTITION} "
        f"FROM {PARQUET_TABLE} p JOIN {MANIFESTS_TABLE} m ON p.{PARTITION} = m.dt AND p.{RUN_COLUMN} = m.run"
        " UNION ALL "
        f"SELECT {_stored()}, {_derived(True)}, {PARTITION} FROM {JSON_TABLE} WHERE {PARTITION} IN ({json_days})"
        ") AS days"
    )


def athena_view_sql(retention_days: int) -> str:
    """The view as the Glue catalog holds it: JSON days within the retention window."""
    return view_sql(f"current_date - INTERVAL '{int(retention_days)}' DAY", "current_date + INTERVAL '1' DAY")


def duckdb_connection_setup(con) -> None:
    """Give a DuckDB connection the Trino functions this SQL uses, and UTC."""
    con.execute("SET TimeZone = 'UTC'")
    for statement in DUCKDB_COMPAT:
        con.execute(statement)


def values_list(values: Iterable[str]) -> str:
    """``'a', 'b'`` for checked days (an IN list)."""
    return ", ".join(f"'{layout.check_day(v)}'" for v in values)

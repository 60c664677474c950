"""SQL over the lake: locally in DuckDB, or on the stack's Athena workgroup.

Locally, the range's records are loaded into an in-memory DuckDB table ``events`` whose
columns are those of the Glue view ``events`` (:func:`droplets.compaction.sql.logical_names`):
the stored record's, derived from the record schema (:mod:`droplets.contract.columns`):
``request.route``, ``response.status``, ``error.message``, ``pipeline.transforms``...;
free-form parts (headers, bodies, ``enrichment``) as JSON columns
(``enrichment->>'$.user_agent.browser'``); then the flat columns compaction derives
(``route``, ``status_class``, ``browser``, ``os``, ``device``, ``is_bot``); then ``dt``, the day.

:func:`load_range` makes it one table over both kinds of day, as the view does on Athena:
a compacted day is read from its current Parquet run (:mod:`droplets.contract.compaction`),
any other day from its JSON objects, found through the index. Never both, never neither.

With Athena, the query runs as written on the Glue view, in the workgroup and database
the stack exports: the path for data that has outgrown one machine.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable

from droplets import contract
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout
from droplets.errors import DropletsError

if TYPE_CHECKING:
    from droplets.timerange import TimeRange

TABLE = "events"

#: DuckDB's syntax for the contract's column types (:mod:`droplets.contract.columns`).
DUCKDB = contract.Dialect(
    scalars={"int": "INTEGER", "bigint": "BIGINT", "double": "DOUBLE", "boolean": "BOOLEAN",
             "string": "VARCHAR", "timestamp": "TIMESTAMP", "json": "JSON"},
    struct="STRUCT({})", field='"{name}" {type}', separator=", ", list_of="{}[]",
)
#: The stored record's columns, as the Glue table has them (``contract.stored_columns``).
#: Explicit columns: inference would fail or explode on arbitrary request/response bodies.
COLUMNS: dict[str, str] = {name: DUCKDB.render(column) for name, column in contract.stored_columns()}


def _columns_literal() -> str:
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items()) + "}"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def connect():
    import duckdb

    con = duckdb.connect(database=":memory:")
    csql.duckdb_connection_setup(con)
    return con


def _logical_select(source: str) -> str:
    """The logical table's columns from a relation with the stored columns in DuckDB's
    types (``source``): the stored ones, the derived ones, the day."""
    stored = ", ".join(f'"{name}"' for name in COLUMNS)
    derived = ", ".join(f'{d.expression} AS "{d.name}"' for d in csql.DERIVED)
    return f"SELECT {stored}, {derived}, strftime(occurred_at, '%Y-%m-%d') AS {csql.PARTITION} FROM {source}"


def load_events(con, records: Iterable[dict]) -> int:
    """Create table ``events`` from ``records`` (through a temporary NDJSON file, which
    DuckDB's JSON reader streams); returns how many rows were loaded. An empty input
    makes an empty table with the same columns, so queries still run."""
    count = 0
    fd, path = tempfile.mkstemp(prefix="droplets-sql-", suffix=".ndjson")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, default=_json_default))
                out.write("\n")
                count += 1
        con.execute(
            f"CREATE OR REPLACE TABLE {TABLE} AS "
            + _logical_select(f"read_json(?, format = 'newline_delimited', columns = {_columns_literal()})"),
            [path],
        )
    finally:
        os.unlink(path)
    return count


def _from_text(expression: str, column: contract.ColumnType) -> str:
    """A column as Parquet keeps it (timestamps and JSON as text) in DuckDB's types. JSON
    text becomes JSON; text that is not JSON was a JSON string (the SerDe's reading of
    one), and becomes that string again (a string body "123" comes back as the number)."""
    if isinstance(column, contract.Struct):
        fields = ", ".join(f'"{name}" := {_from_text(f"{expression}.{chr(34)}{name}{chr(34)}", sub)}'
                           for name, sub in column.fields)
        return f"CASE WHEN {expression} IS NULL THEN NULL ELSE struct_pack({fields}) END"
    if isinstance(column, contract.ListOf):
        inner = _from_text("item", column.item)
        return expression if inner == "item" else f"list_transform({expression}, item -> {inner})"
    if column.kind == "timestamp":
        return f"CAST({expression} AS TIMESTAMP)"
    if column.kind == "json":
        return (f"CASE WHEN {expression} IS NULL THEN NULL WHEN json_valid({expression}) "
                f"THEN CAST({expression} AS JSON) ELSE to_json({expression}) END")
    return expression


def append_compacted(con, day: str, paths: list[str], first: str, last: str) -> int:
    """Add a compacted day's rows with ``first <= occurred_at <= last`` (its run's Parquet
    files, downloaded to ``paths``) to table ``events``; returns how many."""
    if not paths:
        return 0
    stored = ", ".join(f'{_from_text(chr(34) + name + chr(34), column)} AS "{name}"'
                       for name, column in contract.stored_columns())
    derived = ", ".join(f'"{d.name}"' for d in csql.DERIVED)
    before = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
    con.execute(
        f"INSERT INTO {TABLE} SELECT {stored}, {derived}, ? AS {csql.PARTITION} FROM read_parquet(?) "
        "WHERE occurred_at >= ? AND occurred_at <= ?",
        [layout.check_day(day), paths, first, last],
    )
    return con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] - before


@dataclass
class Loaded:
    """What :func:`load_range` put in table ``events``."""

    json_events: int = 0
    compacted_events: int = 0
    #: Days read from Parquet (each from its manifest's run).
    compacted_days: list[str] = field(default_factory=list)
    #: Indexed objects no longer in the bucket (erased or expired).
    missing: int = 0

    @property
    def total(self) -> int:
        return self.json_events + self.compacted_events


def load_range(con, s3, dynamodb, bucket: str, table: str, time_range: "TimeRange", *,
               on_events: Callable[[int], None] | None = None, workers: int = 16) -> Loaded:
    """Table ``events``: the records of ``time_range``, each day from one place only: a
    compacted day from its current run's Parquet files (no JSON object, no index item
    read), any other day from the JSON objects its index items point at."""
    from droplets.compaction import store
    from droplets.query import day_events, fetch_records

    days = list(time_range.days())
    compacted = store.manifests(s3, bucket, days, workers=workers)
    loaded = Loaded(compacted_days=list(compacted))

    def records():
        for day in days:
            if day in compacted:
                continue
            indexed = day_events(dynamodb, table, day, time_range.first, time_range.last)
            for _, record in fetch_records(s3, bucket, indexed, workers=workers):
                if on_events:
                    on_events(1)
                if record is None:
                    loaded.missing += 1
                else:
                    yield record

    loaded.json_events = load_events(con, records())
    with tempfile.TemporaryDirectory(prefix="droplets-sql-") as directory:
        for day, current in compacted.items():
            folder = os.path.join(directory, day)
            os.mkdir(folder)
            paths = store.download(s3, bucket, store.run_files(s3, bucket, day, current.run), folder)
            added = append_compacted(con, day, paths, time_range.first, time_range.last)
            loaded.compacted_events += added
            if on_events:
                on_events(added)
    return loaded


def check(con, query: str) -> None:
    """Fail on a query that cannot run (syntax, unknown column) BEFORE the range is read
    from S3: against an empty ``events`` table with the same columns."""
    import duckdb

    load_events(con, [])
    for statement in con.extract_statements(query):
        if statement.type == duckdb.StatementType.SELECT:
            con.execute(f"EXPLAIN {statement.query.rstrip().rstrip(';')}")


def run(con, query: str) -> tuple[list[str], list[tuple]]:
    """Run ``query``; returns (column names, rows). Statements without results give ([], [])."""
    cursor = con.execute(query)
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


# --- Athena ---------------------------------------------------------------------------------

_ATHENA_DONE = ("SUCCEEDED", "FAILED", "CANCELLED")
_INTEGER_TYPES = {"tinyint", "smallint", "integer", "int", "bigint"}
_FLOAT_TYPES = {"double", "float", "real", "decimal"}


def _convert(value: str | None, kind: str) -> Any:
    if value is None:
        return None
    kind = kind.lower()
    try:
        if kind in _INTEGER_TYPES:
            return int(value)
        if kind in _FLOAT_TYPES:
            return float(value)
    except ValueError:
        return value
    if kind == "boolean":
        return value.lower() == "true"
    return value


def athena_query(
    athena,
    query: str,
    *,
    workgroup: str,
    database: str,
    poll_seconds: float = 1.0,
    timeout_seconds: float = 1800.0,
    sleep: Callable[[float], None] = time.sleep,
    on_state: Callable[[str], None] | None = None,
) -> tuple[list[str], list[tuple]]:
    """Run ``query`` on Athena (StartQueryExecution in ``workgroup``/``database``), wait for
    it, and return (column names, rows), reading GetQueryResults page by page. The
    workgroup's own settings decide where results are written."""
    started = athena.start_query_execution(
        QueryString=query,
        WorkGroup=workgroup,
        QueryExecutionContext={"Database": database},
    )
    execution_id = started["QueryExecutionId"]
    waited = 0.0
    while True:
        execution = athena.get_query_execution(QueryExecutionId=execution_id)["QueryExecution"]
        state = execution["Status"]["State"]
        if on_state:
            on_state(state)
        if state in _ATHENA_DONE:
            break
        if waited >= timeout_seconds:
            athena.stop_query_execution(QueryExecutionId=execution_id)
            raise DropletsError(f"athena query {execution_id} still {state} after {timeout_seconds:.0f}s; stopped it")
        sleep(poll_seconds)
        waited += poll_seconds
        poll_seconds = min(poll_seconds * 1.5, 10.0)
    if state != "SUCCEEDED":
        reason = execution["Status"].get("StateChangeReason") or state.lower()
        raise DropletsError(f"athena query {execution_id} {state.lower()}: {reason}")

    columns: list[str] = []
    types: list[str] = []
    rows: list[tuple] = []
    first_page = True
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution_id):
        result = page["ResultSet"]
        if not columns:
            info = result.get("ResultSetMetadata", {}).get("ColumnInfo", [])
            columns = [c.get("Label") or c["Name"] for c in info]
            types = [c.get("Type", "varchar") for c in info]
        page_rows = result.get("Rows", [])
        for index, row in enumerate(page_rows):
            values = [cell.get("VarCharValue") for cell in row.get("Data", [])]
            # For SELECT, Athena repeats the header as the first row of the first page.
            if first_page and index == 0 and columns and values == columns:
                continue
            rows.append(tuple(_convert(v, t) for v, t in zip(values, types or ["varchar"] * len(values))))
        first_page = False
    return columns, rows

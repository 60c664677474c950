"""SQL over the lake: locally in DuckDB, or on the stack's Athena workgroup.

Locally, the range's records are found through the index, read from S3 concurrently, and
loaded into an in-memory DuckDB table ``events`` whose columns are the Glue table's, both
derived from the record schema (:mod:`droplets.contract.columns`): ``request.route``,
``response.status``, ``error.message``, ``pipeline.transforms``...; free-form parts
(headers, bodies, ``enrichment``) are JSON columns (``enrichment->>'$.ua.browser'``).
``dt`` is the day, as in the Athena table's partition.

With Athena, the query runs as written on the Glue table, in the workgroup and database
the stack exports: the path for data that has outgrown one machine.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from decimal import Decimal
from typing import Any, Callable, Iterable

from droplets import contract
from droplets.errors import DropletsError

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

    return duckdb.connect(database=":memory:")


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
            "SELECT *, strftime(occurred_at, '%Y-%m-%d') AS dt "
            f"FROM read_json(?, format = 'newline_delimited', columns = {_columns_literal()})",
            [path],
        )
    finally:
        os.unlink(path)
    return count


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

"""``droplets sql``: SQL over the records of a time range (DuckDB, locally), or over the Glue
table with ``--athena``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, Stack, Until, target_for
from droplets.console import emit, fail, note, progress, stdout
from droplets.timerange import HELP as TIME_HELP, TimeRange

app = Commands()


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL over table `events` (DuckDB), or the Glue table with --athena.", show_default=False)],
    since: Annotated[Optional[str], typer.Option("--since", help=f"Load from (default 24h): {TIME_HELP}.", show_default=False)] = None,
    until: Until = None,
    athena: Annotated[bool, typer.Option("--athena", help="Run on the stack's Athena workgroup and Glue table instead.")] = False,
    workgroup: Annotated[Optional[str], typer.Option("--workgroup", help="Athena workgroup (default: the stack's).", show_default=False)] = None,
    database: Annotated[Optional[str], typer.Option("--database", help="Glue database (default: the stack's).", show_default=False)] = None,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """Load the range's records into DuckDB as table `events` and run QUERY.

    Compacted days are read from their Parquet run, the others from their JSON objects
    (found via the index); with --athena the query runs on the Glue view `events`, the same
    logical table.
    """
    from droplets import sql as lake_sql

    if athena:
        if since or until:
            fail("--since/--until choose what is loaded locally; with --athena filter in the query (WHERE dt BETWEEN '...' AND '...')", 2)
        target = target_for("athena_workgroup", "glue_database", stack=stack, workgroup=workgroup, database=database,
                            bucket=bucket, table=table)
        if target.glue_table and not as_json:
            note(f"athena: workgroup {target.athena_workgroup}, database {target.glue_database}, table {target.glue_table}")
        with progress("athena query running") as bar:
            columns, rows = lake_sql.athena_query(
                target.athena, query, workgroup=target.athena_workgroup, database=target.glue_database,
                on_state=lambda state: bar.describe(f"athena query {state.lower()}"),
            )
    else:
        time_range = TimeRange.parse(since or "24h", until)
        target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
        con = lake_sql.connect()
        lake_sql.check(con, query)
        with progress("loading records") as bar:
            loaded = lake_sql.load_range(con, target.s3, target.dynamodb, target.bucket, target.table, time_range,
                                         on_events=bar.advance)
        columns, rows = lake_sql.run(con, query)
        if loaded.missing:
            note(f"{loaded.missing} indexed object(s) are no longer in the bucket (erased or expired)")
        if not as_json:
            compacted = f" ({len(loaded.compacted_days)} compacted day(s) from Parquet)" if loaded.compacted_days else ""
            note(f"loaded {loaded.total:,} events from {time_range.describe()}{compacted}")
    print_rows(columns, rows, as_json)


def print_rows(columns: list[str], rows: list[tuple], as_json: bool) -> None:
    if as_json:
        for row in rows:
            emit(dict(zip(columns, row)))
        return
    if not columns:
        stdout().print("ok")
        return
    table = Table(caption=f"{len(rows):,} row(s)", caption_justify="left")
    for name in columns:
        table.add_column(str(name), overflow="fold")
    for row in rows:
        table.add_row(*("NULL" if v is None else str(v) for v in row))
    stdout().print(table)

"""``droplets export``: a time range as a flat, typed dataset (Parquet, CSV or NDJSON); the
library side is :mod:`droplets.export`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, Since, Stack, Until, parsed, target_for
from droplets.console import emit, note, progress, stdout
from droplets.timerange import TimeRange

app = Commands()


@app.command()
def export(
    since: Since,
    out: Annotated[str, typer.Option("--out", help="The file to write (refused if it exists, unless --force).", show_default=False)],
    until: Until = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="parquet, csv or ndjson (default: from --out's suffix).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it exists.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """Write the range's calls as a flat, typed dataset (Parquet, CSV or NDJSON).

    One row per call: time, day, session, method, route, status class, status, duration,
    body sizes, browser, OS, device, bot, service, environment, error type. Compacted days
    are read from Parquet, the others from their JSON objects. For pandas, polars or DuckDB
    (docs/compaction.md).
    """
    from droplets import export as dataset, sql as lake_sql

    chosen = parsed(lambda: dataset.format_of(out, fmt), "--format")
    time_range = TimeRange.parse(since, until)
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    con = lake_sql.connect()
    with progress("loading records") as bar:
        loaded = lake_sql.load_range(con, target.s3, target.dynamodb, target.bucket, target.table, time_range,
                                     on_events=bar.advance)
    rows = dataset.write(con, out, chosen, force=force)
    summary = {"out": out, "format": chosen, "rows": rows, "since": time_range.first, "until": time_range.end,
               "compacted_days": loaded.compacted_days, "json_events": loaded.json_events,
               "compacted_events": loaded.compacted_events}
    if as_json:
        emit(summary)
        return
    if loaded.missing:
        note(f"{loaded.missing} indexed object(s) are no longer in the bucket (erased or expired)")
    days = f", {len(loaded.compacted_days)} compacted day(s) read from Parquet" if loaded.compacted_days else ""
    stdout().print(f"wrote {rows:,} calls of {time_range.describe()} to {out} ({chosen}{days})")

"""``droplets reindex``: add the index items the bucket's objects are missing."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from droplets import contract
from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, Stack, target_for
from droplets.console import emit, note, progress, stdout

app = Commands()


@app.command()
def reindex(
    prefix: Annotated[str, typer.Option("--prefix", help="Only keys under this prefix.")] = contract.EVENTS_PREFIX,
    since: Annotated[Optional[str], typer.Option("--since", help="Only days from this one on (YYYY-MM-DD, 7d, ...).", show_default=False)] = None,
    retention_days: Annotated[Optional[str], typer.Option("--retention-days", help=f"TTL for added items (default: ${contract.ENV_RETENTION_DAYS}).", show_default=False)] = None,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """List the bucket and add the index items that are missing (idempotent)."""
    import os
    from datetime import datetime, timezone

    from droplets.reindex import parse_retention, reindex as run_reindex
    from droplets.timerange import parse_moment

    since_day = parse_moment(since, now=datetime.now(timezone.utc)).date().isoformat() if since else None
    retention = parse_retention(retention_days if retention_days is not None else os.environ.get(contract.ENV_RETENTION_DAYS))
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    with progress("reindexing", total=0) as bar:
        result = run_reindex(
            target.s3, target.dynamodb, target.bucket, target.table,
            prefix=prefix, since_day=since_day, retention_days=retention,
            on_listed=bar.grow, on_done=bar.advance,
        )
    if as_json:
        emit(result.to_dict())
        return
    stdout().print(
        f"listed {result.listed:,} objects: added {result.added:,} index items, "
        f"{result.present:,} already present, {result.skipped:,} skipped"
    )
    for key, reason in result.skipped_examples:
        note(f"  skipped {key}: {reason}")

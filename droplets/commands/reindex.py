"""``droplets reindex``: add the index items the bucket's objects are missing, and move
existing items to the by-day GSI's write shards."""

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
    shards: Annotated[Optional[int], typer.Option(
        "--shards", min=1, max=contract.MAX_INDEX_SHARDS, show_default=False,
        help="Write shards of the by-day index to add and move items to (default: the count the indexer uses now, "
             "from the index's layout item; the stack's droplets:indexShards).")] = None,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """List the bucket, add the index items that are missing and move items to their by-day
    write shard (idempotent; run it again, or with --since, to resume)."""
    import os
    from datetime import datetime, timezone

    from droplets.reindex import ReindexResult, parse_retention, reindex as run_reindex
    from droplets.timerange import parse_moment

    since_day = parse_moment(since, now=datetime.now(timezone.utc)).date().isoformat() if since else None
    retention = parse_retention(retention_days if retention_days is not None else os.environ.get(contract.ENV_RETENTION_DAYS))
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    result = ReindexResult()
    try:
        with progress("reindexing", total=0) as bar:
            run_reindex(
                target.s3, target.dynamodb, target.bucket, target.table,
                prefix=prefix, since_day=since_day, retention_days=retention, shards=shards,
                on_listed=bar.grow, on_done=bar.advance, result=result,
            )
    except BaseException:
        if result.last_day:  # what is done is done: say where to pick up
            note(f"stopped after {result.listed:,} objects; to resume: droplets reindex --since {result.last_day}")
        raise
    if as_json:
        emit(result.to_dict())
        return
    stdout().print(
        f"listed {result.listed:,} objects: added {result.added:,} index items, "
        f"{result.present:,} already present ({result.moved:,} moved to their shard of {result.shards}), "
        f"{result.skipped:,} skipped"
    )

    for key, reason in result.skipped_examples:
        note(f"  skipped {key}: {reason}")

"""``droplets tail``: calls as they are indexed, one line each, until Ctrl-C."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, PageSize, Stack, parsed, target_for
from droplets.console import emit, note, stdout
from droplets.render import tail_line

app = Commands()


@app.command()
def tail(
    session: Annotated[Optional[str], typer.Option("--session", help="Only this session's calls (reads its partition instead of the by-day index).", show_default=False)] = None,
    route: Annotated[Optional[str], typer.Option("--route", help="Route template, e.g. /courses/:id, or a glob with *, e.g. '/courses/*' or '*/checkout'.", show_default=False)] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="404, 5xx or 400-499.", show_default=False)] = None,
    slower_than: Annotated[Optional[str], typer.Option("--slower-than", help="Only calls that took longer than this, e.g. 500ms or 2s.", show_default=False)] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the stored records themselves (read from S3, concurrently, in order).")] = False,
    as_json: AsJson = False,
    interval: Annotated[str, typer.Option("--interval", help="Time between polls (e.g. 500ms, 2s).")] = "2s",
    lookback: Annotated[str, typer.Option("--lookback", help="How late a call may be indexed after it occurred and still be shown (each poll reads this much back).")] = "2m",
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
    page_size: PageSize = None,
) -> None:
    """New calls as they are indexed, one line each, until Ctrl-C (exit code 0).

    Each line: time, session (its first 8 characters), method, route, status, duration.
    Polls the index (no bucket scan) and crosses midnight UTC without a gap or a repeat;
    calls indexed before it started are not shown. --json gives NDJSON (with --raw, the
    stored records); Ctrl-C ends it with exit code 0."""
    from droplets.query import EventFilter, check_session_id, fetch_records, parse_status
    from droplets.tail import Tail, follow
    from droplets.timerange import parse_duration

    if session is not None:
        parsed(lambda: check_session_id(session), "--session")
    where = EventFilter(
        route=route or None,
        status=parsed(lambda: parse_status(status)) if status is not None else None,
        slower_than=parsed(lambda: parse_duration(slower_than, option="--slower-than", units=("ms", "s"))).total_seconds() * 1000
        if slower_than is not None else None,
    )
    every = parsed(lambda: parse_duration(interval, option="--interval", units=("ms", "s", "m")))
    window = parsed(lambda: parse_duration(lookback, option="--lookback", units=("s", "m", "h", "d")))
    target = target_for("table", *(("bucket",) if raw else ()), bucket=bucket, table=table, stack=stack)
    follower = Tail(target.dynamodb, target.table, where=where, session_id=session, lookback=window,
                    page_size=page_size)
    console = stdout()
    shown = 0
    try:
        follower.start()
        note(f"following {'session ' + session if session else 'table ' + target.table} "
             f"(calls indexed up to {lookback} late); Ctrl-C to stop")
        for batch in follow(follower, every):
            if raw:
                for event, record in fetch_records(target.s3, target.bucket, batch):
                    if record is None:
                        note(f"{event['s3_key']}: no longer in the bucket (erased or expired)")
                    elif as_json:
                        emit(record)
                    else:
                        console.print(tail_line(event), soft_wrap=True)
                        console.print_json(data=record)
            else:
                for event in batch:
                    if as_json:
                        emit(event)
                    else:
                        console.print(tail_line(event), soft_wrap=True)
            shown += len(batch)
    except KeyboardInterrupt:
        # The way to stop tail, not a failure: exit 0 (the help says so).
        note(f"stopped; {shown:,} call(s) shown")
    except BrokenPipeError:
        # `droplets tail --json | head -5`: the reader left, which is an ordinary end too.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())

"""``droplets session``: a session's journey, from the index (and with ``--full`` its stored
records from the bucket)."""

from __future__ import annotations

from typing import Annotated

import typer

from droplets import contract
from droplets.commands.shared import AsJson, Bucket, Commands, IndexOptions, reads_index
from droplets.console import emit, note, progress, stdout
from droplets.errors import NotFound
from droplets.render import print_journey

app = Commands()


@app.command()
@reads_index
def session(
    session_id: Annotated[str, typer.Argument(help="The session ID (X-Session-Id).", show_default=False)],
    full: Annotated[bool, typer.Option("--full", help="Also fetch the stored records from S3.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    index: IndexOptions = IndexOptions(),
) -> None:
    """A session's journey in time order (time, method, route, status, duration), from the index."""
    from droplets.query import check_session_id, fetch_records, session_events

    check_session_id(session_id)
    target = index.target("table", *(("bucket",) if full else ()), bucket=bucket)
    events = session_events(target.dynamodb, target.table, session_id, page_size=index.page_size)
    unknown = NotFound(f"unknown session {session_id!r}: no events in table '{target.table}'")

    if not full:
        if as_json:
            count = 0
            for event in events:
                emit(event)
                count += 1
        else:
            rows = list(events)
            count = len(rows)
            if rows:
                print_journey(session_id, rows)
        if not count:
            raise unknown
        return

    rows = list(events)
    if not rows:
        raise unknown
    missing = 0
    console = stdout()
    if not as_json:
        print_journey(session_id, rows, console)
    with progress("reading records", total=len(rows)) as bar:
        for event, record in fetch_records(target.s3, target.bucket, rows):
            bar.advance()
            if record is None:
                missing += 1  # erased or expired since it was indexed: said once, below
            elif as_json:
                emit(record)
            else:
                console.rule(f"{event[contract.DAY_INDEX_SK]}  {event.get('method', '')} {event.get('route') or ''}", align="left")
                console.print_json(data=record)
    if missing:
        note(f"{missing} indexed object(s) are no longer in the bucket (erased or expired)")

"""``droplets events``: the events of a time range, through the index's by-day GSI."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from droplets.commands.shared import AsJson, Commands, IndexOptions, Since, Until, reads_index
from droplets.console import emit, note, stdout
from droplets.render import events_table
from droplets.timerange import TimeRange

app = Commands()


@app.command()
@reads_index
def events(
    since: Since = "24h",
    until: Until = None,
    route: Annotated[Optional[str], typer.Option("--route", help="Route template, e.g. /courses/:id, or a glob with *, e.g. '/courses/*' or '*/checkout'.", show_default=False)] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="404, 5xx or 400-499.", show_default=False)] = None,
    min_duration: Annotated[Optional[float], typer.Option("--min-duration", min=0, help="Only calls at least this slow (ms).", show_default=False)] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Stop after this many events (table default: 1000).", show_default=False)] = None,
    as_json: AsJson = False,
    index: IndexOptions = IndexOptions(),
) -> None:
    """Events in a time range, through the index's by-day GSI (each day's write shards queried concurrently, merged in time order), streamed."""
    from droplets.query import EventFilter, events_between, parse_status

    time_range = TimeRange.parse(since, until)
    where = EventFilter(route=route, status=parse_status(status) if status else None, min_duration=min_duration)
    target = index.target("table")
    stream = events_between(target.dynamodb, target.table, time_range, where=where, page_size=index.page_size)
    if as_json:
        for count, event in enumerate(stream, start=1):
            emit(event)
            if limit and count >= limit:
                break
        return
    cap = limit or 1000
    rows: list[dict] = []
    for event in stream:
        if len(rows) == cap:
            note(f"showing the first {cap:,} events; use --limit or --json for more")
            break
        rows.append(event)
    if not rows:
        stdout().print(f"no events in {time_range.describe()}")
        return
    stdout().print(events_table(rows, f"{len(rows):,} events, {time_range.describe()}", with_session=True))

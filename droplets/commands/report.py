"""``droplets report``: reports from the index alone (no S3 reads). Add a report as one more
``@app.command("name")`` here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from droplets.commands.shared import AsJson, Commands, IndexTable, PageSize, Since, Stack, Until, target_for
from droplets.console import emit, note, progress
from droplets.render import print_api_report
from droplets.timerange import TimeRange

app = Commands("report", help="Reports from the index alone (no S3 reads).")


@app.command("api")
def report_api(
    since: Since = "7d",
    until: Until = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML page with charts.", dir_okay=False, show_default=False)] = None,
    slowest: Annotated[int, typer.Option("--slowest", min=0, help="How many slowest sessions to list.")] = 10,
    as_json: AsJson = False,
    table: IndexTable = None,
    stack: Stack = None,
    page_size: PageSize = None,
) -> None:
    """Per route: calls, 4xx and 5xx rates, p50/p95/p99 latency; and the slowest sessions."""
    from droplets.query import events_between
    from droplets.report import build_api_report

    time_range = TimeRange.parse(since, until)
    target = target_for("table", table=table, stack=stack)
    with progress("reading the index") as bar:
        def counted():
            for event in events_between(target.dynamodb, target.table, time_range, page_size=page_size):
                bar.advance()
                yield event

        report = build_api_report(counted(), time_range, slowest=slowest)
    if html is not None:
        from droplets.report_html import write_html

        write_html(report, html)
        note(f"wrote {html}")
    if as_json:
        emit(report.to_dict())
        return
    print_api_report(report)

"""``droplets report``: reports from the index alone (no S3 reads). Add a report as one more
``@app.command("name")`` here, with ``@reads_index`` for the index's options."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from droplets.commands.shared import AsJson, Commands, IndexOptions, Since, Until, parsed, reads_index
from droplets.console import emit, note, progress
from droplets.render import print_api_report, print_funnel, print_journeys_report
from droplets.timerange import TimeRange

Html = Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML page with charts (opens offline).", dir_okay=False, show_default=False)]

app = Commands("report", help="Reports from the index alone (no S3 reads).")


@app.command("api")
@reads_index
def report_api(
    since: Since = "7d",
    until: Until = None,
    html: Html = None,
    slowest: Annotated[int, typer.Option("--slowest", min=0, help="How many slowest sessions to list.")] = 10,
    as_json: AsJson = False,
    index: IndexOptions = IndexOptions(),
) -> None:
    """Per route: calls, 4xx and 5xx rates, p50/p95/p99 latency; and the slowest sessions."""
    from droplets.report import build_api_report

    time_range = TimeRange.parse(since, until)
    with progress("reading the index") as bar:
        report = build_api_report(_range_events(time_range, index, bar), time_range, slowest=slowest)
    _show(report, html, as_json, "droplets.report_html.write_html", print_api_report)


def _show(report, html: Path | None, as_json: bool, html_writer: str, print_report: Callable[[Any], None]) -> None:
    """Every report's way out, the same for each: the HTML page when --html names one, then the
    JSON with --json, else the terminal tables. `html_writer` is the page writer's dotted name
    so that its module is imported only when a page is asked for (start-up stays quick)."""
    if html is not None:
        module, _, writer = html_writer.rpartition(".")
        getattr(importlib.import_module(module), writer)(report, html)
        note(f"wrote {html}")
    if as_json:
        emit(report.to_dict())
        return
    print_report(report)


def _counted(events, bar):
    for event in events:
        bar.advance()
        yield event


def _range_events(time_range: TimeRange, index: IndexOptions, bar):
    """The range's events from the index, each counted on the progress bar as it is read."""
    from droplets.query import events_between

    target = index.target("table")
    return _counted(events_between(target.dynamodb, target.table, time_range, page_size=index.page_size), bar)


@app.command("journeys")
@reads_index
def report_journeys(
    since: Since = "7d",
    until: Until = None,
    from_step: Annotated[Optional[str], typer.Option("--from", metavar="STEP", help="Also: what sessions do next after this step ([METHOD ]/route[:STATUS], e.g. 'GET /courses/:id').", show_default=False)] = None,
    html: Html = None,
    as_json: AsJson = False,
    index: IndexOptions = IndexOptions(),
) -> None:
    """Sessions, calls and duration per session (p50, p90), bounces, entry and exit steps, the
    most common paths of 2 and 3 steps; with --from, the next steps after one. Sessions are
    seen inside the range only; calls without a session are left out."""
    from droplets.journeys import StepMatcher, build_journeys

    matcher = parsed(lambda: StepMatcher.parse(from_step), "--from") if from_step is not None else None
    time_range = TimeRange.parse(since, until)
    with progress("reading the index") as bar:
        report = build_journeys(_range_events(time_range, index, bar), time_range.first,
                                time_range.end, from_step=matcher)
    _show(report, html, as_json, "droplets.journeys_html.write_journeys_html", print_journeys_report)


@app.command("funnel")
@reads_index
def report_funnel(
    steps: Annotated[list[str], typer.Argument(metavar="STEP...", help="Two or more steps in order: [METHOD ]/route[:STATUS], e.g. 'GET /courses' 'GET /courses/:id' 'POST /signup:2xx'. A route is a template or a glob with *; STATUS is 2xx, 404 or 400-499.", show_default=False)],
    since: Since = "7d",
    until: Until = None,
    within: Annotated[Optional[str], typer.Option("--within", help="Count a step only within this long of the session's first step (e.g. 30m, 2h).", show_default=False)] = None,
    html: Html = None,
    as_json: AsJson = False,
    index: IndexOptions = IndexOptions(),
) -> None:
    """Sessions that reach each step in order: conversion from step to step and overall, p50
    and p90 time between steps, and where the sessions that dropped went instead."""
    from droplets.journeys import build_funnel, parse_steps
    from droplets.timerange import parse_duration

    matchers = parsed(lambda: parse_steps(steps))
    window = parsed(lambda: parse_duration(within, option="--within", units=("s", "m", "h", "d"))) if within is not None else None
    time_range = TimeRange.parse(since, until)
    with progress("reading the index") as bar:
        report = build_funnel(_range_events(time_range, index, bar), matchers, time_range.first,
                              time_range.end, within=window)
    _show(report, html, as_json, "droplets.journeys_html.write_funnel_html", print_funnel)

"""The Rich tables of what the lake answers: a session's journey, a list of events, the API
report. The commands print them, and so does ``droplets demo``, from the same functions."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from droplets import contract
from droplets.console import stdout


def _status_style(status: Any) -> str:
    if isinstance(status, int):
        if status >= 500:
            return f"[red]{status}[/]"
        if status >= 400:
            return f"[yellow]{status}[/]"
        return f"[green]{status}[/]"
    return "" if status is None else str(status)


def _ms(value: Any) -> str:
    return "" if value is None else f"{value:,.1f}"


def events_table(events: list[dict], title: str, *, with_session: bool) -> Table:
    """Index items as rows: time, (session,) method, route, status, duration."""
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("time (UTC)", no_wrap=True)
    if with_session:
        table.add_column("session", no_wrap=True)
    table.add_column("method", no_wrap=True)
    table.add_column("route", overflow="fold")
    table.add_column("status", justify="right", no_wrap=True)
    table.add_column("duration ms", justify="right", no_wrap=True)
    for event in events:
        row = [event[contract.DAY_INDEX_SK]]
        if with_session:
            row.append(event.get(contract.INDEX_PK) or "")
        row += [event.get("method") or "", event.get("route") or "", _status_style(event.get("status")), _ms(event.get("duration_ms"))]
        table.add_row(*row)
    return table


def print_journey(session_id: str, events: list[dict], console: Console | None = None) -> None:
    """A session's journey (its index items in time order) as a table."""
    title = f"session {session_id}: {len(events):,} calls"
    if events:
        title += f", {events[0][contract.DAY_INDEX_SK]} .. {events[-1][contract.DAY_INDEX_SK]}"
    (console or stdout()).print(events_table(events, title, with_session=False))


def print_api_report(report, console: Console | None = None) -> None:
    """The API report (:func:`droplets.report.build_api_report`) as tables."""
    console = console or stdout()
    if not report.total:
        console.print(f"no calls between {report.since} and {report.until}")
        return
    routes = Table(title=f"API report {report.since} .. {report.until}: {report.total:,} calls", title_justify="left")
    for name in ("route", "calls", "4xx", "5xx", "p50 ms", "p95 ms", "p99 ms", "max ms"):
        routes.add_column(name, justify="left" if name == "route" else "right", overflow="fold" if name == "route" else "ellipsis")
    for r in report.routes:
        routes.add_row(
            r.route, f"{r.count:,}", f"{r.error_rate_4xx:.1%}",
            f"[red]{r.error_rate_5xx:.1%}[/]" if r.errors_5xx else f"{r.error_rate_5xx:.1%}",
            _ms(r.p50_ms), _ms(r.p95_ms), _ms(r.p99_ms), _ms(r.max_ms),
        )
    console.print(routes)
    if report.slowest_sessions:
        slow = Table(title="slowest sessions (by their slowest call)", title_justify="left")
        for name in ("session", "calls", "slowest ms", "total ms", "slowest route", "at"):
            slow.add_column(name, justify="right" if "ms" in name or name == "calls" else "left")
        for s in report.slowest_sessions:
            slow.add_row(s.session_id, f"{s.count:,}", _ms(s.max_ms), _ms(s.total_ms), s.slowest_route, s.slowest_at)
        console.print(slow)

"""The Rich tables of what the lake answers: a session's journey, a list of events, the API
report. The commands print them, and so does ``droplets demo``, from the same functions."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

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
    print_summary(report, console)
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
        console.print(f"[dim]a session's journey: {escape(report.slowest_sessions[0].journey_command)}[/]", soft_wrap=True)


def print_summary(report, console: Console | None = None) -> None:
    """The report's first lines: the totals, the busiest and slowest routes, and each alert."""
    from droplets.report import format_ms

    console = console or stdout()
    summary = report.summary
    console.print(
        f"[bold]{summary.calls:,} calls[/] · 4xx {summary.error_rate_4xx:.1%} · "
        + (f"[red]5xx {summary.error_rate_5xx:.1%}[/]" if summary.errors_5xx else "5xx 0.0%")
        + f" · p50 {format_ms(summary.p50_ms)} · p95 {format_ms(summary.p95_ms)} · p99 {format_ms(summary.p99_ms)}",
        soft_wrap=True,
    )
    console.print(f"busiest route {escape(summary.busiest_route)} · slowest route (p95) {escape(summary.slowest_route)}",
                  soft_wrap=True)
    for alert in summary.alerts:
        console.print(f"[bold red]![/] [red]{escape(alert.message)}[/]", soft_wrap=True)


# --- droplets tail ------------------------------------------------------------------------
# Routes and steps are the API's text: they go into Text objects, never into markup, so a
# route like "/a/[b]" or "/users/:id:" prints as it is (no style, no emoji).


def _status_text(status: Any) -> Text:
    if isinstance(status, int):
        return Text(str(status), style="red" if status >= 500 else "yellow" if status >= 400 else "green")
    return Text("-" if status is None else str(status))


def short_session(session_id: str | None) -> str:
    """The first 8 characters of a session ID (a UUID's first group), ``-`` for none."""
    if not session_id or session_id == contract.NO_SESSION:
        return "-"
    return session_id[:8]


def tail_line(event: dict) -> Text:
    """One call as ``droplets tail`` prints it: time, short session, method, route, status,
    duration."""
    duration = event.get("duration_ms")
    return Text.assemble(
        f"{event[contract.DAY_INDEX_SK]}  {short_session(event.get(contract.INDEX_PK)):<8}  ",
        f"{event.get('method') or '?':<6} {event.get('route') or '(no route)'}  ",
        _status_text(event.get("status")),
        f"  {'' if duration is None else f'{duration:,.1f} ms'}",
    )


# --- journeys and funnels -----------------------------------------------------------------

def _pct(value: float) -> str:
    return f"{value:.1%}"


def _duration(ms: Any) -> str:
    """A time between calls, readable: ``850 ms``, ``12.5 s``, ``3.2 min``, ``1.5 h``."""
    if ms is None:
        return ""
    if ms < 1000:
        return f"{ms:,.0f} ms"
    if ms < 60_000:
        return f"{ms / 1000:,.1f} s"
    if ms < 3_600_000:
        return f"{ms / 60_000:,.1f} min"
    return f"{ms / 3_600_000:,.1f} h"


def _table(title: str, *columns: str, left: tuple[str, ...] = ()) -> Table:
    table = Table(title=Text(title), title_justify="left")
    for name in columns:
        table.add_column(name, justify="left" if name in left else "right", overflow="fold")
    return table


def _ranked_table(title: str, rows: list[dict]) -> Table:
    table = _table(title, "step", "sessions", "share", left=("step",))
    for row in rows:
        table.add_row(Text(row["step"]), f"{row['sessions']:,}", _pct(row["share"]))
    return table


def print_journeys_report(report, console: Console | None = None) -> None:
    """The journeys report (:func:`droplets.journeys.build_journeys`) as tables."""
    console = console or stdout()
    if not report.sessions:
        console.print(f"no sessions between {report.since} and {report.until}")
        return
    summary = _table(f"journeys {report.since} .. {report.until}", "sessions", "calls", "calls/session p50", "p90",
                     "duration p50", "p90", "bounces")
    summary.add_row(
        f"{report.sessions:,}", f"{report.calls:,}",
        f"{report.calls_per_session['median']:,.0f}", f"{report.calls_per_session['p90']:,.0f}",
        _duration(report.duration_ms["median"]), _duration(report.duration_ms["p90"]),
        f"{report.bounces:,} ({_pct(report.bounce_rate)})",
    )
    console.print(summary)
    if report.no_session_calls:
        console.print(f"[dim]{report.no_session_calls:,} calls without a session are not in any journey[/]")
    console.print(_ranked_table("entry steps (first call of a session)", report.entries))
    console.print(_ranked_table("exit steps (last call of a session)", report.exits))
    for length, paths in report.paths.items():
        if not paths:
            continue
        table = _table(f"most common paths of {length} steps (repeats folded)", "path", "sessions", "times", left=("path",))
        for path in paths:
            table.add_row(Text(path["path"]), f"{path['sessions']:,}", f"{path['times']:,}")
        console.print(table)
    if report.from_step is not None:
        table = _table(f"after {report.from_step}: {report.from_count:,} visits", "next step", "visits", "share",
                       "median time to it", left=("next step",))
        for step in report.next_steps:
            table.add_row(Text(step.step), f"{step.count:,}", _pct(step.share), _duration(step.median_ms))
        console.print(table)


def print_funnel(report, console: Console | None = None) -> None:
    """A funnel (:func:`droplets.journeys.build_funnel`) as a table."""
    console = console or stdout()
    within = f", within {_duration(report.within_ms)}" if report.within_ms else ""
    table = _table(
        f"funnel {report.since} .. {report.until}{within}: {report.steps[0].sessions:,} of {report.sessions:,} "
        f"sessions entered, {report.converted:,} converted ({_pct(report.to_dict()['conversion'])})",
        "#", "step", "sessions", "from previous", "overall", "time p50", "time p90", "dropped", "went instead to",
        left=("step", "went instead to"),
    )
    for number, step in enumerate(report.steps, start=1):
        went = ", ".join(f"{d['step']} {d['sessions']:,}" for d in step.dropped_to[:3])
        table.add_row(
            str(number), Text(step.step), f"{step.sessions:,}", _pct(step.conversion), _pct(step.overall),
            _duration(step.median_ms), _duration(step.p90_ms), f"{step.dropped:,}" if step.dropped else "", Text(went),
        )
    console.print(table)

"""The API report as ONE self-contained HTML page that opens offline (and the page shell the
journeys and funnel pages share, :mod:`droplets.journeys_html`).

Charts are drawn by Chart.js (``droplets/assets/``, vendored from npm with its licence,
see ``vendored.json``), inlined into the page with the few lines that draw the charts from
their configurations (``charts.js``): no CDN link, nothing to fetch, and a page of a few
hundred kilobytes (plotly.js alone weighed 4.6 MB). The API page holds, from the top: a
summary (calls, error rates, p50/p95/p99, the busiest and the slowest route) with anything
alarming called out; calls over time by status class; the latency of all calls over time
(p50/p95/p99) and each busy route's p95; the routes; the slowest sessions with the command
that shows each one's journey.

Times on the charts are UTC, labelled for the bucket width: ``14:05`` for minutes, ``Dec 02
14:00`` for hours, ``Dec 02`` for days.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Mapping

from droplets import contract
from droplets.report import STATUS_CLASSES, ApiReport, format_ms

ASSETS = Path(__file__).resolve().parent / "assets"
#: The scripts a page can inline: Chart.js, its Sankey chart type, and what draws the charts.
SCRIPTS = {"chart": "chart.umd.min.js", "sankey": "chartjs-chart-sankey.min.js", "draw": "charts.js"}
#: More lines than this make the per-route latency chart unreadable; the busiest routes are drawn.
MAX_CHART_ROUTES = 8
STATUS_COLOURS = {"2xx": "#2e9e5b", "3xx": "#4a7fd6", "4xx": "#e6a23c", "5xx": "#d64545", "other": "#9a9a9a"}
PALETTE = ("#4a7fd6", "#e6a23c", "#2e9e5b", "#d64545", "#8e6bc4", "#17a2b8", "#c2185b", "#6d7f3a")
PERCENTILE_COLOURS = {"p50": "#4a7fd6", "p95": "#e6a23c", "p99": "#d64545"}
_LABEL_FORMATS = {"minute": "%H:%M", "hour": "%b %d %H:00", "day": "%b %d"}
_BUCKET_WORDS = {"minute": "a minute", "hour": "an hour", "day": "a day"}

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.text, th.text { text-align: left; }
.chart { position: relative; height: 360px; }
.empty { color: #666; font-style: italic; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.summary div { background: #f5f7fa; border-radius: 6px; padding: .6rem .8rem; }
.summary b { display: block; font-size: 1.3rem; }
.summary span { color: #666; font-size: .85rem; }
.alerts { background: #fdecec; border-left: 4px solid #d64545; padding: .6rem 1rem; margin: 1rem 0; }
.alerts li { margin: .2rem 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
"""


@cache
def script(name: str) -> str:
    """One of :data:`SCRIPTS`, ready to inline: without its source-map comment (the map is
    not shipped, and a browser's developer tools would try to fetch it)."""
    text = (ASSETS / SCRIPTS[name]).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=\S+\s*$", "", text, flags=re.M)
    if "</script" in text.lower():  # would end the inline <script> early
        raise ValueError(f"{SCRIPTS[name]} holds </script and cannot be inlined")
    return text


def _json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>`` can
    appear (route names come from traffic)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def canvas(chart_id: str, height: int = 360) -> str:
    """Where a chart is drawn: a ``<canvas>`` in a box of ``height`` pixels."""
    return f'<div class="chart" style="height:{int(height)}px"><canvas id="{html.escape(chart_id)}"></canvas></div>'


def page(title: str, meta: str, body: str, charts: Mapping[str, Mapping[str, Any]] | None = None,
         *, libraries: tuple[str, ...] = ("chart",)) -> str:
    """A whole page around ``body`` (HTML): the title, a line of ``meta`` (HTML), the style
    every droplets report shares, and the charts: ``charts`` maps a canvas id in ``body``
    to ``{"config": <Chart.js configuration>, "unit": "ms" | "calls", "titles": [...],
    "tooltips": [[...]]}``; ``libraries`` are the scripts they need (Chart.js, "sankey")."""
    scripts = ""
    if charts:
        scripts = (f'<script type="application/json" id="droplets-charts">{_json_for_script(charts)}</script>\n'
                   + "".join(f"<script>{script(name)}</script>\n" for name in (*libraries, "draw")))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p class="meta">{meta}</p>
{body}
{scripts}</body></html>
"""


def readable_time(occurred_at: str, with_seconds: bool = False) -> str:
    """``2026-12-02T14:05:09.123Z`` -> ``2026-12-02 14:05`` (``:09`` with seconds)."""
    return occurred_at[:10] + " " + occurred_at[11:19 if with_seconds else 16]


def bucket_label(start: str, bucket: str) -> str:
    return contract.parse_time(start).strftime(_LABEL_FORMATS[bucket])


def range_text(since: str, until: str) -> str:
    """``2026-12-02 13:05 to 14:05 UTC`` (the date once when both ends share it)."""
    end = readable_time(until)
    if end[:10] == since[:10]:
        end = end[11:]
    return f"{readable_time(since)} to {end} UTC"


# --- the API report's charts ------------------------------------------------------------------


def calls_chart(report: ApiReport) -> dict[str, Any]:
    """Calls per bucket, stacked by status class; only the classes present (legend and bars)."""
    points = report.calls_series
    present = [kind for kind in STATUS_CLASSES if any(p.counts.get(kind) for p in points)]
    labels = [bucket_label(p.start, report.bucket) for p in points]
    return {
        "unit": "calls",
        "titles": [readable_time(p.start) + " UTC" for p in points],
        "config": {
            "type": "bar",
            "data": {"labels": labels, "datasets": [
                {"label": kind, "data": [p.counts.get(kind, 0) for p in points], "backgroundColor": STATUS_COLOURS[kind]}
                for kind in present]},
            "options": {
                "scales": {"x": {"stacked": True, "ticks": {"autoSkip": True, "maxRotation": 0}},
                           "y": {"stacked": True, "beginAtZero": True, "title": {"display": True, "text": "calls"}}},
                "plugins": {"legend": {"display": bool(present)}},
            },
        },
    }


def latency_chart(report: ApiReport) -> dict[str, Any]:
    """The latency of all calls per bucket: p50, p95 and p99 (gaps where no call was made)."""
    starts = [p.start for p in report.calls_series]
    by_start = {p.start: p for p in report.overall_latency}
    return _lines(report, starts, [
        (name.split("_")[0], PERCENTILE_COLOURS[name.split("_")[0]], [getattr(by_start.get(s), name, None) for s in starts])
        for name in ("p50_ms", "p95_ms", "p99_ms")
    ])


def route_latency_chart(report: ApiReport) -> dict[str, Any]:
    """Each of the busiest routes' p95 per bucket: one line per route, the legend its routes."""
    starts = [p.start for p in report.calls_series]
    lines = []
    for number, route in enumerate(r.route for r in report.routes[:MAX_CHART_ROUTES]):
        by_start = {p.start: p.p95_ms for p in report.latency_series.get(route, [])}
        lines.append((route, PALETTE[number % len(PALETTE)], [by_start.get(s) for s in starts]))
    return _lines(report, starts, lines)


def _lines(report: ApiReport, starts: list[str], lines: list[tuple[str, str, list]]) -> dict[str, Any]:
    return {
        "unit": "ms",
        "titles": [readable_time(s) + " UTC" for s in starts],
        "config": {
            "type": "line",
            "data": {"labels": [bucket_label(s, report.bucket) for s in starts], "datasets": [
                {"label": label, "data": values, "borderColor": colour, "backgroundColor": colour,
                 "pointRadius": 2, "borderWidth": 2, "spanGaps": False}
                for label, colour, values in lines]},
            "options": {
                "scales": {"x": {"ticks": {"autoSkip": True, "maxRotation": 0}},
                           "y": {"beginAtZero": True, "title": {"display": True, "text": "ms"}}},
                "plugins": {"legend": {"display": bool(lines)}},
            },
        },
    }


# --- the API report's page -------------------------------------------------------------------


def _summary_html(report: ApiReport) -> str:
    s = report.summary
    cards = [
        (f"{s.calls:,}", "calls"),
        (f"{s.error_rate_4xx:.1%}", f"4xx ({s.errors_4xx:,})"),
        (f"{s.error_rate_5xx:.1%}", f"5xx ({s.errors_5xx:,})"),
        (format_ms(s.p50_ms), "p50"), (format_ms(s.p95_ms), "p95"), (format_ms(s.p99_ms), "p99"),
        (s.busiest_route or "", "busiest route"), (s.slowest_route or "", "slowest route (p95)"),
    ]
    parts = ['<section class="summary" id="summary">' + "".join(
        f"<div><b>{html.escape(value)}</b><span>{html.escape(label)}</span></div>" for value, label in cards) + "</section>"]
    if s.alerts:
        parts.append('<section class="alerts" id="alerts"><strong>Stands out</strong><ul>'
                     + "".join(f"<li>{html.escape(a.message)}</li>" for a in s.alerts) + "</ul></section>")
    return "\n".join(parts)


#: Each table's columns: heading, whether it holds text (aligned left), and a row's cell (HTML).
_ROUTE_COLUMNS = (
    ("route", False, lambda r: html.escape(r.route)),
    ("calls", False, lambda r: f"{r.count:,}"),
    ("4xx", False, lambda r: f"{r.error_rate_4xx:.1%}"),
    ("5xx", False, lambda r: f"{r.error_rate_5xx:.1%}"),
    ("p50", False, lambda r: format_ms(r.p50_ms)),
    ("p95", False, lambda r: format_ms(r.p95_ms)),
    ("p99", False, lambda r: format_ms(r.p99_ms)),
    ("max", False, lambda r: format_ms(r.max_ms)),
)
_SESSION_COLUMNS = (
    ("session", False, lambda s: html.escape(s.session_id)),
    ("calls", False, lambda s: f"{s.count:,}"),
    ("slowest call", False, lambda s: format_ms(s.max_ms)),
    ("all its calls", False, lambda s: format_ms(s.total_ms)),
    ("slowest route", True, lambda s: html.escape(s.slowest_route)),
    ("at (UTC)", True, lambda s: html.escape(readable_time(s.slowest_at, with_seconds=True))),
    ("its journey", True, lambda s: f"<code>{html.escape(s.journey_command)}</code>"),
)


def _table(table_id: str, columns, items, row_id=lambda item: None) -> str:
    """A table of ``items``, a row each, cells as ``columns`` say; ``row_id`` names a row's id."""
    def cell(tag: str, text: bool, content: str) -> str:
        return f"<{tag} class='text'>{content}</{tag}>" if text else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", text, heading) for heading, text, _ in columns)
    rows = "".join(
        (f"<tr id='{row_id(item)}'>" if row_id(item) else "<tr>")
        + "".join(cell("td", text, content(item)) for _, text, content in columns) + "</tr>"
        for item in items
    )
    return f"<table id='{table_id}'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _routes_table(report: ApiReport) -> str:
    return _table("routes", _ROUTE_COLUMNS, report.routes)


def _sessions_table(report: ApiReport) -> str:
    return _table("sessions", _SESSION_COLUMNS, report.slowest_sessions,
                  row_id=lambda s: f"session-{html.escape(s.session_id)}")


def render_html(report: ApiReport, title: str = "droplets API report") -> str:
    """The whole page as a string."""
    charts = {
        "calls-chart": calls_chart(report),
        "latency-chart": latency_chart(report),
        "route-latency-chart": route_latency_chart(report),
    }
    empty = "" if report.total else "<p class='empty'>No calls in this range.</p>"
    meta = (f"{html.escape(range_text(report.since, report.until))} &middot; {report.total:,} calls "
            f"&middot; time buckets of {_BUCKET_WORDS[report.bucket]} ({len(report.calls_series):,})")
    shown = min(len(report.routes), MAX_CHART_ROUTES)
    return page(title, meta, f"""{empty}
{_summary_html(report) if report.total else ""}
<h2>Calls over time, by status</h2>
{canvas("calls-chart", 320)}
<h2>Latency of all calls: p50, p95, p99</h2>
{canvas("latency-chart", 320)}
<h2>p95 latency of the {shown} busiest route{"s" if shown != 1 else ""}</h2>
{canvas("route-latency-chart", 360)}
<h2>Routes</h2>
{_routes_table(report)}
<h2>Slowest sessions (by their slowest call)</h2>
<p class="meta">Each one's journey, call by call: the command in its row.</p>
{_sessions_table(report)}""", charts)


def write_page(text: str, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_html(report: ApiReport, path: Path, title: str = "droplets API report") -> Path:
    return write_page(render_html(report, title), path)

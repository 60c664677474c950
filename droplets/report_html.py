"""The API report as ONE self-contained HTML page that opens offline (and the page shell the
journeys and funnel pages share, :mod:`droplets.journeys_html`).

Charts are plotly figures; plotly.js (the bundle shipped inside the ``plotly`` package) is
inlined once into the page, so there is no CDN link and nothing to fetch. The page holds:
latency percentiles (p50/p95/p99) per route over time, the status mix per day, and the
report's tables.
"""

from __future__ import annotations

import html
from pathlib import Path

from droplets.report import STATUS_CLASSES, ApiReport, all_days

#: More lines than this make the latency chart unreadable; the busiest routes are drawn.
MAX_CHART_ROUTES = 12
STATUS_COLOURS = {"2xx": "#2e9e5b", "3xx": "#4a7fd6", "4xx": "#e6a23c", "5xx": "#d64545", "other": "#9a9a9a"}

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.chart { min-height: 420px; }
.empty { color: #666; font-style: italic; }
"""


def _latency_figure(report: ApiReport):
    from plotly.subplots import make_subplots
    import plotly.graph_objects as go

    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
        subplot_titles=("p50 latency (ms)", "p95 latency (ms)", "p99 latency (ms)"),
    )
    from plotly.colors import qualitative

    routes = [r.route for r in report.routes[:MAX_CHART_ROUTES]]
    palette = qualitative.Plotly
    for number, route in enumerate(routes):
        colour = palette[number % len(palette)]  # one colour per route in all three rows
        points = report.latency_series.get(route, [])
        x = [p.start.replace("Z", "") for p in points]
        for row, attr in enumerate(("p50_ms", "p95_ms", "p99_ms"), start=1):
            fig.add_trace(
                go.Scatter(
                    x=x, y=[getattr(p, attr) for p in points], name=route, legendgroup=route,
                    showlegend=row == 1, mode="lines+markers", line=dict(color=colour),
                    customdata=[p.count for p in points],
                    hovertemplate=f"{html.escape(route)}<br>%{{x}}<br>%{{y:.1f}} ms<br>%{{customdata}} calls<extra></extra>",
                ),
                row=row, col=1,
            )
    fig.update_layout(
        height=760, margin=dict(l=60, r=20, t=40, b=40), hovermode="closest",
        legend=dict(orientation="h", y=-0.08), template="plotly_white",
    )
    for row in (1, 2, 3):
        fig.update_yaxes(title_text="ms", rangemode="tozero", row=row, col=1)
    return fig


def _status_figure(report: ApiReport):
    import plotly.graph_objects as go

    days = all_days(report)
    fig = go.Figure()
    for kind in STATUS_CLASSES:
        counts = [report.status_by_day.get(day, {}).get(kind, 0) for day in days]
        if kind == "other" and not any(counts):
            continue
        fig.add_trace(go.Bar(x=days, y=counts, name=kind, marker_color=STATUS_COLOURS[kind]))
    fig.update_layout(
        barmode="stack", height=380, margin=dict(l=60, r=20, t=30, b=40),
        yaxis_title="calls", xaxis_type="category", template="plotly_white",
    )
    return fig


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def _routes_table(report: ApiReport) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(r.route)}</td><td>{r.count:,}</td>"
        f"<td>{r.error_rate_4xx:.2%}</td><td>{r.error_rate_5xx:.2%}</td>"
        f"<td>{_fmt(r.p50_ms)}</td><td>{_fmt(r.p95_ms)}</td><td>{_fmt(r.p99_ms)}</td><td>{_fmt(r.max_ms)}</td></tr>"
        for r in report.routes
    )
    return (
        "<table id='routes'><thead><tr><th>route</th><th>calls</th><th>4xx</th><th>5xx</th>"
        "<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _sessions_table(report: ApiReport) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(s.session_id)}</td><td>{s.count:,}</td><td>{_fmt(s.max_ms)}</td>"
        f"<td>{_fmt(s.total_ms)}</td><td>{html.escape(s.slowest_route)}</td><td>{html.escape(s.slowest_at)}</td></tr>"
        for s in report.slowest_sessions
    )
    return (
        "<table id='sessions'><thead><tr><th>session</th><th>calls</th><th>slowest ms</th>"
        "<th>total ms</th><th>slowest route</th><th>at</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def page(title: str, meta: str, body: str) -> str:
    """A whole page around ``body`` (HTML): the title, a line of ``meta`` (HTML) and the
    style every droplets report shares. The first figure in ``body`` brings plotly.js."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p class="meta">{meta}</p>
{body}
</body></html>
"""


def figure_html(fig, div_id: str, *, first: bool) -> str:
    """A plotly figure as a ``<div>``; the page's first figure inlines plotly.js (no CDN)."""
    config = {"displaylogo": False, "responsive": True}
    return fig.to_html(full_html=False, include_plotlyjs=first, div_id=div_id, config=config)


def render_html(report: ApiReport, title: str = "droplets API report") -> str:
    """The whole page as a string."""
    latency = figure_html(_latency_figure(report), "latency-chart", first=True)
    status = figure_html(_status_figure(report), "status-chart", first=False)
    empty = "" if report.total else "<p class='empty'>No calls in this range.</p>"
    meta = (f"{html.escape(report.since)} to {html.escape(report.until)} (UTC) &middot; {report.total:,} calls\n"
            f"&middot; latency per {report.bucket}")
    return page(title, meta, f"""{empty}
<h2>Latency percentiles per route</h2>
<div class="chart">{latency}</div>
<h2>Status mix per day</h2>
<div class="chart">{status}</div>
<h2>Routes</h2>
{_routes_table(report)}
<h2>Slowest sessions</h2>
{_sessions_table(report)}""")


def write_page(text: str, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_html(report: ApiReport, path: Path, title: str = "droplets API report") -> Path:
    return write_page(render_html(report, title), path)

"""The journeys report and a funnel as self-contained HTML pages that open offline, in the
shell of the API report's page (:mod:`droplets.report_html`: plotly.js inlined once).

- journeys: the flow of the sessions' first steps as a Sankey diagram (``#flow-chart``),
  the most common paths as bars (``#paths-chart``), and the report's tables;
- funnel: the funnel chart (``#funnel-chart``: sessions per step, share of the first and
  of the previous step) and the table of steps, times and where the dropped went.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from droplets.journeys import EXIT, OTHER, FunnelReport, JourneysReport
from droplets.report_html import figure_html, page, write_page

EXIT_COLOUR = "#9a9a9a"
STEP_COLOUR = "#4a7fd6"


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value / 1000:,.1f} s" if value >= 1000 else f"{value:,.0f} ms"


def _table(table_id: str, head: list[str], rows: list[list[Any]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    return f"<table id='{table_id}'><thead><tr>{header}</tr></thead><tbody>{cells}</tbody></table>"


# --- journeys -------------------------------------------------------------------------------


def flow_figure(report: JourneysReport):
    """A Sankey of the flow: one node per (position, step), one link per move. Nodes are
    placed in the column of their position (an exit after step 1 is drawn in column 2, not
    pushed to the right edge), biggest first."""
    import plotly.graph_objects as go

    nodes: dict[tuple[int, str], int] = {}
    size: dict[tuple[int, str], int] = {}

    def node(position: int, step: str, sessions: int) -> int:
        size[(position, step)] = size.get((position, step), 0) + sessions
        return nodes.setdefault((position, step), len(nodes))

    sources, targets, values = [], [], []
    for link in report.flow:
        sources.append(node(link["position"], link["from"], link["sessions"]))
        targets.append(node(link["position"] + 1, link["to"], 0))
        values.append(link["sessions"])
    for (position, step), index in nodes.items():  # a node's size: what flows in, or out at step 1
        if position > 1:
            size[(position, step)] = sum(v for t, v in zip(targets, values) if t == index)
    columns = max((position for position, _ in nodes), default=1)
    x, y = [0.0] * len(nodes), [0.0] * len(nodes)
    for position in range(1, columns + 1):
        column = sorted((k for k in nodes if k[0] == position), key=lambda k: (k[1] in (EXIT, OTHER), -size[k], k[1]))
        total = sum(size[k] for k in column) or 1
        top = 0.0
        for key in column:
            share = size[key] / total
            x[nodes[key]] = 0.001 + 0.998 * (position - 1) / max(columns - 1, 1)
            y[nodes[key]] = min(max(top + share / 2, 0.001), 0.999)
            top += share
    labels = [step for (_, step) in nodes]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(
            label=labels, pad=14, thickness=16, x=x, y=y,
            color=[EXIT_COLOUR if step in (EXIT, OTHER) else STEP_COLOUR for step in labels],
            customdata=[position for (position, _) in nodes],
            hovertemplate="step %{customdata}: %{label}<br>%{value} sessions<extra></extra>",
        ),
        link=dict(source=sources, target=targets, value=values, color="rgba(74,127,214,0.25)",
                  hovertemplate="%{source.label} → %{target.label}<br>%{value} sessions<extra></extra>"),
    ))
    fig.update_layout(height=520, margin=dict(l=20, r=20, t=20, b=20), template="plotly_white", font_size=12)
    return fig


def paths_figure(report: JourneysReport):
    """Bars of the most common paths (of 3 steps, and of 2 when there are none of 3)."""
    import plotly.graph_objects as go

    length = "3" if report.paths.get("3") else "2"
    paths = list(reversed(report.paths.get(length, [])))  # the most common on top
    fig = go.Figure(go.Bar(
        x=[p["sessions"] for p in paths], y=[p["path"] for p in paths], orientation="h",
        marker_color=STEP_COLOUR, customdata=[p["times"] for p in paths],
        hovertemplate="%{y}<br>%{x} sessions, %{customdata} times<extra></extra>",
    ))
    fig.update_layout(
        height=max(260, 60 + 34 * len(paths)), margin=dict(l=20, r=20, t=30, b=40),
        template="plotly_white", xaxis_title="sessions", yaxis=dict(automargin=True),
        title=dict(text=f"paths of {length} steps", font_size=13),
    )
    return fig


def render_journeys_html(report: JourneysReport, title: str = "droplets journeys") -> str:
    flow = figure_html(flow_figure(report), "flow-chart", first=True)
    paths = figure_html(paths_figure(report), "paths-chart", first=False)
    empty = "" if report.sessions else "<p class='empty'>No sessions in this range.</p>"
    meta = (f"{html.escape(report.since)} to {html.escape(report.until)} (UTC) &middot; {report.sessions:,} sessions, "
            f"{report.calls:,} calls &middot; calls per session p50 {report.calls_per_session['median'] or 0:,.0f}, "
            f"p90 {report.calls_per_session['p90'] or 0:,.0f} &middot; duration p50 {_ms(report.duration_ms['median'])}, "
            f"p90 {_ms(report.duration_ms['p90'])} &middot; bounces {report.bounces:,} ({report.bounce_rate:.1%})")
    ranked = lambda rows: [[r["step"], f"{r['sessions']:,}", f"{r['share']:.1%}"] for r in rows]  # noqa: E731
    parts = [
        empty,
        "<h2>How journeys go: the first steps of every session</h2>",
        f"<div class='chart'>{flow}</div>",
        "<h2>Most common paths (repeats folded)</h2>",
        f"<div class='chart'>{paths}</div>",
        "<h2>Entry steps</h2>", _table("entries", ["step", "sessions", "share"], ranked(report.entries)),
        "<h2>Exit steps</h2>", _table("exits", ["step", "sessions", "share"], ranked(report.exits)),
    ]
    for length, rows in report.paths.items():
        parts += [f"<h2>Paths of {html.escape(length)} steps</h2>",
                  _table(f"paths-{length}", ["path", "sessions", "times"],
                         [[p["path"], f"{p['sessions']:,}", f"{p['times']:,}"] for p in rows])]
    if report.from_step is not None:
        parts += [f"<h2>After {html.escape(report.from_step)}: {report.from_count:,} visits</h2>",
                  _table("next", ["next step", "visits", "share", "median time to it"],
                         [[n.step, f"{n.count:,}", f"{n.share:.1%}", _ms(n.median_ms)] for n in report.next_steps])]
    return page(title, meta, "\n".join(parts))


def write_journeys_html(report: JourneysReport, path: Path, title: str = "droplets journeys") -> Path:
    return write_page(render_journeys_html(report, title), path)


# --- funnels --------------------------------------------------------------------------------


def funnel_figure(report: FunnelReport):
    import plotly.graph_objects as go

    fig = go.Figure(go.Funnel(
        y=[f"{n}. {s.step}" for n, s in enumerate(report.steps, start=1)],
        x=[s.sessions for s in report.steps],
        textinfo="value+percent initial+percent previous",
        marker=dict(color=STEP_COLOUR),
        connector=dict(fillcolor="rgba(74,127,214,0.15)"),
    ))
    fig.update_layout(height=max(320, 110 * len(report.steps)), margin=dict(l=20, r=20, t=20, b=20),
                      template="plotly_white", yaxis=dict(automargin=True))
    return fig


def render_funnel_html(report: FunnelReport, title: str = "droplets funnel") -> str:
    chart = figure_html(funnel_figure(report), "funnel-chart", first=True)
    data = report.to_dict()
    within = f" &middot; within {_ms(report.within_ms)}" if report.within_ms else ""
    meta = (f"{html.escape(report.since)} to {html.escape(report.until)} (UTC){within} &middot; "
            f"{report.steps[0].sessions:,} of {report.sessions:,} sessions entered &middot; "
            f"{report.converted:,} converted ({data['conversion']:.1%})")
    rows = [
        [n, s.step, f"{s.sessions:,}", f"{s.conversion:.1%}", f"{s.overall:.1%}", _ms(s.median_ms), _ms(s.p90_ms),
         f"{s.dropped:,}" if s.dropped else "",
         ", ".join(f"{d['step']} ({d['sessions']:,})" for d in s.dropped_to)]
        for n, s in enumerate(report.steps, start=1)
    ]
    empty = "" if report.steps[0].sessions else "<p class='empty'>No session reached the first step in this range.</p>"
    body = "\n".join([
        empty,
        "<h2>Sessions at each step, in order</h2>",
        f"<div class='chart'>{chart}</div>",
        "<h2>Steps</h2>",
        _table("steps", ["#", "step", "sessions", "from previous", "overall", "time p50", "time p90", "dropped",
                         "went instead to"], rows),
    ])
    return page(title, meta, body)


def write_funnel_html(report: FunnelReport, path: Path, title: str = "droplets funnel") -> Path:
    return write_page(render_funnel_html(report, title), path)

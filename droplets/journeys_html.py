"""The journeys report and a funnel as self-contained HTML pages that open offline, in the
shell of the API report's page (:mod:`droplets.report_html`: Chart.js inlined, and for the
journeys its Sankey chart type, chartjs-chart-sankey).

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
from droplets.report_html import canvas, page, range_text, write_page

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


def flow_chart(report: JourneysReport) -> dict[str, Any]:
    """A Sankey of the flow: one node per (position, step), one band per move. Each node sits
    in the column of its position (an exit after step 1 is drawn in column 2, not pushed to
    the right edge); within a column the biggest come first, exits and "other" last."""
    key = lambda position, step: f"{position}|{step}"  # noqa: E731 - a node per position and step
    flows, labels, columns = [], {}, {}
    inflow: dict[str, int] = {}
    outflow: dict[str, int] = {}
    for link in report.flow:
        source, target = key(link["position"], link["from"]), key(link["position"] + 1, link["to"])
        flows.append({"from": source, "to": target, "flow": link["sessions"]})
        for node, position, step in ((source, link["position"], link["from"]), (target, link["position"] + 1, link["to"])):
            labels[node], columns[node] = step, position - 1
        outflow[source] = outflow.get(source, 0) + link["sessions"]
        inflow[target] = inflow.get(target, 0) + link["sessions"]
    size = {n: max(inflow.get(n, 0), outflow.get(n, 0)) for n in labels}
    order = sorted(labels, key=lambda n: (columns[n], labels[n] in (EXIT, OTHER), -size[n], labels[n]))
    colours = {n: EXIT_COLOUR if labels[n] in (EXIT, OTHER) else STEP_COLOUR for n in labels}
    tooltips = [f"{labels[f['from']]} → {labels[f['to']]}: {f['flow']:,} session{'s' if f['flow'] != 1 else ''}" for f in flows]
    return {
        "tooltips": [tooltips],
        "nodeColours": colours,
        "config": {
            "type": "sankey",
            "data": {"datasets": [{
                "label": "sessions", "data": flows, "labels": labels, "column": columns,
                "priority": {n: i for i, n in enumerate(order)},
                "colorMode": "gradient", "alpha": 0.35, "size": "max", "nodeWidth": 12, "nodePadding": 14,
            }]},
            "options": {"plugins": {"legend": {"display": False}}},
        },
    }


def paths_chart(report: JourneysReport) -> tuple[str, dict[str, Any]]:
    """Bars of the most common paths (of 3 steps, and of 2 when there are none of 3), the
    most common on top; and the length shown."""
    length = "3" if report.paths.get("3") else "2"
    paths = report.paths.get(length, [])
    return length, {
        "unit": "calls",
        "tooltips": [[f"{p['sessions']:,} sessions, {p['times']:,} times" for p in paths]],
        "config": {
            "type": "bar",
            "data": {"labels": [p["path"] for p in paths],
                     "datasets": [{"label": "sessions", "data": [p["sessions"] for p in paths], "backgroundColor": STEP_COLOUR}]},
            "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}},
                        "scales": {"x": {"beginAtZero": True, "title": {"display": True, "text": "sessions"}}}},
        },
    }


def render_journeys_html(report: JourneysReport, title: str = "droplets journeys") -> str:
    length, paths = paths_chart(report)
    charts = {"flow-chart": flow_chart(report), "paths-chart": paths}
    empty = "" if report.sessions else "<p class='empty'>No sessions in this range.</p>"
    meta = (f"{html.escape(range_text(report.since, report.until))} &middot; {report.sessions:,} sessions, "
            f"{report.calls:,} calls &middot; calls per session p50 {report.calls_per_session['median'] or 0:,.0f}, "
            f"p90 {report.calls_per_session['p90'] or 0:,.0f} &middot; duration p50 {_ms(report.duration_ms['median'])}, "
            f"p90 {_ms(report.duration_ms['p90'])} &middot; bounces {report.bounces:,} ({report.bounce_rate:.1%})")
    ranked = lambda rows: [[r["step"], f"{r['sessions']:,}", f"{r['share']:.1%}"] for r in rows]  # noqa: E731
    parts = [
        empty,
        "<h2>How journeys go: the first steps of every session</h2>",
        canvas("flow-chart", 520),
        f"<h2>Most common paths of {length} steps (repeats folded)</h2>",
        canvas("paths-chart", max(220, 60 + 34 * len(report.paths.get(length, [])))),
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
    return page(title, meta, "\n".join(parts), charts, libraries=("chart", "sankey"))


def write_journeys_html(report: JourneysReport, path: Path, title: str = "droplets journeys") -> Path:
    return write_page(render_journeys_html(report, title), path)


# --- funnels --------------------------------------------------------------------------------


def funnel_chart(report: FunnelReport) -> dict[str, Any]:
    """The funnel: a bar per step, centred, as wide as the sessions that reached it (floating
    bars from -n/2 to n/2), labelled with the sessions and the shares of the first and of
    the previous step."""
    first = report.steps[0].sessions if report.steps else 0
    labels, tooltips, bars = [], [], []
    for number, step in enumerate(report.steps, start=1):
        of_first = step.sessions / first if first else 0.0
        labels.append(f"{number}. {step.step}: {step.sessions:,} ({of_first:.0%})")
        tooltips.append(f"{step.sessions:,} sessions; {of_first:.1%} of step 1, {step.conversion:.1%} of the previous")
        bars.append([-step.sessions / 2, step.sessions / 2])
    return {
        "tooltips": [tooltips],
        "config": {
            "type": "bar",
            "data": {"labels": labels, "datasets": [{"label": "sessions", "data": bars, "backgroundColor": STEP_COLOUR,
                                                     "barPercentage": 0.9, "categoryPercentage": 1.0}]},
            "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}},
                        "scales": {"x": {"display": False, "min": -max(first, 1) / 2, "max": max(first, 1) / 2},
                                   "y": {"grid": {"display": False}}}},
        },
    }


def render_funnel_html(report: FunnelReport, title: str = "droplets funnel") -> str:
    charts = {"funnel-chart": funnel_chart(report)}
    data = report.to_dict()
    within = f" &middot; within {_ms(report.within_ms)}" if report.within_ms else ""
    meta = (f"{html.escape(range_text(report.since, report.until))}{within} &middot; "
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
        canvas("funnel-chart", max(240, 90 * len(report.steps))),
        "<h2>Steps</h2>",
        _table("steps", ["#", "step", "sessions", "from previous", "overall", "time p50", "time p90", "dropped",
                         "went instead to"], rows),
    ])
    return page(title, meta, body, charts)


def write_funnel_html(report: FunnelReport, path: Path, title: str = "droplets funnel") -> Path:
    return write_page(render_funnel_html(report, title), path)

"""report journeys --html and report funnel --html: self-contained pages whose charts (a
Sankey of the flow, bars of the paths, the funnel) render offline in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.browser import assert_drawn, offline_chromium
from tests.cli.test_report_journeys import RANGE, STEPS, journeys_lake  # noqa: F401 - the fixture


@pytest.fixture
def pages(journeys_lake, cli, tmp_path) -> dict[str, Path]:  # noqa: F811 - the fixture above
    out = {
        "journeys": tmp_path / "pages" / "journeys.html",
        "funnel": tmp_path / "pages" / "funnel.html",
        "empty": tmp_path / "pages" / "empty.html",
    }
    result = cli("report", "journeys", *RANGE, "--from", "GET /courses/:id", "--html", str(out["journeys"]), "--json")
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out['journeys']}" in result.stderr
    assert result.json()["sessions"] == 6  # --html as well as --json
    result = cli("report", "funnel", *STEPS, *RANGE, "--html", str(out["funnel"]))
    assert result.exit_code == 0, result.stderr
    assert "5 of 6 sessions entered" in result.stdout
    result = cli("report", "funnel", *STEPS, "--since", "2026-06-01", "--until", "2026-06-01", "--html", str(out["empty"]))
    assert result.exit_code == 0, result.stderr
    return out


def test_pages_are_self_contained(pages):
    for path in pages.values():
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", page)
        assert not re.search(r"<link[^>]+href=\"?https?:", page)
        assert page.count("Chart.js v4.") == 1 and "plotly" not in page.lower()  # inlined once
        assert len(page.encode("utf-8")) < 300_000  # Chart.js (+ its Sankey type), not 4.6 MB of plotly.js
    journeys = pages["journeys"].read_text(encoding="utf-8")
    assert "chartjs-chart-sankey v0." in journeys  # the flow's chart type, on the journeys page only
    assert "chartjs-chart-sankey" not in pages["funnel"].read_text(encoding="utf-8")
    assert "<table id='entries'>" in journeys and "<table id='next'>" in journeys
    assert "GET /courses/:id → POST /signup" in journeys
    funnel = pages["funnel"].read_text(encoding="utf-8")
    assert "<table id='steps'>" in funnel and "POST /signup:2xx" in funnel
    assert "No session reached the first step" in pages["empty"].read_text(encoding="utf-8")


@pytest.mark.browser
def test_charts_render_offline_in_headless_chromium(pages, tmp_path):
    with offline_chromium() as browser:
        # the journeys page: the flow as a Sankey, the paths as bars
        page = browser.open(pages["journeys"], charts=2)
        flow = page.evaluate("""() => { const c = window.dropletsCharts['flow-chart'];
            const d = c.data.datasets[0].data;
            return [c.config.type, new Set(d.flatMap(f => [f.from, f.to])).size, d.reduce((a, f) => a + f.flow, 0),
                    c.getDatasetMeta(0).data.length]; }""")
        # 6 sessions leave step 1; 5 (all but the bounce) step 2; A, B and C step 3 (D and E
        # had two steps, and the flow stops at step 4); every band is drawn
        assert flow[0] == "sankey" and flow[1] >= 6 and flow[2] == 6 + 5 + 3, flow
        assert flow[3] == page.evaluate("() => window.dropletsCharts['flow-chart'].data.datasets[0].data.length")
        paths = page.evaluate("""() => { const c = window.dropletsCharts['paths-chart'];
            return [c.config.type, c.config.options.indexAxis, c.data.datasets[0].data]; }""")
        assert paths == ["bar", "y", [2, 1, 1, 1]], paths  # paths of 3, the most common first (on top)
        assert_drawn(page, "flow-chart", tmp_path, 0.05)
        assert_drawn(page, "paths-chart", tmp_path, 0.02)

        # the funnel page: a centred bar per step, as wide as its sessions
        page = browser.open(pages["funnel"], charts=1)
        funnel = page.evaluate("""() => { const c = window.dropletsCharts['funnel-chart'];
            return [c.data.labels, c.data.datasets[0].data.map(([a, b]) => b - a)]; }""")
        assert funnel[1] == [5, 3, 2]
        assert funnel[0][2].endswith(": 2 (40%)")  # of the first step, on the last bar
        assert_drawn(page, "funnel-chart", tmp_path, 0.05)

        # a funnel nobody entered still renders, and says so
        page = browser.open(pages["empty"], charts=1)
        assert page.locator(".empty").inner_text() == "No session reached the first step in this range."
        assert browser.errors == []

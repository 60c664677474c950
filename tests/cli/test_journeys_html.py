"""report journeys --html and report funnel --html: self-contained pages whose charts (a
Sankey of the flow, bars of the paths, the funnel) render offline in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_report_html import CHROMIUM_ARGS, _chromium, _non_blank
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
        assert len(page) > 1_000_000  # plotly.js is in the page
        assert page.count("<script type=\"text/javascript\">/**\n* plotly.js") <= 1  # inlined once
    journeys = pages["journeys"].read_text(encoding="utf-8")
    assert "<table id='entries'>" in journeys and "<table id='next'>" in journeys
    assert "GET /courses/:id → POST /signup" in journeys
    funnel = pages["funnel"].read_text(encoding="utf-8")
    assert "<table id='steps'>" in funnel and "POST /signup:2xx" in funnel
    assert "No session reached the first step" in pages["empty"].read_text(encoding="utf-8")


def _open(browser, path: Path, outside: list[str], errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})

    def offline(route):
        # The page must need nothing from the network: refuse and remember any try.
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri(), wait_until="load")
    return page


@pytest.mark.browser
def test_charts_render_offline_in_headless_chromium(pages, tmp_path):
    manager, executable = _chromium()
    outside: list[str] = []
    errors: list[str] = []
    with manager as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            # the journeys page: the flow as a Sankey, the paths as bars
            page = _open(browser, pages["journeys"], outside, errors)
            page.wait_for_selector("#flow-chart .main-svg", timeout=30_000)
            page.wait_for_selector("#paths-chart .main-svg", timeout=30_000)
            flow = page.evaluate("() => { const t = document.getElementById('flow-chart').data[0];"
                                 " return [t.type, t.node.label.length, t.link.value.reduce((a, b) => a + b, 0)]; }")
            # 6 sessions leave step 1; 5 (all but the bounce) step 2; A, B and C step 3 (D and E
            # had two steps, and the flow stops at step 4)
            assert flow[0] == "sankey" and flow[1] >= 6 and flow[2] == 6 + 5 + 3, flow
            assert page.locator("#flow-chart .sankey-link").count() == page.evaluate(
                "() => document.getElementById('flow-chart').data[0].link.value.length")
            assert page.locator("#flow-chart .sankey-node").count() == flow[1]
            paths = page.evaluate("() => document.getElementById('paths-chart').data.map(t => [t.type, t.x])")
            assert paths == [["bar", [1, 1, 1, 2]]]  # paths of 3, the most common last (drawn on top)
            assert page.locator("#paths-chart .barlayer .point").count() == 4
            for selector, least in (("#flow-chart", 0.05), ("#paths-chart", 0.02)):
                png = page.locator(selector).screenshot()
                (tmp_path / f"{selector[1:]}.png").write_bytes(png)  # kept for a human after a failure
                share, colours = _non_blank(png)
                assert share > least and colours > 10, (selector, share, colours)

            # the funnel page
            page = _open(browser, pages["funnel"], outside, errors)
            page.wait_for_selector("#funnel-chart .main-svg", timeout=30_000)
            funnel = page.evaluate("() => document.getElementById('funnel-chart').data.map(t => [t.type, t.x])")
            assert funnel == [["funnel", [5, 3, 2]]]
            assert page.locator("#funnel-chart .funnellayer .point").count() == 3
            assert "40%" in page.locator("#funnel-chart").inner_text()  # of the first step, on the last bar
            png = page.locator("#funnel-chart").screenshot()
            (tmp_path / "funnel-chart.png").write_bytes(png)
            share, colours = _non_blank(png)
            assert share > 0.05 and colours > 10, (share, colours)

            # a funnel nobody entered still renders, and says so
            page = _open(browser, pages["empty"], outside, errors)
            page.wait_for_selector("#funnel-chart .main-svg", timeout=30_000)
            assert page.locator(".empty").inner_text() == "No session reached the first step in this range."
            assert errors == []
        finally:
            browser.close()
    assert outside == []

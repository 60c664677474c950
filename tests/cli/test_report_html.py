"""report api --html: one self-contained page whose charts render offline in headless
Chromium (plotly's DOM is checked, and screenshots of the chart areas are not blank)."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from droplets import contract
from tests.cli.lake import stored_record

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROUTES = ("/courses/:id", "/cart", "/pay")


@pytest.fixture
def report_file(lake, cli, tmp_path) -> Path:
    """An HTML report of three routes over three days (incl. 4xx and 5xx)."""
    start = datetime(2026, 1, 30, 0, 0, tzinfo=timezone.utc)
    records = []
    for i in range(180):
        route = ROUTES[i % 3]
        status = 503 if i % 17 == 0 else 404 if i % 11 == 0 else 200
        at = contract.format_time(start + timedelta(minutes=24 * i))
        records.append(stored_record(f"sess-html-{i % 9:04d}", at, route=route, status=status,
                                     duration_ms=5.0 + (i % 40) * (1 + ROUTES.index(route))))
    lake.add_many(records)
    out = tmp_path / "reports" / "api.html"
    result = cli("report", "api", "--since", "2026-01-30", "--until", "2026-02-01", "--html", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    return out


def test_page_is_one_self_contained_file(report_file):
    page = report_file.read_text(encoding="utf-8")
    # plotly.js is inlined, not linked: no external script, stylesheet or image
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"?https?:", page)
    assert "cdn.plot.ly" not in re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert len(page) > 1_000_000  # the bundle itself is in the page
    assert "<table id='routes'>" in page and "sess-html-" in page


def _chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium")
    from playwright.sync_api import sync_playwright

    return sync_playwright(), str(CHROMIUM)


def _non_blank(png: bytes) -> tuple[float, int]:
    """(share of pixels that differ from the background, number of distinct colours)."""
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png)).convert("RGB")
    total = image.width * image.height
    colours = image.getcolors(maxcolors=total)  # [(count, colour)], every colour present
    background = max(count for count, _ in colours)
    assert sum(ImageStat.Stat(image).var) > 0
    return 1 - background / total, len(colours)


@pytest.mark.browser
def test_charts_render_offline_in_headless_chromium(report_file, tmp_path):
    manager, executable = _chromium()
    outside: list[str] = []
    with manager as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})

            def offline(route):
                # The page must need nothing from the network: refuse and remember any try.
                if route.request.url.startswith(("file:", "data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", offline)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(report_file.as_uri(), wait_until="load")
            page.wait_for_selector("#latency-chart .main-svg", timeout=30_000)
            page.wait_for_selector("#status-chart .main-svg", timeout=30_000)

            # plotly rendered both charts with their data
            latency = page.evaluate(
                "() => document.getElementById('latency-chart').data.map(t => [t.name, t.type, t.y.length])"
            )
            assert len(latency) == 3 * len(ROUTES)  # p50, p95, p99 per route
            assert {name for name, _, _ in latency} == set(ROUTES)
            assert all(kind == "scatter" and points > 10 for _, kind, points in latency)
            status = page.evaluate(
                "() => document.getElementById('status-chart').data.map(t => [t.name, t.type, t.x.length])"
            )
            assert [name for name, _, _ in status] == ["2xx", "3xx", "4xx", "5xx"]
            assert all(kind == "bar" and days == 3 for _, kind, days in status)
            assert page.locator("#latency-chart .scatterlayer .trace").count() == 3 * len(ROUTES)
            assert page.locator("#status-chart .barlayer .trace").count() == 4
            assert page.locator("#latency-chart path.js-line").count() >= 3 * len(ROUTES)

            # and the chart areas are not blank
            for selector in ("#latency-chart .nsewdrag", "#status-chart .barlayer"):
                assert page.locator(selector).count() >= 1
            latency_png = page.locator("#latency-chart").screenshot()
            status_png = page.locator("#status-chart").screenshot()
            (tmp_path / "latency.png").write_bytes(latency_png)  # kept for a human after a failure
            (tmp_path / "status.png").write_bytes(status_png)
            share, colours = _non_blank(latency_png)
            assert share > 0.02 and colours > 20, (share, colours)
            share, colours = _non_blank(status_png)
            assert share > 0.05 and colours > 10, (share, colours)
            assert errors == []
        finally:
            browser.close()
    assert outside == []

"""Headless Chromium for the HTML pages' tests: a browser whose tabs may fetch nothing, and
what a chart drew (its Chart.js data, and whether its canvas holds a picture)."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class OfflineBrowser:
    """A launched browser, what its pages tried to fetch (``outside``) and the errors they
    raised (``errors``)."""

    browser: object
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path, charts: int):
        """``path`` in a new tab that may fetch nothing (any try is refused and remembered),
        once its ``charts`` charts are drawn."""
        page = self.browser.new_page(viewport={"width": 1280, "height": 1600})

        def offline(route):
            if route.request.url.startswith(("file:", "data:", "blob:")):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(f"() => window.dropletsCharts && Object.keys(window.dropletsCharts).length === {charts}",
                               timeout=30_000)
        return page


@contextmanager
def offline_chromium():
    """The system's headless Chromium for the block; after it, no page tried the network."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        session = OfflineBrowser(browser)
        try:
            yield session
        finally:
            browser.close()
    assert session.outside == []


def chart_data(page, chart_id: str) -> dict:
    """What Chart.js drew on a canvas: its type, labels and datasets."""
    return page.evaluate("""id => { const c = window.dropletsCharts[id];
        return {type: c.config.type, labels: c.data.labels || [],
                datasets: c.data.datasets.map(d => ({label: d.label, data: d.data}))}; }""", chart_id)


def assert_drawn(page, chart_id: str, tmp_path: Path, least_share: float = 0.02) -> None:
    """The chart's canvas is a picture: more than ``least_share`` of it differs from the
    background, in more than 10 colours (the screenshot is kept in ``tmp_path``)."""
    png = page.locator(f"#{chart_id}").screenshot()
    (tmp_path / f"{chart_id}.png").write_bytes(png)  # kept for a human after a failure
    share, colours = _non_blank(png)
    assert share > least_share and colours > 10, (chart_id, share, colours)


def _non_blank(png: bytes) -> tuple[float, int]:
    """(share of pixels that differ from the background, number of distinct colours)."""
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png)).convert("RGB")
    total = image.width * image.height
    colours = image.getcolors(maxcolors=total)  # [(count, colour)], every colour present
    background = max(count for count, _ in colours)
    assert sum(ImageStat.Stat(image).var) > 0
    return 1 - background / total, len(colours)

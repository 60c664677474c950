"""report api --html: one self-contained page (Chart.js inlined, a few hundred kilobytes)
whose charts render offline in headless Chromium with shape for any range: an hour of
traffic in minutes, a day in hours, a month in days; and what the page says first (the
summary, what stands out) and last (each slow session's journey command)."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from droplets import contract
from droplets.local.traffic import COURSE_IDS, plan_sessions
from tests.cli.browser import assert_drawn, chart_data, offline_chromium
from tests.cli.conftest import module_lake, run_cli
from tests.cli.lake import stored_record

#: The page's weight limit (issue 18: the plotly page weighed 4.9 MB for the demo's 255 calls).
MAX_PAGE_BYTES = 1_000_000
CHART_IDS = ("calls-chart", "latency-chart", "route-latency-chart")


def demo_traffic(start: datetime, span: timedelta, sessions: int, seed: int) -> list[dict]:
    """The demo's visitors (``droplets.local.traffic.plan_sessions``) as the example app
    answers them, stored records spread over ``[start, start + span)``: each session starts
    at a random moment and makes its calls seconds apart. Statuses as the app gives them:
    404 for a missing course, 400 for a sign-up without a valid e-mail, a 500 on every
    fourth /recommendations call."""
    rng = random.Random(seed)
    records, recommendations = [], 0
    for plan in plan_sessions(sessions, seed):
        at = start + timedelta(seconds=rng.uniform(0, max(span.total_seconds() - 600, 1)))
        for call in plan.calls:
            at += timedelta(seconds=rng.uniform(1, 20))
            path = call.path.split("?", 1)[0]
            route, status, duration = path, 200, rng.lognormvariate(1.5, 0.6)
            if path.startswith("/courses/"):
                route = "/courses/:id"
                status = 200 if int(path.rsplit("/", 1)[1]) in COURSE_IDS else 404
            elif path == "/signup":
                status, duration = (201 if "@" in call.body["email"] else 400), duration + 20
            elif path == "/recommendations":
                recommendations += 1
                status, duration = (500 if recommendations % 4 == 0 else 200), duration * 8
            records.append(stored_record(plan.session_id, contract.format_time(at), route=route, method=call.method,
                                         status=status, duration_ms=round(duration, 3)))
    return records


def index_only(lake, records: list[dict]) -> None:
    """The reports read the index alone: index the records without writing their objects."""
    lake.index([(r, contract.object_key(r)) for r in records])


# Disjoint ranges: the three share one lake, and each page must count its own calls only.
HOUR = (datetime(2026, 5, 20, 14, 0, tzinfo=timezone.utc), timedelta(hours=1), "minute", 60, "14:05")
DAY = (datetime(2026, 5, 10, 0, 0, tzinfo=timezone.utc), timedelta(days=1), "hour", 24, "May 10 05:00")
MONTH = (datetime(2026, 6, 1, 0, 0, tzinfo=timezone.utc), timedelta(days=30), "day", 30, "Jun 05")
RANGES = {"hour": HOUR, "day": DAY, "month": MONTH}


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory) -> dict[str, tuple[Path, list[dict]]]:
    """The HTML report of an hour, a day and a month, each of the demo's traffic (40 visitors
    in the hour and the day, 120 over the month), written by `droplets report api --html`.
    Written once for the module: its tests only read the pages."""
    directory = tmp_path_factory.mktemp("report-pages")
    pages = {}
    with module_lake(directory) as lake:
        for number, (name, (start, span, _, _, _)) in enumerate(RANGES.items()):
            records = demo_traffic(start, span, 120 if name == "month" else 40, seed=18 + number)
            index_only(lake, records)
            out = directory / "reports" / f"{name}.html"
            result = run_cli("report", "api", "--since", contract.format_time(start),
                             "--until", contract.format_time(start + span), "--html", str(out))
            assert result.exit_code == 0, result.stderr
            assert f"wrote {out}" in result.stderr
            pages[name] = (out, records)
    return pages


def test_pages_are_self_contained_and_light(report_pages, capsys):
    for name, (path, records) in report_pages.items():
        page = path.read_text(encoding="utf-8")
        size = len(page.encode("utf-8"))
        with capsys.disabled():  # the figure the issue asks for, in the test's output
            print(f"\nreport api --html, {name} of the demo's traffic ({len(records)} calls): {size:,} bytes")
        # Chart.js is inlined once, not linked: no external script, stylesheet or image
        assert not re.search(r"<script[^>]+src=", page)
        assert not re.search(r"<link[^>]+href=\"?https?:", page)
        assert not re.search(r"<img[^>]+src=\"?https?:", page)
        assert page.count("Chart.js v4.") == 1 and "sourceMappingURL" not in page
        assert "plotly" not in page.lower()
        assert size < MAX_PAGE_BYTES, (name, size)
        assert "<table id='routes'>" in page and "<table id='sessions'>" in page


def test_the_page_opens_with_the_summary_and_what_stands_out(report_pages):
    page = report_pages["day"][0].read_text(encoding="utf-8")
    records = report_pages["day"][1]
    summary = page[page.index("<section class=\"summary\""):page.index("</section>")]
    # calls, error rates, p50/p95/p99, the busiest and the slowest route, before any chart
    assert page.index("id=\"summary\"") < page.index("id=\"calls-chart\"")
    assert f"<b>{len(records):,}</b><span>calls</span>" in summary
    for label in ("4xx (", "5xx (", ">p50<", ">p95<", ">p99<", "busiest route", "slowest route (p95)"):
        assert label in summary
    assert "<b>/courses/:id</b><span>busiest route</span>" in summary
    assert "<b>/recommendations</b><span>slowest route (p95)</span>" in summary
    # /recommendations fails every fourth call: called out
    alerts = page[page.index("id=\"alerts\""):]
    assert re.search(r"<li>/recommendations: \d+% of its \d+ calls failed with a 5xx \(\d+\)</li>", alerts)
    # readable times: the range in the meta line, each slow call's time without milliseconds
    assert "2026-05-10 00:00 to 2026-05-11 00:00 UTC" in page and "time buckets of an hour (24)" in page
    assert not re.search(r"<td class='text'>\d{4}-\d\d-\d\dT", page)
    # AND each slow session links to its journey: the command that shows it
    slow = re.findall(r"<code>droplets session ([0-9a-f-]{36})</code>", page)
    assert len(slow) == 10 and len(set(slow)) == 10


@pytest.mark.browser
@pytest.mark.parametrize("name", list(RANGES))
def test_charts_have_shape_for_an_hour_a_day_and_a_month(report_pages, name, tmp_path):
    path, records = report_pages[name]
    _, _, bucket, buckets, sample_label = RANGES[name]
    with offline_chromium() as browser:
        page = browser.open(path, charts=len(CHART_IDS))
        # calls over time: a bucket per minute / hour / day of the range, labelled readably,
        # calls in more than one of them, every call counted once
        calls = chart_data(page, "calls-chart")
        assert calls["type"] == "bar" and len(calls["labels"]) == buckets
        assert sample_label in calls["labels"]
        totals = [sum(column) for column in zip(*(d["data"] for d in calls["datasets"]))]
        assert sum(totals) == len(records)
        assert sum(1 for t in totals if t) > 1, totals
        # the legend holds only the classes present (this traffic has no 3xx)
        present = {"2xx", "4xx", "5xx"} & {contract_class(r) for r in records}
        assert [d["label"] for d in calls["datasets"]] == [c for c in ("2xx", "4xx", "5xx") if c in present]
        # latency: p50, p95, p99 of all calls; each busy route's p95
        latency = chart_data(page, "latency-chart")
        assert [d["label"] for d in latency["datasets"]] == ["p50", "p95", "p99"]
        assert sum(1 for v in latency["datasets"][1]["data"] if v is not None) > 1
        routes = chart_data(page, "route-latency-chart")
        assert {d["label"] for d in routes["datasets"]} == {r["request"]["route"] for r in records}
        # and every chart is drawn (not a blank canvas)
        for chart_id in CHART_IDS:
            assert_drawn(page, chart_id, tmp_path)
        assert browser.errors == []


def contract_class(record: dict) -> str:
    return f"{record['response']['status'] // 100}xx"


@pytest.mark.browser
def test_an_empty_range_still_renders(lake, cli, tmp_path):
    out = tmp_path / "empty.html"
    result = cli("report", "api", "--since", "2027-01-01", "--until", "2027-01-02", "--html", str(out))
    assert result.exit_code == 0, result.stderr
    with offline_chromium() as browser:
        page = browser.open(out, charts=len(CHART_IDS))
        assert page.locator(".empty").inner_text() == "No calls in this range."
        calls = chart_data(page, "calls-chart")
        assert len(calls["labels"]) == 48 and calls["datasets"] == []  # two days of hours, no class present
        assert browser.errors == []

"""droplets report api: per-route counts, error rates, percentiles, slowest sessions; from
index items alone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from droplets import contract
from droplets.report import build_api_report, percentile
from droplets.timerange import TimeRange
from tests.cli.lake import stored_record

START = datetime(2026, 2, 28, 22, 0, tzinfo=timezone.utc)


def _at(minutes: float) -> str:
    return contract.format_time(START + timedelta(minutes=minutes))


@pytest.fixture
def traffic(lake):
    """/courses/:id: 100 calls of 1..100 ms; /pay: 10 calls, 3 of them 4xx and 2 5xx;
    calls spanning midnight into March; one call without a session."""
    records = [
        stored_record(f"sess-course-{i % 5:04d}", _at(i), route="/courses/:id", duration_ms=float(i + 1))
        for i in range(100)
    ]
    statuses = [200, 200, 201, 400, 404, 409, 500, 503, 200, 200]
    records += [
        stored_record("sess-payer-00001", _at(30 + i * 10), route="/pay", method="POST", status=s, duration_ms=500.0 + i)
        for i, s in enumerate(statuses)
    ]
    records.append(stored_record(None, _at(5), route="/health", duration_ms=9999.0))
    lake.add_many(records)
    return records


def test_report_numbers_from_the_index_alone(lake, traffic, cli, api_calls):
    api_calls.clear()
    result = cli("report", "api", "--since", "2026-02-28", "--until", "2026-03-01", "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    # THEN no S3 call was made at all: the index items carry everything
    assert {service for service, _ in api_calls} == {"dynamodb"}
    # Feb 28 and Mar 1, each its shards and its unsharded partition
    assert api_calls.count(("dynamodb", "Query")) == 2 * (lake.shards + 1)
    assert report["total"] == 111
    routes = {r["route"]: r for r in report["routes"]}
    assert [r["route"] for r in report["routes"]] == ["/courses/:id", "/pay", "/health"]
    course = routes["/courses/:id"]
    assert (course["count"], course["p50_ms"], course["p95_ms"], course["p99_ms"], course["max_ms"]) == (100, 50.0, 95.0, 99.0, 100.0)
    assert (course["errors_4xx"], course["errors_5xx"]) == (0, 0)
    pay = routes["/pay"]
    assert (pay["count"], pay["errors_4xx"], pay["errors_5xx"]) == (10, 3, 2)
    assert (pay["error_rate_4xx"], pay["error_rate_5xx"]) == (0.3, 0.2)
    assert (pay["p50_ms"], pay["p95_ms"], pay["p99_ms"]) == (504.0, 509.0, 509.0)
    # the slowest sessions, by their slowest call; the no-session partition is not a session
    slowest = [(s["session_id"], s["max_ms"], s["count"]) for s in report["slowest_sessions"]]
    assert slowest[0] == ("sess-payer-00001", 509.0, 10)
    assert slowest[1] == ("sess-course-0004", 100.0, 20)
    assert contract.NO_SESSION not in {s["session_id"] for s in report["slowest_sessions"]}
    # status mix per day, across the end of February
    assert report["status_by_day"] == {
        "2026-02-28": {"2xx": 105, "3xx": 0, "4xx": 3, "5xx": 2, "other": 0},
        "2026-03-01": {"2xx": 1, "3xx": 0, "4xx": 0, "5xx": 0, "other": 0},
    }
    # hourly latency series for a two-day range
    assert report["bucket"] == "hour"
    assert report["latency_series"]["/courses/:id"][0]["start"] == "2026-02-28T22:00:00.000Z"
    assert sum(p["count"] for p in report["latency_series"]["/courses/:id"]) == 100


def test_report_tables(traffic, cli):
    result = cli("report", "api", "--since", "2026-02-28", "--until", "2026-03-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "111 calls" in out
    pay = next(line for line in out.splitlines() if line.lstrip("│┃ ").startswith("/pay"))
    for cell in ("10", "30.0%", "20.0%", "504.0", "509.0"):
        assert cell in pay
    assert "slowest sessions" in out and "sess-payer-00001" in out
    # the summary comes first: totals, busiest and slowest route, and /pay's 5xx and p95 called out
    lines = out.splitlines()
    assert lines[0] == "111 calls · 4xx 2.7% · 5xx 1.8% · p50 56.0 ms · p95 505 ms · p99 509 ms"
    assert lines[1] == "busiest route /courses/:id · slowest route (p95) /pay"
    assert lines[2] == "! /pay: 20% of its 10 calls failed with a 5xx (2)"
    assert lines[3].startswith("API report ")  # /pay's p95 (509 ms) is not twice all calls' (505 ms)
    # AND how to see a slow session's journey
    assert "a session's journey: droplets session sess-payer-00001" in out


def test_empty_range_report(traffic, cli):
    result = cli("report", "api", "--since", "2027-01-01", "--until", "2027-01-02")
    assert result.exit_code == 0, result.stderr
    assert "no calls between 2027-01-01T00:00:00.000Z and 2027-01-03T00:00:00.000Z" in result.stdout
    data = cli("report", "api", "--since", "2027-01-01", "--until", "2027-01-02", "--json").json()
    assert (data["total"], data["routes"], data["slowest_sessions"]) == (0, [], [])


def test_percentile_is_nearest_rank():
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.75) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.76) == 4.0


def test_long_ranges_get_daily_series_and_unrouted_calls_are_grouped():
    time_range = TimeRange.parse("2026-01-01", "2026-01-10")
    events = [
        {"occurred_at": f"2026-01-0{d}T12:00:00.000Z", "session_id": "sess-x-000001", "route": None, "status": s,
         "duration_ms": 10.0 * d}
        for d, s in ((1, 200), (2, 0), (3, 302))
    ]
    report = build_api_report(events, time_range)
    assert report.bucket == "day"
    assert [r.route for r in report.routes] == ["(no route)"]
    assert [p.start for p in report.latency_series["(no route)"]] == [
        "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"]
    assert report.status_by_day["2026-01-02"]["other"] == 1 and report.status_by_day["2026-01-03"]["3xx"] == 1


def test_html_of_an_empty_range_is_still_a_page(lake, cli, tmp_path):
    out = tmp_path / "empty.html"
    result = cli("report", "api", "--since", "2027-01-01", "--until", "2027-01-02", "--html", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "No calls in this range." in page
    for chart_id in ("calls-chart", "latency-chart", "route-latency-chart"):
        assert f'id="{chart_id}"' in page

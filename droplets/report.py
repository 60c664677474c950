"""The API report: per-route traffic, errors and latency, from index items alone.

Index items carry method, route, status and duration (see ``contract.INDEX_REPORT_FIELDS``),
so the report never opens S3. Feed it the events of :func:`droplets.query.events_between`::

    report = build_api_report(events_between(dynamodb, table, time_range), time_range)

Percentiles use the nearest-rank method (the value below which ``q`` of the calls fall,
always an observed duration), so small samples give honest, reproducible numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from droplets import contract
from droplets.timerange import TimeRange

NO_ROUTE = "(no route)"
STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx", "other")
#: Ranges up to this long get hourly latency series; longer ones daily.
HOURLY_UP_TO = timedelta(days=3)


def percentile(ordered: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an ascending list (``q`` in 0..1)."""
    if not ordered:
        return None
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def status_class(status: Any) -> str:
    if isinstance(status, (int, float)) and 200 <= status <= 599:
        return f"{int(status) // 100}xx"
    return "other"


@dataclass
class RouteStats:
    route: str
    count: int
    errors_4xx: int
    errors_5xx: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None

    @property
    def error_rate_4xx(self) -> float:
        return self.errors_4xx / self.count if self.count else 0.0

    @property
    def error_rate_5xx(self) -> float:
        return self.errors_5xx / self.count if self.count else 0.0


@dataclass
class SessionStats:
    session_id: str
    count: int
    max_ms: float
    total_ms: float
    slowest_route: str
    slowest_at: str


@dataclass
class LatencyPoint:
    """One time bucket of one route's latency."""

    start: str
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass
class ApiReport:
    since: str
    until: str
    total: int
    routes: list[RouteStats]
    slowest_sessions: list[SessionStats]
    #: "hour" or "day": the width of the latency series' buckets.
    bucket: str
    latency_series: dict[str, list[LatencyPoint]] = field(default_factory=dict)
    #: day -> {"2xx": n, "3xx": n, "4xx": n, "5xx": n, "other": n}
    status_by_day: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for stats, out in zip(self.routes, data["routes"]):
            out["error_rate_4xx"] = round(stats.error_rate_4xx, 6)
            out["error_rate_5xx"] = round(stats.error_rate_5xx, 6)
        return data


def _bucket_start(occurred_at: str, hourly: bool) -> str:
    return occurred_at[:13] + ":00:00.000Z" if hourly else occurred_at[:10] + "T00:00:00.000Z"


def build_api_report(
    events: Iterable[dict], time_range: TimeRange, *, slowest: int = 10, bucket: str | None = None
) -> ApiReport:
    """Aggregate events (index items as :func:`droplets.query.to_event` returns them)."""
    hourly = (bucket or ("hour" if time_range.until - time_range.since <= HOURLY_UP_TO else "day")) == "hour"
    durations: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    series: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    statuses: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUS_CLASSES, 0))
    sessions: dict[str, list] = {}
    total = 0

    for event in events:
        total += 1
        route = event.get("route") or NO_ROUTE
        duration = float(event.get("duration_ms") or 0.0)
        occurred_at = event[contract.DAY_INDEX_SK]
        kind = status_class(event.get("status"))
        durations[route].append(duration)
        if kind == "4xx":
            errors[route][0] += 1
        elif kind == "5xx":
            errors[route][1] += 1
        series[route][_bucket_start(occurred_at, hourly)].append(duration)
        statuses[contract.day_of(occurred_at)][kind] += 1
        session_id = event.get(contract.INDEX_PK)
        if session_id and session_id != contract.NO_SESSION:
            # [count, max, total, route of the max, when]
            stats = sessions.setdefault(session_id, [0, -1.0, 0.0, route, occurred_at])
            stats[0] += 1
            stats[2] += duration
            if duration > stats[1]:
                stats[1], stats[3], stats[4] = duration, route, occurred_at

    routes = []
    for route, values in durations.items():
        values.sort()
        routes.append(RouteStats(
            route=route, count=len(values), errors_4xx=errors[route][0], errors_5xx=errors[route][1],
            p50_ms=percentile(values, 0.50), p95_ms=percentile(values, 0.95),
            p99_ms=percentile(values, 0.99), max_ms=values[-1],
        ))
    routes.sort(key=lambda r: (-r.count, r.route))

    latency_series = {}
    for route, buckets in series.items():
        points = []
        for start in sorted(buckets):
            values = sorted(buckets[start])
            points.append(LatencyPoint(start, len(values), percentile(values, 0.5),
                                       percentile(values, 0.95), percentile(values, 0.99)))
        latency_series[route] = points

    ranked = sorted(sessions.items(), key=lambda kv: (-kv[1][1], -kv[1][2], kv[0]))[:slowest]
    slowest_sessions = [
        SessionStats(sid, count, max_ms, round(total_ms, 3), route, at)
        for sid, (count, max_ms, total_ms, route, at) in ranked
    ]
    return ApiReport(
        since=time_range.first,
        until=contract.format_time(time_range.until),
        total=total,
        routes=routes,
        slowest_sessions=slowest_sessions,
        bucket="hour" if hourly else "day",
        latency_series=latency_series,
        status_by_day={day: statuses[day] for day in sorted(statuses)},
    )


def all_days(report: ApiReport) -> list[str]:
    """Every day of the report's range (for charts: days without traffic show as zero)."""
    first = datetime.fromisoformat(report.since[:10]).replace(tzinfo=timezone.utc)
    last = contract.parse_time(report.until) - timedelta(milliseconds=1)
    days, day = [], first
    while day.date() <= last.date():
        days.append(day.date().isoformat())
        day += timedelta(days=1)
    return days

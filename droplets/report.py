"""The API report: per-route traffic, errors and latency, from index items alone.

Index items carry method, route, status and duration (see ``contract.INDEX_REPORT_FIELDS``),
so the report never opens S3. Feed it the events of :func:`droplets.query.events_between`::

    report = build_api_report(events_between(dynamodb, table, time_range), time_range)

Percentiles use the nearest-rank method (the value below which ``q`` of the calls fall,
always an observed duration), so small samples give honest, reproducible numbers.

Time series are cut into buckets chosen from the range, so that a chart has shape whatever
the range: a minute for up to 6 hours, an hour for up to 7 days, a day beyond (an hour: 60
buckets; a day: 24; a month: 30). Every bucket of the range is in ``calls_series``, empty
ones with zero calls, so a quiet stretch shows as one.

The summary says what a reader wants first (calls, error rates, p50/p95/p99, the busiest and
the slowest route) and calls out what is alarming (:func:`alerts`).
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

#: Bucket widths, and the longest range each is chosen for (:func:`bucket_for`).
BUCKETS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}
BUCKET_UP_TO = (("minute", timedelta(hours=6)), ("hour", timedelta(days=7)))
#: Where each bucket's start is cut from ``occurred_at`` (``YYYY-MM-DDTHH:MM:SS.mmmZ``).
_BUCKET_TEXT = {"minute": (16, ":00.000Z"), "hour": (13, ":00:00.000Z"), "day": (10, "T00:00:00.000Z")}

#: What makes a route alarming in the summary (:func:`alerts`): a 5xx share of at least
#: 5 % over at least 2 server errors; a p95 of at least 1 s, or of at least 250 ms and twice
#: the p95 of all calls, over at least 5 calls (fewer are no pattern).
ALERT_5XX_SHARE = 0.05
ALERT_MIN_5XX = 2
ALERT_P95_SLOW_MS = 1000.0
ALERT_P95_MIN_MS = 250.0
ALERT_P95_FACTOR = 2.0
ALERT_MIN_CALLS = 5


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


def bucket_for(time_range: TimeRange) -> str:
    """The bucket width for a range: ``minute``, ``hour`` or ``day``."""
    span = time_range.until - time_range.since
    return next((name for name, up_to in BUCKET_UP_TO if span <= up_to), "day")


def bucket_start(occurred_at: str, bucket: str) -> str:
    """The start of the bucket ``occurred_at`` falls in, as ``occurred_at`` text."""
    cut, rest = _BUCKET_TEXT[bucket]
    return occurred_at[:cut] + rest


def bucket_starts(time_range: TimeRange, bucket: str) -> list[str]:
    """Every bucket of the range, in order: the first holds ``since``, the last ``until``'s
    last millisecond."""
    start = contract.parse_time(bucket_start(time_range.first, bucket))
    step, starts = BUCKETS[bucket], []
    while start < time_range.until:
        starts.append(contract.format_time(start))
        start += step
    return starts


class ErrorRates:
    """The 4xx and 5xx rates of ``calls`` calls, ``errors_4xx`` and ``errors_5xx`` of them
    failed (0.0 without calls): a route's, and the summary's of all calls."""

    calls: int
    errors_4xx: int
    errors_5xx: int

    @property
    def error_rate_4xx(self) -> float:
        return self.errors_4xx / self.calls if self.calls else 0.0

    @property
    def error_rate_5xx(self) -> float:
        return self.errors_5xx / self.calls if self.calls else 0.0


@dataclass
class RouteStats(ErrorRates):
    route: str
    count: int
    errors_4xx: int
    errors_5xx: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None

    @property
    def calls(self) -> int:
        """``count`` under the name :class:`ErrorRates` reads (``count`` is the JSON's key)."""
        return self.count


@dataclass
class SessionStats:
    session_id: str
    count: int
    max_ms: float
    total_ms: float
    slowest_route: str
    slowest_at: str

    @property
    def journey_command(self) -> str:
        """The command that shows this session's journey (every call, in order)."""
        return f"droplets session {self.session_id}"


@dataclass
class LatencyPoint:
    """One time bucket of one route's (or all calls') latency."""

    start: str
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass
class CallsPoint:
    """One time bucket of the calls-over-time series: calls per status class."""

    start: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Alert:
    """A route that stands out: ``kind`` is ``5xx`` or ``p95``."""

    route: str
    kind: str
    message: str


@dataclass
class Summary(ErrorRates):
    calls: int
    errors_4xx: int
    errors_5xx: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    #: The route with the most calls, and the one with the highest p95 (of those with at
    #: least ALERT_MIN_CALLS calls, unless none has that many); None without calls.
    busiest_route: str | None
    slowest_route: str | None
    alerts: list[Alert] = field(default_factory=list)


@dataclass
class ApiReport:
    since: str
    until: str
    total: int
    routes: list[RouteStats]
    slowest_sessions: list[SessionStats]
    #: "minute", "hour" or "day": the width of the time series' buckets.
    bucket: str
    #: route -> its latency per bucket (buckets with calls only)
    latency_series: dict[str, list[LatencyPoint]] = field(default_factory=dict)
    #: day -> {"2xx": n, "3xx": n, "4xx": n, "5xx": n, "other": n}
    status_by_day: dict[str, dict[str, int]] = field(default_factory=dict)
    #: every bucket of the range: calls per status class (zero-filled)
    calls_series: list[CallsPoint] = field(default_factory=list)
    #: all calls' latency per bucket (buckets with calls only)
    overall_latency: list[LatencyPoint] = field(default_factory=list)
    summary: Summary | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for stats, out in zip(self.routes, data["routes"]):
            out["error_rate_4xx"] = round(stats.error_rate_4xx, 6)
            out["error_rate_5xx"] = round(stats.error_rate_5xx, 6)
        for session, out in zip(self.slowest_sessions, data["slowest_sessions"]):
            out["journey_command"] = session.journey_command
        if self.summary is not None:
            data["summary"]["error_rate_4xx"] = round(self.summary.error_rate_4xx, 6)
            data["summary"]["error_rate_5xx"] = round(self.summary.error_rate_5xx, 6)
        return data


def _latency_point(start: str, values: list[float]) -> LatencyPoint:
    values.sort()
    return LatencyPoint(start, len(values), percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99))


def build_api_report(
    events: Iterable[dict], time_range: TimeRange, *, slowest: int = 10, bucket: str | None = None
) -> ApiReport:
    """Aggregate events (index items as :func:`droplets.query.to_event` returns them)."""
    bucket = bucket or bucket_for(time_range)
    durations: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    series: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    overall: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUS_CLASSES, 0))
    calls: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUS_CLASSES, 0))
    sessions: dict[str, list] = {}
    total = 0

    for event in events:
        total += 1
        route = event.get("route") or NO_ROUTE
        duration = float(event.get("duration_ms") or 0.0)
        occurred_at = event[contract.DAY_INDEX_SK]
        kind = status_class(event.get("status"))
        start = bucket_start(occurred_at, bucket)
        durations[route].append(duration)
        if kind == "4xx":
            errors[route][0] += 1
        elif kind == "5xx":
            errors[route][1] += 1
        series[route][start].append(duration)
        overall[start].append(duration)
        statuses[contract.day_of(occurred_at)][kind] += 1
        calls[start][kind] += 1
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

    latency_series = {route: [_latency_point(start, buckets[start]) for start in sorted(buckets)]
                      for route, buckets in series.items()}
    starts = bucket_starts(time_range, bucket)
    calls_series = [CallsPoint(start, dict(calls.get(start) or dict.fromkeys(STATUS_CLASSES, 0))) for start in starts]

    ranked = sorted(sessions.items(), key=lambda kv: (-kv[1][1], -kv[1][2], kv[0]))[:slowest]
    slowest_sessions = [
        SessionStats(sid, count, max_ms, round(total_ms, 3), route, at)
        for sid, (count, max_ms, total_ms, route, at) in ranked
    ]
    every = sorted(v for values in durations.values() for v in values)
    return ApiReport(
        since=time_range.first,
        until=contract.format_time(time_range.until),
        total=total,
        routes=routes,
        slowest_sessions=slowest_sessions,
        bucket=bucket,
        latency_series=latency_series,
        status_by_day={day: statuses[day] for day in sorted(statuses)},
        calls_series=calls_series,
        overall_latency=[_latency_point(start, overall[start]) for start in sorted(overall)],
        summary=summarize(routes, every),
    )


def summarize(routes: list[RouteStats], every: list[float]) -> Summary:
    """The report's summary from its routes and every call's duration (ascending)."""
    p95 = percentile(every, 0.95)
    patterned = [r for r in routes if r.count >= ALERT_MIN_CALLS] or routes
    slowest = max(patterned, key=lambda r: (r.p95_ms or 0.0, r.count), default=None)
    return Summary(
        calls=len(every),
        errors_4xx=sum(r.errors_4xx for r in routes),
        errors_5xx=sum(r.errors_5xx for r in routes),
        p50_ms=percentile(every, 0.5), p95_ms=p95, p99_ms=percentile(every, 0.99),
        busiest_route=routes[0].route if routes else None,
        slowest_route=slowest.route if slowest else None,
        alerts=alerts(routes, p95),
    )


def alerts(routes: list[RouteStats], overall_p95: float | None) -> list[Alert]:
    """The routes that stand out, 5xx first, the worst first:

    - a 5xx share of at least ALERT_5XX_SHARE over at least ALERT_MIN_5XX server errors;
    - a p95 of at least ALERT_P95_SLOW_MS, or of at least ALERT_P95_MIN_MS and
      ALERT_P95_FACTOR times the p95 of all calls, over at least ALERT_MIN_CALLS calls.
    """
    found = []
    for r in sorted(routes, key=lambda r: -r.error_rate_5xx):
        if r.errors_5xx >= ALERT_MIN_5XX and r.error_rate_5xx >= ALERT_5XX_SHARE:
            found.append(Alert(r.route, "5xx", f"{r.route}: {r.error_rate_5xx:.0%} of its {r.count:,} calls failed "
                                               f"with a 5xx ({r.errors_5xx:,})"))
    for r in sorted(routes, key=lambda r: -(r.p95_ms or 0.0)):
        p95 = r.p95_ms or 0.0
        if r.count < ALERT_MIN_CALLS:
            continue
        if p95 >= ALERT_P95_SLOW_MS or (p95 >= ALERT_P95_MIN_MS and overall_p95 and p95 >= ALERT_P95_FACTOR * overall_p95):
            found.append(Alert(r.route, "p95", f"{r.route}: p95 {format_ms(p95)}, against {format_ms(overall_p95)} "
                                               "for all calls"))
    return found


def format_ms(value: float | None) -> str:
    """A duration for people: ``850 ms``, ``12.5 ms``, ``1.2 s``."""
    if value is None:
        return ""
    if value >= 1000:
        return f"{value / 1000:,.1f} s"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"


def all_days(report: ApiReport) -> list[str]:
    """Every day of the report's range (for charts: days without traffic show as zero)."""
    first = datetime.fromisoformat(report.since[:10]).replace(tzinfo=timezone.utc)
    last = contract.parse_time(report.until) - timedelta(milliseconds=1)
    days, day = [], first
    while day.date() <= last.date():
        days.append(day.date().isoformat())
        day += timedelta(days=1)
    return days

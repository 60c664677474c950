"""Journeys and funnels across sessions, from index items alone.

Both reports take the events of :func:`droplets.query.events_between` (index items, in
time order) and never open S3. They group the events by session; calls without a session
(``_nosession``) have no journey and are left out.

Definitions (what the numbers mean):

- A **step** of a journey is one call, named ``METHOD route`` (``GET /courses/:id``; a call
  without a route is ``METHOD (no route)``). A session's journey is its steps in time order,
  within the range: a session that began before ``--since`` or went on after ``--until`` is
  seen only inside the range, as the index is queried by the range's days.
- **Session duration** is the time from its first to its last call in the range; **calls**
  counts its calls; a **bounce** is a session of one call.
- **Entry** and **exit** steps are a session's first and last step.
- A **path** of n steps is n consecutive calls of one session, after repeats of the same
  step in a row are folded into one (a reload or a poll is not a move). Paths are ranked by
  the number of sessions that took them; ``times`` counts every occurrence.
- **Next after a step** (``--from``): for every call matching the step, the session's next
  call that is not the same step repeated (``(exit)`` when the session ends there), with
  the share of each next step and the median time from the call to it.

A funnel's step is a :class:`StepMatcher` (``GET /courses``, ``/courses/:id``,
``POST /courses/:id/checkout:2xx``, globs with ``*``). For each session, every call
matching the first step starts an attempt; an attempt takes, for each following step, the
first matching call after the previous one (steps out of order do not count; calls in
between do not matter), and with ``within`` only calls no later than ``within`` after the
attempt's first call. A session's result is its attempt that reached the furthest step (the
earliest such attempt on a tie); its times between steps are that attempt's. Sessions that
stop at step k "went instead" to the next call after their step-k call that is not step k
again (``(exit)`` when none).
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, Iterable, Sequence

from droplets import contract
from droplets.errors import DropletsError
from droplets.report import NO_ROUTE, percentile, status_class

EXIT = "(exit)"
#: How many entries each ranked list keeps.
TOP = 10


def step_of(event: dict[str, Any]) -> str:
    """``GET /courses/:id``: the name of a call as a journey step."""
    return f"{(event.get('method') or '?').upper()} {event.get('route') or NO_ROUTE}"


def _millis(occurred_at: str) -> float:
    return contract.parse_time(occurred_at).timestamp() * 1000.0


def sessions_of(events: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Events grouped by session, each in time order (``_nosession`` left out)."""
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        sid = event.get(contract.INDEX_PK)
        if sid and sid != contract.NO_SESSION:
            by_session[sid].append(event)
    for calls in by_session.values():
        calls.sort(key=lambda e: (e[contract.DAY_INDEX_SK], e.get("event_id") or ""))
    return dict(by_session)


def _folded(steps: list[str]) -> list[str]:
    return [s for i, s in enumerate(steps) if i == 0 or s != steps[i - 1]]


def _stats(values: list[float]) -> dict[str, float | None]:
    ordered = sorted(values)
    return {"median": percentile(ordered, 0.5), "p90": percentile(ordered, 0.9)}


def _ranked(counter: Counter, total: int, top: int = TOP) -> list[dict[str, Any]]:
    return [
        {"step": name, "sessions": n, "share": round(n / total, 6) if total else 0.0}
        for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]


# --- journeys ---------------------------------------------------------------------------


@dataclass
class NextStep:
    step: str
    count: int
    share: float
    median_ms: float | None


@dataclass
class JourneysReport:
    since: str
    until: str
    sessions: int
    calls: int
    calls_per_session: dict[str, float | None]
    duration_ms: dict[str, float | None]
    bounces: int
    bounce_rate: float
    entries: list[dict[str, Any]]
    exits: list[dict[str, Any]]
    paths: dict[str, list[dict[str, Any]]]
    #: ``--from``: the step asked about, how often it was seen, and what came next.
    from_step: str | None = None
    from_count: int = 0
    next_steps: list[NextStep] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_journeys(
    events: Iterable[dict[str, Any]],
    since: str,
    until: str,
    *,
    from_step: "StepMatcher | None" = None,
    lengths: Sequence[int] = (2, 3),
    top: int = TOP,
) -> JourneysReport:
    """The journeys report of ``events`` (see the module docstring for the definitions)."""
    sessions = sessions_of(events)
    calls_per, durations, entries, exits = [], [], Counter(), Counter()
    paths: dict[int, Counter] = {n: Counter() for n in lengths}
    path_times: dict[int, Counter] = {n: Counter() for n in lengths}
    next_counts: Counter = Counter()
    next_times: dict[str, list[float]] = defaultdict(list)
    from_count = 0
    for calls in sessions.values():
        steps = [step_of(e) for e in calls]
        calls_per.append(len(calls))
        durations.append(_millis(calls[-1][contract.DAY_INDEX_SK]) - _millis(calls[0][contract.DAY_INDEX_SK]))
        entries[steps[0]] += 1
        exits[steps[-1]] += 1
        folded = _folded(steps)
        for n in lengths:
            grams = [" → ".join(folded[i:i + n]) for i in range(len(folded) - n + 1)]
            paths[n].update(set(grams))
            path_times[n].update(grams)
        if from_step is not None:
            for i, event in enumerate(calls):
                if not from_step.matches(event):
                    continue
                from_count += 1
                here = steps[i]
                j = next((k for k in range(i + 1, len(calls)) if steps[k] != here), None)
                if j is None:
                    next_counts[EXIT] += 1
                else:
                    next_counts[steps[j]] += 1
                    next_times[steps[j]].append(
                        _millis(calls[j][contract.DAY_INDEX_SK]) - _millis(event[contract.DAY_INDEX_SK])
                    )
    total = len(sessions)
    bounces = sum(1 for n in calls_per if n == 1)
    next_steps = [
        NextStep(step, n, round(n / from_count, 6), percentile(sorted(next_times[step]), 0.5))
        for step, n in sorted(next_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]
    return JourneysReport(
        since=since,
        until=until,
        sessions=total,
        calls=sum(calls_per),
        calls_per_session=_stats([float(n) for n in calls_per]),
        duration_ms=_stats(durations),
        bounces=bounces,
        bounce_rate=round(bounces / total, 6) if total else 0.0,
        entries=_ranked(entries, total, top),
        exits=_ranked(exits, total, top),
        paths={
            str(n): [
                {"path": p, "sessions": c, "times": path_times[n][p]}
                for p, c in sorted(paths[n].items(), key=lambda kv: (-kv[1], -path_times[n][kv[0]], kv[0]))[:top]
            ]
            for n in lengths
        },
        from_step=from_step.text if from_step is not None else None,
        from_count=from_count,
        next_steps=next_steps,
    )


# --- funnels ----------------------------------------------------------------------------

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_STATUS_RE = re.compile(r"^(?:[1-5]xx|[1-5][0-9]{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class StepMatcher:
    """One funnel step: ``[METHOD ]ROUTE[:STATUS]``. ROUTE is a route template
    (``/courses/:id``) matched exactly, or a glob with ``*``; STATUS is a class (``2xx``)
    or a code (``201``)."""

    text: str
    method: str | None
    route: str
    status: str | None

    @classmethod
    def parse(cls, text: str) -> "StepMatcher":
        value = text.strip()
        method = None
        head, _, rest = value.partition(" ")
        if rest and head.upper() in _METHODS:
            method, value = head.upper(), rest.strip()
        status = None
        route, colon, tail = value.rpartition(":")
        if colon and _STATUS_RE.match(tail):
            status, value = tail.lower(), route
        if not value.startswith("/") or " " in value:
            raise DropletsError(
                f"step {text!r}: expected [METHOD ]/route[:STATUS], e.g. 'GET /courses/:id' or "
                f"'POST /courses/:id/checkout:2xx'"
            )
        return cls(text=text.strip(), method=method, route=value, status=status)

    def matches(self, event: dict[str, Any]) -> bool:
        if self.method is not None and (event.get("method") or "").upper() != self.method:
            return False
        route = event.get("route") or ""
        if "*" in self.route:
            if not fnmatch.fnmatchcase(route, self.route):
                return False
        elif route != self.route:
            return False
        if self.status is not None:
            status = event.get("status")
            if self.status.endswith("xx"):
                return status_class(status) == self.status
            return status is not None and int(status) == int(self.status)
        return True


@dataclass
class FunnelStep:
    step: str
    sessions: int
    #: Of the sessions at the previous step, the share that reached this one (1.0 for the first).
    conversion: float
    #: Of the sessions at the first step, the share that reached this one.
    overall: float
    #: Time from the previous step to this one, over the sessions that reached it.
    median_ms: float | None
    p90_ms: float | None
    #: Where the sessions that stopped at this step went next instead (``(exit)``: nowhere).
    dropped: int = 0
    dropped_to: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class FunnelReport:
    since: str
    until: str
    within_ms: float | None
    sessions: int
    steps: list[FunnelStep]

    @property
    def converted(self) -> int:
        return self.steps[-1].sessions if self.steps else 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["converted"] = self.converted
        data["conversion"] = self.steps[-1].overall if self.steps else 0.0
        return data


def _attempt(calls: list[dict[str, Any]], steps: Sequence[StepMatcher], start: int, within: float | None):
    """Indexes of the calls an attempt starting at ``calls[start]`` takes, one per step reached."""
    taken = [start]
    limit = _millis(calls[start][contract.DAY_INDEX_SK]) + within if within is not None else None
    position = start
    for matcher in steps[1:]:
        found = None
        for k in range(position + 1, len(calls)):
            if limit is not None and _millis(calls[k][contract.DAY_INDEX_SK]) > limit:
                break
            if matcher.matches(calls[k]):
                found = k
                break
        if found is None:
            break
        taken.append(found)
        position = found
    return taken


def build_funnel(
    events: Iterable[dict[str, Any]],
    steps: Sequence[StepMatcher],
    since: str,
    until: str,
    *,
    within: timedelta | None = None,
    top: int = TOP,
) -> FunnelReport:
    """The funnel of ``steps`` over ``events`` (see the module docstring for the rule)."""
    if len(steps) < 2:
        raise DropletsError("a funnel needs at least two steps")
    within_ms = within.total_seconds() * 1000.0 if within is not None else None
    reached = [0] * len(steps)
    gaps: list[list[float]] = [[] for _ in steps]
    dropped_to: list[Counter] = [Counter() for _ in steps]
    sessions = sessions_of(events)
    for calls in sessions.values():
        best: list[int] = []
        for start, event in enumerate(calls):
            if steps[0].matches(event):
                taken = _attempt(calls, steps, start, within_ms)
                if len(taken) > len(best):
                    best = taken
                    if len(best) == len(steps):
                        break
        if not best:
            continue
        for i, index in enumerate(best):
            reached[i] += 1
            if i:
                gaps[i].append(_millis(calls[index][contract.DAY_INDEX_SK]) - _millis(calls[best[i - 1]][contract.DAY_INDEX_SK]))
        last = len(best) - 1
        if last < len(steps) - 1:
            after = next((c for c in calls[best[last] + 1:] if not steps[last].matches(c)), None)
            dropped_to[last][step_of(after) if after is not None else EXIT] += 1
    out = []
    for i, matcher in enumerate(steps):
        stats = _stats(gaps[i]) if i else {"median": None, "p90": None}
        dropped = reached[i] - (reached[i + 1] if i + 1 < len(steps) else reached[i])
        out.append(FunnelStep(
            step=matcher.text,
            sessions=reached[i],
            conversion=1.0 if i == 0 else (round(reached[i] / reached[i - 1], 6) if reached[i - 1] else 0.0),
            overall=round(reached[i] / reached[0], 6) if reached[0] else 0.0,
            median_ms=stats["median"],
            p90_ms=stats["p90"],
            dropped=dropped,
            dropped_to=_ranked(dropped_to[i], dropped, top) if dropped else [],
        ))
    return FunnelReport(since=since, until=until, within_ms=within_ms, sessions=len(sessions), steps=out)

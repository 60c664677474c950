"""Journeys and funnels across sessions, from index items alone.

Both reports take the events of :func:`droplets.query.events_between` (index items, in
time order) and never open S3. They group the events by session, so they hold the range's
events in memory (small dicts: about a kilobyte each); calls without a session
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
- **Next after a step** (``--from``): for every visit to the step (a run of calls of one
  step folded into one, as in paths) with a call matching ``--from``, the session's next
  step after the visit (``(exit)`` when the session ends there), with the share of each
  next step and the median time from the visit's first matching call to it. A reload is
  not counted twice, so the shares are those of the paths of 2 that start at the step.
- The **flow** (the journeys chart) follows every session's first ``FLOW_DEPTH`` steps
  (folded): how many sessions went from each step at position n to each step at n+1,
  ``(exit)`` when the session ended before. The ``FLOW_WIDTH`` most common steps of each
  position are named, the rest are ``(other)``.

A funnel's step (and ``--from``) is a :class:`StepMatcher`: ``[METHOD ]ROUTE[:STATUS]``,
e.g. ``GET /courses``, ``/courses/:id``, ``POST /courses/:id/checkout:2xx``; ROUTE is a
template or a glob with ``*`` (:func:`droplets.query.route_matches`), STATUS is what
``--status`` takes (``2xx``, ``404``, ``400-499``). For each session, a call matching the
first step starts an attempt; an attempt takes, for each following step, the first matching
call after the previous one (steps out of order do not count; calls in between do not
matter), and with ``within`` only calls no later than ``within`` after the attempt's first
call. A session's result is its attempt that reached the furthest step (the earliest such
attempt on a tie; without ``within`` that is always the attempt of its first call matching
the first step); its times between steps are that attempt's. Sessions that stop at step k
"went instead" to the next call after their step-k call that is not step k again
(``(exit)`` when none). ``sessions`` counts every session of the range, in the funnel or not.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterable, Sequence

from droplets import contract
from droplets.errors import DropletsError
from droplets.query import parse_status, route_matches
from droplets.report import NO_ROUTE, percentile

EXIT = "(exit)"
OTHER = "(other)"
#: How many entries each ranked list keeps.
TOP = 10
#: The flow follows this many first steps of each session, naming this many steps a position.
FLOW_DEPTH = 4
FLOW_WIDTH = 8


def step_of(event: dict[str, Any]) -> str:
    """``GET /courses/:id``: the name of a call as a journey step."""
    return f"{(event.get('method') or '?').upper()} {event.get('route') or NO_ROUTE}"


def _millis(occurred_at: str) -> float:
    # fromisoformat reads the contract's "...T12:00:00.123Z" (Python 3.11+), 10x faster than strptime.
    return datetime.fromisoformat(occurred_at).timestamp() * 1000.0


def _at(event: dict[str, Any]) -> float:
    return _millis(event[contract.DAY_INDEX_SK])


def sessions_of(events: Iterable[dict[str, Any]], skipped: Counter | None = None) -> dict[str, list[dict[str, Any]]]:
    """Events grouped by session, each in time order. Calls without a session
    (``_nosession``) are left out, and counted in ``skipped["no_session"]`` when given."""
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        sid = event.get(contract.INDEX_PK)
        if sid and sid != contract.NO_SESSION:
            by_session[sid].append(event)
        elif skipped is not None:
            skipped["no_session"] += 1
    for calls in by_session.values():
        calls.sort(key=lambda e: (e[contract.DAY_INDEX_SK], e.get("event_id") or ""))
    return dict(by_session)


def _runs(steps: list[str]) -> list[tuple[int, int]]:
    """``(first, end)`` index ranges of the runs of one step repeated in a row."""
    runs: list[tuple[int, int]] = []
    for i, step in enumerate(steps):
        if i and step == steps[i - 1]:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


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
    #: Calls of sessions in the range; calls without a session have no journey and are
    #: only counted in ``no_session_calls``.
    calls: int
    no_session_calls: int
    calls_per_session: dict[str, float | None]
    duration_ms: dict[str, float | None]
    bounces: int
    bounce_rate: float
    entries: list[dict[str, Any]]
    exits: list[dict[str, Any]]
    paths: dict[str, list[dict[str, Any]]]
    flow: list[dict[str, Any]]
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
    skipped: Counter = Counter()
    sessions = sessions_of(events, skipped)
    calls_per, durations, entries, exits = [], [], Counter(), Counter()
    paths: dict[int, Counter] = {n: Counter() for n in lengths}
    path_times: dict[int, Counter] = {n: Counter() for n in lengths}
    next_counts: Counter = Counter()
    next_times: dict[str, list[float]] = defaultdict(list)
    from_count = 0
    openings: list[list[str]] = []
    for calls in sessions.values():
        steps = [step_of(e) for e in calls]
        calls_per.append(len(calls))
        durations.append(_at(calls[-1]) - _at(calls[0]))
        entries[steps[0]] += 1
        exits[steps[-1]] += 1
        runs = _runs(steps)
        folded = [steps[first] for first, _ in runs]
        openings.append(folded[:FLOW_DEPTH])
        for n in lengths:
            grams = [" → ".join(folded[i:i + n]) for i in range(len(folded) - n + 1)]
            paths[n].update(set(grams))
            path_times[n].update(grams)
        if from_step is None:
            continue
        for r, (first, end) in enumerate(runs):
            matching = next((k for k in range(first, end) if from_step.matches(calls[k])), None)
            if matching is None:
                continue
            from_count += 1
            if r + 1 == len(runs):
                next_counts[EXIT] += 1
            else:
                after = runs[r + 1][0]
                next_counts[steps[after]] += 1
                next_times[steps[after]].append(_at(calls[after]) - _at(calls[matching]))
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
        no_session_calls=skipped["no_session"],
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
        flow=_flow(openings),
        from_step=from_step.text if from_step is not None else None,
        from_count=from_count,
        next_steps=next_steps,
    )


def _flow(openings: list[list[str]], width: int = FLOW_WIDTH) -> list[dict[str, Any]]:
    """The links of the flow chart (module docstring): ``position`` is the ``from`` step's."""
    walks = [opening + [EXIT] if len(opening) < FLOW_DEPTH else opening for opening in openings]
    columns: list[Counter] = [Counter() for _ in range(FLOW_DEPTH)]
    for walk in walks:
        for position, step in enumerate(walk):
            columns[position][step] += 1
    named = [
        {step for step, _ in sorted(column.items(), key=lambda kv: (-kv[1], kv[0]))[:width]} | {EXIT}
        for column in columns
    ]
    links: Counter = Counter()
    for walk in walks:
        names = [step if step in named[position] else OTHER for position, step in enumerate(walk)]
        for position in range(len(names) - 1):
            links[(position + 1, names[position], names[position + 1])] += 1
    return [
        {"position": position, "from": a, "to": b, "sessions": n}
        for (position, a, b), n in sorted(links.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1], kv[0][2]))
    ]


# --- funnels ----------------------------------------------------------------------------

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
#: A step's status suffix: what ``--status`` takes (2xx, 404, 400-499). Anything after the
#: last ":" that starts with a digit is meant as one (a route parameter starts with a letter).
_STATUS_SUFFIX_RE = re.compile(r"^(?P<route>.*):(?P<status>\d[\w-]*)$", re.IGNORECASE)


@dataclass(frozen=True)
class StepMatcher:
    """One funnel step: ``[METHOD ]ROUTE[:STATUS]`` (see the module docstring)."""

    text: str
    method: str | None
    route: str
    status: tuple[int, int] | None

    @classmethod
    def parse(cls, text: str) -> "StepMatcher":
        value = text.strip()
        method = None
        head, _, rest = value.partition(" ")
        if rest and head.upper() in _METHODS:
            method, value = head.upper(), rest.strip()
        status = None
        if match := _STATUS_SUFFIX_RE.match(value):
            try:
                status = parse_status(match.group("status"))
            except DropletsError:
                raise DropletsError(f"step {text!r}: {match.group('status')!r} is not a status; use 2xx, 404 or 400-499") from None
            value = match.group("route")
        if not value.startswith(("/", "*")) or any(c.isspace() for c in value):
            raise DropletsError(
                f"step {text!r}: expected [METHOD ]/route[:STATUS], e.g. 'GET /courses/:id' or "
                f"'POST /courses/:id/checkout:2xx'"
            )
        return cls(text=text.strip(), method=method, route=value, status=status)

    def matches(self, event: dict[str, Any]) -> bool:
        if self.method is not None and (event.get("method") or "").upper() != self.method:
            return False
        if not route_matches(self.route, event.get("route")):
            return False
        if self.status is not None:
            status = event.get("status")
            return isinstance(status, (int, float)) and self.status[0] <= status <= self.status[1]
        return True


def parse_steps(texts: Sequence[str]) -> list[StepMatcher]:
    """A funnel's steps; a funnel needs two at least."""
    if len(texts) < 2:
        raise DropletsError(f"a funnel needs at least two steps, got {len(texts)}")
    return [StepMatcher.parse(text) for text in texts]


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
    """Indexes of the calls an attempt starting at ``calls[start]`` takes, one per step reached.
    Taking the first match of each step is what lets an attempt go furthest (and soonest)."""
    taken = [start]
    limit = _at(calls[start]) + within if within is not None else None
    position = start
    for matcher in steps[1:]:
        found = None
        for k in range(position + 1, len(calls)):
            if limit is not None and _at(calls[k]) > limit:
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
        raise DropletsError(f"a funnel needs at least two steps, got {len(steps)}")
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
                # Without a time limit no later attempt can go further than the first.
                if len(best) == len(steps) or within_ms is None:
                    break
        if not best:
            continue
        for i, index in enumerate(best):
            reached[i] += 1
            if i:
                gaps[i].append(_at(calls[index]) - _at(calls[best[i - 1]]))
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

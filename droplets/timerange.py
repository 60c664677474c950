"""Time ranges for --since/--until, and the days they touch.

Accepted values (all UTC):

- ``YYYY-MM-DD``: the start of that day for ``--since``; the END of that day for
  ``--until`` (so ``--since 2026-02-28 --until 2026-03-01`` covers both days whole);
- an ISO timestamp: ``2026-01-31T23:00``, ``2026-01-31T23:00:00.000Z``, ``...+02:00``
  (no offset means UTC);
- relative: ``30m``, ``1h``, ``7d``, ``2w`` ago, and ``now``, ``today``, ``yesterday``
  (days, like dates, end at midnight when used as ``--until``).

A range is half-open, ``[since, until)``, at the millisecond precision of ``occurred_at``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterator

from droplets import contract
from droplets.errors import DateError, DropletsError

MILLISECOND = timedelta(milliseconds=1)
#: A guard against typos like --since 0202-01-01 turning into 600,000 day queries.
MAX_DAYS = 3660

_RELATIVE_RE = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HELP = "YYYY-MM-DD, an ISO timestamp, 1h/7d/2w ago, now, today or yesterday (UTC)"


_DURATION_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$")
_DURATION_UNITS = {
    "ms": timedelta(milliseconds=1), "s": timedelta(seconds=1), "m": timedelta(minutes=1),
    "h": timedelta(hours=1), "d": timedelta(days=1),
}


def parse_duration(text: str, *, option: str, units: tuple[str, ...] = ("ms", "s", "m", "h", "d")) -> timedelta:
    """A length of time with its unit: ``500ms``, ``2s``, ``1.5s``, ``30m``, ``2h``, ``1d``
    (only the ``units`` given; above zero). Raises :class:`DropletsError` naming ``option``."""
    match = _DURATION_RE.match(text.strip().lower())
    if not match or match.group(2) not in units:
        example = " or ".join(f"{n}{u}" for n, u in zip(("500", "2", "30", "2", "1"), _DURATION_UNITS) if u in units)
        raise DropletsError(f"{option}: {text!r} is not a duration; use a number and a unit, e.g. {example}")
    value = float(match.group(1)) * _DURATION_UNITS[match.group(2)]
    if not value:
        raise DropletsError(f"{option}: {text!r} is zero; give a length of time above 0")
    return value


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def parse_moment(text: str, *, now: datetime, end: bool = False, option: str = "--since") -> datetime:
    """One --since/--until value as an aware UTC datetime. ``end`` makes whole days end at
    the following midnight (for --until)."""
    value = text.strip().lower()
    whole_day: date | None = None
    if value == "now":
        return now
    if value in ("today", "yesterday"):
        whole_day = now.date() - timedelta(days=1 if value == "yesterday" else 0)
    elif match := _RELATIVE_RE.match(value):
        return now - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    elif _DAY_RE.match(value):
        try:
            whole_day = date.fromisoformat(value)
        except ValueError:
            raise DateError(f"{option}: {text!r} is not a real date") from None
    else:
        try:
            moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
        except ValueError:
            raise DateError(f"{option}: cannot read {text!r} as a time; use {HELP}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    return _midnight(whole_day + timedelta(days=1 if end else 0))


def _floor_ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


@dataclass(frozen=True)
class TimeRange:
    """``[since, until)`` in UTC, whole milliseconds."""

    since: datetime
    until: datetime

    @classmethod
    def parse(cls, since: str, until: str | None = None, *, now: datetime | None = None) -> "TimeRange":
        now = now or datetime.now(timezone.utc)
        start = parse_moment(since, now=now, option="--since")
        stop = parse_moment(until, now=now, end=True, option="--until") if until else now
        return cls.of(start, stop, since_text=since, until_text=until or "now")

    @classmethod
    def of(cls, since: datetime, until: datetime, *, since_text: str = "", until_text: str = "") -> "TimeRange":
        if since >= until:
            raise DateError(
                f"--since {since_text or contract.format_time(since)} is not before "
                f"--until {until_text or contract.format_time(until)}"
            )
        if (until - since).days > MAX_DAYS:
            raise DateError(f"the range spans more than {MAX_DAYS} days; narrow --since/--until")
        since = _floor_ms(since.astimezone(timezone.utc))
        until_floor = _floor_ms(until.astimezone(timezone.utc))
        # Round --until up: an event at .481 s is inside a range that ends at .4815 s.
        until = until_floor if until_floor == until else until_floor + MILLISECOND
        return cls(since, until)

    @property
    def first(self) -> str:
        """The earliest ``occurred_at`` inside the range (inclusive)."""
        return contract.format_time(self.since)

    @property
    def last(self) -> str:
        """The latest ``occurred_at`` inside the range (inclusive, for BETWEEN)."""
        return contract.format_time(self.until - MILLISECOND)

    @property
    def end(self) -> str:
        """The range's end as text (exclusive: ``until`` itself)."""
        return contract.format_time(self.until)

    def days(self) -> Iterator[str]:
        """Every ``YYYY-MM-DD`` the range touches, in order (the GSI's partitions)."""
        day = self.since.date()
        last = (self.until - MILLISECOND).date()
        while day <= last:
            yield day.isoformat()
            day += timedelta(days=1)

    def __contains__(self, occurred_at: str) -> bool:
        return self.first <= occurred_at <= self.last

    def describe(self) -> str:
        return f"{self.first} .. {contract.format_time(self.until)}"

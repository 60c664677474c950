"""``droplets tail``: calls as they are indexed, found by polling the index.

There is no "newly indexed" feed to read (no stream, no extra infrastructure), so tail polls
the ``by-day`` GSI (or, with ``--session``, that session's partition) with the same Query
the other commands use (:func:`droplets.query.day_events`), over a moving window of
``occurred_at``:

- Calls reach the index some time after they occur (the middleware's batch, the consumer's
  and the indexer's batching windows, retries), and not in order. So each poll reads back
  ``lookback`` before the newest call seen (or before now, if that is earlier), and
  de-duplicates by event ID: a call indexed late, up to ``lookback`` after it occurred, is
  printed once; a call indexed even later is not seen. The window reaches ``lookback`` past
  now too, for producers whose clocks run ahead.
- The window can touch two days (or more, after a quiet spell): every day it touches is
  queried, so midnight UTC brings no gap and, with the de-duplication, no repeat. Each day
  is all its write shards (read concurrently); the GSI's layout is read again every poll,
  so shards a deploy adds while tail runs are followed.
- What was indexed before tail started is read once at the start and not printed; a call
  that occurred before the start but is indexed after it is new, and printed.
- The IDs seen are kept only while their time is inside the window, so memory stays flat.
  The window's start never moves back (not even if the clock does), so a forgotten ID
  cannot come back.

Each poll reads the whole window again: the cost (DynamoDB read units) is the traffic of
``lookback``, times the polls. On a busy API, a shorter ``lookback`` or a longer interval
costs less; both lose late calls sooner.

The clock is a parameter (:class:`Tail`'s ``clock``), so the window's moves over midnight
can be tested with any time; the CLI uses the real one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator

from droplets import contract
from droplets.query import EventFilter, day_events, read_layout, session_events

DEFAULT_LOOKBACK = timedelta(minutes=2)
DEFAULT_INTERVAL = timedelta(seconds=2)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _order(event: dict[str, Any]) -> tuple[str, str]:
    return event[contract.DAY_INDEX_SK], event.get("event_id") or ""


@dataclass
class Tail:
    """The polling state of one ``droplets tail``: call :meth:`start`, then :meth:`poll`."""

    dynamodb: Any
    table: str
    where: EventFilter | None = None
    session_id: str | None = None
    lookback: timedelta = DEFAULT_LOOKBACK
    clock: Callable[[], datetime] = utc_now
    page_size: int | None = None
    #: event ID -> occurred_at of every call seen inside the window.
    seen: dict[str, str] = field(default_factory=dict)
    #: The newest occurred_at seen (the start time until a newer call is seen).
    newest: datetime | None = None
    #: The window's start, never moved back.
    floor: datetime | None = None
    #: Queries made (one per partition of each day polled) and items read, for whoever
    #: wants to know what tail costs.
    queries: int = 0
    items_read: int = 0

    def window(self) -> tuple[datetime, datetime]:
        """``(first, last)`` occurred_at the next poll reads (both inclusive)."""
        now = self.clock()
        newest = self.newest or now
        first = min(newest, now) - self.lookback
        if self.floor is not None and first < self.floor:
            first = self.floor
        self.floor = first
        return first, max(newest, now) + self.lookback

    def _read(self) -> Iterator[dict]:
        first, last = self.window()
        low, high = contract.format_time(first), contract.format_time(last)
        if self.session_id is not None:
            self.queries += 1
            yield from session_events(self.dynamodb, self.table, self.session_id, first=low, last=high,
                                      where=self.where, page_size=self.page_size)
            return
        # Read each poll: a shard count added since the start (a deploy) is followed.
        layout = read_layout(self.dynamodb, self.table)
        day = first.date()
        while day <= last.date():
            self.queries += len(layout.partitions(day.isoformat()))
            yield from day_events(self.dynamodb, self.table, day.isoformat(), low, high,
                                  where=self.where, page_size=self.page_size, layout=layout)
            day += timedelta(days=1)

    def start(self) -> int:
        """Note what is indexed already (not printed); returns how many calls that was."""
        self.newest = self.clock()
        before = len(self.seen)
        for event in self._read():
            self.items_read += 1
            self.seen[event["event_id"]] = event[contract.DAY_INDEX_SK]
        return len(self.seen) - before

    def poll(self) -> list[dict]:
        """The calls indexed since the last poll (or the start), in time order."""
        if self.newest is None:
            raise RuntimeError("Tail.poll() before Tail.start()")
        new: list[dict] = []
        for event in self._read():
            self.items_read += 1
            event_id = event["event_id"]
            if event_id not in self.seen:
                self.seen[event_id] = event[contract.DAY_INDEX_SK]
                new.append(event)
        new.sort(key=_order)
        if new:
            self.newest = max(self.newest, contract.parse_time(new[-1][contract.DAY_INDEX_SK]))
        # What is older than the window's start can never be read again: forget it.
        oldest = contract.format_time(self.floor)
        for event_id in [e for e, at in self.seen.items() if at < oldest]:
            del self.seen[event_id]
        return new


def follow(tail: Tail, interval: timedelta = DEFAULT_INTERVAL, *,
           sleep: Callable[[float], None] = time.sleep) -> Iterator[list[dict]]:
    """Each poll's new calls, forever (the caller stops it, e.g. on Ctrl-C).
    :meth:`Tail.start` must have been called."""
    while True:
        sleep(interval.total_seconds())
        yield tail.poll()

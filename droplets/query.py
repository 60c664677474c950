"""Index queries: a session's journey and a time range's events, without scanning S3.

Everything here reads the DynamoDB index (see ``droplets.contract``): a session is one
Query on the table's partition key; a time range is, for each day, one Query per partition
of the ``by-day`` GSI the day's items can be in (the GSI is write-sharded, see
:mod:`droplets.contract.shards`), run concurrently and merged in time order by
:func:`day_events` (every reader of the GSI goes through it). Both are paginated and
streamed, so memory stays flat however much comes back. S3 is only opened by
:func:`fetch_records`, when the stored records themselves are needed.

Every function takes boto3 clients, so the CLI, the demo and the benchmark share them::

    from droplets.target import resolve_target
    from droplets.query import session_events

    target = resolve_target()
    for event in session_events(target.dynamodb, target.table, "s3ss10n-0000-test"):
        print(event["occurred_at"], event["method"], event["route"], event["status"])
"""

from __future__ import annotations

import heapq
import json
import re
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from droplets import contract
from droplets.errors import DropletsError
from droplets.timerange import TimeRange

#: The fields of an event as the query functions return it (an index item made plain).
EVENT_FIELDS = (
    contract.DAY_INDEX_SK, contract.INDEX_PK, "method", "route", "status", "duration_ms",
    "size", "event_id", "s3_key",
)

_deserializer = None


def _deserialize(item: dict[str, Any]) -> dict[str, Any]:
    global _deserializer
    if _deserializer is None:
        from boto3.dynamodb.types import TypeDeserializer

        _deserializer = TypeDeserializer()
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def to_event(item: dict[str, Any]) -> dict[str, Any]:
    """A deserialized index item as a plain event dict (numbers as int/float, the index's
    own bookkeeping attributes left out)."""
    event = {name: _plain(item.get(name)) for name in EVENT_FIELDS}
    if event["duration_ms"] is not None:
        event["duration_ms"] = float(event["duration_ms"])
    return event


def check_session_id(session_id: str) -> str:
    """The contract's rule; ``_nosession`` is allowed here (it is the index's partition for
    calls without a session, useful to read, never to erase)."""
    if session_id != contract.NO_SESSION and not contract.is_valid_session_id(session_id):
        raise DropletsError(
            f"{session_id!r} is not a session ID (8-128 characters of A-Z a-z 0-9 _ -)"
        )
    return session_id


def session_events(
    dynamodb,
    table: str,
    session_id: str,
    *,
    first: str | None = None,
    last: str | None = None,
    where: "EventFilter | None" = None,
    page_size: int | None = None,
) -> Iterator[dict]:
    """The session's events in time order (the index's sort key is ``<occurred_at>#<event_id>``),
    from the index alone. One Query, paginated; ``page_size`` sets its Limit. ``first`` and
    ``last`` (``occurred_at`` values, inclusive) narrow it to a time window, ``where``
    filters it as :func:`day_events` does."""
    check_session_id(session_id)
    kwargs, names, values = _query_kwargs(where, page_size)
    condition = "#pk = :pk"
    values = {":pk": {"S": session_id}, **values}
    if first is not None or last is not None:
        names = {"#sk": contract.INDEX_SK, **names}
        condition += " AND #sk BETWEEN :first AND :last"
        # The sort key is "<occurred_at>#<event_id>": every key of an instant sorts after the
        # instant itself and before the instant followed by "#~" ("~" is above any UUID digit).
        values[":first"] = {"S": first or ""}
        values[":last"] = {"S": (last or "9999") + "#~"}
    pages = dynamodb.get_paginator("query").paginate(
        TableName=table,
        KeyConditionExpression=condition,
        ExpressionAttributeNames={"#pk": contract.INDEX_PK, **names},
        ExpressionAttributeValues=values,
        ScanIndexForward=True,
        **kwargs,
    )
    check = where is not None and where.needs_check
    for page in pages:
        for item in page.get("Items", []):
            event = to_event(_deserialize(item))
            if not check or where.matches(event):
                yield event


# --- time ranges --------------------------------------------------------------------------

_STATUS_CLASS_RE = re.compile(r"^([1-5])xx$", re.IGNORECASE)
_STATUS_RANGE_RE = re.compile(r"^(\d{3})(?:-(\d{3}))?$")


def parse_status(text: str) -> tuple[int, int]:
    """``5xx`` -> (500, 599); ``404`` -> (404, 404); ``400-499`` -> (400, 499)."""
    value = text.strip()
    if match := _STATUS_CLASS_RE.match(value):
        low = int(match.group(1)) * 100
        return low, low + 99
    if match := _STATUS_RANGE_RE.match(value):
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if low <= high:
            return low, high
    raise DropletsError(f"--status: {text!r} is not a status; use 404, 5xx or 400-499")


_GLOB = "*"


def route_matches(pattern: str, route: str | None) -> bool:
    """``pattern`` is a route template matched exactly (``/courses/:id``), or a glob where
    ``*`` stands for any text, ``/`` included (``/courses/*``, ``*/checkout``). Only ``*``
    is special: ``?``, ``[`` and ``:`` are literal, as they appear in Express templates."""
    if route is None:
        return False
    if _GLOB not in pattern:
        return route == pattern
    return _glob_re(pattern).fullmatch(route) is not None


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in pattern.split(_GLOB)), re.DOTALL)


@dataclass(frozen=True)
class EventFilter:
    """Which calls to keep: by route, status and duration.

    DynamoDB applies what a FilterExpression can say (an exact route, the text before a
    glob's first ``*`` as a prefix, the status range, the duration), so most unwanted items
    never travel; :meth:`matches` checks the rest (the glob itself) on what comes back.

    - ``route``: see :func:`route_matches`;
    - ``status``: an inclusive (low, high) range, see :func:`parse_status`;
    - ``min_duration``: at least this many ms; ``slower_than``: more than this many ms.
    """

    route: str | None = None
    status: tuple[int, int] | None = None
    min_duration: float | None = None
    slower_than: float | None = None

    def expression(self) -> tuple[str | None, dict[str, str], dict[str, Any]]:
        clauses: list[str] = []
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        if self.route:
            names["#route"] = "route"
            prefix = self.route.split(_GLOB, 1)[0]
            if _GLOB not in self.route:
                clauses.append("#route = :route")
                values[":route"] = {"S": self.route}
            elif prefix:
                clauses.append("begins_with(#route, :route)")
                values[":route"] = {"S": prefix}
            else:
                clauses.append("attribute_exists(#route)")
        if self.status:
            names["#status"] = "status"
            clauses.append("#status BETWEEN :status_low AND :status_high")
            values[":status_low"] = {"N": str(self.status[0])}
            values[":status_high"] = {"N": str(self.status[1])}
        if self.min_duration is not None or self.slower_than is not None:
            names["#duration"] = "duration_ms"
        if self.min_duration is not None:
            clauses.append("#duration >= :min_duration")
            values[":min_duration"] = {"N": str(self.min_duration)}
        if self.slower_than is not None:
            clauses.append("#duration > :slower_than")
            values[":slower_than"] = {"N": str(self.slower_than)}
        return (" AND ".join(clauses) or None), names, values

    @property
    def needs_check(self) -> bool:
        """Whether DynamoDB's filter says less than this one (a glob beyond a prefix)."""
        return bool(self.route) and _GLOB in self.route.rstrip(_GLOB)

    def matches(self, event: dict[str, Any]) -> bool:
        """The whole filter, on a plain event (as :func:`to_event` returns it)."""
        if self.route and not route_matches(self.route, event.get("route")):
            return False
        if self.status:
            status = event.get("status")
            if not isinstance(status, (int, float)) or not self.status[0] <= status <= self.status[1]:
                return False
        duration = event.get("duration_ms")
        if self.min_duration is not None and (duration is None or duration < self.min_duration):
            return False
        if self.slower_than is not None and (duration is None or duration <= self.slower_than):
            return False
        return True


def _query_kwargs(where: EventFilter | None, page_size: int | None) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    """The FilterExpression part of a Query (and its names and values), and its paging."""
    filter_expression, names, values = (where or EventFilter()).expression()
    kwargs: dict[str, Any] = {"PaginationConfig": {"PageSize": page_size} if page_size else {}}
    if filter_expression:
        kwargs["FilterExpression"] = filter_expression
    return kwargs, names, values


#: At most this many partitions of a day are queried at once.
MAX_FAN_OUT_WORKERS = 16
#: Without a ``page_size``, the items a day query's pages hold at once, over all partitions:
#: each partition's page Limit is this divided by the partitions (at least
#: MIN_PARTITION_PAGE), and each partition holds at most two pages (the one being merged and
#: the next, fetched ahead).
ITEMS_IN_FLIGHT = 4000
MIN_PARTITION_PAGE = 100


def read_layout(dynamodb, table: str) -> contract.DayLayout:
    """The GSI's layout item: every shard count writers ever used. Read strongly consistent:
    a writer registers its count before writing under it, so every partition that holds an
    item indexed before this read is known."""
    item = dynamodb.get_item(TableName=table, Key=contract.layout_key(), ConsistentRead=True).get("Item")
    return contract.DayLayout.from_item(item)


def _order(event: dict[str, Any]) -> tuple[str, str]:
    """The time order of events: ``occurred_at``, then ``event_id`` for those of the same millisecond."""
    return event[contract.DAY_INDEX_SK], event.get("event_id") or ""


def _in_order(events: Iterator[dict]) -> Iterator[dict]:
    """One partition's events in :func:`_order`. The GSI sorts by ``occurred_at`` only, so the
    events of one millisecond come in any order: each such run is sorted by event ID (a run
    is what one millisecond holds, so memory stays small)."""
    run: list[dict] = []
    for event in events:
        if run and event[contract.DAY_INDEX_SK] != run[0][contract.DAY_INDEX_SK]:
            run.sort(key=_order)
            yield from run
            run = []
        run.append(event)
    run.sort(key=_order)
    yield from run


def _partition_events(pool: ThreadPoolExecutor, fetch: Callable[[str, Any], dict], partition: str) -> Iterator[dict]:
    """One partition's events, page by page; the first page is asked for now (so every
    partition's Query starts at once), each next page while the current one is merged."""
    future: Future | None = pool.submit(fetch, partition, None)

    def pages() -> Iterator[dict]:
        nonlocal future
        try:
            while future is not None:
                page = future.result()
                start = page.get("LastEvaluatedKey")
                future = pool.submit(fetch, partition, start) if start else None
                for item in page.get("Items", []):
                    yield to_event(_deserialize(item))
        finally:
            if future is not None:
                future.cancel()

    return _in_order(pages())


def day_events(
    dynamodb,
    table: str,
    day: str,
    first: str,
    last: str,
    *,
    where: EventFilter | None = None,
    page_size: int | None = None,
    layout: contract.DayLayout | None = None,
) -> Iterator[dict]:
    """One day's events with ``first <= occurred_at <= last``, in time order (``occurred_at``,
    then ``event_id``), each once, from the ``by-day`` GSI; streamed.

    Every read of the GSI goes through here (:func:`events_between`, ``droplets tail``): the
    one place that knows how a day is laid out in the index. A day's items are spread over
    write shards (``<day>#<n>``, :mod:`droplets.contract.shards`); ``layout`` (read from the
    table when not given) says which counts were ever used. Each partition the day's items
    can be in (the unsharded ``<day>`` of items indexed before sharding, and every shard) is
    queried with the same key condition and filter (``#day = :day AND occurred_at BETWEEN
    :first AND :last``), concurrently, a page at a time, and the partitions' streams are
    merged with a heap: memory holds a couple of pages per partition, whatever the day's
    size. An item is in one partition only; an event seen twice in a row (an item moved by
    ``reindex`` while the GSI, eventually consistent, still shows it in both partitions) is
    given once.
    """
    layout = layout if layout is not None else read_layout(dynamodb, table)
    partitions = layout.partitions(day)
    filter_expression, names, values = (where or EventFilter()).expression()
    filtered = {"FilterExpression": filter_expression} if filter_expression else {}
    limit = page_size or max(MIN_PARTITION_PAGE, ITEMS_IN_FLIGHT // (2 * len(partitions)))

    def fetch(partition: str, start: Any) -> dict:
        request = dict(
            TableName=table,
            IndexName=contract.DAY_INDEX,
            KeyConditionExpression="#day = :day AND #at BETWEEN :first AND :last",
            ExpressionAttributeNames={"#day": contract.DAY_INDEX_PK, "#at": contract.DAY_INDEX_SK, **names},
            ExpressionAttributeValues={":day": {"S": partition}, ":first": {"S": first}, ":last": {"S": last}, **values},
            ScanIndexForward=True,
            Limit=limit,
            **filtered,
        )
        if start:
            request["ExclusiveStartKey"] = start
        return dynamodb.query(**request)

    check = where is not None and where.needs_check
    pool = ThreadPoolExecutor(max_workers=min(len(partitions), MAX_FAN_OUT_WORKERS), thread_name_prefix="day-query")
    try:
        streams = [_partition_events(pool, fetch, partition) for partition in partitions]
        previous = None
        for event in heapq.merge(*streams, key=_order):
            key = _order(event)
            if key == previous:
                continue
            previous = key
            if not check or where.matches(event):
                yield event
    finally:
        # A reader that stops early (``head``, Ctrl-C) leaves pages unasked for: cancel them,
        # and wait only for the requests already on the wire.
        pool.shutdown(wait=True, cancel_futures=True)


def events_between(
    dynamodb,
    table: str,
    time_range: TimeRange,
    *,
    where: EventFilter | None = None,
    page_size: int | None = None,
) -> Iterator[dict]:
    """Events with ``occurred_at`` in ``time_range``, in time order: :func:`day_events` for
    every day the range touches (the GSI's layout read once), streamed."""
    layout = read_layout(dynamodb, table)
    for day in time_range.days():
        yield from day_events(dynamodb, table, day, time_range.first, time_range.last, where=where,
                              page_size=page_size, layout=layout)


# --- stored records -------------------------------------------------------------------------

def get_record(s3, bucket: str, key: str) -> dict | None:
    """The stored record at ``key``, or None when the object is gone (erased or expired
    while its index item lives on)."""
    try:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None
    return json.loads(body)


def ordered_map(func: Callable[[Any], Any], items: Iterable[Any], workers: int) -> Iterator[tuple[Any, Any]]:
    """``(item, func(item))`` in input order, at most ``workers`` calls in flight and at
    most ``2 * workers`` results held: concurrency without reading the whole range first."""
    window: deque[tuple[Any, Future]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for item in items:
                window.append((item, pool.submit(func, item)))
                if len(window) >= 2 * workers:
                    first, future = window.popleft()
                    yield first, future.result()
            while window:
                first, future = window.popleft()
                yield first, future.result()
        finally:
            for _, future in window:
                future.cancel()


def fetch_records(
    s3, bucket: str, events: Iterable[dict], *, workers: int = 16
) -> Iterator[tuple[dict, dict | None]]:
    """``(event, stored record or None)`` for each event, in order, reading S3 concurrently
    with a bounded thread pool."""
    return ordered_map(lambda event: get_record(s3, bucket, event["s3_key"]), events, workers)

"""droplets tail, the library (:class:`droplets.tail.Tail`) with a clock the test sets: the
window's moves over midnight, late indexing, de-duplication, pruning; and the command's
usage errors. The command itself, following a live lake and stopped by Ctrl-C, is
tests/cli/test_tail_process.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from droplets import contract
from droplets.query import EventFilter
from droplets.tail import Tail
from tests.cli.conftest import assert_one_line_error


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def at(text: str) -> datetime:
    return contract.parse_time(text)


def index(lake, session: str, occurred_at: str, **fields) -> str:
    """Store and index one call now (as the indexer would); returns its event ID."""
    return lake.add_event(session, occurred_at, **fields)["event_id"]


def tail_at(lake, now: str, **options) -> tuple[Tail, Clock]:
    """A Tail of the lake's index (``options`` as Tail takes them) on a clock set at ``now``
    that the test moves; not started."""
    clock = Clock(at(now))
    return Tail(lake.dynamodb, lake.table, clock=clock, **options), clock


def ids(events) -> list[str]:
    return [e["event_id"] for e in events]


def queried_days(queries) -> list[str]:
    """The days a poll's Queries read (each day is several partitions: its write shards)."""
    return sorted({contract.day_of_partition(q["ExpressionAttributeValues"][":day"]["S"]) for q in queries})


@pytest.fixture
def recorded_queries(monkeypatch):
    """The parameters of every DynamoDB Query made while the test runs."""
    import botocore.client

    queries: list[dict] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        if operation_name == "Query":
            queries.append(api_params)
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    return queries


def test_only_calls_indexed_after_the_start_are_new(lake):
    # GIVEN a call indexed before tail starts
    before = index(lake, "sess-tail-0001", "2026-03-10T11:59:50.000Z")
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z")
    # WHEN tail starts, then two calls are indexed: one that occurred after the start and
    # one that occurred 5 s BEFORE it but reached the index only now
    assert tail.start() == 1
    late = index(lake, "sess-tail-0001", "2026-03-10T11:59:55.000Z")
    after = index(lake, "sess-tail-0002", "2026-03-10T12:00:01.000Z")
    clock.advance(seconds=2)
    # THEN both are new, in time order; the one indexed before the start is not
    assert ids(tail.poll()) == [late, after]
    assert before not in ids(tail.poll())
    # AND a poll with nothing indexed since finds nothing
    assert tail.poll() == []


def test_polls_cross_midnight_without_a_gap_or_a_repeat(lake, recorded_queries):
    # GIVEN tail started 10 s before midnight UTC, polling every 2 s with a 1-minute look-back
    tail, clock = tail_at(lake, "2026-03-31T23:59:50.000Z", lookback=timedelta(minutes=1))
    tail.start()
    printed: list[str] = []
    expected: list[str] = []
    # WHEN calls are indexed on both sides of midnight while the clock runs past it, among
    # them one from 23:59:59.999 that reaches the index only 8 s after midnight
    schedule = {
        0: ["2026-03-31T23:59:51.000Z"],
        2: ["2026-03-31T23:59:53.500Z", "2026-03-31T23:59:54.000Z"],
        8: ["2026-03-31T23:59:58.000Z"],
        10: ["2026-04-01T00:00:00.000Z"],
        12: ["2026-04-01T00:00:01.000Z"],
        18: ["2026-03-31T23:59:59.999Z", "2026-04-01T00:00:07.000Z"],
        22: ["2026-04-01T00:00:11.000Z"],
    }
    for step in range(0, 40, 2):
        batch = [index(lake, f"sess-night-{i:04d}", t) for i, t in enumerate(schedule.get(step, []))]
        expected += [e for _, e in sorted(zip(schedule.get(step, []), batch))]
        clock.advance(seconds=2)
        recorded_queries.clear()
        printed += ids(tail.poll())
        # the window spans midnight for the whole minute after it: both days are queried,
        # each its every partition
        if clock.now < at("2026-04-01T00:01:00.000Z"):
            assert queried_days(recorded_queries) == ["2026-03-31", "2026-04-01"]
            assert len(recorded_queries) == 2 * (lake.shards + 1)
    # THEN every call is printed exactly once, each poll's in time order
    assert printed == expected
    assert len(set(printed)) == len(printed) == 9
    # AND every read went through the by-day GSI
    assert all(q["IndexName"] == contract.DAY_INDEX for q in recorded_queries)


def test_a_quiet_spell_over_midnight_keeps_the_window_at_the_last_call_seen(lake, recorded_queries):
    # GIVEN a last call at 23:59:30, then nothing for 3 minutes, past midnight
    tail, clock = tail_at(lake, "2026-03-31T23:59:00.000Z", lookback=timedelta(seconds=30))
    tail.start()
    first = index(lake, "sess-quiet-0001", "2026-03-31T23:59:30.000Z")
    clock.advance(seconds=31)
    assert ids(tail.poll()) == [first]
    clock.advance(minutes=3)
    # WHEN a call from 23:59:45 is indexed 3 minutes late (longer than the look-back)
    slow = index(lake, "sess-quiet-0001", "2026-03-31T23:59:45.000Z")
    recorded_queries.clear()
    # THEN it is still found: the window starts 30 s before the newest call seen, not before now
    assert ids(tail.poll()) == [slow]
    assert queried_days(recorded_queries) == ["2026-03-31", "2026-04-01"]


def test_every_call_once_across_shards_unsharded_items_and_a_shard_count_change(lake, recorded_queries):
    # GIVEN a table with calls indexed before sharding, and tail started at noon
    old = lake.add_event("sess-shard-tail1", "2026-03-10T11:59:59.000Z", indexed=False)
    lake.index([(old, contract.object_key(old))], unsharded=True)
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z", lookback=timedelta(minutes=1))
    assert tail.start() == 1
    printed: list[str] = []
    expected: list[str] = []
    # WHEN calls arrive on 4 shards, an unsharded one from an indexer not yet upgraded, then
    # a deploy raises the count to 16 while tail runs
    for step in range(12):
        if step == 6:
            lake.shards = 16
        records = [lake.add_event(f"sess-shard-tail{n}", contract.format_time(clock.now - timedelta(milliseconds=n)))
                   for n in range(2, 6)]
        if step == 3:
            late = lake.add_event("sess-shard-tail1", contract.format_time(clock.now), indexed=False)
            lake.index([(late, contract.object_key(late))], unsharded=True)
            records.append(late)
        expected += [r["event_id"] for r in sorted(records, key=lambda r: (r["occurred_at"], r["event_id"]))]
        clock.advance(seconds=2)
        recorded_queries.clear()
        printed += ids(tail.poll())
        # the layout is read every poll: after the deploy, the 16 shards are read
        assert len(recorded_queries) == 1 + (16 if step >= 6 else 4)
    # THEN every call is printed once, each poll's in time order
    assert printed == expected and len(set(printed)) == 12 * 4 + 1


def test_a_call_indexed_later_than_the_look_back_behind_newer_calls_is_not_seen(lake):
    # GIVEN traffic up to now, so the window follows the clock
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z", lookback=timedelta(seconds=30))
    tail.start()
    clock.advance(minutes=2)
    recent = index(lake, "sess-tail-0003", "2026-03-10T12:01:59.000Z")
    assert ids(tail.poll()) == [recent]
    # WHEN a call from 90 s ago (older than the 30 s look-back) is indexed only now
    index(lake, "sess-tail-0003", "2026-03-10T12:00:30.000Z")
    clock.advance(seconds=2)
    # THEN it is outside the window (the documented limit of --lookback)
    assert tail.poll() == []


def test_ids_seen_are_forgotten_once_out_of_the_window_and_the_window_never_moves_back(lake):
    # GIVEN a call seen at 12:00:01
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z", lookback=timedelta(seconds=10))
    tail.start()
    old = index(lake, "sess-tail-0004", "2026-03-10T12:00:01.000Z")
    clock.advance(seconds=2)
    assert ids(tail.poll()) == [old]
    # WHEN the newest call and the clock move a minute on
    newer = index(lake, "sess-tail-0004", "2026-03-10T12:01:00.000Z")
    clock.advance(minutes=1)
    assert ids(tail.poll()) == [newer]
    assert tail.poll() == []  # this poll's window starts 10 s before 12:01:00
    # THEN the old ID is forgotten (memory stays flat) ...
    assert old not in tail.seen and newer in tail.seen
    # ... and a clock stepped back an hour does not bring it back as new
    clock.advance(hours=-1)
    assert tail.poll() == []


def test_session_reads_its_partition_not_the_day_index(lake, recorded_queries):
    # GIVEN calls of two sessions
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z", session_id="sess-tail-mine", where=EventFilter(status=(500, 599)))
    tail.start()
    mine = index(lake, "sess-tail-mine", "2026-03-10T12:00:00.500Z", status=503)
    index(lake, "sess-tail-mine", "2026-03-10T12:00:00.600Z", status=200)
    index(lake, "sess-tail-other", "2026-03-10T12:00:00.700Z", status=503)
    recorded_queries.clear()
    clock.advance(seconds=1)
    # THEN only that session's 5xx is new, read by one Query on its partition
    assert ids(tail.poll()) == [mine]
    assert len(recorded_queries) == 1
    query = recorded_queries[0]
    assert "IndexName" not in query
    assert query["ExpressionAttributeValues"][":pk"] == {"S": "sess-tail-mine"}
    assert "#status BETWEEN" in query["FilterExpression"]


def test_a_glob_route_is_checked_on_what_comes_back(lake, recorded_queries):
    tail, clock = tail_at(lake, "2026-03-10T12:00:00.000Z", where=EventFilter(route="/courses/*/checkout"))
    tail.start()
    wanted = index(lake, "sess-tail-0005", "2026-03-10T12:00:00.100Z", route="/courses/:id/checkout", method="POST")
    index(lake, "sess-tail-0005", "2026-03-10T12:00:00.200Z", route="/courses/:id/refund", method="POST")
    index(lake, "sess-tail-0005", "2026-03-10T12:00:00.300Z", route="/cart/checkout", method="POST")
    recorded_queries.clear()
    clock.advance(seconds=1)
    assert ids(tail.poll()) == [wanted]
    # DynamoDB filtered by the prefix before the first *, the rest was checked here
    assert recorded_queries[0]["ExpressionAttributeValues"][":route"] == {"S": "/courses/"}


def test_poll_before_start_is_a_programming_error(lake):
    with pytest.raises(RuntimeError, match="start"):
        Tail(lake.dynamodb, lake.table).poll()


@pytest.mark.parametrize("args, fragment", [
    (["--status", "7xx"], "--status: '7xx' is not a status"),
    (["--slower-than", "500"], "--slower-than: '500' is not a duration"),
    (["--slower-than", "2m"], "--slower-than: '2m' is not a duration"),
    (["--interval", "0s"], "--interval: '0s' is zero"),
    (["--lookback", "soon"], "--lookback: 'soon' is not a duration"),
    (["--session", "no"], "--session: 'no' is not a session ID"),
])
def test_usage_errors_are_one_line_and_exit_2(lake, cli, api_calls, args, fragment):
    api_calls.clear()
    result = cli("tail", *args)
    assert result.exit_code == 2
    assert_one_line_error(result, fragment)
    assert api_calls == []  # nothing was read


def test_a_missing_table_is_one_line(lake, cli):
    result = cli("tail", "--table", "no-such-table")
    assert result.exit_code == 1
    assert_one_line_error(result, "table 'no-such-table' not found")

"""droplets session: a journey from the index, paginated; --full reads S3."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from droplets import contract
from droplets.query import session_events
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import stored_record

SESSION = "sess-journey-0001"


def _at(minute: int, second: int = 0, day: str = "2026-03-10") -> str:
    start = datetime.fromisoformat(f"{day}T09:00:00+00:00")
    return contract.format_time(start + timedelta(minutes=minute, seconds=second))


def test_journey_is_in_time_order_from_the_index_alone(lake, cli, api_calls):
    # GIVEN a session's calls stored out of order, and another session's call
    lake.add_event(SESSION, _at(5), route="/checkout", method="POST", status=201, duration_ms=80.25)
    lake.add_event(SESSION, _at(1), route="/courses/:id", status=200, duration_ms=12.5)
    lake.add_event(SESSION, _at(3), route="/cart", status=404, duration_ms=3)
    lake.add_event("sess-other-00001", _at(2), route="/other")
    api_calls.clear()
    # WHEN the journey is asked for as NDJSON
    result = cli("session", SESSION, "--json")
    # THEN it lists the session's calls in time order with the report fields
    assert result.exit_code == 0, result.stderr
    events = result.json_lines()
    assert [e["route"] for e in events] == ["/courses/:id", "/cart", "/checkout"]
    assert events[2] == {
        "occurred_at": _at(5), "session_id": SESSION, "method": "POST", "route": "/checkout",
        "status": 201, "duration_ms": 80.25, "size": events[2]["size"],
        "event_id": events[2]["event_id"], "s3_key": events[2]["s3_key"],
    }
    assert events[2]["s3_key"] in lake.records
    # AND only the index was read
    assert {service for service, _ in api_calls} == {"dynamodb"}


def test_journey_table_shows_time_method_route_status_duration(lake, cli):
    lake.add_event(SESSION, _at(1), route="/courses/:id", status=200, duration_ms=12.5)
    lake.add_event(SESSION, _at(2), route="/pay", method="POST", status=502, duration_ms=1234.5)
    result = cli("session", SESSION)
    assert result.exit_code == 0, result.stderr
    assert f"session {SESSION}: 2 calls" in result.stdout
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "/pay" in line)
    for cell in (_at(2), "POST", "502", "1,234.5"):
        assert cell in row
    assert lines.index(row) > lines.index(next(line for line in lines if "/courses/:id" in line))


def test_hundreds_of_events_are_read_over_several_pages(lake, cli, api_calls):
    # GIVEN a session with 650 calls over two days
    start = datetime(2026, 3, 10, 23, 0, tzinfo=timezone.utc)
    records = [
        stored_record(SESSION, contract.format_time(start + timedelta(seconds=7 * i)), duration_ms=i)
        for i in range(650)
    ]
    lake.add_many(records)
    api_calls.clear()
    # WHEN the journey is read with 100-item pages
    result = cli("session", SESSION, "--json", "--page-size", "100")
    # THEN every call comes back, in order, across more than one Query page
    assert result.exit_code == 0, result.stderr
    events = result.json_lines()
    assert len(events) == 650
    assert [e["occurred_at"] for e in events] == sorted(r["occurred_at"] for r in records)
    assert [e["duration_ms"] for e in events] == [float(i) for i in range(650)]
    assert api_calls.count(("dynamodb", "Query")) == 7


def test_library_paginates_with_dynamodbs_own_page_size_too(lake):
    # GIVEN 300 calls (one default page)  WHEN read through the library with Limit 64
    lake.add_many(stored_record(SESSION, _at(i // 60, i % 60)) for i in range(300))
    events = list(session_events(lake.dynamodb, lake.table, SESSION, page_size=64))
    # THEN nothing is lost or repeated between pages
    assert len({e["event_id"] for e in events}) == 300


def test_full_fetches_the_stored_records_concurrently(lake, cli, api_calls):
    # GIVEN 40 calls of a session
    records = [stored_record(SESSION, _at(i)) for i in range(40)]
    lake.add_many(records)
    api_calls.clear()
    # WHEN the full journey is asked for
    result = cli("session", SESSION, "--full", "--json")
    # THEN each stored record comes back whole, in time order
    assert result.exit_code == 0, result.stderr
    assert result.json_lines() == records
    assert api_calls.count(("s3", "GetObject")) == 40


def test_full_prints_records_and_notes_objects_that_are_gone(lake, cli):
    first = lake.add_event(SESSION, _at(1), route="/kept")
    gone = lake.add_event(SESSION, _at(2), route="/gone")
    lake.s3.delete_object(Bucket=lake.bucket, Key=contract.object_key(gone))
    result = cli("session", SESSION, "--full")
    assert result.exit_code == 0, result.stderr
    assert first["event_id"] in result.stdout and gone["event_id"] not in result.stdout
    assert "1 indexed object(s) are no longer in the bucket" in result.stderr
    # NDJSON holds only records; the gap is reported on stderr
    result = cli("session", SESSION, "--full", "--json")
    assert result.json_lines() == [first]
    assert "1 indexed object(s) are no longer in the bucket" in result.stderr


def test_unknown_session_is_a_one_line_error(lake, cli):
    lake.add_event(SESSION, _at(1))
    for args in (["session", "sess-nobody-0000"], ["session", "sess-nobody-0000", "--json"]):
        result = cli(*args)
        assert_one_line_error(result, "unknown session 'sess-nobody-0000'", lake.table)
        assert result.stdout == ""


def test_a_malformed_session_id_is_refused_before_any_call(lake, cli, api_calls):
    api_calls.clear()
    result = cli("session", "../../etc/passwd")
    assert_one_line_error(result, "is not a session ID")
    assert api_calls == []


def test_no_session_partition_can_be_read(lake, cli):
    lake.add_event(None, _at(1), route="/anonymous")
    result = cli("session", contract.NO_SESSION, "--json")
    assert result.exit_code == 0, result.stderr
    assert [e["route"] for e in result.json_lines()] == ["/anonymous"]

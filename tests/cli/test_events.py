"""droplets events: a time range through the by-day GSI, one Query per partition of each
day (its write shards and the unsharded partition of older items), filtered by DynamoDB,
merged in time order, streamed."""

from __future__ import annotations

import pytest

from tests.cli.conftest import assert_one_line_error


@pytest.fixture
def month_ends(lake):
    """Calls around the end of January and the end of February 2026 (not a leap year)."""
    times = {
        "jan31-2259": "2026-01-31T22:59:59.999Z",
        "jan31-2300": "2026-01-31T23:00:00.000Z",
        "jan31-2359": "2026-01-31T23:59:59.999Z",
        "feb01-0000": "2026-02-01T00:00:00.000Z",
        "feb01-0059": "2026-02-01T00:59:59.999Z",
        "feb01-0100": "2026-02-01T01:00:00.000Z",
        "feb27-2359": "2026-02-27T23:59:59.999Z",
        "feb28-0000": "2026-02-28T00:00:00.000Z",
        "feb28-1200": "2026-02-28T12:00:00.000Z",
        "mar01-2359": "2026-03-01T23:59:59.999Z",
        "mar02-0000": "2026-03-02T00:00:00.000Z",
    }
    for name, at in times.items():
        lake.add_event(f"sess-{name}-xx", at, route=f"/{name}")
    return times


def _routes(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [e["route"] for e in result.json_lines()]


def _partitions_per_day(lake) -> int:
    """Each shard, and the unsharded partition of items indexed before sharding."""
    return lake.shards + 1


def test_range_across_midnight_and_a_month_end_is_half_open(lake, month_ends, cli, api_calls):
    api_calls.clear()
    result = cli("events", "--since", "2026-01-31T23:00", "--until", "2026-02-01T01:00", "--json")
    assert _routes(result) == ["/jan31-2300", "/jan31-2359", "/feb01-0000", "/feb01-0059"]
    # one Query per partition of each day touched (Jan 31 and Feb 1), after one read of the layout
    assert api_calls.count(("dynamodb", "Query")) == 2 * _partitions_per_day(lake)
    assert api_calls.count(("dynamodb", "GetItem")) == 1
    assert ("dynamodb", "Scan") not in api_calls


def test_whole_days_across_the_end_of_february(lake, month_ends, cli, api_calls):
    api_calls.clear()
    result = cli("events", "--since", "2026-02-28", "--until", "2026-03-01", "--json")
    assert _routes(result) == ["/feb28-0000", "/feb28-1200", "/mar01-2359"]
    assert api_calls.count(("dynamodb", "Query")) == 2 * _partitions_per_day(lake)  # Feb 28, Mar 1 (no Feb 29 in 2026)


def test_offsets_are_converted_to_utc(month_ends, cli):
    result = cli("events", "--since", "2026-02-01T01:00:00+01:00", "--until", "2026-02-01T02:00:00.001+01:00", "--json")
    assert _routes(result) == ["/feb01-0000", "/feb01-0059", "/feb01-0100"]


def test_empty_range(month_ends, cli):
    result = cli("events", "--since", "2026-05-01", "--until", "2026-05-03")
    assert result.exit_code == 0, result.stderr
    assert "no events in 2026-05-01T00:00:00.000Z .. 2026-05-04T00:00:00.000Z" in result.stdout
    assert cli("events", "--since", "2026-05-01", "--json").stdout == ""


def test_filters_are_applied_by_dynamodb(lake, cli, api_calls):
    day = "2026-04-02T10:00:0{}.000Z"
    lake.add_event("sess-filter-0001", day.format(1), route="/courses/:id", status=200, duration_ms=10)
    lake.add_event("sess-filter-0001", day.format(2), route="/courses/:id", status=503, duration_ms=900)
    lake.add_event("sess-filter-0001", day.format(3), route="/courses/:id/lessons", status=500, duration_ms=20)
    lake.add_event("sess-filter-0001", day.format(4), route="/cart", status=404, duration_ms=1500)
    lake.add_event("sess-filter-0001", day.format(5), route="/cart", status=200, duration_ms=2000)
    window = ("--since", "2026-04-02", "--until", "2026-04-02", "--json")
    api_calls.clear()
    assert _routes(cli("events", *window, "--route", "/courses/:id")) == ["/courses/:id", "/courses/:id"]
    assert _routes(cli("events", *window, "--route", "/courses/*")) == ["/courses/:id", "/courses/:id", "/courses/:id/lessons"]
    assert [e["status"] for e in cli("events", *window, "--status", "5xx").json_lines()] == [503, 500]
    assert [e["status"] for e in cli("events", *window, "--status", "404").json_lines()] == [404]
    assert [e["status"] for e in cli("events", *window, "--status", "400-599").json_lines()] == [503, 500, 404]
    assert [e["duration_ms"] for e in cli("events", *window, "--min-duration", "900").json_lines()] == [900.0, 1500.0, 2000.0]
    combined = cli("events", *window, "--route", "/cart", "--status", "4xx", "--min-duration", "1000").json_lines()
    assert [(e["route"], e["status"]) for e in combined] == [("/cart", 404)]
    # only Queries (each command reads the layout item once first), no Scan, no S3
    assert {op for _, op in api_calls} == {"Query", "GetItem"}
    assert api_calls.count(("dynamodb", "GetItem")) == 7


def test_route_globs_filter_on_the_prefix_in_dynamodb_and_the_rest_here(lake, cli):
    # GIVEN calls of routes that share prefixes and suffixes
    day = "2026-04-02T11:00:0{}.000Z"
    for n, route in enumerate(["/courses/:id/checkout", "/courses/:id", "/cart/checkout", "/courses/:id/lessons", "/checkout"]):
        lake.add_event("sess-glob-0001", day.format(n), route=route)
    window = ("--since", "2026-04-02", "--until", "2026-04-02", "--json")
    # THEN * stands for any text, "/" included, wherever it is
    assert _routes(cli("events", *window, "--route", "*/checkout")) == ["/courses/:id/checkout", "/cart/checkout", "/checkout"]
    assert _routes(cli("events", *window, "--route", "/courses/*/checkout")) == ["/courses/:id/checkout"]
    assert _routes(cli("events", *window, "--route", "/c*s/:id")) == ["/courses/:id"]
    assert len(_routes(cli("events", *window, "--route", "*"))) == 5


@pytest.mark.parametrize("route, expression, prefix, checked", [
    ("/cart", "#route = :route", "/cart", False),
    ("/courses/*", "begins_with(#route, :route)", "/courses/", False),
    ("/courses/*/checkout", "begins_with(#route, :route)", "/courses/", True),
    ("*/checkout", "attribute_exists(#route)", None, True),
])
def test_what_dynamodb_filters_and_what_is_checked_on_return(route, expression, prefix, checked):
    from droplets.query import EventFilter

    where = EventFilter(route=route)
    text, _, values = where.expression()
    assert text == expression and values.get(":route", {}).get("S") == prefix
    assert where.needs_check is checked


def test_filter_expression_is_sent_to_dynamodb(lake):
    from droplets.query import EventFilter

    expression, names, values = EventFilter("/cart", (500, 599), 250.0).expression()
    assert expression == "#route = :route AND #status BETWEEN :status_low AND :status_high AND #duration >= :min_duration"
    assert values[":status_low"] == {"N": "500"} and values[":min_duration"] == {"N": "250.0"}
    assert names == {"#route": "route", "#status": "status", "#duration": "duration_ms"}


def test_a_day_over_several_pages_streams_every_event(lake, cli, api_calls):
    import uuid
    from collections import Counter

    from droplets import contract
    from tests.cli.lake import stored_record

    # GIVEN 240 calls of one day, with fixed event IDs so the shards' sizes are known
    records = [stored_record(f"sess-page-{i % 7:04d}", f"2026-04-03T{i // 60:02d}:{i % 60:02d}:00.000Z",
                             event_id=str(uuid.UUID(int=i, version=4))) for i in range(240)]
    lake.add_many(records)
    per_shard = Counter(contract.day_shard(r["event_id"], lake.shards) for r in records)
    # (moto, unlike DynamoDB, gives no next-page key when a full page is also the last:
    # no shard holds a multiple of the page size, so both count the same pages)
    assert len(per_shard) == lake.shards and all(n % 50 for n in per_shard.values()), per_shard
    # WHEN the day is read in pages of 50
    api_calls.clear()
    result = cli("events", "--since", "2026-04-03", "--until", "2026-04-03", "--json", "--page-size", "50")
    events = result.json_lines()
    # THEN every call comes once, in time order
    assert len(events) == 240 and len({e["event_id"] for e in events}) == 240
    assert [e["occurred_at"] for e in events] == sorted(e["occurred_at"] for e in events)
    # and each shard was read a page of 50 at a time, plus one empty page of the unsharded partition
    assert api_calls.count(("dynamodb", "Query")) == sum(n // 50 + 1 for n in per_shard.values()) + 1


def test_table_output_and_limit(lake, cli):
    for i in range(5):
        lake.add_event(f"sess-table-{i:04d}", f"2026-04-04T08:00:0{i}.000Z", route=f"/r{i}", status=200 + i)
    result = cli("events", "--since", "2026-04-04", "--until", "2026-04-05", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    assert "3 events" in result.stdout
    assert "sess-table-0002" in result.stdout and "sess-table-0003" not in result.stdout
    assert "showing the first 3 events" in result.stderr
    assert len(cli("events", "--since", "2026-04-04", "--until", "2026-04-05", "--limit", "2", "--json").json_lines()) == 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--since", "last tuesday"], "--since: cannot read 'last tuesday' as a time"),
        (["--since", "2026-02-30"], "--since: '2026-02-30' is not a real date"),
        (["--since", "2026-03-02", "--until", "2026-03-01T12:00"], "--since 2026-03-02 is not before --until 2026-03-01T12:00"),
        (["--since", "1h", "--until", "1h"], "is not before"),
        (["--since", "0200-01-01"], "more than 3660 days"),
        (["--status", "teapot"], "--status: 'teapot' is not a status"),
    ],
)
def test_bad_ranges_and_filters_are_one_line_errors(lake, cli, api_calls, args, fragment):
    api_calls.clear()
    assert_one_line_error(cli("events", *args), fragment)
    assert api_calls == []


def test_events_stream_day_by_day(lake, month_ends, api_calls):
    from droplets.query import events_between
    from droplets.timerange import TimeRange

    # GIVEN a three-day range  WHEN only the first event is taken from the library's stream
    api_calls.clear()
    stream = events_between(lake.dynamodb, lake.table, TimeRange.parse("2026-01-31", "2026-02-02"))
    first = next(stream)
    # THEN only the first day's partitions have been queried so far (after the layout):
    # later days are read as they are reached
    assert first["route"] == "/jan31-2259"
    assert api_calls == [("dynamodb", "GetItem")] + [("dynamodb", "Query")] * _partitions_per_day(lake)
    assert [e["route"] for e in stream][-1] == "/feb01-0100"
    assert api_calls.count(("dynamodb", "Query")) == 3 * _partitions_per_day(lake)

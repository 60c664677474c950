"""droplets report journeys and report funnel through the CLI, on a hand-built lake in moto's
table: every number worked out by hand below. From the index alone (no S3 call)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import stored_record

RANGE = ("--since", "2026-05-01", "--until", "2026-05-02")  # both days whole
STEPS = ("GET /courses", "GET /courses/:id", "POST /signup:2xx")
C, I, S = "GET /courses", "GET /courses/:id", "POST /signup"


def _call(session, at, step, status=200):
    method, route = step.split(" ")
    return stored_record(session, f"2026-{at}Z", method=method, route=route, status=status)


@pytest.fixture
def journeys_lake(lake):
    """Six sessions in the range, one call without a session, one session outside it.

    A: crosses midnight May 1 -> 2, reloads the course page, signs up (201)
    B: steps out of order: course page, sign-up, then the list (enters the funnel last)
    C: repeats: list twice, page, list, page, sign-up 400, sign-up 201
    D: began before --since (its list at Apr 30 23:59:50 is outside the range)
    E: goes on after --until (its sign-up at May 3 00:00:30 is outside the range)
    F: a bounce
    """
    lake.add_many([
        _call("sess-jrn-a001", "05-01T23:58:00.000", C),
        _call("sess-jrn-a001", "05-01T23:59:00.000", I),
        _call("sess-jrn-a001", "05-01T23:59:30.000", I),
        _call("sess-jrn-a001", "05-02T00:01:00.000", S, 201),
        _call("sess-jrn-b002", "05-01T10:00:00.000", I),
        _call("sess-jrn-b002", "05-01T10:00:30.000", S, 201),
        _call("sess-jrn-b002", "05-01T10:01:00.000", C),
        _call("sess-jrn-c003", "05-01T11:00:00.000", C),
        _call("sess-jrn-c003", "05-01T11:00:05.000", C),
        _call("sess-jrn-c003", "05-01T11:00:20.000", I),
        _call("sess-jrn-c003", "05-01T11:00:40.000", C),
        _call("sess-jrn-c003", "05-01T11:01:00.000", I),
        _call("sess-jrn-c003", "05-01T11:01:30.000", S, 400),
        _call("sess-jrn-c003", "05-01T11:02:00.000", S, 201),
        _call("sess-jrn-d004", "04-30T23:59:50.000", C),
        _call("sess-jrn-d004", "05-01T00:00:10.000", I),
        _call("sess-jrn-d004", "05-01T00:00:40.000", S, 201),
        _call("sess-jrn-e005", "05-02T23:59:00.000", C),
        _call("sess-jrn-e005", "05-02T23:59:40.000", I),
        _call("sess-jrn-e005", "05-03T00:00:30.000", S, 201),
        _call("sess-jrn-f006", "05-02T08:00:00.000", C),
        _call("sess-jrn-g007", "05-05T09:00:00.000", C),
        stored_record(None, "2026-05-01T12:00:00.000Z", route="/health"),
    ])
    return lake


def _json(result):
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_journeys_report_is_exact_from_the_index_alone(journeys_lake, cli, api_calls):
    api_calls.clear()
    report = _json(cli("report", "journeys", *RANGE, "--json"))
    # THEN only the index was read: its by-day layout, then one Query per partition of each
    # day of the range (the write shards and the unsharded partition of older items)
    assert api_calls == [("dynamodb", "GetItem")] + [("dynamodb", "Query")] * 2 * (journeys_lake.shards + 1)
    assert (report["since"], report["until"]) == ("2026-05-01T00:00:00.000Z", "2026-05-03T00:00:00.000Z")
    # six sessions (D and E seen inside the range only), 19 of their calls, one call without one
    assert (report["sessions"], report["calls"], report["no_session_calls"]) == (6, 19, 1)
    # calls per session 1, 2, 2, 3, 4, 7; durations 0, 30, 40, 60, 120, 180 s (A across midnight)
    assert report["calls_per_session"] == {"median": 2.0, "p90": 7.0}
    assert report["duration_ms"] == {"median": 40_000.0, "p90": 180_000.0}
    assert (report["bounces"], report["bounce_rate"]) == (1, 0.166667)
    assert [(e["step"], e["sessions"]) for e in report["entries"]] == [(C, 4), (I, 2)]
    assert [(e["step"], e["sessions"]) for e in report["exits"]] == [(S, 3), (C, 2), (I, 1)]
    # paths with repeats folded; C's course page twice counts its session once
    assert [(p["path"], p["sessions"], p["times"]) for p in report["paths"]["2"]] == [
        (f"{I} → {S}", 4, 4), (f"{C} → {I}", 3, 4), (f"{I} → {C}", 1, 1), (f"{S} → {C}", 1, 1),
    ]
    assert [(p["path"], p["sessions"]) for p in report["paths"]["3"]] == [
        (f"{C} → {I} → {S}", 2), (f"{C} → {I} → {C}", 1), (f"{I} → {C} → {I}", 1), (f"{I} → {S} → {C}", 1),
    ]
    # the flow starts once per session
    assert sum(f["sessions"] for f in report["flow"] if f["position"] == 1) == 6
    assert {(f["from"], f["to"]): f["sessions"] for f in report["flow"] if f["position"] == 1} == {
        (C, I): 3, (C, "(exit)"): 1, (I, S): 2,
    }


def test_journeys_from_a_step(journeys_lake, cli):
    report = _json(cli("report", "journeys", *RANGE, "--from", "GET /courses/:id", "--json"))
    # six visits to the course page (A's reload is one): four went on to sign up (A after
    # 120 s, B, C and D after 30 s), C's first went back to the list (20 s), E's ended the range
    assert (report["from_step"], report["from_count"]) == ("GET /courses/:id", 6)
    assert [(n["step"], n["count"], n["share"], n["median_ms"]) for n in report["next_steps"]] == [
        (S, 4, 0.666667, 30_000.0), ("(exit)", 1, 0.166667, None), (C, 1, 0.166667, 20_000.0),
    ]


def test_journeys_table(journeys_lake, cli):
    result = cli("report", "journeys", *RANGE, "--from", "/courses/:id")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "journeys 2026-05-01T00:00:00.000Z .. 2026-05-03T00:00:00.000Z" in out
    assert "1 calls without a session are not in any journey" in out
    assert "1 (16.7%)" in out  # the bounces
    assert f"{I} → {S}" in out and "after /courses/:id: 6 visits" in out and "66.7%" in out


def test_funnel_is_exact(journeys_lake, cli, api_calls):
    api_calls.clear()
    report = _json(cli("report", "funnel", *STEPS, *RANGE, "--json"))
    assert api_calls == [("dynamodb", "GetItem")] + [("dynamodb", "Query")] * 2 * (journeys_lake.shards + 1)
    # A, B, C, E, F reach the list (D's is before the range); A, C, E then the course page;
    # A and C sign up with a 2xx (E's sign-up is after the range, B's was before its list)
    assert report["sessions"] == 6
    steps = report["steps"]
    assert [s["sessions"] for s in steps] == [5, 3, 2]
    assert [s["conversion"] for s in steps] == [1.0, 0.6, 0.666667]
    assert [s["overall"] for s in steps] == [1.0, 0.6, 0.4]
    assert (report["converted"], report["conversion"]) == (2, 0.4)
    # list -> page: A 60 s, C 20 s (from its first list call), E 40 s; page -> sign-up: A 120 s
    # (across midnight), C 100 s (its 400 does not count)
    assert [(s["median_ms"], s["p90_ms"]) for s in steps] == [(None, None), (40_000.0, 60_000.0), (100_000.0, 120_000.0)]
    # where the dropped went: B and F left after the list, E after the page (the range ends)
    assert [(s["dropped"], [(d["step"], d["sessions"]) for d in s["dropped_to"]]) for s in steps] == [
        (2, [("(exit)", 2)]), (1, [("(exit)", 1)]), (0, []),
    ]


def test_funnel_within(journeys_lake, cli):
    report = _json(cli("report", "funnel", *STEPS, *RANGE, "--within", "90s", "--json"))
    steps = report["steps"]
    # A needs 180 s: stops at the page. C's third attempt (list 11:00:40, page 11:01:00,
    # sign-up 11:02:00) fits in 80 s and converts, with that attempt's times
    assert report["within_ms"] == 90_000.0
    assert [s["sessions"] for s in steps] == [5, 3, 1]
    assert [(s["median_ms"], s["p90_ms"]) for s in steps[1:]] == [(40_000.0, 60_000.0), (60_000.0, 60_000.0)]
    # A went on to sign up, too late; E's range ended
    assert [(d["step"], d["sessions"]) for d in steps[1]["dropped_to"]] == [("(exit)", 1), (S, 1)]


def test_funnel_table(journeys_lake, cli):
    result = cli("report", "funnel", *STEPS, *RANGE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "5 of 6 sessions entered, 2 converted (40.0%)" in out
    for fragment in ("GET /courses/:id", "POST /signup:2xx", "60.0%", "66.7%", "40.0 s", "1.7 min", "(exit) 2"):
        assert fragment in out, fragment


def test_an_empty_range(journeys_lake, cli):
    empty = ("--since", "2026-06-01", "--until", "2026-06-02")
    report = _json(cli("report", "journeys", *empty, "--json"))
    assert (report["sessions"], report["calls"], report["entries"], report["flow"]) == (0, 0, [], [])
    funnel = _json(cli("report", "funnel", *STEPS, *empty, "--json"))
    assert [s["sessions"] for s in funnel["steps"]] == [0, 0, 0] and funnel["conversion"] == 0.0
    table = cli("report", "journeys", *empty)
    assert table.exit_code == 0 and "no sessions between 2026-06-01T00:00:00.000Z and 2026-06-03T00:00:00.000Z" in table.stdout
    table = cli("report", "funnel", *STEPS, *empty)
    assert table.exit_code == 0 and "0 of 0 sessions entered, 0 converted (0.0%)" in table.stdout


@pytest.mark.parametrize("args, fragment", [
    (["report", "funnel", "GET /courses"], "a funnel needs at least two steps, got 1"),
    (["report", "funnel", "GET /courses", "courses"], "step 'courses': expected [METHOD ]/route[:STATUS]"),
    (["report", "funnel", "/a", "/b:7xx"], "step '/b:7xx': '7xx' is not a status"),
    (["report", "funnel", "/a", "/b", "--within", "30"], "--within: '30' is not a duration"),
    (["report", "funnel", "/a", "/b", "--within", "0m"], "--within: '0m' is zero"),
    (["report", "funnel", "/a", "/b", "--within", "500ms"], "--within: '500ms' is not a duration"),
    (["report", "journeys", "--from", "signup"], "--from: step 'signup': expected"),
])
def test_usage_errors_are_one_line_exit_2_and_read_nothing(journeys_lake, cli, api_calls, args, fragment):
    api_calls.clear()
    result = cli(*args)
    assert result.exit_code == 2
    assert_one_line_error(result, fragment)
    assert api_calls == []

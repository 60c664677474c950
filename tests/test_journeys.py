"""Journeys and funnels on hand-built events: every number checked by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from droplets.errors import DropletsError
from droplets.journeys import EXIT, StepMatcher, build_funnel, build_journeys, parse_steps, step_of

SINCE, UNTIL = "2026-03-01T00:00:00.000Z", "2026-03-03T00:00:00.000Z"


def call(session, at, method, route, status=200, n=[0]):
    n[0] += 1
    return {
        "occurred_at": f"2026-03-{at}Z" if "T" in at else at,
        "session_id": session,
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": 10.0,
        "event_id": f"00000000-0000-4000-8000-{n[0]:012d}",
        "s3_key": "events/x",
    }


def lake():
    """Four sessions and one call without a session.

    A: /courses -> /courses/:id -> /courses/:id (reload) -> checkout 201, across midnight
    B: /courses only (a bounce)
    C: /courses -> /courses/:id -> /search
    D: /courses/:id -> /courses -> /courses/:id -> checkout 500 (steps out of order first)
    """
    return [
        call("sess-aaaa0001", "01T23:59:00.000", "GET", "/courses"),
        call("sess-aaaa0001", "01T23:59:30.000", "GET", "/courses/:id"),
        call("sess-aaaa0001", "02T00:00:10.000", "GET", "/courses/:id"),
        call("sess-aaaa0001", "02T00:01:30.000", "POST", "/courses/:id/checkout", 201),
        call("sess-bbbb0002", "01T10:00:00.000", "GET", "/courses"),
        call("sess-cccc0003", "01T11:00:00.000", "GET", "/courses"),
        call("sess-cccc0003", "01T11:00:20.000", "GET", "/courses/:id"),
        call("sess-cccc0003", "01T11:01:00.000", "GET", "/search"),
        call("sess-dddd0004", "01T12:00:00.000", "GET", "/courses/:id"),
        call("sess-dddd0004", "01T12:00:05.000", "GET", "/courses"),
        call("sess-dddd0004", "01T12:00:15.000", "GET", "/courses/:id"),
        call("sess-dddd0004", "01T12:01:15.000", "POST", "/courses/:id/checkout", 500),
        call("_nosession", "01T12:00:00.000", "GET", "/healthz"),
    ]


def test_journeys_report_counts_sessions_calls_bounces_entries_and_exits():
    # GIVEN four sessions (and a call without one, which has no journey)
    # WHEN the journeys report is built
    report = build_journeys(lake(), SINCE, UNTIL)
    # THEN sessions, calls and bounces are exact, and the call without a session is counted apart
    assert (report.sessions, report.calls, report.bounces) == (4, 12, 1)
    assert report.no_session_calls == 1
    assert report.bounce_rate == 0.25
    # AND calls per session are 4, 1, 3, 4: median 3 (nearest rank), p90 4
    assert report.calls_per_session == {"median": 3.0, "p90": 4.0}
    # AND durations are 150 s, 0 s, 60 s, 75 s: median 60 s, p90 150 s
    assert report.duration_ms == {"median": 60_000.0, "p90": 150_000.0}
    # AND entries and exits are ranked by sessions, then by name
    assert report.entries == [
        {"step": "GET /courses", "sessions": 3, "share": 0.75},
        {"step": "GET /courses/:id", "sessions": 1, "share": 0.25},
    ]
    assert [(e["step"], e["sessions"]) for e in report.exits] == [
        ("POST /courses/:id/checkout", 2), ("GET /courses", 1), ("GET /search", 1),
    ]


def test_paths_fold_repeats_and_count_sessions_once():
    # GIVEN session A reloads /courses/:id, and D visits /courses/:id twice, apart
    report = build_journeys(lake(), SINCE, UNTIL)
    two = {p["path"]: (p["sessions"], p["times"]) for p in report.paths["2"]}
    # THEN the reload is folded: A's path is courses -> id -> checkout
    assert two["GET /courses → GET /courses/:id"] == (3, 3)  # A, C, D
    assert two["GET /courses/:id → POST /courses/:id/checkout"] == (2, 2)  # A, D
    assert two["GET /courses/:id → GET /courses"] == (1, 1)  # D
    assert "GET /courses/:id → GET /courses/:id" not in two
    three = {p["path"]: p["sessions"] for p in report.paths["3"]}
    assert three["GET /courses → GET /courses/:id → POST /courses/:id/checkout"] == 2
    assert three["GET /courses → GET /courses/:id → GET /search"] == 1
    # AND the most common path comes first
    assert report.paths["2"][0]["path"] == "GET /courses → GET /courses/:id"


def test_from_step_gives_next_steps_with_shares_and_median_time():
    # GIVEN the calls to GET /courses (A, B, C, D: four of them)
    report = build_journeys(lake(), SINCE, UNTIL, from_step=StepMatcher.parse("GET /courses"))
    # THEN three went on to the course page and one left
    assert report.from_count == 4
    nexts = {n.step: (n.count, n.share, n.median_ms) for n in report.next_steps}
    # A: 30 s, C: 20 s, D: 10 s -> median 20 s
    assert nexts["GET /courses/:id"] == (3, 0.75, 20_000.0)
    assert nexts[EXIT] == (1, 0.25, None)


def test_from_step_counts_a_reloaded_page_as_one_visit():
    # GIVEN A's course page is reloaded before the checkout, and D visits it twice, apart
    report = build_journeys(lake(), SINCE, UNTIL, from_step=StepMatcher.parse("GET /courses/:id"))
    nexts = {n.step: (n.count, n.median_ms) for n in report.next_steps}
    # THEN A's two calls are one visit, leading to the checkout 120 s after its first call;
    # C's leads to /search (40 s), D's first to /courses (5 s), its second to the checkout (60 s)
    assert report.from_count == 4
    assert nexts == {
        "POST /courses/:id/checkout": (2, 60_000.0),  # 60 s and 120 s: nearest-rank median
        "GET /search": (1, 40_000.0),
        "GET /courses": (1, 5_000.0),
    }
    # AND the shares are those of the 2-step paths that start at the course page
    two = {p["path"]: p["times"] for p in report.paths["2"] if p["path"].startswith("GET /courses/:id →")}
    assert {path.split(" → ")[1]: n for path, n in two.items()} == {k: v[0] for k, v in nexts.items()}


def test_from_step_with_a_status_counts_the_visits_with_a_matching_call():
    # GIVEN a session whose course page answers 404 and then 200 on a reload, then a search
    events = [
        call("sess-ffff0006", "01T08:00:00.000", "GET", "/courses/:id", 404),
        call("sess-ffff0006", "01T08:00:03.000", "GET", "/courses/:id", 200),
        call("sess-ffff0006", "01T08:00:10.000", "GET", "/search"),
        call("sess-ffff0006", "01T08:01:00.000", "GET", "/courses/:id", 200),
    ]
    # WHEN journeys are asked what follows a 404 on the course page
    report = build_journeys(events, SINCE, UNTIL, from_step=StepMatcher.parse("GET /courses/:id:404"))
    # THEN one visit had a 404; the session went to /search 10 s after it; the later 200 visit
    # is not counted
    assert report.from_count == 1
    assert [(n.step, n.count, n.share, n.median_ms) for n in report.next_steps] == [("GET /search", 1, 1.0, 10_000.0)]


def test_flow_follows_the_first_steps_of_every_session():
    report = build_journeys(lake(), SINCE, UNTIL)
    links = {(f["position"], f["from"], f["to"]): f["sessions"] for f in report.flow}
    # A: courses, id, checkout (reload folded), exit; B: courses, exit; C: courses, id, search,
    # exit; D: id, courses, id, checkout (four steps: no exit)
    assert links == {
        (1, "GET /courses", "GET /courses/:id"): 2,
        (1, "GET /courses", EXIT): 1,
        (1, "GET /courses/:id", "GET /courses"): 1,
        (2, "GET /courses/:id", "POST /courses/:id/checkout"): 1,
        (2, "GET /courses/:id", "GET /search"): 1,
        (2, "GET /courses", "GET /courses/:id"): 1,
        (3, "POST /courses/:id/checkout", EXIT): 1,
        (3, "GET /search", EXIT): 1,
        (3, "GET /courses/:id", "POST /courses/:id/checkout"): 1,
    }
    # AND every session leaves position 1 once
    assert sum(n for (position, _, _), n in links.items() if position == 1) == report.sessions


def test_flow_names_the_most_common_steps_and_groups_the_rest():
    # GIVEN ten sessions that each start at another route
    events = [call(f"sess-flow{i:04d}", f"01T09:{i:02d}:00.000", "GET", f"/page{i}") for i in range(10)]
    report = build_journeys(events, SINCE, UNTIL)
    # THEN the first eight (by sessions, then by name) are named and two are "(other)"
    starts = {f["from"]: f["sessions"] for f in report.flow if f["position"] == 1}
    assert starts == {**{f"GET /page{i}": 1 for i in range(8)}, "(other)": 2}


def test_an_empty_range_gives_an_empty_report():
    report = build_journeys([], SINCE, UNTIL, from_step=StepMatcher.parse("/x"))
    assert (report.sessions, report.calls, report.bounces, report.bounce_rate) == (0, 0, 0, 0.0)
    assert report.calls_per_session == {"median": None, "p90": None}
    assert report.entries == [] and report.paths == {"2": [], "3": []} and report.next_steps == []
    funnel = build_funnel([], [StepMatcher.parse("/a"), StepMatcher.parse("/b")], SINCE, UNTIL)
    assert [s.sessions for s in funnel.steps] == [0, 0] and funnel.to_dict()["conversion"] == 0.0


STEPS = ["GET /courses", "GET /courses/:id", "POST /courses/:id/checkout:2xx"]


def test_funnel_counts_sessions_in_order_with_conversion_and_times():
    # GIVEN the sign-up funnel: list, course page, successful checkout
    funnel = build_funnel(lake(), [StepMatcher.parse(s) for s in STEPS], SINCE, UNTIL)
    # THEN A, B, C, D reach /courses; A, C, D the course page after it; only A checks out
    # with a 2xx (D's checkout is a 500)
    assert [s.sessions for s in funnel.steps] == [4, 3, 1]
    assert [s.conversion for s in funnel.steps] == [1.0, 0.75, round(1 / 3, 6)]
    assert [s.overall for s in funnel.steps] == [1.0, 0.75, 0.25]
    # AND times between steps: A 30 s, C 20 s, D 10 s (D's attempt starts at its /courses)
    assert (funnel.steps[1].median_ms, funnel.steps[1].p90_ms) == (20_000.0, 30_000.0)
    # A: from its first course page (23:59:30) to the checkout (00:01:30), across midnight
    assert funnel.steps[2].median_ms == 120_000.0
    # AND where the dropped went: B left at /courses; C went to /search, D to the failed checkout
    assert funnel.steps[0].dropped == 1 and funnel.steps[0].dropped_to == [{"step": EXIT, "sessions": 1, "share": 1.0}]
    assert {d["step"]: d["sessions"] for d in funnel.steps[1].dropped_to} == {
        "GET /search": 1, "POST /courses/:id/checkout": 1,
    }
    assert funnel.steps[2].dropped == 0 and funnel.converted == 1


def test_funnel_within_limits_the_time_from_the_first_step():
    # GIVEN a window of 90 s: A needs 150 s from /courses to the checkout
    funnel = build_funnel(lake(), [StepMatcher.parse(s) for s in STEPS], SINCE, UNTIL, within=timedelta(seconds=90))
    # THEN A stops at the course page
    assert [s.sessions for s in funnel.steps] == [4, 3, 0]
    assert funnel.within_ms == 90_000.0


def test_funnel_takes_the_attempt_that_goes_furthest():
    # GIVEN a session that looks at a course, leaves, and later buys in a second attempt
    events = [
        call("sess-eeee0005", "01T08:00:00.000", "GET", "/courses"),
        call("sess-eeee0005", "01T08:00:10.000", "GET", "/about"),
        call("sess-eeee0005", "01T09:00:00.000", "GET", "/courses"),
        call("sess-eeee0005", "01T09:00:05.000", "GET", "/courses/:id"),
        call("sess-eeee0005", "01T09:00:07.000", "POST", "/courses/:id/checkout", 201),
    ]
    steps = [StepMatcher.parse(s) for s in STEPS]
    # WHEN the window is 1 minute, so only the second attempt completes
    funnel = build_funnel(events, steps, SINCE, UNTIL, within=timedelta(minutes=1))
    # THEN the session converts, with the second attempt's times
    assert [s.sessions for s in funnel.steps] == [1, 1, 1]
    assert [s.median_ms for s in funnel.steps] == [None, 5_000.0, 2_000.0]


def step_event(method, route, status):
    return {"method": method, "route": route, "status": status}


#: Each step pattern: the (method, route, status) calls it matches, then those it does not.
STEP_MATCHES = {
    "GET /courses": ([("GET", "/courses", 200)], [("POST", "/courses", 200)]),
    "/courses": ([("POST", "/courses", 200)], []),
    "/courses/*": ([("GET", "/courses/:id", 200)], [("GET", "/courses", 200)]),
    "POST /courses/:id/checkout:2xx": ([("POST", "/courses/:id/checkout", 201)], [("POST", "/courses/:id/checkout", 500)]),
    "/x:404": ([("GET", "/x", 404)], [("GET", "/x", 400)]),
    "get /x": ([("GET", "/x", 200)], []),
    "/users/:id": ([], [("GET", None, 200)]),
    "/x:400-499": ([("GET", "/x", 422)], [("GET", "/x", 500)]),
    "*/checkout": ([("POST", "/courses/:id/checkout", 201)], []),
    "/courses/*/checkout": ([("POST", "/courses/:id/checkout", 201)], [("POST", "/courses/:id/refund", 201)]),
    "/users/:id?": ([("GET", "/users/:id?", 200)], [("GET", "/users/:idx", 200)]),
    "/x:5xx": ([], [("GET", "/x", None)]),
}


@pytest.mark.parametrize("text, event, expected", [
    (text, step_event(*fields), expected)
    for text, (matching, not_matching) in STEP_MATCHES.items()
    for expected, calls in ((True, matching), (False, not_matching))
    for fields in calls
])
def test_step_matcher(text, event, expected):
    assert StepMatcher.parse(text).matches(event) is expected


@pytest.mark.parametrize("bad", ["courses", "GET", "GET courses", "", "GET /a b", "/x:499-400"])
def test_a_step_that_is_not_a_route_is_an_error_naming_it(bad):
    with pytest.raises(DropletsError, match="step"):
        StepMatcher.parse(bad)


def test_a_funnel_needs_two_steps():
    with pytest.raises(DropletsError, match="two steps"):
        build_funnel(lake(), [StepMatcher.parse("/courses")], SINCE, UNTIL)
    with pytest.raises(DropletsError, match="at least two steps, got 1"):
        parse_steps(["/courses"])
    assert [s.route for s in parse_steps(["/a", "/b:2xx"])] == ["/a", "/b"]


def test_without_within_the_first_attempt_decides():
    # GIVEN a session that starts the funnel twice and completes it from the first start
    events = [
        call("sess-gggg0007", "01T08:00:00.000", "GET", "/courses"),
        call("sess-gggg0007", "01T08:00:10.000", "GET", "/courses"),
        call("sess-gggg0007", "01T08:00:20.000", "GET", "/courses/:id"),
        call("sess-gggg0007", "01T08:00:50.000", "POST", "/courses/:id/checkout", 201),
    ]
    funnel = build_funnel(events, [StepMatcher.parse(s) for s in STEPS], SINCE, UNTIL)
    # THEN the times are measured from the first /courses (20 s), not the repeat (10 s)
    assert [s.sessions for s in funnel.steps] == [1, 1, 1]
    assert [s.median_ms for s in funnel.steps] == [None, 20_000.0, 30_000.0]


def test_step_names_say_method_and_route():
    assert step_of({"method": "get", "route": None}) == "GET (no route)"


def test_tables_print_routes_as_they_are():
    # GIVEN routes that look like Rich markup and an emoji code
    from io import StringIO

    from rich.console import Console

    from droplets.render import print_funnel, print_journeys_report, tail_line

    events = [call("sess-hhhh0008", "01T08:00:00.000", "GET", "/a/[b]/:id"),
              call("sess-hhhh0008", "01T08:00:01.000", "GET", "/users/:id:")]
    out = StringIO()
    console = Console(file=out, width=200)
    # WHEN the reports and a tail line are printed
    print_journeys_report(build_journeys(events, SINCE, UNTIL, from_step=StepMatcher.parse("/a/[b]/:id")), console)
    print_funnel(build_funnel(events, [StepMatcher.parse("/a/[b]/:id"), StepMatcher.parse("/users/:id:")], SINCE, UNTIL), console)
    console.print(tail_line(events[1]))
    text = out.getvalue()
    # THEN they are printed as they are: no style eaten, no emoji
    assert "GET /a/[b]/:id → GET /users/:id:" in text
    assert "after /a/[b]/:id: 1 visits" in text
    assert "/users/:id:" in text.splitlines()[-1] and "\U0001f194" not in text

"""The compaction state machine, executed: the definition ``components/compaction.py`` deploys,
run by moto's Step Functions interpreter (S3 tasks on moto's S3), with Athena's queries on
DuckDB (``athena.py``). Days are relative to the execution's start, as the plan makes them."""

from __future__ import annotations

import pytest

from droplets.compaction import local, store
from droplets.contract import compaction as layout
from tests.cli.lake import stored_record
from tests.compaction.conftest import day_before

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def yesterday_and_before(compactor, n: int = 3) -> list[str]:
    """The look-back days of an execution starting now (grace 0): oldest first."""
    from datetime import datetime, timezone

    today = datetime.now(timezone.utc).date()
    return [day_before(today, k) for k in range(n, 0, -1)]


def rows_by_day(compactor) -> dict[str, int]:
    return dict(compactor.view("SELECT dt, count(*) FROM events GROUP BY dt ORDER BY dt"))


def test_a_run_compacts_the_look_back_days_and_the_view_reads_each_day_once(compactor):
    # GIVEN three closed days of calls, one session crossing the midnight between two of them
    first, second, third = yesterday_and_before(compactor)
    lake = compactor.lake
    for n in range(4):
        lake.add_event(f"sess-first-{n:04d}", f"{first}T10:00:0{n}.000Z")
    lake.add_event("sess-midnight-01", f"{first}T23:59:59.900Z", route="/a")
    lake.add_event("sess-midnight-01", f"{second}T00:00:00.100Z", route="/b")
    lake.add_event("sess-third-0001", f"{third}T12:00:00.000Z", status=503)
    before = rows_by_day(compactor)

    # WHEN the state machine runs
    execution = compactor.run()

    # THEN it succeeds, planned exactly the three days (oldest first), and compacted each
    assert execution.status == "SUCCEEDED", (execution.error, execution.cause)
    assert execution.output["compact"] == [day_before(execution.today, k) for k in (3, 2, 1)] == [first, second, third]
    assert execution.output["compacted"] == ["compacted"] * 3 and execution.output["expire"] == []
    for day in (first, second, third):
        manifest = compactor.manifest(day)
        assert manifest.engine == "athena" and layout.RUN_RE.match(manifest.run)
        keys = compactor.data_keys(day)
        assert keys and all(k.startswith(layout.run_prefix(day, manifest.run)) for k in keys)
    # AND the Athena query was the UNLOAD of the shared SQL, to the run's own prefix, ZSTD Parquet
    unloads = [q for q in compactor.athena.queries if q.startswith("UNLOAD (")]
    assert len(unloads) == 3 and all("compression = 'ZSTD'" in q for q in unloads)
    # AND the view gives every day once, the same rows as before compaction (from Parquet now)
    assert rows_by_day(compactor) == before == {first: 5, second: 1, third: 1}
    # AND the session that crossed midnight is whole, one call on each side
    assert compactor.view("SELECT dt, route FROM events WHERE session_id = 'sess-midnight-01' ORDER BY occurred_at") == [
        (first, "/a"), (second, "/b")]
    # AND the derived columns were computed once, at compaction
    assert compactor.view(f"SELECT status_class FROM events_parquet WHERE dt = '{third}'") == [("5xx",)]


def test_running_twice_gives_the_same_partition_and_deletes_the_replaced_run(compactor):
    # GIVEN a compacted lake
    first, second, third = yesterday_and_before(compactor)
    for day in (first, second, third):
        compactor.lake.add_event("sess-twice-0001", f"{day}T08:00:00.000Z")
    assert compactor.run().status == "SUCCEEDED"
    runs = {day: compactor.manifest(day).run for day in (first, second, third)}
    rows = compactor.view("SELECT event_id, dt FROM events ORDER BY 1")

    # WHEN it runs again
    assert compactor.run().status == "SUCCEEDED"

    # THEN each day has a new run with the same rows, no double, and only that run's files
    assert compactor.view("SELECT event_id, dt FROM events ORDER BY 1") == rows and len(rows) == 3
    for day in (first, second, third):
        manifest = compactor.manifest(day)
        assert manifest.run != runs[day]
        assert all(k.startswith(layout.run_prefix(day, manifest.run)) for k in compactor.data_keys(day))
    # (even the table of every run's files, which Athena lists, holds each event once)
    assert compactor.view("SELECT count(*), count(DISTINCT event_id) FROM events_parquet") == [(3, 3)]


def test_a_late_call_for_a_compacted_day_is_picked_up_by_the_next_run(compactor):
    # GIVEN a compacted day
    first, second, third = yesterday_and_before(compactor)
    compactor.lake.add_event("sess-late-00001", f"{third}T09:00:00.000Z")
    assert compactor.run().status == "SUCCEEDED"
    # WHEN a call of that day arrives afterwards (a retry, a redrive)
    late = compactor.lake.add_event("sess-late-00002", f"{third}T09:30:00.000Z")
    # THEN the view does not have it yet (the day reads from its run, not from JSON)...
    assert compactor.view(f"SELECT count(*) FROM events WHERE dt = '{third}'") == [(1,)]
    # ...and the next run, which rewrites the look-back days, adds it
    assert compactor.run().status == "SUCCEEDED"
    assert compactor.view(f"SELECT event_id FROM events WHERE dt = '{third}' ORDER BY occurred_at")[-1] == (late["event_id"],)
    assert compactor.view(f"SELECT count(*) FROM events WHERE dt = '{third}'") == [(2,)]


def test_a_failed_day_stays_readable_leaves_nothing_behind_and_the_next_run_compacts_it(compactor):
    # GIVEN three days, and an Athena that fails every UNLOAD of the middle one (leaving a partial file each time)
    first, second, third = yesterday_and_before(compactor)
    for day in (first, second, third):
        compactor.lake.add_event("sess-fail-00001", f"{day}T08:00:00.000Z")
    compactor.athena.fail = lambda query: "HIVE_CURSOR_ERROR: broken" if f"dt={second}/run=" in query else None

    # WHEN the state machine runs
    execution = compactor.run()

    # THEN the execution fails (an alarm), after trying the day twice with a fresh run each time
    assert execution.status == "FAILED" and execution.error == "CompactionFailed"
    unloads = [q for q in compactor.athena.queries if f"dt={second}/run=" in q]
    assert len(unloads) == 2 and unloads[0] != unloads[1]
    # AND the other days were compacted; the failed one has no manifest and no file left
    assert compactor.manifest(first) and compactor.manifest(third) and compactor.manifest(second) is None
    assert compactor.data_keys(second) == []
    # AND it is read from its JSON objects meanwhile
    assert rows_by_day(compactor) == {first: 1, second: 1, third: 1}

    # WHEN Athena recovers and the next run comes
    compactor.athena.fail = lambda query: None
    assert compactor.run().status == "SUCCEEDED"
    # THEN the day is compacted
    assert compactor.manifest(second) is not None and rows_by_day(compactor) == {first: 1, second: 1, third: 1}


def test_a_failed_rewrite_of_a_compacted_day_keeps_its_previous_run(compactor):
    # GIVEN a compacted day
    first, second, third = yesterday_and_before(compactor)
    compactor.lake.add_event("sess-keep-00001", f"{third}T08:00:00.000Z")
    assert compactor.run().status == "SUCCEEDED"
    run = compactor.manifest(third).run
    # WHEN every rewrite of it fails
    compactor.athena.fail = lambda query: "boom" if f"dt={third}/run=" in query else None
    assert compactor.run().status == "FAILED"
    # THEN it is still read from that run, whose files are all still there, and from nothing else
    assert compactor.manifest(third).run == run
    assert all(k.startswith(layout.run_prefix(third, run)) for k in compactor.data_keys(third))
    assert compactor.view(f"SELECT count(*) FROM events WHERE dt = '{third}'") == [(1,)]


def test_a_day_that_changed_during_its_rewrite_is_not_switched_but_done_again(compactor):
    # GIVEN a compacted day, and another writer (droplets compact, or forget) that rewrites it
    # while the state machine's UNLOAD of the same day runs
    first, second, third = yesterday_and_before(compactor)
    compactor.lake.add_event("sess-race-00001", f"{third}T08:00:00.000Z")
    assert compactor.run().status == "SUCCEEDED"
    late = compactor.lake.add_event("sess-race-00002", f"{third}T08:30:00.000Z")
    raced = []

    def concurrent_writer(query: str) -> None:
        if f"dt={third}/run=" in query and not raced:
            raced.append(local.compact_day(compactor.lake.s3, compactor.lake.bucket, third).run)

    compactor.athena.before = concurrent_writer

    # WHEN the state machine runs
    execution = compactor.run()

    # THEN its first switch of that day fails (the manifest is not the one it read), it
    # deletes what it wrote and tries again from the start, and then switches
    assert execution.status == "SUCCEEDED", execution.cause
    assert len([q for q in compactor.athena.queries if f"dt={third}/run=" in q]) == 3  # first run, lost race, retry
    manifest = compactor.manifest(third)
    assert manifest.engine == "athena" and manifest.run != raced[0]
    # AND only its run is left, with both calls once
    assert all(k.startswith(layout.run_prefix(third, manifest.run)) for k in compactor.data_keys(third))
    assert sorted(r[0] for r in compactor.view(f"SELECT session_id FROM events WHERE dt = '{third}'")) == [
        "sess-race-00001", "sess-race-00002"]
    assert late["session_id"] == "sess-race-00002"


def test_a_day_with_zero_calls_is_compacted_empty(compactor):
    # GIVEN calls on two of the three look-back days only
    first, second, third = yesterday_and_before(compactor)
    compactor.lake.add_event("sess-zero-00001", f"{first}T08:00:00.000Z")
    compactor.lake.add_event("sess-zero-00001", f"{third}T08:00:00.000Z")
    # WHEN the state machine runs
    assert compactor.run().status == "SUCCEEDED"
    # THEN the empty day has a manifest and no file (UNLOAD writes none for no rows)...
    assert compactor.manifest(second) is not None and compactor.data_keys(second) == []
    # ...and reads as empty, the others as before
    assert rows_by_day(compactor) == {first: 1, third: 1}
    # AND a call that arrives for it later is picked up by the next run
    compactor.lake.add_event("sess-zero-00002", f"{second}T23:00:00.000Z")
    assert compactor.run().status == "SUCCEEDED"
    assert rows_by_day(compactor) == {first: 1, second: 1, third: 1}


def test_rows_whose_json_expired_are_kept_by_a_rewrite(compactor):
    # GIVEN a compacted day whose JSON objects then expire (lifecycle), but one late call
    first, second, third = yesterday_and_before(compactor)
    keys = [compactor.lake.add(stored_record(f"sess-expire-{n:03d}", f"{first}T0{n}:00:00.000Z")) for n in range(3)]
    assert compactor.run().status == "SUCCEEDED"
    compactor.lake.s3.delete_objects(Bucket=compactor.lake.bucket, Delete={"Objects": [{"Key": k} for k in keys]})
    compactor.lake.add_event("sess-expire-late", f"{first}T05:00:00.000Z")
    # WHEN the day is rewritten
    assert compactor.run().status == "SUCCEEDED"
    # THEN it holds the three expired calls (from the previous run) and the late one
    assert compactor.view(f"SELECT count(*) FROM events WHERE dt = '{first}'") == [(4,)]


def test_days_past_compacted_retention_expire(compactor):
    # GIVEN a day compacted long ago (its manifest and run), older than the retention
    old = "2024-01-15"
    compactor.lake.add_event("sess-old-000001", f"{old}T08:00:00.000Z")
    local.compact_day(compactor.lake.s3, compactor.lake.bucket, old)
    assert compactor.data_keys(old)
    # WHEN the state machine runs with a compacted retention of 400 days
    execution = compactor.run(compactor.spec(compacted_retention_days=400))
    # THEN it planned and expired that day: manifest and files gone
    assert execution.status == "SUCCEEDED" and execution.output["expire"] == [old]
    assert execution.output["expired"] == ["expired"]
    assert compactor.manifest(old) is None and compactor.data_keys(old) == []


def test_the_plan_honours_grace_and_look_back(compactor):
    # GIVEN a grace period longer than a day and a look-back of two days
    execution = compactor.run(compactor.spec(grace_hours=30, lookback_days=2))
    # THEN the plan's days end the day before (start - 30 h), two of them
    from datetime import timedelta

    base = (execution.start - timedelta(hours=30)).date()
    assert execution.output["compact"] == [day_before(base, 2), day_before(base, 1)]
    assert store.manifests(compactor.lake.s3, compactor.lake.bucket) .keys() == set(execution.output["compact"])

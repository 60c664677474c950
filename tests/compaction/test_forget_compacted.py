"""``droplets forget`` reaches the compacted days: the real CLI on moto (a versioned bucket,
as in prod), including a day whose JSON objects have already expired."""

from __future__ import annotations

import pytest

from droplets.compaction import store
from droplets.contract import compaction as layout
from tests.cli.lake import BUCKET

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DAY1, DAY2, DAY3 = "2026-03-01", "2026-03-02", "2026-03-03"
VICTIM, KEEP = "sess-forget-cmp-01", "sess-forget-cmp-02"


def sql(cli, query: str) -> list[dict]:
    result = cli("sql", query, "--since", DAY1, "--until", DAY3, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json_lines()


def versions_under(lake, prefix: str) -> list[str]:
    pages = lake.s3.get_paginator("list_object_versions").paginate(Bucket=BUCKET, Prefix=prefix)
    return sorted(v["Key"] for page in pages for v in page.get("Versions", []) + page.get("DeleteMarkers", []))


@pytest.fixture
def compacted(versioned_lake, cli):
    """Three compacted days; the victim's calls on the first two, DAY1's JSON objects expired
    (every version gone, as the lifecycle leaves it) after compaction."""
    lake = versioned_lake
    lake.add_event(VICTIM, f"{DAY1}T09:00:00.000Z")
    lake.add_event(VICTIM, f"{DAY1}T23:59:59.000Z")
    lake.add_event(VICTIM, f"{DAY2}T00:00:01.000Z")
    for day in (DAY1, DAY2, DAY3):
        lake.add_event(KEEP, f"{day}T12:00:00.000Z")
    result = cli("compact", "--day", DAY1, "--day", DAY2, "--day", DAY3)
    assert result.exit_code == 0, result.stderr
    expired = [{"Key": k, "VersionId": v} for k, v in lake.object_versions() if k.startswith(f"events/dt={DAY1}/")]
    assert len(expired) == 3
    lake.s3.delete_objects(Bucket=BUCKET, Delete={"Objects": expired})
    return lake


def test_forget_rewrites_every_compacted_day_that_holds_the_session_even_when_its_json_expired(compacted, cli):
    runs = {day: store.current(compacted.s3, BUCKET, day).run for day in (DAY1, DAY2, DAY3)}
    assert sql(cli, f"SELECT dt, count(*) AS n FROM events WHERE session_id = '{VICTIM}' GROUP BY dt ORDER BY dt") == [
        {"dt": DAY1, "n": 2}, {"dt": DAY2, "n": 1}]

    # GIVEN a dry run says which days it would rewrite
    dry = cli("forget", VICTIM, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert f"would rewrite 2 compacted day(s) ({DAY1}, {DAY2}; 3 row(s)) without the session" in dry.stdout
    assert store.current(compacted.s3, BUCKET, DAY1).run == runs[DAY1]  # nothing touched

    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes")

    # THEN it says which days it rewrote
    assert result.exit_code == 0, result.stderr
    assert f"rewrote 2 compacted day(s) ({DAY1}, {DAY2}; 3 row(s)) without the session" in result.stdout
    # AND the session is in no day any more, the other session's calls all are
    assert sql(cli, f"SELECT count(*) AS n FROM events WHERE session_id = '{VICTIM}'") == [{"n": 0}]
    assert sql(cli, f"SELECT dt FROM events WHERE session_id = '{KEEP}' ORDER BY dt") == [
        {"dt": DAY1}, {"dt": DAY2}, {"dt": DAY3}]
    # AND each rewritten day has a new run, and not one version of its earlier run is left
    for day in (DAY1, DAY2):
        run = store.current(compacted.s3, BUCKET, day).run
        assert run != runs[day]
        assert versions_under(compacted, layout.day_prefix(day)) == [layout.run_prefix(day, run) + "part-00000.parquet"]
    # AND a day without the session was left as it was
    assert store.current(compacted.s3, BUCKET, DAY3).run == runs[DAY3]

    # AND a second forget has nothing left to do
    again = cli("forget", VICTIM, "--yes", "--json")
    assert again.exit_code == 0 and again.json()["removed"] is False and again.json()["compacted_days"] == []


def test_a_compaction_after_forget_does_not_bring_the_session_back(compacted, cli):
    # GIVEN a forgotten session
    assert cli("forget", VICTIM, "--yes").exit_code == 0
    # WHEN its days are compacted again (the daily run's look-back, or by hand)
    result = cli("compact", "--day", DAY1, "--day", DAY2, "--json")
    assert result.exit_code == 0, result.stderr
    # THEN the rewrite (JSON objects merged with the current run) has none of its calls
    assert sql(cli, f"SELECT count(*) AS n FROM events WHERE session_id = '{VICTIM}'") == [{"n": 0}]
    assert sql(cli, "SELECT count(*) AS n FROM events") == [{"n": 3}]


def test_forget_json_reports_the_compacted_days(compacted, cli):
    result = cli("forget", VICTIM, "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["compacted_days"] == [DAY1, DAY2] and summary["compacted_rows"] == 3
    # the two replaced runs' files (one each)
    assert summary["compacted_files_deleted"] == 2

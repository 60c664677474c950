"""``droplets compact`` (the DuckDB rewrite), and ``droplets sql`` reading what it wrote: the
real CLI through CliRunner on moto's S3 and DynamoDB."""

from __future__ import annotations

import time

import botocore.client
import pytest
from botocore.exceptions import ClientError

from droplets.compaction import store
from droplets.contract import compaction as layout
from tests.cli.lake import BUCKET

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DAY1, DAY2, EMPTY = "2026-03-01", "2026-03-02", "2026-03-03"
ALL_COLUMNS = "SELECT * FROM events ORDER BY occurred_at, event_id"


@pytest.fixture
def two_days(lake):
    """Two closed days, a session crossing the midnight between them, a 5xx, a call without session."""
    lake.add_event("sess-cmp-000001", f"{DAY1}T10:00:00.000Z", route="/courses/:id", status=200)
    lake.add_event("sess-cmp-000001", f"{DAY1}T23:59:59.950Z", route="/cart", method="POST", status=201)
    lake.add_event("sess-cmp-000001", f"{DAY2}T00:00:00.050Z", route="/checkout", status=503)
    lake.add_event("sess-cmp-000002", f"{DAY2}T08:00:00.000Z", route="/courses/:id", status=404)
    lake.add_event(None, f"{DAY2}T09:00:00.000Z", route="/health", status=200)
    # LastModified has whole seconds: let the objects be older than the compaction's start
    time.sleep(1.1)
    return lake


def sql(cli, query: str, since: str = DAY1, until: str = EMPTY) -> list[dict]:
    result = cli("sql", query, "--since", since, "--until", until, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json_lines()


def manifest(lake, day: str) -> layout.Manifest | None:
    return store.current(lake.s3, BUCKET, day).manifest


def compacted_keys(lake, day: str) -> list[str]:
    pages = lake.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=layout.day_prefix(day))
    return sorted(o["Key"] for page in pages for o in page.get("Contents", []))


def test_compact_rewrites_every_closed_day_and_sql_reads_the_same_table_from_parquet(two_days, cli):
    # GIVEN the range as droplets sql reads it from the JSON objects
    before = sql(cli, ALL_COLUMNS)
    assert len(before) == 5

    # WHEN droplets compact runs without --day
    result = cli("compact", "--json")

    # THEN it compacted both closed days (from all their objects) and nothing else
    assert result.exit_code == 0, result.stderr
    done = {row["day"]: row for row in result.json_lines()}
    assert set(done) == {DAY1, DAY2}
    assert (done[DAY1]["rows"], done[DAY1]["json_objects"]) == (2, 2)
    assert (done[DAY2]["rows"], done[DAY2]["json_objects"]) == (3, 3)
    for day in (DAY1, DAY2):
        m = manifest(two_days, day)
        assert m.engine == "duckdb" and m.run == done[day]["run"] and m.row_count == done[day]["rows"]
        assert compacted_keys(two_days, day) == [layout.run_prefix(day, m.run) + "part-00000.parquet"]

    # AND droplets sql gives exactly the same table, every column, now read from Parquet
    result = cli("sql", ALL_COLUMNS, "--since", DAY1, "--until", EMPTY, "--json")
    assert result.json_lines() == before
    assert "2 compacted day(s) from Parquet" not in result.stderr  # --json: no note
    result = cli("sql", "SELECT count(*) AS n FROM events", "--since", DAY1, "--until", EMPTY)
    assert "2 compacted day(s) from Parquet" in result.stderr
    # AND the session that crossed midnight is whole, a call on each side, with the flat columns
    assert sql(cli, "SELECT dt, route, status_class FROM events WHERE session_id = 'sess-cmp-000001' "
                    "ORDER BY occurred_at") == [
        {"dt": DAY1, "route": "/courses/:id", "status_class": "2xx"},
        {"dt": DAY1, "route": "/cart", "status_class": "2xx"},
        {"dt": DAY2, "route": "/checkout", "status_class": "5xx"},
    ]
    # AND the range's edges cut inside a compacted day as they do in JSON
    assert sql(cli, "SELECT count(*) AS n FROM events", since=f"{DAY1}T23:00:00Z", until=f"{DAY2}T01:00:00Z") == [{"n": 2}]

    # AND a second compact finds nothing to do (no object written since)
    again = cli("compact")
    assert again.exit_code == 0 and "nothing to compact" in again.stdout


def test_compacting_a_day_twice_gives_the_same_rows_and_only_the_new_run(two_days, cli):
    # GIVEN a compacted day
    assert cli("compact", "--day", DAY2).exit_code == 0
    first = manifest(two_days, DAY2).run
    rows = sql(cli, ALL_COLUMNS, since=DAY2, until=DAY2)

    # WHEN it is compacted again
    result = cli("compact", "--day", DAY2, "--json")

    # THEN the new run replaced the old one, whose files are gone, and the rows are the same
    assert result.exit_code == 0, result.stderr
    (done,) = result.json_lines()
    assert done["replaced_run"] == first and done["run"] != first and done["rows"] == 3
    assert compacted_keys(two_days, DAY2) == [layout.run_prefix(DAY2, done["run"]) + "part-00000.parquet"]
    assert sql(cli, ALL_COLUMNS, since=DAY2, until=DAY2) == rows


def test_a_late_call_is_found_and_added_by_the_next_compact(two_days, cli):
    # GIVEN compacted days
    assert cli("compact").exit_code == 0
    time.sleep(1.1)
    # WHEN a call of a compacted day arrives later (a retry, a DLQ redrive)
    late = two_days.add_event("sess-cmp-000009", f"{DAY1}T12:00:00.000Z", route="/late")

    # THEN droplets sql does not see it yet: the day reads from its run only, never from both
    assert sql(cli, "SELECT count(*) AS n FROM events", since=DAY1, until=DAY1) == [{"n": 2}]
    # AND compact --dry-run names that day, and why
    dry = cli("compact", "--dry-run")
    assert dry.exit_code == 0 and f"{DAY1}: would compact (1 object(s) written since its compaction)" in dry.stdout
    assert DAY2 not in dry.stdout
    # AND compact adds it
    result = cli("compact", "--json")
    assert [row["day"] for row in result.json_lines()] == [DAY1]
    assert sql(cli, "SELECT event_id FROM events WHERE route = '/late'", since=DAY1, until=DAY1) == [
        {"event_id": late["event_id"]}]
    assert sql(cli, "SELECT count(*) AS n FROM events", since=DAY1, until=DAY1) == [{"n": 3}]


def test_rows_whose_json_expired_survive_a_rewrite(two_days, cli):
    # GIVEN a compacted day whose JSON objects then expire (retentionDays < compactedRetentionDays)
    assert cli("compact", "--day", DAY1).exit_code == 0
    keys = [k for k in two_days.records if k.startswith(f"events/dt={DAY1}/")]
    two_days.s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": k} for k in keys]})
    # WHEN the day is compacted again
    result = cli("compact", "--day", DAY1, "--json")
    # THEN its rows were kept from the previous run
    (done,) = result.json_lines()
    assert (done["rows"], done["json_objects"], done["kept_from_previous_run"]) == (2, 0, 2)
    assert sql(cli, "SELECT count(*) AS n FROM events", since=DAY1, until=DAY1) == [{"n": 2}]


def test_a_day_with_zero_calls_compacts_to_an_empty_day(two_days, cli):
    # WHEN a closed day without a single call is compacted
    result = cli("compact", "--day", EMPTY, "--json")
    # THEN it has a manifest of zero rows, and reads as empty next to the others
    assert result.exit_code == 0, result.stderr
    (done,) = result.json_lines()
    assert (done["rows"], done["json_objects"]) == (0, 0)
    assert manifest(two_days, EMPTY).row_count == 0
    assert sql(cli, "SELECT dt, count(*) AS n FROM events GROUP BY dt ORDER BY dt") == [
        {"dt": DAY1, "n": 2}, {"dt": DAY2, "n": 3}]


def test_a_failed_compaction_leaves_the_day_read_from_its_json_and_a_rerun_compacts_it(two_days, cli, monkeypatch):
    # GIVEN S3 refusing the switch of DAY1's manifest (a throttle, a permission, an outage)
    original = botocore.client.BaseClient._make_api_call

    def refusing(self, operation, params):
        if operation == "PutObject" and params.get("Key") == layout.manifest_key(DAY1):
            raise ClientError({"Error": {"Code": "SlowDown", "Message": "Please reduce your request rate."}}, operation)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", refusing)
    before = sql(cli, ALL_COLUMNS)

    # WHEN droplets compact runs
    result = cli("compact", "--day", DAY1)

    # THEN it fails with a clear error, and the day is not compacted: still read from its JSON
    assert result.exit_code != 0 and "Traceback" not in result.stderr and "SlowDown" in result.stderr
    assert manifest(two_days, DAY1) is None
    assert sql(cli, ALL_COLUMNS) == before

    # WHEN S3 recovers and compact runs again
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", original)
    assert cli("compact", "--day", DAY1).exit_code == 0
    # THEN the day is compacted, its rows once
    assert manifest(two_days, DAY1) is not None and sql(cli, ALL_COLUMNS) == before


def test_compact_refuses_a_day_that_is_not_over(lake, cli):
    result = cli("compact", "--day", "today")
    assert result.exit_code == 2 and "is not over yet" in result.stderr
    assert cli("compact", "--day", "not-a-day").exit_code != 0

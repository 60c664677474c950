"""droplets sql: the range's records into DuckDB as `events`; --athena on the workgroup."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from components.catalog import HIVE, event_columns, view_columns
from droplets import contract, sql
from droplets.sql import athena_query
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import REGION, stored_record


@pytest.fixture
def loaded(lake):
    lake.add_event("sess-sql-000001", "2026-02-28T23:59:59.999Z", route="/courses/:id", status=200, duration_ms=10)
    lake.add_event("sess-sql-000001", "2026-03-01T00:00:00.000Z", route="/courses/:id", status=500, duration_ms=30)
    lake.add_event("sess-sql-000002", "2026-03-01T08:00:00.000Z", route="/cart", method="POST", status=201, duration_ms=20)
    lake.add_event("sess-sql-000003", "2026-03-05T08:00:00.000Z", route="/outside", status=200)
    return lake


def test_query_runs_over_the_ranges_records(loaded, cli, api_calls):
    api_calls.clear()
    result = cli(
        "sql",
        "SELECT request.route AS route, count(*) AS calls, avg(duration_ms) AS avg_ms, max(response.status) AS worst "
        "FROM events GROUP BY 1 ORDER BY 1",
        "--since", "2026-02-28", "--until", "2026-03-01", "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert result.json_lines() == [
        {"route": "/cart", "calls": 1, "avg_ms": 20.0, "worst": 201},
        {"route": "/courses/:id", "calls": 2, "avg_ms": 20.0, "worst": 500},
    ]
    # found through the index (one Query per partition of each day: its write shards and the
    # unsharded partition of older items), read with GetObject: no listing; and one GetObject
    # per day for its compaction manifest (none here: both days are JSON)
    assert api_calls.count(("s3", "GetObject")) == 3 + 2
    assert ("s3", "ListObjectsV2") not in api_calls
    assert api_calls.count(("dynamodb", "Query")) == 2 * (loaded.shards + 1)


def test_columns_follow_the_stored_record(loaded, cli):
    query = (
        "SELECT dt, session_id, occurred_at, request.method AS method, enrichment->>'$.ua.browser' AS browser, "
        "source.service AS service FROM events ORDER BY occurred_at"
    )
    result = cli("sql", query, "--since", "2026-03-01", "--until", "2026-03-01", "--json")
    assert result.exit_code == 0, result.stderr
    rows = result.json_lines()
    assert rows[0] == {"dt": "2026-03-01", "session_id": "sess-sql-000001", "occurred_at": "2026-03-01T00:00:00",
                       "method": "GET", "browser": "Chrome", "service": "api"}
    assert [r["method"] for r in rows] == ["GET", "POST"]


def test_error_and_pipeline_have_the_glue_tables_shape(lake, cli):
    # GIVEN a stored call that failed, and one that did not
    failed = stored_record("sess-sql-000004", "2026-03-02T10:00:00.000Z", status=502)
    failed["error"] = {"type": "TimeoutError", "message": "upstream timed out", "aborted": True}
    lake.add(failed)
    lake.add_event("sess-sql-000004", "2026-03-02T10:00:01.000Z")
    # WHEN a query reaches into them as it would on Athena (structs, not JSON text)
    result = cli("sql", "SELECT error.type AS type, error.message AS message, pipeline.transforms AS transforms, "
                 "pipeline.received_at AS received FROM events WHERE error IS NOT NULL",
                 "--since", "2026-03-02", "--until", "2026-03-02", "--json")
    # THEN it reads the failed call's fields
    assert result.exit_code == 0, result.stderr
    assert result.json_lines() == [{"type": "TimeoutError", "message": "upstream timed out",
                                    "transforms": ["pii", "enrich", "keys"], "received": "2026-03-02T10:00:00"}]


def test_duckdb_columns_are_the_glue_tables():
    # GIVEN the events table droplets sql makes (empty) and the Glue view's columns
    con = sql.connect()
    sql.load_events(con, [])
    duckdb_columns = [row[0] for row in con.execute("DESCRIBE events").fetchall()]
    # THEN both are the logical table's, in the same order: the stored record's columns (the
    # JSON table's), the flat ones compaction derives, the day
    assert duckdb_columns == [column["name"] for column in view_columns(HIVE)]
    assert duckdb_columns[:len(event_columns())] == [column["name"] for column in event_columns()]
    assert duckdb_columns[len(event_columns()):] == ["route", "status_class", "browser", "os", "device", "is_bot", "dt"]
    assert [name for name, _ in contract.stored_columns()] == [column["name"] for column in event_columns()]
    # AND each engine names every kind of column the contract has
    assert set(sql.DUCKDB.scalars) == set(HIVE.scalars) == set(contract.SCALAR_KINDS)


def test_table_output(loaded, cli):
    result = cli("sql", "SELECT session_id, response.status AS status FROM events ORDER BY occurred_at",
                 "--since", "2026-02-28", "--until", "2026-03-01")
    assert result.exit_code == 0, result.stderr
    assert "sess-sql-000002" in result.stdout and "3 row(s)" in result.stdout
    assert "loaded 3 events" in result.stderr


def test_empty_range_still_has_the_events_table(loaded, cli):
    result = cli("sql", "SELECT count(*) AS n FROM events", "--since", "2027-01-01", "--until", "2027-01-02", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json_lines() == [{"n": 0}]


def test_a_bad_query_fails_in_one_line_before_reading_s3(loaded, cli, api_calls):
    api_calls.clear()
    result = cli("sql", "SELEC nonsense FROM", "--since", "2026-03-01", "--until", "2026-03-01")
    assert_one_line_error(result, "sql: Parser Error")
    result = cli("sql", "SELECT nope FROM events", "--since", "2026-03-01", "--until", "2026-03-01")
    assert_one_line_error(result, "sql: Binder Error", '"nope" not found')
    assert api_calls == []


def test_records_erased_since_indexing_are_skipped_with_a_note(loaded, cli):
    key = next(k for k, r in loaded.records.items() if r["session_id"] == "sess-sql-000002")
    loaded.s3.delete_object(Bucket=loaded.bucket, Key=key)
    result = cli("sql", "SELECT count(*) AS n FROM events", "--since", "2026-03-01", "--until", "2026-03-01", "--json")
    assert result.json_lines() == [{"n": 1}]
    assert "1 indexed object(s) are no longer in the bucket" in result.stderr


# --- Athena -----------------------------------------------------------------------------------

@pytest.fixture
def athena_results(lake):
    """moto runs no query: queue the result Athena would return (header row first)."""
    from moto.athena.models import QueryResults, athena_backends
    from moto.core import DEFAULT_ACCOUNT_ID

    boto3.client("athena", region_name=REGION).create_work_group(
        Name="droplets-wg", Configuration={"ResultConfiguration": {"OutputLocation": "s3://droplets-lake-test/athena/"}})

    def queue(columns: list[tuple[str, str]], rows: list[list[str | None]]):
        def row(values):
            return {"Data": [{"VarCharValue": v} if v is not None else {} for v in values]}

        athena_backends[DEFAULT_ACCOUNT_ID][REGION].query_results_queue.append(QueryResults(
            rows=[row([c for c, _ in columns])] + [row(r) for r in rows],
            column_info=[{"Name": c, "Label": c, "Type": t} for c, t in columns],
        ))

    return queue


def test_athena_runs_the_query_in_the_stacks_workgroup(athena_results, cli, api_calls):
    athena_results([("route", "varchar"), ("calls", "bigint"), ("p95", "double")],
                   [["/courses/:id", "120", "48.5"], ["/cart", "7", None]])
    api_calls.clear()
    result = cli("sql", "SELECT route, count(*) AS calls, approx_percentile(duration_ms, 0.95) AS p95 FROM events GROUP BY 1",
                 "--athena", "--workgroup", "droplets-wg", "--database", "droplets_lake", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json_lines() == [{"route": "/courses/:id", "calls": 120, "p95": 48.5}, {"route": "/cart", "calls": 7, "p95": None}]
    assert [op for service, op in api_calls] == ["StartQueryExecution", "GetQueryExecution", "GetQueryResults"]
    execution = boto3.client("athena", region_name=REGION).list_query_executions(WorkGroup="droplets-wg")
    assert len(execution["QueryExecutionIds"]) == 1


def test_athena_target_comes_from_local_json(athena_results, cli, tmp_path, aws_env):
    aws_env.delenv(contract.ENV_BUCKET)
    aws_env.delenv(contract.ENV_TABLE)
    contract.LocalState({
        contract.OUTPUT_BUCKET: "droplets-lake-test", contract.OUTPUT_TABLE: "droplets-index-test",
        contract.OUTPUT_ATHENA_WORKGROUP: "droplets-wg", contract.OUTPUT_GLUE_DATABASE: "droplets_lake",
        contract.OUTPUT_GLUE_TABLE: "events",
    }, endpoint="", region=REGION).write(tmp_path / contract.LOCAL_STATE_FILE)
    athena_results([("n", "integer")], [["3"]])
    result = cli("sql", "SELECT count(*) AS n FROM events", "--athena")
    assert result.exit_code == 0, result.stderr
    assert "workgroup droplets-wg, database droplets_lake, table events" in result.stderr
    assert "3" in result.stdout


def test_athena_refuses_a_local_range_and_needs_a_workgroup(lake, cli):
    assert_one_line_error(cli("sql", "SELECT 1", "--athena", "--since", "1d"), "with --athena filter in the query")
    assert_one_line_error(cli("sql", "SELECT 1", "--athena"), "no athena workgroup to use")


def _execution(state, reason=None):
    status = {"State": state}
    if reason:
        status["StateChangeReason"] = reason
    return {"QueryExecution": {"QueryExecutionId": "q-1", "Status": status}}


def test_athena_polls_until_done_and_reads_every_result_page():
    # GIVEN Athena that is queued, then running, then done, with results over two pages
    athena = boto3.client("athena", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    info = {"ColumnInfo": [{"Name": "day", "Type": "varchar"}, {"Name": "calls", "Type": "bigint"}]}
    expected_execution = {"QueryExecutionId": "q-1"}
    with Stubber(athena) as stub:
        stub.add_response("start_query_execution", {"QueryExecutionId": "q-1"}, {
            "QueryString": "SELECT dt, count(*) FROM events GROUP BY 1", "WorkGroup": "wg",
            "QueryExecutionContext": {"Database": "db"}})
        for state in ("QUEUED", "RUNNING", "SUCCEEDED"):
            stub.add_response("get_query_execution", _execution(state), expected_execution)
        stub.add_response("get_query_results", {"ResultSet": {"ResultSetMetadata": info, "Rows": [
            {"Data": [{"VarCharValue": "day"}, {"VarCharValue": "calls"}]},
            {"Data": [{"VarCharValue": "2026-02-28"}, {"VarCharValue": "10"}]}]}, "NextToken": "page-2"},
            expected_execution)
        stub.add_response("get_query_results", {"ResultSet": {"ResultSetMetadata": info, "Rows": [
            # a later page never repeats the header, even when a value looks like one
            {"Data": [{"VarCharValue": "day"}, {"VarCharValue": "11"}]}]}},
            {"QueryExecutionId": "q-1", "NextToken": "page-2"})
        sleeps: list[float] = []
        states: list[str] = []
        # WHEN the query runs
        columns, rows = athena_query(athena, "SELECT dt, count(*) FROM events GROUP BY 1", workgroup="wg",
                                     database="db", sleep=sleeps.append, on_state=states.append)
        stub.assert_no_pending_responses()
    # THEN it waited with growing pauses and read both pages
    assert states == ["QUEUED", "RUNNING", "SUCCEEDED"]
    assert sleeps == [1.0, 1.5]
    assert columns == ["day", "calls"]
    assert rows == [("2026-02-28", 10), ("day", 11)]


def test_a_failed_athena_query_says_why():
    athena = boto3.client("athena", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(athena) as stub:
        stub.add_response("start_query_execution", {"QueryExecutionId": "q-1"})
        stub.add_response("get_query_execution", _execution("FAILED", "TABLE_NOT_FOUND: events"))
        with pytest.raises(Exception, match="athena query q-1 failed: TABLE_NOT_FOUND: events"):
            athena_query(athena, "SELECT 1", workgroup="wg", database="db", sleep=lambda s: None)

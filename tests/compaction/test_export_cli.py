"""``droplets export``: a flat, typed dataset of a range, in each format, read from compacted
Parquet where a day is compacted; the real CLI on moto, the files read back with DuckDB."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone

import duckdb
import pytest

from droplets.export import COLUMNS
from tests.cli.conftest import assert_one_line_error

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DAY1, DAY2 = "2026-03-01", "2026-03-02"
NAMES = [c.name for c in COLUMNS]


@pytest.fixture
def half_compacted(lake, cli):
    """DAY1 compacted, DAY2 still JSON; enrichment as the enrich transform writes it."""
    for n, (day, status) in enumerate([(DAY1, 200), (DAY1, 503), (DAY2, 404)]):
        lake.add_event(f"sess-export-00{n}", f"{day}T10:00:0{n}.250Z", status=status, duration_ms=10.0 + n)
    # the enrich transform's shape (the fixture's default is older)
    for key, record in list(lake.records.items()):
        record["enrichment"] = {"user_agent": {"browser": "Firefox", "os": "Windows", "device": "Other", "is_bot": False},
                                "route": record["request"]["route"]}
        lake.put_object(record, key)
    assert cli("compact", "--day", DAY1).exit_code == 0
    return lake


@pytest.mark.parametrize("fmt", ["parquet", "csv", "ndjson"])
def test_export_writes_the_flat_dataset_in_each_format(half_compacted, cli, tmp_path, fmt):
    out = tmp_path / f"calls.{fmt}"
    # WHEN the range is exported
    result = cli("export", "--since", DAY1, "--until", DAY2, "--format", fmt, "--out", str(out), "--json")
    # THEN it says what it wrote: the compacted day from Parquet, the other from JSON
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["rows"] == 3 and summary["compacted_days"] == [DAY1]
    assert (summary["compacted_events"], summary["json_events"]) == (2, 1)
    # AND the file holds one row per call, oldest first, with exactly the dataset's columns
    # (no body, header or query string: nothing a column does not name)
    con = duckdb.connect()
    reader = {"parquet": "read_parquet", "csv": "read_csv", "ndjson": "read_json"}[fmt]
    relation = con.sql(f"SELECT * FROM {reader}('{out}')")
    assert relation.columns == NAMES
    rows = [dict(zip(NAMES, row)) for row in relation.fetchall()]
    assert [r["session_id"] for r in rows] == ["sess-export-000", "sess-export-001", "sess-export-002"]
    assert [r["status"] for r in rows] == [200, 503, 404]
    assert [r["status_class"] for r in rows] == ["2xx", "5xx", "4xx"]
    assert {(r["browser"], r["os"], r["device"]) for r in rows} == {("Firefox", "Windows", "Other")}
    assert [r["is_bot"] for r in rows] == [False, False, False]
    assert [r["route"] for r in rows] == ["/courses/:id"] * 3
    assert [r["duration_ms"] for r in rows] == [10.0, 11.0, 12.0]
    if fmt == "parquet":
        # typed: the time a UTC timestamp, the day a date
        assert rows[0]["occurred_at"] == datetime(2026, 3, 1, 10, 0, 0, 250000, tzinfo=timezone.utc).astimezone(
            rows[0]["occurred_at"].tzinfo)
        assert rows[2]["day"] == date(2026, 3, 2)


def test_csv_and_ndjson_write_the_time_as_droplets_does(half_compacted, cli, tmp_path):
    csv_out, ndjson_out = tmp_path / "a.csv", tmp_path / "a.ndjson"
    assert cli("export", "--since", DAY1, "--until", DAY2, "--out", str(csv_out)).exit_code == 0
    assert cli("export", "--since", DAY1, "--until", DAY2, "--out", str(ndjson_out)).exit_code == 0
    with csv_out.open(newline="") as handle:
        first = next(csv.DictReader(handle))
    assert first["occurred_at"] == f"{DAY1}T10:00:00.250Z" and list(first) == NAMES
    lines = [json.loads(line) for line in ndjson_out.read_text().splitlines()]
    assert lines[-1]["occurred_at"] == f"{DAY2}T10:00:02.250Z" and lines[-1]["status"] == 404


def test_export_refuses_to_overwrite_and_to_guess(half_compacted, cli, tmp_path):
    out = tmp_path / "calls.parquet"
    out.write_bytes(b"keep me")
    assert_one_line_error(cli("export", "--since", DAY1, "--out", str(out)), "exists", "--force")
    assert out.read_bytes() == b"keep me"
    assert_one_line_error(cli("export", "--since", DAY1, "--out", str(tmp_path / "calls.xlsx")), "--format")
    assert_one_line_error(cli("export", "--since", DAY1, "--out", str(tmp_path / "x.csv"), "--format", "xml"), "--format")
    # --force replaces it
    assert cli("export", "--since", DAY1, "--until", DAY2, "--out", str(out), "--force").exit_code == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone() == (3,)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_the_notebook_example_of_the_docs_runs_on_an_export(half_compacted, cli, tmp_path, capsys):
    # GIVEN an export under the name the docs use (the test runs in tmp_path)
    from pathlib import Path

    assert cli("export", "--since", DAY1, "--until", DAY2, "--out", "november.parquet").exit_code == 0
    page = (Path(__file__).resolve().parents[2] / "docs" / "compaction.md").read_text(encoding="utf-8")
    (snippet,) = [block.split("```", 1)[0] for block in page.split("```python\n")[1:]]
    # WHEN the docs' notebook snippet runs
    capsys.readouterr()
    exec(compile(snippet, "docs/compaction.md", "exec"), {})
    # THEN it prints the analysis: the routes with their calls and share of 5xx
    shown = capsys.readouterr().out
    assert "/courses/:id" in shown and "share_5xx" in shown and "p95_ms" in shown

"""The installed `droplets` executable, in a subprocess, against a moto server over the
wire, targeted through .droplets/local.json as the local stack writes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.lake import stored_record
from tests.cli.wire import DROPLETS, executable_env, moto_server, wire_lake, write_local_target  # noqa: F401  (moto_server: a fixture)

BUCKET = "droplets-installed-test"
TABLE = "droplets-installed-index"
SESSION = "sess-installed-01"


@pytest.fixture(scope="module")
def remote_lake(moto_server):
    lake = wire_lake(moto_server, BUCKET, TABLE)
    lake.add_many(stored_record(SESSION, f"2026-01-31T23:{m:02d}:00.000Z", route="/night", duration_ms=m) for m in range(30, 60))
    lake.add_many(stored_record(SESSION, f"2026-02-01T00:{m:02d}:00.000Z", route="/morning", status=500) for m in range(0, 30))
    lake.add_many(stored_record("sess-installed-02", "2026-02-01T00:10:00.000Z", route="/other") for _ in range(1))
    return lake


@pytest.fixture
def workdir(tmp_path, moto_server, remote_lake) -> Path:
    """A project directory whose .droplets/local.json points at the moto server."""
    write_local_target(tmp_path, moto_server, {"bucketName": BUCKET, "tableName": TABLE, "queueUrl": f"{moto_server}/123456789012/q"})
    return tmp_path


def run(*args: str, cwd: Path, command=(str(DROPLETS),), stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], cwd=cwd, env=executable_env(cwd), input=stdin, capture_output=True, text=True, timeout=120)


def test_session_and_events_through_the_executable(workdir):
    journey = run("session", SESSION, "--json", cwd=workdir)
    assert journey.returncode == 0, journey.stderr
    events = [json.loads(line) for line in journey.stdout.splitlines()]
    assert len(events) == 60
    assert [e["route"] for e in events] == ["/night"] * 30 + ["/morning"] * 30
    across_midnight = run("events", "--since", "2026-01-31T23:55", "--until", "2026-02-01T00:05", "--status", "5xx",
                          "--json", cwd=workdir)
    assert across_midnight.returncode == 0, across_midnight.stderr
    assert [json.loads(line)["occurred_at"] for line in across_midnight.stdout.splitlines()] == [
        f"2026-02-01T00:0{m}:00.000Z" for m in range(5)]


def test_report_and_sql_through_python_dash_m(workdir):
    report = run("report", "api", "--since", "2026-01-31", "--until", "2026-02-01", "--json", cwd=workdir,
                 command=(sys.executable, "-m", "droplets"))
    assert report.returncode == 0, report.stderr
    routes = {r["route"]: r for r in json.loads(report.stdout)["routes"]}
    assert (routes["/morning"]["errors_5xx"], routes["/night"]["p50_ms"]) == (30, 44.0)
    sql = run("sql", "SELECT count(*) AS n, count(DISTINCT session_id) AS sessions FROM events",
              "--since", "2026-01-31", "--until", "2026-02-01", "--json", cwd=workdir)
    assert sql.returncode == 0, sql.stderr
    assert json.loads(sql.stdout) == {"n": 61, "sessions": 2}


def test_errors_in_a_subprocess_are_one_line(workdir):
    unknown = run("session", "sess-nobody-0001", cwd=workdir)
    assert unknown.returncode == 1
    assert unknown.stderr.strip().splitlines() == [f"droplets: error: unknown session 'sess-nobody-0001': no events in table '{TABLE}'"]
    bad_date = run("events", "--since", "2026-02-30", cwd=workdir)
    assert bad_date.stderr.strip().splitlines() == ["droplets: error: --since: '2026-02-30' is not a real date"]
    assert "Traceback" not in unknown.stderr + bad_date.stderr


def test_forget_through_the_executable_twice(workdir, remote_lake):
    target = "sess-installed-02"
    first = run("forget", target, "--yes", cwd=workdir)
    assert first.returncode == 0, first.stderr
    assert "removed 1 object(s)" in first.stdout
    second = run("forget", target, cwd=workdir, stdin="")
    assert second.returncode == 0, second.stderr
    assert "nothing stored for session" in second.stdout
    listed = remote_lake.s3.list_objects_v2(Bucket=BUCKET, Prefix="events/dt=2026-02-01/sess-installed-02/")
    assert listed["KeyCount"] == 0

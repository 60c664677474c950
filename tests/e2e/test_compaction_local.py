"""Compaction on the local stack: the project's own program (stack ``dev``) deployed on the
emulator, calls of a closed day sent to its queue and stored by the real consumer and
indexer, then the real ``droplets`` CLI (a subprocess, finding the stack through
.droplets/local.json): ``compact``, ``sql`` and ``export`` read the compacted day."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from droplets import contract
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout
from droplets.local.dev import running
from droplets.local.runner import wait_until_drained
from transforms.testing import make_record

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ROOT = Path(__file__).resolve().parents[2]
CALLS = 6


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("local-compaction")
    with running(port=0, project_dir=ROOT, state_path=state_dir / contract.LOCAL_STATE_FILE,
                 log_dir=state_dir / "logs", retry_after=0) as stack:
        yield stack, state_dir


def cli(state_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "droplets", *args], cwd=state_dir, capture_output=True, text=True,
                          timeout=120)


def test_the_local_stack_has_the_compaction_and_the_one_table(local):
    stack, _ = local
    client = stack.emulator.client
    # THEN the state machine and its schedule exist (moto runs no Athena: they are there to be inspected)
    (machine,) = [m for m in client("stepfunctions").list_state_machines()["stateMachines"] if "compaction" in m["name"]]
    definition = json.loads(client("stepfunctions").describe_state_machine(stateMachineArn=machine["stateMachineArn"])["definition"])
    assert definition["States"]["Settings"]["Result"]["bucket"] == stack.outputs["bucketName"]
    (schedule,) = [s for s in client("scheduler").list_schedules()["Schedules"] if "compaction" in s["Name"]]
    assert client("scheduler").get_schedule(Name=schedule["Name"])["Target"]["Arn"] == machine["stateMachineArn"]
    # AND the Glue catalog has the tables and the view users query (the glueTable output)
    glue, database = client("glue"), stack.outputs["glueDatabase"]
    names = {t["Name"]: t for t in glue.get_tables(DatabaseName=database)["TableList"]}
    assert set(names) >= {csql.JSON_TABLE, csql.PARQUET_TABLE, csql.MANIFESTS_TABLE, csql.VIEW}
    assert stack.outputs["glueTable"] == csql.VIEW and names[csql.VIEW]["TableType"] == "VIRTUAL_VIEW"


def test_calls_of_a_closed_day_are_compacted_and_read_back_from_parquet(local):
    stack, state_dir = local
    sqs, s3, bucket = stack.emulator.client("sqs"), stack.emulator.client("s3"), stack.outputs["bucketName"]
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).date().isoformat()
    # GIVEN calls of yesterday, sent to the queue as a producer sends them and stored by the pipeline
    for n in range(CALLS):
        record = make_record(new_event_id=True, session_id="sess-local-compact-1",
                             occurred_at=f"{yesterday}T1{n}:00:00.000Z", response={"status": 500 if n == 0 else 200})
        sqs.send_message(QueueUrl=stack.outputs["queueUrl"], MessageBody=json.dumps(record))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listed = s3.list_objects_v2(Bucket=bucket, Prefix=f"{contract.EVENTS_PREFIX}dt={yesterday}/").get("KeyCount", 0)
        if listed >= CALLS:
            break
        time.sleep(0.5)
    assert listed == CALLS
    assert wait_until_drained(sqs, [stack.outputs["queueUrl"], stack.outputs["indexQueueUrl"]], timeout=60)
    query = "SELECT event_id, status_class, route, dt FROM events ORDER BY occurred_at"
    before = cli(state_dir, "sql", query, "--since", yesterday, "--until", yesterday, "--json")
    assert before.returncode == 0, before.stderr
    assert len(before.stdout.splitlines()) == CALLS

    # WHEN droplets compact runs against the local stack
    done = cli(state_dir, "compact", "--json")

    # THEN it compacted yesterday from its objects, under the contract's layout
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (row["day"], row["rows"], row["json_objects"]) == (yesterday, CALLS, CALLS)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=layout.COMPACTED_PREFIX)["Contents"]]
    assert sorted(keys) == sorted([layout.manifest_key(yesterday), layout.run_prefix(yesterday, row["run"]) + "part-00000.parquet"])
    # AND droplets sql reads it from Parquet, the same rows
    after = cli(state_dir, "sql", query, "--since", yesterday, "--until", yesterday)
    assert after.returncode == 0 and "1 compacted day(s) from Parquet" in after.stderr
    assert cli(state_dir, "sql", query, "--since", yesterday, "--until", yesterday, "--json").stdout == before.stdout
    # AND droplets export writes the day's dataset from it
    out = state_dir / "day.parquet"
    exported = cli(state_dir, "export", "--since", yesterday, "--until", yesterday, "--out", str(out), "--json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["compacted_days"] == [yesterday]
    assert duckdb.connect().execute(
        f"SELECT count(*), count(*) FILTER (WHERE status_class = '5xx') FROM read_parquet('{out}')").fetchone() == (CALLS, 1)

"""Fixtures of the compaction tests: moto in-process, with Step Functions executing state
machines for real (its ASL interpreter) and Athena played by DuckDB (``athena.py``)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import boto3
import pytest
from moto import mock_aws

from components.compaction import DefinitionSpec, definition
from droplets.compaction import store
from droplets.compaction.local import connect
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout
from tests.cli.conftest import aws_env, clean_env, cli, lake, versioned_lake  # noqa: F401 - fixtures used here
from tests.cli.lake import BUCKET, REGION, Lake, create_bucket, create_table
from tests.compaction.athena import DuckAthena, athena_in_moto

ROLE = "arn:aws:iam::123456789012:role/droplets-compaction"


def day_before(today: date, n: int) -> str:
    return (today - timedelta(days=n)).isoformat()


@dataclass
class Execution:
    status: str
    output: dict
    error: str | None
    cause: str | None
    start: datetime
    history: list[dict]

    @property
    def today(self) -> date:
        return self.start.astimezone(timezone.utc).date()


@dataclass
class Compactor:
    """The bucket and table, the state machine on moto's interpreter, Athena on DuckDB."""

    lake: Lake
    athena: DuckAthena
    sfn: object

    def spec(self, **changes) -> DefinitionSpec:
        values = dict(bucket=self.lake.bucket, workgroup="droplets-test", database="droplets_test", grace_hours=0,
                      lookback_days=3, compacted_retention_days=400, attempts=2, retry_wait_seconds=1,
                      query_retry_seconds=1)
        values.update(changes)
        return DefinitionSpec(**values)

    def run(self, spec: DefinitionSpec | None = None, timeout: float = 180) -> Execution:
        document = definition(spec or self.spec())
        arn = self.sfn.create_state_machine(name=f"compaction-{time.monotonic_ns()}", definition=json.dumps(document),
                                            roleArn=ROLE)["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
        deadline = time.monotonic() + timeout
        while True:
            described = self.sfn.describe_execution(executionArn=execution)
            if described["status"] != "RUNNING":
                break
            assert time.monotonic() < deadline, "the state machine did not finish"
            time.sleep(0.2)
        history = self.sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
        return Execution(described["status"], json.loads(described.get("output") or "{}"), described.get("error"),
                         described.get("cause"), described["startDate"], history)

    # -- what is in the bucket --

    def manifest(self, day: str) -> layout.Manifest | None:
        return store.current(self.lake.s3, self.lake.bucket, day).manifest

    def data_keys(self, day: str | None = None) -> list[str]:
        prefix = layout.day_prefix(day) if day else layout.COMPACTED_EVENTS_PREFIX
        pages = self.lake.s3.get_paginator("list_objects_v2").paginate(Bucket=self.lake.bucket, Prefix=prefix)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

    def view(self, query: str) -> list[tuple]:
        """``query`` over the Glue view's SQL (:func:`droplets.compaction.sql.athena_view_sql`)
        on DuckDB, with the tables as Athena sees them now."""
        con = connect()
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            self.athena._tables(con, directory)
            con.execute(f"CREATE VIEW {csql.VIEW} AS {csql.athena_view_sql(400)}")
            return con.execute(query).fetchall()


@pytest.fixture
def compactor(aws_env):  # noqa: F811
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        s3 = boto3.client("s3", region_name=REGION)
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_bucket(s3)
        create_table(dynamodb)
        lake = Lake(s3, dynamodb)
        with athena_in_moto(DuckAthena(s3, BUCKET)) as athena:
            yield Compactor(lake, athena, boto3.client("stepfunctions", region_name=REGION))

"""Athena for the tests: the state machine's queries run on DuckDB over the moto bucket.

moto runs Amazon States Language for real (its Step Functions "parser" mode), including
the ``aws-sdk:s3:*`` tasks against moto's S3, but has no Athena. :func:`athena_in_moto`
plugs :class:`DuckAthena` in as the ``athena`` service integration: ``startQueryExecution``
(``.sync``: the task ends with the query) and ``getQueryResults`` get Athena's request and
response shapes, and each query runs on DuckDB with the Glue tables as Athena would see
them at that moment: ``events_json`` (every JSON object under ``events/``, its ``dt`` from
the key), ``events_parquet`` (every Parquet file under ``compacted/events/``, every run, as
Athena lists a partition's folder) and ``compaction_manifests``. ``UNLOAD`` is Athena's:
refused when its prefix holds anything, no file for no rows, files named by Athena.

Faults: ``fail(query) -> message | None`` fails a query (an UNLOAD may first leave a
partial file, as Athena's can); ``before(query)`` runs just before a query (a concurrent
writer).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterator

from droplets import contract
from droplets.compaction import local
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout

UNLOAD_RE = re.compile(r"^UNLOAD \((?P<select>.*)\) TO '(?P<location>s3://[^']+)' WITH \((?P<options>[^)]*)\)$", re.S)


@dataclass
class Execution:
    query: str
    state: str = "QUEUED"
    reason: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)


class DuckAthena:
    def __init__(self, s3, bucket: str):
        self.s3, self.bucket = s3, bucket
        self.executions: dict[str, Execution] = {}
        self.fail: Callable[[str], str | None] = lambda query: None
        self.before: Callable[[str], None] = lambda query: None
        #: Leave one partial file before failing an UNLOAD (Athena does not clean up).
        self.partial_on_failure = True
        self._lock = threading.Lock()

    # -- the API --

    def start(self, query: str, workgroup: str, database: str) -> str:
        execution_id = str(uuid.uuid4())
        execution = Execution(query)
        with self._lock:
            self.executions[execution_id] = execution
        self.before(query)
        failure = self.fail(query)
        try:
            if failure:
                raise RuntimeError(failure)
            self._run(execution)
            execution.state = "SUCCEEDED"
        except Exception as exc:  # the query failed: Athena reports it, it does not raise
            if failure and self.partial_on_failure and (match := UNLOAD_RE.match(query)):
                bucket, prefix = _split(match.group("location"))
                self.s3.put_object(Bucket=bucket, Key=f"{prefix}partial-{execution_id}", Body=b"PAR1 not finished")
            execution.state, execution.reason = "FAILED", str(exc)
        return execution_id

    def get_query_execution(self, execution_id: str) -> dict[str, Any]:
        execution = self.executions[execution_id]
        return {"QueryExecution": {
            "QueryExecutionId": execution_id, "Query": execution.query, "StatementType": "DML",
            "Status": {"State": execution.state, **({"StateChangeReason": execution.reason} if execution.reason else {})},
        }}

    def get_query_results(self, execution_id: str) -> dict[str, Any]:
        execution = self.executions[execution_id]
        header = {"Data": [{"VarCharValue": c} for c in execution.columns]}
        rows = [{"Data": [{} if v is None else {"VarCharValue": str(v)} for v in row]} for row in execution.rows]
        return {"ResultSet": {"Rows": [header, *rows],
                              "ResultSetMetadata": {"ColumnInfo": [{"Name": c, "Type": "varchar"} for c in execution.columns]}}}

    @property
    def queries(self) -> list[str]:
        return [e.query for e in self.executions.values()]

    # -- DuckDB --

    def _run(self, execution: Execution) -> None:
        con = local.connect()
        with tempfile.TemporaryDirectory(prefix="duck-athena-") as directory:
            self._tables(con, directory)
            match = UNLOAD_RE.match(execution.query)
            if match is None:
                cursor = con.execute(execution.query)
                execution.columns = [d[0] for d in cursor.description]
                execution.rows = cursor.fetchall()
                return
            options = match.group("options")
            assert "format = 'PARQUET'" in options and "compression = 'ZSTD'" in options, options
            bucket, prefix = _split(match.group("location"))
            if self.s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("KeyCount"):
                raise RuntimeError(f"HIVE_PATH_ALREADY_EXISTS: {match.group('location')} is not empty")
            out = os.path.join(directory, "unload.parquet")
            con.execute(f"COPY ({match.group('select')}) TO '{out}' (FORMAT PARQUET, COMPRESSION ZSTD)")
            if con.execute("SELECT count(*) FROM read_parquet(?)", [out]).fetchone()[0]:
                self.s3.upload_file(out, bucket, f"{prefix}20261201_000000_00001_{uuid.uuid4().hex[:5]}")

    def _tables(self, con, directory: str) -> None:
        s3, bucket = self.s3, self.bucket
        lines = []
        for key in _keys(s3, bucket, contract.EVENTS_PREFIX):
            day = re.match(r"^events/dt=(\d{4}-\d{2}-\d{2})/", key)
            if day:
                record = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
                lines.append(json.dumps({**record, "dt": day.group(1)}))
        path = os.path.join(directory, "events.ndjson")
        with open(path, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
        columns = [*csql.text_columns(), ("dt", contract.Scalar("string"))]
        con.execute(f"CREATE TABLE {csql.JSON_TABLE} AS SELECT * FROM read_json(?, format = 'newline_delimited', "
                    f"columns = {local.columns_literal(columns)})", [path])
        ddl = ", ".join(f'"{n}" {local.TEXT.render(c)}' for n, c in csql.parquet_columns())
        con.execute(f"CREATE TABLE {csql.PARQUET_TABLE} ({ddl}, dt VARCHAR)")
        names = ", ".join(f'"{n}"' for n, _ in csql.parquet_columns())
        for key in _keys(s3, bucket, layout.COMPACTED_EVENTS_PREFIX):
            parts = layout.parse_data_key(key)
            local_path = os.path.join(directory, f"{uuid.uuid4().hex}.parquet")
            s3.download_file(bucket, key, local_path)
            with contextlib.suppress(Exception):  # a partial file: Athena would fail the query; not ours to read
                con.execute(f"INSERT INTO {csql.PARQUET_TABLE} SELECT {names}, ? FROM read_parquet(?)",
                            [parts["day"], local_path])
        con.execute(f"CREATE TABLE {csql.MANIFESTS_TABLE} (dt VARCHAR, run VARCHAR, compacted_at VARCHAR, engine VARCHAR, "
                    "row_count BIGINT, source_objects BIGINT)")
        for key in _keys(s3, bucket, layout.MANIFESTS_PREFIX):
            m = layout.Manifest.from_json(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
            con.execute(f"INSERT INTO {csql.MANIFESTS_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                        [m.dt, m.run, m.compacted_at, m.engine, m.row_count, m.source_objects])


def _keys(s3, bucket: str, prefix: str) -> Iterator[str]:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            yield entry["Key"]


def _split(location: str) -> tuple[str, str]:
    bucket, _, prefix = location.removeprefix("s3://").partition("/")
    return bucket, prefix


@contextlib.contextmanager
def athena_in_moto(athena: DuckAthena) -> Iterator[DuckAthena]:
    """While open, moto's Step Functions interpreter sends ``athena`` tasks to ``athena``,
    and gives ``$$.Execution.StartTime`` as AWS does: ISO-8601 text (moto hands the
    interpreter a datetime, which no intrinsic function can format)."""
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent, FailureEventException)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import StatesErrorNameType
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import state_task_factory
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.resource import ResourceCondition
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_callback import (
        StateTaskServiceCallback)
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    class AthenaService(StateTaskServiceCallback):
        def __init__(self):
            # WaitForTaskToken too, though the state machine never uses it: moto 5.2's
            # callback base class ends every .sync task with callback_endpoint.interrupt_all(),
            # and has an endpoint only for services that declare WaitForTaskToken.
            super().__init__(supported_integration_patterns={ResourceCondition.Sync, ResourceCondition.WaitForTaskToken})

        def _validate_service_integration_is_supported(self):
            pass

        def _eval_service_task(self, env, resource_runtime_part, normalised_parameters, state_credentials):
            action = self.resource.api_action
            if action == "startQueryExecution":
                execution_id = athena.start(normalised_parameters["QueryString"], normalised_parameters["WorkGroup"],
                                            normalised_parameters["QueryExecutionContext"]["Database"])
                env.stack.append({"QueryExecutionId": execution_id})
            elif action == "getQueryResults":
                env.stack.append(athena.get_query_results(normalised_parameters["QueryExecutionId"]))
            else:
                raise ValueError(f"athena:{action} is not part of the test's Athena")

        def _build_sync_resolver(self, env, resource_runtime_part, normalised_parameters, state_credentials):
            started = env.stack.pop()

            def resolve():
                answer = athena.get_query_execution(started["QueryExecutionId"])
                if answer["QueryExecution"]["Status"]["State"] == "SUCCEEDED":
                    return answer
                raise FailureEventException(FailureEvent(
                    env=env, error_name=StatesErrorName(typ=StatesErrorNameType.StatesTaskFailed),
                    event_type=HistoryEventType.TaskFailed,
                    event_details=EventDetails(taskFailedEventDetails=TaskFailedEventDetails(
                        resource=self._get_sfn_resource(), resourceType=self._get_sfn_resource_type(),
                        error=StatesErrorNameType.StatesTaskFailed.to_name(), cause=json.dumps(answer)))))

            return resolve

    from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

    original = state_task_factory.state_task_service_for
    original_environment = ExecutionWorker._get_evaluation_environment

    def service_for(service_name: str):
        return AthenaService() if service_name == "athena" else original(service_name)

    def environment(worker):
        env = original_environment(worker)
        execution = env.states.context_object.context_object_data["Execution"]
        if isinstance(execution["StartTime"], datetime):
            execution["StartTime"] = contract.format_time(execution["StartTime"])
        return env

    state_task_factory.state_task_service_for = service_for
    ExecutionWorker._get_evaluation_environment = environment
    try:
        yield athena
    finally:
        state_task_factory.state_task_service_for = original
        ExecutionWorker._get_evaluation_environment = original_environment

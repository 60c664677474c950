"""The compaction under Pulumi's mocks: the real program (``__main__.py``) with each committed
stack's config, and what it registers for the daily rewrite: the state machine (its
definition is the one ``tests/compaction/test_state_machine.py`` executes), the schedule,
the two roles (scoped to the lake's prefixes, the Glue tables and the workgroup), the Glue
tables and view, the lifecycle rule and the alarm; compaction off; bad settings."""

from __future__ import annotations

import json

import pulumi
import pytest

from components.catalog import decode_presto_view
from components.compaction import ATHENA_RESULTS, ATHENA_SYNC, DefinitionSpec, definition
from droplets.compaction import sql as csql
from tests.infra.harness import ACCOUNT, program_test, run_program, stack_config
from tests.infra.policies import MACHINE, ROLE, ROLE_POLICY, SCHEDULE, TABLE, as_list, statements

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DEFAULTS = {"compactionGraceHours": 2, "compactionLookbackDays": 3, "compactedRetentionDays": 730}


def setting(stack: str, key: str) -> int:
    return int(stack_config(stack).get(f"droplets:{key}", DEFAULTS[key]))


@program_test()
def test_state_machine_runs_the_shared_sql_on_the_stacks_workgroup(run, outputs):
    # GIVEN a committed stack WHEN the program runs
    machine = run.one(MACHINE, "droplets-compaction-state-machine")
    # THEN the state machine is a standard one (it waits on Athena for minutes), run by its own role
    assert machine.plain("type") == "STANDARD"
    assert machine.plain("name") == f"droplets-{run.stack}-compaction"
    assert machine.plain("roleArn") == run.one(ROLE, "droplets-compaction-role").state["arn"]
    # AND its definition is exactly the tested one, for this stack's bucket, workgroup,
    # database and settings
    document = json.loads(machine.plain("definition"))
    assert document == definition(DefinitionSpec(
        bucket=outputs["bucketName"], workgroup=outputs["athenaWorkgroup"], database=outputs["glueDatabase"],
        grace_hours=setting(run.stack, "compactionGraceHours"), lookback_days=setting(run.stack, "compactionLookbackDays"),
        compacted_retention_days=setting(run.stack, "compactedRetentionDays")))
    settings = document["States"]["Settings"]["Result"]
    assert (settings["bucket"], settings["workgroup"]) == (outputs["bucketName"], outputs["athenaWorkgroup"])
    # AND it runs Athena through the native integration (no Lambda anywhere in it)
    resources = set()

    def walk(states):
        for state in states.values():
            if "Resource" in state:
                resources.add(state["Resource"].rsplit(":", 1)[0] if "aws-sdk:s3" in state["Resource"] else state["Resource"])
            walk(state.get("ItemProcessor", {}).get("States", {}))

    walk(document["States"])
    assert resources == {ATHENA_SYNC, ATHENA_RESULTS, "arn:aws:states:::aws-sdk:s3"}
    # AND the UNLOAD writes ZSTD Parquet under the lake's compacted/ prefix
    unload = "".join(v for k, v in settings["sql"].items() if k.startswith("unload_"))
    assert f"TO 's3://{outputs['bucketName']}/compacted/events/dt=" in unload and "compression = 'ZSTD'" in unload


@program_test()
def test_schedule_starts_the_state_machine_daily_after_the_grace_period(run, outputs):
    machine = run.one(MACHINE, "droplets-compaction-state-machine")
    schedule = run.one(SCHEDULE, "droplets-compaction-schedule")
    # THEN it runs daily at grace hours past midnight UTC, on time
    assert schedule.plain("scheduleExpression") == f"cron(15 {setting(run.stack, 'compactionGraceHours')} * * ? *)"
    assert schedule.plain("scheduleExpressionTimezone") == "UTC"
    assert schedule.plain("flexibleTimeWindow") == {"mode": "OFF"}
    target = schedule.plain("target")
    assert target["arn"] == machine.state["arn"]
    assert target["roleArn"] == run.one(ROLE, "droplets-compaction-scheduler-role").state["arn"]
    assert target["retryPolicy"]["maximumRetryAttempts"] > 0
    # AND its role may start that state machine and nothing else
    policy = run.one(ROLE_POLICY, "droplets-compaction-scheduler-policy").document()
    assert policy["Statement"] == [{"Sid": "StartCompaction", "Effect": "Allow", "Action": "states:StartExecution",
                                    "Resource": machine.state["arn"]}]


@program_test()
def test_compaction_role_is_scoped_to_the_prefixes_the_tables_and_the_workgroup(run, outputs):
    region = stack_config(run.stack)["aws:region"]
    bucket = run.one("aws:s3/bucket:Bucket", "droplets-lake-bucket").state["arn"]
    workgroup = run.one("aws:athena/workgroup:Workgroup", "droplets-catalog-workgroup").state["arn"]
    database = outputs["glueDatabase"]
    tables = sorted(run.one(TABLE, f"droplets-catalog-{n}").state["arn"]
                    for n in ("table", "parquet-table", "manifests-table"))
    got = statements(run.one(ROLE_POLICY, "droplets-compaction-policy").document())
    expected = {
        "RunQueries": (["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution",
                        "athena:StopQueryExecution"], [workgroup]),
        "UseCatalog": (["athena:GetDataCatalog"], [f"arn:aws:athena:{region}:{ACCOUNT}:datacatalog/AwsDataCatalog"]),
        "ReadTables": (["glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                        "glue:GetTable"],
                       sorted([f"arn:aws:glue:{region}:{ACCOUNT}:catalog",
                               f"arn:aws:glue:{region}:{ACCOUNT}:database/{database}", *tables])),
        "ReadLake": (["s3:GetObject"], [f"{bucket}/athena-results/*", f"{bucket}/compacted/*", f"{bucket}/events/*"]),
        "ListLake": (["s3:ListBucket"], [bucket]),
        "LocateBucket": (["s3:GetBucketLocation"], [bucket]),
        # it writes and deletes only compacted/ (and Athena's results): never a JSON object
        "WriteCompacted": (["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:ListMultipartUploadParts",
                            "s3:PutObject"], [f"{bucket}/compacted/*"]),
        "WriteResults": (["s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:PutObject"],
                         [f"{bucket}/athena-results/*"]),
    }
    if stack_config(run.stack).get("droplets:kms") == "create":
        # with the stack's key: reading and writing the lake's objects through S3, on that key only
        key = run.one("aws:kms/key:Key", "droplets-key-key").state["arn"]
        expected["UseLakeKey"] = (["kms:Decrypt", "kms:GenerateDataKey"], [key])
        assert got["UseLakeKey"]["Condition"]["StringEquals"]["kms:ViaService"] == f"s3.{region}.amazonaws.com"
    # THEN each statement allows exactly this, on exactly these resources
    assert set(got) == set(expected)
    for sid, (actions, resources) in expected.items():
        assert got[sid]["Effect"] == "Allow", sid
        assert sorted(as_list(got[sid]["Action"])) == actions, sid
        assert sorted(as_list(got[sid]["Resource"])) == resources, sid
    assert got["ListLake"]["Condition"] == {"StringLike": {"s3:prefix": ["events/*", "compacted/*", "athena-results/*"]}}
    # AND both roles can be assumed only by their service, for this account
    for role, service in (("droplets-compaction-role", "states.amazonaws.com"),
                          ("droplets-compaction-scheduler-role", "scheduler.amazonaws.com")):
        trust = run.one(ROLE, role).document("assumeRolePolicy")["Statement"]
        assert trust == [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole",
                          "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}]


@program_test()
def test_glue_tables_over_json_and_parquet_days_and_the_one_view(run, outputs):
    bucket, database = outputs["bucketName"], outputs["glueDatabase"]
    retention, kept = int(stack_config(run.stack)["droplets:retentionDays"]), setting(run.stack, "compactedRetentionDays")
    # THEN the compacted days are a Parquet table with day partition projection
    parquet = run.one(TABLE, "droplets-catalog-parquet-table")
    assert parquet.plain("name") == csql.PARQUET_TABLE and parquet.plain("databaseName") == database
    params = parquet.plain("parameters")
    assert params["projection.enabled"] == "true" and params["projection.dt.type"] == "date"
    assert params["projection.dt.range"] == f"NOW-{kept}DAYS,NOW"
    assert params["storage.location.template"] == f"s3://{bucket}/compacted/events/dt=${{dt}}/"
    storage = parquet.plain("storageDescriptor")
    assert storage["serDeInfo"]["serializationLibrary"].endswith("ParquetHiveSerDe")
    columns = [c["name"] for c in storage["columns"]]
    assert columns[-7:] == ["route", "status_class", "browser", "os", "device", "is_bot", csql.RUN_COLUMN]
    # AND the JSON objects keep their table, the manifests have one
    json_table = run.one(TABLE, "droplets-catalog-table")
    assert json_table.plain("name") == csql.JSON_TABLE
    assert json_table.plain("parameters")["projection.dt.range"] == f"NOW-{retention}DAYS,NOW+1DAYS"
    manifests = run.one(TABLE, "droplets-catalog-manifests-table")
    assert manifests.plain("storageDescriptor")["location"] == f"s3://{bucket}/compacted/manifests/"
    # AND what users query (the glueTable output) is the view over both, as Athena stores views
    view = run.one(TABLE, "droplets-catalog-view")
    assert outputs["glueTable"] == view.plain("name") == csql.VIEW
    assert view.plain("tableType") == "VIRTUAL_VIEW" and view.plain("parameters")["presto_view"] == "true"
    document = decode_presto_view(view.plain("viewOriginalText"))
    assert document["originalSql"] == csql.athena_view_sql(retention) and document["schema"] == database
    assert [c["name"] for c in document["columns"]] == csql.logical_names()
    assert set(view.explicit_dependencies) >= {json_table.urn, parquet.urn, manifests.urn}
    # AND the lake expires compacted days after compactedRetentionDays, JSON after retentionDays
    rules = {r["id"]: r for r in run.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                                         "droplets-lake-lifecycle").plain("rules")}
    assert rules["expire-compacted"]["filter"] == {"prefix": "compacted/"}
    assert rules["expire-compacted"]["expiration"] == {"days": kept}
    assert rules["expire-events"]["expiration"] == {"days": retention}


@program_test("prod", drop=["droplets:compaction"])
def test_prod_compacts_by_default_and_keeps_compacted_days_longer(run, outputs):
    # THEN without the key, compaction is on (the default), with its alarm
    assert len(run.all(MACHINE)) == 1 and len(run.all(SCHEDULE)) == 1
    assert any(a.name == "droplets-alarms-compaction-failed" for a in run.all("aws:cloudwatch/metricAlarm:MetricAlarm"))
    assert setting("prod", "compactedRetentionDays") > int(stack_config("prod")["droplets:retentionDays"])


@program_test("dev", overrides={"droplets:compaction": "false"})
def test_compaction_off_leaves_no_schedule_but_the_tables(run, outputs):
    # THEN nothing runs on a schedule, and no role for it exists
    assert run.all(MACHINE) == [] and run.all(SCHEDULE) == []
    assert not [r for r in run.all(ROLE) if "compaction" in r.name]
    # AND the tables and the view are there (droplets compact fills them by hand)
    assert {t.plain("name") for t in run.all(TABLE)} == {csql.JSON_TABLE, csql.PARQUET_TABLE, csql.MANIFESTS_TABLE,
                                                         csql.VIEW}


@program_test("dev", overrides={"droplets:compactionGraceHours": "5", "droplets:compactionLookbackDays": "7",
                                "droplets:compactedRetentionDays": "60"})
def test_settings_reach_the_definition_and_the_schedule(run, outputs):
    schedule = run.one(SCHEDULE, "droplets-compaction-schedule")
    assert schedule.plain("scheduleExpression") == "cron(15 5 * * ? *)"
    document = json.loads(run.one(MACHINE, "droplets-compaction-state-machine").plain("definition"))
    plan = "".join(v for k, v in document["States"]["Settings"]["Result"]["sql"].items() if k.startswith("plan_"))
    assert "INTERVAL '5' HOUR" in plan and "INTERVAL '7' DAY" in plan and "INTERVAL '60' DAY" in plan


BAD = [
    ({"droplets:compactedRetentionDays": "10", "droplets:retentionDays": "30"},
     r"droplets:compactedRetentionDays must be at least droplets:retentionDays \(30\)"),
    ({"droplets:compactionGraceHours": "73"}, r"droplets:compactionGraceHours must be a whole number from 0 to 72"),
    ({"droplets:compactionLookbackDays": "0"}, r"droplets:compactionLookbackDays must be a whole number from 1 to 30"),
    ({"droplets:compaction": "daily"}, r"droplets:compaction must be one of true, false"),
]


@pytest.mark.parametrize("overrides,message", BAD, ids=[next(iter(o)).split(":")[1] for o, _ in BAD])
@pulumi.runtime.test
def test_bad_compaction_settings_fail_at_preview_naming_the_key(overrides, message):
    # GIVEN the dev stack with one bad setting WHEN the program runs (as `pulumi preview` would)
    # THEN it stops, the key named
    with pytest.raises(pulumi.RunError, match=message):
        run_program("dev", overrides=overrides)

"""Daily compaction, run by Athena itself: an EventBridge Scheduler schedule starts a Step
Functions state machine that rewrites closed UTC days as Parquet (no Lambda).

Each run, at ``graceHours`` past midnight UTC:

1. **Plan** (one Athena query, :func:`droplets.compaction.sql.plan_template`): the
   ``lookbackDays`` closed days before ``start - graceHours``, and the compacted days older
   than ``compactedRetentionDays``.
2. **Compact** each day, one after the other (:func:`definition`): note the day's manifest
   (HeadObject: its ETag and, in its metadata, its run); ``UNLOAD`` the day's rewrite
   (:func:`droplets.compaction.sql.unload_template`: its JSON objects merged with the current
   run's rows whose object expired) as ZSTD Parquet under a fresh ``run=<uuid>/`` prefix;
   switch the manifest to the new run with a conditional PutObject (``If-Match`` the noted
   ETag, or ``If-None-Match: *``); then delete the replaced run's files. A day that fails
   (the query, or the switch because the day changed meanwhile) has its new run's files
   deleted and is tried again from the start after a pause, ``attempts`` times in all; it is
   then reported as failed and the next days go on. Until a switch succeeds the day is read
   as it was (from its JSON objects, or its previous run).
3. **Expire** each day past retention: its manifest first (readers stop at once), then its files.

The execution fails (an alarm, with ``alarms`` on) when any day failed; the next day's run
plans that day again, as long as it is in the look-back window. Rewriting a day that is
already compacted gives the same rows, plus any late call: that is how late calls are
picked up, ``lookbackDays`` days back (``droplets compact`` reaches any day).

The state machine only reads the JSON objects and manifests and writes ``compacted/`` and
Athena's results: its role is scoped to those prefixes, the Glue tables and the workgroup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

import pulumi
import pulumi_aws as aws

from components.encryption import partition_of
from components.iam import policy_document
from droplets import contract
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout

ATHENA_SYNC = "arn:aws:states:::athena:startQueryExecution.sync"
ATHENA_RESULTS = "arn:aws:states:::athena:getQueryResults"
S3_SDK = "arn:aws:states:::aws-sdk:s3:"
#: Tries per day within one run, and the pause between them.
ATTEMPTS = 3
RETRY_WAIT_SECONDS = 120
#: An UNLOAD of one day should take minutes; an hour means something is stuck.
QUERY_TIMEOUT_SECONDS = 3600
#: The schedule's minute (00:15 + graceHours): not on the hour, when much else runs.
SCHEDULE_MINUTE = 15


@dataclass(frozen=True)
class DefinitionSpec:
    """What the state machine's definition is made of (plain values, known at deploy)."""

    bucket: str
    workgroup: str
    database: str
    grace_hours: int
    lookback_days: int
    compacted_retention_days: int
    attempts: int = ATTEMPTS
    retry_wait_seconds: int = RETRY_WAIT_SECONDS
    #: The first pause before a plan query is tried again (then x4).
    query_retry_seconds: int = 30


def _format(template: csql.Template, prefix: str, slots: dict[str, str]) -> tuple[str, dict[str, str]]:
    """``States.Format`` over ``template``: its literal parts go in the settings (plain JSON
    strings, so no quote in the SQL needs escaping), the slots are paths into the state's
    input. Returns the intrinsic call and the settings it reads."""
    literals: dict[str, str] = {}
    args: list[str] = []
    index = 0
    for part in template.parts:
        if isinstance(part, csql.Slot):
            args.append(slots[part.name])
        else:
            name = f"{prefix}{index}"
            literals[name] = part
            args.append(f"$.settings.sql.{name}")
            index += 1
    call = f"States.Format('{'{}' * len(args)}', {', '.join(args)})"
    return call, literals


def _s3(action: str, parameters: dict[str, Any], **state: Any) -> dict[str, Any]:
    return {"Type": "Task", "Resource": f"{S3_SDK}{action}", "Parameters": parameters, **state}


def _catch(next_state: str, result_path: str | None = "$.error") -> list[dict[str, Any]]:
    return [{"ErrorEquals": ["States.ALL"], "ResultPath": result_path, "Next": next_state}]


def _switch_manifest(condition: dict[str, str], next_state: str, comment: str) -> dict[str, Any]:
    """The conditional write of the day's manifest that makes the new run the day's: the
    condition is what makes a lost race fail (then the run is discarded)."""
    return _s3("putObject", {
        "Bucket.$": "$.settings.bucket", "Key.$": "$.manifest_key", "Body.$": "$.manifest_text.text",
        "ContentType": "application/json", "Metadata": {f"{layout.RUN_METADATA}.$": "$.run"}, **condition,
    }, Comment=comment, ResultPath=None, Catch=_catch("Discard"), Next=next_state)


def _delete_each(items_path: str, next_state: str) -> dict[str, Any]:
    """A Map that deletes every listed object (a day holds a handful of files)."""
    return {
        "Type": "Map",
        "ItemsPath": items_path,
        "MaxConcurrency": 10,
        "ItemSelector": {"key.$": "$$.Map.Item.Value.Key", "bucket.$": "$.settings.bucket"},
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"},
            "StartAt": "DeleteFile",
            "States": {"DeleteFile": _s3("deleteObject", {"Bucket.$": "$.bucket", "Key.$": "$.key"}, End=True)},
        },
        "ResultPath": None,
        "Next": next_state,
    }


def definition(spec: DefinitionSpec) -> dict[str, Any]:
    """The state machine (Amazon States Language, JSONPath), as a dict."""
    unload_call, unload_sql = _format(csql.unload_template(spec.bucket), "unload_",
                                      {"day": "$.day", "run": "$.run"})
    plan_call, plan_sql = _format(
        csql.plan_template(spec.grace_hours, spec.lookback_days, spec.compacted_retention_days), "plan_",
        {"start": "$$.Execution.StartTime"},
    )
    settings = {
        "bucket": spec.bucket,
        "workgroup": spec.workgroup,
        "database": spec.database,
        "data_prefix": layout.COMPACTED_EVENTS_PREFIX,
        "manifest_prefix": layout.MANIFESTS_PREFIX,
        "sql": {**plan_sql, **unload_sql},
    }
    query = {"WorkGroup.$": "$.settings.workgroup", "QueryExecutionContext": {"Database.$": "$.settings.database"}}
    retry_query = [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": spec.query_retry_seconds, "MaxAttempts": 2,
                    "BackoffRate": 4.0}]
    run_prefix = "States.Format('{}dt={}/run={}/', $.settings.data_prefix, $.day, $.run)"

    compact_day = {
        "StartAt": "Begin",
        "States": {
            "Begin": {
                "Type": "Pass",
                "Comment": "a fresh run for each attempt; the objects read from now on are in it",
                "Parameters": {
                    "day.$": "$.day", "settings.$": "$.settings", "attempt.$": "$.attempt",
                    "run.$": "States.UUID()", "started.$": "$$.State.EnteredTime",
                    "manifest_key.$": "States.Format('{}{}.json', $.settings.manifest_prefix, $.day)",
                },
                "Next": "ReadManifest",
            },
            "ReadManifest": _s3(
                "headObject", {"Bucket.$": "$.settings.bucket", "Key.$": "$.manifest_key"},
                Comment="the manifest this run will replace (none: the day is not compacted yet)",
                ResultSelector={"etag.$": "$.ETag", "meta.$": "$.Metadata"}, ResultPath="$.base",
                Catch=_catch("Query", "$.no_manifest"), Next="Query",
            ),
            "Query": {"Type": "Pass", "Parameters": {"text.$": unload_call}, "ResultPath": "$.query", "Next": "Unload"},
            "Unload": {
                "Type": "Task", "Resource": ATHENA_SYNC,
                "Parameters": {"QueryString.$": "$.query.text", **query},
                "TimeoutSeconds": QUERY_TIMEOUT_SECONDS,
                "ResultSelector": {"id.$": "$.QueryExecution.QueryExecutionId"}, "ResultPath": "$.unload",
                # No Retry here: UNLOAD refuses a prefix that is not empty, so each try is a new run.
                "Catch": _catch("Discard"), "Next": "Manifest",
            },
            "Manifest": {
                "Type": "Pass",
                "Parameters": {"dt.$": "$.day", "run.$": "$.run", "compacted_at.$": "$.started", "engine": "athena"},
                "ResultPath": "$.manifest", "Next": "ManifestText",
            },
            "ManifestText": {"Type": "Pass", "Parameters": {"text.$": "States.JsonToString($.manifest)"},
                             "ResultPath": "$.manifest_text", "Next": "WasCompacted"},
            "WasCompacted": {"Type": "Choice", "Choices": [{"Variable": "$.base.etag", "IsPresent": True, "Next": "Replace"}],
                             "Default": "Create"},
            "Replace": _switch_manifest({"IfMatch.$": "$.base.etag"}, "HadRun",
                                        "switch to the new run, unless the day changed since ReadManifest"),
            "Create": _switch_manifest({"IfNoneMatch": "*"}, "Compacted",
                                       "the day's first run, unless another writer made one meanwhile"),
            "HadRun": {"Type": "Choice",
                       "Choices": [{"Variable": f"$.base.meta.{layout.RUN_METADATA}", "IsPresent": True, "Next": "ListReplaced"}],
                       "Default": "Compacted"},
            "ListReplaced": _s3("listObjectsV2", {
                "Bucket.$": "$.settings.bucket",
                "Prefix.$": f"States.Format('{{}}dt={{}}/run={{}}/', $.settings.data_prefix, $.day, $.base.meta.{layout.RUN_METADATA})",
            }, Comment="the replaced run: nobody reads it any more", ResultPath="$.replaced",
                Catch=_catch("Compacted"), Next="AnyReplaced"),
            "AnyReplaced": {"Type": "Choice", "Choices": [{"Variable": "$.replaced.Contents", "IsPresent": True,
                                                           "Next": "DeleteReplaced"}], "Default": "Compacted"},
            # A clean-up that fails leaves files no reader sees; the lifecycle removes them.
            "DeleteReplaced": {**_delete_each("$.replaced.Contents", "Compacted"), "Catch": _catch("Compacted")},
            "Compacted": {"Type": "Pass", "Result": "compacted", "End": True},
            "Discard": _s3("listObjectsV2", {"Bucket.$": "$.settings.bucket", "Prefix.$": run_prefix},
                           Comment="this attempt's files (UNLOAD leaves them on failure)",
                           ResultPath="$.leftovers", Catch=_catch("Again"), Next="AnyLeftovers"),
            "AnyLeftovers": {"Type": "Choice", "Choices": [{"Variable": "$.leftovers.Contents", "IsPresent": True,
                                                            "Next": "DeleteLeftovers"}], "Default": "Again"},
            "DeleteLeftovers": {**_delete_each("$.leftovers.Contents", "Again"), "Catch": _catch("Again")},
            "Again": {"Type": "Choice",
                      "Choices": [{"Variable": "$.attempt", "NumericLessThan": spec.attempts, "Next": "Pause"}],
                      "Default": "Failed"},
            "Pause": {"Type": "Wait", "Seconds": spec.retry_wait_seconds, "Next": "NextAttempt"},
            "NextAttempt": {"Type": "Pass", "Parameters": {
                "day.$": "$.day", "settings.$": "$.settings", "attempt.$": "States.MathAdd($.attempt, 1)"},
                "Next": "Begin"},
            "Failed": {"Type": "Pass", "Result": "failed", "End": True},
        },
    }
    expire_day = {
        "StartAt": "ExpireBegin",
        "States": {
            "ExpireBegin": {"Type": "Pass", "Parameters": {
                "day.$": "$.day", "settings.$": "$.settings",
                "manifest_key.$": "States.Format('{}{}.json', $.settings.manifest_prefix, $.day)",
                "day_prefix.$": "States.Format('{}dt={}/', $.settings.data_prefix, $.day)"}, "Next": "DropManifest"},
            "DropManifest": _s3("deleteObject", {"Bucket.$": "$.settings.bucket", "Key.$": "$.manifest_key"},
                                Comment="readers stop reading the day's files first", ResultPath=None,
                                Catch=_catch("ExpireFailed"), Next="ListDay"),
            "ListDay": _s3("listObjectsV2", {"Bucket.$": "$.settings.bucket", "Prefix.$": "$.day_prefix"},
                           ResultPath="$.listing", Catch=_catch("ExpireFailed"), Next="AnyFiles"),
            "AnyFiles": {"Type": "Choice", "Choices": [{"Variable": "$.listing.Contents", "IsPresent": True,
                                                        "Next": "DeleteDay"}], "Default": "Expired"},
            "DeleteDay": {**_delete_each("$.listing.Contents", "More"), "Catch": _catch("ExpireFailed")},
            "More": {"Type": "Choice", "Choices": [{"Variable": "$.listing.IsTruncated", "BooleanEquals": True,
                                                    "Next": "ListDay"}], "Default": "Expired"},
            "Expired": {"Type": "Pass", "Result": "expired", "End": True},
            "ExpireFailed": {"Type": "Pass", "Result": "failed", "End": True},
        },
    }

    def each_day(processor: dict[str, Any], items: str, result: str, next_state: str, extra: dict | None = None) -> dict:
        processor = {"ProcessorConfig": {"Mode": "INLINE"}, **processor}
        return {
            "Type": "Map", "ItemsPath": items, "MaxConcurrency": 1,
            "ItemSelector": {"day.$": "$$.Map.Item.Value", "settings.$": "$.settings", **(extra or {})},
            "ItemProcessor": processor, "ResultPath": result, "Next": next_state,
        }

    return {
        "Comment": "droplets: rewrite closed UTC days as Parquet with Athena (docs/compaction.md)",
        "StartAt": "Settings",
        "States": {
            "Settings": {"Type": "Pass", "Result": settings, "ResultPath": "$.settings", "Next": "Plan"},
            "Plan": {
                "Type": "Task", "Resource": ATHENA_SYNC,
                "Parameters": {"QueryString.$": plan_call, **query},
                "TimeoutSeconds": QUERY_TIMEOUT_SECONDS,
                "ResultSelector": {"id.$": "$.QueryExecution.QueryExecutionId"}, "ResultPath": "$.plan",
                "Retry": retry_query, "Next": "PlanResult",
            },
            "PlanResult": {
                "Type": "Task", "Resource": ATHENA_RESULTS,
                "Parameters": {"QueryExecutionId.$": "$.plan.id", "MaxResults": 2},
                # Rows: the header, then the one row of the plan.
                "ResultSelector": {"row.$": "States.ArrayGetItem($.ResultSet.Rows, 1)"}, "ResultPath": "$.plan",
                "Retry": retry_query, "Next": "PlanCells",
            },
            "PlanCells": {"Type": "Pass", "Parameters": {"cells.$": "$.plan.row.Data"}, "ResultPath": "$.plan",
                          "Next": "PlanColumns"},
            "PlanColumns": {"Type": "Pass", "Parameters": {
                "compact.$": "States.ArrayGetItem($.plan.cells, 0)", "expire.$": "States.ArrayGetItem($.plan.cells, 1)"},
                "ResultPath": "$.plan", "Next": "PlanDays"},
            "PlanDays": {"Type": "Pass", "Parameters": {
                "compact.$": "States.StringToJson($.plan.compact.VarCharValue)",
                "expire.$": "States.StringToJson($.plan.expire.VarCharValue)"},
                "ResultPath": "$.plan", "Next": "Compact"},
            "Compact": each_day(compact_day, "$.plan.compact", "$.compacted", "Expire", {"attempt": 1}),
            "Expire": each_day(expire_day, "$.plan.expire", "$.expired", "Outcome"),
            "Outcome": {"Type": "Pass", "Parameters": {
                "compact.$": "$.plan.compact", "compacted.$": "$.compacted",
                "expire.$": "$.plan.expire", "expired.$": "$.expired",
                "compact_failed.$": "States.ArrayContains($.compacted, 'failed')",
                "expire_failed.$": "States.ArrayContains($.expired, 'failed')"}, "Next": "AllDone"},
            "AllDone": {"Type": "Choice", "Choices": [{"Or": [
                {"Variable": "$.compact_failed", "BooleanEquals": True},
                {"Variable": "$.expire_failed", "BooleanEquals": True}], "Next": "SomeDaysFailed"}],
                "Default": "Done"},
            "SomeDaysFailed": {"Type": "Fail", "Error": "CompactionFailed",
                               "Cause": "a day could not be compacted or expired: see the Compact and Expire map "
                                        "iterations; it stays readable as before and the next run tries again"},
            "Done": {"Type": "Succeed"},
        },
    }


def schedule_expression(grace_hours: int) -> str:
    """Daily at ``grace_hours`` past midnight UTC (the day count is in the plan)."""
    return f"cron({SCHEDULE_MINUTE} {grace_hours % 24} * * ? *)"


@dataclass
class CompactionArgs:
    state_machine_name: str
    #: The state machine role's name, fixed: the bucket policy lets it read objects.
    role_name: str
    schedule_name: str
    bucket_name: pulumi.Input[str]
    bucket_arn: pulumi.Input[str]
    database_name: pulumi.Input[str]
    workgroup_name: pulumi.Input[str]
    workgroup_arn: pulumi.Input[str]
    #: The Glue tables the queries read (JSON, Parquet, manifests).
    table_arns: Sequence[pulumi.Input[str]]
    account_id: pulumi.Input[str]
    region: pulumi.Input[str]
    grace_hours: int
    lookback_days: int
    compacted_retention_days: int
    #: With a customer-managed key (``droplets:kms``): its uses for the lake's objects.
    key_statements: Sequence[dict] = ()


def _trust(service: str, account_id: pulumi.Input[str]) -> pulumi.Output[str]:
    """A role only ``service`` may assume, and only for this account (confused deputy)."""
    return policy_document([{
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
    }])


class Compaction(pulumi.ComponentResource):
    """The schedule, the state machine and their two roles."""

    state_machine: aws.sfn.StateMachine
    schedule: aws.scheduler.Schedule

    def __init__(self, name: str, args: CompactionArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:Compaction", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        bucket = args.bucket_arn

        def objects(*prefixes: str) -> list[pulumi.Output[str]]:
            return [pulumi.Output.concat(bucket, "/", p, "*") for p in prefixes]

        self.role = aws.iam.Role(f"{name}-role", name=args.role_name,
                                 assume_role_policy=_trust("states.amazonaws.com", args.account_id),
                                 description="droplets: the compaction state machine", opts=child)
        partition = pulumi.Output.from_input(args.region).apply(partition_of)

        def arn(service: str, resource: pulumi.Input[str]) -> pulumi.Output[str]:
            return pulumi.Output.concat("arn:", partition, f":{service}:", args.region, ":", args.account_id, ":", resource)

        catalog = arn("glue", "catalog")
        database = arn("glue", pulumi.Output.concat("database/", args.database_name))
        data_catalog = arn("athena", "datacatalog/AwsDataCatalog")
        self.policy = aws.iam.RolePolicy(
            f"{name}-policy",
            role=self.role.id,
            policy=policy_document([
                {"Sid": "RunQueries", "Effect": "Allow",
                 "Action": ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
                            "athena:StopQueryExecution"],
                 "Resource": args.workgroup_arn},
                {"Sid": "UseCatalog", "Effect": "Allow", "Action": "athena:GetDataCatalog", "Resource": data_catalog},
                {"Sid": "ReadTables", "Effect": "Allow",
                 "Action": ["glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions",
                            "glue:BatchGetPartition"],
                 "Resource": [catalog, database, *args.table_arns]},
                # Athena reads with the caller's rights: the JSON objects, the runs and
                # manifests, and its own results (GetQueryResults).
                {"Sid": "ReadLake", "Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": objects(contract.EVENTS_PREFIX, layout.COMPACTED_PREFIX, contract.ATHENA_RESULTS_PREFIX)},
                {"Sid": "ListLake", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": bucket,
                 "Condition": {"StringLike": {"s3:prefix": [f"{contract.EVENTS_PREFIX}*", f"{layout.COMPACTED_PREFIX}*",
                                                            f"{contract.ATHENA_RESULTS_PREFIX}*"]}}},
                {"Sid": "LocateBucket", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": bucket},
                {"Sid": "WriteCompacted", "Effect": "Allow",
                 "Action": ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                 "Resource": objects(layout.COMPACTED_PREFIX)},
                {"Sid": "WriteResults", "Effect": "Allow",
                 "Action": ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                 "Resource": objects(contract.ATHENA_RESULTS_PREFIX)},
                *args.key_statements,
            ]),
            opts=child,
        )
        spec = pulumi.Output.all(args.bucket_name, args.workgroup_name, args.database_name).apply(
            lambda values: json.dumps(definition(DefinitionSpec(
                bucket=values[0], workgroup=values[1], database=values[2], grace_hours=args.grace_hours,
                lookback_days=args.lookback_days, compacted_retention_days=args.compacted_retention_days,
            )))
        )
        self.state_machine = aws.sfn.StateMachine(
            f"{name}-state-machine",
            name=args.state_machine_name,
            role_arn=self.role.arn,
            definition=spec,
            type="STANDARD",  # waits on Athena for minutes; Express workflows stop at five
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.policy]),
        )

        self.scheduler_role = aws.iam.Role(f"{name}-scheduler-role",
                                           assume_role_policy=_trust("scheduler.amazonaws.com", args.account_id),
                                           description="droplets: the compaction schedule", opts=child)
        self.scheduler_policy = aws.iam.RolePolicy(
            f"{name}-scheduler-policy",
            role=self.scheduler_role.id,
            policy=policy_document([{"Sid": "StartCompaction", "Effect": "Allow", "Action": "states:StartExecution",
                               "Resource": self.state_machine.arn}]),
            opts=child,
        )
        self.schedule = aws.scheduler.Schedule(
            f"{name}-schedule",
            name=args.schedule_name,
            description="droplets: compact yesterday (and the look-back days) to Parquet",
            schedule_expression=schedule_expression(args.grace_hours),
            schedule_expression_timezone="UTC",
            flexible_time_window={"mode": "OFF"},
            target={
                "arn": self.state_machine.arn,
                "role_arn": self.scheduler_role.arn,
                "input": "{}",
                "retry_policy": {"maximum_retry_attempts": 10, "maximum_event_age_in_seconds": 6 * 3600},
            },
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.scheduler_policy]),
        )

        self.state_machine_arn = self.state_machine.arn
        self.register_outputs({"stateMachineArn": self.state_machine_arn, "scheduleArn": self.schedule.arn})

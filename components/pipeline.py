"""``DropletsPipeline``: every component of droplets, wired together with least privilege."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.alarms import Alarms, AlarmsArgs
from components.catalog import Catalog, CatalogArgs
from components.compaction import Compaction, CompactionArgs
from components.config import FunctionSettings, Settings
from components.function import PipelineFunction, PipelineFunctionArgs
from components.index import IndexTable, IndexTableArgs
from components.lake import LakeBucket, LakeBucketArgs
from components.notification import LakeNotification, LakeNotificationArgs
from components.producer import ProducerAccess, ProducerAccessArgs
from components.queue import QueueWithDeadLetter, QueueWithDeadLetterArgs
from droplets import contract
from droplets.contract import erasure

CONSUMER_HANDLER = "handlers.consumer.handler"
INDEXER_HANDLER = "handlers.indexer.handler"


@dataclass
class DropletsPipelineArgs:
    settings: Settings
    code: pulumi.Input[pulumi.Archive]
    #: Physical names that must be fixed (functions, log groups, workgroup, Glue database,
    #: SSM parameter) are derived from ``<project>-<stack>``, so stacks share an account.
    project: str
    stack: str
    account_id: pulumi.Input[str]


class DropletsPipeline(pulumi.ComponentResource):
    """Producer -> events queue -> consumer -> lake -> index queue -> indexer -> index."""

    def __init__(self, name: str, args: DropletsPipelineArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:DropletsPipeline", name, None, opts)
        s = args.settings
        prefix = f"{args.project}-{args.stack}"
        child = pulumi.ResourceOptions(parent=self)

        def queue_args(function_timeout: int) -> QueueWithDeadLetterArgs:
            return QueueWithDeadLetterArgs(
                function_timeout_seconds=function_timeout,
                batching_window_seconds=s.batching_window_seconds,
                max_receive_count=s.max_receive_count,
                message_retention_seconds=s.message_retention_seconds,
            )

        def function(role: str, handler: str, trigger: QueueWithDeadLetter, sizing: FunctionSettings,
                     env: contract.LambdaEnv, statements: list[dict]) -> PipelineFunction:
            return PipelineFunction(
                f"{name}-{role}",
                PipelineFunctionArgs(
                    function_name=f"{prefix}-{role}",
                    handler=handler,
                    code=args.code,
                    trigger=trigger,
                    architecture=s.architecture,
                    memory_mb=sizing.memory_mb,
                    timeout_seconds=sizing.timeout_seconds,
                    batch_size=s.batch_size,
                    batching_window_seconds=s.batching_window_seconds,
                    log_retention_days=s.log_retention_days,
                    environment=env.to_env(),
                    statements=statements,
                ),
                child,
            )

        self.events = QueueWithDeadLetter(f"{name}-events", queue_args(s.consumer.timeout_seconds), child)
        self.indexing = QueueWithDeadLetter(f"{name}-indexing", queue_args(s.indexer.timeout_seconds), child)
        self.lake = LakeBucket(
            f"{name}-lake",
            LakeBucketArgs(retention_days=s.retention_days, versioning=s.lake_versioning, force_destroy=s.force_destroy,
                           compacted_retention_days=s.compaction.retention_days),
            child,
        )
        self.index = IndexTable(
            f"{name}-index",
            IndexTableArgs(point_in_time_recovery=s.point_in_time_recovery, deletion_protection=s.deletion_protection),
            child,
        )
        bucket_arn = self.lake.arn
        # Both functions read the erasure entries ``droplets forget`` writes in the index
        # (droplets.contract.erasure), and nothing else of the table through these actions.
        read_erasures = {
            "Sid": "ReadErasures",
            "Effect": "Allow",
            "Action": "dynamodb:BatchGetItem",
            "Resource": self.index.arn,
            "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": [erasure.ERASED_LEADING_KEYS]}},
        }

        # --- consumer: events queue -> chain -> lake -----------------------------------
        consumer_statements: list[dict] = [{
            "Sid": "WriteEventsAndBadRows",
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": [
                pulumi.Output.concat(bucket_arn, "/", contract.EVENTS_PREFIX, "*"),
                pulumi.Output.concat(bucket_arn, "/", contract.BAD_PREFIX, "*"),
            ],
        }, read_erasures]
        self.pii_key = None
        if s.pii_hash_key is not None:
            # The key stays a secret end to end: encrypted in the state, a SecureString in
            # SSM, read by the consumer at cold start. The function only gets its name.
            self.pii_key = aws.ssm.Parameter(
                f"{name}-pii-key",
                name=f"/{args.project}/{args.stack}/pii-hash-key",
                type="SecureString",  # with the AWS-managed aws/ssm key, usable through SSM by the account
                value=s.pii_hash_key,
                description="droplets: HMAC key of the pii transform's hash mode",
                opts=child,
            )
            consumer_statements.append({
                "Sid": "ReadPiiHashKey",
                "Effect": "Allow",
                "Action": "ssm:GetParameter",
                "Resource": self.pii_key.arn,
            })
        self.consumer = function("consumer", CONSUMER_HANDLER, self.events, s.consumer, contract.ConsumerEnv(
            bucket=self.lake.name,
            table=self.index.name,
            transforms=s.transforms,
            transform_options=s.transform_options,
            plugin_modules=s.plugin_modules,
            pii_key_param=self.pii_key.name if self.pii_key is not None else None,
            # unset means scrubbed: only the opt-in is spelt out
            bad_row_payload=s.bad_row_payload if s.bad_row_payload != contract.BAD_ROW_SCRUBBED else None,
        ), consumer_statements)

        # --- indexer: lake notifications -> index ----------------------------------------
        self.notification = LakeNotification(
            f"{name}-notification",
            LakeNotificationArgs(
                bucket_id=self.lake.bucket.id,
                bucket_arn=bucket_arn,
                queue_url=self.indexing.queue.url,
                queue_arn=self.indexing.queue.arn,
                account_id=args.account_id,
            ),
            child,
        )
        self.indexer = function(
            "indexer", INDEXER_HANDLER, self.indexing, s.indexer,
            contract.IndexerEnv(table=self.index.name, retention_days=s.retention_days),
            [
            {
                "Sid": "ReadEvents",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": pulumi.Output.concat(bucket_arn, "/", contract.EVENTS_PREFIX, "*"),
            },
            {
                # Without it S3 answers 403, not 404 NoSuchKey, for an object deleted
                # since its event, and the indexer would retry a message that is done.
                "Sid": "TellMissingObjects",
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": bucket_arn,
            },
            {
                "Sid": "WriteIndex",
                "Effect": "Allow",
                "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem"],
                "Resource": self.index.arn,
                # Session items only: the indexer can neither write nor remove an
                # erasure entry (only the operator's forget does).
                "Condition": {"ForAllValues:StringNotLike": {"dynamodb:LeadingKeys": [erasure.ERASED_LEADING_KEYS]}},
            },
            read_erasures,
            ],
        )

        # --- around the pipeline ------------------------------------------------------------
        self.catalog = Catalog(
            f"{name}-catalog",
            CatalogArgs(
                database_name=prefix,
                workgroup_name=prefix,
                bucket_name=self.lake.name,
                retention_days=s.retention_days,
                force_destroy=s.force_destroy,
                compacted_retention_days=s.compaction.retention_days,
            ),
            child,
        )
        self.compaction = None
        if s.compaction.enabled:
            self.compaction = Compaction(
                f"{name}-compaction",
                CompactionArgs(
                    state_machine_name=f"{prefix}-compaction",
                    schedule_name=f"{prefix}-compaction",
                    bucket_name=self.lake.name,
                    bucket_arn=bucket_arn,
                    database_name=self.catalog.database_name,
                    workgroup_name=self.catalog.workgroup_name,
                    workgroup_arn=self.catalog.workgroup.arn,
                    table_arns=[self.catalog.table.arn, self.catalog.parquet_table.arn, self.catalog.manifests_table.arn],
                    account_id=args.account_id,
                    region=aws.get_region_output().region,
                    grace_hours=s.compaction.grace_hours,
                    lookback_days=s.compaction.lookback_days,
                    compacted_retention_days=s.compaction.retention_days,
                ),
                child,
            )
        self.alarms = None
        if s.alarms:
            self.alarms = Alarms(
                f"{name}-alarms",
                AlarmsArgs(
                    account_id=args.account_id,
                    dead_letter_queues={
                        "events": self.events.dead_letter_queue.name,
                        "indexing": self.indexing.dead_letter_queue.name,
                    },
                    source_queues={"events": self.events.queue.name, "indexing": self.indexing.queue.name},
                    functions={"consumer": self.consumer.name, "indexer": self.indexer.name},
                    oldest_message_seconds=s.oldest_message_alarm_seconds,
                    email=s.alarm_email,
                    state_machines={"compaction": self.compaction.state_machine_arn} if self.compaction else {},
                ),
                child,
            )
        self.producer = ProducerAccess(f"{name}-producer", ProducerAccessArgs(queue_arn=self.events.queue.arn), child)

        # The stack outputs, in the contract's order (a contract output without a value
        # here fails the preview); ``__main__.py`` exports them as they are.
        values = {
            contract.OUTPUT_QUEUE_URL: self.events.queue.url,
            contract.OUTPUT_QUEUE_ARN: self.events.queue.arn,
            contract.OUTPUT_DLQ_URL: self.events.dead_letter_queue.url,
            contract.OUTPUT_BUCKET: self.lake.name,
            contract.OUTPUT_TABLE: self.index.name,
            contract.OUTPUT_INDEX_QUEUE_URL: self.indexing.queue.url,
            contract.OUTPUT_INDEX_DLQ_URL: self.indexing.dead_letter_queue.url,
            contract.OUTPUT_PRODUCER_POLICY_ARN: self.producer.policy_arn,
            contract.OUTPUT_GLUE_DATABASE: self.catalog.database_name,
            contract.OUTPUT_GLUE_TABLE: self.catalog.table_name,
            contract.OUTPUT_ATHENA_WORKGROUP: self.catalog.workgroup_name,
            contract.OUTPUT_REGION: aws.get_region_output().region,
        }
        self.outputs: dict[str, pulumi.Output] = {output: values[output] for output in contract.STACK_OUTPUTS}
        self.register_outputs(self.outputs)

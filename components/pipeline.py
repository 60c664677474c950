"""``DropletsPipeline``: every component of droplets, wired together with least privilege."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.alarms import Alarms, AlarmsArgs
from components.catalog import Catalog, CatalogArgs
from components.config import Settings
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

        self.events = QueueWithDeadLetter(f"{name}-events", queue_args(s.consumer.timeout_seconds), child)
        self.indexing = QueueWithDeadLetter(f"{name}-indexing", queue_args(s.indexer.timeout_seconds), child)
        self.lake = LakeBucket(
            f"{name}-lake",
            LakeBucketArgs(retention_days=s.retention_days, versioning=s.lake_versioning, force_destroy=s.force_destroy),
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
        consumer_env: dict[str, pulumi.Input[str]] = {
            contract.ENV_BUCKET: self.lake.name,
            contract.ENV_TABLE: self.index.name,
            contract.ENV_TRANSFORMS: ",".join(s.transforms),
            contract.ENV_TRANSFORM_CONFIG: json.dumps(s.transform_options, sort_keys=True, separators=(",", ":")),
        }
        if s.plugin_modules:
            consumer_env[contract.ENV_PLUGIN_MODULES] = ",".join(s.plugin_modules)
        if s.bad_row_payload != contract.BAD_ROW_SCRUBBED:  # unset means scrubbed: only the opt-in is spelt out
            consumer_env[contract.ENV_BAD_ROW_PAYLOAD] = s.bad_row_payload
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
            consumer_env[contract.ENV_PII_KEY_PARAM] = self.pii_key.name
            consumer_statements.append({
                "Sid": "ReadPiiHashKey",
                "Effect": "Allow",
                "Action": "ssm:GetParameter",
                "Resource": self.pii_key.arn,
            })
        self.consumer = PipelineFunction(
            f"{name}-consumer",
            PipelineFunctionArgs(
                function_name=f"{prefix}-consumer",
                handler=CONSUMER_HANDLER,
                code=args.code,
                trigger=self.events,
                architecture=s.architecture,
                memory_mb=s.consumer.memory_mb,
                timeout_seconds=s.consumer.timeout_seconds,
                batch_size=s.batch_size,
                batching_window_seconds=s.batching_window_seconds,
                log_retention_days=s.log_retention_days,
                environment=consumer_env,
                statements=consumer_statements,
            ),
            child,
        )

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
        self.indexer = PipelineFunction(
            f"{name}-indexer",
            PipelineFunctionArgs(
                function_name=f"{prefix}-indexer",
                handler=INDEXER_HANDLER,
                code=args.code,
                trigger=self.indexing,
                architecture=s.architecture,
                memory_mb=s.indexer.memory_mb,
                timeout_seconds=s.indexer.timeout_seconds,
                batch_size=s.batch_size,
                batching_window_seconds=s.batching_window_seconds,
                log_retention_days=s.log_retention_days,
                environment={
                    contract.ENV_TABLE: self.index.name,
                    contract.ENV_RETENTION_DAYS: str(s.retention_days),
                },
                statements=[
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
            ),
            child,
        )

        # --- around the pipeline ------------------------------------------------------------
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
                ),
                child,
            )
        self.catalog = Catalog(
            f"{name}-catalog",
            CatalogArgs(
                database_name=prefix,
                workgroup_name=prefix,
                bucket_name=self.lake.name,
                retention_days=s.retention_days,
                force_destroy=s.force_destroy,
            ),
            child,
        )
        self.producer = ProducerAccess(f"{name}-producer", ProducerAccessArgs(queue_arn=self.events.queue.arn), child)

        self.queue_url = self.events.queue.url
        self.queue_arn = self.events.queue.arn
        self.dlq_url = self.events.dead_letter_queue.url
        self.index_queue_url = self.indexing.queue.url
        self.index_dlq_url = self.indexing.dead_letter_queue.url
        self.bucket_name = self.lake.name
        self.table_name = self.index.name
        self.producer_policy_arn = self.producer.policy_arn
        self.register_outputs({
            "queueUrl": self.queue_url,
            "queueArn": self.queue_arn,
            "dlqUrl": self.dlq_url,
            "indexQueueUrl": self.index_queue_url,
            "indexDlqUrl": self.index_dlq_url,
            "bucketName": self.bucket_name,
            "tableName": self.table_name,
            "producerPolicyArn": self.producer_policy_arn,
            "glueDatabase": self.catalog.database_name,
            "glueTable": self.catalog.table_name,
            "athenaWorkgroup": self.catalog.workgroup_name,
        })

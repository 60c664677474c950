"""What the ``droplets`` CLI's operator may do: a managed policy for the reader roles.

Attach ``operatorPolicyArn`` to each role of ``droplets:readerRoleArns``: the bucket policy
lets those roles (and the indexer) read objects and nobody else, and this policy holds what
the CLI's commands call, on the stack's ARNs only:

- the index (``session``, ``events``, ``tail``, ``report``; ``reindex`` and ``forget``
  write or delete items and the erasure entry);
- the lake under ``events/``, ``bad/``, ``compacted/`` and ``athena-results/`` (``reindex``
  reads, ``sql`` reads compacted days, ``forget`` lists and deletes every version and rewrites
  the compacted days that hold the session, ``sql --athena`` writes its results);
- Athena and Glue for ``sql`` over the whole lake;
- the two DLQs and their source queues (``dlq status``, ``dlq redrive``, ``forget``);
- with a customer-managed key, the KMS uses those calls make, through S3, SQS and DynamoDB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import pulumi
import pulumi_aws as aws

from components.iam import policy_document
from droplets import contract
from droplets.contract.compaction import COMPACTED_PREFIX

#: The lake's prefixes the CLI touches.
PREFIXES = (contract.EVENTS_PREFIX, contract.BAD_PREFIX, COMPACTED_PREFIX, contract.ATHENA_RESULTS_PREFIX)
INDEX_READ_ACTIONS = ("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query")
INDEX_WRITE_ACTIONS = ("dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem")
LAKE_READ_ACTIONS = ("s3:GetObject", "s3:GetObjectVersion")
LAKE_LIST_ACTIONS = ("s3:ListBucket", "s3:ListBucketVersions")
LAKE_ERASE_ACTIONS = ("s3:DeleteObject", "s3:DeleteObjectVersion")
#: Athena writes a query's results as the caller, under the workgroup's output location.
RESULTS_WRITE_ACTIONS = ("s3:AbortMultipartUpload", "s3:PutObject")
ATHENA_ACTIONS = ("athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution",
                  "athena:StopQueryExecution")
GLUE_ACTIONS = ("glue:GetDatabase", "glue:GetPartitions", "glue:GetTable")
DLQ_ACTIONS = ("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")
REDRIVE_ACTIONS = ("sqs:GetQueueAttributes", "sqs:SendMessage")


@dataclass
class OperatorAccessArgs:
    bucket_arn: pulumi.Input[str]
    table_arn: pulumi.Input[str]
    workgroup_arn: pulumi.Input[str]
    #: The Glue catalog, database and table ARNs.
    glue_arns: Sequence[pulumi.Input[str]]
    dead_letter_queue_arns: Sequence[pulumi.Input[str]]
    source_queue_arns: Sequence[pulumi.Input[str]]
    #: With a customer-managed key (:class:`components.encryption.KeyGrants`).
    key_statements: Sequence[dict] = field(default_factory=list)


class OperatorAccess(pulumi.ComponentResource):
    policy: aws.iam.Policy

    def __init__(self, name: str, args: OperatorAccessArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:OperatorAccess", name, None, opts)
        objects = [pulumi.Output.concat(args.bucket_arn, "/", prefix, "*") for prefix in PREFIXES]
        results = pulumi.Output.concat(args.bucket_arn, "/", contract.ATHENA_RESULTS_PREFIX, "*")
        statements = [
            {"Sid": "ReadIndex", "Effect": "Allow", "Action": list(INDEX_READ_ACTIONS),
             "Resource": [args.table_arn, pulumi.Output.concat(args.table_arn, "/index/", contract.DAY_INDEX)]},
            {"Sid": "WriteIndex", "Effect": "Allow", "Action": list(INDEX_WRITE_ACTIONS), "Resource": args.table_arn},
            {"Sid": "ReadLake", "Effect": "Allow", "Action": list(LAKE_READ_ACTIONS), "Resource": objects},
            {"Sid": "ListLake", "Effect": "Allow", "Action": list(LAKE_LIST_ACTIONS), "Resource": args.bucket_arn,
             "Condition": {"StringLike": {"s3:prefix": [f"{prefix}*" for prefix in PREFIXES]}}},
            {"Sid": "LocateLake", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": args.bucket_arn},
            {"Sid": "EraseFromLake", "Effect": "Allow", "Action": list(LAKE_ERASE_ACTIONS), "Resource": objects},
            {"Sid": "WriteQueryResults", "Effect": "Allow", "Action": list(RESULTS_WRITE_ACTIONS), "Resource": results},
            # forget rewrites a compacted day without the session (a new run and manifest)
            {"Sid": "RewriteCompacted", "Effect": "Allow", "Action": list(RESULTS_WRITE_ACTIONS),
             "Resource": pulumi.Output.concat(args.bucket_arn, "/", COMPACTED_PREFIX, "*")},
            {"Sid": "QueryWithAthena", "Effect": "Allow", "Action": list(ATHENA_ACTIONS), "Resource": args.workgroup_arn},
            {"Sid": "ReadCatalog", "Effect": "Allow", "Action": list(GLUE_ACTIONS), "Resource": list(args.glue_arns)},
            {"Sid": "DrainDeadLetters", "Effect": "Allow", "Action": list(DLQ_ACTIONS),
             "Resource": list(args.dead_letter_queue_arns)},
            {"Sid": "Redrive", "Effect": "Allow", "Action": list(REDRIVE_ACTIONS), "Resource": list(args.source_queue_arns)},
            *args.key_statements,
        ]
        self.policy = aws.iam.Policy(
            f"{name}-policy",
            description="droplets operator: what the droplets CLI does on this stack (attach to droplets:readerRoleArns)",
            policy=policy_document(statements),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.policy_arn = self.policy.arn
        self.register_outputs({"operatorPolicyArn": self.policy_arn})

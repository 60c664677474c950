"""The DynamoDB index: a session's calls in time order, and a day's calls via GSI ``by-day``."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from droplets.contract import DAY_INDEX, DAY_INDEX_PK, DAY_INDEX_SK, INDEX_PK, INDEX_SK, TTL_ATTRIBUTE


@dataclass
class IndexTableArgs:
    point_in_time_recovery: bool
    deletion_protection: bool
    #: The customer-managed key (``droplets:kms``); None: the AWS-managed aws/dynamodb key.
    kms_key_arn: pulumi.Input[str] | None = None


class IndexTable(pulumi.ComponentResource):
    """On-demand table, keys and GSI as docs/architecture.md; items expire (TTL) with their S3 objects."""

    table: aws.dynamodb.Table

    def __init__(self, name: str, args: IndexTableArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:IndexTable", name, None, opts)
        self.table = aws.dynamodb.Table(
            f"{name}-table",
            billing_mode="PAY_PER_REQUEST",
            hash_key=INDEX_PK,
            range_key=INDEX_SK,
            attributes=[
                {"name": INDEX_PK, "type": "S"},
                {"name": INDEX_SK, "type": "S"},
                {"name": DAY_INDEX_PK, "type": "S"},
                {"name": DAY_INDEX_SK, "type": "S"},
            ],
            global_secondary_indexes=[{
                "name": DAY_INDEX,
                "key_schemas": [
                    {"attribute_name": DAY_INDEX_PK, "key_type": "HASH"},
                    {"attribute_name": DAY_INDEX_SK, "key_type": "RANGE"},
                ],
                # Items are small and day reports read most attributes: project them all
                # rather than a second copy of the field list.
                "projection_type": "ALL",
            }],
            # The indexer sets the TTL from DROPLETS_RETENTION_DAYS, the bucket's lifecycle.
            ttl={"attribute_name": TTL_ATTRIBUTE, "enabled": True},
            point_in_time_recovery={"enabled": args.point_in_time_recovery},
            # Encryption at rest is always on; this asks for a KMS key in the account (the
            # stack's, or the AWS-managed aws/dynamodb) instead of the owned one, so its use
            # shows in CloudTrail.
            server_side_encryption={"enabled": True, **({"kms_key_arn": args.kms_key_arn} if args.kms_key_arn is not None else {})},
            deletion_protection_enabled=args.deletion_protection,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.name = self.table.name
        self.arn = self.table.arn
        self.register_outputs({"tableName": self.name, "tableArn": self.arn})

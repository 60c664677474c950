"""The lake bucket: one JSON object per API call under ``events/``, bad rows under ``bad/``,
compacted days under ``compacted/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import pulumi
import pulumi_aws as aws

from components.iam import policy_document
from droplets.contract import ATHENA_RESULTS_PREFIX, BAD_PREFIX, EVENTS_PREFIX
from droplets.contract.compaction import COMPACTED_PREFIX

#: Athena query results are kept this long (the workgroup writes them under
#: ``ATHENA_RESULTS_PREFIX``); ``droplets forget`` erases every one still there.
ATHENA_RESULTS_DAYS = 7
#: With versioning on, an overwritten or deleted object stays recoverable this long; short
#: on purpose, so an erasure (``droplets forget``) is final within a week.
NONCURRENT_DAYS = 7
ABORT_MULTIPART_DAYS = 1


@dataclass
class LakeBucketArgs:
    retention_days: int
    versioning: bool
    force_destroy: bool
    #: Compacted days (``compacted/``): a backstop behind the compaction's own expiry of
    #: each day (a rewrite by ``forget`` makes a day's files younger than the day).
    compacted_retention_days: int
    #: The customer-managed key (``droplets:kms``) given the bucket's ARN (the key's policy
    #: names the bucket, and the bucket's encryption names the key): SSE-KMS with a bucket
    #: key. None, or returning None: SSE-S3.
    kms_key_for: Callable[[pulumi.Output[str]], pulumi.Input[str] | None] | None = None
    #: The only principals that may read objects: the indexer's role and
    #: ``droplets:readerRoleArns``.
    readers: Sequence[pulumi.Input[str]] = field(default_factory=list)


#: Object reads: an object's content or any version of it.
READ_ACTIONS = ("s3:GetObject", "s3:GetObjectVersion")


class LakeBucket(pulumi.ComponentResource):
    """An S3 bucket that is private, encrypted, TLS-only, read only by the principals the
    stack names, and forgets data after retention."""

    bucket: aws.s3.Bucket
    policy: aws.s3.BucketPolicy

    def __init__(self, name: str, args: LakeBucketArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:LakeBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        self.bucket = aws.s3.Bucket(f"{name}-bucket", force_destroy=args.force_destroy, opts=child)
        bucket_id = self.bucket.id

        self.kms_key_arn = args.kms_key_for(self.bucket.arn) if args.kms_key_for else None
        if self.kms_key_arn is not None:
            # SSE-KMS with a bucket key: S3 asks KMS for a bucket-level key now and then, not
            # for every object (cost, and KMS's request quota at thousands of PutObject/s).
            rule = {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": self.kms_key_arn},
                    "bucket_key_enabled": True}
        else:
            # SSE-S3: encrypted at rest with no key policy to keep in step with S3 -> SQS
            # notifications and Athena; SSE-C uploads are blocked by S3 for new buckets.
            rule = {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}
        self.encryption = aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-encryption", bucket=bucket_id, rules=[rule], opts=child,
        )
        self.public_access = aws.s3.BucketPublicAccessBlock(
            f"{name}-public-access",
            bucket=bucket_id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        self.ownership = aws.s3.BucketOwnershipControls(
            f"{name}-ownership",
            bucket=bucket_id,
            rule={"object_ownership": "BucketOwnerEnforced"},  # ACLs off: IAM alone decides
            opts=child,
        )
        objects = pulumi.Output.concat(self.bucket.arn, "/*")
        # Deny for everyone but the named roles (aws:PrincipalArn is the role's ARN for every
        # session of it): IAM policies elsewhere in the account cannot open the lake.
        named = {"ArnNotEquals": {"aws:PrincipalArn": list(args.readers)}}
        statements = [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",  # a Deny for everyone: no request without TLS
                "Action": "s3:*",
                "Resource": [self.bucket.arn, objects],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Sid": "DenyReadsByUnnamedPrincipals",
                "Effect": "Deny",
                "Principal": "*",
                "Action": list(READ_ACTIONS),
                "Resource": objects,
                "Condition": named,
            },
        ]
        # Listing is not denied: the AWS provider reads the bucket with HeadBucket, which S3
        # authorises as s3:ListBucket, so a deny for the deployer (whom the stack cannot name)
        # would make `pulumi refresh` take the bucket for deleted and `pulumi up` try to
        # create it again. Keys name a session and a time, never a person; what the records
        # say is behind the read deny above. (Readers list by prefix: the operator policy.)
        self.policy = aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket_id,
            policy=policy_document(statements),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.public_access]),
        )

        self.versioning = None
        if args.versioning:
            self.versioning = aws.s3.BucketVersioning(
                f"{name}-versioning",
                bucket=bucket_id,
                versioning_configuration={"status": "Enabled"},
                opts=child,
            )

        def expire(rule_id: str, prefix: str, days: int) -> dict:
            rule = {
                "id": rule_id,
                "status": "Enabled",
                "filter": {"prefix": prefix},
                "expiration": {"days": days},
                "abort_incomplete_multipart_upload": {"days_after_initiation": ABORT_MULTIPART_DAYS},
            }
            if args.versioning:
                rule["noncurrent_version_expiration"] = {"noncurrent_days": NONCURRENT_DAYS}
            return rule

        rules = [
            expire("expire-events", EVENTS_PREFIX, args.retention_days),
            expire("expire-bad-rows", BAD_PREFIX, args.retention_days),
            expire("expire-athena-results", ATHENA_RESULTS_PREFIX, ATHENA_RESULTS_DAYS),
            expire("expire-compacted", COMPACTED_PREFIX, args.compacted_retention_days),
        ]
        if args.versioning:
            # Expiring a current version leaves a delete marker; remove it once alone.
            rules.append({
                "id": "remove-expired-delete-markers",
                "status": "Enabled",
                "filter": {"prefix": ""},
                "expiration": {"expired_object_delete_marker": True},
            })
        self.lifecycle = aws.s3.BucketLifecycleConfiguration(
            f"{name}-lifecycle",
            bucket=bucket_id,
            rules=rules,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.versioning] if self.versioning else []),
        )

        self.name = self.bucket.bucket
        self.arn = self.bucket.arn
        self.register_outputs({"bucketName": self.name, "bucketArn": self.arn})

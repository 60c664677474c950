"""S3 -> SQS: every object written or removed under ``events/`` is announced to the index queue."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from droplets.contract import EVENTS_PREFIX

#: Created and removed objects, and lifecycle expiry (a separate event type in S3), so the
#: index follows the bucket both ways.
EVENTS = ("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*")


def lake_may_send(queue_arn: pulumi.Input[str], bucket_arn: pulumi.Input[str], account_id: pulumi.Input[str]) -> dict:
    """The index queue's policy statement: only this bucket, in this account, may send."""
    return {
        "Sid": "LakeBucketNotifications",
        "Effect": "Allow",
        "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": queue_arn,
        "Condition": {
            "ArnEquals": {"aws:SourceArn": bucket_arn},
            "StringEquals": {"aws:SourceAccount": account_id},
        },
    }


@dataclass
class LakeNotificationArgs:
    bucket_id: pulumi.Input[str]
    queue_arn: pulumi.Input[str]
    #: What must exist before S3 validates the destination: the queue's policy holding
    #: :func:`lake_may_send`, and with a customer-managed key, the key (and its policy).
    depends_on: list[pulumi.Resource]


class LakeNotification(pulumi.ComponentResource):
    """The bucket's notification, created after the index queue's policy: S3 sends a test
    event when the notification is saved and refuses the configuration if it cannot deliver
    it (docs/production.md, "Troubleshooting", for when the policy has not propagated yet)."""

    notification: aws.s3.BucketNotification

    def __init__(self, name: str, args: LakeNotificationArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:LakeNotification", name, None, opts)
        self.notification = aws.s3.BucketNotification(
            f"{name}-notification",
            bucket=args.bucket_id,
            queues=[{"queue_arn": args.queue_arn, "events": list(EVENTS), "filter_prefix": EVENTS_PREFIX}],
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(args.depends_on)),
        )
        self.register_outputs({})

"""S3 -> SQS: every object written or removed under ``events/`` is announced to the index queue."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from droplets.contract import EVENTS_PREFIX

#: Created and removed objects, and lifecycle expiry (a separate event type in S3), so the
#: index follows the bucket both ways.
EVENTS = ("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*")


@dataclass
class LakeNotificationArgs:
    bucket_id: pulumi.Input[str]
    bucket_arn: pulumi.Input[str]
    queue_url: pulumi.Input[str]
    queue_arn: pulumi.Input[str]
    account_id: pulumi.Input[str]


class LakeNotification(pulumi.ComponentResource):
    """The index queue's policy (only this bucket, in this account, may send) and the
    bucket's notification, created after the policy: S3 sends a test event when the
    notification is saved and refuses the configuration if it cannot deliver it."""

    queue_policy: aws.sqs.QueuePolicy
    notification: aws.s3.BucketNotification

    def __init__(self, name: str, args: LakeNotificationArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:LakeNotification", name, None, opts)
        self.queue_policy = aws.sqs.QueuePolicy(
            f"{name}-queue-policy",
            queue_url=args.queue_url,
            policy=pulumi.Output.json_dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "LakeBucketNotifications",
                    "Effect": "Allow",
                    "Principal": {"Service": "s3.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": args.queue_arn,
                    "Condition": {
                        "ArnEquals": {"aws:SourceArn": args.bucket_arn},
                        "StringEquals": {"aws:SourceAccount": args.account_id},
                    },
                }],
            }),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.notification = aws.s3.BucketNotification(
            f"{name}-notification",
            bucket=args.bucket_id,
            queues=[{"queue_arn": args.queue_arn, "events": list(EVENTS), "filter_prefix": EVENTS_PREFIX}],
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.queue_policy]),
        )
        self.register_outputs({})

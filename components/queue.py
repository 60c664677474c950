"""An SQS queue that triggers a Lambda, with its dead-letter queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pulumi
import pulumi_aws as aws

from components.config import DLQ_RETENTION_SECONDS, VISIBILITY_TIMEOUT_FACTOR, visibility_timeout_for
from components.iam import policy_document


@dataclass
class QueueWithDeadLetterArgs:
    #: The timeout of the function this queue triggers: the visibility timeout is derived
    #: from it (6x, plus the batching window), so the two can never drift apart.
    function_timeout_seconds: int
    batching_window_seconds: int
    max_receive_count: int
    message_retention_seconds: int
    #: A customer-managed key (``droplets:kms``) for both queues; None: SSE-SQS.
    kms_key_arn: pulumi.Input[str] | None = None
    #: More statements for the source queue's policy, given its ARN (S3's notifications).
    extra_statements: Callable[[pulumi.Output[str]], list[dict]] = field(default=lambda arn: [])


#: How long SQS reuses a data key before asking KMS again (SQS's default; fewer KMS calls).
DATA_KEY_REUSE_SECONDS = 300


def deny_insecure_transport(queue_arn: pulumi.Input[str]) -> dict:
    """Nobody, whatever their IAM policy, reaches the queue without TLS."""
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "sqs:*",
        "Resource": queue_arn,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


class QueueWithDeadLetter(pulumi.ComponentResource):
    """A queue and its DLQ, both encrypted and TLS-only, redriving after ``max_receive_count`` tries.

    Encrypted with SSE-SQS, or SSE-KMS with the stack's customer-managed key; never with
    the AWS-managed ``alias/aws/sqs``: S3 cannot send notifications to a queue encrypted with
    it (its key policy cannot be edited to let S3 in). Each queue has its policy (one per
    queue: SQS keeps a single policy, so every statement about a queue is here).
    """

    queue: aws.sqs.Queue
    dead_letter_queue: aws.sqs.Queue
    queue_policy: aws.sqs.QueuePolicy
    dead_letter_queue_policy: aws.sqs.QueuePolicy
    visibility_timeout_seconds: int

    def __init__(self, name: str, args: QueueWithDeadLetterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:QueueWithDeadLetter", name, None, opts)
        if args.message_retention_seconds >= DLQ_RETENTION_SECONDS:
            raise ValueError(
                f"{name}: message retention {args.message_retention_seconds}s must be below the DLQ's "
                f"{DLQ_RETENTION_SECONDS}s: a message's age counts from its first enqueue, also in the DLQ"
            )
        self.visibility_timeout_seconds = visibility_timeout_for(args.function_timeout_seconds, args.batching_window_seconds)
        assert self.visibility_timeout_seconds >= VISIBILITY_TIMEOUT_FACTOR * args.function_timeout_seconds
        child = pulumi.ResourceOptions(parent=self)

        if args.kms_key_arn is not None:
            encryption = {"kms_master_key_id": args.kms_key_arn, "kms_data_key_reuse_period_seconds": DATA_KEY_REUSE_SECONDS}
        else:
            encryption = {"sqs_managed_sse_enabled": True}
        self.dead_letter_queue = aws.sqs.Queue(
            f"{name}-dlq",
            message_retention_seconds=DLQ_RETENTION_SECONDS,
            **encryption,
            opts=child,
        )
        self.queue = aws.sqs.Queue(
            f"{name}-queue",
            visibility_timeout_seconds=self.visibility_timeout_seconds,
            message_retention_seconds=args.message_retention_seconds,
            # Long polling: Lambda's pollers would use it anyway; other readers benefit.
            receive_wait_time_seconds=20,
            **encryption,
            redrive_policy=pulumi.Output.json_dumps(
                {"deadLetterTargetArn": self.dead_letter_queue.arn, "maxReceiveCount": args.max_receive_count}
            ),
            opts=child,
        )

        def policy(suffix: str, queue: aws.sqs.Queue, extra: list[dict]) -> aws.sqs.QueuePolicy:
            return aws.sqs.QueuePolicy(
                f"{name}-{suffix}-policy",
                queue_url=queue.url,
                policy=policy_document([deny_insecure_transport(queue.arn), *extra]),
                opts=child,
            )

        self.queue_policy = policy("queue", self.queue, args.extra_statements(self.queue.arn))
        self.dead_letter_queue_policy = policy("dlq", self.dead_letter_queue, [])

        self.register_outputs({
            "queueUrl": self.queue.url,
            "queueArn": self.queue.arn,
            "deadLetterQueueUrl": self.dead_letter_queue.url,
            "deadLetterQueueArn": self.dead_letter_queue.arn,
        })

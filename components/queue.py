"""An SQS queue that triggers a Lambda, with its dead-letter queue."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.config import DLQ_RETENTION_SECONDS, VISIBILITY_TIMEOUT_FACTOR, visibility_timeout_for


@dataclass
class QueueWithDeadLetterArgs:
    #: The timeout of the function this queue triggers: the visibility timeout is derived
    #: from it (6x, plus the batching window), so the two can never drift apart.
    function_timeout_seconds: int
    batching_window_seconds: int
    max_receive_count: int
    message_retention_seconds: int


class QueueWithDeadLetter(pulumi.ComponentResource):
    """A queue encrypted with SSE-SQS, redriving to a DLQ after ``max_receive_count`` tries.

    SSE-SQS, not SSE-KMS with the AWS-managed key: S3 cannot send notifications to a queue
    encrypted with ``alias/aws/sqs`` (its key policy cannot be edited to let S3 in).
    """

    queue: aws.sqs.Queue
    dead_letter_queue: aws.sqs.Queue
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

        self.dead_letter_queue = aws.sqs.Queue(
            f"{name}-dlq",
            message_retention_seconds=DLQ_RETENTION_SECONDS,
            sqs_managed_sse_enabled=True,
            opts=child,
        )
        self.queue = aws.sqs.Queue(
            f"{name}-queue",
            visibility_timeout_seconds=self.visibility_timeout_seconds,
            message_retention_seconds=args.message_retention_seconds,
            # Long polling: Lambda's pollers would use it anyway; other readers benefit.
            receive_wait_time_seconds=20,
            sqs_managed_sse_enabled=True,
            redrive_policy=pulumi.Output.json_dumps(
                {"deadLetterTargetArn": self.dead_letter_queue.arn, "maxReceiveCount": args.max_receive_count}
            ),
            opts=child,
        )

        self.register_outputs({
            "queueUrl": self.queue.url,
            "queueArn": self.queue.arn,
            "deadLetterQueueUrl": self.dead_letter_queue.url,
            "deadLetterQueueArn": self.dead_letter_queue.arn,
        })

"""What the producer (the Express backend) may do: send to the events queue, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import pulumi
import pulumi_aws as aws

from components.iam import policy_document

#: sqs:SendMessage also authorises SendMessageBatch: SQS checks a batch call against the
#: permission of its single-message action (there is no separate sqs:SendMessageBatch).
PRODUCER_ACTIONS = ("sqs:SendMessage",)


@dataclass
class ProducerAccessArgs:
    queue_arn: pulumi.Input[str]
    #: With a customer-managed key: the data keys sending needs, through SQS only
    #: (:meth:`components.encryption.KeyGrants.queue`). Empty with SSE-SQS.
    key_statements: Sequence[dict] = field(default_factory=list)


class ProducerAccess(pulumi.ComponentResource):
    """A managed policy for the backend's role: attach ``policy_arn`` and set the queue URL.

    The same policy whatever ``droplets:kms`` says: with a customer-managed key it also
    holds the KMS grant sending needs, so the backend's set-up never changes.
    """

    policy: aws.iam.Policy

    def __init__(self, name: str, args: ProducerAccessArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:ProducerAccess", name, None, opts)
        self.policy = aws.iam.Policy(
            f"{name}-policy",
            description="droplets producer: send captured API calls to the events queue",
            policy=policy_document([{
                    "Sid": "SendEvents",
                    "Effect": "Allow",
                    "Action": list(PRODUCER_ACTIONS),
                    "Resource": args.queue_arn,
                }, *args.key_statements]),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.policy_arn = self.policy.arn
        self.register_outputs({"producerPolicyArn": self.policy_arn})

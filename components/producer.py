"""What the producer (the Express backend) may do: send to the events queue, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

#: sqs:SendMessage also authorises SendMessageBatch: SQS checks a batch call against the
#: permission of its single-message action (there is no separate sqs:SendMessageBatch).
PRODUCER_ACTIONS = ("sqs:SendMessage",)


@dataclass
class ProducerAccessArgs:
    queue_arn: pulumi.Input[str]


class ProducerAccess(pulumi.ComponentResource):
    """A managed policy for the backend's role: attach ``policy_arn`` and set the queue URL.

    No KMS permission is needed: the queue uses SSE-SQS, whose keys SQS holds itself.
    """

    policy: aws.iam.Policy

    def __init__(self, name: str, args: ProducerAccessArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:ProducerAccess", name, None, opts)
        self.policy = aws.iam.Policy(
            f"{name}-policy",
            description="droplets producer: send captured API calls to the events queue",
            policy=pulumi.Output.json_dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "SendEvents",
                    "Effect": "Allow",
                    "Action": list(PRODUCER_ACTIONS),
                    "Resource": args.queue_arn,
                }],
            }),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.policy_arn = self.policy.arn
        self.register_outputs({"producerPolicyArn": self.policy_arn})

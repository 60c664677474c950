"""One pipeline Lambda: its role, its logs, its code, and the queue that triggers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import pulumi
import pulumi_aws as aws

from components.bundle import RUNTIME
from components.config import VISIBILITY_TIMEOUT_FACTOR
from components.iam import policy_document
from components.queue import QueueWithDeadLetter

#: The actions an SQS event source mapping needs on its queue (and no more).
SQS_TRIGGER_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
LAMBDA_NAME_MAX = 64


@dataclass
class PipelineFunctionArgs:
    function_name: str
    #: The role's name, fixed (``<project>-<stack>-<role>``) so its ARN is known before it
    #: exists: the bucket policy and the key policy name it (``aws:PrincipalArn``).
    role_name: str
    handler: str  # "handlers.consumer.handler"
    code: pulumi.Input[pulumi.Archive]
    trigger: QueueWithDeadLetter
    architecture: str
    memory_mb: int
    timeout_seconds: int
    batch_size: int
    batching_window_seconds: int
    log_retention_days: int
    #: At most this many concurrent invocations (the trigger's scaling config).
    maximum_concurrency: int
    environment: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    #: What the handler itself needs, as IAM statements on exact ARNs. The role also gets
    #: its own log group and its trigger queue; nothing else.
    statements: Sequence[Mapping[str, Any]] = ()
    runtime: str = RUNTIME
    #: The customer-managed key of the log group (``droplets:kms``); None: CloudWatch's own.
    log_kms_key_arn: pulumi.Input[str] | None = None
    #: What the log group's creation waits for (the key's policy must let CloudWatch Logs in).
    log_depends_on: Sequence[pulumi.Resource] = ()


class PipelineFunction(pulumi.ComponentResource):
    """A Lambda driven by an SQS queue, reporting partial batch failures.

    The function has an explicit name so its log group (``/aws/lambda/<name>``) can be
    created first, with a retention, instead of by Lambda on first write, without one.
    """

    role: aws.iam.Role
    policy: aws.iam.RolePolicy
    log_group: aws.cloudwatch.LogGroup
    function: aws.lambda_.Function
    trigger: aws.lambda_.EventSourceMapping

    def __init__(self, name: str, args: PipelineFunctionArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:PipelineFunction", name, None, opts)
        if len(args.function_name) > LAMBDA_NAME_MAX:
            raise ValueError(f"Lambda function name {args.function_name!r} is longer than {LAMBDA_NAME_MAX} characters")
        # A batch still running when its messages become visible again is processed twice.
        if args.trigger.visibility_timeout_seconds < VISIBILITY_TIMEOUT_FACTOR * args.timeout_seconds:
            raise ValueError(
                f"{name}: the trigger queue's visibility timeout ({args.trigger.visibility_timeout_seconds}s) must be at "
                f"least {VISIBILITY_TIMEOUT_FACTOR}x the function timeout ({args.timeout_seconds}s)"
            )
        child = pulumi.ResourceOptions(parent=self)

        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-logs",
            name=f"/aws/lambda/{args.function_name}",
            retention_in_days=args.log_retention_days,
            **({"kms_key_id": args.log_kms_key_arn} if args.log_kms_key_arn is not None else {}),
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(args.log_depends_on)),
        )
        self.role = aws.iam.Role(
            f"{name}-role",
            name=args.role_name,
            assume_role_policy=policy_document([{
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }]),
            opts=child,
        )
        queue_arn = args.trigger.queue.arn
        self.policy = aws.iam.RolePolicy(
            f"{name}-policy",
            role=self.role.id,
            policy=policy_document([
                {
                    "Sid": "WriteOwnLogs",
                    "Effect": "Allow",
                    "Action": list(LOG_ACTIONS),
                    # "<log group ARN>:*": the group and its streams, the form CloudWatch
                    # Logs documents for IAM policies.
                    "Resource": pulumi.Output.concat(self.log_group.arn, ":*"),
                },
                {
                    "Sid": "ConsumeTriggerQueue",
                    "Effect": "Allow",
                    "Action": list(SQS_TRIGGER_ACTIONS),
                    "Resource": queue_arn,
                },
                *args.statements,
            ]),
            opts=child,
        )
        self.function = aws.lambda_.Function(
            f"{name}-function",
            name=args.function_name,
            role=self.role.arn,
            runtime=args.runtime,
            handler=args.handler,
            code=args.code,
            architectures=[args.architecture],
            memory_size=args.memory_mb,
            timeout=args.timeout_seconds,
            environment={"variables": dict(args.environment)},
            logging_config={"log_format": "JSON", "log_group": self.log_group.name},
            # The log group exists (with its retention) before the first invocation, and
            # the role can write to it.
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.log_group, self.policy]),
        )
        self.trigger = aws.lambda_.EventSourceMapping(
            f"{name}-trigger",
            event_source_arn=queue_arn,
            function_name=self.function.arn,
            batch_size=args.batch_size,
            maximum_batching_window_in_seconds=args.batching_window_seconds,
            # Only the failed messages of a batch are retried (the handlers report them).
            function_response_types=["ReportBatchItemFailures"],
            # Lambda's pollers invoke at most this many at once, so they do not receive
            # messages they cannot hand to a function: a throttled invocation's messages
            # return to the queue and count as a receive towards maxReceiveCount.
            scaling_config={"maximum_concurrency": args.maximum_concurrency},
            # Lambda checks the role can read the queue when the mapping is created.
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.policy]),
        )

        self.name = self.function.name
        self.arn = self.function.arn
        self.register_outputs({"functionName": self.name, "functionArn": self.arn, "roleArn": self.role.arn})

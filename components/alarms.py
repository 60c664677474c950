"""CloudWatch alarms for the pipeline, published to an encrypted SNS topic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import pulumi
import pulumi_aws as aws

from components.encryption import partition_of
from components.iam import policy_document

PERIOD_SECONDS = 300


@dataclass
class AlarmsArgs:
    account_id: pulumi.Input[str]
    region: pulumi.Input[str]
    #: The topic's name, fixed so its ARN is known to the key policy (which the topic needs).
    topic_name: str
    #: label -> queue name: alarm as soon as a DLQ holds a message.
    dead_letter_queues: Mapping[str, pulumi.Input[str]]
    #: label -> queue name: alarm when the oldest message waits too long (a stalled consumer).
    source_queues: Mapping[str, pulumi.Input[str]]
    #: label -> function name: alarm on any invocation error.
    functions: Mapping[str, pulumi.Input[str]]
    oldest_message_seconds: int
    email: str | None = None
    #: label -> state machine ARN: alarm on any failed execution.
    state_machines: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)


class Alarms(pulumi.ComponentResource):
    """DLQ depth > 0, function errors > 0, function throttles > 0, oldest message age, failed
    state machine executions; an optional e-mail subscription.

    The topic is encrypted with a customer-managed KMS key: CloudWatch alarms cannot publish
    to a topic encrypted with the AWS-managed ``alias/aws/sns`` key, whose policy cannot
    grant CloudWatch the use of it.
    """

    key: aws.kms.Key
    topic: aws.sns.Topic
    alarms: list[aws.cloudwatch.MetricAlarm]

    def __init__(self, name: str, args: AlarmsArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:Alarms", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        partition = pulumi.Output.from_input(args.region).apply(partition_of)
        topic_arn = pulumi.Output.concat("arn:", partition, ":sns:", args.region, ":", args.account_id, ":", args.topic_name)
        alarm_arns = pulumi.Output.concat("arn:", partition, ":cloudwatch:", args.region, ":", args.account_id, ":alarm:*")

        self.key = aws.kms.Key(
            f"{name}-key",
            description="droplets alarm topic encryption",
            enable_key_rotation=True,
            policy=policy_document([
                {
                    # The default key policy: the account's IAM policies decide who else
                    # may use or manage the key. In a key policy "Resource": "*" means
                    # "this key" (AWS requires exactly "*" there).
                    "Sid": "AccountManagesKey",
                    "Effect": "Allow",
                    "Principal": {"AWS": args.account_id},
                    "Action": "kms:*",
                    "Resource": "*",
                },
                {
                    # CloudWatch encrypts what it publishes to the topic: only for this
                    # account's alarms (no other account's alarm can use the key through
                    # CloudWatch), only for this topic. "*" as above.
                    "Sid": "CloudWatchAlarmsPublish",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudwatch.amazonaws.com"},
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                    "Resource": "*",
                    "Condition": {
                        "StringEquals": {
                            "aws:SourceAccount": args.account_id,
                            "kms:EncryptionContext:aws:sns:topicArn": topic_arn,
                        },
                        "ArnLike": {"aws:SourceArn": alarm_arns},
                    },
                },
            ]),
            opts=child,
        )
        self.topic = aws.sns.Topic(f"{name}-topic", name=args.topic_name, kms_master_key_id=self.key.arn, opts=child)
        self.subscription = None
        if args.email:
            # AWS e-mails the address a confirmation link; nothing is sent until it is clicked.
            self.subscription = aws.sns.TopicSubscription(
                f"{name}-email", topic=self.topic.arn, protocol="email", endpoint=args.email, opts=child
            )

        def alarm(suffix: str, description: str, namespace: str, metric: str, statistic: str,
                  threshold: float, dimensions: Mapping[str, pulumi.Input[str]]) -> aws.cloudwatch.MetricAlarm:
            return aws.cloudwatch.MetricAlarm(
                f"{name}-{suffix}",
                alarm_description=description,
                namespace=namespace,
                metric_name=metric,
                dimensions=dict(dimensions),
                statistic=statistic,
                period=PERIOD_SECONDS,
                evaluation_periods=1,
                comparison_operator="GreaterThanThreshold",
                threshold=threshold,
                treat_missing_data="notBreaching",  # an idle queue or function is healthy
                alarm_actions=[self.topic.arn],
                ok_actions=[self.topic.arn],
                opts=child,
            )

        self.alarms = []
        for label, queue_name in args.dead_letter_queues.items():
            self.alarms.append(alarm(
                f"{label}-dlq-depth",
                # The runbook, where the on-call reads it first: the alarm e-mail.
                f"droplets: messages in the {label} dead-letter queue. Find the cause in the logs "
                f"(message IDs), fix it, then `droplets dlq redrive {label} --stack <stack>`",
                "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", 0, {"QueueName": queue_name},
            ))
        for label, queue_name in args.source_queues.items():
            self.alarms.append(alarm(
                f"{label}-oldest-message",
                f"droplets: a message in the {label} queue waits longer than {args.oldest_message_seconds}s",
                "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", args.oldest_message_seconds,
                {"QueueName": queue_name},
            ))
        for label, function_name in args.functions.items():
            self.alarms.append(alarm(
                f"{label}-errors", f"droplets: the {label} Lambda failed an invocation",
                "AWS/Lambda", "Errors", "Sum", 0, {"FunctionName": function_name},
            ))
            # The triggers' maximumConcurrency keeps Lambda's own pollers from being throttled;
            # a throttle still means the account's concurrency is used up by other functions,
            # and every throttled batch is a receive towards maxReceiveCount without a try.
            self.alarms.append(alarm(
                f"{label}-throttles",
                f"droplets: the {label} Lambda was throttled: the account's concurrency is exhausted and its "
                "messages are received without being processed (each counts towards maxReceiveCount). Raise the "
                "Lambda concurrency quota, or lower droplets:maximumConcurrency",
                "AWS/Lambda", "Throttles", "Sum", 0, {"FunctionName": function_name},
            ))
        for label, arn in args.state_machines.items():
            self.alarms.append(alarm(
                f"{label}-failed",
                f"droplets: a {label} run failed. Its execution's history says which day and why; the days stay "
                "readable as before and the next run tries again (docs/compaction.md)",
                "AWS/States", "ExecutionsFailed", "Sum", 0, {"StateMachineArn": arn},
            ))

        self.register_outputs({"topicArn": self.topic.arn})

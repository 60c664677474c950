"""What the Pulumi program tests read off a run: the resource types they look up, and IAM
documents as {Sid: statement} with one shape for a value that may be a string or a list."""

from __future__ import annotations

QUEUE = "aws:sqs/queue:Queue"
FUNCTION = "aws:lambda/function:Function"
MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
POLICY = "aws:iam/policy:Policy"
KMS_KEY = "aws:kms/key:Key"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
TABLE = "aws:glue/catalogTable:CatalogTable"
MACHINE = "aws:sfn/stateMachine:StateMachine"
SCHEDULE = "aws:scheduler/schedule:Schedule"


def statements(document: dict) -> dict[str, dict]:
    """An IAM document's statements by Sid (every statement droplets writes has one)."""
    return {s["Sid"]: s for s in document["Statement"]}


def as_list(value) -> list:
    """IAM's ``Action``/``Resource``: a string or a list of them."""
    return value if isinstance(value, list) else [value]

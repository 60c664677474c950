"""The stack's customer-managed KMS key (``droplets:kms``), and the KMS grants that go with it.

``droplets:kms`` chooses between three set-ups (:mod:`components.config`):

- ``aws-managed`` (default): no key here; the bucket uses SSE-S3, the queues SSE-SQS, the
  table, the hash-key parameter and the log groups their services' AWS-managed keys. No
  KMS permission appears in any policy.
- ``create``: :class:`StackKey` creates one key (with rotation) for the bucket (SSE-KMS with
  a bucket key), every queue, the table, the hash-key parameter and the function log
  groups, and writes its key policy (:func:`key_policy`).
- an existing key's ARN: the same resources use it; its key policy is its owner's
  (docs/production.md lists the statements it needs).

Either way with a key, every principal's use of it is granted on the key's ARN only,
through the service that needs it (``kms:ViaService``), and narrowed by the encryption
context where the service documents one it always sends: S3 (``aws:s3:arn``, the bucket's
ARN with a bucket key), DynamoDB (``aws:dynamodb:tableName``), SSM (``PARAMETER_ARN``),
CloudWatch Logs (``aws:logs:arn``). SQS documents none, so its grants rely on
``kms:ViaService`` together with the SQS actions, which are themselves scoped to the queues'
ARNs. :class:`KeyGrants` builds those statements for the roles and the managed policies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import pulumi
import pulumi_aws as aws

from components.iam import policy_document

#: What the account's administrators may do with the key: manage it, never use it to
#: encrypt or decrypt (in a key policy, naming the account delegates to its IAM policies).
ADMIN_ACTIONS = (
    "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
    "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
    "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags", "kms:PutKeyPolicy",
    "kms:RevokeGrant", "kms:RetireGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion", "kms:TagResource",
    "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
)
#: Data keys for SQS messages and S3 objects: producers and writers generate, readers decrypt.
ENVELOPE_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")
#: What DynamoDB asks of a table's key on behalf of the principals that create and use the
#: table (the same list as the AWS-managed aws/dynamodb key's policy).
DYNAMODB_ACTIONS = (
    "kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo",
)
#: What CloudWatch Logs asks of a log group's key (its documented key policy statement).
LOGS_ACTIONS = (
    "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom", "kms:ReEncryptTo",
)
#: SSM encrypts a standard SecureString with the key directly (no data key).
SSM_ACTIONS = ("kms:Decrypt", "kms:Encrypt")
DELETION_WINDOW_DAYS = 30


def partition_of(region: str) -> str:
    """The ARN partition of a region (``cn-north-1`` -> ``aws-cn``)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def service(name: str, region: pulumi.Input[str]) -> pulumi.Output[str]:
    """The ``kms:ViaService`` value of an AWS service in ``region``: ``sqs.eu-west-1.amazonaws.com``."""
    return pulumi.Output.concat(name, ".", region, ".amazonaws.com")


@dataclass
class KeyScope:
    """Where the stack's resources are, for the statements of :func:`key_policy` and :class:`KeyGrants`."""

    account_id: pulumi.Input[str]
    region: pulumi.Input[str]
    bucket_arn: pulumi.Input[str]
    #: ``/aws/lambda/<project>-<stack>-``: the functions' log groups start with it.
    log_group_prefix: str
    #: The hash-key parameter's ARN, when the pii transform hashes.
    pii_key_parameter_arn: pulumi.Input[str] | None = None


def key_policy(scope: KeyScope) -> pulumi.Output[str]:
    """The policy of the key :class:`StackKey` creates. ``Resource`` is ``"*"`` in every
    statement: in a key policy it means "this key", and AWS requires exactly that."""
    root = pulumi.Output.concat("arn:", pulumi.Output.from_input(scope.region).apply(partition_of), ":iam::",
                                scope.account_id, ":root")
    in_account = {"kms:CallerAccount": scope.account_id}
    statements: list[dict[str, Any]] = [
        {
            "Sid": "AccountAdministersKey",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": list(ADMIN_ACTIONS),
            "Resource": "*",
        },
        {
            # Principals of the account whose IAM policies allow it (the functions' roles,
            # the producer and operator policies), and only through SQS and S3.
            "Sid": "UseThroughQueuesAndLake",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": list(ENVELOPE_ACTIONS),
            "Resource": "*",
            "Condition": {"StringEquals": {**in_account, "kms:ViaService": [service("sqs", scope.region),
                                                                             service("s3", scope.region)]}},
        },
        {
            "Sid": "UseThroughIndexTable",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": list(DYNAMODB_ACTIONS),
            "Resource": "*",
            "Condition": {"StringEquals": {**in_account, "kms:ViaService": service("dynamodb", scope.region)}},
        },
        {
            # S3 encrypts the notifications it sends to the (encrypted) index queue; only
            # for this bucket, in this account.
            "Sid": "LakeNotifiesIndexQueue",
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": list(ENVELOPE_ACTIONS),
            "Resource": "*",
            "Condition": {
                "ArnEquals": {"aws:SourceArn": scope.bucket_arn},
                "StringEquals": {"aws:SourceAccount": scope.account_id},
            },
        },
        {
            "Sid": "LogsEncryptFunctionLogs",
            "Effect": "Allow",
            "Principal": {"Service": service("logs", scope.region)},
            "Action": list(LOGS_ACTIONS),
            "Resource": "*",
            "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": log_groups_arn(scope)}},
        },
    ]
    if scope.pii_key_parameter_arn is not None:
        # The hash key: through SSM, for this one parameter, and only for principals whose
        # IAM policy allows it. In the stack that is the consumer's role alone; otherwise
        # the account's administrators (who write it: `pulumi up` encrypts and reads it).
        statements.append({
            "Sid": "HashKeyThroughParameterStore",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": list(SSM_ACTIONS),
            "Resource": "*",
            "Condition": {"StringEquals": {
                **in_account,
                "kms:ViaService": service("ssm", scope.region),
                "kms:EncryptionContext:PARAMETER_ARN": scope.pii_key_parameter_arn,
            }},
        })
    return policy_document(statements)


def log_groups_arn(scope: KeyScope) -> pulumi.Output[str]:
    """The ARN pattern of the functions' log groups (the ``aws:logs:arn`` context)."""
    return pulumi.Output.concat(
        "arn:", pulumi.Output.from_input(scope.region).apply(partition_of), ":logs:", scope.region, ":",
        scope.account_id, ":log-group:", scope.log_group_prefix, "*",
    )


@dataclass
class StackKeyArgs:
    scope: KeyScope
    alias: str  # alias/<project>-<stack>
    #: Leave the key in the account when the stack stops declaring it (``droplets:kms``
    #: changed, or the stack destroyed): objects written under it stay readable. For every
    #: stack whose data must survive (``droplets:forceDestroy`` false).
    retain: bool = False


class StackKey(pulumi.ComponentResource):
    """The key ``droplets:kms create`` makes: rotated yearly, deletable only after 30 days,
    and (``retain``) never deleted by Pulumi: a lake object lives as long as the key it was
    written under, and switching ``droplets:kms`` away from ``create`` must not lose data."""

    key: aws.kms.Key
    alias: aws.kms.Alias

    def __init__(self, name: str, args: StackKeyArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:StackKey", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.key = aws.kms.Key(
            f"{name}-key",
            description="droplets: the lake, its queues, index, hash key and function logs",
            enable_key_rotation=True,
            deletion_window_in_days=DELETION_WINDOW_DAYS,
            policy=key_policy(args.scope),
            opts=pulumi.ResourceOptions(parent=self, retain_on_delete=args.retain),
        )
        self.alias = aws.kms.Alias(f"{name}-alias", name=args.alias, target_key_id=self.key.key_id, opts=child)
        self.arn = self.key.arn
        self.register_outputs({"keyArn": self.arn})


class KeyUnusable(ValueError):
    """An existing key (``droplets:kms`` = its ARN) the stack cannot use; the message says why."""


#: What the stores need of a key: SQS, S3, DynamoDB, SSM and CloudWatch Logs encrypt only
#: with a symmetric encryption key.
USABLE_KEY = {"key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT", "key_state": "Enabled"}


def check_existing_key(arn: str) -> None:
    """Describe the key ``droplets:kms`` names (at preview, with the deployer's credentials)
    and refuse one the stores could not use, before anything is created with it: missing or
    not describable, disabled or pending deletion, asymmetric or HMAC, or AWS-managed (its
    policy cannot be edited, so S3 could never notify the index queue, nor CloudWatch Logs
    encrypt the log groups). Raises :class:`KeyUnusable`."""
    try:
        key = aws.kms.get_key(key_id=arn)
    except Exception as exc:  # the provider's invoke error: not found, access denied...
        raise KeyUnusable(f"cannot describe it ({exc}); the deployer needs kms:DescribeKey on it") from None
    if key.key_manager != "CUSTOMER":
        raise KeyUnusable(
            "it is an AWS-managed key: its policy cannot let S3 notify the index queue or CloudWatch Logs "
            "encrypt the log groups; use a customer-managed key, or `create`"
        )
    for field, wanted in USABLE_KEY.items():
        got = getattr(key, field)
        if got != wanted:
            raise KeyUnusable(f"its {field} is {got}, the stores need {wanted}")


class KeyGrants:
    """The KMS statements of IAM policies, for a key ARN (or none: every method returns [])."""

    def __init__(self, key_arn: pulumi.Input[str] | None, region: pulumi.Input[str]):
        self.key_arn = key_arn
        self.region = region

    def _statement(self, sid: str, actions: Sequence[str], via: str, context: dict[str, Any] | None = None) -> list[dict]:
        if self.key_arn is None:
            return []
        condition: dict[str, Any] = {"kms:ViaService": service(via, self.region)}
        for name, value in (context or {}).items():
            condition[f"kms:EncryptionContext:{name}"] = value
        return [{"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": self.key_arn,
                 "Condition": {"StringEquals": condition}}]

    def queue(self, sid: str, *, send: bool = False, receive: bool = False) -> list[dict]:
        """Sending generates a data key (and may decrypt a cached one); receiving decrypts."""
        actions = sorted({*(("kms:GenerateDataKey", "kms:Decrypt") if send else ()), *(("kms:Decrypt",) if receive else ())})
        return self._statement(sid, actions, "sqs")

    def lake(self, sid: str, bucket_arn: pulumi.Input[str], *, write: bool = False, read: bool = False) -> list[dict]:
        actions = sorted({*(("kms:GenerateDataKey",) if write else ()), *(("kms:Decrypt",) if read else ())})
        return self._statement(sid, actions, "s3", {"aws:s3:arn": bucket_arn})

    def table(self, sid: str, table_name: pulumi.Input[str]) -> list[dict]:
        return self._statement(sid, ["kms:Decrypt"], "dynamodb", {"aws:dynamodb:tableName": table_name})

    def parameter(self, sid: str, parameter_arn: pulumi.Input[str]) -> list[dict]:
        return self._statement(sid, ["kms:Decrypt"], "ssm", {"PARAMETER_ARN": parameter_arn})

"""More stacks than the committed two (docs/deploying.md): a third stack (staging) made from
prod's config, and stacks sharing one AWS account. The real program under Pulumi's mocks:
every physical name droplets fixes carries the stack's name, everything else is left to
Pulumi's autonaming (a random suffix), so two stacks never claim the same name."""

from __future__ import annotations

import json

import pulumi
import pytest

from tests.infra.harness import run_program, stack_config

HASH_KEY = "k3y-" + "0123456789abcdef" * 3
def fixed_names(run) -> dict[tuple[str, str], str]:
    """(type, logical name) -> the physical name the program set, for resources that set one
    themselves (not those that name another resource: a bucket's policy names its bucket)."""
    named = {}
    for r in run.mocks.registered:
        value = r.plain("name")
        if value is not None and r.typ != "aws:glue/catalogTable:CatalogTable":  # a table is named within its database
            named[(r.typ, r.name)] = value
    return named


def expected_names(stack: str, config: dict) -> dict[tuple[str, str], str]:
    names = {
        ("aws:lambda/function:Function", "droplets-consumer-function"): f"droplets-{stack}-consumer",
        ("aws:lambda/function:Function", "droplets-indexer-function"): f"droplets-{stack}-indexer",
        ("aws:cloudwatch/logGroup:LogGroup", "droplets-consumer-logs"): f"/aws/lambda/droplets-{stack}-consumer",
        ("aws:cloudwatch/logGroup:LogGroup", "droplets-indexer-logs"): f"/aws/lambda/droplets-{stack}-indexer",
        ("aws:glue/catalogDatabase:CatalogDatabase", "droplets-catalog-database"): f"droplets_{stack.replace('-', '_')}",
        ("aws:athena/workgroup:Workgroup", "droplets-catalog-workgroup"): f"droplets-{stack}",
        ("aws:ssm/parameter:Parameter", "droplets-pii-key"): f"/droplets/{stack}/pii-hash-key",
        # the roles' ARNs are named in policies (the key's, the bucket's) before the roles exist
        ("aws:iam/role:Role", "droplets-consumer-role"): f"droplets-{stack}-consumer",
        ("aws:iam/role:Role", "droplets-indexer-role"): f"droplets-{stack}-indexer",
    }
    if config.get("droplets:compaction", "true") == "true":  # on by default
        names[("aws:iam/role:Role", "droplets-compaction-role")] = f"droplets-{stack}-compaction"
        names[("aws:sfn/stateMachine:StateMachine", "droplets-compaction-state-machine")] = f"droplets-{stack}-compaction"
        names[("aws:scheduler/schedule:Schedule", "droplets-compaction-schedule")] = f"droplets-{stack}-compaction"
    if config.get("droplets:kms") == "create":
        names[("aws:kms/alias:Alias", "droplets-key-alias")] = f"alias/droplets-{stack}"
    if config.get("droplets:alarms") == "true":
        names[("aws:sns/topic:Topic", "droplets-alarms-topic")] = f"droplets-{stack}-alarms"
    return names


@pytest.mark.parametrize("stack,config_from", [("staging", "prod"), ("prod", None), ("dev", None), ("eu-staging_2", "dev")])
@pulumi.runtime.test
def test_every_fixed_name_carries_the_stack_name(stack, config_from):
    # GIVEN a stack, a new one made from a committed stack's config included (the pii
    # transform in hash mode, so that its key's SSM parameter is made too)
    run = run_program(stack, config_from=config_from,
                      overrides={"droplets:transformOptions": json.dumps({"pii": {"mode": "hash"}})},
                      secrets={"droplets:piiHashKey": HASH_KEY})

    def check(outputs):
        # THEN the only names droplets fixes are these, each with the stack's name in it;
        # the queues, bucket, table, policies, key and alarms have none set
        # (Pulumi names them <logical name>-<random suffix>)
        assert fixed_names(run) == expected_names(stack, stack_config(config_from or stack))
        for r in run.mocks.registered:
            assert r.inputs.get("namePrefix") is None and r.inputs.get("bucketPrefix") is None, r
            if r.typ == "aws:s3/bucket:Bucket":
                assert r.inputs.get("bucket") is None, r  # the lake bucket's name is Pulumi's
        # AND the new stack has the config it was made from
        assert outputs["region"] == stack_config(config_from or stack)["aws:region"]

    return run.settled().apply(check)


@pytest.mark.parametrize("stack", ["staging.eu", "x" * 50])
@pulumi.runtime.test
def test_a_stack_name_lambda_cannot_take_fails_the_preview(stack):
    from components.config import SettingsError

    # GIVEN a stack name Pulumi accepts but AWS Lambda does not (a ".", or too long)
    # WHEN the program runs (as `pulumi preview` would) THEN it stops, naming the stack
    with pytest.raises(SettingsError, match=rf"stack name '{stack}' cannot be part of the Lambda function names") as failure:
        run_program(stack, config_from="dev")
    assert isinstance(failure.value, pulumi.RunError)

"""The project's own program on the local stack, for both committed stacks and the three
``droplets:kms`` settings: every resource it declares is materialised on the emulator
(nothing left as "not emulated", nothing refused), with the encryption and policies asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from droplets import contract
from droplets.local import emulator as emulator_module
from droplets.local.stack import deploy, read_stack_config

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stack,kms", [("dev", None), ("prod", None), ("dev", "existing")],
                         ids=["dev-aws-managed", "prod-create", "dev-existing-key"])
def test_every_resource_of_the_program_is_emulated(stack, kms):
    # GIVEN an emulator. moto's state is the process's, and the stack's physical names are
    # fixed (<project>-<stack>-...): each case deploys under a project name of its own, so
    # it meets neither the other cases nor another test's `droplets-dev` in this process
    with emulator_module.start(port=0, region="eu-west-1") as emulator:
        overrides = {}
        key = None
        if kms == "existing":
            # AND, for an existing key, one made beforehand in the same account and region
            key = emulator.client("kms").create_key(Description="the customer's own key")["KeyMetadata"]["Arn"]
            overrides["kms"] = key
        # WHEN the program deploys the committed stack on it
        config = read_stack_config(ROOT, stack, overrides)
        config.project = project = f"e2e{stack}{kms or ''}"
        deployed = deploy(emulator, config, ROOT)

        # THEN every resource was created on the emulator, none refused, none skipped
        assert deployed.summary["not_emulated"] == {}, deployed.summary
        assert deployed.summary["failures"] == []
        assert list(deployed.outputs) == list(contract.STACK_OUTPUTS)
        outputs = deployed.outputs
        sqs, s3, iam = emulator.client("sqs"), emulator.client("s3"), emulator.client("iam")
        if stack == "prod" and kms is None:  # droplets:kms create in Pulumi.prod.yaml
            (alias,) = [a for a in emulator.client("kms").list_aliases()["Aliases"] if a["AliasName"] == f"alias/{project}-prod"]
            key = emulator.client("kms").describe_key(KeyId=alias["TargetKeyId"])["KeyMetadata"]["Arn"]
        # AND the queues are encrypted with the key (or SSE-SQS) and refuse plain HTTP
        for url in (outputs["queueUrl"], outputs["dlqUrl"], outputs["indexQueueUrl"], outputs["indexDlqUrl"]):
            attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
            if key:
                assert attributes["KmsMasterKeyId"] == key
            else:
                assert attributes["SqsManagedSseEnabled"] == "true"
            deny = json.loads(attributes["Policy"])["Statement"][0]
            assert (deny["Sid"], deny["Effect"], deny["Condition"]) == (
                "DenyInsecureTransport", "Deny", {"Bool": {"aws:SecureTransport": "false"}})
        # AND so is the lake
        (rule,) = s3.get_bucket_encryption(Bucket=outputs["bucketName"])["ServerSideEncryptionConfiguration"]["Rules"]
        default = rule["ApplyServerSideEncryptionByDefault"]
        assert (default["SSEAlgorithm"], default.get("KMSMasterKeyID")) == (("aws:kms", key) if key else ("AES256", None))
        # AND the operator policy the stack exports exists, naming the stack's table
        operator = iam.get_policy(PolicyArn=outputs[contract.OUTPUT_OPERATOR_POLICY_ARN])["Policy"]
        document = iam.get_policy_version(PolicyArn=operator["Arn"], VersionId=operator["DefaultVersionId"])["PolicyVersion"]["Document"]
        document = json.loads(document) if isinstance(document, str) else document
        assert outputs["tableName"] in json.dumps(document)


def test_the_emulator_describes_keys_as_the_provider_does():
    # GIVEN an emulator with one customer-managed key, and the program's invoke of aws.kms.get_key
    from pulumi.runtime.mocks import MockCallArgs

    from droplets.local.mocks import EmulatorMocks

    with emulator_module.start(port=0, region="eu-west-1") as emulator:
        arn = emulator.client("kms").create_key(Description="the customer's own key")["KeyMetadata"]["Arn"]
        mocks = EmulatorMocks(emulator)
        # WHEN the key is described THEN its manager, spec, usage and state are the ones the program checks
        described, failures = mocks.call(MockCallArgs("aws:kms/getKey:getKey", {"keyId": arn}, ""))
        assert failures == []
        assert {k: described[k] for k in ("arn", "keyManager", "keySpec", "keyUsage", "keyState", "enabled")} == {
            "arn": arn, "keyManager": "CUSTOMER", "keySpec": "SYMMETRIC_DEFAULT", "keyUsage": "ENCRYPT_DECRYPT",
            "keyState": "Enabled", "enabled": True}
        # AND a key that does not exist is a failure of the invoke (no result), as the provider answers
        missing = arn.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
        described, failures = mocks.call(MockCallArgs("aws:kms/getKey:getKey", {"keyId": missing}, ""))
        assert described == {} and len(failures) == 1 and "NotFoundException" in failures[0][1]
        assert mocks.not_emulated == {}

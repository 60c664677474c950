"""An app not hosted on AWS sends through a role it assumes (docs/deploying.md, "Credentials
for the app"): the example app (``npm start``, the real middleware and the AWS SDK's default
credential chain) runs with no key in its environment, only ``AWS_PROFILE`` naming a profile
that assumes the producer role from another profile's access key. Against a moto server:
the SDK asks STS for the role (moto records the assumption) and sends with its temporary
credentials; every call reaches the queue."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from droplets.local.express import ExpressApp
from droplets.local.traffic import drive, plan_sessions
from tests.e2e.test_packed_messages import receive_all

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "123456789012"  # moto's default account


def test_the_app_sends_with_a_role_assumed_through_its_profile(emulator, tmp_path):
    # GIVEN a queue, and a producer role trusted by an IAM user, with the producer policy's
    # one permission (sqs:SendMessage on the queue)
    sqs, iam = emulator.client("sqs"), emulator.client("iam")
    name = f"assume-{uuid.uuid4().hex[:12]}"
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    user = iam.create_user(UserName=name)["User"]
    key = iam.create_access_key(UserName=name)["AccessKey"]
    role_arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": user["Arn"]}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="producer", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": queue_arn}]}))
    # AND the app's AWS config as the page shows it: a profile with the role, its source
    # profile holding the user's key; no AWS_ACCESS_KEY_ID in the environment
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text(f"[profile droplets]\nrole_arn = {role_arn}\nsource_profile = droplets-source\n"
                      f"region = {emulator.region}\n", encoding="utf-8")
    credentials.write_text(f"[droplets-source]\naws_access_key_id = {key['AccessKeyId']}\n"
                           f"aws_secret_access_key = {key['SecretAccessKey']}\n", encoding="utf-8")
    env = {"AWS_ENDPOINT_URL": emulator.endpoint, "AWS_REGION": emulator.region, "AWS_PROFILE": "droplets",
           "AWS_CONFIG_FILE": str(config), "AWS_SHARED_CREDENTIALS_FILE": str(credentials)}
    from moto.sts.models import sts_backends

    assumed_before = len(sts_backends[ACCOUNT]["global"].assumed_roles)

    # WHEN visitors use the app and it shuts down (flushing what it holds)
    app = ExpressApp(ROOT, queue_url, env)
    try:
        traffic = drive(app.url, plan_sessions(4, seed=3), seed=3)
    finally:
        flush = app.stop()

    # THEN every call was sent, and nothing failed for want of credentials
    assert not traffic.errors
    assert flush["flushed"] and flush["sent"] == traffic.requests and flush["failed"] == flush["dropped"] == 0, app.lines
    assert not [line for line in app.lines if "credentials" in line.lower()], app.lines
    received = receive_all(sqs, queue_url)
    assert sum(len(m["Body"].split("\n")) for m in received) == traffic.requests
    # AND the SDK got its credentials by assuming the producer role (from the user's key)
    assumed = sts_backends[ACCOUNT]["global"].assumed_roles[assumed_before:]
    assert assumed and {a.role_arn for a in assumed} == {role_arn}, assumed

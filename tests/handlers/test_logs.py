"""No body, header, IP, session ID, key, secret or echoing error message in any log line,
even at DEBUG and even when things go wrong."""

from __future__ import annotations

import json
import logging

import boto3
from botocore.exceptions import ReadTimeoutError

from droplets import contract
from handlers import consumer, indexer
from transforms.testing import make_record

from .conftest import BUCKET, body_of, s3_notification, sqs_event

SESSION = "SeSsIoN-4a7f0c2e9b11"
EMAIL = "ada.lovelace@example.org"
IP = "198.51.100.77"
TOKEN = "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2ln"
SECRET = "pii-hash-key-7d1e9a3c5b"
PATH = "/users/ada-lovelace/invoices"


def test_no_personal_data_or_secret_reaches_the_logs(aws, context, aws_env, logs, caplog):
    # GIVEN DEBUG logging everywhere, a pii key in SSM, a chain with a transform that raises
    # with an error echoing the data, and records full of personal data
    boto3.client("ssm").put_parameter(Name="/droplets/pii", Value=SECRET, Type="SecureString")
    caplog.clear()
    caplog.set_level(logging.DEBUG)  # every logger, the SDK's included
    aws_env.setenv(contract.ENV_PII_KEY_PARAM, "/droplets/pii")
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, "tests.handlers.plugins")
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,enrich,explode,keys")
    personal = dict(
        session_id=SESSION,
        request={"path": PATH, "ip": IP, "headers": {"authorization": TOKEN, "cookie": f"sid={SESSION}"},
                 "body": {"email": EMAIL}, "query": {"email": EMAIL}},
        response={"body": {"email": EMAIL}},
    )
    stored = make_record(new_event_id=True, **personal)
    exploding = make_record(new_event_id=True, **{**personal, "request": {**personal["request"], "path": "/explode" + PATH}})
    throttled = make_record(new_event_id=True, **personal)
    poison = f'{{"email": "{EMAIL}", "session_id": "{SESSION}"'  # not JSON
    invalid = body_of({**make_record(new_event_id=True, **personal), "v": 2})
    app = consumer.consumer()

    def time_out(params, **_):
        if params["Key"] == contract.object_key(throttled):
            raise ReadTimeoutError(endpoint_url=f"https://{BUCKET}.s3.amazonaws.com/{params['Key']}")

    app.s3.meta.events.register("before-parameter-build.s3.PutObject", time_out)
    event = sqs_event([body_of(stored), body_of(exploding), body_of(throttled), poison, invalid])
    # WHEN the consumer handles them, and the indexer indexes and removes the stored one
    response = consumer.handler(event, context)
    key = contract.object_key(stored)
    indexer.handler(sqs_event([s3_notification("ObjectCreated:Put", key)], template="sqs-s3-object-created.json"), context)
    aws.s3.delete_object(Bucket=BUCKET, Key=key)
    indexer.handler(sqs_event([s3_notification("ObjectRemoved:Delete", key, "0062E99A88DC4074FF")],
                              template="sqs-s3-object-created.json"), context)
    # THEN the logs say what happened, by message ID and step...
    assert response["batchItemFailures"] == [{"itemIdentifier": event["Records"][2]["messageId"]}]
    text = logs.getvalue() + caplog.text
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert {"batch processed", "bad row written", "PutObject failed; message left for redelivery"} <= {
        line["message"] for line in lines}
    assert event["Records"][2]["messageId"] in text
    assert any(line.get("step") == "explode" for line in lines)
    # ...and contain none of the data
    for needle in (SESSION, EMAIL, IP, TOKEN, "eyJhbGci", SECRET, PATH, "ada-lovelace", key, stored["event_id"]):
        assert needle not in text, f"{needle!r} leaked into the logs"

"""Packed messages end to end over the wire: the example Express app (``npm start``, the real
middleware, packing on as by default) sends simulated browser sessions to a queue on a moto
server (``ThreadedMotoServer``); the messages are received as Lambda's poller receives them
and handed, in the real SQS event shape, to the real consumer handler, which writes to S3 on
the same server. An old producer's unpacked message shares the batch.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

from droplets import contract
from droplets.contract import message as messages
from droplets.local.express import ExpressApp
from droplets.local.runner import sqs_record
from droplets.local.traffic import drive, plan_sessions
from handlers import consumer
from tests.cli.lake import create_table
from transforms.testing import make_record

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def receive_all(sqs, queue_url: str) -> list[dict]:
    """Every message in the queue, received (with all attributes) as Lambda's poller does."""
    found: list[dict] = []
    while batch := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1, VisibilityTimeout=300,
                                       MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"]).get("Messages", []):
        found += batch
    return found


def lake(s3, bucket: str) -> dict[str, bytes]:
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket) for o in page.get("Contents", [])]
    return {key: s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


def test_the_example_apps_packed_messages_and_an_old_one_are_stored_by_the_consumer(emulator):
    # GIVEN a queue and a bucket on the moto server, and the example app sending to the queue
    sqs, s3 = emulator.client("sqs"), emulator.client("s3")
    name = f"packed-{uuid.uuid4().hex[:12]}"
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": emulator.region})
    create_table(emulator.client("dynamodb"), name)
    app = ExpressApp(ROOT, queue_url, emulator.env())

    # WHEN simulated browser sessions use the app, and it shuts down (flushing what it holds)
    try:
        traffic = drive(app.url, plan_sessions(15, seed=11), seed=11)
    finally:
        flush = app.stop()
    assert not traffic.errors
    # AND an old producer sends one unpacked record to the same queue
    old = make_record(new_event_id=True, session_id="old-producer-0001")
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(old))

    # THEN the app sent every call, packed into fewer messages than records
    assert flush["flushed"] and flush["sent"] == traffic.requests and flush["dropped"] == flush["failed"] == 0
    assert flush["messages"] < flush["sent"]
    received = receive_all(sqs, queue_url)
    formats = [messages.format_of(m.get("MessageAttributes")) for m in received]
    assert formats.count(messages.PACKED_FORMAT) == flush["messages"] and formats.count(None) == 1
    assert sum(len(m["Body"].split("\n")) for m in received) == traffic.requests + 1

    # WHEN the consumer gets them in one Lambda SQS event
    event = {"Records": [sqs_record(m, queue_arn, emulator.region) for m in received]}
    app_consumer = consumer.Consumer.from_env(
        {contract.ENV_BUCKET: name, contract.ENV_TABLE: name}, s3=emulator.client("s3"),
        dynamodb=emulator.client("dynamodb"), concurrency=4,
    )
    response = consumer.handle(event, app_consumer)

    # THEN nothing is retried and every call, old and new, is one object under events/
    assert response == {"batchItemFailures": []}
    stored = lake(s3, name)
    assert all(key.startswith(contract.EVENTS_PREFIX) for key in stored)
    records = [json.loads(body) for body in stored.values()]
    assert len(records) == traffic.requests + 1
    assert len({r["event_id"] for r in records}) == len(records)
    sessions = {p.session_id for p in traffic.sessions} | {old["session_id"]}
    assert {r["session_id"] for r in records} == sessions
    # AND every record's received_at is the SentTimestamp of the message that carried it
    carried_at = {json.loads(line)["event_id"]: contract.format_time(datetime.fromtimestamp(
        int(m["Attributes"]["SentTimestamp"]) / 1000, timezone.utc)) for m in received for line in m["Body"].split("\n")}
    assert {r["event_id"]: r["pipeline"]["received_at"] for r in records} == carried_at
    # AND no e-mail address, token or cookie value sent by the sessions is stored
    text = b"\n".join(stored.values()).decode()
    assert traffic.secrets and [s for s in traffic.secrets if s in text] == []

    # WHEN Lambda delivers the same batch again (a timeout after the writes, say)
    again = consumer.handle(event, app_consumer)

    # THEN the same objects are written again, byte for byte: nothing is duplicated
    assert again == {"batchItemFailures": []}
    assert lake(s3, name) == stored

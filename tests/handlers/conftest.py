"""Shared fixtures of the handler tests: moto in-process, the lake bucket and index table,
Lambda-shaped events built from the JSON fixtures, and captured powertools logs."""

from __future__ import annotations

import copy
import io
import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import boto3
import pytest
from moto import mock_aws

from droplets import contract
from handlers import consumer, indexer
from tests.lake_tables import create_index_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BUCKET = "droplets-lake"
TABLE = "droplets-index"
REGION = "eu-west-1"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class LambdaContext:
    """The attributes powertools' inject_lambda_context reads."""

    function_name: str = "droplets-test"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:123456789012:function:droplets-test"
    aws_request_id: str = "52fdfc07-2182-454f-963f-5f0f9a621d72"


@pytest.fixture
def context() -> LambdaContext:
    return LambdaContext()


@pytest.fixture
def aws_env(monkeypatch):
    """Fake credentials and the handlers' environment; nothing from the developer's shell."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB", *contract.VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv(contract.ENV_BUCKET, BUCKET)
    monkeypatch.setenv(contract.ENV_TABLE, TABLE)
    return monkeypatch


@pytest.fixture
def aws(aws_env):
    """moto in-process with the lake bucket and the index table; each test starts from a
    cold container (the handlers' cached clients and chain are dropped)."""
    consumer.consumer.cache_clear()
    indexer.indexer.cache_clear()
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_index_table(dynamodb, TABLE)
        yield Aws(s3=s3, dynamodb=dynamodb)
    consumer.consumer.cache_clear()
    indexer.indexer.cache_clear()


@dataclass
class Aws:
    s3: Any
    dynamodb: Any

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def read(self, key: str) -> dict[str, Any]:
        return json.loads(self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read())

    def items(self) -> list[dict[str, Any]]:
        """Every item of the table but the by-day GSI's layout item (see :meth:`layout`)."""
        from boto3.dynamodb.types import TypeDeserializer

        deserialize = TypeDeserializer().deserialize
        items = self.dynamodb.scan(TableName=TABLE)["Items"]
        return [{name: deserialize(value) for name, value in item.items()} for item in items
                if item[contract.INDEX_PK]["S"] != contract.LAYOUT_PARTITION]

    def layout(self) -> contract.DayLayout:
        item = self.dynamodb.get_item(TableName=TABLE, Key=contract.layout_key(), ConsistentRead=True).get("Item")
        return contract.DayLayout.from_item(item)


# --- events ---------------------------------------------------------------------------


def sqs_message(body: str, *, message_id: str | None = None, template: str = "sqs-events-batch.json",
                receive_count: int = 1) -> dict[str, Any]:
    """One SQS record in the Lambda event shape (from a fixture), with ``body``."""
    message = copy.deepcopy(load_fixture(template)["Records"][0])
    message["messageId"] = message_id or str(uuid.uuid4())
    message["body"] = body
    message["attributes"]["ApproximateReceiveCount"] = str(receive_count)
    return message


def sqs_event(bodies: Iterable[str], **kwargs) -> dict[str, Any]:
    return {"Records": [sqs_message(body, **kwargs) for body in bodies]}


def s3_notification(event_name: str, key: str, sequencer: str | None = "0062E99A88DC407460",
                    size: int | None = 1024, *, encode=None) -> str:
    """The body S3 sends to SQS for one object event (from the fixture), with the key
    encoded as S3 does (``quote_plus``; moto also encodes ``/``, pass ``encode``)."""
    from urllib.parse import quote_plus

    notification = json.loads(load_fixture("sqs-s3-object-created.json")["Records"][0]["body"])
    record = notification["Records"][0]
    record["eventName"] = event_name
    obj = record["s3"]["object"]
    obj["key"] = (encode or (lambda k: quote_plus(k, safe="/")))(key)
    if sequencer is None:
        del obj["sequencer"]
    else:
        obj["sequencer"] = sequencer
    if size is None or event_name.startswith(("ObjectRemoved:", "LifecycleExpiration:")):
        obj.pop("size", None)
        obj.pop("eTag", None)
    else:
        obj["size"] = size
    return json.dumps(notification)


def body_of(record: dict[str, Any]) -> str:
    return json.dumps(record, separators=(",", ":"))


# --- logs -----------------------------------------------------------------------------


def _swap_stream(handler: logging.StreamHandler, stream: Any) -> Any:
    """Point ``handler`` at ``stream``; returns the stream it wrote to.

    Not ``handler.setStream``: it flushes the old stream first, and that stream can be
    closed. powertools binds a Logger's handler to ``sys.stdout`` when the handler module
    is imported, which under pytest is the capture file of the session that imported it;
    pytest closes it when that session ends. A second session in the same process (a
    mutation tool runs the suite in-process, then again in every forked mutant) would fail
    here with "I/O operation on closed file"."""
    with handler.lock:
        old, handler.stream = handler.stream, stream
    return old


@pytest.fixture
def logs():
    """Everything both handlers log, at DEBUG, as the JSON lines powertools writes."""
    stream = io.StringIO()
    saved = []
    for log in (consumer.logger, indexer.logger):
        handler = log.registered_handler
        saved.append((log, handler, _swap_stream(handler, stream), log.log_level))
        log.setLevel(logging.DEBUG)
    yield stream
    for log, handler, old_stream, level in saved:
        _swap_stream(handler, old_stream)
        log.setLevel(level)

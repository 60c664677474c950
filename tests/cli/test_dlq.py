"""``droplets dlq status`` and ``droplets dlq redrive`` against moto in-process, through the
real CLI, with the queues found the way an operator's are: the local stack's
``.droplets/local.json`` (the same stack outputs ``--stack`` reads)."""

from __future__ import annotations

import json

import boto3
import botocore.client
import pytest
from moto import mock_aws

from droplets import contract, dlq
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import BUCKET, REGION, TABLE, create_table


class Queues:
    """The stack's two queue pairs, each source redriving to its DLQ as the program sets them."""

    def __init__(self, sqs):
        self.sqs = sqs
        self.urls: dict[str, str] = {}
        for pair, prefix in ((dlq.PAIRS["events"], "events"), (dlq.PAIRS["indexing"], "indexing")):
            dead = sqs.create_queue(QueueName=f"{prefix}-dlq")["QueueUrl"]
            dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            source = sqs.create_queue(QueueName=f"{prefix}-queue", Attributes={
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": 3}),
            })["QueueUrl"]
            self.urls[pair.source_output], self.urls[pair.dlq_output] = source, dead

    def url(self, pair: str, dead: bool) -> str:
        p = dlq.PAIRS[pair]
        return self.urls[p.dlq_output if dead else p.source_output]

    def put(self, pair: str, body: str, binary: bytes | None = None, **attributes: str) -> None:
        values = {k: {"DataType": "String", "StringValue": v} for k, v in attributes.items()}
        if binary is not None:
            values["blob"] = {"DataType": "Binary", "BinaryValue": binary}
        extra = {"MessageAttributes": values} if values else {}
        self.sqs.send_message(QueueUrl=self.url(pair, dead=True), MessageBody=body, **extra)

    def drain(self, pair: str, dead: bool) -> list[dict]:
        """Every message now in the queue (received and deleted)."""
        url, found = self.url(pair, dead), []
        while messages := self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]).get("Messages", []):
            found += messages
            self.sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
        return found

    def visible(self, pair: str, dead: bool) -> int:
        return dlq.depth(self.sqs, self.url(pair, dead))["visible"]


@pytest.fixture
def queues(aws_env):
    """moto with the two queue pairs, and a local.json in the working directory naming them."""
    with mock_aws():
        q = Queues(boto3.client("sqs", region_name=REGION))
        outputs = {contract.OUTPUT_BUCKET: BUCKET, contract.OUTPUT_TABLE: TABLE, **q.urls}
        # No "endpoint": the CLI's clients stay in-process, where moto is.
        contract.LocalState(outputs, region=REGION).write()
        yield q


def record_body(n: int) -> str:
    return json.dumps({"v": 1, "event_id": f"00000000-0000-4000-8000-{n:012d}", "session_id": "sess-dlq-0001"})


def test_status_counts_each_dlq_and_its_queue(cli, queues):
    # GIVEN two dead messages of the consumer and none of the indexer
    queues.put("events", record_body(1))
    queues.put("events", record_body(2))

    # WHEN the operator asks
    result = cli("dlq", "status", "--json")

    # THEN each pair is reported with its DLQ's depth
    assert result.exit_code == 0, result.stderr
    rows = {row["queue"]: row for row in result.json_lines()}
    assert rows["events"]["dlq"]["visible"] == 2 and rows["events"]["reader"] == "consumer"
    assert rows["indexing"]["dlq"]["visible"] == 0
    # AND the human table says what to do next
    human = cli("dlq", "status")
    assert human.exit_code == 0 and "droplets dlq redrive" in human.stdout


def test_redrive_sends_every_message_back_intact_and_empties_the_dlqs(cli, queues):
    # GIVEN three dead records (one with a message attribute) and one dead S3 notification
    bodies = {record_body(n) for n in range(3)}
    for n, body in enumerate(sorted(bodies)):
        queues.put("events", body, **({"trace": "t-1", "binary": b"\x00\x01"} if n == 0 else {}))
    notification = json.dumps({"Records": [{"eventName": "ObjectCreated:Put"}]})
    queues.put("indexing", notification)

    # WHEN the operator redrives both, without the question
    result = cli("dlq", "redrive", "--yes")

    # THEN the source queues hold exactly those bodies, attributes kept, and the DLQs are empty
    assert result.exit_code == 0, result.stderr
    assert "events: moved 3 of 3" in result.stdout and "indexing: moved 1 of 1" in result.stdout
    redriven = queues.drain("events", dead=False)
    assert {m["Body"] for m in redriven} == bodies
    kept = [m["MessageAttributes"] for m in redriven if "MessageAttributes" in m]
    assert [(a["trace"]["StringValue"], a["blob"]["BinaryValue"]) for a in kept] == [("t-1", b"\x00\x01")]
    assert [m["Body"] for m in queues.drain("indexing", dead=False)] == [notification]
    assert queues.drain("events", dead=True) == [] and queues.drain("indexing", dead=True) == []


def test_redrive_of_one_queue_with_a_limit_moves_that_many(cli, queues):
    # GIVEN five dead records and one dead notification
    for n in range(5):
        queues.put("events", record_body(n))
    queues.put("indexing", "{}")

    # WHEN only two of the consumer's are sent back
    result = cli("dlq", "redrive", "events", "--limit", "2", "--yes", "--json")

    # THEN two moved, three stay, and the indexer's DLQ was not touched
    assert result.exit_code == 0, result.stderr
    (summary,) = result.json_lines()
    assert summary | {"errors": None} == {"queue": "events", "found": 5, "moved": 2, "refused": 0,
                                           "not_deleted": 0, "left": 3, "errors": None}
    assert len(queues.drain("events", dead=False)) == 2
    assert queues.visible("events", dead=True) == 3 and queues.visible("indexing", dead=True) == 1


def test_reserved_list_fields_of_received_attributes_are_not_sent_back(cli, queues, monkeypatch):
    # GIVEN a dead message whose received attribute carries SQS's reserved list fields
    # (as some SQS answers do; SendMessage refuses them)
    queues.put("events", record_body(1), trace="t-1")
    original = botocore.client.BaseClient._make_api_call
    sent: list[dict] = []

    def answering(self, operation, params):
        answer = original(self, operation, params)
        if operation == "ReceiveMessage":
            for message in answer.get("Messages", []):
                for value in message.get("MessageAttributes", {}).values():
                    value.update(StringListValues=[], BinaryListValues=[])
        if operation == "SendMessageBatch":
            sent.extend(params["Entries"])
        return answer

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", answering)

    # WHEN it is redriven
    result = cli("dlq", "redrive", "events", "--yes")

    # THEN only the fields SendMessage takes went back
    assert result.exit_code == 0, result.stderr
    assert [e["MessageAttributes"] for e in sent] == [{"trace": {"DataType": "String", "StringValue": "t-1"}}]


def test_large_messages_are_sent_in_batches_within_the_byte_limit(cli, queues, api_calls):
    # GIVEN three dead messages of 100 KiB each: 300 KiB, over SQS's 256 KiB per batch call
    bodies = {json.dumps({"n": n, "pad": "x" * 100 * 1024}) for n in range(3)}
    for body in bodies:
        queues.put("events", body)

    # WHEN they are redriven
    result = cli("dlq", "redrive", "events", "--yes")

    # THEN all arrive, in more than one SendMessageBatch call
    assert result.exit_code == 0, result.stderr
    assert {m["Body"] for m in queues.drain("events", dead=False)} == bodies
    assert api_calls.count(("sqs", "SendMessageBatch")) >= 2


def test_packed_and_unpacked_messages_go_back_as_they_came_and_the_consumer_reads_both(cli, queues, monkeypatch):
    # GIVEN a DLQ holding an old unpacked message and five full packed messages (64 KiB each,
    # attribute included: 320 KiB, over one batch call), all records of a bad S3 day
    from droplets.contract import message as messages
    from droplets.local.runner import sqs_record
    from handlers import consumer
    from transforms.testing import make_record

    unpacked = make_record(new_event_id=True)
    queues.put("events", json.dumps(unpacked))
    packs = []
    for _ in range(5):
        pack = [make_record(new_event_id=True, response={"body": {"text": "p" * 7000}}) for _ in range(8)]
        bodies = [json.dumps(r, separators=(",", ":")) for r in pack]
        pad = messages.MAX_MESSAGE_BYTES - messages.message_bytes(messages.pack(bodies), messages.packed_attributes())
        pack[-1]["response"]["body"]["text"] += "p" * pad
        bodies[-1] = json.dumps(pack[-1], separators=(",", ":"))
        assert messages.message_bytes(messages.pack(bodies), messages.packed_attributes()) == messages.MAX_MESSAGE_BYTES
        queues.sqs.send_message(QueueUrl=queues.url("events", dead=True), MessageBody=messages.pack(bodies),
                                MessageAttributes=messages.packed_attributes())
        packs.append(pack)
    sent: list[list[dict]] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation, params):
        if operation == "SendMessageBatch":
            sent.append(params["Entries"])
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)

    # WHEN the operator redrives them
    result = cli("dlq", "redrive", "events", "--yes")

    # THEN every call kept within SQS's 256 KiB, counting the attributes as SQS does
    assert result.exit_code == 0, result.stderr
    assert "moved 6 of 6" in result.stdout
    assert len(sent) >= 2
    for entries in sent:
        assert sum(messages.message_bytes(e["MessageBody"], e.get("MessageAttributes")) for e in entries) <= 256 * 1024
    # AND the packed messages are back with their format attribute, the old one without any
    back = queues.drain("events", dead=False)
    formats = sorted(str(messages.format_of(m.get("MessageAttributes"))) for m in back)
    assert formats == ["None"] + [messages.PACKED_FORMAT] * 5
    # AND the consumer, given them as Lambda would, stores all 41 records
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    create_table(dynamodb)
    app = consumer.Consumer.from_env({contract.ENV_BUCKET: BUCKET, contract.ENV_TABLE: TABLE}, s3=s3,
                                     dynamodb=dynamodb, concurrency=4)
    for message in back:
        message.setdefault("Attributes", {})["SentTimestamp"] = "1795670465512"
    event = {"Records": [sqs_record(m, "arn:aws:sqs:eu-west-1:123456789012:events-queue", REGION) for m in back]}
    assert consumer.handle(event, app) == {"batchItemFailures": []}
    stored = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET) for o in page.get("Contents", [])]
    every = [unpacked] + [r for pack in packs for r in pack]
    assert sorted(stored) == sorted(contract.object_key(r) for r in every)


def test_a_message_the_queue_refuses_stays_in_the_dlq_visible_and_the_exit_code_says_so(cli, queues, monkeypatch):
    # GIVEN three dead records, and a source queue that refuses the one of event 1
    for n in range(3):
        queues.put("events", record_body(n))
    refused_body = record_body(1)
    original = botocore.client.BaseClient._make_api_call

    def refusing(self, operation, params):
        if operation != "SendMessageBatch":
            return original(self, operation, params)
        keep = [e for e in params["Entries"] if e["MessageBody"] != refused_body]
        answer = original(self, operation, {**params, "Entries": keep}) if keep else {"Successful": []}
        refused = [{"Id": e["Id"], "Code": "KMS.ThrottlingException", "SenderFault": False, "Message": "slow down"}
                   for e in params["Entries"] if e["MessageBody"] == refused_body]
        return {**answer, "Failed": answer.get("Failed", []) + refused}

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", refusing)

    # WHEN the operator redrives, one message per receive (so the refused one, were it
    # visible again during the run, would be received and refused a second time)
    monkeypatch.setattr(dlq, "MAX_BATCH", 1)
    result = cli("dlq", "redrive", "events", "--yes")

    # THEN the other two moved; the refused one was tried once, is still in the DLQ and is
    # visible again as soon as the run ends
    assert result.exit_code == 1
    assert "moved 2 of 3" in result.stdout and "1 refused by the queue" in result.stdout
    assert "KMS.ThrottlingException x1" in result.stdout
    assert {m["Body"] for m in queues.drain("events", dead=False)} == {record_body(0), record_body(2)}
    assert [m["Body"] for m in queues.drain("events", dead=True)] == [refused_body]


def test_without_yes_it_asks_and_a_no_moves_nothing(cli, queues):
    # GIVEN a dead record
    queues.put("events", record_body(1))

    # WHEN the operator answers no
    result = cli("dlq", "redrive", input="n\n")

    # THEN it asked about what it found, nothing moved, and the error says how to skip the question
    assert result.exit_code == 1
    assert "Send 1 from the events DLQ back to be processed again?" in result.stderr
    assert "not confirmed: nothing was moved (pass --yes" in result.stderr
    # (no answer at all, a script without --yes, is a no too)
    assert cli("dlq", "redrive", input="").exit_code == 1
    assert queues.visible("events", dead=True) == 1 and queues.visible("events", dead=False) == 0
    # AND a yes moves it
    assert cli("dlq", "redrive", input="y\n").exit_code == 0
    assert queues.visible("events", dead=False) == 1


def test_empty_dlqs_say_so(cli, queues):
    result = cli("dlq", "redrive", "--yes")
    assert result.exit_code == 0 and "the DLQs are empty" in result.stdout


def test_unknown_queue_name_is_a_one_line_error(cli, queues):
    result = cli("dlq", "redrive", "orders", "--yes")
    assert_one_line_error(result, "unknown queue 'orders'", "events, indexing, all")


def test_without_queue_urls_the_error_says_where_to_get_them(cli, aws_env):
    # GIVEN a target from the environment only (the Lambdas' variables name no queues)
    aws_env.setenv(contract.ENV_BUCKET, BUCKET)
    aws_env.setenv(contract.ENV_TABLE, TABLE)

    # WHEN / THEN
    result = cli("dlq", "status")
    assert_one_line_error(result, "no queueUrl to use", "--stack")

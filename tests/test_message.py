"""The SQS message contract (droplets/contract/message.py, message-v1.json): unpacked and
packed messages, and how big SQS counts them."""

from __future__ import annotations

import json

import pytest

from droplets.contract import message
from transforms.testing import make_record


def compact(record) -> str:
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def test_a_message_without_the_attribute_is_one_record_as_it_always_was():
    # GIVEN an unpacked message (no attributes), even one whose body holds line feeds
    body = '{"v": 1,\n "event_id": "x"}'
    # WHEN its records are read  THEN the body is the one record, untouched
    assert message.format_of({}) is None
    assert message.format_of(None) is None
    assert message.record_bodies(body, None) == [body]


@pytest.mark.parametrize(
    "attributes",
    [
        {"droplets-format": {"stringValue": "ndjson-v1", "stringListValues": [], "binaryListValues": [], "dataType": "String"}},
        {"droplets-format": {"StringValue": "ndjson-v1", "DataType": "String"}},
    ],
    ids=["lambda-event", "sqs-api"],
)
def test_the_format_is_read_from_either_attribute_shape(attributes):
    assert message.format_of(attributes) == message.PACKED_FORMAT == "ndjson-v1"


def test_a_packed_message_is_split_on_line_feeds_only():
    # GIVEN records whose strings hold every other line break JSON may carry raw
    records = [make_record(new_event_id=True, response={"body": {"text": f"a\u2028b\u2029c\rd\x85e\x0bf {i}"}})
               for i in range(3)]
    body = message.pack(compact(r) for r in records) + "\n"  # a final line feed is allowed
    # WHEN its records are read
    bodies = message.record_bodies(body, message.PACKED_FORMAT)
    # THEN there is one body per record, each the record's own JSON
    assert [json.loads(b) for b in bodies] == records


def test_blank_lines_of_a_pack_are_not_records():
    body = '\n{"a":1}\n\n \t\r\n{"b":2}\n'
    assert message.record_bodies(body, message.PACKED_FORMAT) == ['{"a":1}', '{"b":2}']


def test_a_pack_without_a_record_cannot_be_read():
    with pytest.raises(message.MessageError, match="holds no record"):
        message.record_bodies("\n \n", message.PACKED_FORMAT)


@pytest.mark.parametrize("value", ["ndjson-v2", "json-array-v1", "NDJSON-V1", "", "x" * 500])
def test_an_unknown_format_is_an_error_naming_it(value):
    # GIVEN a message declaring a format this consumer does not know
    # WHEN its records are read  THEN the error names the attribute and the value (shortened)
    with pytest.raises(message.MessageError) as info:
        message.record_bodies('{"v":1}', value)
    assert "droplets-format=" in str(info.value)
    assert repr(value[:64])[:-1] in str(info.value)
    assert len(str(info.value)) < 200


def test_a_binary_format_attribute_is_unknown():
    attributes = {"droplets-format": {"binaryValue": "bmRqc29uLXYx", "dataType": "Binary"}}
    assert message.format_of(attributes) == "(binary)"
    with pytest.raises(message.MessageError):
        message.record_bodies('{"v":1}', message.format_of(attributes))


def test_pack_refuses_a_body_that_is_not_one_line():
    with pytest.raises(ValueError, match="line feed"):
        message.pack(['{"a":\n1}'])


def test_message_bytes_count_the_body_and_the_attributes_as_sqs_does():
    # GIVEN a packed message of two records with non-ASCII text
    body = message.pack(['{"t":"é"}', '{"t":"数"}'])
    # WHEN sized  THEN UTF-8 bytes of the body, plus name + data type + value of the attribute
    assert message.message_bytes(body) == len(body.encode())
    assert message.message_bytes(body, message.packed_attributes()) == (
        len(body.encode()) + len("droplets-format") + len("String") + len("ndjson-v1"))


def test_the_contract_file_keeps_the_budget_well_under_the_sqs_limits():
    # The default pack budget is one billing chunk, and four packs fit one SendMessageBatch call.
    assert message.MAX_MESSAGE_BYTES == message.SQS_BILLING_CHUNK_BYTES == 64 * 1024
    assert 4 * message.MAX_MESSAGE_BYTES <= message.SQS_MAX_BATCH_BYTES == 256 * 1024
    assert message.SEPARATOR == "\n"
    assert message.contract()["record_version"] == 1

"""The text detectors of ``pii`` end to end through the consumer Lambda handler: a
real-shaped SQS event in, the object stored in (moto's) S3 read back."""

from __future__ import annotations

import json

from handlers import consumer
from transforms.testing import make_record

from .conftest import BUCKET, body_of, sqs_event


def stored_text(aws) -> str:
    (key,) = aws.keys()
    return aws.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read().decode()


def test_personal_data_in_free_text_and_urls_is_not_stored(aws, context):
    # GIVEN an API call whose error message, Location header and body carry personal data
    # and credentials in formats found only by the text detectors
    record = make_record(
        new_event_id=True,
        request={"method": "POST", "path": "/api/profile", "body": {
            "note": "Tel: 0612345678, NIR 2 95 10 99 126 111 93, card 4111.1111.1111.1111, "
                    "aadhaar 2345 6789 0124, peer 2001:db8:85a3::8a2e:370:7334",
            "text": "Dear Jane Doe, your parcel goes to Hauptstraße 5, 10115 Berlin",
        }},
        response={"status": 302, "headers": {
            "location": "https://app.example.com/cb?code=4/0AX4XfWhAbCdEfGhIjKlMnOp&state=xyz"}},
        error={"type": "DbError", "message": "connect postgres://app:S3cretPass@db.internal:5432 failed: "
                                             "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98"},
    )
    # WHEN the consumer stores it with the default chain
    response = consumer.handler(sqs_event([body_of(record)]), context)
    # THEN nothing of it reached S3, and the record is still whole and valid
    assert response == {"batchItemFailures": []}
    raw = stored_text(aws)
    for secret in ("0612345678", "126 111 93", "4111.1111", "6789 0124", "8a2e:370:7334", "Jane Doe", "Hauptstraße",
                   "0AX4XfWh", "S3cretPass", "MIIEowIBAAKCAQEA7bq98"):
        assert secret not in raw, secret
    stored = json.loads(raw)
    assert stored["event_id"] == record["event_id"]
    assert stored["response"]["headers"]["location"] == "https://app.example.com/cb?code=[redacted]&state=xyz"
    assert "2001:db8:85a3::" in stored["request"]["body"]["note"]


def test_look_alikes_are_stored_unchanged(aws, context):
    # GIVEN a body of timestamps, IDs, digests, product codes, prices and versions
    body = {"at": "Thu, 26 Nov 2026 03:41:05 +0000", "uuid": "550e8400e29b41d4a716446655440000",
            "ulid": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "ean": "4006381333931", "isbn": "978-3-16-148410-0", "price": "1.234,56 €", "version": "v2.0.0-rc.1+build.5",
            "tracking": "1Z999AA10123456784", "epoch_ms": "1764128465481", "date": "31.12.2026 23:59", "upstream": "10.0.0.1"}
    record = make_record(new_event_id=True, response={"status": 200, "body": dict(body)})
    # WHEN the consumer stores it
    consumer.handler(sqs_event([body_of(record)]), context)
    # THEN every value is as it was
    stored = json.loads(stored_text(aws))["response"]["body"]
    assert {name: stored[name] for name in body} == body

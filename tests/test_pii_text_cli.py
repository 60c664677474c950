"""The text detectors end to end through ``droplets transform`` (the installed console
script, as a user runs it on NDJSON records)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from transforms.testing import make_record

DROPLETS = Path(sys.executable).with_name("droplets")


def run(records, *args: str) -> list[dict]:
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    done = subprocess.run([str(DROPLETS), "transform", *args], input=stdin, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def support_call():
    """A support-form call carrying personal data of several countries in free text."""
    return make_record(
        new_event_id=True,
        request={
            "method": "POST", "path": "/api/support", "route": "/api/support",
            "headers": {"referer": "https://app.example.com/reset?token=9f8e7d6c5b4a3f2e1d0c&lang=en"},
            "body": {"message": "Hello, my name is Jane Doe. Call me at 4155550100 or (827)335-2897x191. "
                                "Steuer-ID 36 574 261 809, CPF 123.456.789-09, IBAN GB82 WEST 1234 5698 7654 32 by "
                                "Friday. I live at 221B Baker Street, London NW1 6XE (48.85837, 2.29448). "
                                "q=contact+jane.doe%40example.com",
                     "debug": "key sk_live_4eC39HqLyjWDarjtT1zdp7dc from 203.0.113.42, order ORD-2026-000123 "
                              "placed 2026-11-26T03:41:05Z, build v1.2.3.4, EAN 4006381333931"},
        },
        error={"type": "AuthError", "message": "Login failed: password=hunter2! for jane&#64;example.com"},
    )


SECRETS = ("Jane Doe", "4155550100", "335-2897", "261 809", "456.789-09", "5698 7654", "Baker Street", "48.85837",
           "jane.doe", "9f8e7d6c5b4a3f2e1d0c", "4eC39HqLyjWDarjtT1zdp7dc", "203.0.113.42", "hunter2", "jane&#64;")
BENIGN = ("ORD-2026-000123", "2026-11-26T03:41:05Z", "v1.2.3.4", "4006381333931", "by Friday", "lang=en")


def test_the_default_chain_stores_none_of_the_personal_data_found_in_text():
    # GIVEN a record with personal data and credentials in free text, a header and an error
    # WHEN `droplets transform` runs the default chain
    (line,) = run([support_call()])
    stored = json.dumps(line["record"], ensure_ascii=False)
    # THEN none of it is in the output, the look-alikes around it are, and the client IP
    # in the message is truncated like request.ip
    assert [s for s in SECRETS if s in stored] == []
    assert [s for s in BENIGN if s not in stored] == []
    assert "203.0.113.0" in stored
    body = line["record"]["request"]["body"]
    assert "[name]" in body["message"] and "[steuer_id]" in body["message"] and "[iban] by Friday" in body["message"]


def test_hash_mode_through_the_cli_gives_one_pseudonym_per_identifier_however_written(tmp_path):
    # GIVEN two records writing the same CPF and e-mail differently, and a hash-mode config
    config = tmp_path / "transforms.json"
    config.write_text(json.dumps({"pii": {"mode": "hash", "hash_key": "k" * 40}}))
    first = make_record(new_event_id=True, request={"method": "POST", "body": "cpf 123.456.789-09 jane.doe@example.com"})
    second = make_record(new_event_id=True, request={"method": "POST", "body": "cpf 12345678909 jane.doe%40example.com"})
    # WHEN `droplets transform` runs pii on both
    a, b = run([first, second], "--transforms", "pii", "--config", str(config))
    # THEN the stored bodies are the same pseudonyms
    assert a["record"]["request"]["body"] == b["record"]["request"]["body"]
    assert a["record"]["request"]["body"].startswith("cpf cpf:")


def structured_call():
    """A call whose personal data sits in structures the schema does not name: labelled
    values, pairs as lists, markup, multipart and encoded text, a command line, a map point,
    a route's parameter."""
    return make_record(
        new_event_id=True,
        request={
            "method": "POST", "path": "/auth/magic/3f9a7c2e8b1d4f6a9c0e2b4d6f8a1c3e5b7d9f0a/people",
            "route": "/auth/magic/:token/people",
            "body": {
                "fields": [{"name": "lastName", "value": "Doverton"}, {"key": "password", "value": "s3cr3tPass"}],
                "attrs": [["surname", "Oyelaran"], ["plan", "pro"]],
                "xml": "<user><firstName>Janet</firstName><ns:Password>hunter2x</ns:Password></user>",
                "form": "--x\r\nContent-Disposition: form-data; name=\"mobile\"\r\n\r\n07700900123\r\n--x--",
                "escaped": "{\\\"email\\\":\\\"janet@example.com\\\",\\\"apiSecret\\\":\\\"q9w8e7r6t5y4u3i2\\\"}",
                "next": "https://app.example.com/cb?data=%7B%22password%22%3A%22Tr0ub4dor%22%7D",
                "mail": "From: Janet Doverton <janet@example.com>",
                "job": {"args": ["--api-key", "abcd1234efgh5678ijkl"], "cmd": "curl -u ops:Sup3rS3cret https://x"},
                "pin": {"pos": [51.5033635, -0.1276248]},
                "benign": {"columns": ["name", "price"], "order": [["email", "asc"]], "bid_ask": [1.08425, 1.08441],
                           "page": {"first": "c2VjcmV0", "last": "Y3Vyc29y"}},
            },
        },
    )


def test_personal_data_in_structures_the_schema_does_not_name_is_not_stored():
    # GIVEN a record carrying personal data and credentials in unnamed structures
    # WHEN `droplets transform` runs the default chain
    (line,) = run([structured_call()])
    stored = json.dumps(line["record"], ensure_ascii=False)
    # THEN none of the values is stored, and the look-alikes next to them are
    leaked = [s for s in ("Doverton", "s3cr3tPass", "Oyelaran", "Janet", "hunter2x", "07700900123", "janet@",
                          "q9w8e7r6t5y4u3i2", "Tr0ub4dor", "abcd1234efgh5678ijkl", "Sup3rS3cret", "51.5033635",
                          "3f9a7c2e8b1d4f6a9c0e2b4d6f8a1c3e5b7d9f0a") if s in stored]
    assert leaked == []
    benign = line["record"]["request"]["body"]["benign"]
    assert benign == structured_call()["request"]["body"]["benign"]
    assert line["record"]["request"]["path"] == "/auth/magic/[redacted]/people"

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

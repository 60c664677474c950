"""Bad rows are scrubbed too: through the consumer Lambda's entry point with real-shaped SQS
events (moto in-process), a message the chain cannot store is kept under ``bad/`` with its
payload through ``pii``, unless the operator opted into raw payloads; ``droplets forget``
still finds the session's bad rows."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from droplets import contract
from droplets.cli import app
from handlers import consumer
from transforms import ConfigError
from transforms.builtin.pii import Pii
from transforms.chain import PARSE_STEP, VALIDATE_STEP, WITHHELD, Chain
from transforms.testing import make_record
from tests.handlers.conftest import aws, aws_env, body_of, context, sqs_event  # noqa: F401 (fixtures)

PLUGINS = "tests.handlers.plugins"
SESSION = "sess-bad-rows-0001"
#: What a profile update carries; none of it may reach a bad row.
PERSONAL = ("jane.doe@example.com", "Jane", "Doe", "1990-04-12", "221B Baker", "NW1 6XE", "0612345678",
            "hunter2", "s3cr3tT0ken", "203.0.113.7", "GB82 WEST")


def profile_update(path: str = "/explode/me", session_id: str = SESSION) -> dict:
    return make_record(
        new_event_id=True, session_id=session_id,
        request={"method": "PUT", "path": path, "route": None, "ip": "203.0.113.7",
                 "headers": {"authorization": "Bearer s3cr3tT0ken", "x-user-email": "jane.doe@example.com"},
                 "body": {"firstName": "Jane", "lastName": "Doe", "dateOfBirth": "1990-04-12", "password": "hunter2",
                          "address": {"street": "221B Baker Street", "postalCode": "NW1 6XE", "city": "London"},
                          "mobile": "0612345678", "note": "IBAN GB82 WEST 1234 5698 7654 32"}},
    )


def only_bad_row(aws) -> dict:
    assert aws.keys(contract.EVENTS_PREFIX) == []
    (key,) = aws.keys(contract.BAD_PREFIX)
    return aws.read(key)


def assert_scrubbed(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value


def test_a_record_that_makes_a_transform_raise_is_stored_scrubbed(aws, context, aws_env):
    # GIVEN a chain with a transform that raises, echoing the path and session in its error
    # (as real exceptions do), and a profile update it raises on
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,enrich,explode,keys")
    record = profile_update(path="/explode/jane.doe@example.com")
    # WHEN the consumer handles it in a real-shaped SQS event
    response = consumer.handler(sqs_event([body_of(record)]), context)
    # THEN it is done, and its bad row names the step but holds no personal data or credential
    assert response == {"batchItemFailures": []}
    row = only_bad_row(aws)
    assert row["bad"]["step"] == "explode"
    assert row["bad"]["error"] == f"Explode: cannot handle /explode/[email] for {SESSION}"
    assert_scrubbed(json.dumps(row, ensure_ascii=False))
    # AND the payload is the record, scrubbed field by field, its contract fields intact
    payload = json.loads(row["payload"])
    assert (payload["event_id"], payload["session_id"], payload["occurred_at"]) == (
        record["event_id"], SESSION, record["occurred_at"])
    assert payload["request"]["body"]["address"] == {"street": "[address]", "postalCode": "[postal_code]", "city": "London"}
    assert payload["request"]["body"]["firstName"] == "[name]" and payload["request"]["ip"] == "203.0.113.0"
    assert "authorization" not in payload["request"]["headers"]


def test_a_payload_that_is_not_json_is_scrubbed_as_text_keeping_the_session(aws, context):
    # GIVEN a record cut short (so not JSON), full of personal data
    text = body_of(profile_update())[:-40]
    with pytest.raises(ValueError):
        json.loads(text)
    # WHEN it is consumed
    consumer.handler(sqs_event([text]), context)
    # THEN its bad row holds the text, scrubbed by the text detectors, the session ID kept
    row = only_bad_row(aws)
    assert row["bad"]["step"] == PARSE_STEP
    assert_scrubbed(row["payload"])
    assert f'"session_id":"{SESSION}"' in row["payload"]
    assert '"firstName":"[name]"' in row["payload"] and '"mobile":"[phone]"' in row["payload"]


@pytest.mark.parametrize(
    "payload",
    [
        # JSON, not a record: a list, a string, an object missing the contract's fields
        json.dumps([{"email": "jane.doe@example.com", "dob": "1990-04-12"}, {"mobile": "0612345678"}]),
        json.dumps("write to jane.doe@example.com or call 0044 20 7946 0958"),
        json.dumps({"user": {"firstName": "Jane", "lastName": "Doe", "password": "hunter2"}}),
        # a record whose header value is an object (invalid), and one with a hostile session ID
        json.dumps({**profile_update(), "request": {**profile_update()["request"],
                                                    "headers": {"x-user": {"email": "jane.doe@example.com"}}}}),
        json.dumps({**profile_update(), "session_id": "jane.doe@example.com", "v": 2}),
    ],
    ids=["list", "string", "object", "object-header", "hostile-session"],
)
def test_a_payload_that_is_not_a_record_is_scrubbed(aws, context, payload):
    # WHEN the consumer handles a message that parses but is no valid record
    consumer.handler(sqs_event([payload]), context)
    # THEN it is a bad row of the validate step whose payload holds none of the personal data
    row = only_bad_row(aws)
    assert row["bad"]["step"] == VALIDATE_STEP
    assert_scrubbed(json.dumps(row, ensure_ascii=False))
    json.loads(row["payload"])  # still JSON


def test_a_record_json_cannot_hold_is_scrubbed_too(aws, context, aws_env):
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "add_nan,keys")
    consumer.handler(sqs_event([body_of(profile_update())]), context)
    row = only_bad_row(aws)
    assert row["bad"]["step"] == consumer.SERIALIZE_STEP
    assert_scrubbed(row["payload"])


def test_bad_rows_use_the_chains_pii_options_or_the_defaults(aws, context, aws_env):
    # GIVEN a chain whose pii keeps contact data, and a record it cannot store
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,explode,keys")
    aws_env.setenv(contract.ENV_TRANSFORM_CONFIG, json.dumps({"pii": {"classes": {"contact": "keep"}}}))
    consumer.handler(sqs_event([body_of(profile_update())]), context)
    # THEN its bad row followed those options: contact kept, names still masked
    body = json.loads(only_bad_row(aws)["payload"])["request"]["body"]
    assert (body["mobile"], body["firstName"]) == ("0612345678", "[name]")


def test_a_chain_without_pii_scrubs_bad_rows_with_the_defaults(aws, context, aws_env):
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "enrich,explode,keys")
    consumer.handler(sqs_event([body_of(profile_update())]), context)
    assert_scrubbed(json.dumps(only_bad_row(aws), ensure_ascii=False))


def test_raw_bad_rows_are_an_explicit_opt_in(aws, context, aws_env):
    # GIVEN an operator who chose raw bad rows (droplets:badRowPayload raw)
    aws_env.setenv(contract.ENV_BAD_ROW_PAYLOAD, contract.BAD_ROW_RAW)
    text = body_of(profile_update())[:-40]
    # WHEN a message that is not JSON is consumed  THEN its bad row holds it as sent
    consumer.handler(sqs_event([text]), context)
    assert only_bad_row(aws)["payload"] == text


def test_an_unknown_bad_row_setting_fails_the_cold_start_naming_the_variable(aws, context, aws_env):
    aws_env.setenv(contract.ENV_BAD_ROW_PAYLOAD, "plain")
    with pytest.raises(ConfigError, match=f"{contract.ENV_BAD_ROW_PAYLOAD}: must be one of scrubbed, raw, got 'plain'"):
        consumer.handler(sqs_event(["{}"]), context)


def test_a_redelivered_poison_message_still_overwrites_its_own_scrubbed_bad_row(aws, context):
    event = sqs_event([body_of(profile_update())[:-40]])
    consumer.handler(event, context)
    consumer.handler(event, context)
    assert len(aws.keys(contract.BAD_PREFIX)) == 1


def test_forget_finds_the_sessions_scrubbed_bad_rows(aws, context, aws_env):
    # GIVEN two bad rows of the session (a record a transform raised on, a cut-short one)
    # and one of another session
    aws_env.setenv(contract.ENV_PLUGIN_MODULES, PLUGINS)
    aws_env.setenv(contract.ENV_TRANSFORMS, "pii,explode,keys")
    other = profile_update(session_id="sess-other-00002")
    bodies = [body_of(profile_update()), body_of(profile_update())[:-40], body_of(other)]
    consumer.handler(sqs_event(bodies), context)
    assert len(aws.keys(contract.BAD_PREFIX)) == 3
    # WHEN the session is forgotten
    result = CliRunner().invoke(app, ["forget", SESSION, "--yes", "--json"])
    # THEN both of its bad rows are found and erased, the other session's kept
    assert result.exit_code == 0, result.output
    assert result.stdout and json.loads(result.stdout)["bad_rows"] == 2
    (left,) = aws.keys(contract.BAD_PREFIX)
    assert json.loads(aws.read(left)["payload"])["session_id"] == "sess-other-00002"


# --- when scrubbing itself fails --------------------------------------------------------------


class BrokenWalk(Pii):
    """pii whose walk raises on a payload (a bug): the text detectors must take over."""

    def scrub_payload(self, payload):
        raise RuntimeError("walk bug")


class BrokenEverything(BrokenWalk):
    def scrub_text_payload(self, text):
        raise RuntimeError("text bug")


def test_a_payload_the_walk_cannot_scrub_goes_through_the_text_detectors_or_is_withheld():
    # GIVEN a record a transform raises on, and pii scrubbers that fail
    payload = body_of(profile_update())
    steps = [("boom", lambda record: 1 / 0)]
    # WHEN the walk fails  THEN the text detectors scrub the payload, the session kept
    bad = Chain(steps, scrubber=BrokenWalk({})).run(payload)
    assert bad.step == "boom" and f'"session_id":"{SESSION}"' in bad.payload
    assert "jane.doe@example.com" not in bad.payload and "hunter2" not in bad.payload
    # AND when everything fails the payload is withheld, never kept raw
    withheld = Chain(steps, scrubber=BrokenEverything({})).run(payload)
    assert (withheld.payload, withheld.error) == (WITHHELD, "[error withheld]")

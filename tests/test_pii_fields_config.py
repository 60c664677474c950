"""The ``pii`` class and field options, and ``droplets:badRowPayload``, through their real
entry points: the Pulumi program under mocks (what ``pulumi preview`` runs) and
``droplets transform --config``. Pulumi tests return the Output their checks hang on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pulumi
import pytest

from droplets import contract
from tests.infra.harness import run_program
from transforms.testing import make_record

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

HASH_KEY = "k3y-" + "Hq7" * 12
FUNCTION = "aws:lambda/function:Function"
DROPLETS = Path(sys.executable).with_name("droplets")


def consumer_env(run) -> dict:
    return run.one(FUNCTION, "droplets-consumer-function").plain("environment")["variables"]


BAD = [
    ({"classes": {"name": "blur"}}, "option 'classes.name' must be one of mask, hash, keep, drop, got 'blur'"),
    ({"classes": {"person": "mask"}}, "option 'classes' names 'person', not a class"),
    ({"classes": {"credential": "keep"}}, "option 'classes.credential' cannot be set ('keep')"),
    ({"fields": {"request.body..name": "keep"}}, "option 'fields': 'request.body..name' is not a field path"),
    ({"fields": {"request.body.owner": "person"}}, "option 'fields.request.body.owner' must be an action"),
    ({"fields": {"request.body.password": "keep"}}, "option 'fields.request.body.password' cannot be 'keep'"),
]


@pytest.mark.parametrize(("options", "message"), BAD, ids=[m.split(" must")[0].split(" cannot")[0] for _, m in BAD])
@pulumi.runtime.test
def test_bad_pii_options_fail_the_preview_naming_the_key_and_the_value(options, message):
    from components.config import SettingsError

    # GIVEN the dev stack with bad pii options  WHEN the program runs (as `pulumi preview` does)
    with pytest.raises(SettingsError) as failure:
        run_program("dev", overrides={"droplets:transformOptions": json.dumps({"pii": options})})
    # THEN it stops naming the stack key, the transform, the option and the value
    assert str(failure.value).startswith("droplets:transformOptions: transform 'pii': ")
    assert message in str(failure.value)


@pulumi.runtime.test
def test_a_hashed_class_needs_the_secret_key_at_preview():
    from components.config import SettingsError

    with pytest.raises(SettingsError, match="droplets:piiHashKey is required when droplets:transformOptions.pii.mode is"):
        run_program("dev", overrides={"droplets:transformOptions": json.dumps({"pii": {"classes": {"name": "hash"}}})})


@pulumi.runtime.test
def test_a_hashed_field_gets_the_key_from_ssm_like_hash_mode():
    # GIVEN one field hashed, and the key set as a secret
    options = {"pii": {"fields": {"request.body.member_no": "hash"}, "classes": {"ip": "keep"}}}
    run = run_program("dev", overrides={"droplets:transformOptions": json.dumps(options)},
                      secrets={"droplets:piiHashKey": HASH_KEY})

    def check(_):
        # THEN the key is an SSM SecureString the consumer is pointed at, and the options
        # reach the consumer unchanged
        param = run.one("aws:ssm/parameter:Parameter", "droplets-pii-key")
        env = consumer_env(run)
        assert env[contract.ENV_PII_KEY_PARAM] == param.plain("name")
        assert json.loads(env[contract.ENV_TRANSFORM_CONFIG]) == options

    return run.settled().apply(check)


@pulumi.runtime.test
def test_raw_bad_rows_reach_the_consumer_only_when_chosen():
    raw = run_program("dev", overrides={"droplets:badRowPayload": "raw"})

    def check(_):
        assert consumer_env(raw)[contract.ENV_BAD_ROW_PAYLOAD] == contract.BAD_ROW_RAW

    return raw.settled().apply(check)


@pulumi.runtime.test
def test_by_default_bad_rows_are_scrubbed():
    run = run_program("prod")

    def check(_):
        assert contract.ENV_BAD_ROW_PAYLOAD not in consumer_env(run)  # unset: scrubbed

    return run.settled().apply(check)


@pulumi.runtime.test
def test_an_unknown_bad_row_setting_fails_the_preview():
    from components.config import SettingsError

    with pytest.raises(SettingsError, match=re.escape("droplets:badRowPayload must be one of scrubbed, raw, got 'plain'")):
        run_program("dev", overrides={"droplets:badRowPayload": "plain"})


# --- droplets transform --config ---------------------------------------------------------------


def transform(tmp_path: Path, options: dict, *records) -> subprocess.CompletedProcess:
    config = tmp_path / "options.json"
    config.write_text(json.dumps(options))
    stdin = "".join(json.dumps(r) + "\n" for r in records).encode()
    return subprocess.run([str(DROPLETS), "transform", "--config", str(config)], input=stdin, capture_output=True,
                          timeout=60)


@pytest.mark.parametrize(("options", "message"), BAD, ids=[m.split(" must")[0].split(" cannot")[0] for _, m in BAD])
def test_droplets_transform_reports_bad_pii_options_in_one_line(tmp_path, options, message):
    # WHEN the command runs with bad pii options
    done = transform(tmp_path, {"pii": options}, make_record())
    # THEN it exits 2 with one line naming the transform, the option and the value
    assert done.returncode == 2
    (line,) = done.stderr.decode().strip().splitlines()
    assert "transform 'pii': " in line and message in line
    assert "Traceback" not in done.stderr.decode() and done.stdout == b""


def test_droplets_transform_applies_class_and_field_options(tmp_path):
    # GIVEN names hashed, the IP kept, a nickname kept by path
    record = make_record(new_event_id=True, request={
        "method": "PUT", "path": "/api/me", "route": "/api/me", "ip": "203.0.113.7",
        "body": {"user": {"firstName": "Jane", "nickname": "jd"}, "email": "jane@example.com"}})
    options = {"pii": {"classes": {"name": "hash", "ip": "keep"}, "fields": {"request.body.user.nickname": "keep"},
                       "hash_key": HASH_KEY}}
    # WHEN the record runs through the default chain
    done = transform(tmp_path, options, record)
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(x) for x in done.stdout.decode().splitlines()]
    request = line["record"]["request"]
    # THEN each option took effect
    assert re.fullmatch(r"name:[0-9a-f]{16}", request["body"]["user"]["firstName"])
    assert request["body"]["user"]["nickname"] == "jd"
    assert request["body"]["email"] == "[email]"
    assert request["ip"] == "203.0.113.7"

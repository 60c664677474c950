"""Where the CLI looks for the lake: flags > env > --stack > .droplets/local.json."""

from __future__ import annotations

import json
import os
import stat

import pytest

from droplets import contract
from droplets.errors import TargetError
from droplets.target import LOCAL_DUMMY_CREDENTIALS, resolve_target
from tests.cli.conftest import assert_one_line_error

LOCAL = {
    "endpoint": "http://127.0.0.1:45999",
    "region": "ap-south-1",
    "outputs": {
        "bucketName": "local-bucket", "tableName": "local-table", "queueUrl": "http://q",
        "athenaWorkgroup": "local-wg", "glueDatabase": "local_db", "glueTable": "events",
    },
}


def write_local(folder, data=LOCAL):
    path = folder / contract.LOCAL_STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if isinstance(data, dict) else data)
    return path


@pytest.fixture
def fake_pulumi(clean_env, tmp_path):
    """A `pulumi` on PATH that prints given stack outputs (the real CLI is not installed)."""
    folder = tmp_path / "bin"
    folder.mkdir()

    def install(outputs: dict | None = None, *, fail: str | None = None):
        script = folder / "pulumi"
        log = tmp_path / "pulumi-args"
        if fail:
            body = f"cat >&2 <<'EOF'\nerror: {fail}\nEOF\nexit 255\n"
        else:
            body = f"cat <<'EOF'\n{json.dumps(outputs)}\nEOF\n"
        script.write_text(f"#!/bin/sh\necho \"$@\" > {log}\n{body}")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        clean_env.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        return log

    return install


def test_local_json_is_the_default_with_its_endpoint_region_and_dummy_credentials(clean_env, tmp_path):
    write_local(tmp_path)
    (tmp_path / "sub" / "dir").mkdir(parents=True)
    clean_env.chdir(tmp_path / "sub" / "dir")  # found from a subdirectory, like git
    target = resolve_target()
    assert (target.bucket, target.table, target.endpoint_url, target.region) == (
        "local-bucket", "local-table", "http://127.0.0.1:45999", "ap-south-1")
    assert (target.athena_workgroup, target.glue_database, target.glue_table) == ("local-wg", "local_db", "events")
    assert target.local and target.source.endswith(".droplets/local.json")
    credentials = target.session().get_credentials()
    assert (credentials.access_key, credentials.secret_key) == LOCAL_DUMMY_CREDENTIALS


def test_aws_endpoint_url_wins_over_local_json_and_real_credentials_are_kept(clean_env, tmp_path):
    write_local(tmp_path)
    clean_env.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
    clean_env.setenv("AWS_ACCESS_KEY_ID", "mine")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "mine-secret")
    target = resolve_target()
    assert target.endpoint_url is None and target.where == "http://127.0.0.1:1"
    assert target.session().get_credentials().access_key == "mine"


def test_env_beats_local_json_and_flags_beat_env(clean_env, tmp_path):
    write_local(tmp_path)
    clean_env.setenv(contract.ENV_BUCKET, "env-bucket")
    clean_env.setenv(contract.ENV_TABLE, "env-table")
    clean_env.setenv("AWS_REGION", "eu-central-1")
    target = resolve_target()
    assert (target.bucket, target.table, target.region) == ("env-bucket", "env-table", "eu-central-1")
    assert not target.local and target.endpoint_url is None and target.source == "environment"
    target = resolve_target(bucket="flag-bucket", table="flag-table")
    assert (target.bucket, target.table, target.source) == ("flag-bucket", "flag-table", "flags")


def test_stack_outputs_come_from_the_pulumi_cli(fake_pulumi, tmp_path):
    write_local(tmp_path)  # ignored: --stack means that deployed stack
    log = fake_pulumi({"bucketName": "prod-bucket", "tableName": "prod-table", "athenaWorkgroup": "prod-wg",
                       "glueDatabase": "prod_db", "glueTable": "events", "region": "us-west-2"})
    target = resolve_target(stack="prod")
    assert log.read_text().split() == ["stack", "output", "--json", "--stack", "prod"]
    assert (target.bucket, target.table, target.athena_workgroup, target.region) == (
        "prod-bucket", "prod-table", "prod-wg", "us-west-2")
    assert not target.local and target.endpoint_url is None and target.source == "stack prod"
    assert resolve_target(stack="prod", table="override").table == "override"


def test_stack_errors_are_one_line(fake_pulumi, cli, clean_env):
    fake_pulumi(fail="no stack named 'nope' found")
    result = cli("events", "--stack", "nope")
    assert_one_line_error(result, "pulumi stack output --stack nope failed: error: no stack named 'nope' found")


def test_stack_without_the_pulumi_cli(clean_env, tmp_path, cli):
    clean_env.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(TargetError, match="--stack needs the Pulumi CLI"):
        resolve_target(stack="prod")
    assert_one_line_error(cli("events", "--stack", "prod"), "--stack needs the Pulumi CLI")


def test_nothing_to_target_tells_how_to_fix_it(clean_env, cli):
    assert_one_line_error(cli("events"), "no table to use", "DROPLETS_TABLE", "droplets dev")
    assert_one_line_error(cli("forget", "sess-anyone-0001", "--table", "t"), "no bucket to use", "--bucket")


@pytest.mark.parametrize("content", ["{not json", json.dumps({"endpoint": "x"}), "[]"])
def test_broken_local_json(clean_env, tmp_path, cli, content):
    write_local(tmp_path, content)
    assert_one_line_error(cli("events"), ".droplets/local.json")

"""Fixtures of the CLI tests: a clean AWS environment, moto in-process with the lake bucket
and index table, a shared lake builder, the real Typer app through CliRunner, and a
recorder of every AWS API call the CLI makes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore.client
import pytest
from moto import mock_aws
from typer.testing import CliRunner

from droplets import contract
from droplets.cli import app
from tests.cli.lake import BUCKET, REGION, TABLE, Lake, create_bucket, create_table

AWS_SETTINGS = (
    "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB",
    "AWS_ENDPOINT_URL_ATHENA", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", contract.ENV_BUCKET, contract.ENV_TABLE,
    contract.ENV_RETENTION_DAYS,
)


def _clean(monkeypatch: pytest.MonkeyPatch, directory: Path) -> pytest.MonkeyPatch:
    for name in AWS_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(directory / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(directory / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.chdir(directory)
    return monkeypatch


def _with_keys(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    return monkeypatch


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """Nothing from the developer's shell or the repository's own .droplets/local.json:
    the test runs in an empty directory with no AWS settings."""
    return _clean(monkeypatch, tmp_path)


@pytest.fixture
def aws_env(clean_env):
    return _with_keys(clean_env)


def _lake(aws_env, versioning: bool) -> Lake:
    s3 = boto3.client("s3", region_name=REGION)
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    create_bucket(s3, versioning=versioning)
    create_table(dynamodb)
    aws_env.setenv(contract.ENV_BUCKET, BUCKET)
    aws_env.setenv(contract.ENV_TABLE, TABLE)
    return Lake(s3, dynamodb)


@pytest.fixture
def lake(aws_env):
    """moto in-process with the bucket and table; the CLI finds them via DROPLETS_* env."""
    with mock_aws():
        yield _lake(aws_env, versioning=False)


@pytest.fixture
def versioned_lake(aws_env):
    with mock_aws():
        yield _lake(aws_env, versioning=True)


@contextmanager
def module_lake(directory: Path) -> Iterator[Lake]:
    """The ``lake`` fixture's set-up for a module-scoped fixture: what several tests only
    read (written pages, reports) is built once, in a lake of its own."""
    with pytest.MonkeyPatch.context() as monkeypatch, mock_aws():
        yield _lake(_with_keys(_clean(monkeypatch, directory)), versioning=False)


@dataclass
class Invocation:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    def json_lines(self) -> list:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def json(self):
        return json.loads(self.stdout)


def run_cli(*args: str, input: str | None = None) -> Invocation:
    """Run the real droplets app in-process: ``run_cli("session", "abc...", input="y\\n")``."""
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=True)
    return Invocation(result.exit_code, result.stdout, result.stderr, result.exception)


@pytest.fixture
def cli():
    """:func:`run_cli`, as a fixture."""
    return run_cli


@pytest.fixture
def api_calls(monkeypatch):
    """Every AWS API call made while the test runs, as (service, operation) pairs."""
    calls: list[tuple[str, str]] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        calls.append((self.meta.service_model.service_name, operation_name))
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    return calls


def assert_one_line_error(result: Invocation, *fragments: str) -> str:
    """The failure is exactly one line on stderr, mentions ``fragments``, and no traceback."""
    assert result.exit_code != 0, result.stdout
    # An unexpected exception would be caught by CliRunner and hidden: it must not happen.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("droplets: error: ")
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]

"""What goes wrong outside the CLI's control ends as one clear line, never a traceback."""

from __future__ import annotations

import socket

import pytest

from tests.cli.conftest import assert_one_line_error


def test_missing_table(lake, cli):
    for args in (["session", "sess-anyone-0001"], ["events", "--since", "1d"], ["report", "api"],
                 ["forget", "sess-anyone-0001", "--yes"]):
        result = cli(*args, "--table", "no-such-table")
        assert_one_line_error(result, "table 'no-such-table' not found at AWS eu-west-1", "pulumi up")


def test_missing_bucket(lake, cli):
    lake.add_event("sess-anyone-0001", "2026-03-01T00:00:00.000Z")
    for args in (["session", "sess-anyone-0001", "--full"], ["forget", "sess-anyone-0001", "--yes"],
                 ["sql", "SELECT 1", "--since", "2026-03-01", "--until", "2026-03-01"], ["reindex"]):
        result = cli(*args, "--bucket", "no-such-bucket")
        assert_one_line_error(result, "bucket 'no-such-bucket' not found")


def test_missing_credentials(clean_env, cli):
    clean_env.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    result = cli("events", "--table", "t")
    assert_one_line_error(result, "no AWS credentials found", "AWS_PROFILE")


def test_missing_region(clean_env, cli):
    clean_env.setenv("AWS_ACCESS_KEY_ID", "x")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "x")
    assert_one_line_error(cli("session", "sess-anyone-0001", "--table", "t"), "no AWS region")


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_endpoint_unreachable(aws_env, cli, closed_port):
    url = f"http://127.0.0.1:{closed_port}"
    aws_env.setenv("AWS_ENDPOINT_URL", url)
    result = cli("events", "--table", "t", "--since", "1h")
    assert_one_line_error(result, f"cannot reach {url}", "droplets dev")


def test_local_json_endpoint_down(clean_env, tmp_path, cli, closed_port):
    from droplets import contract

    outputs = {contract.OUTPUT_BUCKET: "b", contract.OUTPUT_TABLE: "t"}
    state = contract.LocalState(outputs, endpoint=f"http://127.0.0.1:{closed_port}", region="us-east-1")
    state.write(tmp_path / contract.LOCAL_STATE_FILE)
    assert_one_line_error(cli("session", "sess-anyone-0001"), f"cannot reach http://127.0.0.1:{closed_port}")


def test_unexpected_errors_are_not_swallowed(lake, cli, monkeypatch):
    # a bug is a bug: it must surface (here as the exception CliRunner caught), not be dressed up
    import droplets.query

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(droplets.query, "session_events", broken)
    result = cli("session", "sess-anyone-0001")
    assert isinstance(result.exception, RuntimeError)

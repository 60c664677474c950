"""Progress bars on long work, drawn on stderr when it is a terminal (and only then)."""

from __future__ import annotations

import pytest

from tests.cli.lake import stored_record

SESSION = "sess-progress-01"


@pytest.fixture
def terminal(aws_env):
    # Rich's own switches: treat stderr as an interactive terminal.
    aws_env.setenv("TTY_COMPATIBLE", "1")
    aws_env.setenv("TTY_INTERACTIVE", "1")


@pytest.fixture
def stored(lake):
    lake.add_many(stored_record(SESSION, f"2026-02-10T10:{m:02d}:00.000Z") for m in range(30))
    lake.dynamodb.delete_item(TableName=lake.table, Key={
        "session_id": {"S": SESSION},
        "sk": {"S": next(r["occurred_at"] + "#" + r["event_id"] for r in lake.records.values())}})
    return lake


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["reindex", "--json"], "reindexing"),
        (["session", SESSION, "--full", "--json"], "reading records"),
        (["sql", "SELECT count(*) AS n FROM events", "--since", "2026-02-10", "--until", "2026-02-10", "--json"], "loading records"),
        (["report", "api", "--since", "2026-02-10", "--until", "2026-02-10", "--json"], "reading the index"),
        (["forget", SESSION, "--yes", "--json"], "erasing"),
    ],
)
def test_long_commands_draw_a_progress_bar_on_a_terminal_and_keep_stdout_clean(stored, terminal, cli, args, label):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert label in result.stderr
    assert "\x1b[" not in result.stdout  # stdout stays machine-readable
    result.json_lines()


def test_no_progress_output_when_not_a_terminal(stored, cli):
    result = cli("reindex", "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.json()["added"] == 1

"""What `droplets demo` prints last, "explore further": the HTML report first, then commands
that work as printed. The report, journeys and sql commands run here as printed
against a lake of the last hour (moto in-process); `droplets dev` and `droplets tail` keep
running until Ctrl-C, so they are checked to be real commands whose options exist."""

from __future__ import annotations

import shlex
from datetime import datetime, timedelta, timezone
from pathlib import Path

from droplets import contract
from droplets.local.demo import next_steps
from tests.cli.lake import stored_record

SESSION = "7b1f0c52-9c1e-4a39-8f0e-2d6a4c1b9e01"


def test_the_report_page_comes_first_then_commands_that_run_as_printed(lake, cli, tmp_path, monkeypatch):
    # GIVEN calls of the last few minutes in the lake, and the demo's list of next steps
    now = datetime.now(timezone.utc)
    lake.add_many([stored_record(SESSION, contract.format_time(now - timedelta(minutes=m)), route=route, status=status)
                   for m, route, status in ((9, "/courses", 200), (8, "/courses/:id", 200), (7, "/signup", 201))])
    page = tmp_path / ".droplets" / "demo" / "api-report.html"
    steps = next_steps(page)
    # THEN the first is the demo's HTML report, by its file URI
    assert steps[0][0] == f"open {page.as_uri()}"
    commands = [shlex.split(command) for command, _ in steps[1:]]
    assert all(argv[0] == "droplets" for argv in commands)
    assert [argv[1] for argv in commands][:2] == ["dev", "report"]
    # WHEN each of the others runs as printed (pages written here)
    monkeypatch.chdir(tmp_path)
    for argv in commands:
        args = argv[1:]
        if args[0] in ("dev", "tail"):  # run until Ctrl-C: their options must exist
            result = cli(*args, "--help")
            assert result.exit_code == 0, (args, result.stdout)
            continue
        result = cli(*args)
        # THEN it succeeds and shows the calls
        assert result.exit_code == 0, (args, result.stderr)
        if args[0] == "report" and args[1] == "api":
            assert "3 calls" in result.stdout and Path("api.html").is_file()
            assert f"droplets session {SESSION}" in result.stdout  # a slow session's journey, ready to run
        elif args[0] == "report":
            assert Path("journeys.html").is_file()
        elif args[0] == "sql":
            assert "/courses/:id" in result.stdout

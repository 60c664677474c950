"""``droplets demo`` as a user runs it (what ``make demo`` runs): the local stack, the example
app, simulated visitors, the demo's own checks, then a journey, the API report and the
sign-up funnel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from droplets import contract

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_end_to_end_and_prints_a_journey_and_the_report(tmp_path):
    # GIVEN the repository (examples/express-app installed by `make setup`), a shell whose
    # environment points the CLI at another lake, and a working directory outside the project
    env = {**os.environ, "COLUMNS": "200", contract.ENV_BUCKET: "not-the-demo-bucket",
           contract.ENV_TABLE: "not-the-demo-table", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}

    # WHEN the demo runs with a few sessions on any free port
    done = subprocess.run(
        [sys.executable, "-m", "droplets", "demo", "--port", "0", "--sessions", "6", "--seed", "7",
         "--project-dir", str(ROOT)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    output = done.stdout + done.stderr

    # THEN its checks pass, and it prints the journey and the report from its own stack
    assert done.returncode == 0, output
    assert "Traceback" not in output
    assert "every call stored and indexed" in output
    journey = re.search(r"droplets session ([0-9a-f-]{36})", output)
    assert journey, output
    assert re.search(rf"session {journey.group(1)}: \d+ calls", output), output
    assert re.search(r"API report \S+ \.\. \S+: \d+ calls", output) and "slowest sessions" in output, output
    # AND it ends with the sign-up funnel: all six visitors enter it (the demo checks the
    # counts per step against what the visitors did)
    assert re.search(r"funnel \S+ \.\. \S+: 6 of 6 sessions entered, \d converted", output), output
    assert "POST /signup:2xx" in output
    assert "demo finished" in output
    # AND it ends with the commands to explore further, the HTML report first: this demo's
    # report, written under the project's .droplets/demo, a page under 1 MB with its calls
    ending = output[output.index("demo finished"):].splitlines()
    assert ending[1] == "explore further:", ending
    page = ROOT / ".droplets" / "demo" / "api-report.html"
    assert ending[2].startswith(f"  open {page.as_uri()}  # this demo's API report as a page"), ending
    html = page.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 1_000_000 and "Chart.js v4." in html
    calls = re.search(r"API report \S+ \.\. \S+: (\d+) calls", output).group(1)
    assert f"<b>{int(calls):,}</b><span>calls</span>" in html
    assert [line.split()[1] for line in ending[3:] if line.strip()][:2] == ["dev", "report"]
    # AND it wrote nothing where it was started (its files go under the project's .droplets/demo)
    assert not any(tmp_path.iterdir())

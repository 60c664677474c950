"""``droplets dev`` as a user runs it: a process that serves until Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import boto3
import pytest

from droplets import contract

from .conftest import PROBE_PROGRAM

pytestmark = pytest.mark.e2e


def test_dev_serves_the_stack_until_ctrl_c_and_cleans_up():
    # GIVEN `droplets dev` on the probe program, on any free port
    state = PROBE_PROGRAM / contract.LOCAL_STATE_FILE
    state.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "droplets", "dev", "--port", "0", "--stack", "test",
         "--project-dir", str(PROBE_PROGRAM), "--retry-after", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        # faulthandler: if it ever hangs, SIGABRT below prints every thread's stack
        env={**os.environ, "COLUMNS": "200", "PYTHONFAULTHANDLER": "1"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not state.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert state.exists(), "".join(lines)

        # WHEN a message is sent to the queue named in .droplets/local.json
        local = json.loads(state.read_text())
        sqs = boto3.client("sqs", endpoint_url=local["endpoint"], region_name=local["region"],
                           aws_access_key_id="x", aws_secret_access_key="x")
        sqs.send_message(QueueUrl=local["outputs"]["queueUrl"], MessageBody="ok#from-dev-test")
        while not any("1 records, ok" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.2)

        # AND the user presses Ctrl-C
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            process.wait(10)
            reader.join(5)
            pytest.fail("droplets dev did not stop within 30 s of Ctrl-C:\n" + "".join(lines))
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(5)
    output = "".join(lines)

    # THEN it said what it emulates and what not, served the message, and stopped cleanly
    assert "emulated:" in output and "sqs.Queue x3" in output
    assert "not emulated: aws:cloudwatch/dashboard:Dashboard x1" in output
    assert "secret config not available locally (left unset): localprobe:apiKey" in output
    assert "note: aws:s3/bucketPolicy probe-lake-tls" in output
    assert f"queueUrl = {local['outputs']['queueUrl']}" in output
    assert "1 records, ok" in output, output
    assert code == 0, output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert "stopping..." in output
    # AND the state file no longer points at a stack that is gone
    assert not state.exists()


def test_dev_with_a_bad_config_value_fails_in_one_line_naming_the_key():
    # GIVEN a config override the program rejects
    done = subprocess.run(
        [sys.executable, "-m", "droplets", "dev", "--port", "0", "--stack", "test",
         "--project-dir", str(PROBE_PROGRAM), "--config", "maxReceiveCount=lots"],
        capture_output=True, text=True, timeout=120,
    )

    # THEN it exits non-zero with one line that names the key, and leaves no state file
    assert done.returncode == 1
    assert "maxReceiveCount" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert not (PROBE_PROGRAM / contract.LOCAL_STATE_FILE).exists()

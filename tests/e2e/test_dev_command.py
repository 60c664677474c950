"""``droplets dev`` as a user runs it: a process that serves until Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[2]
SESSION = "first-hour-dev-0001"


def _start_dev(*args: str, cwd: Path) -> tuple[subprocess.Popen, list[str], threading.Thread]:
    process = subprocess.Popen(
        [sys.executable, "-m", "droplets", "dev", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    return process, lines, reader


def _stop(process: subprocess.Popen, reader: threading.Thread, lines: list[str]) -> int:
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("droplets dev did not stop within 60 s of Ctrl-C:\n" + "".join(lines))
    reader.join(5)
    return code


def test_the_printed_app_command_run_as_printed_stores_the_calls(tmp_path):
    # GIVEN `droplets dev` on the project itself (stack dev), started from the repository root
    # as the README says, with the chain given as a YAML list on the command line
    state = ROOT / contract.LOCAL_STATE_FILE
    process, lines, reader = _start_dev("--port", "0", "--retry-after", "0", "--config", "transforms=[pii, enrich, keys]",
                                        cwd=ROOT)
    app = None
    try:
        deadline = time.monotonic() + 240
        while not any(line.startswith("  cd ") for line in lines) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = [line for line in lines if line.startswith("  cd ")]
        assert printed, "".join(lines)
        command = printed[0].strip()
        local = json.loads(state.read_text())
        # THEN it printed one whole line with the real queue URL, the region, the endpoint and
        # the emulator's credentials (nothing to fill in)
        assert command.startswith("cd examples/express-app && ") and command.endswith(" npm start")
        assert f"DROPLETS_QUEUE_URL={local['outputs']['queueUrl']} " in command
        assert f"AWS_REGION={local['region']} " in command and f"AWS_ENDPOINT_URL={local['endpoint']} " in command
        assert "AWS_ACCESS_KEY_ID=" in command and "AWS_SECRET_ACCESS_KEY=" in command
        assert "<" not in command

        # WHEN the line is run as printed, in a shell whose environment holds no AWS setting at
        # all (no keys, no region, a HOME without ~/.aws; PORT=0 only so as not to collide)
        home = tmp_path / "home"
        home.mkdir()
        app = subprocess.Popen(["bash", "-c", command], cwd=ROOT, env={"PATH": os.environ["PATH"], "HOME": str(home), "PORT": "0"},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        app_lines: list[str] = []
        app_reader = threading.Thread(target=lambda: app_lines.extend(app.stdout), daemon=True)
        app_reader.start()
        url = None
        while url is None and app.poll() is None and time.monotonic() < deadline:
            url = next((line.split("listening on ", 1)[1].strip() for line in app_lines if "listening on " in line), None)
            time.sleep(0.1)
        assert url, "".join(app_lines)
        # AND a visitor uses the app
        calls = [("GET", "/courses?q=sql", None), ("GET", "/courses/1", None),
                 ("POST", "/signup", {"email": "dev.tester@example.com", "course_id": 1}), ("GET", "/courses/999", None)]
        for method, path, body in calls:
            data = json.dumps(body).encode() if body else None
            request = urllib.request.Request(url + path, data=data, method=method,
                                             headers={"X-Session-Id": SESSION, "Content-Type": "application/json"})
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
        os.killpg(app.pid, signal.SIGTERM)
        app.wait(30)
        app_reader.join(5)
        app_output = "".join(app_lines)
        assert "droplets: flushed=true sent=4 dropped=0 failed=0" in app_output, app_output

        # THEN the calls are stored and indexed: `droplets session` (which finds the stack
        # through .droplets/local.json) shows the visitor's four calls
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DROPLETS_"))}
        journey: list[dict] = []
        while len(journey) < len(calls) and time.monotonic() < deadline:
            done = subprocess.run([sys.executable, "-m", "droplets", "session", SESSION, "--json"], cwd=ROOT, env=clean,
                                  capture_output=True, text=True, timeout=60)
            journey = [json.loads(line) for line in done.stdout.splitlines()] if done.returncode == 0 else []
            time.sleep(1)
        assert [(e["method"], e["route"], e["status"]) for e in journey] == [
            ("GET", "/courses", 200), ("GET", "/courses/:id", 200), ("POST", "/signup", 201), ("GET", "/courses/:id", 404)], \
            "".join(lines)
        s3 = boto3.client("s3", endpoint_url=local["endpoint"], region_name=local["region"],
                          aws_access_key_id="x", aws_secret_access_key="x")
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=local["outputs"]["bucketName"], Prefix="events/").get("Contents", [])]
        assert len([k for k in keys if f"/{SESSION}/" in k]) == 4
        body = b"".join(s3.get_object(Bucket=local["outputs"]["bucketName"], Key=k)["Body"].read() for k in keys)
        assert b"dev.tester@example.com" not in body
    finally:
        if app is not None and app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
        code = _stop(process, reader, lines) if process.poll() is None else process.returncode
    assert code == 0, "".join(lines)
    assert not state.exists()


@pytest.mark.parametrize("command", ["dev", "demo"])
def test_a_port_already_taken_is_a_one_line_error_suggesting_port(command):
    # GIVEN a port something else listens on
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # WHEN droplets dev (or demo) is asked to use it
        done = subprocess.run(
            [sys.executable, "-m", "droplets", command, "--port", str(port), "--project-dir", str(PROBE_PROGRAM if command == "dev" else ROOT),
             *(["--stack", "test"] if command == "dev" else [])],
            capture_output=True, text=True, timeout=120,
        )
    # THEN it exits 1 with one line naming the port and suggesting --port, and starts nothing
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (PROBE_PROGRAM / contract.LOCAL_STATE_FILE).exists()

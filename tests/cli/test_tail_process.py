"""droplets tail as a user runs it: the installed executable in a subprocess, following a
lake on a moto server over the wire (found through .droplets/local.json, as the local
stack writes it), while the test indexes calls; stopped by SIGINT, as Ctrl-C does."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from droplets import contract
from droplets.target import LOCAL_TARGET_FILE
from tests.cli.lake import Lake, stored_record
from tests.cli.test_installed_cli import run
from tests.cli.wire import DROPLETS, executable_env, moto_server, wire_lake, write_local_target  # noqa: F401  (moto_server: a fixture)

#: How long to wait for output that should come (polls every 0.3 s; the machine is shared).
PATIENCE = 60.0
#: After the last expected line, how long to keep listening for a (wrong) repeat.
QUIET = 2.0


@pytest.fixture
def live_lake(moto_server, tmp_path) -> tuple[Lake, Path]:
    """A bucket and a table of their own on the server, and a project directory whose
    .droplets/local.json points at them."""
    suffix = uuid.uuid4().hex[:8]
    bucket, table = f"droplets-tail-{suffix}", f"droplets-tail-index-{suffix}"
    lake = wire_lake(moto_server, bucket, table)
    write_local_target(tmp_path, moto_server, {"bucketName": bucket, "tableName": table})
    return lake, tmp_path


class TailProcess:
    """``droplets tail ...`` in a subprocess, its output read as it comes."""

    def __init__(self, cwd: Path, *args: str):
        self.process = subprocess.Popen(
            [str(DROPLETS), "tail", "--interval", "300ms", *args], cwd=cwd, env=executable_env(cwd, COLUMNS="200"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        threading.Thread(target=self._pump_stderr, daemon=True).start()

    def _pump_stdout(self) -> None:
        for line in self.process.stdout:
            self.stdout.put(line.rstrip("\n"))

    def _pump_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr.append(line)
            if line.startswith("following "):
                self._ready.set()

    def wait_ready(self) -> None:
        """Until tail has read what was indexed before it (its first line on stderr)."""
        if not self._ready.wait(PATIENCE):
            self.process.kill()
            pytest.fail("tail did not start: " + "".join(self.stderr))

    def lines(self, count: int) -> list[str]:
        """The next ``count`` lines on stdout (fails after PATIENCE seconds without one)."""
        out = []
        for _ in range(count):
            try:
                out.append(self.stdout.get(timeout=PATIENCE))
            except queue.Empty:
                pytest.fail(f"expected {count} lines, got {out}; stderr: {''.join(self.stderr)}")
        return out

    def lines_until(self, done) -> list[str]:
        """Lines on stdout until ``done(lines)`` holds (fails after PATIENCE seconds without one)."""
        out: list[str] = []
        while not done(out):
            try:
                out.append(self.stdout.get(timeout=PATIENCE))
            except queue.Empty:
                pytest.fail(f"gave up waiting; got {out}; stderr: {''.join(self.stderr)}")
        return out

    def interrupt(self) -> tuple[int, list[str], str]:
        """Ctrl-C: SIGINT, then (exit code, any stdout lines left, stderr)."""
        time.sleep(QUIET)  # several more polls, in which nothing may be printed again
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=PATIENCE)
        time.sleep(0.2)  # let the reader threads drain the pipes
        rest = []
        while not self.stdout.empty():
            rest.append(self.stdout.get())
        return code, rest, "".join(self.stderr)


def now_minus(seconds: float) -> str:
    return contract.format_time(datetime.now(timezone.utc) - timedelta(seconds=seconds))


def assert_clean_stop(code: int, rest: list[str], stderr: str) -> None:
    assert code == 0, stderr
    assert rest == []  # nothing printed twice after the expected lines
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert re.search(r"^stopped; [\d,]+ call\(s\) shown$", stderr, re.M), stderr


def test_tail_follows_calls_indexed_after_it_started_in_order_then_stops_on_ctrl_c(live_lake):
    lake, cwd = live_lake
    # GIVEN a call indexed before tail starts
    lake.add_event("sess-tail-before", now_minus(5), route="/before")
    tail = TailProcess(cwd, "--json")
    tail.wait_ready()
    # WHEN three calls are indexed, then (once they are shown) two more and one that occurred
    # before them but was indexed late, after them
    first = [stored_record("sess-tail-aaaa", now_minus(3 - i), route=f"/first/{i}") for i in range(3)]
    lake.add_many(first)
    shown = [json.loads(line) for line in tail.lines(3)]
    # (1 ms after the second call shown: before the last one shown)
    late_at = contract.format_time(contract.parse_time(first[1]["occurred_at"]) + timedelta(milliseconds=1))
    late = stored_record("sess-tail-bbbb", late_at, route="/late")
    second = [stored_record("sess-tail-aaaa", now_minus(1 - i / 2), route=f"/second/{i}") for i in range(2)]
    lake.add_many(second + [late])
    shown += [json.loads(line) for line in tail.lines(3)]
    code, rest, stderr = tail.interrupt()
    # THEN the calls are shown once each, each poll's in time order, the early one never
    assert [e["route"] for e in shown] == ["/first/0", "/first/1", "/first/2", "/late", "/second/0", "/second/1"]
    assert [e["event_id"] for e in shown] == [r["event_id"] for r in first + [late] + second]
    # AND each line is the index item, as `droplets events --json` prints it
    assert set(shown[0]) == {"occurred_at", "session_id", "method", "route", "status", "duration_ms", "size",
                             "event_id", "s3_key"}
    # AND Ctrl-C ends it cleanly, exit code 0
    assert_clean_stop(code, rest, stderr)


def test_tail_crosses_midnight_without_a_gap_or_a_repeat_and_prints_lines(live_lake):
    lake, cwd = live_lake
    # GIVEN tail reading two days back (its window holds the last midnight UTC, so every poll
    # queries the days on both sides of it)
    tail = TailProcess(cwd, "--lookback", "2d")
    tail.wait_ready()
    midnight = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    around = [contract.format_time(midnight + timedelta(milliseconds=ms)) for ms in (-1500, -1, 0, 1200)]
    # WHEN calls from either side of midnight are indexed in two goes
    records = [stored_record(f"sess-midnight-{i:04d}", at, route="/courses/:id", status=200 if i else 503,
                             duration_ms=12.5 * (i + 1)) for i, at in enumerate(around)]
    lake.add_many([records[1], records[3]])
    lines = tail.lines(2)
    lake.add_many([records[0], records[2]])
    lines += tail.lines(2)
    code, rest, stderr = tail.interrupt()
    # THEN each is printed once, as one line: time, short session, method, route, status, duration
    assert [line.split()[0] for line in lines] == [around[1], around[3], around[0], around[2]]
    assert re.fullmatch(rf"{re.escape(around[0])}  sess-mid  GET    /courses/:id  503  12\.5 ms", lines[2]), lines[2]
    assert lines[0].split()[1:] == ["sess-mid", "GET", "/courses/:id", "200", "25.0", "ms"]
    assert_clean_stop(code, rest, stderr)


def test_tail_honours_every_filter(live_lake):
    lake, cwd = live_lake
    # GIVEN tails with filters, each of which alone would let through more than it does here
    tails = {
        "route-prefix+slower": TailProcess(cwd, "--json", "--route", "/courses/*", "--slower-than", "500ms"),
        "route-glob+5xx": TailProcess(cwd, "--json", "--route", "*/checkout", "--status", "5xx"),
        "4xx-range": TailProcess(cwd, "--json", "--status", "400-499"),
        "session+slower-s": TailProcess(cwd, "--json", "--session", "sess-filter-bbbb", "--slower-than", "1s"),
    }
    for tail in tails.values():
        tail.wait_ready()
    # WHEN these calls are indexed
    calls = {
        1: ("sess-filter-aaaa", "GET", "/courses", 200, 10.0),
        2: ("sess-filter-aaaa", "GET", "/courses/:id", 200, 800.0),
        3: ("sess-filter-bbbb", "GET", "/courses/:id", 404, 20.0),
        4: ("sess-filter-bbbb", "POST", "/courses/:id/checkout", 503, 1200.0),
        5: ("sess-filter-aaaa", "POST", "/courses/:id/checkout", 201, 600.0),
        6: (None, "GET", "/health", 200, 5.0),
        7: ("sess-filter-bbbb", "GET", "/courses/:id", 200, 499.9),
        8: ("sess-filter-aaaa", "GET", "/search", 200, 1500.0),
        9: ("sess-filter-aaaa", "GET", "/recommendations", 500, 30.0),
        10: ("sess-filter-bbbb", "POST", "/signup", 422, 15.0),
        11: ("sess-filter-bbbb", "GET", "/courses/:id", 200, 500.0),  # not slower than 500 ms
    }
    records = {n: stored_record(s, now_minus(5 - n * 0.1), method=m, route=r, status=st, duration_ms=d)
               for n, (s, m, r, st, d) in calls.items()}
    lake.add_many(records.values())
    expected = {"route-prefix+slower": [2, 4, 5], "route-glob+5xx": [4], "4xx-range": [3, 10], "session+slower-s": [4]}
    # THEN each tail shows exactly its calls, once. (Not their order: the eleven index items
    # land in the day's shards while the tails poll them, so one poll can see a later call's
    # shard before an earlier call's; the order of what one poll finds is the next test's.)
    by_id = {r["event_id"]: n for n, r in records.items()}
    for name, tail in tails.items():
        shown = [by_id[json.loads(line)["event_id"]] for line in tail.lines(len(expected[name]))]
        assert sorted(shown) == expected[name], name
    for name, tail in tails.items():
        assert_clean_stop(*tail.interrupt())


def test_tail_raw_prints_the_stored_records_in_order(live_lake):
    lake, cwd = live_lake
    as_json = TailProcess(cwd, "--raw", "--json")
    readable = TailProcess(cwd, "--raw", "--route", "/pay")
    as_json.wait_ready()
    readable.wait_ready()
    # WHEN five calls are indexed, and the object of one of them is gone (erased) by the time
    # tail reads it
    records = [stored_record(f"sess-raw-{i:04d}", now_minus(3 - i / 2), route="/pay" if i % 2 else "/cart")
               for i in range(5)]
    keys = lake.add_many(records[:2])
    gone = contract.object_key(records[2])
    lake.index([(records[2], gone)])  # indexed, but its object is not in the bucket
    keys += [gone] + lake.add_many(records[3:])
    # THEN --raw --json prints each stored object, as stored, in order; the erased one is a note
    shown = [json.loads(line) for line in as_json.lines(4)]
    assert shown == [lake.records[k] for k in keys if k != gone]
    # AND --raw alone prints each call's line, then its record, in order
    wanted = [f'"event_id": "{r["event_id"]}"' for r in (records[1], records[3])]
    text = "\n".join(readable.lines_until(lambda lines: wanted[1] in "\n".join(lines) and lines[-1] == "}"))
    assert text.index(records[1]["occurred_at"]) < text.index(wanted[0]) < text.index(records[3]["occurred_at"]) < text.index(wanted[1])
    assert records[0]["event_id"] not in text  # --route /pay
    code, rest, stderr = as_json.interrupt()
    assert_clean_stop(code, rest, stderr)
    assert f"{gone}: no longer in the bucket (erased or expired)" in stderr
    assert_clean_stop(*readable.interrupt())


def test_tail_with_no_table_fails_in_one_line(live_lake):
    _, cwd = live_lake
    done = run("tail", "--table", "no-such-table", cwd=cwd)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"droplets: error: table 'no-such-table' not found at {json.loads((cwd / LOCAL_TARGET_FILE).read_text())['endpoint']}: "
        "deploy the stack (`pulumi up`) or start the local stack (`droplets dev`)"]


def test_tail_ends_quietly_when_the_reader_of_its_pipe_leaves(live_lake):
    import os

    from tests.cli.conftest import AWS_SETTINGS

    lake, cwd = live_lake
    env = {k: v for k, v in os.environ.items() if k not in AWS_SETTINGS}
    env.update(AWS_CONFIG_FILE=str(cwd / "none"), AWS_SHARED_CREDENTIALS_FILE=str(cwd / "none"),
               AWS_EC2_METADATA_DISABLED="true")
    # GIVEN `droplets tail --json | head -1`: a reader that takes one line and leaves
    process = subprocess.Popen([str(DROPLETS), "tail", "--json", "--interval", "300ms"], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = threading.Event()
        stderr: list[str] = []

        def pump():
            for line in process.stderr:
                stderr.append(line)
                ready.set()

        threading.Thread(target=pump, daemon=True).start()
        assert ready.wait(PATIENCE), "tail did not start"
        lake.add_event("sess-pipe-0001", now_minus(1), route="/one")
        assert json.loads(process.stdout.readline())["route"] == "/one"
        process.stdout.close()
        # WHEN more calls come, which tail can no longer write
        lake.add_event("sess-pipe-0001", now_minus(0.5), route="/two")
        # THEN it ends by itself, exit code 0, without a traceback
        assert process.wait(timeout=PATIENCE) == 0
        time.sleep(0.2)
        assert "Traceback" not in "".join(stderr) and "Broken pipe" not in "".join(stderr), stderr
    finally:
        if process.poll() is None:
            process.kill()

"""What SQS bills for the middleware's traffic, one record per message against packed messages
(issue 17 item 4). Counted, not estimated.

The example app (``examples/express-app``, started as ``npm start``, the real middleware with
its defaults) is driven by the demo's simulated browser sessions (:mod:`droplets.local.traffic`:
searches, course pages, sign-ups, 404s and 5xx) and sends to ``bench/middleware/sqs-stub.js``,
a minimal SQS endpoint in its own process that counts what it receives: ``SendMessageBatch``
calls, messages, records, payload bytes (bodies and message attributes, as SQS sizes a
message) and the requests SQS bills for them (each started 64 KiB of a call's payload is one
request). The app is stopped with SIGTERM after the traffic, so what it held is flushed and
counted too. Two set-ups, ``DROPLETS_PACK=false`` (one record per message, as before
packing) and the default (packed), at two paces:

- **busy**: 8 visitors at once without think time (hundreds of calls per second): calls
  fill up before the flush interval (1 s) ends;
- **quiet**: one visitor with 50 ms between calls (about 15-20 calls per second): the
  flush interval decides when a call leaves.

Figures are scaled to one million API calls. Run: ``.venv/bin/python bench/sqs_cost.py``
(``--help`` for options; it needs ``make setup``: the example app's and the middleware's
``node_modules``).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from droplets.contract import message as messages  # noqa: E402
from droplets.local.express import ExpressApp  # noqa: E402
from droplets.local.traffic import drive, plan_sessions  # noqa: E402

STUB = ROOT / "bench" / "middleware" / "sqs-stub.js"
COUNTERS = ("calls", "messages", "records", "payloadBytes", "billedRequests", "requestBytes")
AWS_ENV = {"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}
#: SQS standard queue, list price per million requests (us-east-1, beyond the free tier), for scale.
PRICE_PER_MILLION_REQUESTS = 0.40


@dataclass
class Run:
    setup: str
    pace: str
    requests: int
    seconds: float
    sent: int
    counts: dict[str, int]

    def per_million(self, name: str) -> float:
        return self.counts[name] * 1_000_000 / self.requests


def start_stub() -> tuple[subprocess.Popen, str]:
    stub = subprocess.Popen(["node", str(STUB)], stdout=subprocess.PIPE, text=True)
    line = stub.stdout.readline()
    match = re.fullmatch(r"port (\d+)\n", line)
    if not match:
        stub.kill()
        raise RuntimeError(f"sqs-stub.js did not start: {line!r}")
    return stub, f"http://127.0.0.1:{match.group(1)}"


def stop_stub(stub: subprocess.Popen) -> dict[str, int]:
    stub.terminate()
    out, _ = stub.communicate(timeout=10)
    counts = dict(re.findall(r"^(\w+) (\d+)$", out, re.M))
    return {name: int(counts[name]) for name in COUNTERS}


def sessions_for(calls: int, seed: int):
    """Whole sessions of the demo's traffic, at least ``calls`` calls in all."""
    plans, count = [], 0
    while count < calls:
        more = plan_sessions(200, seed + len(plans))
        for plan in more:
            plans.append(plan)
            count += len(plan.calls)
            if count >= calls:
                break
    return plans


def measure(setup: str, pack: bool, pace: str, calls: int, seed: int) -> Run:
    stub, endpoint = start_stub()
    try:
        env = {**AWS_ENV, "AWS_ENDPOINT_URL": endpoint, "DROPLETS_PACK": "true" if pack else "false"}
        app = ExpressApp(ROOT, f"{endpoint}/000000000000/events", env)
        try:
            plans = sessions_for(calls, seed)
            if pace == "busy":
                traffic = drive(app.url, plans, concurrency=8, think_time=(0.0, 0.0), seed=seed)
            else:
                traffic = drive(app.url, plans, concurrency=1, think_time=(0.05, 0.05), seed=seed)
        finally:
            flush = app.stop()
    finally:
        counts = stop_stub(stub)
    if traffic.errors or not flush.get("flushed") or flush["sent"] != traffic.requests:
        raise RuntimeError(f"{setup}/{pace}: not every call was sent: {flush}, {len(traffic.errors)} errors")
    if counts["records"] != traffic.requests:
        raise RuntimeError(f"{setup}/{pace}: the stub counted {counts['records']} records for {traffic.requests} calls")
    return Run(setup, pace, traffic.requests, traffic.seconds, flush["sent"], counts)


def table(runs: list[Run]) -> str:
    lines = [
        "| pace | set-up | calls made | calls/s | SendMessageBatch calls | messages | SQS requests billed (send) | payload MB | HTTP MB | records per call | records per message | send cost $ |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        billed = run.per_million("billedRequests")
        lines.append(
            f"| {run.pace} | {run.setup} | {run.requests:,} | {run.requests / run.seconds:,.0f} "
            f"| {run.per_million('calls'):,.0f} | {run.per_million('messages'):,.0f} | {billed:,.0f} "
            f"| {run.per_million('payloadBytes') / 1e6:,.0f} | {run.per_million('requestBytes') / 1e6:,.0f} "
            f"| {run.counts['records'] / run.counts['calls']:.1f} | {run.counts['records'] / run.counts['messages']:.1f} "
            f"| {billed * PRICE_PER_MILLION_REQUESTS / 1e6:.3f} |"
        )
    return "\n".join(lines)


def consumer_side(runs: list[Run]) -> str:
    """Derived, not counted: the fewest requests the consumer's poller can make for the same
    messages (each received once and deleted once, 10 per call; a receive bills per 64 KiB)."""
    lines = ["| pace | set-up | ReceiveMessage at least | DeleteMessageBatch at least |", "|---|---|---:|---:|"]
    for run in runs:
        m, payload = run.per_million("messages"), run.per_million("payloadBytes")
        receive = max(math.ceil(m / messages.SQS_MAX_BATCH_ENTRIES), math.ceil(payload / messages.SQS_BILLING_CHUNK_BYTES))
        lines.append(f"| {run.pace} | {run.setup} | {receive:,} | {math.ceil(m / messages.SQS_MAX_BATCH_ENTRIES):,} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--busy-calls", type=int, default=20_000, help="API calls per busy run (default 20000)")
    parser.add_argument("--quiet-calls", type=int, default=1_000, help="API calls per quiet run (default 1000)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    os.environ.setdefault("AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "true")

    runs = []
    for pace, calls in (("busy", args.busy_calls), ("quiet", args.quiet_calls)):
        for setup, pack in (("one record per message", False), ("packed", True)):
            started = time.perf_counter()
            run = measure(setup, pack, pace, calls, args.seed)
            print(f"{pace}, {setup}: {run.requests} calls in {run.seconds:.1f}s, {run.counts} "
                  f"({time.perf_counter() - started:.0f}s)", file=sys.stderr)
            runs.append(run)

    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs, {platform.machine()}, {cpu}; "
          f"Python {platform.python_version()}, Node.js {node}; seed {args.seed}")
    print()
    print("Per million API calls (counted by the SQS stand-in, scaled):")
    print()
    print(table(runs))
    print()
    for pace in ("busy", "quiet"):
        before, after = [r for r in runs if r.pace == pace]
        print(f"- {pace}: {before.per_million('calls') / after.per_million('calls'):.1f}x fewer calls, "
              f"{before.per_million('billedRequests') / after.per_million('billedRequests'):.1f}x fewer billed send requests, "
              f"{before.per_million('messages') / after.per_million('messages'):.0f}x fewer messages, "
              f"payload {after.per_million('payloadBytes') / before.per_million('payloadBytes'):.3f}x")
    print()
    print("Consumer side, derived from the messages and bytes above (not counted):")
    print()
    print(consumer_side(runs))


if __name__ == "__main__":
    main()

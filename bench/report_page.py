"""The weight of `droplets report api --html` (issue 18: under 1 MB for a day of the demo's
traffic; the plotly.js page weighed 4.9 MB for 255 calls).

The demo's visitors (``droplets.local.traffic.plan_sessions``, answered as the example app
answers them: ``tests.cli.test_report_html.demo_traffic``) over an hour (40 sessions), a day
(40) and a month (120, and 1,200 for a busier month), indexed in moto in-process; each page
written by the real CLI (``droplets report api --since .. --until .. --html``), its bytes
counted and split into the inlined scripts (Chart.js and what draws the charts) and the
rest (the charts' data, the tables, the style). For the same day, the page of the
``main`` branch before issue 18 (plotly.js), rendered from the same events by main's own
code in a child process (``--before /work/main``; skipped without it).

Run: ``.venv/bin/python bench/report_page.py [--before /work/main]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from bench.query import machine  # noqa: E402
from droplets import contract  # noqa: E402
from droplets.cli import app  # noqa: E402
from droplets.query import events_between  # noqa: E402
from droplets.timerange import TimeRange  # noqa: E402
from tests.cli.lake import Lake, create_bucket, create_table  # noqa: E402
from tests.cli.test_report_html import demo_traffic  # noqa: E402

REGION = "eu-west-1"
BUCKET, TABLE = "droplets-bench-page", "droplets-bench-page-index"
#: name -> (start, span, sessions): disjoint ranges, one lake.
RANGES = {
    "an hour": (datetime(2026, 3, 20, 14, tzinfo=timezone.utc), timedelta(hours=1), 40),
    "a day": (datetime(2026, 3, 10, tzinfo=timezone.utc), timedelta(days=1), 40),
    "a month": (datetime(2026, 4, 1, tzinfo=timezone.utc), timedelta(days=30), 120),
    "a busier month": (datetime(2026, 6, 1, tzinfo=timezone.utc), timedelta(days=30), 1200),
}
_BEFORE = """
import json, sys
from droplets.report import build_api_report
from droplets.report_html import write_html
from droplets.timerange import TimeRange
events, since, until, out = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
write_html(build_api_report(events, TimeRange.parse(since, until)), out)
"""


def script_bytes(page: str) -> int:
    """Bytes inside the inline <script> elements that hold code (not the charts' JSON data)."""
    return sum(len(m.group(1).encode("utf-8")) for m in re.finditer(r"<script>(.*?)</script>", page, flags=re.S))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of main before issue 18, to render its page")
    args = parser.parse_args()
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION,
                       contract.ENV_BUCKET: BUCKET, contract.ENV_TABLE: TABLE})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    rows = []
    with mock_aws(), tempfile.TemporaryDirectory() as tmp:
        s3, dynamodb = boto3.client("s3", region_name=REGION), boto3.client("dynamodb", region_name=REGION)
        create_bucket(s3, BUCKET, REGION)
        create_table(dynamodb, TABLE)
        lake = Lake(s3, dynamodb, bucket=BUCKET, table=TABLE)
        for number, (name, (start, span, sessions)) in enumerate(RANGES.items()):
            records = demo_traffic(start, span, sessions, seed=18 + number)
            lake.index([(r, contract.object_key(r)) for r in records])
            since, until = contract.format_time(start), contract.format_time(start + span)
            out = Path(tmp) / f"{number}.html"
            result = CliRunner().invoke(app, ["report", "api", "--since", since, "--until", until, "--html", str(out)])
            if result.exit_code != 0:
                raise SystemExit(f"report api failed: {result.stderr}")
            page = out.read_text(encoding="utf-8")
            size, scripts = len(page.encode("utf-8")), script_bytes(page)
            buckets = re.search(r"time buckets of [a-z ]+ \((\d+)\)", page).group(1)
            rows.append((f"{name}, after", len(records), buckets, size, scripts))
            if name == "a day" and args.before:
                events = list(events_between(dynamodb, TABLE, TimeRange.parse(since, until)))
                data, before = Path(tmp) / "events.json", Path(tmp) / "before.html"
                data.write_text(json.dumps(events), encoding="utf-8")
                subprocess.run([sys.executable, "-c", _BEFORE, str(data), since, until, str(before)], check=True,
                               env={**os.environ, "PYTHONPATH": str(args.before)}, cwd=tmp)
                text = before.read_text(encoding="utf-8")
                rows.append((f"{name}, before (main, plotly.js)", len(events), "24", len(text.encode("utf-8")),
                             script_bytes(text)))
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}, Python {sys.version.split()[0]}")
    print("| range of the demo's traffic | calls | time buckets | page | inlined scripts | the rest (data, tables) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, calls, buckets, size, scripts in rows:
        print(f"| {name} | {calls:,} | {buckets} | {size:,} B | {scripts:,} B | {size - scripts:,} B |")


if __name__ == "__main__":
    main()

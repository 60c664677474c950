"""Index queries vs the old bucket scan, as the lake grows (issue 7).

A moto server (a child process, 127.0.0.1, port 0) holds a lake of 2,000, then 10,000,
then 40,000 stored events: objects under the contract's keys plus their index items,
sessions of 20 calls spread over 30 days. At each size it times:

- one session's journey: ``droplets.query.session_events`` (one paginated Query) vs the
  old scan (list the whole bucket, read every object, keep that session's);
- one day's events: ``droplets.query.events_between`` (the by-day GSI) vs the same scan
  keeping that day's.

The scan reads with the same bounded thread pool the CLI uses, so the comparison is fair
to it. Times are the best of a few runs; read the ratios, not the absolute numbers (the
machine is shared). Run: ``.venv/bin/python bench/query.py [--sizes 2000,10000,40000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from bench.moto_server import MotoProcess, machine  # noqa: E402
from droplets import contract  # noqa: E402
from droplets.query import events_between, ordered_map, session_events  # noqa: E402
from droplets.target import MAX_WORKERS  # noqa: E402
from droplets.timerange import TimeRange  # noqa: E402
from tests.cli.lake import create_bucket, create_table, stored_record  # noqa: E402

REGION = "us-east-1"
BUCKET = "droplets-bench-lake"
TABLE = "droplets-bench-index"
DAYS = 30
EVENTS_PER_SESSION = 20
START = datetime(2026, 1, 15, tzinfo=timezone.utc)
ROUTES = ("/courses/:id", "/courses", "/cart", "/checkout", "/me", "/search")
#: The day and session that are timed: present from the smallest size on.
PROBE_DAY = (START + timedelta(days=14)).date().isoformat()


def clients(endpoint: str):
    config = Config(max_pool_connections=MAX_WORKERS * 2, retries={"mode": "standard", "max_attempts": 5})
    make = lambda service: boto3.client(  # noqa: E731
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="bench",
        aws_secret_access_key="bench", config=config)
    return make("s3"), make("dynamodb")


def session_records(number: int, rng: random.Random) -> list[dict]:
    """A session's 20 calls, within an hour on one of the 30 days."""
    session_id = f"sess-bench-{number:07d}"
    begin = START + timedelta(days=number % DAYS, seconds=rng.randrange(0, 23 * 3600))
    records = []
    for step in range(EVENTS_PER_SESSION):
        at = begin + timedelta(seconds=step * rng.uniform(1, 120))
        status = rng.choices((200, 201, 404, 500), weights=(85, 5, 7, 3))[0]
        records.append(stored_record(
            session_id, contract.format_time(at), route=rng.choice(ROUTES), status=status,
            duration_ms=round(rng.lognormvariate(3, 0.7), 1), event_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        ))
    return records


def populate(s3, dynamodb, first_session: int, sessions: int, rng: random.Random) -> None:
    write_lake(s3, dynamodb, [r for n in range(first_session, first_session + sessions) for r in session_records(n, rng)])


def write_lake(s3, dynamodb, records: list[dict]) -> None:
    """Write ``records`` to the lake and the index as the consumer and the indexer would
    (objects, index items on the default write shards, the layout item readers look for)."""
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()

    def put(record: dict) -> dict:
        key = contract.object_key(record)
        body = json.dumps(record).encode("utf-8")
        s3.put_object(Bucket=BUCKET, Key=key, Body=body, ContentType="application/json")
        item = contract.index_item(record, key, len(body), shards=contract.DEFAULT_INDEX_SHARDS)
        return {"PutRequest": {"Item": {k: serializer.serialize(v) for k, v in item.items()}}}

    def write(batch: list[dict]) -> None:
        pending = {TABLE: batch}
        while pending:
            pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}

    dynamodb.update_item(TableName=TABLE, Key=contract.layout_key(), **contract.register_shards(contract.DEFAULT_INDEX_SHARDS))
    with ThreadPoolExecutor(max_workers=MAX_WORKERS) as pool:
        requests = list(pool.map(put, records))
        list(pool.map(write, [requests[i:i + 25] for i in range(0, len(requests), 25)]))


def old_scan(s3, keep) -> list[dict]:
    """The pre-index report functions: list every key, read every object, filter."""
    def keys():
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=contract.EVENTS_PREFIX):
            for entry in page.get("Contents", []):
                yield entry["Key"]

    read = lambda key: json.loads(s3.get_object(Bucket=BUCKET, Key=key)["Body"].read())  # noqa: E731
    found = [record for _, record in ordered_map(read, keys(), MAX_WORKERS) if keep(record)]
    return sorted(found, key=lambda r: (r["occurred_at"], r["event_id"]))


class Requests:
    """Counts the API requests a client makes and the items DynamoDB read to answer them
    (``ScannedCount``): what latency and cost follow on real AWS, whatever the emulator."""

    def __init__(self, *clients):
        self.count = 0
        self.items_read = 0
        for client in clients:
            client.meta.events.register("before-call.*.*", self._request)
            client.meta.events.register("after-call.dynamodb.Query", self._query)

    def _request(self, **_):
        self.count += 1

    def _query(self, parsed, **_):
        self.items_read += parsed.get("ScannedCount", 0)


def best_of(runs: int, func, requests: Requests):
    """(best time, result, requests per run, DynamoDB items read per run)."""
    times, result = [], None
    before, read_before = requests.count, requests.items_read
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result, (requests.count - before) // runs, (requests.items_read - read_before) // runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,40000", help="lake sizes, ascending (events)")
    parser.add_argument("--index-runs", type=int, default=5)
    parser.add_argument("--scan-runs", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    with MotoProcess() as endpoint:
        s3, dynamodb = clients(endpoint)
        create_bucket(s3, BUCKET, REGION)
        create_table(dynamodb, TABLE)
        # Fresh clients for the timed part, so the counts are only the queries'.
        query_s3, query_dynamodb = clients(endpoint)
        requests = Requests(query_s3, query_dynamodb)
        rng = random.Random(7)
        probe_session = "sess-bench-0000014"  # session 14 lives on PROBE_DAY (14 % 30)
        day = TimeRange.parse(PROBE_DAY, PROBE_DAY)
        sessions_so_far = 0
        rows = []
        print(f"moto server {endpoint}; {machine()}")
        for size in sizes:
            wanted = size // EVENTS_PER_SESSION
            started = time.perf_counter()
            populate(s3, dynamodb, sessions_so_far, wanted - sessions_so_far, rng)
            sessions_so_far = wanted
            print(f"\n{size:,} events stored ({time.perf_counter() - started:.0f} s to populate)")

            si, journey, si_req, si_read = best_of(
                args.index_runs, lambda: list(session_events(query_dynamodb, TABLE, probe_session)), requests)
            di, day_events, di_req, di_read = best_of(
                args.index_runs, lambda: list(events_between(query_dynamodb, TABLE, day)), requests)
            ss, scanned_journey, ss_req, _ = best_of(
                args.scan_runs, lambda: old_scan(query_s3, lambda r: r["session_id"] == probe_session), requests)
            ds, scanned_day, ds_req, _ = best_of(
                args.scan_runs, lambda: old_scan(query_s3, lambda r: contract.day_of(r["occurred_at"]) == PROBE_DAY), requests)
            # Both ways must find the same events, or the timing means nothing.
            assert [e["event_id"] for e in journey] == [r["event_id"] for r in scanned_journey]
            assert [e["event_id"] for e in day_events] == [r["event_id"] for r in scanned_day]
            rows.append((size, si, si_req, si_read, ss, ss_req, len(day_events), di, di_req, di_read, ds, ds_req))
            print(f"  session journey ({len(journey)} events): index {si * 1000:8.1f} ms ({si_req} req, {si_read} items read)   "
                  f"scan {ss:7.2f} s ({ss_req:,} req)   {ss / si:7.0f}x")
            print(f"  one day       ({len(day_events):>4} events): index {di * 1000:8.1f} ms ({di_req} req, {di_read} items read)   "
                  f"scan {ds:7.2f} s ({ds_req:,} req)   {ds / di:7.0f}x")

        print("\n| events in lake | session journey: index | scan | index faster by "
              "| one day: index | scan | index faster by |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for size, si, si_req, si_read, ss, ss_req, n_day, di, di_req, di_read, ds, ds_req in rows:
            print(f"| {size:,} | {si * 1000:.0f} ms ({si_req} req, {si_read} items read) | {ss:.1f} s ({ss_req:,} req) "
                  f"| {ss / si:,.0f}x | {di * 1000:.0f} ms ({di_req} req, {di_read} items read) "
                  f"| {ds:.1f} s ({ds_req:,} req) | {ds / di:,.0f}x |")


if __name__ == "__main__":
    main()

"""What the by-day GSI's write shards cost a reader: a week's range, unsharded vs 1, 4, 16 shards (issue 15).

A moto server (a child process, 127.0.0.1, port 0) holds four copies of the index of a lake
of 40,000 events over 30 days (2,000 sessions of 20 calls, ``bench/journeys.py``'s
visitors), one table per layout, identical but for each item's GSI partition key:

- ``unsharded``: ``day = <day>``, no layout item, as before sharding (one Query per day);
- ``1``, ``4`` (the default), ``16`` shards: ``day = <day>#<n>``, the count in the layout
  item; a day is read as its shards plus the unsharded partition.

Over one week (days 8 to 14, whole) it reads ``droplets.query.events_between`` (what
``events``, the reports and the demo read through) to the end on each table, checks the
four return the same events in the same order, and counts requests and the items DynamoDB
read (``ScannedCount``): what read units are paid for.

moto answers a GSI Query by walking the whole table in Python, one request at a time (one
process, one GIL), so against the server each extra Query costs a table walk, which
DynamoDB never does. So the reads are timed three ways:

1. against the server, once (the emulator's cost, for the record);
2. with the server's answers replayed from memory (the client's own work: deserialize, merge);
3. replayed with a round trip of ``--latency-ms`` per request (default 8 ms, an in-region
   DynamoDB Query), slept in the requesting thread, so concurrent Queries overlap as they
   do against DynamoDB.

Modes 2 and 3 run ``--rounds`` rounds, the layouts interleaved in each; times are medians.
Run: ``.venv/bin/python bench/shards.py [--rounds 5] [--latency-ms 8]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import botocore.client  # noqa: E402

from bench.journeys import CALLS_PER_SESSION, DAYS, EVENTS, WEEK, session_items, write_sessions  # noqa: E402
from bench.moto_server import MotoProcess, machine  # noqa: E402
from bench.query import clients  # noqa: E402
from droplets import contract  # noqa: E402
from droplets.query import events_between  # noqa: E402
from droplets.timerange import TimeRange  # noqa: E402
from tests.cli.lake import create_table  # noqa: E402

#: Layout name -> shard count (None: unsharded, as before issue 15).
LAYOUTS = {"unsharded": None, "1 shard": 1, "4 shards (default)": 4, "16 shards": 16}


def table_of(layout: str) -> str:
    return "droplets-bench-shards-" + layout.split()[0]


def populate(dynamodb, sessions: list[list[dict]], shards: int | None, table: str) -> int:
    """Write the items with their ``day`` for ``shards``, one session per BatchWriteItem
    (moto can lose items when threads write one partition at once); returns the count stored."""
    create_table(dynamodb, table)
    if shards is not None:
        dynamodb.update_item(TableName=table, Key=contract.layout_key(), **contract.register_shards(shards))

    def relaid(item: dict) -> dict:
        day = contract.day_of(item[contract.DAY_INDEX_SK])
        partition = day if shards is None else contract.day_partition(day, item["event_id"], shards)
        return {**item, contract.DAY_INDEX_PK: partition}

    return write_sessions(dynamodb, table, sessions, relaid)


class Reads:
    """Counts every request and the items DynamoDB read (``ScannedCount``), keeps each answer,
    and with ``replay`` on answers from memory, after sleeping ``latency`` seconds in the
    requesting thread (a round trip; concurrent requests overlap)."""

    def __init__(self):
        self.requests = 0
        self.items_read = 0
        self.replay = False
        self.latency = 0.0
        self.answers: dict[str, dict] = {}
        self.lock = threading.Lock()
        original = botocore.client.BaseClient._make_api_call
        reads = self

        def counting(client, operation_name, api_params):
            key = json.dumps([operation_name, api_params], sort_keys=True, default=str)
            if reads.replay:
                if reads.latency:
                    time.sleep(reads.latency)
                response = reads.answers[key]
            else:
                response = original(client, operation_name, api_params)
                reads.answers[key] = response
            with reads.lock:
                reads.requests += 1
                reads.items_read += response.get("ScannedCount", 0)
            return response

        botocore.client.BaseClient._make_api_call = counting

    def reset(self) -> None:
        self.requests = self.items_read = 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=8.0, help="emulated DynamoDB round trip per request")
    args = parser.parse_args()

    with MotoProcess() as endpoint:
        _, dynamodb = clients(endpoint)
        rng = random.Random(14)
        sessions = [session_items(n, rng, shards=1) for n in range(EVENTS // CALLS_PER_SESSION)]
        started = time.perf_counter()
        for layout, shards in LAYOUTS.items():
            stored = populate(dynamodb, sessions, shards, table_of(layout))
            if stored != EVENTS:
                raise SystemExit(f"{layout}: the emulator holds {stored:,} of the {EVENTS:,} items written")
        week = TimeRange.parse(*WEEK)
        in_week = sum(1 for s in sessions for i in s if week.first <= i[contract.DAY_INDEX_SK] <= week.last)
        print(f"moto server {endpoint}; {machine()}")
        print(f"{EVENTS:,} index items over {DAYS} days in each of {len(LAYOUTS)} tables "
              f"({time.perf_counter() - started:.0f} s); the week {WEEK[0]} .. {WEEK[1]} holds {in_week:,} events")

        _, query_dynamodb = clients(endpoint)
        reads = Reads()

        def read(layout: str) -> tuple[float, list[str], int, int]:
            reads.reset()
            begin = time.perf_counter()
            ids = [e["event_id"] for e in events_between(query_dynamodb, table_of(layout), week)]
            return time.perf_counter() - begin, ids, reads.requests, reads.items_read

        # 1. Against the server, once: also records every answer.
        served: dict[str, float] = {}
        counted: dict[str, tuple[int, int]] = {}
        expected = None
        for layout in LAYOUTS:
            seconds, ids, requests, items_read = read(layout)
            # Every layout gives the same events, in the same order, having read exactly them.
            expected = expected or ids
            assert ids == expected and len(ids) == in_week and items_read == in_week, (layout, len(ids), items_read)
            served[layout], counted[layout] = seconds, (requests, items_read)
            print(f"  against moto: {layout:<20} {seconds * 1000:9,.0f} ms  {requests:4} requests  {items_read:,} items read")

        # 2 and 3. Replayed, without and with a round trip, rounds interleaved.
        reads.replay = True
        timed: dict[float, dict[str, list[float]]] = {}
        for latency in (0.0, args.latency_ms / 1000):
            reads.latency = latency
            timed[latency] = {layout: [] for layout in LAYOUTS}
            for _ in range(args.rounds):
                for layout in LAYOUTS:
                    seconds, ids, requests, items_read = read(layout)
                    assert ids == expected and (requests, items_read) == counted[layout]
                    timed[latency][layout].append(seconds)

        base = "1 shard"
        latency = args.latency_ms / 1000
        print(f"\n| layout | requests | items read | against moto | replayed: median of {args.rounds} | vs 1 shard "
              f"| replayed + {args.latency_ms:g} ms per request: median of {args.rounds} | vs 1 shard | vs unsharded |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        client_base = statistics.median(timed[0.0][base])
        trip_base = statistics.median(timed[latency][base])
        trip_unsharded = statistics.median(timed[latency]["unsharded"])
        for layout in LAYOUTS:
            requests, items_read = counted[layout]
            client = statistics.median(timed[0.0][layout])
            trip = statistics.median(timed[latency][layout])
            print(f"| {layout} | {requests} | {items_read:,} | {served[layout] * 1000:,.0f} ms | {client * 1000:,.0f} ms "
                  f"| {client / client_base:.2f}x | {trip * 1000:,.0f} ms | {trip / trip_base:.2f}x | {trip / trip_unsharded:.2f}x |")


if __name__ == "__main__":
    main()

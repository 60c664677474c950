"""Journeys and funnels vs a plain ``droplets events`` over the same week (issue 14).

A moto server (a child process, 127.0.0.1, port 0) holds the index of a lake of 40,000
events over 30 days: 2,000 sessions of 20 calls, each a walk through the example app's
routes (list, course pages, search, recommendations, sign-ups that work or fail), written
as the indexer writes them (``contract.index_item``). The reports read only the index, so
no object is stored.

Over one week of it, each of these runs through the real CLI in this process (Typer's
CliRunner, ``--json``), in rounds, interleaved:

- ``droplets events --since D --until D+6 --json`` (the baseline: every event of the week);
- ``droplets report funnel 'GET /courses' 'GET /courses/:id' 'POST /signup:2xx' --within 30m``;
- ``droplets report journeys --from 'GET /courses/:id'``.

For each it counts the requests and the index items DynamoDB read (``ScannedCount`` of
every Query): both reports must read exactly the week's events, like ``events``. Times are
the median of the rounds; read the ratios, the machine is shared. moto answers a GSI Query
far slower than DynamoDB (it scans the table), which hides the client's work, so the rounds
are run twice: against the server, then with its answers replayed from memory.
Run: ``.venv/bin/python bench/journeys.py [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import botocore.client  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from bench.moto_server import MotoProcess, machine  # noqa: E402
from bench.query import REGION, clients  # noqa: E402
from droplets import contract  # noqa: E402
from droplets.cli import app  # noqa: E402
from tests.cli.lake import create_table  # noqa: E402

TABLE = "droplets-bench-journeys"
EVENTS = 40_000
CALLS_PER_SESSION = 20
DAYS = 30
START = datetime(2026, 1, 15, tzinfo=timezone.utc)
#: The week timed: days 8 to 14 of the 30, whole.
WEEK = ((START + timedelta(days=8)).date().isoformat(), (START + timedelta(days=14)).date().isoformat())
FUNNEL = ("GET /courses", "GET /courses/:id", "POST /signup:2xx")

#: Where a visitor goes next from each step (the example app's routes), with weights.
WALK = {
    ("GET", "/courses"): ((("GET", "/courses/:id"), 70), (("GET", "/courses"), 15), (("GET", "/search"), 15)),
    ("GET", "/courses/:id"): ((("GET", "/courses/:id"), 25), (("GET", "/courses"), 35), (("POST", "/signup"), 25),
                              (("GET", "/recommendations"), 15)),
    ("GET", "/search"): ((("GET", "/courses/:id"), 60), (("GET", "/courses"), 40)),
    ("GET", "/recommendations"): ((("GET", "/courses/:id"), 80), (("GET", "/courses"), 20)),
    ("POST", "/signup"): ((("GET", "/courses"), 60), (("GET", "/courses/:id"), 40)),
}


def session_items(number: int, rng: random.Random, shards: int = contract.DEFAULT_INDEX_SHARDS) -> list[dict]:
    """One visitor's 20 calls as index items (on ``shards`` write shards of the by-day GSI),
    starting anywhere in the 30 days."""
    session_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    at = START + timedelta(seconds=rng.uniform(0, DAYS * 86400 - 3600))
    step = ("GET", "/courses") if rng.random() < 0.8 else ("GET", "/courses/:id")
    items = []
    for _ in range(CALLS_PER_SESSION):
        method, route = step
        if route == "/signup":
            status = 201 if rng.random() < 0.8 else 400
        elif route == "/recommendations":
            status = 500 if rng.random() < 0.25 else 200
        else:
            status = 404 if route == "/courses/:id" and rng.random() < 0.05 else 200
        record = {
            "event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "session_id": session_id,
            "occurred_at": contract.format_time(at), "duration_ms": round(rng.lognormvariate(3, 0.7), 1),
            "request": {"method": method, "route": route}, "response": {"status": status},
        }
        items.append(contract.index_item(record, contract.object_key(record), 900, shards=shards))
        choices, weights = zip(*WALK[step])
        step = rng.choices(choices, weights)[0]
        at += timedelta(seconds=rng.uniform(2, 240))
    return items


def write_sessions(dynamodb, table: str, sessions: list[list[dict]], item=lambda item: item) -> int:
    """Write each session's index items (as ``item`` makes them) in one BatchWriteItem, four
    sessions at a time; returns how many items the table holds (the layout item aside)."""
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()

    def write(items: list[dict]) -> None:
        pending = {table: [{"PutRequest": {"Item": {k: serializer.serialize(v) for k, v in item(i).items()}}} for i in items]}
        while pending:
            pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}

    # One writer per session: moto updates a partition without a lock, so two threads
    # writing the same session at once can lose items (seen with batches that split sessions).
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, sessions))
    pages = dynamodb.get_paginator("scan").paginate(
        TableName=table, Select="COUNT", FilterExpression="#pk <> :layout", ExpressionAttributeNames={"#pk": contract.INDEX_PK},
        ExpressionAttributeValues={":layout": {"S": contract.LAYOUT_PARTITION}})
    return sum(page["Count"] for page in pages)


def populate(dynamodb, rng: random.Random) -> list[dict]:
    """Write the lake's index items, one session per BatchWriteItem (20 items), and check
    that the table holds them all."""
    sessions = [session_items(n, rng) for n in range(EVENTS // CALLS_PER_SESSION)]
    # Readers look for items on the shard counts the layout item lists (the indexer's cold start).
    dynamodb.update_item(TableName=TABLE, Key=contract.layout_key(), **contract.register_shards(contract.DEFAULT_INDEX_SHARDS))
    stored = write_sessions(dynamodb, TABLE, sessions)
    items = [item for session in sessions for item in session]
    if stored != len(items):
        raise SystemExit(f"the emulator holds {stored:,} of the {len(items):,} items written")
    return items


class Reads:
    """Every AWS request the CLI makes in this process, and the index items DynamoDB read
    to answer its Queries (``ScannedCount``: what read units are paid for on AWS).

    It also keeps each Query's answer, and with ``replay`` on answers the same Query from
    memory: the three commands send the same Queries, so the client's own work (parse,
    group, count, print) can be timed without the emulator's."""

    def __init__(self):
        self.requests = 0
        self.items_read = 0
        self.services: set[str] = set()
        self.replay = False
        self.answers: dict[str, dict] = {}
        original = botocore.client.BaseClient._make_api_call
        reads = self

        def counting(client, operation_name, api_params):
            key = json.dumps([operation_name, api_params], sort_keys=True, default=str)
            if reads.replay and key in reads.answers:
                response = reads.answers[key]
            else:
                response = original(client, operation_name, api_params)
                if operation_name == "Query":
                    reads.answers[key] = response
            reads.requests += 1
            reads.services.add(client.meta.service_model.service_name)
            if operation_name == "Query":
                reads.items_read += response.get("ScannedCount", 0)
            return response

        botocore.client.BaseClient._make_api_call = counting

    def reset(self) -> None:
        self.requests = self.items_read = 0
        self.services = set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with MotoProcess() as endpoint:
        _, dynamodb = clients(endpoint)
        create_table(dynamodb, TABLE)
        started = time.perf_counter()
        items = populate(dynamodb, random.Random(14))
        week_first, week_last = f"{WEEK[0]}T00:00:00.000Z", f"{WEEK[1]}T23:59:59.999Z"
        in_week = sum(1 for item in items if week_first <= item[contract.DAY_INDEX_SK] <= week_last)
        print(f"moto server {endpoint}; {machine()}")
        print(f"{len(items):,} index items over {DAYS} days stored ({time.perf_counter() - started:.0f} s); "
              f"the week {WEEK[0]} .. {WEEK[1]} holds {in_week:,} events")

        os.environ.update({contract.ENV_TABLE: TABLE, "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": REGION,
                           "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
        week = ["--since", WEEK[0], "--until", WEEK[1]]
        commands = {
            "events": ["events", *week, "--json"],
            "report funnel": ["report", "funnel", *FUNNEL, *week, "--within", "30m", "--json"],
            "report journeys": ["report", "journeys", *week, "--from", "GET /courses/:id", "--json"],
        }
        runner = CliRunner()
        reads = Reads()

        def timed(rounds: int) -> tuple[dict, dict, dict]:
            times: dict[str, list[float]] = {name: [] for name in commands}
            counted: dict[str, tuple[int, int, set[str]]] = {}
            outputs: dict[str, str] = {}
            for _ in range(rounds):
                for name, argv in commands.items():
                    reads.reset()
                    begin = time.perf_counter()
                    result = runner.invoke(app, argv, catch_exceptions=False)
                    times[name].append(time.perf_counter() - begin)
                    assert result.exit_code == 0, result.stderr
                    counted[name] = (reads.requests, reads.items_read, reads.services)
                    outputs[name] = result.stdout
            return times, counted, outputs

        def table(title: str, times: dict, counted: dict) -> float:
            base = statistics.median(times["events"])
            print(f"\n{title}\n")
            print(f"| command (the week, --json) | median of {args.rounds} | requests | index items read | vs events "
                  "| each round vs events |")
            print("|---|---:|---:|---:|---:|---:|")
            worst = 0.0
            for name in commands:
                requests, read, services = counted[name]
                # Every command read exactly the week's items, and only from DynamoDB.
                assert read == in_week and services == {"dynamodb"}, (name, read, services)
                median = statistics.median(times[name])
                per_round = [t / b for t, b in zip(times[name], times["events"])]
                worst = max(worst, median / base)
                print(f"| {name} | {median * 1000:,.0f} ms | {requests} | {read:,} | {median / base:.2f}x "
                      f"| {min(per_round):.2f}-{max(per_round):.2f}x |")
            return worst

        times, counted, outputs = timed(args.rounds)
        events = outputs["events"].splitlines()
        funnel = json.loads(outputs["report funnel"])
        journeys = json.loads(outputs["report journeys"])
        assert len(events) == in_week, (len(events), in_week)
        print(f"\nevents printed: {len(events):,}; funnel: {[s['sessions'] for s in funnel['steps']]} sessions per step "
              f"of {funnel['sessions']:,}; journeys: {journeys['sessions']:,} sessions, {journeys['calls']:,} calls")
        served = table("Against the moto server (its GSI Query dominates):", times, counted)
        reads.replay = True
        times, counted, replayed = timed(args.rounds)
        assert replayed == outputs  # the same answers, so the same output
        client = table("The index's answers replayed from memory (the client's own work: parse, group, count, print):",
                       times, counted)
        print(f"\nslowest report vs events: {served:.2f}x against moto, {client:.2f}x on the client alone (aim: at most 3x)")


if __name__ == "__main__":
    main()

"""Benchmark of the Lambda handlers (issue 3).

1. One consumer batch of 100 records through ``handlers.consumer.handle`` against a moto
   server, with PutObject calls bounded-concurrent (the default) and one by one
   (concurrency 1): same code path, only the pool size differs. Printed: wall time of
   each and the ratio.

   moto answers a PutObject in well under a millisecond of CPU; S3 takes ~10-30 ms of
   round trip. Against raw moto there is little I/O to overlap, so the batch is measured
   twice: on raw moto, and with a WSGI wrapper that sleeps ``--latency-ms`` (default 20)
   before each request, emulating S3's round trip. The server is threaded, so delayed
   requests overlap as they do at S3.

   The server runs in a child process, so this process's GIL (the chain runs here) does
   not serialise it.

2. Time per record of packed batches (issue 13 item 1): a consumer batch of
   ``--packed-messages`` SQS messages, each packed to the producers' 64 KiB budget with the
   realistic records of ``bench/transforms.py`` (PII in bodies and queries, ~1 KiB each),
   against moto + the emulated S3 round trip. Printed: records, wall time and this
   process's CPU time (every thread: the chain, botocore's signing) per record. Lambda gives
   a function CPU in proportion to its memory (1,769 MB = one vCPU), so the CPU time per
   record, divided by the function's share of a vCPU, is what sizes ``batchSize`` against
   ``consumerTimeoutSeconds`` (docs/production.md).

3. Cold import time of each handler module: ``python -X importtime -c 'import <module>'``
   in a fresh process, the module's cumulative time (median of several runs). Also the
   first-invocation set-up (``Consumer.from_env``/``Indexer.from_env``: boto3, plugin
   manager, chain, clients) in a fresh process, for the cold-start picture.

Run: ``.venv/bin/python bench/handlers.py`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is named like the package it measures: make `import handlers` find the package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.moto_server import MotoProcess, machine  # noqa: E402

BUCKET = "droplets-bench"
TABLE = "droplets-bench"  # the index table, where the consumer reads erasure entries
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": REGION}


# --- 1. one batch, concurrent vs one by one ------------------------------------------------


def consumer_lake(endpoint: str) -> None:
    """In a measuring child: the consumer's environment pointed at the moto server at
    ``endpoint``, with the bucket and the index table it writes to, and its log quiet."""
    import boto3

    from droplets import contract
    from handlers import consumer
    from tests.lake_tables import create_index_table

    os.environ.update(CREDENTIALS, AWS_ENDPOINT_URL=endpoint)
    os.environ[contract.ENV_BUCKET] = BUCKET
    os.environ[contract.ENV_TABLE] = TABLE
    boto3.client("s3").create_bucket(Bucket=BUCKET)
    create_index_table(boto3.client("dynamodb"), TABLE)
    consumer.logger.setLevel("WARNING")


def batch_event(n: int) -> dict:
    import json

    from transforms.testing import make_record

    # a batch mixes sessions, as real traffic does (20 here): the erasure lookup asks for each
    records = [make_record(new_event_id=True, session_id=f"bench-sess-{i % 20:04d}") for i in range(n)]
    return {"Records": [
        {"messageId": f"bench-{i}", "receiptHandle": "x", "body": json.dumps(r),
         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1795670465512",
                        "SenderId": "bench", "ApproximateFirstReceiveTimestamp": "1795670465519"},
         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
         "eventSourceARN": f"arn:aws:sqs:{REGION}:123456789012:droplets-events", "awsRegion": REGION}
        for i, r in enumerate(records)
    ]}


def time_batches(endpoint: str, n: int, repeats: int, concurrencies: list[int]) -> dict:
    """Median wall time of consumer.handle on an n-record batch, per concurrency, and of
    the chain alone on the same batch ("chain")."""
    import boto3

    from handlers import consumer

    consumer_lake(endpoint)
    apps = {c: consumer.Consumer.from_env(concurrency=c) for c in concurrencies}
    event = batch_event(n)
    times: dict[int, list[float]] = {c: [] for c in concurrencies}
    for c, app in apps.items():  # warm-up: connections, chain caches
        assert consumer.handle(batch_event(min(n, 20)), app) == {"batchItemFailures": []}
    for _ in range(repeats):
        for c, app in apps.items():  # interleaved, so noise hits both alike
            start = time.perf_counter()
            response = consumer.handle(event, app)
            times[c].append(time.perf_counter() - start)
            assert response == {"batchItemFailures": []}, response
    # The CPU floor: the chain alone on the same bodies (what no concurrency can overlap,
    # since the chain runs in the event-loop thread).
    chain = apps[concurrencies[0]].chain
    chain_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for message in event["Records"]:
            chain.run(message["body"])
        chain_times.append(time.perf_counter() - start)
    # The erasure lookup each batch makes before anything is written (one BatchGetItem for
    # the batch's distinct sessions): part of the batch times above, measured on its own.
    erased = apps[concurrencies[0]].erased
    lookup_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        erased.for_batch(message["body"] for message in event["Records"])
        lookup_times.append(time.perf_counter() - start)
    stored = boto3.client("s3").list_objects_v2(Bucket=BUCKET, Prefix="events/")["KeyCount"]
    assert stored >= n, f"expected {n} objects, found {stored}"
    for app in apps.values():
        app.pool.shutdown()
    return {**{c: statistics.median(ts) for c, ts in times.items()}, "chain": statistics.median(chain_times),
            "erasure lookup": statistics.median(lookup_times)}


def batch_in_child(endpoint: str, n: int, repeats: int, concurrencies: list[int], conn) -> None:
    conn.send(time_batches(endpoint, n, repeats, concurrencies))


def measure_batch(latency_ms: float, n: int, repeats: int, concurrency: int) -> dict:
    # The client side runs in its own fresh process too, so each latency setting starts
    # from a cold moto and clean environment variables.
    with MotoProcess(latency_ms) as endpoint:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=batch_in_child, args=(endpoint, n, repeats, [1, concurrency], child))
        proc.start()
        result = parent.recv()
        proc.join()
        return result


# --- 2. packed batches: time per record --------------------------------------------------


def packed_event(n_messages: int, seed: int = 7) -> tuple[dict, int]:
    """An SQS event of ``n_messages`` packed messages, each filled with realistic records up
    to the producers' byte budget, as the middleware packs them; and the record count."""
    import json

    from droplets.contract import message as messages
    from bench.transforms import make_records

    attributes = messages.packed_attributes()
    lambda_attributes = {name: {"stringValue": v["StringValue"], "dataType": v["DataType"]} for name, v in attributes.items()}
    pool = [json.dumps(r, separators=(",", ":"), ensure_ascii=False) for r in make_records(200 * n_messages, seed)]
    bodies, total, cursor = [], 0, 0
    for _ in range(n_messages):
        pack: list[str] = []
        while cursor < len(pool) and messages.message_bytes(messages.pack(pack + [pool[cursor]]), attributes) <= messages.MAX_MESSAGE_BYTES:
            pack.append(pool[cursor])
            cursor += 1
        bodies.append(messages.pack(pack))
        total += len(pack)
    return {"Records": [
        {"messageId": f"bench-packed-{i}", "receiptHandle": "x", "body": body,
         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1795670465512",
                        "SenderId": "bench", "ApproximateFirstReceiveTimestamp": "1795670465519"},
         "messageAttributes": lambda_attributes, "md5OfBody": "", "eventSource": "aws:sqs",
         "eventSourceARN": f"arn:aws:sqs:{REGION}:123456789012:droplets-events", "awsRegion": REGION}
        for i, body in enumerate(bodies)
    ]}, total


def time_packed(endpoint: str, n_messages: int, repeats: int, conn) -> None:
    """Child process: median wall and CPU time of consumer.handle on a packed batch."""
    from handlers import consumer

    consumer_lake(endpoint)
    app = consumer.Consumer.from_env()
    event, records = packed_event(n_messages)
    assert consumer.handle(packed_event(1, seed=11)[0], app) == {"batchItemFailures": []}  # warm-up
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        response = consumer.handle(event, app)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
        assert response == {"batchItemFailures": []}, response
    app.pool.shutdown()
    conn.send({"messages": n_messages, "records": records, "wall": statistics.median(walls), "cpu": statistics.median(cpus)})


def measure_packed(latency_ms: float, n_messages: int, repeats: int) -> dict:
    with MotoProcess(latency_ms) as endpoint:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=time_packed, args=(endpoint, n_messages, repeats, child))
        proc.start()
        result = parent.recv()
        proc.join()
        return result


# --- 3. cold import ---------------------------------------------------------------------


IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)\s*$")


def import_ms(module: str, runs: int) -> float:
    """Median cumulative import time of ``module`` in fresh processes (ms)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                             env=env, cwd=ROOT, capture_output=True, text=True, check=True).stderr
        cumulative = [int(m.group(2)) for m in map(IMPORT_LINE.match, out.splitlines()) if m and m.group(3) == module]
        samples.append(cumulative[-1] / 1000)
    return statistics.median(samples)


SETUP_PROBE = """
import os, time
os.environ.update({env!r})
start = time.perf_counter()
from handlers import {module}
imported = time.perf_counter()
{module}.{builder}()
print((imported - start) * 1000, (time.perf_counter() - imported) * 1000)
"""


def setup_ms(module: str, builder: str, runs: int, endpoint: str) -> float:
    """Median time of the first invocation's set-up (clients, chain; the indexer's includes
    registering its shard count in the index table) in fresh processes, against the moto
    server at ``endpoint``."""
    from droplets import contract

    env = {**CREDENTIALS, **contract.ConsumerEnv(bucket=BUCKET, table=TABLE).to_env(), "AWS_ENDPOINT_URL": endpoint}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", SETUP_PROBE.format(env=env, module=module, builder=builder)],
                             env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)},
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        samples.append(float(out[1]))
    return statistics.median(samples)


# --- report -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="emulated S3 round trip per request")
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--packed-messages", type=int, default=10, help="packed 64 KiB messages in the per-record batch (0: skip)")
    parser.add_argument("--only-packed", action="store_true", help="run the per-record measurement alone")
    args = parser.parse_args()

    from handlers.consumer import DEFAULT_CONCURRENCY

    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine()}, Python {platform.python_version()}")
    if args.packed_messages:
        packed = measure_packed(args.latency_ms, args.packed_messages, args.repeats)
        n = packed["records"]
        print(f"\npacked batch: {packed['messages']} messages of <= 64 KiB, {n} records, moto + {args.latency_ms:g} ms "
              f"per request, median of {args.repeats}: wall {packed['wall'] * 1000:.0f} ms "
              f"({packed['wall'] * 1000 / n:.2f} ms/record), CPU {packed['cpu'] * 1000:.0f} ms "
              f"({packed['cpu'] * 1000 / n:.2f} ms/record)")
    if args.only_packed:
        return
    print(f"\nconsumer batch of {args.records} records, median of {args.repeats} (default chain pii, enrich, keys)")
    print(f"{'server':<32} {'one by one':>11} {f'concurrent ({DEFAULT_CONCURRENCY})':>16} {'speed-up':>9}"
          f" {'chain alone':>12} {'erasure lookup':>15}")
    for latency in (0.0, args.latency_ms):
        times = measure_batch(latency, args.records, args.repeats, DEFAULT_CONCURRENCY)
        label = "raw moto" if latency == 0 else f"moto + {latency:g} ms per request"
        one, many = times[1], times[DEFAULT_CONCURRENCY]
        print(f"{label:<32} {one * 1000:>9.0f} ms {many * 1000:>13.0f} ms {one / many:>8.1f}x"
              f" {times['chain'] * 1000:>9.0f} ms {times['erasure lookup'] * 1000:>12.0f} ms")

    print(f"\ncold start, median of {args.import_runs} fresh processes")
    with MotoProcess() as endpoint:
        import boto3

        from tests.lake_tables import create_index_table

        create_index_table(boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="bench",
                                        aws_secret_access_key="bench"), TABLE)
        for module, builder in (("consumer", "consumer"), ("indexer", "indexer")):
            imported = import_ms(f"handlers.{module}", args.import_runs)
            built = setup_ms(module, builder, max(3, args.import_runs // 2), endpoint)
            print(f"import handlers.{module:<9} {imported:>6.0f} ms   first-invocation set-up {built:>6.0f} ms")


if __name__ == "__main__":
    main()

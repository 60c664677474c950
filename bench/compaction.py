"""Daily compaction to Parquet: what it saves in objects, bytes, query time and Athena's bill (issue 15).

A moto server (a child process, 127.0.0.1, port 0) holds a lake of 40,000 stored events
over 30 days: the course shop's API calls of ``bench/transforms.py`` (bodies, headers,
queries, errors) run through the default chain (``pii, enrich, keys``) as the consumer
does, re-stamped into 2,000 sessions of 20 calls spread over the 30 days, stored under the
contract's keys with their index items. Then:

1. **Objects and bytes per day**, JSON objects against the day's Parquet run, after every
   day is compacted with :func:`droplets.compaction.local.compact_day` (``droplets compact``).
2. **The API report's SQL over one week** (per route: calls, 4xx, 5xx, p50/p95/p99, max;
   :data:`REPORT_SQL`), run by DuckDB over the logical table ``events``, loaded the way
   ``droplets sql`` loads it (:func:`droplets.sql.load_range`): before compaction, from the
   JSON objects found through the index; after, from the compacted Parquet. Both must give
   the same rows. Also, with S3 out of the picture, DuckDB over the same week as local files:
   the JSON objects against the Parquet runs.
3. **What Athena would scan** for that query, and its price at list price ($5 per TB, 10 MB
   minimum per query): the JSON SerDe reads every object of the week whole; on Parquet,
   Athena reads only the column chunks the query names (their compressed sizes, from each
   file's metadata) plus each file's footer.

Times are wall-clock, the best of ``--runs``; read the ratios (the machine is shared).
Run: ``.venv/bin/python bench/compaction.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.moto_server import MotoProcess, machine  # noqa: E402
from bench.query import BUCKET, REGION, TABLE, clients, write_lake  # noqa: E402
from bench.transforms import make_records  # noqa: E402
from droplets import contract  # noqa: E402
from droplets import sql as lake_sql  # noqa: E402
from droplets.compaction import local, store  # noqa: E402
from droplets.query import ordered_map  # noqa: E402
from droplets.target import MAX_WORKERS  # noqa: E402
from droplets.timerange import TimeRange  # noqa: E402
from tests.cli.lake import create_bucket, create_table  # noqa: E402
from transforms.chain import build_chain  # noqa: E402
from transforms.manager import get_plugin_manager  # noqa: E402

DAYS = 30
EVENTS_PER_SESSION = 20
START = datetime(2026, 1, 15, tzinfo=timezone.utc)
WEEK = ("2026-01-23", "2026-01-29")
#: Athena's list price (us-east-1 and most regions): $5 per TB scanned, at least 10 MB a query.
PRICE_PER_TB = 5.0
MIN_BILLED = 10 * 1024 ** 2
TB = 1024 ** 4

#: The API report (``droplets report``: per route calls, error rates, latency percentiles)
#: as SQL over the logical table.
REPORT_SQL = """
SELECT COALESCE(route, '(no route)') AS route, count(*) AS calls,
       count(*) FILTER (WHERE status_class = '4xx') AS errors_4xx,
       count(*) FILTER (WHERE status_class = '5xx') AS errors_5xx,
       round(quantile_cont(duration_ms, 0.50), 3) AS p50_ms,
       round(quantile_cont(duration_ms, 0.95), 3) AS p95_ms,
       round(quantile_cont(duration_ms, 0.99), 3) AS p99_ms,
       max(duration_ms) AS max_ms
FROM events GROUP BY 1 ORDER BY calls DESC, route
"""
#: The columns that query reads (what Athena would read of a Parquet file), the day
#: being the partition (a folder, not a column).
REPORT_COLUMNS = ("route", "status_class", "duration_ms")


def stored_records(total: int) -> list[dict]:
    """``total`` stored records: generated calls through the default chain, re-stamped
    into sessions of 20 calls, each session within an hour or so of one of the 30 days."""
    rng = random.Random(15)
    chain = build_chain(get_plugin_manager(), None)
    records = []
    for n, raw in enumerate(make_records(total, seed=15)):
        session = n // EVENTS_PER_SESSION
        if n % EVENTS_PER_SESSION == 0:
            at = START + timedelta(days=session % DAYS, seconds=rng.randrange(0, 23 * 3600))
        at += timedelta(seconds=rng.uniform(1, 120))
        raw["session_id"] = f"sess-bench-{session:07d}"
        raw["occurred_at"] = contract.format_time(at)
        raw["event_id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        result = chain.run(json.dumps(raw), contract.format_time(at + timedelta(milliseconds=300)))
        records.append(result.record)
    return records


def best(runs: int, func):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result


def report_via_sql(s3, dynamodb, time_range: TimeRange):
    """What ``droplets sql REPORT_SQL --since ... --until ...`` does: load, then query."""
    con = lake_sql.connect()
    loaded = lake_sql.load_range(con, s3, dynamodb, BUCKET, TABLE, time_range, workers=MAX_WORKERS)
    return loaded, con.execute(REPORT_SQL).fetchall()


def parquet_scan_bytes(paths: list[str], columns: tuple[str, ...]) -> int:
    """The bytes Athena reads of these Parquet files for a query naming ``columns``: their
    column chunks (compressed) plus each file's footer (the metadata it reads first)."""
    con = local.connect()
    chunks = con.execute(
        "SELECT sum(total_compressed_size) FROM parquet_metadata(?) WHERE path_in_schema IN "
        f"({', '.join('?' for _ in columns)})", [paths, *columns]).fetchone()[0] or 0
    footers = 0
    for path in paths:
        with open(path, "rb") as handle:
            handle.seek(-8, os.SEEK_END)
            footers += int.from_bytes(handle.read(4), "little") + 8
    return int(chunks) + footers


def athena_price(scanned: int) -> float:
    return max(scanned, MIN_BILLED) / TB * PRICE_PER_TB


def mib(n: float) -> str:
    return f"{n / 1024 ** 2:,.2f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed query (best kept)")
    args = parser.parse_args()

    with MotoProcess() as endpoint:
        s3, dynamodb = clients(endpoint)
        create_bucket(s3, BUCKET, REGION)
        create_table(dynamodb, TABLE)
        print(f"moto server {endpoint}; {machine()}; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
        started = time.perf_counter()
        records = stored_records(args.events)
        sizes = sorted(len(json.dumps(r).encode()) for r in records)
        print(f"{len(records):,} stored records made ({time.perf_counter() - started:.0f} s; "
              f"median {sizes[len(sizes) // 2]:,} B, p95 {sizes[int(len(sizes) * 0.95)]:,} B)")
        started = time.perf_counter()
        write_lake(s3, dynamodb, records)
        print(f"stored with their index items ({time.perf_counter() - started:.0f} s)")

        week = TimeRange.parse(*WEEK)
        # 2. before compaction: the week from its JSON objects, as droplets sql reads it
        json_time, (json_loaded, json_rows) = best(args.runs, lambda: report_via_sql(s3, dynamodb, week))
        assert json_loaded.compacted_days == [] and json_loaded.json_events > 0
        print(f"report SQL over {WEEK[0]}..{WEEK[1]} from JSON objects: {json_time:.2f} s "
              f"({json_loaded.json_events:,} events)")

        # 1. compact every day, as droplets compact does
        days = store.json_days(s3, BUCKET, contract.EVENTS_PREFIX)
        started = time.perf_counter()
        done = {day: local.compact_day(s3, BUCKET, day, workers=MAX_WORKERS) for day in days}
        compact_time = time.perf_counter() - started
        print(f"compacted {len(done)} days in {compact_time:.0f} s ({compact_time / len(done):.1f} s a day)")
        per_day = []
        for day in days:
            objects = store.json_objects(s3, BUCKET, contract.EVENTS_PREFIX, day)
            files = store.run_files(s3, BUCKET, day, done[day].run)
            per_day.append((day, len(objects), sum(o.size for o in objects), len(files), sum(f.size for f in files),
                            done[day].rows))
        assert sum(p[5] for p in per_day) == len(records)

        # 2. after: the same week from the compacted Parquet
        parquet_time, (parquet_loaded, parquet_rows) = best(args.runs, lambda: report_via_sql(s3, dynamodb, week))
        assert parquet_loaded.json_events == 0 and len(parquet_loaded.compacted_days) == 7
        assert parquet_rows == json_rows, "the two ways must give the same report"
        print(f"report SQL over the same week from Parquet: {parquet_time:.2f} s "
              f"({parquet_loaded.compacted_events:,} events)")

        # 2b. the engine alone: the week as local files, JSON objects against Parquet runs
        week_days = list(week.days())
        with tempfile.TemporaryDirectory(prefix="bench-compaction-") as directory:
            json_dir, parquet_dir = Path(directory, "json"), Path(directory, "parquet")
            json_dir.mkdir()
            parquet_dir.mkdir()
            week_objects = [o for day in week_days for o in store.json_objects(s3, BUCKET, contract.EVENTS_PREFIX, day)]
            for n, (_, body) in enumerate(ordered_map(
                    lambda o: s3.get_object(Bucket=BUCKET, Key=o.key)["Body"].read(), week_objects, MAX_WORKERS)):
                (json_dir / f"{n:06d}.json").write_bytes(body)
            parquet_paths = []
            for day in week_days:
                (parquet_dir / day).mkdir()
                parquet_paths += store.download(s3, BUCKET, store.run_files(s3, BUCKET, day, done[day].run),
                                                str(parquet_dir / day))

            def local_json():
                con = lake_sql.connect()
                con.execute("CREATE VIEW events AS " + lake_sql._logical_select(
                    f"read_json('{json_dir}/*.json', format = 'newline_delimited', "
                    f"columns = {lake_sql._columns_literal()})"))
                return con.execute(REPORT_SQL).fetchall()

            def local_parquet():
                con = lake_sql.connect()
                files = ", ".join(f"'{p}'" for p in parquet_paths)
                con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet([{files}])")
                return con.execute(REPORT_SQL).fetchall()

            local_json_time, local_json_rows = best(args.runs, local_json)
            local_parquet_time, local_parquet_rows = best(args.runs, local_parquet)
            assert local_json_rows == json_rows and local_parquet_rows == json_rows
            json_scan = sum(o.size for o in week_objects)
            parquet_scan = parquet_scan_bytes(parquet_paths, REPORT_COLUMNS)
            parquet_total = sum(os.path.getsize(p) for p in parquet_paths)

        # --- the tables ---
        print("\nObjects and bytes per day (JSON objects vs the day's Parquet run):\n")
        print("| | events | JSON objects | JSON bytes | Parquet files | Parquet bytes | bytes ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        n = len(per_day)
        events = sum(p[5] for p in per_day)
        objs, jbytes, files, pbytes = (sum(p[i] for p in per_day) for i in (1, 2, 3, 4))
        print(f"| a day (mean of {n}) | {events / n:,.0f} | {objs / n:,.0f} | {mib(jbytes / n)} | {files / n:,.0f} "
              f"| {mib(pbytes / n)} | {jbytes / pbytes:.1f}x |")
        print(f"| the {n} days | {events:,} | {objs:,} | {mib(jbytes)} | {files:,} | {mib(pbytes)} | {jbytes / pbytes:.1f}x |")

        print(f"\nThe API report's SQL over one week ({WEEK[0]} to {WEEK[1]}, {json_loaded.json_events:,} events), "
              f"DuckDB, best of {args.runs}:\n")
        print("| read from | via | time | Parquet faster by |")
        print("|---|---|---:|---:|")
        print(f"| JSON objects | `droplets sql` on the local stack (index Query per day, a GET per object) "
              f"| {json_time:.2f} s | |")
        print(f"| compacted Parquet | `droplets sql` on the local stack (a manifest GET and a file per day) "
              f"| {parquet_time:.3f} s | **{json_time / parquet_time:,.0f}x** |")
        print(f"| JSON objects | local files, `read_json` ({len(week_objects):,} files) | {local_json_time:.2f} s | |")
        print(f"| compacted Parquet | local files, `read_parquet` ({len(parquet_paths)} files) "
              f"| {local_parquet_time:.3f} s | **{local_json_time / local_parquet_time:,.0f}x** |")

        print("\nWhat Athena would scan for that query, and its price at $5/TB (10 MB minimum a query):\n")
        print("| table | bytes scanned | billed | price per query | per 1,000 queries |")
        print("|---|---:|---:|---:|---:|")
        for label, scanned in (("JSON objects (whole objects)", json_scan),
                               (f"Parquet ({', '.join(REPORT_COLUMNS)} + footers; files {mib(parquet_total)})", parquet_scan)):
            price = athena_price(scanned)
            print(f"| {label} | {mib(scanned)} | {mib(max(scanned, MIN_BILLED))} | ${price:.6f} | ${price * 1000:.2f} |")
        print(f"\nscanned: JSON/Parquet = {json_scan / parquet_scan:,.0f}x")


if __name__ == "__main__":
    main()

"""``droplets demo``: droplets end to end on this machine, ending in a report.

1. the local stack (``droplets dev``'s): moto, the real Pulumi program (stack ``dev``)
   under the emulator mocks, the local Lambda runner with the real handlers;
2. the example Express app with the droplets middleware, pointed at the events queue;
3. a few dozen simulated browser sessions (:mod:`droplets.local.traffic`);
4. the app shut down gracefully (its middleware flushes), then both queues drained;
5. checks that nothing was lost and no PII was stored, one session's journey, the API
   report and the funnel of the app's sign-up flow, queried and printed by the functions
   ``droplets session``, ``droplets report api`` and ``droplets report funnel`` use
   (:mod:`droplets.query`, :mod:`droplets.report`, :mod:`droplets.journeys`,
   :mod:`droplets.render`).

The demo's state file and function logs go under ``.droplets/demo/``, so a ``droplets dev``
running at the same time keeps its own ``.droplets/local.json``.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from droplets import contract
from droplets.console import stdout
from droplets.local import emulator as emulator_module
from droplets.local.dev import describe, running
from droplets.local.express import ExpressApp
from droplets.local.runner import queue_depths, wait_until_drained
from droplets.local.stack import LOCAL_STATE
from droplets.journeys import build_funnel, parse_steps
from droplets.local.traffic import drive, plan_sessions
from droplets.query import events_between, session_events
from droplets.render import print_api_report, print_funnel, print_journey
from droplets.report import build_api_report
from droplets.report_html import write_html
from droplets.timerange import TimeRange

DEMO_DIR = contract.LOCAL_DIR / "demo"
DEFAULT_SESSIONS = 40
#: Failed messages come back after this many seconds locally (AWS: the visibility timeout).
RETRY_AFTER = 2.0
#: Pollers (each with its own warm function container) per queue; Lambda starts with five.
CONCURRENCY = 2
#: The demo's API report as a page, under the demo's directory (the stack is gone after the
#: demo; the page is not: it holds everything it shows and opens offline).
REPORT_PAGE = "api-report.html"
#: The example app's sign-up flow (examples/express-app): the list, a course, a sign-up that worked.
SIGNUP_FUNNEL = ("GET /courses", "GET /courses/:id", "POST /signup:2xx")


class DemoFailed(RuntimeError):
    pass


@dataclass
class LakeCounts:
    objects: int
    bad_rows: int
    index_items: int
    dlq: dict[str, int] = field(default_factory=dict)
    leaked: list[str] = field(default_factory=list)


def count_lake(emulator, outputs: dict[str, Any], secrets: set[str]) -> LakeCounts:
    """What the lake holds, and whether any of ``secrets`` is in it (it must not be)."""
    s3, ddb, sqs = emulator.client("s3"), emulator.client("dynamodb"), emulator.client("sqs")
    bucket = outputs[contract.OUTPUT_BUCKET]
    keys = {prefix: [] for prefix in (contract.EVENTS_PREFIX, contract.BAD_PREFIX)}
    for prefix in keys:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys[prefix] += [o["Key"] for o in page.get("Contents", [])]

    def leaks(key: str) -> set[str]:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8", "replace")
        return {secret for secret in secrets if secret in body or secret in key}

    with ThreadPoolExecutor(max_workers=8) as pool:
        leaked = set().union(*pool.map(leaks, keys[contract.EVENTS_PREFIX] + keys[contract.BAD_PREFIX]))
    items = 0
    # The by-day GSI's layout item (its shard counts) is the table's, not an index item.
    for page in ddb.get_paginator("scan").paginate(
            TableName=outputs[contract.OUTPUT_TABLE], Select="COUNT", FilterExpression="#pk <> :layout",
            ExpressionAttributeNames={"#pk": contract.INDEX_PK},
            ExpressionAttributeValues={":layout": {"S": contract.LAYOUT_PARTITION}}):
        items += page["Count"]
    dlqs = {name: sum(queue_depths(sqs, outputs[name]).values())
            for name in (contract.OUTPUT_DLQ_URL, contract.OUTPUT_INDEX_DLQ_URL) if outputs.get(name)}
    return LakeCounts(len(keys[contract.EVENTS_PREFIX]), len(keys[contract.BAD_PREFIX]), items, dlqs, sorted(leaked))


def run_demo(*, project_dir: Path | str = ".", port: int | None = None, sessions: int = DEFAULT_SESSIONS,
             seed: int | None = None, console: Console | None = None) -> float:
    """Run the demo; returns its wall time in seconds. Raises :class:`DemoFailed`."""
    console = console or stdout()
    project_dir = Path(project_dir).resolve()
    demo_dir = project_dir / DEMO_DIR
    demo_dir.mkdir(parents=True, exist_ok=True)
    if port is None:
        port = emulator_module.DEFAULT_PORT if emulator_module.port_is_free(emulator_module.DEFAULT_PORT) else 0
    started = time.perf_counter()

    def step(message: str) -> None:
        console.print(f"[bold cyan]›[/] {message}  [dim]({time.perf_counter() - started:.1f}s)[/]")

    step("starting the local stack: moto, the Pulumi program (stack dev) under the emulator mocks, the Lambda runner")
    with running(port=port, project_dir=project_dir, state_path=demo_dir / LOCAL_STATE,
                 log_dir=demo_dir / "logs", retry_after=RETRY_AFTER, concurrency=CONCURRENCY,
                 on_deployed=lambda d: [console.print(f"  [dim]{escape(line)}[/]") for line in describe(d)]) as stack:
        outputs = stack.outputs
        console.print(f"  emulator {stack.emulator.endpoint}; events queue {outputs[contract.OUTPUT_QUEUE_URL].rsplit('/', 1)[1]}, "
                      f"bucket {outputs[contract.OUTPUT_BUCKET]}, table {outputs[contract.OUTPUT_TABLE]}")

        step("starting the example Express app (examples/express-app, npm start) with the droplets middleware")
        app = ExpressApp(project_dir, outputs[contract.OUTPUT_QUEUE_URL], stack.emulator.env())
        try:
            console.print(f"  listening on {app.url}")
            plans = plan_sessions(sessions, seed)
            step(f"{len(plans)} browser sessions: searches, course pages, sign-ups with e-mail addresses, "
                 "some 404s and 5xx, cookies and bearer tokens")
            traffic = drive(app.url, plans, seed=seed)
        finally:
            flush = app.stop()
        statuses = ", ".join(f"{n} x {s}" for s, n in sorted(traffic.statuses.items()))
        console.print(f"  {traffic.requests} requests in {traffic.seconds:.1f}s ({statuses})")
        if traffic.errors:
            raise DemoFailed(f"{len(traffic.errors)} requests failed, e.g. {traffic.errors[0]}")
        if not flush:
            raise DemoFailed("the example app did not report its final flush: " + " | ".join(app.lines[-3:]))
        carried = f" in {flush['messages']} messages ({flush['calls']} SendMessageBatch calls)" if "messages" in flush else ""
        console.print(f"  the app shut down and flushed: {flush['sent']} records sent to SQS{carried}, "
                      f"{flush['dropped']} dropped, {flush['failed']} failed")

        step("waiting for the consumer and the indexer to drain both queues")
        sqs = stack.emulator.client("sqs")
        if not wait_until_drained(sqs, [outputs[contract.OUTPUT_QUEUE_URL], outputs[contract.OUTPUT_INDEX_QUEUE_URL]], timeout=90):
            raise DemoFailed("the queues did not drain in 90 s; see the function logs in " + str(demo_dir / "logs"))
        step("both queues are empty; checking the lake")
        for name, stats in stack.runner.stats.items():
            console.print(f"  {name}: {stats.invocations} invocations, {stats.messages} messages, "
                          f"{stats.retried} retried, {stats.function_errors} errors")

        counts = count_lake(stack.emulator, outputs, traffic.secrets)
        console.print(f"  lake: {counts.objects} objects under events/, {counts.bad_rows} bad rows, "
                      f"{counts.index_items} index items; DLQs: {counts.dlq}")
        problems = []
        if counts.objects != flush["sent"] or counts.index_items != counts.objects:
            problems.append(f"{flush['sent']} records sent but {counts.objects} objects and {counts.index_items} index items")
        if any(counts.dlq.values()):
            problems.append(f"messages in a DLQ: {counts.dlq}")
        if counts.leaked:
            problems.append(f"{len(counts.leaked)} e-mail addresses/tokens/cookies were stored")
        if problems:
            raise DemoFailed("; ".join(problems))
        console.print(f"  [green]every call stored and indexed; none of the {len(traffic.secrets)} e-mail addresses, "
                      "tokens and cookie values sent is in the lake[/]")

        featured = traffic.featured()
        dynamodb, table = stack.emulator.client("dynamodb"), outputs[contract.OUTPUT_TABLE]
        step(f"one visitor's journey: droplets session {featured.session_id}")
        journey = list(session_events(dynamodb, table, featured.session_id))
        if not journey:
            raise DemoFailed(f"session {featured.session_id} has no events in the index")
        print_journey(featured.session_id, journey, console)
        step("the API report: droplets report api --since 1h")
        last_hour = TimeRange.parse("1h")
        report = build_api_report(events_between(dynamodb, table, last_hour), last_hour)
        print_api_report(report, console)
        page = write_html(report, demo_dir / REPORT_PAGE)
        quoted = " ".join(f"'{s}'" for s in SIGNUP_FUNNEL)
        step(f"the sign-up funnel: droplets report funnel {quoted} --since 1h")
        funnel = build_funnel(events_between(dynamodb, table, last_hour), parse_steps(SIGNUP_FUNNEL),
                              last_hour.first, last_hour.end)
        print_funnel(funnel, console)
        # Every visitor starts at the list and opens a course; those with an e-mail address sign up.
        planned = [len(plans), len(plans), sum(1 for plan in plans if plan.email)]
        if [s.sessions for s in funnel.steps] != planned:
            raise DemoFailed(f"the funnel counted {[s.sessions for s in funnel.steps]} sessions per step, "
                             f"the visitors made {planned}")
        step("shutting down")
    elapsed = time.perf_counter() - started
    console.print(f"[bold green]demo finished in {elapsed:.1f}s[/]  (function logs: {demo_dir / 'logs'})")
    print_next_steps(console, page)
    return elapsed


def next_steps(page: Path) -> list[tuple[str, str]]:
    """What to run after the demo, the HTML report first: (command, what it shows). The
    demo's stack stopped with it, so the queries run against a ``droplets dev`` stack. (No
    ``droplets session`` line: no id of the demo exists there; the API report prints that
    command for each slow session.)"""
    return [
        (f"open {page.as_uri()}", "this demo's API report as a page: summary, calls and latency over time, "
                                  "slow sessions (opens offline)"),
        ("droplets dev", "a local stack that stays up; it prints the line that starts the example app against it"),
        ("droplets report api --since 1h --html api.html", "then, in another terminal: the same report of your own calls"),
        ("droplets report journeys --since 1h --html journeys.html", "how sessions move through the app"),
        ("droplets tail", "calls as they are stored"),
        ('droplets sql "select request.route, count(*) from events group by 1" --since 1h', "SQL over the stored calls"),
    ]


def print_next_steps(console: Console, page: Path) -> None:
    console.print("[bold]explore further:[/]")
    for command, what in next_steps(page):
        # Whole lines (soft_wrap), so that each command can be pasted as it is.
        console.print(f"  {escape(command)}  [dim]# {escape(what)}[/]", soft_wrap=True, highlight=False)

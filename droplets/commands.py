"""The query side of the CLI: session, events, report api, sql, reindex, forget.

Each command resolves its target (:mod:`droplets.target`), calls the library
(:mod:`droplets.query`, :mod:`droplets.report`, :mod:`droplets.sql`, :mod:`droplets.reindex`,
:mod:`droplets.erase`) and prints a Rich table, or JSON/NDJSON with ``--json``. Errors the
operator can fix become one line on stderr (:func:`droplets.errors.explain`).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from rich.table import Table

from droplets import contract
from droplets.console import confirm_or_fail, emit, fail, note, progress, stdout
from droplets.errors import NotFound, explain
from droplets.target import Target, resolve_target
from droplets.timerange import HELP as TIME_HELP, TimeRange

# --- shared options -----------------------------------------------------------------------

Bucket = Annotated[Optional[str], typer.Option("--bucket", help="Lake bucket (else DROPLETS_BUCKET, --stack, .droplets/local.json).", show_default=False)]
IndexTable = Annotated[Optional[str], typer.Option("--table", help="Index table (else DROPLETS_TABLE, --stack, .droplets/local.json).", show_default=False)]
Stack = Annotated[Optional[str], typer.Option("--stack", help="Read bucket/table from this Pulumi stack's outputs (needs the pulumi CLI).", show_default=False)]
AsJson = Annotated[bool, typer.Option("--json", help="Machine output: NDJSON lines (JSON for summaries).")]
Since = Annotated[str, typer.Option("--since", help=f"Start, inclusive: {TIME_HELP}.")]
Until = Annotated[Optional[str], typer.Option("--until", help="End, exclusive (a date means the end of that day). Default: now.", show_default=False)]
PageSize = Annotated[Optional[int], typer.Option("--page-size", min=1, hidden=True, help="DynamoDB Query page size (Limit).")]

#: The target of the running command, for error messages about it.
_current: list[Target] = []


def handles_errors(func: Callable) -> Callable:
    """Turn every expected failure into one line on stderr (never a stack trace)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _current.clear()
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as exc:  # noqa: BLE001 - anything unexpected is re-raised below
            target = _current[-1] if _current else Target()
            message = explain(exc, table=target.table, bucket=target.bucket, where=target.where)
            if message is None:
                raise
            fail(message)

    return wrapper


def target_for(*needs: str, bucket=None, table=None, stack=None, workgroup=None, database=None) -> Target:
    target = resolve_target(bucket=bucket, table=table, stack=stack, workgroup=workgroup, database=database)
    _current.append(target)
    return target.need(*needs)


def _status_style(status: Any) -> str:
    if isinstance(status, int):
        if status >= 500:
            return f"[red]{status}[/]"
        if status >= 400:
            return f"[yellow]{status}[/]"
        return f"[green]{status}[/]"
    return "" if status is None else str(status)


def _ms(value: Any) -> str:
    return "" if value is None else f"{value:,.1f}"


def _events_table(events: list[dict], title: str, *, with_session: bool) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("time (UTC)", no_wrap=True)
    if with_session:
        table.add_column("session", no_wrap=True)
    table.add_column("method", no_wrap=True)
    table.add_column("route", overflow="fold")
    table.add_column("status", justify="right", no_wrap=True)
    table.add_column("duration ms", justify="right", no_wrap=True)
    for event in events:
        row = [event[contract.DAY_INDEX_SK]]
        if with_session:
            row.append(event.get(contract.INDEX_PK) or "")
        row += [event.get("method") or "", event.get("route") or "", _status_style(event.get("status")), _ms(event.get("duration_ms"))]
        table.add_row(*row)
    return table


# --- session --------------------------------------------------------------------------------

@handles_errors
def session(
    session_id: Annotated[str, typer.Argument(help="The session ID (X-Session-Id).", show_default=False)],
    full: Annotated[bool, typer.Option("--full", help="Also fetch the stored records from S3.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
    page_size: PageSize = None,
) -> None:
    """A session's journey in time order (time, method, route, status, duration), from the index."""
    from droplets.query import check_session_id, fetch_records, session_events

    check_session_id(session_id)
    target = target_for("table", *(("bucket",) if full else ()), bucket=bucket, table=table, stack=stack)
    events = session_events(target.dynamodb, target.table, session_id, page_size=page_size)
    unknown = NotFound(f"unknown session {session_id!r}: no events in table '{target.table}'")

    if not full:
        if as_json:
            count = 0
            for event in events:
                emit(event)
                count += 1
        else:
            rows = list(events)
            count = len(rows)
            if rows:
                print_journey(session_id, rows)
        if not count:
            raise unknown
        return

    rows = list(events)
    if not rows:
        raise unknown
    missing = 0
    console = stdout()
    if not as_json:
        print_journey(session_id, rows, console)
    with progress("reading records", total=len(rows)) as bar:
        for event, record in fetch_records(target.s3, target.bucket, rows):
            bar.advance()
            if record is None:
                missing += 1  # erased or expired since it was indexed: said once, below
            elif as_json:
                emit(record)
            else:
                console.rule(f"{event[contract.DAY_INDEX_SK]}  {event.get('method', '')} {event.get('route') or ''}", align="left")
                console.print_json(data=record)
    if missing:
        note(f"{missing} indexed object(s) are no longer in the bucket (erased or expired)")


def print_journey(session_id: str, events: list[dict], console=None) -> None:
    """A journey as a Rich table (the demo prints it this way too)."""
    title = f"session {session_id}: {len(events):,} calls"
    if events:
        title += f", {events[0][contract.DAY_INDEX_SK]} .. {events[-1][contract.DAY_INDEX_SK]}"
    (console or stdout()).print(_events_table(events, title, with_session=False))


# --- events ---------------------------------------------------------------------------------

@handles_errors
def events(
    since: Since = "24h",
    until: Until = None,
    route: Annotated[Optional[str], typer.Option("--route", help="Route template, e.g. /courses/:id (end with * for a prefix).", show_default=False)] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="404, 5xx or 400-499.", show_default=False)] = None,
    min_duration: Annotated[Optional[float], typer.Option("--min-duration", min=0, help="Only calls at least this slow (ms).", show_default=False)] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Stop after this many events (table default: 1000).", show_default=False)] = None,
    as_json: AsJson = False,
    table: IndexTable = None,
    stack: Stack = None,
    page_size: PageSize = None,
) -> None:
    """Events in a time range, through the index's by-day GSI (one query per day), streamed."""
    from droplets.query import EventFilter, events_between, parse_status

    time_range = TimeRange.parse(since, until)
    where = EventFilter(route=route, status=parse_status(status) if status else None, min_duration=min_duration)
    target = target_for("table", table=table, stack=stack)
    stream = events_between(target.dynamodb, target.table, time_range, where=where, page_size=page_size)
    if as_json:
        for count, event in enumerate(stream, start=1):
            emit(event)
            if limit and count >= limit:
                break
        return
    cap = limit or 1000
    rows: list[dict] = []
    for event in stream:
        if len(rows) == cap:
            note(f"showing the first {cap:,} events; use --limit or --json for more")
            break
        rows.append(event)
    if not rows:
        stdout().print(f"no events in {time_range.describe()}")
        return
    stdout().print(_events_table(rows, f"{len(rows):,} events, {time_range.describe()}", with_session=True))


# --- report ---------------------------------------------------------------------------------

report_app = typer.Typer(help="Reports from the index alone (no S3 reads).", no_args_is_help=True)


@report_app.command("api")
@handles_errors
def report_api(
    since: Since = "7d",
    until: Until = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML page with charts.", dir_okay=False, show_default=False)] = None,
    slowest: Annotated[int, typer.Option("--slowest", min=0, help="How many slowest sessions to list.")] = 10,
    as_json: AsJson = False,
    table: IndexTable = None,
    stack: Stack = None,
    page_size: PageSize = None,
) -> None:
    """Per route: calls, 4xx and 5xx rates, p50/p95/p99 latency; and the slowest sessions."""
    from droplets.query import events_between
    from droplets.report import build_api_report

    time_range = TimeRange.parse(since, until)
    target = target_for("table", table=table, stack=stack)
    with progress("reading the index") as bar:
        def counted():
            for event in events_between(target.dynamodb, target.table, time_range, page_size=page_size):
                bar.advance()
                yield event

        report = build_api_report(counted(), time_range, slowest=slowest)
    if html is not None:
        from droplets.report_html import write_html

        write_html(report, html)
        note(f"wrote {html}")
    if as_json:
        emit(report.to_dict())
        return
    print_api_report(report)


def print_api_report(report, console=None) -> None:
    """The report as Rich tables (the demo prints it this way too)."""
    console = console or stdout()
    if not report.total:
        console.print(f"no calls between {report.since} and {report.until}")
        return
    routes = Table(title=f"API report {report.since} .. {report.until}: {report.total:,} calls", title_justify="left")
    for name in ("route", "calls", "4xx", "5xx", "p50 ms", "p95 ms", "p99 ms", "max ms"):
        routes.add_column(name, justify="left" if name == "route" else "right", overflow="fold" if name == "route" else "ellipsis")
    for r in report.routes:
        routes.add_row(
            r.route, f"{r.count:,}", f"{r.error_rate_4xx:.1%}",
            f"[red]{r.error_rate_5xx:.1%}[/]" if r.errors_5xx else f"{r.error_rate_5xx:.1%}",
            _ms(r.p50_ms), _ms(r.p95_ms), _ms(r.p99_ms), _ms(r.max_ms),
        )
    console.print(routes)
    if report.slowest_sessions:
        slow = Table(title="slowest sessions (by their slowest call)", title_justify="left")
        for name in ("session", "calls", "slowest ms", "total ms", "slowest route", "at"):
            slow.add_column(name, justify="right" if "ms" in name or name == "calls" else "left")
        for s in report.slowest_sessions:
            slow.add_row(s.session_id, f"{s.count:,}", _ms(s.max_ms), _ms(s.total_ms), s.slowest_route, s.slowest_at)
        console.print(slow)


# --- sql ------------------------------------------------------------------------------------

@handles_errors
def sql(
    query: Annotated[str, typer.Argument(help="SQL over table `events` (DuckDB), or the Glue table with --athena.", show_default=False)],
    since: Annotated[Optional[str], typer.Option("--since", help=f"Load from (default 24h): {TIME_HELP}.", show_default=False)] = None,
    until: Until = None,
    athena: Annotated[bool, typer.Option("--athena", help="Run on the stack's Athena workgroup and Glue table instead.")] = False,
    workgroup: Annotated[Optional[str], typer.Option("--workgroup", help="Athena workgroup (default: the stack's).", show_default=False)] = None,
    database: Annotated[Optional[str], typer.Option("--database", help="Glue database (default: the stack's).", show_default=False)] = None,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """Load the range's records (found via the index) into DuckDB as table `events` and run QUERY."""
    from droplets import sql as lake_sql

    if athena:
        if since or until:
            fail("--since/--until choose what is loaded locally; with --athena filter in the query (WHERE dt BETWEEN '...' AND '...')", 2)
        target = target_for("athena_workgroup", "glue_database", stack=stack, workgroup=workgroup, database=database,
                            bucket=bucket, table=table)
        if target.glue_table and not as_json:
            note(f"athena: workgroup {target.athena_workgroup}, database {target.glue_database}, table {target.glue_table}")
        with progress("athena query running") as bar:
            columns, rows = lake_sql.athena_query(
                target.athena, query, workgroup=target.athena_workgroup, database=target.glue_database,
                on_state=lambda state: bar.describe(f"athena query {state.lower()}"),
            )
    else:
        from droplets.query import events_between, fetch_records

        time_range = TimeRange.parse(since or "24h", until)
        target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
        con = lake_sql.connect()
        lake_sql.check(con, query)
        missing = 0
        with progress("loading records") as bar:
            indexed = events_between(target.dynamodb, target.table, time_range)

            def records():
                nonlocal missing
                for _, record in fetch_records(target.s3, target.bucket, indexed):
                    bar.advance()
                    if record is None:
                        missing += 1
                    else:
                        yield record

            loaded = lake_sql.load_events(con, records())
        columns, rows = lake_sql.run(con, query)
        if missing:
            note(f"{missing} indexed object(s) are no longer in the bucket (erased or expired)")
        if not as_json:
            note(f"loaded {loaded:,} events from {time_range.describe()}")
    print_rows(columns, rows, as_json)


def print_rows(columns: list[str], rows: list[tuple], as_json: bool) -> None:
    if as_json:
        for row in rows:
            emit(dict(zip(columns, row)))
        return
    if not columns:
        stdout().print("ok")
        return
    table = Table(caption=f"{len(rows):,} row(s)", caption_justify="left")
    for name in columns:
        table.add_column(str(name), overflow="fold")
    for row in rows:
        table.add_row(*("NULL" if v is None else str(v) for v in row))
    stdout().print(table)


# --- reindex --------------------------------------------------------------------------------

@handles_errors
def reindex(
    prefix: Annotated[str, typer.Option("--prefix", help="Only keys under this prefix.")] = contract.EVENTS_PREFIX,
    since: Annotated[Optional[str], typer.Option("--since", help="Only days from this one on (YYYY-MM-DD, 7d, ...).", show_default=False)] = None,
    retention_days: Annotated[Optional[str], typer.Option("--retention-days", help=f"TTL for added items (default: ${contract.ENV_RETENTION_DAYS}).", show_default=False)] = None,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """List the bucket and add the index items that are missing (idempotent)."""
    import os
    from datetime import datetime, timezone

    from droplets.reindex import parse_retention, reindex as run_reindex
    from droplets.timerange import parse_moment

    since_day = parse_moment(since, now=datetime.now(timezone.utc)).date().isoformat() if since else None
    retention = parse_retention(retention_days if retention_days is not None else os.environ.get(contract.ENV_RETENTION_DAYS))
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    with progress("reindexing", total=0) as bar:
        result = run_reindex(
            target.s3, target.dynamodb, target.bucket, target.table,
            prefix=prefix, since_day=since_day, retention_days=retention,
            on_listed=bar.grow, on_done=bar.advance,
        )
    if as_json:
        emit(result.to_dict())
        return
    stdout().print(
        f"listed {result.listed:,} objects: added {result.added:,} index items, "
        f"{result.present:,} already present, {result.skipped:,} skipped"
    )
    for key, reason in result.skipped_examples:
        note(f"  skipped {key}: {reason}")


# --- forget ---------------------------------------------------------------------------------

#: How many keys the human output lists before summarising (--json lists all).
SHOW_KEYS = 50


@handles_errors
def forget(
    session_id: Annotated[str, typer.Argument(help="The session to erase.", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would be removed.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """Erase a session (GDPR): every version of its objects, its index items, the bad rows
    (bad/) and dead-letter messages that hold it, and every Athena query result; and mark it
    erased, so a DLQ redrive or a late retry cannot store it again. Safe to rerun.

    Bad rows are not keyed by session: all of bad/ is read, one GET per bad row, and those that mention the session ID as a whole token are erased.
    The dead-letter queues (known from --stack or the local stack) are read through the same way.
    """
    from droplets import dlq
    from droplets.erase import DLQ_NOT_READ, check_erasable, describe, describe_more, erase, plan_erase

    check_erasable(session_id)
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    dlqs = dlq.dead_letter_queues(target.queues)
    sqs = target.sqs if dlqs else None
    with progress("finding the session's objects and bad rows", total=0) as bar:
        plan = plan_erase(target.s3, target.dynamodb, target.bucket, target.table, session_id,
                          on_listed=bar.grow, on_read=bar.advance, sqs=sqs, dlqs=dlqs)
    summary = plan.summary()
    if plan.empty:
        if as_json:
            emit({**summary, "removed": False})
        else:
            stdout().print(f"nothing stored for session {session_id} (already erased?): "
                           f"0 objects, 0 index items, 0 bad rows, {describe_more(summary)} to remove")
            if not dlqs:
                note(DLQ_NOT_READ)
        return
    what, more = describe(summary), describe_more(summary)
    if dry_run:
        if as_json:
            emit({**summary, "removed": False, "dry_run": True})
        else:
            _print_keys(summary["keys"] + summary["bad_row_keys"])
            stdout().print(f"would remove {what} of session {session_id}")
            stdout().print(f"would also remove {more}, and mark the session erased")
            if not dlqs:
                note(DLQ_NOT_READ)
        return
    if not yes:
        if not as_json:
            _print_keys(summary["keys"] + summary["bad_row_keys"])
        confirm_or_fail(f"Erase session {session_id}: {what}, plus {more}, and mark it erased? This cannot be undone",
                        "nothing was removed")
    with progress("erasing", total=len(plan.objects) + len(plan.bad_rows) + len(plan.athena_results) + len(plan.index_keys)) as bar:
        result = erase(target.s3, target.dynamodb, target.bucket, target.table, plan, on_done=bar.advance,
                       sqs=sqs, dlqs=dlqs)
    done = result.summary()
    if as_json:
        emit({**done, "removed": True})
        return
    if yes:
        _print_keys(done["keys"] + done["bad_row_keys"])
    stdout().print(f"removed {describe(done)} of session {session_id}")
    stdout().print(f"also removed {describe_more(done)}; the session is marked erased: anything of it that "
                   "comes back (a redrive, a late retry) is dropped")
    if not dlqs:
        note(DLQ_NOT_READ)


def _print_keys(keys: list[str]) -> None:
    console = stdout()
    for key in keys[:SHOW_KEYS]:
        console.print(f"  {key}", soft_wrap=True)
    if len(keys) > SHOW_KEYS:
        console.print(f"  ... and {len(keys) - SHOW_KEYS:,} more (--json lists them all)")


def register(app: typer.Typer) -> None:
    """Add the query commands to the droplets app."""
    app.command()(session)
    app.command()(events)
    app.add_typer(report_app, name="report")
    app.command()(sql)
    app.command()(reindex)
    app.command()(forget)

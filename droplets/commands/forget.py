"""``droplets forget``: erase a session (GDPR); the library side is :mod:`droplets.erase`."""

from __future__ import annotations

from typing import Annotated

import typer

from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, Stack, Yes, target_for
from droplets.console import confirm_or_fail, emit, note, progress, stdout

app = Commands()

#: How many keys the human output lists before summarising (--json lists all).
SHOW_KEYS = 50


@app.command()
def forget(
    session_id: Annotated[str, typer.Argument(help="The session to erase.", show_default=False)],
    yes: Yes = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would be removed.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    table: IndexTable = None,
    stack: Stack = None,
) -> None:
    """Erase a session (GDPR): every version of its objects, its index items, its rows in
    every compacted day (rewritten without them), the bad rows (bad/) and dead-letter
    messages that hold it, and every Athena query result; and mark it erased, so a DLQ
    redrive or a late retry cannot store it again. Safe to rerun.

    Bad rows are not keyed by session: all of bad/ is read, one GET per bad row, and those that mention the session ID as a whole token are erased.
    Every compacted day's Parquet run is read too, however old (its JSON objects may have expired).
    The dead-letter queues (known from --stack or the local stack) are read through the same way.
    """
    from droplets import dlq
    from droplets.erase import (DLQ_NOT_READ, check_erasable, describe, describe_compacted, describe_more, erase,
                                plan_erase)

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
                           f"0 objects, 0 index items, 0 bad rows, {describe_compacted(summary)}, "
                           f"{describe_more(summary)} to remove")
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
            stdout().print(f"would rewrite {describe_compacted(summary)} without the session")
            stdout().print(f"would also remove {more}, and mark the session erased")
            if not dlqs:
                note(DLQ_NOT_READ)
        return
    if not yes:
        if not as_json:
            _print_keys(summary["keys"] + summary["bad_row_keys"])
        confirm_or_fail(f"Erase session {session_id}: {what}, its rows in {describe_compacted(summary)}, plus {more}, "
                        "and mark it erased? This cannot be undone", "nothing was removed")
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
    if done["compacted_days"]:
        stdout().print(f"rewrote {describe_compacted(done)} without the session")
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

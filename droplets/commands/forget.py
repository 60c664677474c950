"""``droplets forget``: erase a session (GDPR); the library side is :mod:`droplets.erase`."""

from __future__ import annotations

from typing import Annotated

import typer

from droplets.commands.shared import AsJson, Bucket, Commands, IndexTable, Stack, Yes, target_for
from droplets.console import confirm_or_fail, emit, progress, stdout

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
    """Erase a session (GDPR): every version of its objects, its index items, and the bad rows
    (bad/) that hold it. Safe to rerun.

    Bad rows are not keyed by session: all of bad/ is read, one GET per bad row, and those that mention the session ID as a whole token are erased.
    """
    from droplets.erase import check_erasable, erase, plan_erase

    check_erasable(session_id)
    target = target_for("bucket", "table", bucket=bucket, table=table, stack=stack)
    with progress("finding the session's objects and bad rows", total=0) as bar:
        plan = plan_erase(target.s3, target.dynamodb, target.bucket, target.table, session_id,
                          on_listed=bar.grow, on_read=bar.advance)
    summary = plan.summary()
    if plan.empty:
        if as_json:
            emit({**summary, "removed": False})
        else:
            stdout().print(f"nothing stored for session {session_id} (already erased?): "
                           "0 objects, 0 index items, 0 bad rows to remove")
        return
    what = (
        f"{summary['objects']:,} object(s) ({summary['versions']:,} version(s), "
        f"{summary['delete_markers']:,} delete marker(s)), {summary['index_items']:,} index item(s) "
        f"and {summary['bad_rows']:,} bad row(s)"
    )
    if summary["bad_rows"]:
        what += f" ({summary['bad_row_versions']:,} version(s), {summary['bad_row_delete_markers']:,} delete marker(s))"
    if dry_run:
        if as_json:
            emit({**summary, "removed": False, "dry_run": True})
        else:
            _print_keys(summary["keys"] + summary["bad_row_keys"])
            stdout().print(f"would remove {what} of session {session_id}")
        return
    if not yes:
        if not as_json:
            _print_keys(summary["keys"] + summary["bad_row_keys"])
        confirm_or_fail(f"Erase session {session_id}: {what}? This cannot be undone", "nothing was removed")
    with progress("erasing", total=len(plan.objects) + len(plan.bad_rows) + len(plan.index_keys)) as bar:
        erase(target.s3, target.dynamodb, target.bucket, target.table, plan, on_done=bar.advance)
    if as_json:
        emit({**summary, "removed": True})
        return
    if yes:
        _print_keys(summary["keys"] + summary["bad_row_keys"])
    stdout().print(f"removed {what} of session {session_id}")


def _print_keys(keys: list[str]) -> None:
    console = stdout()
    for key in keys[:SHOW_KEYS]:
        console.print(f"  {key}", soft_wrap=True)
    if len(keys) > SHOW_KEYS:
        console.print(f"  ... and {len(keys) - SHOW_KEYS:,} more (--json lists them all)")

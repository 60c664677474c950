"""``droplets compact``: rewrite closed days as Parquet with DuckDB, from this machine (the
local stack, or a real stack's bucket); the library side is :mod:`droplets.compaction.local`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from droplets.commands.shared import AsJson, Bucket, Commands, Stack, parsed, target_for
from droplets.console import emit, fail, note, progress, stdout

app = Commands()


@app.command()
def compact(
    days: Annotated[Optional[list[str]], typer.Option("--day", help="A closed UTC day to rewrite (YYYY-MM-DD, yesterday, 3d...); repeatable. Default: every closed day not compacted yet, or with objects written since its compaction.", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list the days that would be rewritten.")] = False,
    as_json: AsJson = False,
    bucket: Bucket = None,
    stack: Stack = None,
) -> None:
    """Rewrite closed days as Parquet (compacted/), as the daily Athena run does, with DuckDB.

    A day's new rows are its JSON objects plus the rows of its current compacted run whose
    object has expired; the day switches to them in one step (its manifest), so readers see
    the old run or the new one, never a mix. Rewriting a day again is always safe.
    """
    from datetime import datetime, timezone

    from droplets.compaction import local, store
    from droplets.contract import compaction as layout
    from droplets.timerange import parse_moment

    now = datetime.now(timezone.utc)
    today = now.date().isoformat()
    wanted: list[str] = []
    for text in days or []:
        day = parsed(lambda: parse_moment(text, now=now, option="--day"), "--day").date().isoformat()
        if day >= today:
            fail(f"--day: {day} is not over yet (UTC); only days before {today} can be compacted", 2)
        wanted.append(layout.check_day(day))
    target = target_for("bucket", bucket=bucket, stack=stack)
    if days:
        plan = [local.Pending(day, "asked for") for day in sorted(set(wanted))]
    else:
        with progress("looking for days to compact"):
            plan = local.pending_days(target.s3, target.bucket, today=today)
    if dry_run or not plan:
        for item in plan:
            if as_json:
                emit({"day": item.day, "reason": item.reason, "compacted": False})
            else:
                stdout().print(f"{item.day}: would compact ({item.reason})")
        if not plan and not as_json:
            stdout().print("nothing to compact: every closed day with JSON objects is compacted and current")
        return
    conflicts = 0
    for item in plan:
        with progress(f"compacting {item.day}", total=0) as bar:
            try:
                done = local.compact_day(target.s3, target.bucket, item.day, on_read=bar.advance)
            except store.Conflict as exc:
                conflicts += 1
                note(f"{item.day}: {exc}")
                continue
        if as_json:
            emit({**done.to_dict(), "reason": item.reason, "compacted": True})
            continue
        replaced = f", replacing run {done.replaced}" if done.replaced else ""
        kept = f" (+{done.kept:,} kept from the previous run: their objects expired)" if done.kept else ""
        stdout().print(f"{done.day}: {done.rows:,} events from {done.objects:,} JSON objects{kept} -> "
                       f"{done.bytes / 1024:,.1f} KiB of Parquet, run {done.run}{replaced}")
        if done.malformed:
            note(f"{done.day}: {done.malformed} object(s) are not JSON objects and were left out (Athena skips them too)")
    if conflicts:
        fail(f"{conflicts} day(s) changed while being compacted and were left as they were; run compact again")

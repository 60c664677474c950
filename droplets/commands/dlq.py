"""``droplets dlq status`` and ``droplets dlq redrive``: what to do when the DLQ alarm fires.

The library side is :mod:`droplets.dlq`; the target (which queues) comes from ``--stack``
or the local stack's ``.droplets/local.json`` (:mod:`droplets.target`).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from droplets import dlq
from droplets.commands.shared import AsJson, Commands, QueueStack, Yes, target_for
from droplets.console import confirm_or_fail, emit, fail, progress, stdout

app = Commands(
    "dlq", help="The dead-letter queues: how many messages wait there, and sending them back once the cause is fixed.",
)

Which = Annotated[
    str,
    typer.Argument(help="Which DLQ: events (the consumer's), indexing (the indexer's) or all.", show_default=True),
]


def _pairs(which: str) -> list[dlq.QueuePair]:
    if which == "all":
        return list(dlq.PAIRS.values())
    if which not in dlq.PAIRS:
        fail(f"unknown queue {which!r}: use one of {', '.join([*dlq.PAIRS, 'all'])}")
    return [dlq.PAIRS[which]]


@app.command("status")
def status(which: Which = "all", as_json: AsJson = False, stack: QueueStack = None) -> None:
    """Messages in each DLQ and in the queue it belongs to (approximate counts, as SQS keeps them)."""
    target = target_for(stack=stack)
    rows = []
    for pair in _pairs(which):
        source = dlq.depth(target.sqs, target.queue_url(pair.source_output))
        dead = dlq.depth(target.sqs, target.queue_url(pair.dlq_output))
        rows.append({"queue": pair.name, "reader": pair.reader, "dlq": dead, "source": source})
    if as_json:
        for row in rows:
            emit(row)
        return
    table = Table(title="dead-letter queues")
    for column in ("queue", "read by", "in DLQ", "DLQ in flight", "queue waiting", "queue in flight"):
        table.add_column(column, justify="left" if column in ("queue", "read by") else "right")
    for row in rows:
        waiting = row["dlq"]["visible"]
        table.add_row(
            row["queue"], row["reader"], f"[red]{waiting:,}[/]" if waiting else "0",
            f"{row['dlq']['in_flight']:,}", f"{row['source']['visible'] + row['source']['delayed']:,}",
            f"{row['source']['in_flight']:,}",
        )
    stdout().print(table)
    if any(row["dlq"]["visible"] for row in rows):
        stdout().print(
            "Find the cause in the reader's logs (message IDs are logged, bodies never), fix it, "
            "then `droplets dlq redrive`."
        )


@app.command("redrive")
def redrive(
    which: Which = "all",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Move at most this many messages per DLQ.", show_default=False)] = None,
    yes: Yes = False,
    as_json: AsJson = False,
    stack: QueueStack = None,
) -> None:
    """Send the DLQ's messages back to their queue, to be processed again (fix the cause first)."""
    target = target_for(stack=stack)
    pairs = _pairs(which)
    urls = {p.name: (target.queue_url(p.source_output), target.queue_url(p.dlq_output)) for p in pairs}
    waiting = {p.name: dlq.depth(target.sqs, urls[p.name][1])["visible"] for p in pairs}
    if not any(waiting.values()):
        if as_json:
            for pair in pairs:
                emit(dlq.Redrive(pair.name).to_dict())
        else:
            stdout().print("the DLQs are empty: nothing to redrive")
        return
    if not yes:
        what = ", ".join(f"{count:,} from the {name} DLQ" for name, count in waiting.items() if count)
        confirm_or_fail(f"Send {what} back to be processed again?", "nothing was moved")
    results = []
    with progress("redriving", total=sum(min(c, limit or c) for c in waiting.values())) as bar:
        for pair in pairs:
            source_url, dlq_url = urls[pair.name]
            results.append(dlq.redrive(target.sqs, pair, source_url, dlq_url, limit=limit, on_moved=bar.advance))
    for result in results:
        if as_json:
            emit(result.to_dict())
            continue
        line = f"{result.queue}: moved {result.moved:,} of {result.found:,} message(s) back to the queue"
        if result.refused:
            line += f"; {result.refused:,} refused by the queue, still in the DLQ ({_codes(result)})"
        if result.not_deleted:
            line += f"; {result.not_deleted:,} sent but not deleted from the DLQ (they will be processed twice, harmlessly)"
        if result.left:
            line += f"; {result.left:,} left in the DLQ"
        stdout().print(line)
    if any(r.refused or r.not_deleted for r in results):
        raise typer.Exit(1)


def _codes(result: dlq.Redrive) -> str:
    return ", ".join(f"{code} x{count}" for code, count in sorted(result.errors.items()))

"""Terminal output of the CLI: one-line errors, NDJSON, Rich tables and progress bars.

Tables and data go to stdout, progress and notes to stderr, so ``droplets events --json |
jq`` gets only data. Progress bars are drawn only when stderr is a terminal.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterator, NoReturn

import typer
from rich.console import Console


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit; never a stack trace."""
    typer.echo(f"droplets: error: {' '.join(str(message).split())}", err=True)
    raise typer.Exit(code)


def confirm_or_fail(question: str, nothing_done: str) -> None:
    """Ask ``question`` on stderr; anything but yes (no answer at all, as in a script, is a
    no) fails with ``not confirmed: <nothing_done>`` and how to skip the question."""
    try:
        confirmed = typer.confirm(question, err=True)
    except typer.Abort:
        confirmed = False
    if not confirmed:
        fail(f"not confirmed: {nothing_done} (pass --yes to skip the question)")


def stdout() -> Console:
    # Wide when not a terminal, so piped tables are not folded into 80 columns.
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)
    return console


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def note(message: str) -> None:
    """A human note on stderr (kept out of the data on stdout)."""
    stderr().print(message, soft_wrap=True)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def emit(value: Any) -> None:
    """One NDJSON line on stdout, flushed: a consumer sees it as soon as it is known."""
    sys.stdout.write(dumps(value) + "\n")
    sys.stdout.flush()


class _Task:
    def __init__(self, progress=None, task_id=None):
        self._progress = progress
        self._task_id = task_id

    def advance(self, amount: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task_id, amount)

    def grow(self, amount: int) -> None:
        """Raise the total (for work whose size is learnt as it goes, like a listing)."""
        if self._progress is not None:
            task = self._progress.tasks[self._task_id]
            self._progress.update(self._task_id, total=(task.total or 0) + amount)

    def describe(self, description: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task_id, description=description)


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[_Task]:
    """A transient progress bar on stderr (a no-op when stderr is not a terminal)."""
    console = stderr()
    if not console.is_terminal:
        yield _Task()
        return
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
    ) as bar:
        yield _Task(bar, bar.add_task(description, total=total))

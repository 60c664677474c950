"""``droplets dev`` and ``droplets demo``: the local stack (:mod:`droplets.local`).

Imports stay light here: moto and Pulumi load only when one of these commands runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from droplets import contract
from droplets.commands.shared import Commands
from droplets.console import fail

app = Commands()
#: Where the functions' logs go, in the project directory.
LOG_DIR = contract.LOCAL_DIR / "logs"

Port = Annotated[int, typer.Option("--port", min=0, max=65535, help="Emulator port on 127.0.0.1 (0: any free port).")]
ProjectDir = Annotated[Path, typer.Option("--project-dir", file_okay=False, help="The Pulumi project (repository root).")]


@app.command()
def dev(
    port: Port = 4566,
    stack: Annotated[str, typer.Option("--stack", help="Stack whose Pulumi.<stack>.yaml config the program runs with.")] = "dev",
    config: Annotated[list[str], typer.Option("--config", "-c", help="Override a config value: KEY=VALUE (repeatable).")] = [],
    retry_after: Annotated[float, typer.Option("--retry-after", min=0, help="Seconds before a message a function failed is retried (AWS waits for the queue's visibility timeout).")] = 5.0,
    aws_timing: Annotated[bool, typer.Option("--aws-timing", help="Retry failed messages only when their visibility timeout ends, as on AWS.")] = False,
    project_dir: ProjectDir = Path("."),
) -> None:
    """Run the pipeline locally: moto on 127.0.0.1, the Pulumi program on it, the Lambdas in a local runner.

    Writes .droplets/local.json, which the other commands use by default. Ctrl-C stops it.
    """
    from rich.markup import escape

    from droplets.console import stdout
    from droplets.local.dev import app_command, describe, running, wait_for_interrupt
    from droplets.local.runner import BatchOutcome
    from droplets.local.stack import StackError

    overrides = {}
    for item in config:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--config expects KEY=VALUE, got {item!r}", 2)
        overrides[key.strip()] = value
    console = stdout()

    def on_batch(outcome: BatchOutcome) -> None:
        failed = len(outcome.failed_ids)
        status = f"[red]{escape(outcome.error)}[/]" if outcome.error else (f"[yellow]{failed} to retry[/]" if failed else "ok")
        console.print(f"[dim]{outcome.function}[/] {len(outcome.message_ids)} records, {status} "
                      f"[dim]{outcome.duration_ms:.0f} ms[/]")

    try:
        with running(port=port, stack=stack, project_dir=project_dir, overrides=overrides,
                     log_dir=Path(project_dir) / LOG_DIR,
                     retry_after=None if aws_timing else retry_after, on_batch=on_batch,
                     on_deployed=lambda deployed: [console.print(line, markup=False) for line in describe(deployed)]) as local:
            console.print(f"emulator: [bold]{local.emulator.endpoint}[/] (region {local.emulator.region})")
            for name, value in sorted(local.stack.state().outputs.items()):
                console.print(f"  {name} = {value}", markup=False)
            console.print(f"wrote {local.state_path}; function logs in {Path(project_dir) / LOG_DIR}")
            # The line is printed whole (soft_wrap: never folded at the terminal's width), so
            # that it can be pasted as it is.
            console.print("start the example app against it (in another terminal, from here):")
            console.print(f"  {app_command(local, project_dir)}", markup=False, highlight=False, soft_wrap=True)
            console.print("(an app of your own reads the same variables); then query the lake with "
                          "`droplets tail`, `droplets session <id>`, `droplets report api --since 1h --html api.html`. "
                          "[bold]Ctrl-C[/] stops.")
            wait_for_interrupt()
            console.print("stopping...")
    except StackError as exc:
        fail(f"stack {stack}: {exc}")
    except OSError as exc:
        fail(str(exc))


@app.command()
def demo(
    port: Annotated[Optional[int], typer.Option("--port", min=0, max=65535, help="Emulator port (default: 4566 if free, else any).", show_default=False)] = None,
    sessions: Annotated[int, typer.Option("--sessions", min=1, max=1000, help="Simulated browser sessions.")] = 40,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Make the simulated traffic repeatable.", show_default=False)] = None,
    project_dir: ProjectDir = Path("."),
) -> None:
    """droplets end to end on a local AWS emulator: the example app, simulated visitors, a report."""
    from droplets.local.demo import DemoFailed, run_demo
    from droplets.local.express import AppError
    from droplets.local.stack import StackError

    try:
        run_demo(project_dir=project_dir, port=port, sessions=sessions, seed=seed)
    except (DemoFailed, AppError, StackError, OSError) as exc:
        fail(f"demo: {exc}")
    except KeyboardInterrupt:
        fail("demo interrupted", 130)

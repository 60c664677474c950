"""``droplets dev``: the whole pipeline on this machine, until Ctrl-C.

:func:`running` is the one way to bring a local stack up and down (the emulator, the
program under the emulator mocks, the state file, the Lambda runner); ``droplets dev``,
``droplets demo`` and the end-to-end tests all use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Optional

from droplets import contract
from droplets.local import emulator as emulator_module
from droplets.local.emulator import EMULATOR_CREDENTIALS, Emulator
from droplets.local.express import APP_DIR
from droplets.local.runner import BatchOutcome, LambdaRunner
from droplets.local.stack import LOCAL_STATE, LocalStack, StackError, deploy, read_stack_config

#: How soon a message a function failed is retried locally (see droplets.local.runner).
DEFAULT_RETRY_AFTER = 5.0


@dataclass
class Running:
    emulator: Emulator
    stack: LocalStack
    runner: LambdaRunner
    state_path: Path | None

    @property
    def outputs(self) -> dict[str, Any]:
        return self.stack.outputs


@contextlib.contextmanager
def running(
    *,
    port: int = emulator_module.DEFAULT_PORT,
    stack: str = "dev",
    project_dir: Path | str = ".",
    overrides: Mapping[str, Any] | None = None,
    secret_overrides: Mapping[str, Any] | None = None,
    state_path: Path | str | None = LOCAL_STATE,
    log_dir: Path | str | None = None,
    retry_after: float | None = DEFAULT_RETRY_AFTER,
    concurrency: int = 1,
    env_overrides: dict[str, dict[str, str]] | None = None,
    on_batch: Optional[Callable[[BatchOutcome], None]] = None,
    on_deployed: Optional[Callable[[LocalStack], None]] = None,
) -> Iterator[Running]:
    """Emulator up, program deployed on it, state file written, runner polling; all of it
    stopped (and the state file removed) on the way out."""
    config = read_stack_config(project_dir, stack, overrides, secret_overrides)
    emulator = emulator_module.start(port, config.region)
    written: Path | None = None
    try:
        deployed = deploy(emulator, config, project_dir)
        if on_deployed is not None:
            on_deployed(deployed)
        if state_path is not None:
            written = deployed.write_state(Path(project_dir) / state_path if not Path(state_path).is_absolute() else state_path)
        runner = LambdaRunner(
            emulator, deployed.functions, deployed.mappings,
            project_dir=project_dir, log_dir=log_dir, retry_after=retry_after, concurrency=concurrency,
            env_overrides=env_overrides, on_batch=on_batch,
        ).start()
        try:
            yield Running(emulator, deployed, runner, written)
        finally:
            runner.stop()
    finally:
        emulator.stop()
        if written is not None:
            _remove_state(written, emulator.endpoint)


def _remove_state(path: Path, endpoint: str) -> None:
    """Remove the state file if it still describes this (now stopped) stack, so the CLI
    does not aim at an emulator that is gone."""
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text(encoding="utf-8")).get("endpoint") == endpoint:
            path.unlink()


def wait_for_interrupt() -> None:
    """Block until Ctrl-C or SIGTERM, quietly."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def producer_env(local: Running) -> dict[str, str]:
    """The environment a producer on this machine sends to the local stack with: the real
    events queue URL, the region its queues were made in (an emulator's queue URL names
    none, and the AWS SDK signs with it), the endpoint, and the emulator's credentials (it
    accepts any; these are never a real account's)."""
    return {
        "DROPLETS_QUEUE_URL": local.outputs[contract.OUTPUT_QUEUE_URL],
        "AWS_REGION": local.emulator.region,
        "AWS_ENDPOINT_URL": local.emulator.endpoint,
        **EMULATOR_CREDENTIALS,
    }


def app_command(local: Running, project_dir: Path | str = ".", cwd: Path | str | None = None) -> str:
    """The shell line that starts the example app against the local stack, to paste as it
    is: ``cd examples/express-app && DROPLETS_QUEUE_URL=... AWS_REGION=... npm start``.

    Without the example app in ``project_dir``, the line starts ``npm start`` wherever it is
    run (an app of one's own reads the same variables)."""
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in producer_env(local).items())
    app_dir = Path(project_dir).resolve() / APP_DIR
    if not (app_dir / "package.json").is_file():
        return f"{assignments} npm start"
    where = os.path.relpath(app_dir, Path(cwd or os.getcwd()).resolve())
    return f"cd {shlex.quote(str(app_dir) if where.startswith('..') else where)} && {assignments} npm start"


def describe(deployed: LocalStack) -> list[str]:
    """What ``droplets dev`` prints about a deployed local stack: what exists, what does not."""
    lines = []
    summary = deployed.summary
    made = sum(summary["materialised"].values())
    lines.append(f"emulated: {made} resources: " + ", ".join(
        f"{_short(t)} x{n}" if n > 1 else _short(t) for t, n in summary["materialised"].items()))
    if summary["not_emulated"]:
        lines.append("not emulated: " + ", ".join(f"{t} x{n}" for t, n in summary["not_emulated"].items()))
    for failure in summary["failures"]:
        lines.append(f"refused by the emulator (outputs are placeholders): {failure}")
    for note in summary["notes"]:
        lines.append(f"note: {note}")
    if deployed.config.encrypted:
        lines.append("secret config not available locally (left unset): " + ", ".join(deployed.config.encrypted))
    lines.append("Lambda functions run by the local runner (moto cannot run Lambda code): " + ", ".join(
        f"{f.name} ({f.handler})" for f in deployed.functions.values()))
    return lines


def _short(token: str) -> str:
    # aws:s3/bucketPolicy:BucketPolicy -> s3.BucketPolicy
    package, module, name = token.split(":")
    return f"{module.split('/')[0]}.{name}" if package == "aws" else token


__all__ = ["DEFAULT_RETRY_AFTER", "Running", "StackError", "app_command", "describe", "producer_env", "running",
           "wait_for_interrupt"]

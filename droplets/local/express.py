"""The example Express app (``examples/express-app``), started as its README says:
``npm start`` with ``PORT``, ``DROPLETS_QUEUE_URL``, ``AWS_REGION`` and ``AWS_ENDPOINT_URL``."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

APP_DIR = Path("examples") / "express-app"
LISTENING_RE = re.compile(r"listening on (http://\S+)")
FLUSHED_RE = re.compile(r"droplets: flushed=(\S+) sent=(\d+) dropped=(\d+) failed=(\d+)(?: messages=(\d+) calls=(\d+))?")


class AppError(RuntimeError):
    pass


class ExpressApp:
    """A running example app. :meth:`stop` shuts it down as an operator would (SIGTERM:
    stop accepting, finish requests, flush captured records) and reads what it reports."""

    def __init__(self, project_dir: Path | str, queue_url: str, aws_env: dict[str, str], *, start_timeout: float = 30):
        self.app_dir = Path(project_dir).resolve() / APP_DIR
        npm = shutil.which("npm")
        if npm is None:
            raise AppError("npm is not installed (Node.js 20 and npm are needed for the example app)")
        if not (self.app_dir / "node_modules").is_dir():
            raise AppError(f"{self.app_dir / 'node_modules'} is missing: run `make demo` (or `npm install` there)")
        inherited = {k: v for k, v in os.environ.items()
                     if not k.startswith(("AWS_", "DROPLETS_"))}  # no real account's profile or keys
        env = {**inherited, **aws_env, "PORT": "0", "HOST": "127.0.0.1", "DROPLETS_QUEUE_URL": queue_url,
               "NODE_ENV": "production", "npm_config_update_notifier": "false"}
        self.lines: list[str] = []
        self._listening = threading.Event()
        self.url: str | None = None
        self.process = subprocess.Popen(
            [npm, "start", "--silent"], cwd=self.app_dir, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
            start_new_session=True,  # its own process group: npm and node get the signal together
        )
        self._reader = threading.Thread(target=self._read, name="express-output", daemon=True)
        self._reader.start()
        if not self._listening.wait(start_timeout):
            self.stop()
            raise AppError("the example app did not start: " + " | ".join(self.lines[-5:]))

    def _read(self) -> None:
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            match = LISTENING_RE.search(line)
            if match and not self._listening.is_set():
                self.url = match.group(1)
                self._listening.set()
        self._listening.set()

    def stop(self, timeout: float = 15) -> dict[str, Any]:
        """SIGTERM the app's process group, wait, and return its flush report."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self._reader.join(5)
        for line in reversed(self.lines):
            match = FLUSHED_RE.search(line)
            if match:
                report = {"flushed": match.group(1) == "true", "sent": int(match.group(2)),
                          "dropped": int(match.group(3)), "failed": int(match.group(4))}
                if match.group(5) is not None:  # records sent, then the messages and calls they took
                    report.update(messages=int(match.group(5)), calls=int(match.group(6)))
                return report
        return {}

    def __enter__(self) -> "ExpressApp":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

"""A local Lambda execution environment: one worker process per function.

Why a process and not a thread: on Lambda each function runs in its own environment with
its own environment variables, module state and cold start. Both droplets functions read
their configuration from environment variables once per container, and ``os.environ`` is
process-wide, so two functions sharing one process would either see each other's settings
or need a lock around every invocation. A process per function gives each handler exactly
its function's environment, for the life of the container, as on AWS; a timeout kills the
container, and the next invocation starts a new one (a cold start), as on AWS.

The parent (:mod:`droplets.local.runner`) starts ``python -m droplets.local.container FD``
with the function's environment, in its own session (Ctrl-C in the terminal is the
parent's to handle), and talks to it over a socket: first the function's spec, then
``{"event", "request_id", "deadline_ms"}`` in, ``{"ok": True, "result"}`` or
``{"ok": False, "error"}`` out. The worker's stdout and stderr are the function's log.
"""

from __future__ import annotations

import importlib
import os
import secrets
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any


@dataclass
class LambdaContext:
    """The context object the Python runtime passes to a handler (the attributes
    powertools and the droplets handlers read)."""

    function_name: str
    function_version: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    aws_request_id: str
    log_group_name: str
    log_stream_name: str
    deadline_ms: int
    identity: Any = None
    client_context: Any = None
    tenant_id: Any = None

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self.deadline_ms - int(time.time() * 1000))


def runtime_environment(spec: dict[str, Any], emulator_env: dict[str, str]) -> dict[str, str]:
    """The variables Lambda's runtime sets, then the function's own, then the emulator's
    endpoint (the SDK's ``AWS_ENDPOINT_URL``, which the handlers never look at themselves)."""
    name = spec["name"]
    env = {
        "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec["memory"]),
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": f"local/[$LATEST]{secrets.token_hex(16)}",
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{spec.get('runtime') or 'python3.12'}",
        "_HANDLER": spec["handler"],
    }
    env.update(spec["environment"])
    env.update(emulator_env)
    return env


def serve(conn, sys_path: list[str]) -> None:
    """The worker's main loop: load the handler (the init phase), then invoke it per event."""
    spec = conn.recv()
    sys.path[:0] = [p for p in sys_path if p not in sys.path]
    started = time.perf_counter()
    try:
        module_name, _, attr = spec["handler"].rpartition(".")
        handler = getattr(importlib.import_module(module_name), attr)
    except Exception as exc:  # noqa: BLE001 -- an init error, as Lambda's Runtime.ImportModuleError
        traceback.print_exc()
        conn.send({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    conn.send({"ready": True, "init_ms": round((time.perf_counter() - started) * 1000, 1)})
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the runner is gone: so is the container
        if message is None:
            return
        context = LambdaContext(
            function_name=spec["name"],
            function_version="$LATEST",
            invoked_function_arn=spec["arn"],
            memory_limit_in_mb=int(spec["memory"]),
            aws_request_id=message["request_id"],
            log_group_name=os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", ""),
            log_stream_name=os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", ""),
            deadline_ms=message["deadline_ms"],
        )
        try:
            result = handler(message["event"], context)
            reply = {"ok": True, "result": result}
        except Exception as exc:  # noqa: BLE001 -- a function error: the whole batch fails
            traceback.print_exc()
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 -- e.g. a result that cannot be pickled
            conn.send({"ok": False, "error": f"invalid function response: {exc}"})


def main(argv: list[str]) -> None:
    from multiprocessing.connection import Connection

    fd = int(argv[1])
    serve(Connection(fd), argv[2:])


if __name__ == "__main__":
    main(sys.argv)

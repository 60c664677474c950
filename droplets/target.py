"""Where the lake is: which bucket, table and Athena workgroup the CLI talks to.

Each name comes from the first source that has it:

1. ``--bucket`` / ``--table`` flags;
2. ``DROPLETS_BUCKET`` / ``DROPLETS_TABLE`` (the Lambdas' own variables);
3. ``--stack NAME``: ``pulumi stack output --json --stack NAME`` (needs the Pulumi CLI);
4. ``.droplets/local.json``, written by the local stack, found in the current directory
   or a parent (ignored when ``--stack`` is given).

Region and credentials come from the usual AWS settings. A local.json target also brings
its endpoint (unless ``AWS_ENDPOINT_URL`` is set), its region, and dummy credentials when
none are configured (the emulator accepts any).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from droplets import contract
from droplets.errors import TargetError

LOCAL_TARGET_FILE = contract.LOCAL_STATE_FILE
LOCAL_DEFAULT_REGION = "us-east-1"
#: moto accepts any credentials; these are only used for a local.json target with none set.
LOCAL_DUMMY_CREDENTIALS = ("droplets-local", "droplets-local")

#: The queue URLs among the stack outputs (``droplets dlq``).
QUEUE_OUTPUTS = (contract.OUTPUT_QUEUE_URL, contract.OUTPUT_DLQ_URL, contract.OUTPUT_INDEX_QUEUE_URL, contract.OUTPUT_INDEX_DLQ_URL)

#: Concurrency of S3 reads (``--full``, ``sql``); the HTTP pool is sized to match.
MAX_WORKERS = 16


class _ServiceClient:
    """``target.s3`` and its kind: :meth:`Target.client` for one service, read as an attribute."""

    def __init__(self, service: str):
        self.service = service

    def __get__(self, target: "Target | None", owner: type) -> Any:
        return self if target is None else target.client(self.service)


@dataclass
class Target:
    bucket: str | None = None
    table: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    athena_workgroup: str | None = None
    glue_database: str | None = None
    glue_table: str | None = None
    #: Stack output name -> queue URL (only from --stack or local.json: the Lambdas' own
    #: environment has no queue URLs).
    queues: dict[str, str] = field(default_factory=dict)
    #: Where the names came from, for messages: "flags", "environment", "stack prod", a path.
    source: str = ""
    #: A local-emulator target (local.json): dummy credentials are acceptable.
    local: bool = False
    _clients: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def need(self, *names: str) -> "Target":
        """Fail with a one-line hint unless every attribute in ``names`` is known."""
        hints = {
            "bucket": "pass --bucket, set DROPLETS_BUCKET",
            "table": "pass --table, set DROPLETS_TABLE",
            "athena_workgroup": "pass --workgroup",
            "glue_database": "pass --database",
        }
        for name in names:
            if not getattr(self, name):
                label = name.replace("_", " ")
                raise TargetError(
                    f"no {label} to use: {hints.get(name, 'set it')}, use --stack NAME, "
                    f"or start the local stack (`droplets dev`) which writes {LOCAL_TARGET_FILE}"
                )
        return self

    def queue_url(self, output: str) -> str:
        """The URL of the queue the stack exports as ``output``, or a one-line hint."""
        url = self.queues.get(output)
        if not url:
            raise TargetError(
                f"no {output} to use: pass --stack NAME (its outputs name the queues) "
                f"or start the local stack (`droplets dev`) which writes {LOCAL_TARGET_FILE}"
            )
        return url

    @property
    def where(self) -> str:
        """Where requests go, for error messages."""
        return self.endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or f"AWS {self.region or ''}".strip()

    def describe(self, *names: str) -> str:
        parts = [f"{n} '{getattr(self, n)}'" for n in names if getattr(self, n)]
        return ", ".join(parts + [self.where])

    def session(self):
        import boto3

        kwargs: dict[str, Any] = {}
        if self.region:
            kwargs["region_name"] = self.region
        if self.local and not (os.environ.get("AWS_ACCESS_KEY_ID") or os.environ.get("AWS_PROFILE")):
            kwargs["aws_access_key_id"], kwargs["aws_secret_access_key"] = LOCAL_DUMMY_CREDENTIALS
        return boto3.session.Session(**kwargs)

    def client(self, service: str):
        """A cached boto3 client (thread-safe to share) pointed at the target."""
        from botocore.config import Config

        with self._lock:
            if service not in self._clients:
                config = Config(
                    max_pool_connections=MAX_WORKERS * 2,
                    retries={"mode": "standard", "max_attempts": 4},
                    connect_timeout=5,
                    read_timeout=60,
                )
                self._clients[service] = self.session().client(
                    service, endpoint_url=self.endpoint_url, config=config
                )
            return self._clients[service]

    s3 = _ServiceClient("s3")
    dynamodb = _ServiceClient("dynamodb")
    athena = _ServiceClient("athena")
    sqs = _ServiceClient("sqs")


def find_local_file(start: Path | None = None) -> Path | None:
    """``.droplets/local.json`` in ``start`` (default: the current directory) or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / LOCAL_TARGET_FILE
        if candidate.is_file():
            return candidate
    return None


def read_local_file(path: Path) -> contract.LocalState:
    try:
        return contract.LocalState.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TargetError(f"cannot read {path}: {exc}") from None
    except ValueError as exc:
        raise TargetError(f"{path} {exc}; restart the local stack (`droplets dev`)") from None


def stack_outputs(stack: str, cwd: Path | None = None) -> dict[str, Any]:
    """``pulumi stack output --json --stack NAME``, as a dict."""
    pulumi = shutil.which("pulumi")
    if not pulumi:
        raise TargetError(
            "--stack needs the Pulumi CLI (https://www.pulumi.com/docs/install/); "
            "or pass --bucket/--table"
        )
    try:
        done = subprocess.run(
            [pulumi, "stack", "output", "--json", "--stack", stack],
            cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TargetError(f"pulumi stack output --stack {stack} failed: {exc}") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["exit code " + str(done.returncode)])[-1]
        raise TargetError(f"pulumi stack output --stack {stack} failed: {reason}")
    try:
        outputs = json.loads(done.stdout or "{}")
    except ValueError:
        raise TargetError(f"pulumi stack output --stack {stack} did not print JSON") from None
    if not isinstance(outputs, dict):
        raise TargetError(f"pulumi stack output --stack {stack} did not print a JSON object")
    return outputs


def _first(*values: Any) -> str | None:
    for value in values:
        if value:
            return str(value)
    return None


def resolve_target(
    *,
    bucket: str | None = None,
    table: str | None = None,
    stack: str | None = None,
    workgroup: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Target:
    """Work out the target from flags, environment, a Pulumi stack or local.json (see the
    module docstring for the order)."""
    env = os.environ if env is None else env
    stack_out: dict[str, Any] = stack_outputs(stack, cwd) if stack else {}
    local_path = None if stack else find_local_file(cwd)
    local = read_local_file(local_path) if local_path else None
    local_out: dict[str, Any] = local.outputs if local else {}

    def output(name: str) -> tuple[Any, Any]:
        """A stack output from ``--stack``, then from local.json."""
        return stack_out.get(name), local_out.get(name)

    target = Target(
        bucket=_first(bucket, env.get(contract.ENV_BUCKET), *output(contract.OUTPUT_BUCKET)),
        table=_first(table, env.get(contract.ENV_TABLE), *output(contract.OUTPUT_TABLE)),
        athena_workgroup=_first(workgroup, *output(contract.OUTPUT_ATHENA_WORKGROUP)),
        glue_database=_first(database, *output(contract.OUTPUT_GLUE_DATABASE)),
        glue_table=_first(*output(contract.OUTPUT_GLUE_TABLE)),
        region=_first(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), stack_out.get(contract.OUTPUT_REGION)),
    )
    from_local = bool(local_out) and (
        target.bucket == local_out.get(contract.OUTPUT_BUCKET) or target.table == local_out.get(contract.OUTPUT_TABLE)
    )
    # Queue URLs only from the same source as the rest: never a local queue next to a real bucket.
    queue_source = stack_out if stack else local_out if from_local else {}
    target.queues = {name: str(queue_source[name]) for name in QUEUE_OUTPUTS if queue_source.get(name)}
    if from_local and local:
        target.local = True
        target.region = _first(local.region, target.region, LOCAL_DEFAULT_REGION)
        if not env.get("AWS_ENDPOINT_URL"):
            target.endpoint_url = local.endpoint or None
        target.source = str(local_path)
    elif bucket or table:
        target.source = "flags"
    elif env.get(contract.ENV_BUCKET) or env.get(contract.ENV_TABLE):
        target.source = "environment"
    elif stack:
        target.source = f"stack {stack}"
    return target

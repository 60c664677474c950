"""Run the project's own Pulumi program against the local emulator.

The program (``__main__.py``) runs unchanged with a stack's committed config
(``Pulumi.<stack>.yaml``) under Pulumi's mocks runtime, with :class:`EmulatorMocks`
materialising its resources on moto. What it exports is what ``pulumi stack output``
would show, and goes to ``.droplets/local.json`` for the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import runpy
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from droplets import contract
from droplets.local.emulator import DEFAULT_REGION, Emulator
from droplets.local.resources import FunctionSpec, MappingSpec

#: Where the local stack's coordinates go; the CLI reads it when no target is given.
LOCAL_STATE = contract.LOCAL_STATE_FILE
DEFAULT_STACK = "dev"
#: What ``pulumi stack output --json`` shows for a secret output; we do the same.
SECRET_MASK = "[secret]"

_RUN_LOCK = threading.Lock()  # the working directory and sys.path are process-wide


class StackError(RuntimeError):
    """The program or its config failed; the message is meant for the user."""


@dataclass
class StackConfig:
    project: str
    stack: str
    config: dict[str, str]
    secret_keys: list[str] = field(default_factory=list)
    #: Encrypted values (``secure: v1:...``) need the stack's secrets provider, which the
    #: local stack does not have: they are left unset and listed.
    encrypted: list[str] = field(default_factory=list)

    @property
    def region(self) -> str:
        return self.config.get("aws:region") or DEFAULT_REGION


@dataclass
class LocalStack:
    """The deployed local stack: outputs and what the runner needs."""

    config: StackConfig
    endpoint: str
    region: str
    outputs: dict[str, Any]
    secret_outputs: set[str]
    functions: dict[str, FunctionSpec]  # by name
    mappings: list[MappingSpec]
    summary: dict[str, Any]

    def state(self) -> contract.LocalState:
        """The ``.droplets/local.json`` document (secret outputs masked, as Pulumi does)."""
        outputs = {k: (SECRET_MASK if k in self.secret_outputs else v) for k, v in self.outputs.items()}
        return contract.LocalState(outputs, endpoint=self.endpoint, region=self.region, stack=self.config.stack)

    def write_state(self, path: Path | str = LOCAL_STATE) -> Path:
        return self.state().write(path)


def _config_value(value: Any) -> str:
    # Pulumi hands every config value to the program as a string; structured values as JSON.
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _namespaced(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def read_stack_config(project_dir: Path | str, stack: str = DEFAULT_STACK,
                      overrides: Mapping[str, Any] | None = None,
                      secret_overrides: Mapping[str, Any] | None = None) -> StackConfig:
    """The config Pulumi would give the program for ``stack``: project defaults from
    ``Pulumi.yaml``, then ``Pulumi.<stack>.yaml``, then ``overrides`` (tests, ``--config``)."""
    import yaml

    project_dir = Path(project_dir)
    project_file = project_dir / "Pulumi.yaml"
    if not project_file.is_file():
        raise StackError(f"no Pulumi.yaml in {project_dir.resolve()} (run from the project root)")
    project_doc = yaml.safe_load(project_file.read_text(encoding="utf-8")) or {}
    project = project_doc.get("name") or "project"
    config: dict[str, str] = {}
    encrypted: list[str] = []
    for key, spec in (project_doc.get("config") or {}).items():
        value = spec.get("default", spec.get("value")) if isinstance(spec, dict) else spec
        if value is not None:
            config[_namespaced(key, project)] = _config_value(value)
    stack_file = project_dir / f"Pulumi.{stack}.yaml"
    if not stack_file.is_file():
        raise StackError(f"no stack config {stack_file.name} in {project_dir.resolve()}")
    for key, value in ((yaml.safe_load(stack_file.read_text(encoding="utf-8")) or {}).get("config") or {}).items():
        key = _namespaced(key, project)
        if isinstance(value, dict) and set(value) == {"secure"}:
            encrypted.append(key)
            config.pop(key, None)
            continue
        config[key] = _config_value(value)
    for key, value in (overrides or {}).items():
        config[_namespaced(key, project)] = _config_value(value)
    secret_keys = []
    for key, value in (secret_overrides or {}).items():
        key = _namespaced(key, project)
        config[key] = _config_value(value)
        secret_keys.append(key)
        if key in encrypted:
            encrypted.remove(key)
    return StackConfig(project=project, stack=stack, config=config, secret_keys=secret_keys, encrypted=encrypted)


@contextlib.contextmanager
def _program_environment(project_dir: Path) -> Iterator[None]:
    """Run as ``pulumi up`` would: from the project directory, with it on ``sys.path``.

    Modules the program imports stay imported (other code in this process may hold them);
    that is safe because ``pulumi.Config`` reads values when asked, from the run's settings.
    """
    cwd = os.getcwd()
    sys.path.insert(0, str(project_dir))
    os.chdir(project_dir)
    try:
        yield
    finally:
        os.chdir(cwd)
        with contextlib.suppress(ValueError):
            sys.path.remove(str(project_dir))


def deploy(emulator: Emulator, config: StackConfig, project_dir: Path | str = ".") -> LocalStack:
    """Run ``__main__.py`` with ``config`` under :class:`EmulatorMocks` on ``emulator``."""
    from droplets.local.mocks import EmulatorMocks

    project_dir = Path(project_dir).resolve()
    program = project_dir / "__main__.py"
    if not program.is_file():
        raise StackError(f"no Pulumi program {program}")
    mocks = EmulatorMocks(emulator)
    collected: dict[str, Any] = {}
    secret: set[str] = set()

    def run() -> None:
        import pulumi

        pulumi.runtime.set_mocks(mocks, project=config.project, stack=config.stack, preview=False)
        pulumi.runtime.set_all_config(dict(config.config), list(config.secret_keys))

        async def collect_outputs() -> None:
            # The root stack's exports, once every resource they depend on exists.
            from pulumi.runtime.settings import get_root_resource

            for name, value in dict(get_root_resource().outputs).items():
                output = pulumi.Output.from_input(value)
                collected[name] = await output.future(with_unknowns=False)
                if await output.is_secret():
                    secret.add(name)

        def program_and_outputs():
            runpy.run_path(str(program), run_name="__main__")
            return pulumi.Output.from_input(collect_outputs())

        pulumi.runtime.test(program_and_outputs)()

    with _RUN_LOCK, _program_environment(project_dir):
        # Its own thread: Pulumi keeps settings, root stack and config in context variables
        # and needs an event loop; a new thread starts with neither, so each run is clean
        # and the caller's context and loop are left alone.
        error: list[BaseException] = []

        def in_thread() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                run()
            except BaseException as exc:  # noqa: BLE001 -- handed to the caller below
                error.append(exc)
            finally:
                # Join the SDK's worker threads now, so none is left for interpreter exit.
                loop.run_until_complete(loop.shutdown_default_executor())
                asyncio.set_event_loop(None)
                loop.close()

        thread = threading.Thread(target=in_thread, name="droplets-pulumi-program", daemon=True)
        thread.start()
        thread.join()
        if error:
            if isinstance(error[0], Exception):
                raise StackError(_describe(error[0])) from error[0]
            raise error[0]
    return LocalStack(
        config=config,
        endpoint=emulator.endpoint,
        region=emulator.region,
        outputs=collected,
        secret_outputs=secret,
        functions=dict(mocks.functions),
        mappings=list(mocks.mappings),
        summary=mocks.summary(),
    )


def _describe(exc: BaseException) -> str:
    # The program's own message (it names the config key at fault); the type if it has none.
    return str(exc).strip() or type(exc).__name__

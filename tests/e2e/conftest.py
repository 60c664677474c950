"""Fixtures of the local-stack tests: an emulator and the probe program deployed on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from droplets.local import emulator as emulator_module
from droplets.local import stack as stack_module

PROBE_PROGRAM = Path(__file__).parent / "program"


@pytest.fixture(scope="session")
def emulator():
    with emulator_module.start(port=0, region="eu-west-1") as running:
        yield running


@pytest.fixture(scope="session")
def probe_stack(emulator):
    """The probe program (``tests/e2e/program``, stack ``test``) on the module's emulator."""
    config = stack_module.read_stack_config(PROBE_PROGRAM, "test")
    return stack_module.deploy(emulator, config, PROBE_PROGRAM)


def read_probe_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

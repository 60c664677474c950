"""pyproject.toml's dependency floors (issue 13 item 3): each names the release the tests ran
with when it was last raised, so a fresh install cannot resolve an older, untested one."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REQUIREMENTS = [Requirement(r) for r in PROJECT["dependencies"]] + [
    Requirement(r) for extra in PROJECT["optional-dependencies"].values() for r in extra if not r.startswith("droplets[")
]
#: The pulumi-aws release whose DynamoDB `key_schemas` (GSI) the index table is declared
#: with, and that the program's tests ran with: older 7.x providers diff or fail on it.
PULUMI_AWS_TESTED = Version("7.51.1")


def floor(requirement: Requirement) -> Version:
    (spec,) = [s for s in requirement.specifier if s.operator == ">="]
    return Version(spec.version)


@pytest.mark.parametrize("requirement", REQUIREMENTS, ids=lambda r: r.name)
def test_every_dependency_has_a_release_as_floor_and_runs_within_its_range(requirement):
    # GIVEN a dependency of pyproject.toml
    # THEN it has a floor (and no range is open below)
    assert floor(requirement) > Version("0"), requirement
    # AND what the tests run with is inside the declared range
    installed = importlib.metadata.version(requirement.name)
    assert requirement.specifier.contains(installed, prereleases=True), (requirement, installed)


def test_the_provider_floor_is_the_release_the_program_was_tested_with():
    (pulumi_aws,) = [r for r in REQUIREMENTS if r.name == "pulumi-aws"]
    assert floor(pulumi_aws) >= PULUMI_AWS_TESTED
    (pulumi,) = [r for r in REQUIREMENTS if r.name == "pulumi"]
    assert floor(pulumi) >= Version("3.272.0")

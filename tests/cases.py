"""The parametrized transform tests' cases, kept as data in tests/transform_cases.toml (one
table per test module, one array per test): a case is one line there, and the modules that
test the transforms read their tables here."""

from __future__ import annotations

import tomllib
from pathlib import Path

_TABLES = tomllib.loads(Path(__file__).with_name("transform_cases.toml").read_text(encoding="utf-8"))


def cases(module: str) -> dict[str, list[tuple]]:
    """Test module ``module``'s tables (``test_pii``...): a test's name without ``test_`` ->
    its cases, each the tuple of its parameters' values (or the value of its one parameter)."""
    return {test: [tuple(case) if isinstance(case, list) else case for case in table]
            for test, table in _TABLES[module].items()}


def table_cases(tables: dict[str, list], names) -> list:
    """The cases of the tables ``names`` (of one module's ``tables``) as one parameter list
    for a test that asserts the same of each; a case's id names its table and the case."""
    import pytest

    return [pytest.param(*(case if isinstance(case, tuple) else (case,)), id=f"{name}-{case if isinstance(case, str) else case[0]}")
            for name in names for case in tables[name]]

"""What every built-in transform's tests check of bad options: the chain fails to build (as at
``pulumi preview``) with a ConfigError naming the transform and the option. One definition so
each transform's test of its own options asks exactly the same."""

from __future__ import annotations

import pytest

from transforms import ConfigError
from transforms.testing import chain


def assert_config_error_names(transform: str, options: dict, named: str) -> None:
    """Building a chain of ``transform`` with ``options`` raises a ConfigError that names the
    transform and the option ``named``."""
    with pytest.raises(ConfigError) as info:
        chain([transform], {transform: options})
    assert f"transform '{transform}'" in str(info.value)
    assert repr(named) in str(info.value)

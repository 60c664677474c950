"""The linear-time check itself: it passes a linear scan and fails a quadratic one."""

from __future__ import annotations

import re

import pytest

from tests.linear import LONG, SHORT, assert_linear

# re tries `a*b` at every start of a run of a's and reads the run to its end each time.
QUADRATIC = re.compile(r"a*b")
LINEAR = re.compile(r"b")


def test_a_quadratic_scan_fails_the_check():
    # GIVEN a pattern that backtracks over the whole run from every position
    # WHEN it is checked on runs of a's  THEN the check fails, naming the ratio
    with pytest.raises(AssertionError, match="not linear"):
        assert_linear(QUADRATIC.search, "a" * (SHORT // 4), "a" * (LONG // 4))


def test_a_linear_scan_passes_and_gives_back_what_it_found_in_the_long_text():
    # GIVEN a pattern that reads each character once
    # WHEN it is checked  THEN it passes and the long text's result comes back
    assert assert_linear(lambda t: LINEAR.findall(t * 40), "a" * SHORT + "b", "a" * LONG + "b") == ["b"] * 40

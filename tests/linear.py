"""Linear time, shown by growth rather than by a deadline.

A hostile string is scanned at two lengths, the second four times the first. A linear scan
takes about four times as long on it; a quadratic one sixteen times. A deadline on one long
string cannot tell a slow machine from a quadratic pattern; the ratio can, on shorter
strings, so the suite stays inside CI's time.
"""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")

#: The two lengths (characters) each hostile case is built at.
SHORT, LONG = 1 << 13, 1 << 15
#: Four times the length may take at most this many times as long (linear: about 4).
MOST = 9.0
#: Below this much CPU time a run is all fixed cost: ratios of it mean nothing.
FLOOR = 0.004


def _cpu(scan: Callable[[str], T], text: str) -> tuple[float, T]:
    started = time.process_time()
    out = scan(text)
    return time.process_time() - started, out


def assert_linear(scan: Callable[[str], T], short: str, long: str) -> T:
    """``scan`` of ``long`` (four times ``short``) takes at most ``MOST`` times as long; what it
    gave for ``long`` is returned.

    Each length is first run once: a linear scan passes at once by a wide margin. Only a ratio
    over the bound is measured again, each length twice, interleaved, keeping the best of each:
    on a shared machine a run can take twice its time (a busy sibling core), and one such run
    on either side would move the ratio by as much as a quadratic pattern does. A quadratic
    pattern fails every measurement by far.
    """
    assert len(long) >= 3.5 * len(short), "the long text must be about four times the short one"
    small, _ = _cpu(scan, short)
    large, out = _cpu(scan, long)
    if large <= MOST * max(small, FLOOR):
        return out
    for attempt in range(2):
        small_1, _ = _cpu(scan, short)
        large_1, out = _cpu(scan, long)
        small_2, _ = _cpu(scan, short)
        large_2, _ = _cpu(scan, long)
        small, large = max(min(small_1, small_2), FLOOR), min(large_1, large_2)
        if large <= MOST * small:
            return out
    raise AssertionError(f"{large:.3f}s for 4x the text against {small:.3f}s: {large / small:.1f}x, not linear")

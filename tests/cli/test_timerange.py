"""--since/--until parsing and the days a range touches."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from droplets.errors import DateError
from droplets.timerange import TimeRange, parse_moment

NOW = datetime(2026, 3, 1, 0, 30, 15, 123456, tzinfo=timezone.utc)


#: Each accepted form: the moment it names as a range's start (``end=False``, --since) or
#: end (``end=True``, --until), for the uses checked.
ACCEPTED = {
    "2026-02-28": {"start": "2026-02-28T00:00:00+00:00", "end": "2026-03-01T00:00:00+00:00"},
    "2026-01-31T23:00": {"start": "2026-01-31T23:00:00+00:00"},
    "2026-01-31T23:00:00.000Z": {"end": "2026-01-31T23:00:00+00:00"},
    "2026-02-01T01:00:00+01:00": {"start": "2026-02-01T00:00:00+00:00"},
    "1h": {"start": "2026-02-28T23:30:15.123456+00:00"},
    "7d": {"end": "2026-02-22T00:30:15.123456+00:00"},
    "2w": {"start": "2026-02-15T00:30:15.123456+00:00"},
    "90m": {"start": "2026-02-28T23:00:15.123456+00:00"},
    "today": {"start": "2026-03-01T00:00:00+00:00", "end": "2026-03-02T00:00:00+00:00"},
    "yesterday": {"start": "2026-02-28T00:00:00+00:00"},
    "now": {"end": "2026-03-01T00:30:15.123456+00:00"},
}


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [(text, use == "end", expected) for text, uses in ACCEPTED.items() for use, expected in uses.items()],
)
def test_accepted_forms(text, end, expected):
    assert parse_moment(text, now=NOW, end=end).isoformat() == expected


@pytest.mark.parametrize("text", ["", "tomorrowish", "2026-13-01", "2026-02-29", "12", "1y", "31/01/2026"])
def test_rejected_forms_name_the_option(text):
    with pytest.raises(DateError, match="^--until: "):
        parse_moment(text, now=NOW, end=True, option="--until")


def test_days_of_a_range_across_month_ends():
    assert list(TimeRange.parse("2026-02-27T23:59", "2026-03-01T00:00:00.001Z", now=NOW).days()) == [
        "2026-02-27", "2026-02-28", "2026-03-01",
    ]
    assert list(TimeRange.parse("2026-02-28", "2026-02-28", now=NOW).days()) == ["2026-02-28"]
    assert list(TimeRange.parse("2025-12-31T23:00", "2026-01-01T00:00", now=NOW).days()) == ["2025-12-31"]


def test_bounds_are_inclusive_milliseconds_of_a_half_open_range():
    time_range = TimeRange.parse("2026-01-31T23:00", "2026-02-01T01:00", now=NOW)
    assert (time_range.first, time_range.last) == ("2026-01-31T23:00:00.000Z", "2026-02-01T00:59:59.999Z")
    assert "2026-02-01T00:59:59.999Z" in time_range and "2026-02-01T01:00:00.000Z" not in time_range


def test_sub_millisecond_until_is_rounded_up_not_down():
    time_range = TimeRange.parse("2026-01-01T00:00:00", "2026-01-01T00:00:00.0005", now=NOW)
    assert time_range.last == "2026-01-01T00:00:00.000Z"


def test_default_until_is_now_and_backwards_ranges_fail():
    assert TimeRange.parse("1h", now=NOW).until == NOW.replace(microsecond=124000)
    with pytest.raises(DateError, match="^--since 2026-03-02 is not before --until now$"):
        TimeRange.parse("2026-03-02", now=NOW)

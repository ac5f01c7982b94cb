"""Report periods: the presets as first and last day, and the period in a file name."""

from __future__ import annotations

import datetime as dt

import pytest

from watchdesk.core.periods import (
    PRESETS,
    period_name,
    preset_period,
    report_file_name,
    slug,
)

D = dt.date


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        ("last_month", D(2026, 12, 6), (D(2026, 11, 1), D(2026, 11, 30))),
        ("last_month", D(2026, 1, 15), (D(2025, 12, 1), D(2025, 12, 31))),  # January
        ("last_month", D(2028, 3, 1), (D(2028, 2, 1), D(2028, 2, 29))),  # leap February
        ("last_month", D(2027, 3, 31), (D(2027, 2, 1), D(2027, 2, 28))),
        ("this_month", D(2026, 12, 6), (D(2026, 12, 1), D(2026, 12, 31))),
        ("this_month", D(2028, 2, 29), (D(2028, 2, 1), D(2028, 2, 29))),
        ("this_month", D(2026, 2, 1), (D(2026, 2, 1), D(2026, 2, 28))),
        ("last_quarter", D(2026, 12, 6), (D(2026, 7, 1), D(2026, 9, 30))),
        ("last_quarter", D(2026, 10, 1), (D(2026, 7, 1), D(2026, 9, 30))),  # first day of Q4
        ("last_quarter", D(2026, 9, 30), (D(2026, 4, 1), D(2026, 6, 30))),  # last day of Q3
        ("last_quarter", D(2027, 1, 1), (D(2026, 10, 1), D(2026, 12, 31))),  # January
        ("last_quarter", D(2028, 4, 2), (D(2028, 1, 1), D(2028, 3, 31))),
        ("year_to_date", D(2026, 12, 6), (D(2026, 1, 1), D(2026, 12, 6))),
        ("year_to_date", D(2027, 1, 1), (D(2027, 1, 1), D(2027, 1, 1))),
        ("custom", D(2026, 12, 6), None),
    ],
)
def test_a_preset_seen_from_today(
    preset: str, today: dt.date, expected: tuple[dt.date, dt.date] | None
) -> None:
    assert preset_period(preset, today) == expected  # type: ignore[arg-type]


def test_every_preset_is_offered_in_order() -> None:
    assert list(PRESETS) == ["last_month", "this_month", "last_quarter", "year_to_date", "custom"]


@pytest.mark.parametrize(
    ("first", "last", "name"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), "2026-11"),
        (D(2028, 2, 1), D(2028, 2, 29), "2028-02"),
        (D(2027, 2, 1), D(2027, 2, 28), "2027-02"),
        (D(2028, 2, 1), D(2028, 2, 28), "2028-02-01-to-2028-02-28"),  # a day short in a leap year
        (D(2026, 7, 1), D(2026, 9, 30), "2026-q3"),
        (D(2026, 10, 1), D(2026, 12, 31), "2026-q4"),
        (D(2026, 8, 1), D(2026, 10, 31), "2026-08-01-to-2026-10-31"),  # three months, no quarter
        (D(2026, 1, 1), D(2026, 12, 31), "2026"),
        (D(2026, 1, 1), D(2026, 12, 6), "2026-01-01-to-2026-12-06"),
        (D(2026, 12, 6), D(2026, 12, 6), "2026-12-06"),
    ],
)
def test_the_period_in_a_file_name(first: dt.date, last: dt.date, name: str) -> None:
    assert period_name(first, last) == name


def test_file_names_carry_the_group_and_the_period() -> None:
    november = (D(2026, 11, 1), D(2026, 11, 30))
    assert report_file_name("precinct", november) == "precinct-2026-11.pdf"
    assert report_file_name("precinct", november, "Lents Park") == (
        "lents-park-precinct-2026-11.pdf"
    )
    assert report_file_name("roster", None, "  ") == "roster.pdf"
    assert slug("Café Ñandú & Sons' Watch #2") == "cafe-nandu-sons-watch-2"

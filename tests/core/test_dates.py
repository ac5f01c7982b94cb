"""The one display style for dates and times (watchdesk.core.dates)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from watchdesk.core import dates

# 6:03 PM on Sunday Dec 6, 2026 in Los Angeles (PST, UTC-8).
EVENING = dt.datetime(2026, 12, 7, 2, 3, tzinfo=dt.UTC)
PACIFIC = "America/Los_Angeles"


def test_a_moment_is_shown_in_the_groups_zone_with_its_abbreviation() -> None:
    assert dates.moment(EVENING, PACIFIC) == "Dec 6, 2026, 6:03 PM PST"
    assert dates.moment(EVENING, ZoneInfo(PACIFIC), "en_US") == "Dec 6, 2026, 6:03 PM PST"


def test_summer_time_has_its_own_abbreviation() -> None:
    july = dt.datetime(2026, 7, 1, 1, 3, tzinfo=dt.UTC)
    assert dates.moment(july, PACIFIC) == "Jun 30, 2026, 6:03 PM PDT"


def test_a_24_hour_locale_shows_a_24_hour_clock_in_its_own_order() -> None:
    assert dates.moment(EVENING, PACIFIC, "en_GB") == "6 Dec 2026, 18:03 PST"
    assert dates.time_of_day(EVENING, PACIFIC, "en_GB") == "18:03"
    assert dates.time_of_day(EVENING, PACIFIC, "en_US") == "6:03 PM"


def test_weekday_and_zone_are_optional() -> None:
    assert dates.moment(EVENING, PACIFIC, weekday=True) == "Sun, Dec 6, 2026, 6:03 PM PST"
    assert dates.moment(EVENING, PACIFIC, zone_name=False) == "Dec 6, 2026, 6:03 PM"


def test_a_naive_moment_is_taken_as_utc() -> None:
    assert dates.moment(EVENING.replace(tzinfo=None), PACIFIC) == "Dec 6, 2026, 6:03 PM PST"


def test_days() -> None:
    tuesday = dt.date(2026, 12, 8)
    assert dates.day(tuesday) == "Tue, Dec 8, 2026"
    assert dates.day(tuesday, short=True) == "Tue, Dec 8"
    assert dates.date(tuesday) == "Dec 8, 2026"
    assert dates.long_day(tuesday) == "Tuesday, December 8, 2026"
    assert dates.day_month(tuesday) == "Dec 8"
    assert dates.date(tuesday, "en_GB") == "8 Dec 2026"


def test_a_time_range_uses_the_locales_clock() -> None:
    end = EVENING + dt.timedelta(hours=4)
    assert dates.time_range(EVENING, end, PACIFIC) == "6:03 PM–10:03 PM"
    assert dates.time_range(EVENING, end, PACIFIC, "en_GB") == "18:03–22:03"


def test_periods() -> None:
    assert dates.period(dt.date(2026, 12, 1), dt.date(2026, 12, 7)) == "Dec 1 – 7, 2026"
    assert dates.period(dt.date(2026, 11, 30), dt.date(2026, 12, 6)) == "Nov 30 – Dec 6, 2026"
    assert dates.period(dt.date(2026, 12, 28), dt.date(2027, 1, 3)) == (
        "Dec 28, 2026 – Jan 3, 2027"
    )
    assert dates.period(dt.date(2026, 12, 1), dt.date(2026, 12, 1)) == "Dec 1, 2026"


@pytest.mark.parametrize("locale", ["en_US", "en_GB", "es", "de_DE", "fr_FR", "C", "", None])
def test_every_shown_date_has_a_four_digit_year_and_no_odd_spaces(locale: str | None) -> None:
    october = dt.date(2026, 10, 12)
    for text in (
        dates.date(october, locale),
        dates.day(october, locale),
        dates.moment(EVENING, PACIFIC, locale),
        dates.period(october, october + dt.timedelta(days=3), locale),
    ):
        assert "2026" in text
        assert "10 12" not in text and "12 10" not in text
        assert not set(text) & {"\u202f", "\u2009", "\u00a0"}


def test_an_unknown_locale_falls_back_to_us_english() -> None:
    assert dates.date(dt.date(2026, 12, 8), "xx_YY") == "Dec 8, 2026"


def test_the_patterns_behind_the_styles() -> None:
    assert dates.pattern("date") == "MMM d, y"
    assert dates.pattern("day", "en_US") == "E, MMM d, y"
    assert dates.pattern("time") == "h:mm a"
    assert dates.pattern("moment") == "E, MMM d, y, h:mm a"
    assert dates.pattern("time", "en_GB") == "HH:mm"

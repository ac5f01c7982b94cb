import datetime as dt
from zoneinfo import ZoneInfo

from watchdesk.core.local_days import day_span, local_midnight

PORTLAND = ZoneInfo("America/Los_Angeles")


def test_local_days_become_utc_instants_across_a_clock_change() -> None:
    # 1 November 2026: clocks go back in Portland, so that day is 25 hours long.
    start, end = day_span(dt.date(2026, 11, 1), dt.date(2026, 11, 1), PORTLAND)
    assert start == dt.datetime(2026, 11, 1, 7, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC)
    assert day_span(None, None, PORTLAND) == (None, None)
    assert local_midnight(dt.date(2026, 7, 4), PORTLAND) == dt.datetime(
        2026, 7, 4, 7, tzinfo=dt.UTC
    )

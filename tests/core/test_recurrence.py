import datetime as dt
from zoneinfo import ZoneInfo

from watchdesk.core.recurrence import expand_weekly, local_span, weekday_mask, weekdays_of

NEW_YORK = ZoneInfo("America/New_York")


def local_times(occurrence_start: dt.datetime, occurrence_end: dt.datetime) -> tuple[str, str]:
    return (
        occurrence_start.astimezone(NEW_YORK).strftime("%H:%M"),
        occurrence_end.astimezone(NEW_YORK).strftime("%H:%M"),
    )


def test_mask_round_trip() -> None:
    assert weekdays_of(weekday_mask([4, 5])) == [4, 5]


def test_shift_keeps_local_time_across_both_dst_changes() -> None:
    # 2026: DST starts 8 March, ends 1 November in New York.
    fridays = list(
        expand_weekly(
            weekday_mask([4]),
            dt.time(20),
            dt.time(23),
            dt.date(2026, 2, 1),
            None,
            NEW_YORK,
            dt.date(2026, 2, 1),
            dt.date(2026, 11, 30),
        )
    )
    assert all(local_times(o.starts_at, o.ends_at) == ("20:00", "23:00") for o in fridays)
    utc_hours = {o.starts_at.hour for o in fridays}
    assert utc_hours == {0, 1}  # 20:00 EDT = 00:00 UTC, 20:00 EST = 01:00 UTC
    assert all(o.starts_at.tzinfo == dt.UTC for o in fridays)


def test_shift_crossing_midnight_belongs_to_its_evening() -> None:
    start, end = local_span(dt.date(2026, 3, 7), dt.time(22), dt.time(3), NEW_YORK)
    assert start.astimezone(NEW_YORK).date() == dt.date(2026, 3, 7)
    assert end.astimezone(NEW_YORK).date() == dt.date(2026, 3, 8)
    # The night DST starts is one hour shorter: 22:00 EST to 03:00 EDT = 4 real hours.
    assert end - start == dt.timedelta(hours=4)
    assert local_times(start, end) == ("22:00", "03:00")


def test_end_inside_the_spring_forward_gap_is_the_same_instant_as_the_gap_end() -> None:
    _, end = local_span(dt.date(2026, 3, 7), dt.time(22), dt.time(2, 30), NEW_YORK)
    assert end.astimezone(NEW_YORK).strftime("%H:%M") == "03:30"


def test_fall_back_night_is_an_hour_longer() -> None:
    start, end = local_span(dt.date(2026, 10, 31), dt.time(22), dt.time(2), NEW_YORK)
    assert end - start == dt.timedelta(hours=5)


def test_exceptions_and_validity_limit_the_occurrences() -> None:
    christmas = dt.date(2026, 12, 25)
    days = [
        o.local_date
        for o in expand_weekly(
            weekday_mask([4]),
            dt.time(20),
            dt.time(23),
            dt.date(2026, 12, 1),
            dt.date(2026, 12, 31),
            NEW_YORK,
            dt.date(2026, 11, 1),
            dt.date(2027, 2, 1),
            frozenset({christmas}),
        )
    ]
    assert days == [dt.date(2026, 12, 4), dt.date(2026, 12, 11), dt.date(2026, 12, 18)]

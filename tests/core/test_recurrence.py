import datetime as dt
from zoneinfo import ZoneInfo

from watchdesk.core.recurrence import (
    ExistingShift,
    WeeklyPattern,
    expand_weekly,
    local_span,
    occurrences_to_add,
    plan_future_edit,
    weekday_mask,
    weekdays_of,
)

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


NY = NEW_YORK
FRI_SAT = weekday_mask([4, 5])


def _pattern(**changes: object) -> WeeklyPattern:
    values: dict[str, object] = {
        "weekdays": FRI_SAT,
        "start": dt.time(20),
        "end": dt.time(23),
        "valid_from": dt.date(2026, 10, 2),
    }
    values.update(changes)
    return WeeklyPattern(**values)  # type: ignore[arg-type]


def test_edit_future_updates_kept_dates_removes_dropped_ones_and_adds_new_ones() -> None:
    # Fridays and Saturdays in October; from Oct 16 the series moves to Saturdays and Sundays.
    old = list(_pattern().occurrences(NY, dt.date(2026, 10, 1), dt.date(2026, 10, 31)))
    existing = [ExistingShift(100 + i, o.local_date, locked=False) for i, o in enumerate(old)]
    new = _pattern(weekdays=weekday_mask([5, 6]), start=dt.time(21), end=dt.time(1))
    plan = plan_future_edit(existing, new, NY, dt.date(2026, 10, 16), dt.date(2026, 10, 31))
    by_id = {s.shift_id: s.local_date for s in existing}
    # Saturdays 17, 24, 31 are updated in place, to 21:00-01:00 local.
    assert sorted(by_id[i] for i, _ in plan.update) == [
        dt.date(2026, 10, 17),
        dt.date(2026, 10, 24),
        dt.date(2026, 10, 31),
    ]
    for _, occurrence in plan.update:
        assert occurrence.starts_at.astimezone(NY).time() == dt.time(21)
        assert occurrence.ends_at.astimezone(NY).date() == occurrence.local_date + dt.timedelta(1)
    # Fridays 16, 23, 30 are removed; Sundays 18 and 25 are new.
    assert sorted(by_id[i] for i in plan.remove) == [
        dt.date(2026, 10, 16),
        dt.date(2026, 10, 23),
        dt.date(2026, 10, 30),
    ]
    assert [o.local_date for o in plan.create] == [dt.date(2026, 10, 18), dt.date(2026, 10, 25)]
    # Nothing before the edit date is touched.
    touched = {i for i, _ in plan.update} | set(plan.remove)
    assert all(by_id[i] >= dt.date(2026, 10, 16) for i in touched)


def test_edit_future_never_rewrites_a_locked_shift() -> None:
    existing = [
        ExistingShift(1, dt.date(2026, 10, 16), locked=True),
        ExistingShift(2, dt.date(2026, 10, 17), locked=False),
    ]
    plan = plan_future_edit(
        existing,
        _pattern(weekdays=weekday_mask([5])),
        NY,
        dt.date(2026, 10, 16),
        dt.date(2026, 10, 17),
    )
    assert plan.remove == ()
    assert [i for i, _ in plan.update] == [2]
    assert plan.create == ()


def test_extending_a_series_starts_after_the_last_stored_occurrence() -> None:
    pattern = _pattern(exceptions=frozenset({dt.date(2026, 10, 10)}))
    added = occurrences_to_add(pattern, NY, dt.date(2026, 10, 3), dt.date(2026, 10, 17))
    # Oct 10 is a holiday; Oct 2 and 3 are already stored.
    assert [o.local_date for o in added] == [
        dt.date(2026, 10, 9),
        dt.date(2026, 10, 16),
        dt.date(2026, 10, 17),
    ]
    first = occurrences_to_add(pattern, NY, None, dt.date(2026, 10, 3))
    assert [o.local_date for o in first] == [dt.date(2026, 10, 2), dt.date(2026, 10, 3)]

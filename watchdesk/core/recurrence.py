"""Weekly shift patterns expanded into concrete shifts, in the group's local time.

A series says "Fri and Sat 20:00-23:00 local"; each occurrence is computed in local time and
only then converted to UTC, so it stays 20:00-23:00 on both sides of a daylight-saving change.
A shift whose end is not after its start crosses midnight and belongs to the evening it starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_mask(days: Iterable[int]) -> int:
    """Bit mask of weekdays (0 = Monday ... 6 = Sunday)."""
    mask = 0
    for day in days:
        if not 0 <= day <= 6:
            raise ValueError(f"weekday {day} is not 0-6")
        mask |= 1 << day
    return mask


def weekdays_of(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]


@dataclass(frozen=True)
class Occurrence:
    local_date: dt.date
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime  # UTC


def local_span(
    local_date: dt.date, start: dt.time, end: dt.time, time_zone: ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """UTC start and end of a shift on ``local_date`` (crossing midnight when end <= start)."""
    start_local = dt.datetime.combine(local_date, start, tzinfo=time_zone)
    end_date = local_date if end > start else local_date + dt.timedelta(days=1)
    end_local = dt.datetime.combine(end_date, end, tzinfo=time_zone)
    # A wall time inside the spring-forward gap (02:30) is read with the offset before the
    # change, i.e. the instant the clock shows 03:30: nobody patrols a time that never existed.
    return start_local.astimezone(dt.UTC), end_local.astimezone(dt.UTC)


def expand_weekly(
    weekdays: int,
    start: dt.time,
    end: dt.time,
    valid_from: dt.date,
    valid_until: dt.date | None,
    time_zone: ZoneInfo,
    window_start: dt.date,
    window_end: dt.date,
    exceptions: frozenset[dt.date] = frozenset(),
) -> Iterator[Occurrence]:
    """Occurrences whose local date lies in both the series' validity and the window (inclusive)."""
    first = max(valid_from, window_start)
    last = window_end if valid_until is None else min(valid_until, window_end)
    day = first
    while day <= last:
        if weekdays & (1 << day.weekday()) and day not in exceptions:
            starts_at, ends_at = local_span(day, start, end, time_zone)
            yield Occurrence(day, starts_at, ends_at)
        day += dt.timedelta(days=1)


@dataclass(frozen=True)
class WeeklyPattern:
    weekdays: int
    start: dt.time
    end: dt.time
    valid_from: dt.date
    valid_until: dt.date | None = None
    exceptions: frozenset[dt.date] = frozenset()

    def occurrences(
        self, time_zone: ZoneInfo, window_start: dt.date, window_end: dt.date
    ) -> Iterator[Occurrence]:
        return expand_weekly(
            self.weekdays,
            self.start,
            self.end,
            self.valid_from,
            self.valid_until,
            time_zone,
            window_start,
            window_end,
            self.exceptions,
        )


@dataclass(frozen=True)
class ExistingShift:
    shift_id: int
    local_date: dt.date
    # Started, checked in or logged: history, never rewritten by a series edit.
    locked: bool


@dataclass(frozen=True)
class SeriesEditPlan:
    update: tuple[tuple[int, Occurrence], ...]
    create: tuple[Occurrence, ...]
    remove: tuple[int, ...]


def plan_future_edit(
    existing: Iterable[ExistingShift],
    pattern: WeeklyPattern,
    time_zone: ZoneInfo,
    from_date: dt.date,
    through: dt.date,
) -> SeriesEditPlan:
    """What "this and all future occurrences" does to a series' shifts from ``from_date``.

    A shift on a date the new pattern still has is updated in place (it keeps its identity and
    its assignments); one on a date the pattern no longer has is removed; new dates get new
    shifts. Shifts before ``from_date`` and locked shifts are left exactly as they are.
    """
    wanted = {o.local_date: o for o in pattern.occurrences(time_zone, from_date, through)}
    update: list[tuple[int, Occurrence]] = []
    remove: list[int] = []
    taken: set[dt.date] = set()
    for shift in existing:
        if shift.local_date < from_date:
            continue
        taken.add(shift.local_date)
        if shift.locked:
            continue
        occurrence = wanted.get(shift.local_date)
        if occurrence is None:
            remove.append(shift.shift_id)
        else:
            update.append((shift.shift_id, occurrence))
    create = tuple(o for day, o in sorted(wanted.items()) if day not in taken)
    return SeriesEditPlan(tuple(update), create, tuple(remove))


def occurrences_to_add(
    pattern: WeeklyPattern, time_zone: ZoneInfo, last_materialised: dt.date | None, through: dt.date
) -> list[Occurrence]:
    """Occurrences after the last one already stored, up to ``through``: extending a series
    never brings back an occurrence that was removed or cancelled before it."""
    first = pattern.valid_from
    if last_materialised is not None:
        first = max(first, last_materialised + dt.timedelta(days=1))
    return list(pattern.occurrences(time_zone, first, through))

"""The schedule as users look at it: shifts in a window with who is on them and their
staffing state, coverage gaps, conflicts, and suggestions to fill the gaps."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.recurrence import WeeklyPattern, occurrences_to_add
from watchdesk.core.scheduling import (
    Conflict,
    MemberFacts,
    Staffing,
    StaffingState,
    coverage_gaps,
    find_conflicts,
    staffing_state,
    suggest_fill,
)
from watchdesk.db.models import SeriesException, Shift, ShiftSeries
from watchdesk.services._common import paused_gc
from watchdesk.services.schedule_facts import (
    WindowFacts,
    group_time_zone,
    member_facts,
    window_facts,
)


class ShiftCard(NamedTuple):
    """A shift as the calendar, the lists and the printed rota show it (a named tuple: a
    year's check makes a hundred thousand)."""

    id: int
    series_id: int | None
    local_date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    block_id: int | None
    place: str  # block name or route
    minimum: int
    maximum: int
    names: tuple[str, ...]
    cancelled: bool
    problems: int = 0

    @property
    def assigned(self) -> int:
        return len(self.names)

    @property
    def state(self) -> StaffingState:
        return staffing_state(self.assigned, self.minimum)


@dataclass(frozen=True)
class ScheduleCheck:
    cards: list[ShiftCard]
    gaps: list[ShiftCard]
    conflicts: list[Conflict]


def series_behind(session: Session, group_id: int, through: dt.date) -> bool:
    """Whether a weekly series of the group has occurrences up to ``through`` that are not yet
    shifts (``patrols.extend_series`` would add them): a rota, a calendar or a shifts table of
    a period expands the series first, and only then needs to write."""
    block = group_time_zone(session, group_id)
    made = (
        select(Shift.series_id, func.max(Shift.local_date).label("last"))
        .where(Shift.group_id == group_id, Shift.series_id.is_not(None))
        .group_by(Shift.series_id)
        .subquery()
    )
    query = (
        select(ShiftSeries, made.c.last)
        .outerjoin(made, made.c.series_id == ShiftSeries.id)
        .where(ShiftSeries.group_id == group_id)
    )
    for series, last in session.execute(query):
        if series.valid_until is not None and series.valid_until < series.valid_from:
            continue  # ended before it began: never expanded
        if last is not None and last >= through:
            continue
        exceptions = session.scalars(
            select(SeriesException.on_date).where(SeriesException.series_id == series.id)
        )
        pattern = WeeklyPattern(
            series.weekdays,
            series.start_local,
            series.end_local,
            series.valid_from,
            series.valid_until,
            frozenset(exceptions),
        )
        if occurrences_to_add(pattern, block, last, through):
            return True
    return False


def check_window(
    session: Session,
    group_id: int,
    first: dt.date,
    last: dt.date,
    block_id: int | None = None,
    member_id: int | None = None,
) -> ScheduleCheck:
    """Every shift whose local date is in [first, last] with its staffing, the gaps among them
    and the conflicts of the members booked on them."""
    with paused_gc():
        return _check_window(session, group_id, first, last, block_id, member_id)


def _check_window(
    session: Session,
    group_id: int,
    first: dt.date,
    last: dt.date,
    block_id: int | None,
    member_id: int | None,
) -> ScheduleCheck:
    facts = window_facts(session, group_id, first, last)
    on_shift = facts.on_shift
    shifts = {
        i: s
        for i, s in facts.shifts.items()
        if first <= s.local_date <= last
        and (block_id is None or s.block_id == block_id)
        and (member_id is None or member_id in on_shift.get(i, ()))
    }
    bookings = facts.bookings
    members = member_facts(session, group_id, sorted({b.member_id for b in bookings}))
    conflicts = find_conflicts(shifts, bookings, members)
    trouble: dict[int, int] = defaultdict(int)
    for conflict in conflicts:
        trouble[conflict.shift_id] += 1
    cards = [
        _card(facts, i, on_shift.get(i, []), members, trouble[i])
        for i, _ in sorted(shifts.items(), key=lambda item: (item[1].starts_at, item[0]))
    ]
    gap_ids = {
        g.shift.shift_id
        for g in coverage_gaps(Staffing(s, tuple(on_shift.get(i, ()))) for i, s in shifts.items())
    }
    return ScheduleCheck(cards, [c for c in cards if c.id in gap_ids], conflicts)


def _card(
    facts: WindowFacts,
    shift_id: int,
    member_ids: list[int],
    members: dict[int, MemberFacts],
    problems: int = 0,
) -> ShiftCard:
    shift = facts.shifts[shift_id]
    place, series_id = facts.places[shift_id]
    names = tuple(sorted(members[m].name for m in member_ids if m in members))
    return ShiftCard(
        shift_id,
        series_id,
        shift.local_date,
        shift.starts_at,
        shift.ends_at,
        shift.block_id,
        place,
        shift.minimum,
        shift.maximum,
        names,
        shift.cancelled,
        problems,
    )


@dataclass(frozen=True)
class SuggestedAssignment:
    shift: ShiftCard
    member_id: int
    member_name: str


def suggest_assignments(
    session: Session,
    group_id: int,
    first: dt.date,
    last: dt.date,
    now: dt.datetime | None = None,
) -> list[SuggestedAssignment]:
    """Proposals to fill the gaps in [first, last] (those not started by ``now``) with
    eligible, available, active members, spreading the period's hours fairly. Nothing is
    written; see ``patrols.assign_member``."""
    facts = window_facts(session, group_id, first, last)
    shifts = {i: s for i, s in facts.shifts.items() if first <= s.local_date <= last}
    on_shift = facts.on_shift
    staffing = [
        Staffing(s, tuple(on_shift.get(i, ())))
        for i, s in shifts.items()
        if now is None or s.starts_at > now
    ]
    bookings = facts.bookings
    hours: dict[int, float] = defaultdict(float)
    for booking in bookings:
        if booking.shift_id in shifts:
            hours[booking.member_id] += (booking.ends_at - booking.starts_at).total_seconds() / 3600
    members = member_facts(session, group_id)
    candidates = [m for m in members.values() if m.active]
    suggestions = suggest_fill(staffing, candidates, bookings, hours)
    return [
        SuggestedAssignment(
            _card(facts, s.shift_id, on_shift.get(s.shift_id, []), members),
            s.member_id,
            members[s.member_id].name,
        )
        for s in suggestions
    ]

"""Creating and editing shifts and series, and putting members on them.

The rules (recurrence, conflicts, eligibility, workflow) live in ``core``; this module loads
what they need, applies their answer in the caller's transaction, and refuses what they refuse.
Shifts that have started, been checked in or logged are history and are never rewritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from watchdesk.core import dates
from watchdesk.core.entities import ShiftDraft, clean_shift_draft
from watchdesk.core.recurrence import (
    ExistingShift,
    Occurrence,
    SeriesEditPlan,
    WeeklyPattern,
    local_span,
    occurrences_to_add,
    plan_future_edit,
)
from watchdesk.core.scheduling import (
    HISTORY,
    ON_PATROL,
    PENDING,
    Booking,
    MemberFacts,
    Problem,
    ShiftFacts,
    assignment_problems,
    check_transition,
)
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import ASSIGNMENT_STATUSES, AssignmentStatus
from watchdesk.core.words import count as counted
from watchdesk.db.models import (
    Assignment,
    Block,
    Course,
    Member,
    MemberUnavailability,
    PatrolLog,
    RequiredCourse,
    SeriesException,
    Shift,
    ShiftSeries,
    WatchGroup,
)
from watchdesk.services._common import check_in_group, get_or_raise
from watchdesk.services.schedule_facts import (
    bookings_between,
    group_time_zone,
    member_facts,
    one_shift_facts,
    required_courses,
)

# How far ahead a series is expanded into concrete shifts when it is created or edited.
HORIZON = dt.timedelta(weeks=26)


# -- creating -------------------------------------------------------------------------------
def create_shifts(session: Session, group_id: int, draft: ShiftDraft) -> list[int]:
    """One shift, or a weekly series expanded over the next six months; returns the new ids."""
    values = clean_shift_draft(draft)
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_refs(session, group_id, draft)
    time_zone = ZoneInfo(group.timezone)
    if not draft.repeat_weekdays:
        starts_at, ends_at = local_span(draft.local_date, draft.start, draft.end, time_zone)
        shift = Shift(
            group_id=group_id,
            local_date=draft.local_date,
            starts_at=starts_at,
            ends_at=ends_at,
            **_shift_fields(values),
        )
        session.add(shift)
        session.flush()
        _set_shift_courses(session, shift, draft.required_course_ids)
        return [shift.id]
    series = _new_series(session, group_id, draft, values, draft.local_date)
    return [s.id for s in _materialise(session, series, time_zone, draft.local_date + HORIZON)]


def _check_refs(session: Session, group_id: int, draft: ShiftDraft) -> None:
    check_in_group(
        session, group_id, {"block_id": (Block, draft.block_id, "is not a block of this group")}
    )
    for course_id in draft.required_course_ids:
        check_in_group(
            session,
            group_id,
            {"required_course_ids": (Course, course_id, "names a course of another group")},
        )


def _shift_fields(values: dict[str, object]) -> dict[str, object]:
    names = ("block_id", "route", "min_patrollers", "max_patrollers", "vehicle", "notes")
    return {name: values[name] for name in names}


def _new_series(
    session: Session,
    group_id: int,
    draft: ShiftDraft,
    values: dict[str, object],
    valid_from: dt.date,
) -> ShiftSeries:
    series = ShiftSeries(
        group_id=group_id,
        weekdays=draft.repeat_weekdays,
        start_local=draft.start,
        end_local=draft.end,
        valid_from=valid_from,
        valid_until=draft.repeat_until,
        **_shift_fields(values),
    )
    session.add(series)
    session.flush()
    for day in sorted(set(draft.exceptions)):
        if day >= valid_from:
            session.add(SeriesException(group_id=group_id, series_id=series.id, on_date=day))
    _set_series_courses(session, series, draft.required_course_ids)
    session.flush()
    return series


def _pattern(session: Session, series: ShiftSeries) -> WeeklyPattern:
    exceptions = session.scalars(
        select(SeriesException.on_date).where(SeriesException.series_id == series.id)
    )
    return WeeklyPattern(
        series.weekdays,
        series.start_local,
        series.end_local,
        series.valid_from,
        series.valid_until,
        frozenset(exceptions),
    )


def _materialise(
    session: Session, series: ShiftSeries, time_zone: ZoneInfo, through: dt.date
) -> list[Shift]:
    last = session.scalar(select(func.max(Shift.local_date)).where(Shift.series_id == series.id))
    added = [
        _series_shift(series, occurrence)
        for occurrence in occurrences_to_add(_pattern(session, series), time_zone, last, through)
    ]
    session.add_all(added)
    session.flush()
    return added


def _series_shift(series: ShiftSeries, occurrence: Occurrence) -> Shift:
    return Shift(
        group_id=series.group_id,
        series_id=series.id,
        local_date=occurrence.local_date,
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        block_id=series.block_id,
        route=series.route,
        min_patrollers=series.min_patrollers,
        max_patrollers=series.max_patrollers,
        vehicle=series.vehicle,
        notes=series.notes,
    )


def extend_series(session: Session, group_id: int, through: dt.date) -> int:
    """Expand every series of the group up to ``through``; returns how many shifts were added."""
    time_zone = group_time_zone(session, group_id)
    added = 0
    for series in session.scalars(select(ShiftSeries).where(ShiftSeries.group_id == group_id)):
        if series.valid_until is None or series.valid_until >= series.valid_from:
            added += len(_materialise(session, series, time_zone, through))
    return added


def _set_series_courses(session: Session, series: ShiftSeries, course_ids: tuple[int, ...]) -> None:
    session.execute(delete(RequiredCourse).where(RequiredCourse.series_id == series.id))
    for course_id in sorted(set(course_ids)):
        session.add(
            RequiredCourse(group_id=series.group_id, series_id=series.id, course_id=course_id)
        )


def _set_shift_courses(session: Session, shift: Shift, course_ids: tuple[int, ...]) -> None:
    """Courses this shift requires beyond those its series requires."""
    by_series, _ = required_courses(session, shift.group_id)
    inherited = set(by_series.get(shift.series_id or 0, {}))
    session.execute(delete(RequiredCourse).where(RequiredCourse.shift_id == shift.id))
    for course_id in sorted(set(course_ids) - inherited):
        session.add(RequiredCourse(group_id=shift.group_id, shift_id=shift.id, course_id=course_id))


# -- what the editor shows ------------------------------------------------------------------
@dataclass(frozen=True)
class AssignmentLine:
    id: int
    member_id: int
    name: str
    status: str
    override_reason: str | None

    @property
    def status_label(self) -> str:
        return ASSIGNMENT_STATUSES[self.status]


@dataclass(frozen=True)
class ShiftDetail:
    id: int
    uuid: str
    series_id: int | None
    draft: ShiftDraft
    # Courses the series requires: one occurrence can add to them, not drop them.
    series_course_ids: tuple[int, ...]
    starts_at: dt.datetime
    ends_at: dt.datetime
    cancelled: bool
    locked: bool
    assignments: tuple[AssignmentLine, ...]


def shift_detail(session: Session, shift_id: int, now: dt.datetime) -> ShiftDetail:
    shift = get_or_raise(session, Shift, shift_id, "shift")
    by_series, by_shift = required_courses(session, shift.group_id)
    series = session.get(ShiftSeries, shift.series_id) if shift.series_id else None
    series_courses = tuple(sorted(by_series.get(shift.series_id or 0, {})))
    exceptions: tuple[dt.date, ...] = ()
    if series is not None:
        exceptions = tuple(sorted(_pattern(session, series).exceptions))
    time_zone = group_time_zone(session, shift.group_id)
    draft = ShiftDraft(
        local_date=shift.local_date,
        start=shift.starts_at.astimezone(time_zone).time().replace(tzinfo=None),
        end=shift.ends_at.astimezone(time_zone).time().replace(tzinfo=None),
        block_id=shift.block_id,
        route=shift.route or "",
        min_patrollers=shift.min_patrollers,
        max_patrollers=shift.max_patrollers,
        vehicle=shift.vehicle or "",
        notes=shift.notes or "",
        required_course_ids=tuple(sorted({*series_courses, *by_shift.get(shift.id, {})})),
        repeat_weekdays=series.weekdays if series else 0,
        repeat_until=series.valid_until if series else None,
        exceptions=exceptions,
    )
    return ShiftDetail(
        id=shift.id,
        uuid=shift.uuid,
        series_id=shift.series_id,
        draft=draft,
        series_course_ids=series_courses,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        cancelled=shift.cancelled,
        locked=shift.id in _locked_ids(session, [shift], now),
        assignments=tuple(assignment_lines(session, shift.id)),
    )


def when(day: dt.date, start: dt.time) -> str:
    """A shift's local start as an action names it: "Tue Dec 8 7:00 PM"."""
    hour = start.hour % 12 or 12
    return f"{day:%a %b} {day.day} {hour}:{start.minute:02d} {'AM' if start.hour < 12 else 'PM'}"


def shift_label(session: Session, shift_id: int) -> str:
    """'Tue Dec 8 7:00 PM': how an action's name (in Edit > Undo) calls a shift, by its
    local start in the group's time zone."""
    shift = get_or_raise(session, Shift, shift_id, "shift")
    start = shift.starts_at.astimezone(group_time_zone(session, shift.group_id)).time()
    return when(shift.local_date, start)


def shift_of(session: Session, assignment_id: int) -> int:
    """The id of the shift an assignment puts its member on."""
    return get_or_raise(session, Assignment, assignment_id, "assignment").shift_id


def patroller_label(session: Session, assignment_id: int) -> str:
    """'Ana Reyes': how an action's name calls the member an assignment puts on a shift."""
    lines = assignment_lines(session, shift_of(session, assignment_id))
    return next((line.name for line in lines if line.id == assignment_id), "patroller")


def assignment_lines(session: Session, shift_id: int) -> list[AssignmentLine]:
    facts = {}
    rows = session.execute(
        select(Assignment.id, Assignment.member_id, Assignment.status, Assignment.override_reason)
        .where(Assignment.shift_id == shift_id)
        .order_by(Assignment.id)
    ).all()
    if rows:
        group_id = session.scalar(select(Shift.group_id).where(Shift.id == shift_id))
        assert group_id is not None
        facts = member_facts(session, group_id, [r.member_id for r in rows])
    return [
        AssignmentLine(r.id, r.member_id, facts[r.member_id].name, r.status, r.override_reason)
        for r in rows
        if r.member_id in facts
    ]


def draft_problems(
    session: Session,
    group_id: int,
    member_id: int,
    draft: ShiftDraft,
    shift_id: int | None = None,
) -> list[Problem]:
    """What speaks against ``member_id`` taking the shift as drafted (before it is saved)."""
    facts = _draft_facts(session, group_id, draft, shift_id)
    return _problems(session, group_id, member_id, facts)


def _draft_facts(
    session: Session, group_id: int, draft: ShiftDraft, shift_id: int | None
) -> ShiftFacts:
    starts_at, ends_at = local_span(
        draft.local_date, draft.start, draft.end, group_time_zone(session, group_id)
    )
    required = {}
    titles = dict(
        session.execute(select(Course.id, Course.title).where(Course.group_id == group_id)).all()
    )
    for course_id in draft.required_course_ids:
        required[course_id] = titles.get(course_id, "a required course")
    return ShiftFacts(
        shift_id,
        draft.local_date,
        starts_at,
        ends_at,
        draft.min_patrollers,
        draft.max_patrollers,
        draft.block_id,
        required,
    )


def _problems(
    session: Session,
    group_id: int,
    member_id: int,
    shift: ShiftFacts,
    leaving: int | None = None,
) -> list[Problem]:
    """What speaks against the member taking ``shift`` (as if they had already left the shift
    ``leaving``, for swaps)."""
    member = member_facts(session, group_id, [member_id]).get(member_id)
    if member is None:
        raise ValidationError.single("member_id", "is not a member of this group")
    bookings = [
        b
        for b in bookings_between(session, group_id, shift.starts_at, shift.ends_at, [member_id])
        if b.shift_id != leaving
    ]
    return assignment_problems(member, shift, bookings, _describe(session, group_id, bookings))


def _describe(session: Session, group_id: int, bookings: list[Booking]) -> dict[int, str]:
    time_zone = group_time_zone(session, group_id)
    return {
        b.shift_id: "the "
        + dates.day(b.starts_at.astimezone(time_zone).date(), short=True)
        + f" {dates.time_of_day(b.starts_at, time_zone)} shift"
        for b in bookings
    }


# -- editing --------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditSummary:
    updated: int
    created: int
    removed: int
    # Members who lose a shift because its date is no longer in the series.
    unassigned: int

    def describe(self) -> str:
        parts = [f"{self.updated} updated", f"{self.created} added", f"{self.removed} removed"]
        text = ", ".join(parts)
        if self.unassigned:
            text += f"; {counted(self.unassigned, 'assignment')} on removed dates dropped"
        return text


def _locked_ids(session: Session, shifts: list[Shift], now: dt.datetime) -> set[int]:
    ids = [s.id for s in shifts]
    locked = {s.id for s in shifts if s.starts_at <= now}
    for offset in range(0, len(ids), 900):
        chunk = ids[offset : offset + 900]
        locked.update(
            session.scalars(
                select(Assignment.shift_id).where(
                    Assignment.shift_id.in_(chunk), Assignment.status.in_(HISTORY)
                )
            )
        )
        locked.update(
            session.scalars(select(PatrolLog.shift_id).where(PatrolLog.shift_id.in_(chunk)))
        )
    return locked


def _refuse_if_locked(session: Session, shift: Shift, now: dt.datetime) -> None:
    if _locked_ids(session, [shift], now):
        raise ValidationError.single(
            "local_date",
            "this shift has started, been checked in or logged; "
            "past shifts and their logs are never changed",
        )


def _future_plan(
    session: Session, shift: Shift, draft: ShiftDraft, now: dt.datetime
) -> tuple[list[Shift], SeriesEditPlan]:
    """The shifts from this one on (in its series) and what the new pattern does to them."""
    if shift.series_id is None:
        affected = [shift]
    else:
        affected = list(
            session.scalars(
                select(Shift).where(
                    Shift.series_id == shift.series_id, Shift.local_date >= shift.local_date
                )
            )
        )
    locked = _locked_ids(session, affected, now)
    existing = [ExistingShift(s.id, s.local_date, s.id in locked) for s in affected]
    pattern = WeeklyPattern(
        draft.repeat_weekdays,
        draft.start,
        draft.end,
        shift.local_date,
        draft.repeat_until,
        frozenset(draft.exceptions),
    )
    last = max([s.local_date for s in affected] + [shift.local_date + HORIZON])
    through = last if draft.repeat_until is None else min(last, draft.repeat_until)
    time_zone = group_time_zone(session, shift.group_id)
    return affected, plan_future_edit(existing, pattern, time_zone, shift.local_date, through)


def preview_edit(
    session: Session, shift_id: int, draft: ShiftDraft, scope: str, now: dt.datetime
) -> EditSummary:
    """What saving would do, for the editor to confirm; nothing is written."""
    shift = get_or_raise(session, Shift, shift_id, "shift")
    if scope == "one" or not draft.repeat_weekdays:
        return EditSummary(1, 0, 0, 0)
    _, plan = _future_plan(session, shift, draft, now)
    return EditSummary(len(plan.update), len(plan.create), len(plan.remove), _held(session, plan))


def _held(session: Session, plan: SeriesEditPlan) -> int:
    if not plan.remove:
        return 0
    return (
        session.scalar(
            select(func.count()).where(Assignment.shift_id.in_(plan.remove), Assignment.holds_shift)
        )
        or 0
    )


def edit_shift(
    session: Session, shift_id: int, draft: ShiftDraft, scope: str, now: dt.datetime
) -> EditSummary:
    """Apply the editor's draft to this occurrence only (``scope='one'``) or to this and all
    future occurrences (``'future'``), which may also turn a single shift into a series."""
    shift = get_or_raise(session, Shift, shift_id, "shift")
    values = clean_shift_draft(draft)
    _check_refs(session, shift.group_id, draft)
    _refuse_if_locked(session, shift, now)
    if scope == "one" or not draft.repeat_weekdays:
        _edit_one(session, shift, draft, values)
        return EditSummary(1, 0, 0, 0)
    affected, plan = _future_plan(session, shift, draft, now)
    summary = EditSummary(
        len(plan.update), len(plan.create), len(plan.remove), _held(session, plan)
    )
    old = session.get(ShiftSeries, shift.series_id) if shift.series_id else None
    if old is not None and shift.local_date <= old.valid_from:
        target = old
        for name, value in _shift_fields(values).items():
            setattr(target, name, value)
        target.weekdays = draft.repeat_weekdays
        target.start_local, target.end_local = draft.start, draft.end
        target.valid_until = draft.repeat_until
        session.execute(delete(SeriesException).where(SeriesException.series_id == old.id))
        for day in sorted(set(draft.exceptions)):
            session.add(SeriesException(group_id=old.group_id, series_id=old.id, on_date=day))
        _set_series_courses(session, old, draft.required_course_ids)
    else:
        if old is not None:
            old.valid_until = shift.local_date - dt.timedelta(days=1)
            session.execute(
                delete(SeriesException).where(
                    SeriesException.series_id == old.id,
                    SeriesException.on_date >= shift.local_date,
                )
            )
        target = _new_series(session, shift.group_id, draft, values, shift.local_date)
    fields = _shift_fields(values)
    by_id = {s.id: s for s in affected}
    for shift_id_, occurrence in plan.update:
        moved = by_id[shift_id_]
        moved.series_id = target.id
        moved.starts_at, moved.ends_at = occurrence.starts_at, occurrence.ends_at
        for name, value in fields.items():
            setattr(moved, name, value)
    for locked in affected:
        if locked.id not in {i for i, _ in plan.update} and locked.id not in plan.remove:
            locked.series_id = target.id
    if plan.remove:
        session.execute(delete(Shift).where(Shift.id.in_(plan.remove)))
    session.flush()
    session.add_all(_series_shift(target, occurrence) for occurrence in plan.create)
    session.flush()
    return summary


def _edit_one(session: Session, shift: Shift, draft: ShiftDraft, values: dict[str, object]) -> None:
    if shift.series_id is not None and draft.local_date != shift.local_date:
        clash = session.scalar(
            select(
                exists().where(
                    Shift.series_id == shift.series_id, Shift.local_date == draft.local_date
                )
            )
        )
        if clash:
            raise ValidationError.single(
                "local_date", "the series already has a shift on that date"
            )
    time_zone = group_time_zone(session, shift.group_id)
    shift.local_date = draft.local_date
    shift.starts_at, shift.ends_at = local_span(draft.local_date, draft.start, draft.end, time_zone)
    for name, value in _shift_fields(values).items():
        setattr(shift, name, value)
    _set_shift_courses(session, shift, draft.required_course_ids)
    session.flush()


def set_cancelled(
    session: Session, shift_id: int, cancelled: bool, now: dt.datetime, reason: str = ""
) -> None:
    """Cancel one occurrence (it stays visible, greyed, and its series skips the date) or
    bring it back."""
    shift = get_or_raise(session, Shift, shift_id, "shift")
    _refuse_if_locked(session, shift, now)
    shift.cancelled = cancelled
    if shift.series_id is None:
        return
    if cancelled:
        session.add(
            SeriesException(
                group_id=shift.group_id,
                series_id=shift.series_id,
                on_date=shift.local_date,
                reason=reason.strip() or None,
            )
        )
    else:
        session.execute(
            delete(SeriesException).where(
                SeriesException.series_id == shift.series_id,
                SeriesException.on_date == shift.local_date,
            )
        )
    session.flush()


# -- assignments ----------------------------------------------------------------------------
def assign_member(
    session: Session, shift_id: int, member_id: int, override_reason: str | None = None
) -> int:
    """Put a member on a shift; returns the assignment id.

    Refused when the member is inactive or already on an overlapping shift, or the shift is
    full. Days away and lapsed training are refused too, unless the coordinator gives a reason
    to override, which is recorded on the assignment.
    """
    shift = one_shift_facts(session, shift_id)
    group_id = session.scalar(select(Shift.group_id).where(Shift.id == shift_id))
    assert group_id is not None
    member = session.get(Member, member_id)
    if member is None or member.group_id != group_id:
        raise ValidationError.single("member_id", "is not a member of this shift's group")
    if session.scalar(
        select(exists().where(Assignment.shift_id == shift_id, Assignment.member_id == member_id))
    ):
        raise ValidationError.single("member_id", "is already on this shift")
    held = _held_count(session, shift_id)
    if held >= shift.maximum:
        raise ValidationError.single("member_id", f"the shift is full ({held} of {shift.maximum})")
    problems = _problems(session, group_id, member_id, shift)
    reason = _refuse(problems, override_reason)
    session.add(
        Assignment(
            group_id=group_id, shift_id=shift_id, member_id=member_id, override_reason=reason
        )
    )
    session.flush()
    return _assignment_id(session, shift_id, member_id)


def _refuse(problems: list[Problem], override_reason: str | None) -> str | None:
    """The override reason to record, or a ValidationError saying what stands in the way."""
    hard = [p.message for p in problems if p.hard]
    if hard:
        raise ValidationError.single("member_id", "; ".join(hard))
    if not problems:
        return None
    reason = (override_reason or "").strip()
    if not reason:
        soft = "; ".join(p.message for p in problems)
        raise ValidationError.single("member_id", f"{soft}. Give a reason to assign them anyway.")
    if len(reason) > 300:
        raise ValidationError.single("override_reason", "must be at most 300 characters")
    return reason


def _held_count(session: Session, shift_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(Assignment.shift_id == shift_id, Assignment.holds_shift)
        )
        or 0
    )


def _assignment_id(session: Session, shift_id: int, member_id: int) -> int:
    found = session.scalar(
        select(Assignment.id).where(
            Assignment.shift_id == shift_id, Assignment.member_id == member_id
        )
    )
    assert found is not None
    return found


def unassign(session: Session, assignment_id: int) -> None:
    assignment = get_or_raise(session, Assignment, assignment_id, "assignment")
    if assignment.status not in PENDING:
        raise ValidationError.single(
            "status", "only scheduled or confirmed members can be taken off a shift"
        )
    session.delete(assignment)
    session.flush()


def set_status(session: Session, assignment_id: int, status: str, now: dt.datetime) -> None:
    """Move an assignment along scheduled -> confirmed -> checked in -> completed (or no-show).
    Checking in starts the patrol log's clock and the last one out stops it."""
    assignment = get_or_raise(session, Assignment, assignment_id, "assignment")
    check_transition(assignment.status, status)
    assignment.status = status
    session.flush()
    if status in ON_PATROL:
        _clock_patrol(session, assignment.shift_id, assignment.group_id, now)


def _clock_patrol(session: Session, shift_id: int, group_id: int, now: dt.datetime) -> None:
    log = session.scalar(select(PatrolLog).where(PatrolLog.shift_id == shift_id))
    if log is None:
        log = PatrolLog(group_id=group_id, shift_id=shift_id)
        session.add(log)
    if log.actual_start is None:
        log.actual_start = now
    statuses = set(
        session.scalars(
            select(Assignment.status).where(Assignment.shift_id == shift_id, Assignment.holds_shift)
        )
    )
    if (
        statuses == {AssignmentStatus.COMPLETED}
        and log.actual_end is None
        and now > log.actual_start
    ):
        log.actual_end = now
    session.flush()


def swap(
    session: Session, first_id: int, second_id: int, override_reason: str | None = None
) -> None:
    """Two members trade shifts. Each must be able to take the other's shift."""
    first = get_or_raise(session, Assignment, first_id, "assignment")
    second = get_or_raise(session, Assignment, second_id, "assignment")
    for assignment in (first, second):
        if assignment.status not in PENDING:
            raise ValidationError.single(
                "status", "only scheduled or confirmed shifts can be swapped"
            )
    if first.shift_id == second.shift_id or first.member_id == second.member_id:
        raise ValidationError.single("member_id", "choose two members on two different shifts")
    reasons = []
    for mover, target in ((first, second), (second, first)):
        on_target = session.scalar(
            select(
                exists().where(
                    Assignment.shift_id == target.shift_id, Assignment.member_id == mover.member_id
                )
            )
        )
        name = session.get(Member, mover.member_id)
        who = f"{name.given_name} {name.family_name}" if name else "member"
        if on_target:
            raise ValidationError.single("member_id", f"{who} is already on the other shift")
        shift = one_shift_facts(session, target.shift_id)
        problems = _problems(session, mover.group_id, mover.member_id, shift, mover.shift_id)
        try:
            reasons.append(_refuse(problems, override_reason))
        except ValidationError as error:
            raise ValidationError.single(
                "member_id", f"{who}: {error.errors['member_id']}"
            ) from None
    first.member_id, second.member_id = second.member_id, first.member_id
    first.override_reason, second.override_reason = reasons[1], reasons[0]
    first.status = second.status = AssignmentStatus.SCHEDULED
    session.flush()


# -- availability ---------------------------------------------------------------------------
def add_unavailability(
    session: Session, member_id: int, starts_on: dt.date, ends_on: dt.date, reason: str = ""
) -> int:
    member = get_or_raise(session, Member, member_id, "member")
    if ends_on < starts_on:
        raise ValidationError.single("ends_on", "must not be before the first day")
    if len(reason.strip()) > 200:
        raise ValidationError.single("reason", "must be at most 200 characters")
    record = MemberUnavailability(
        group_id=member.group_id,
        member_id=member.id,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip() or None,
    )
    session.add(record)
    session.flush()
    return record.id


def eligible_members(
    session: Session, group_id: int, draft: ShiftDraft, shift_id: int | None = None
) -> list[tuple[MemberFacts, list[Problem]]]:
    """Active members with what speaks against each taking the drafted shift (empty: fine)."""
    shift = _draft_facts(session, group_id, draft, shift_id)
    members = [m for m in member_facts(session, group_id).values() if m.active]
    bookings = bookings_between(session, group_id, shift.starts_at, shift.ends_at)
    describe = _describe(session, group_id, bookings)
    out = [(m, assignment_problems(m, shift, bookings, describe)) for m in members]
    return sorted(out, key=lambda pair: (bool(pair[1]), pair[0].name))

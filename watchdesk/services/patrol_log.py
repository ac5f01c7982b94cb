"""What actually happened on a patrol: real start and finish, odometer, timed notes, hazards,
police calls and the observations made on the way; and the volunteer hours that follow."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from watchdesk.core.names import listed_name
from watchdesk.core.scheduling import worked_hours
from watchdesk.core.validation import ErrorCollector, ValidationError, optional_text, required_text
from watchdesk.core.vocabulary import AssignmentStatus
from watchdesk.db.models import Assignment, Member, Observation, PatrolLog, PatrolLogEntry, Shift
from watchdesk.services._common import get_or_raise


@dataclass
class LogInput:
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    odometer_start: int | None = None
    odometer_end: int | None = None
    hazards: str = ""
    police_calls: int = 0
    notes: str = ""


def clean_log(data: LogInput) -> dict[str, object]:
    errors = ErrorCollector()
    out: dict[str, object] = {
        "actual_start": data.actual_start,
        "actual_end": data.actual_end,
        "odometer_start": data.odometer_start,
        "odometer_end": data.odometer_end,
        "police_calls": data.police_calls,
    }
    if data.actual_start and data.actual_end and data.actual_end <= data.actual_start:
        errors.add("actual_end", "must be after the start")
    if data.actual_end and not data.actual_start:
        errors.add("actual_start", "is needed with a finish time")
    for name in ("odometer_start", "odometer_end", "police_calls"):
        value = getattr(data, name)
        if value is not None and value < 0:
            errors.add(name, "must not be negative")
    if (
        data.odometer_start is not None
        and data.odometer_end is not None
        and data.odometer_end < data.odometer_start
    ):
        errors.add("odometer_end", "must not be below the start reading")
    with errors.field("hazards"):
        out["hazards"] = optional_text(data.hazards, "hazards")
    with errors.field("notes"):
        out["notes"] = optional_text(data.notes, "notes")
    errors.raise_if_any()
    return out


@dataclass(frozen=True)
class LogEntryLine:
    id: int
    noted_at: dt.datetime
    location_text: str
    note: str


@dataclass(frozen=True)
class LinkedObservation:
    id: int
    occurred_at: dt.datetime
    category: str
    description: str
    linked: bool


@dataclass(frozen=True)
class PatrolLogView:
    shift_id: int
    log_id: int | None
    data: LogInput
    entries: tuple[LogEntryLine, ...]
    # Observations made on the patrol (linked) and others made during it that could be.
    observations: tuple[LinkedObservation, ...]


def _log_for(session: Session, shift_id: int, create: bool) -> PatrolLog | None:
    log = session.scalar(select(PatrolLog).where(PatrolLog.shift_id == shift_id))
    if log is None and create:
        shift = get_or_raise(session, Shift, shift_id, "shift")
        log = PatrolLog(group_id=shift.group_id, shift_id=shift_id)
        session.add(log)
        session.flush()
    return log


def patrol_log(session: Session, shift_id: int) -> PatrolLogView:
    shift = get_or_raise(session, Shift, shift_id, "shift")
    log = _log_for(session, shift_id, create=False)
    data = LogInput()
    entries: tuple[LogEntryLine, ...] = ()
    if log is not None:
        data = LogInput(
            log.actual_start,
            log.actual_end,
            log.odometer_start,
            log.odometer_end,
            log.hazards or "",
            log.police_calls,
            log.notes or "",
        )
        entries = tuple(
            LogEntryLine(e.id, e.noted_at, e.location_text or "", e.note)
            for e in session.scalars(
                select(PatrolLogEntry)
                .where(PatrolLogEntry.log_id == log.id)
                .order_by(PatrolLogEntry.noted_at, PatrolLogEntry.id)
            )
        )
    # Made during the shift (with an hour's grace either side), or already linked.
    window = (Observation.occurred_at >= shift.starts_at - dt.timedelta(hours=1)) & (
        Observation.occurred_at <= shift.ends_at + dt.timedelta(hours=1)
    )
    linked = Observation.patrol_log_id == log.id if log is not None else None
    condition = window if linked is None else window | linked
    observations = tuple(
        LinkedObservation(
            o.id,
            o.occurred_at,
            o.category,
            o.description,
            log is not None and o.patrol_log_id == log.id,
        )
        for o in session.scalars(
            select(Observation)
            .where(Observation.group_id == shift.group_id, condition)
            .order_by(Observation.occurred_at)
            .limit(200)
        )
    )
    return PatrolLogView(shift_id, log.id if log else None, data, entries, observations)


def save_log(session: Session, shift_id: int, data: LogInput) -> None:
    values = clean_log(data)
    log = _log_for(session, shift_id, create=True)
    assert log is not None
    for name, value in values.items():
        setattr(log, name, value)
    session.flush()


def add_entry(
    session: Session, shift_id: int, noted_at: dt.datetime, location_text: str, note: str
) -> int:
    errors = ErrorCollector()
    with errors.field("note"):
        text = required_text(note, "note", 2000)
    with errors.field("location_text"):
        place = optional_text(location_text, "location_text", 300)
    errors.raise_if_any()
    log = _log_for(session, shift_id, create=True)
    assert log is not None
    entry = PatrolLogEntry(
        group_id=log.group_id, log_id=log.id, noted_at=noted_at, location_text=place, note=text
    )
    session.add(entry)
    session.flush()
    return entry.id


def remove_entry(session: Session, entry_id: int) -> None:
    session.delete(get_or_raise(session, PatrolLogEntry, entry_id, "log entry"))
    session.flush()


def link_observation(session: Session, shift_id: int, observation_id: int, linked: bool) -> None:
    """Mark an observation as made on this patrol (or no longer)."""
    observation = get_or_raise(session, Observation, observation_id, "observation")
    log = _log_for(session, shift_id, create=linked)
    if log is None:
        return
    if observation.group_id != log.group_id:
        raise ValidationError.single("observation_id", "belongs to another group")
    session.execute(
        update(Observation)
        .where(Observation.id == observation_id)
        .values(patrol_log_id=log.id if linked else None)
    )
    session.flush()


@dataclass(frozen=True)
class HoursLine:
    member_id: int
    name: str
    shifts: int
    hours: float


class WorkedShift(NamedTuple):
    member_id: int
    block_id: int | None
    route: str | None
    hours: float


def worked_shifts(
    session: Session, group_id: int, first: dt.date, last: dt.date
) -> list[WorkedShift]:
    """Each completed assignment on a shift whose local date is in [first, last], with the
    hours given (the patrol log's actual times where recorded)."""
    rows = session.execute(
        select(
            Assignment.member_id,
            Shift.block_id,
            Shift.route,
            Shift.starts_at,
            Shift.ends_at,
            PatrolLog.actual_start,
            PatrolLog.actual_end,
        )
        .join(Shift, Shift.id == Assignment.shift_id)
        .outerjoin(PatrolLog, PatrolLog.shift_id == Shift.id)
        .where(
            Assignment.group_id == group_id,
            Assignment.status == AssignmentStatus.COMPLETED,
            Shift.local_date >= first,
            Shift.local_date <= last,
        )
    )
    return [
        WorkedShift(member, block, route, worked_hours(starts, ends, actual_start, actual_end))
        for member, block, route, starts, ends, actual_start, actual_end in rows
    ]


def volunteer_hours(
    session: Session, group_id: int, first: dt.date, last: dt.date
) -> list[HoursLine]:
    """Hours per member from completed shifts whose local date is in [first, last]; most
    hours first."""
    hours: dict[int, float] = defaultdict(float)
    shifts: dict[int, int] = defaultdict(int)
    for worked in worked_shifts(session, group_id, first, last):
        hours[worked.member_id] += worked.hours
        shifts[worked.member_id] += 1
    names = {
        m.id: listed_name(m.given_name, m.family_name, m.preferred_name)
        for m in session.scalars(select(Member).where(Member.id.in_(list(hours))))
    }
    lines = [HoursLine(m, names.get(m, "?"), shifts[m], round(h, 2)) for m, h in hours.items()]
    return sorted(lines, key=lambda line: (-line.hours, line.name))

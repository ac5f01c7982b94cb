"""Shifts and assignments (the scheduling rules themselves live in ``core``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import ShiftInput, clean_shift
from watchdesk.core.validation import ValidationError
from watchdesk.db.models import Assignment, Member, Shift, WatchGroup
from watchdesk.services._common import get_or_raise
from watchdesk.services.rows import ShiftRow

_ASSIGNED = (
    select(func.count())
    .where(Assignment.shift_id == Shift.id, Assignment.status != "no_show")
    .correlate(Shift)
    .scalar_subquery()
)


def add_shift(session: Session, group_id: int, data: ShiftInput) -> ShiftRow:
    values = clean_shift(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    shift = Shift(group_id=group_id, **values)
    session.add(shift)
    session.flush()
    return get_shift(session, shift.id)


def get_shift(session: Session, shift_id: int) -> ShiftRow:
    row = session.execute(select(Shift, _ASSIGNED).where(Shift.id == shift_id)).first()
    if row is None:
        get_or_raise(session, Shift, shift_id, "shift")
    assert row is not None
    return _row(row[0], row[1])


def assign_member(session: Session, shift_id: int, member_id: int) -> ShiftRow:
    shift = get_or_raise(session, Shift, shift_id, "shift")
    member = get_or_raise(session, Member, member_id, "member")
    if member.group_id != shift.group_id:
        raise ValidationError.single("member_id", "is not a member of this shift's group")
    if member.status != "active":
        raise ValidationError.single(
            "member_id", f"{member.given_name} {member.family_name} is inactive"
        )
    session.add(Assignment(group_id=shift.group_id, shift_id=shift.id, member_id=member.id))
    session.flush()
    return get_shift(session, shift.id)


def shifts_between(
    session: Session, group_id: int | None, start: dt.datetime, end: dt.datetime
) -> list[ShiftRow]:
    """Shifts that start in [start, end), earliest first, with how many are assigned."""
    query = (
        select(Shift, _ASSIGNED)
        .where(Shift.starts_at >= start, Shift.starts_at < end)
        .order_by(Shift.starts_at, Shift.id)
    )
    if group_id is not None:
        query = query.where(Shift.group_id == group_id)
    return [_row(shift, assigned) for shift, assigned in session.execute(query)]


def _row(shift: Shift, assigned: int) -> ShiftRow:
    return ShiftRow(
        id=shift.id,
        uuid=shift.uuid,
        group_id=shift.group_id,
        zone_id=shift.zone_id,
        local_date=shift.local_date,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        min_patrollers=shift.min_patrollers,
        max_patrollers=shift.max_patrollers,
        assigned=assigned,
        cancelled=shift.cancelled,
    )

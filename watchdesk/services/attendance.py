"""Attendance on a sign-in grid, shared by training sessions and meetings: who is listed,
and marking one person enrolled, present, absent or excused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.validation import ValidationError, check_choice
from watchdesk.core.vocabulary import ATTENDANCE_STATUSES
from watchdesk.db.models import (
    Meeting,
    MeetingAttendance,
    Member,
    TrainingAttendance,
    TrainingSession,
    Zone,
)
from watchdesk.services._common import get_or_raise

Attendance = TrainingAttendance | MeetingAttendance
A = TypeVar("A", TrainingAttendance, MeetingAttendance)
# Each attendance table, the column naming what was attended, and that record's type.
_OWNERS: dict[type[Attendance], tuple[str, type[TrainingSession | Meeting]]] = {
    TrainingAttendance: ("session_id", TrainingSession),
    MeetingAttendance: ("meeting_id", Meeting),
}


@dataclass(frozen=True)
class AttendanceLine:
    member_id: int
    name: str
    zone_name: str | None
    status: str


def attendance_lines(
    session: Session, model: type[Attendance], owner_id: int
) -> list[AttendanceLine]:
    """The grid of a training session or a meeting, by name."""
    column, _ = _OWNERS[model]
    query = (
        select(Member, Zone.name, model.status)
        .join(model, model.member_id == Member.id)
        .outerjoin(Zone, Zone.id == Member.zone_id)
        .where(getattr(model, column) == owner_id)
        .order_by(Member.family_name, Member.given_name, Member.id)
    )
    return [
        AttendanceLine(
            member_id=record.id,
            name=f"{record.family_name}, {record.preferred_name or record.given_name}",
            zone_name=zone,
            status=state,
        )
        for record, zone, state in session.execute(query)
    ]


def mark_attendance(
    session: Session, model: type[A], owner_id: int, member_id: int, status: str
) -> A:
    """Set one member's status, listing them first if they were not on the grid."""
    check_choice(status, tuple(ATTENDANCE_STATUSES), "status")
    column, owner_type = _OWNERS[model]
    owner = get_or_raise(session, owner_type, owner_id, owner_type.__tablename__.replace("_", " "))
    member = get_or_raise(session, Member, member_id, "member")
    if member.group_id != owner.group_id:
        raise ValidationError.single("member_id", "is not a member of this group")
    record = session.scalar(
        select(model).where(getattr(model, column) == owner_id, model.member_id == member_id)
    )
    if record is None:
        record = model(group_id=owner.group_id, member_id=member_id, **{column: owner_id})
        session.add(record)
    record.status = status
    session.flush()
    return record

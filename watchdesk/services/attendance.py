"""Attendance on a sign-in grid, shared by training sessions and meetings: who is listed,
and marking one person enrolled, present, absent or excused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core import dates
from watchdesk.core.names import listed_name
from watchdesk.core.validation import ValidationError, check_choice
from watchdesk.core.vocabulary import AttendanceStatus
from watchdesk.db.models import (
    Block,
    Course,
    Meeting,
    MeetingAttendance,
    Member,
    TrainingAttendance,
    TrainingSession,
    WatchGroup,
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
    block_name: str | None
    status: str


def attendance_lines(
    session: Session, model: type[Attendance], owner_id: int
) -> list[AttendanceLine]:
    """The grid of a training session or a meeting, by name."""
    column, _ = _OWNERS[model]
    query = (
        select(Member, Block.name, model.status)
        .join(model, model.member_id == Member.id)
        .outerjoin(Block, Block.id == Member.block_id)
        .where(getattr(model, column) == owner_id)
        .order_by(Member.family_name, Member.given_name, Member.id)
    )
    return [
        AttendanceLine(
            member_id=record.id,
            name=listed_name(record.given_name, record.family_name, record.preferred_name),
            block_name=block,
            status=state,
        )
        for record, block, state in session.execute(query)
    ]


def mark_attendance(
    session: Session, model: type[A], owner_id: int, member_id: int, status: str
) -> A:
    """Set one member's status, listing them first if they were not on the grid."""
    check_choice(status, tuple(AttendanceStatus), "status")
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


@dataclass(frozen=True)
class SignInSheet:
    group_name: str
    title: str
    details: tuple[str, ...]
    # (name, block) printed on the sheet, then blank lines for everyone else.
    names: tuple[tuple[str, str], ...]
    blank_lines: int
    time_zone: str = ""  # the group's, for the time the sheet was printed


def _when(moment: dt.datetime, timezone: str) -> str:
    """'Tuesday, December 8, 2026, 7:00 PM' in the group's time zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{dates.long_day(local.date())}, {dates.clock(local.time())}"


def training_sign_in(session: Session, training_session_id: int) -> SignInSheet:
    """Pre-filled with the people enrolled; blank lines up to the capacity (or 10)."""
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    course = get_or_raise(session, Course, training_session.course_id, "course")
    group = get_or_raise(session, WatchGroup, training_session.group_id, "watch group")
    lines = attendance_lines(session, TrainingAttendance, training_session_id)
    capacity = training_session.capacity
    spare = 10 if capacity is None else max(capacity - len(lines), 0)
    instructor = training_session.instructor
    return SignInSheet(
        group_name=group.name,
        title=f"Sign-in: {course.title}",
        details=(
            _when(training_session.starts_at, group.timezone),
            training_session.location or "",
            f"Instructor: {instructor}" if instructor else "",
        ),
        names=tuple((line.name, line.block_name or "") for line in lines),
        blank_lines=spare,
        time_zone=group.timezone,
    )


def meeting_sign_in(session: Session, meeting_id: int) -> SignInSheet:
    """Pre-filled with active members who agreed to a printed roster, so people find their
    name and sign; everyone else writes theirs on one of 15 blank lines."""
    from watchdesk.services.rosters import printed_roster

    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    group = get_or_raise(session, WatchGroup, meeting.group_id, "watch group")
    roster = printed_roster(session, group.id)
    return SignInSheet(
        group_name=group.name,
        title=f"Sign-in: {meeting.title}",
        details=(_when(meeting.starts_at, group.timezone), meeting.place or ""),
        names=tuple((e.name, block.name) for block in roster.blocks for e in block.entries),
        blank_lines=15,
        time_zone=group.timezone,
    )

"""Courses, training sessions and their sign-in: the actions of the Training page and the
reads it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from watchdesk.core.entities import CourseInput
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import ATTENDANCE_STATUSES, label
from watchdesk.db.engine import Database
from watchdesk.db.models import Course, Member, TrainingAttendance, TrainingSession, WatchGroup
from watchdesk.ops.meetings import day_of
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import training as training_service
from watchdesk.services._common import get_or_raise
from watchdesk.services.attendance import AttendanceLine, attendance_lines
from watchdesk.services.compliance import ComplianceRow, compliance_rows
from watchdesk.services.groups import get_group
from watchdesk.services.rows import CourseRow
from watchdesk.services.training import TrainingSessionRow


@dataclass(frozen=True)
class SessionInput:
    """A training session as its form gives it (times are UTC moments)."""

    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    location: str | None = None
    instructor: str | None = None
    capacity: int | None = None


def _session_name(session: Session, training: TrainingSession) -> str:
    """'Patrol safety session Tue Dec 8'."""
    course = get_or_raise(session, Course, training.course_id, "course")
    group = get_or_raise(session, WatchGroup, training.group_id, "watch group")
    return f"{course.title} session {day_of(training.starts_at, group.timezone)}"


def _person(session: Session, member_id: int) -> str:
    member = get_or_raise(session, Member, member_id, "member")
    return f"{member.preferred_name or member.given_name} {member.family_name}".strip()


# -- actions -----------------------------------------------------------------------------------
def add_course(db: Database, group_id: int, data: CourseInput) -> OpResult[CourseRow]:
    with undoable(db, f"Add course {data.title.strip()}") as action:
        row = training_service.add_course(action.session, group_id, data)
    return action.result(row)


def update_course(db: Database, course_id: int, data: CourseInput) -> OpResult[CourseRow]:
    with undoable(db, f"Edit course {data.title.strip()}") as action:
        row = training_service.update_course(action.session, course_id, data)
    return action.result(row)


def schedule_session(db: Database, course_id: int, data: SessionInput) -> OpResult[int]:
    with undoable(db, "") as action:
        session_id = training_service.schedule_training_session(
            action.session,
            course_id,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            location=data.location,
            instructor=data.instructor,
            capacity=data.capacity,
        )
        training = get_or_raise(action.session, TrainingSession, session_id, "training session")
        action.rename(f"Schedule {_session_name(action.session, training)}")
    return action.result(session_id)


def update_session(db: Database, session_id: int, data: SessionInput) -> OpResult[int]:
    """Change a session's time, place, instructor or capacity."""
    with undoable(db, "") as action:
        session = action.session
        training = get_or_raise(session, TrainingSession, session_id, "training session")
        if data.ends_at is not None and data.ends_at <= data.starts_at:
            raise ValidationError.single("ends_at", "must be after the start")
        if data.capacity is not None and data.capacity < 0:
            raise ValidationError.single("capacity", "cannot be negative")
        listed = len(attendance_lines(session, TrainingAttendance, session_id))
        if data.capacity is not None and data.capacity < listed:
            raise ValidationError.single(
                "capacity", f"{listed} people are on its list; the capacity cannot be less"
            )
        training.starts_at = data.starts_at
        training.ends_at = data.ends_at
        training.location = data.location
        training.instructor = data.instructor
        training.capacity = data.capacity
        session.flush()
        action.rename(f"Edit {_session_name(session, training)}")
    return action.result(session_id)


def enroll(db: Database, session_id: int, member_ids: Sequence[int]) -> OpResult[int]:
    """Enroll people in a session (those already on its list are left alone)."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        added = training_service.enroll(session, session_id, member_ids)
        training = get_or_raise(session, TrainingSession, session_id, "training session")
        one = added == 1 and len(member_ids) == 1
        who = _person(session, member_ids[0]) if one else str(added)
        action.rename(f"Enroll {who} in {_session_name(session, training)}")
    return action.result(added)


def mark_attendance(
    db: Database, session_id: int, member_ids: Sequence[int], status: str
) -> OpResult[int]:
    """Set people's attendance at a session; being present certifies them."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        for member_id in member_ids:
            training_service.record_attendance(session, session_id, member_id, status)
        training = get_or_raise(session, TrainingSession, session_id, "training session")
        who = _person(session, member_ids[0]) if len(member_ids) == 1 else str(len(member_ids))
        state = label(ATTENDANCE_STATUSES, status).lower()
        action.rename(f"Mark {who} {state} at {_session_name(session, training)}")
    return action.result(len(member_ids))


# -- reads -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingView:
    """The group's name and time zone and its courses, by title."""

    group_name: str
    timezone: str
    courses: list[CourseRow]


def training_view(db: Database, group_id: int) -> TrainingView:
    with db.read() as session:
        group = get_group(session, group_id)
        return TrainingView(
            group.name, group.timezone, training_service.list_courses(session, group_id)
        )


def sessions(db: Database, group_id: int | None, course_id: int) -> list[TrainingSessionRow]:
    with db.read() as session:
        return training_service.list_training_sessions(session, group_id, course_id)


def session_input(db: Database, session_id: int) -> SessionInput:
    with db.read() as session:
        training = get_or_raise(session, TrainingSession, session_id, "training session")
        return SessionInput(
            training.starts_at,
            training.ends_at,
            training.location,
            training.instructor,
            training.capacity,
        )


def attendance(db: Database, session_id: int) -> list[AttendanceLine]:
    with db.read() as session:
        return attendance_lines(session, TrainingAttendance, session_id)


def compliance(
    db: Database,
    group_id: int | None,
    today: dt.date,
    zone_id: int | None = None,
    role: str | None = None,
    only_problems: bool = False,
) -> list[ComplianceRow]:
    with db.read() as session:
        return compliance_rows(session, group_id, today, zone_id, role, only_problems=only_problems)


def needing_course(db: Database, group_id: int | None, today: dt.date, course_id: int) -> list[int]:
    """Active members whose role needs the course and who are not current in it."""
    with db.read() as session:
        course = get_or_raise(session, Course, course_id, "course")
        rows = compliance_rows(session, group_id, today, only_problems=True)
        return sorted({r.member_id for r in rows if r.course_title == course.title})

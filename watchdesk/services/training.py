"""Courses, training sessions and attendance; a certification follows from being present.

A training session (``TrainingSession``, one sitting of a course) is always
``training_session`` here; ``session`` is the database session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import CourseInput, clean_course
from watchdesk.core.training import expiry_date
from watchdesk.core.validation import ErrorCollector, ValidationError, optional_text
from watchdesk.core.vocabulary import AttendanceStatus
from watchdesk.core.words import count as counted
from watchdesk.db.models import (
    Certification,
    Course,
    CourseRequirement,
    Member,
    TrainingAttendance,
    TrainingSession,
    WatchGroup,
)
from watchdesk.services._common import apply, get_or_raise, plain_row
from watchdesk.services.attendance import AttendanceLine, attendance_lines, mark_attendance
from watchdesk.services.compliance import compliance_rows
from watchdesk.services.meetings import day_of
from watchdesk.services.rows import CourseRow


def add_course(session: Session, group_id: int, data: CourseInput) -> CourseRow:
    values = clean_course(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    if session.scalar(
        select(Course.id).where(Course.group_id == group_id, Course.title == values["title"])
    ):
        raise ValidationError.single("title", f"a course called '{values['title']}' exists")
    course = Course(group_id=group_id, **values)
    session.add(course)
    session.flush()
    for role in data.required_for_roles:
        session.add(CourseRequirement(group_id=group_id, course_id=course.id, role=role))
    session.flush()
    return plain_row(CourseRow, course, required_for_roles=tuple(data.required_for_roles))


def list_courses(session: Session, group_id: int | None) -> list[CourseRow]:
    query = select(Course).order_by(Course.title)
    if group_id is not None:
        query = query.where(Course.group_id == group_id)
    courses = list(session.scalars(query))
    roles: dict[int, list[str]] = {}
    for course_id, role in session.execute(
        select(CourseRequirement.course_id, CourseRequirement.role)
    ):
        roles.setdefault(course_id, []).append(role)
    return [
        plain_row(CourseRow, c, required_for_roles=tuple(sorted(roles.get(c.id, []))))
        for c in courses
    ]


@dataclass(frozen=True)
class TrainingSessionInput:
    """A training session as its form gives it (times are UTC moments)."""

    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    location: str | None = None
    instructor: str | None = None
    capacity: int | None = None


def clean_training_session(data: TrainingSessionInput) -> dict[str, object]:
    """The columns of a training session, or a ValidationError naming every wrong field."""
    errors = ErrorCollector()
    out: dict[str, object] = {"starts_at": data.starts_at, "ends_at": data.ends_at}
    if data.ends_at is not None and data.ends_at <= data.starts_at:
        errors.add("ends_at", "must be after the start")
    with errors.field("location"):
        out["location"] = optional_text(data.location, "location", 300)
    with errors.field("instructor"):
        out["instructor"] = optional_text(data.instructor, "instructor", 200)
    if data.capacity is not None and data.capacity < 0:
        errors.add("capacity", "cannot be negative")
    out["capacity"] = data.capacity
    errors.raise_if_any()
    return out


def schedule_training_session(
    session: Session,
    course_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    location: str | None = None,
    instructor: str | None = None,
    capacity: int | None = None,
) -> int:
    course = get_or_raise(session, Course, course_id, "course")
    values = clean_training_session(
        TrainingSessionInput(starts_at, ends_at, location, instructor, capacity)
    )
    training_session = TrainingSession(group_id=course.group_id, course_id=course.id, **values)
    session.add(training_session)
    session.flush()
    return training_session.id


def update_training_session(
    session: Session, training_session_id: int, data: TrainingSessionInput
) -> None:
    """Change a training session's time, place, instructor or capacity. Refused whole, with
    nothing written, when a field is wrong or the capacity is below the people listed."""
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    values = clean_training_session(data)
    listed = _listed(session, training_session_id)
    if data.capacity is not None and data.capacity < listed:
        raise ValidationError.single(
            "capacity",
            f"{counted(listed, 'person', 'people')} on its list; the capacity cannot be less",
        )
    apply(training_session, values)
    session.flush()


def _listed(session: Session, training_session_id: int) -> int:
    """How many people are on a training session's list (enrolled or marked)."""
    return (
        session.scalar(
            select(func.count()).where(TrainingAttendance.session_id == training_session_id)
        )
        or 0
    )


def training_session_input(session: Session, training_session_id: int) -> TrainingSessionInput:
    """A training session's details as its form shows them."""
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    return TrainingSessionInput(
        training_session.starts_at,
        training_session.ends_at,
        training_session.location,
        training_session.instructor,
        training_session.capacity,
    )


def training_session_label(session: Session, training_session_id: int) -> str:
    """'Patrol safety session Tue Dec 8': how an action's name (in Edit > Undo) calls a
    training session."""
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    course = get_or_raise(session, Course, training_session.course_id, "course")
    group = get_or_raise(session, WatchGroup, training_session.group_id, "watch group")
    return f"{course.title} session {day_of(training_session.starts_at, group.timezone)}"


def training_attendance(session: Session, training_session_id: int) -> list[AttendanceLine]:
    """Who is on a training session's sign-in grid, by name, with their status."""
    return attendance_lines(session, TrainingAttendance, training_session_id)


def needing_course(
    session: Session, group_id: int | None, today: dt.date, course_id: int
) -> list[int]:
    """Active members whose role needs the course and who are not current in it."""
    course = get_or_raise(session, Course, course_id, "course")
    rows = compliance_rows(session, group_id, today, only_problems=True)
    return sorted({r.member_id for r in rows if r.course_title == course.title})


def record_attendance(
    session: Session, training_session_id: int, member_id: int, status: str
) -> None:
    """Mark a member present/absent/excused; being present grants the course's certification."""
    mark_attendance(session, TrainingAttendance, training_session_id, member_id, status)
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    completed_on = training_session.starts_at.date()
    certification = session.scalar(
        select(Certification).where(
            Certification.session_id == training_session_id, Certification.member_id == member_id
        )
    )
    present = status == AttendanceStatus.PRESENT
    if present and certification is None:
        course = get_or_raise(session, Course, training_session.course_id, "course")
        session.add(
            Certification(
                group_id=training_session.group_id,
                member_id=member_id,
                course_id=course.id,
                session_id=training_session_id,
                completed_on=completed_on,
                expires_on=expiry_date(completed_on, course.validity_months),
            )
        )
    elif not present and certification is not None:
        session.delete(certification)
    session.flush()


def update_course(session: Session, course_id: int, data: CourseInput) -> CourseRow:
    course = get_or_raise(session, Course, course_id, "course")
    values = clean_course(data)
    clash = session.scalar(
        select(Course.id).where(
            Course.group_id == course.group_id,
            Course.title == values["title"],
            Course.id != course_id,
        )
    )
    if clash:
        raise ValidationError.single("title", f"a course called '{values['title']}' exists")
    for name, value in values.items():
        setattr(course, name, value)
    session.execute(delete(CourseRequirement).where(CourseRequirement.course_id == course_id))
    for role in data.required_for_roles:
        session.add(CourseRequirement(group_id=course.group_id, course_id=course_id, role=role))
    session.flush()
    return plain_row(CourseRow, course, required_for_roles=tuple(sorted(data.required_for_roles)))


@dataclass(frozen=True)
class TrainingSessionRow:
    id: int
    course_id: int
    course_title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str | None
    instructor: str | None
    capacity: int | None
    enrolled: int
    present: int


def list_training_sessions(
    session: Session, group_id: int | None, course_id: int | None = None
) -> list[TrainingSessionRow]:
    counted = (
        select(
            TrainingAttendance.session_id,
            func.count().label("enrolled"),
            func.sum(
                case((TrainingAttendance.status == AttendanceStatus.PRESENT, 1), else_=0)
            ).label("present"),
        )
        .group_by(TrainingAttendance.session_id)
        .subquery()
    )
    query = (
        select(TrainingSession, Course.title, counted.c.enrolled, counted.c.present)
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(counted, counted.c.session_id == TrainingSession.id)
        .order_by(TrainingSession.starts_at.desc())
    )
    if group_id is not None:
        query = query.where(TrainingSession.group_id == group_id)
    if course_id is not None:
        query = query.where(TrainingSession.course_id == course_id)
    return [
        TrainingSessionRow(
            id=training_session.id,
            course_id=training_session.course_id,
            course_title=title,
            starts_at=training_session.starts_at,
            ends_at=training_session.ends_at,
            location=training_session.location,
            instructor=training_session.instructor,
            capacity=training_session.capacity,
            enrolled=enrolled or 0,
            present=present or 0,
        )
        for training_session, title, enrolled, present in session.execute(query)
    ]


def enroll(session: Session, training_session_id: int, member_ids: Sequence[int]) -> int:
    """Enroll members (already enrolled ones are left alone); refused beyond capacity."""
    training_session = get_or_raise(
        session, TrainingSession, training_session_id, "training session"
    )
    capacity = training_session.capacity
    existing = set(
        session.scalars(
            select(TrainingAttendance.member_id).where(
                TrainingAttendance.session_id == training_session_id
            )
        )
    )
    new = [m for m in dict.fromkeys(member_ids) if m not in existing]
    if capacity is not None and len(existing) + len(new) > capacity:
        free = max(capacity - len(existing), 0)
        raise ValidationError.single(
            "capacity", f"the session holds {capacity}; {counted(free, 'place')} left"
        )
    for member_id in new:
        member = get_or_raise(session, Member, member_id, "member")
        if member.group_id != training_session.group_id:
            raise ValidationError.single("member_id", "is not a member of this group")
        session.add(
            TrainingAttendance(
                group_id=training_session.group_id,
                session_id=training_session_id,
                member_id=member_id,
            )
        )
    session.flush()
    return len(new)

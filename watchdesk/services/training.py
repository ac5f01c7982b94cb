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
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import AttendanceStatus
from watchdesk.db.models import (
    Certification,
    Course,
    CourseRequirement,
    Member,
    TrainingAttendance,
    TrainingSession,
    WatchGroup,
)
from watchdesk.services._common import get_or_raise, plain_row
from watchdesk.services.attendance import mark_attendance
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
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError.single("ends_at", "must be after the start")
    if capacity is not None and capacity < 0:
        raise ValidationError.single("capacity", "cannot be negative")
    training_session = TrainingSession(
        group_id=course.group_id,
        course_id=course.id,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        instructor=instructor,
        capacity=capacity,
    )
    session.add(training_session)
    session.flush()
    return training_session.id


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
            "capacity", f"the session holds {capacity}; {free} place(s) left"
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

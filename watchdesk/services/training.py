"""Courses, sessions and attendance; a certification follows from being present."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.entities import CourseInput, clean_course
from watchdesk.core.training import expiry_date
from watchdesk.core.validation import ValidationError, check_choice
from watchdesk.core.vocabulary import ATTENDANCE_STATUSES
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


def schedule_session(
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
    record = TrainingSession(
        group_id=course.group_id,
        course_id=course.id,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        instructor=instructor,
        capacity=capacity,
    )
    session.add(record)
    session.flush()
    return record.id


def record_attendance(session: Session, session_id: int, member_id: int, status: str) -> None:
    """Mark a member present/absent/excused; being present grants the course's certification."""
    check_choice(status, tuple(ATTENDANCE_STATUSES), "status")
    training = get_or_raise(session, TrainingSession, session_id, "training session")
    member = get_or_raise(session, Member, member_id, "member")
    if member.group_id != training.group_id:
        raise ValidationError.single("member_id", "is not a member of this group")
    attendance = session.scalar(
        select(TrainingAttendance).where(
            TrainingAttendance.session_id == session_id, TrainingAttendance.member_id == member_id
        )
    )
    if attendance is None:
        attendance = TrainingAttendance(
            group_id=training.group_id, session_id=session_id, member_id=member_id
        )
        session.add(attendance)
    attendance.status = status
    completed_on = training.starts_at.date()
    certification = session.scalar(
        select(Certification).where(
            Certification.session_id == session_id, Certification.member_id == member_id
        )
    )
    if status == "present" and certification is None:
        course = get_or_raise(session, Course, training.course_id, "course")
        session.add(
            Certification(
                group_id=training.group_id,
                member_id=member_id,
                course_id=course.id,
                session_id=session_id,
                completed_on=completed_on,
                expires_on=expiry_date(completed_on, course.validity_months),
            )
        )
    elif status != "present" and certification is not None:
        session.delete(certification)
    session.flush()

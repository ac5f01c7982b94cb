"""Courses, sessions, attendance and the certifications that follow from attendance."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from watchdesk.core.vocabulary import AttendanceStatus, MemberRole
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.db.models._checks import after, non_negative, not_before, not_blank, one_of


class Course(GroupOwnedMixin, Base):
    __tablename__ = "course"
    __table_args__ = (
        UniqueConstraint("group_id", "title"),
        not_blank("title"),
        CheckConstraint(
            "validity_months IS NULL OR validity_months > 0",
            name="validity_positive",
            info={"column": "validity_months", "minimum": 1},
        ),
    )

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # NULL: the certification never expires.
    validity_months: Mapped[int | None]


class CourseRequirement(GroupOwnedMixin, Base):
    """Members in ``role`` must hold a current certification for ``course``."""

    __tablename__ = "course_requirement"
    __table_args__ = (UniqueConstraint("course_id", "role"), one_of("role", MemberRole))

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))


class TrainingSession(GroupOwnedMixin, Base):
    __tablename__ = "training_session"
    __table_args__ = (after("starts_at", "ends_at"), non_negative("capacity"))

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime | None]
    location: Mapped[str | None] = mapped_column(String(300))
    instructor: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)


class TrainingAttendance(GroupOwnedMixin, Base):
    __tablename__ = "training_attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "member_id"),
        one_of("status", AttendanceStatus),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=AttendanceStatus.ENROLLED.value)


class Certification(GroupOwnedMixin, Base):
    __tablename__ = "certification"
    __table_args__ = (
        UniqueConstraint("member_id", "course_id", "completed_on"),
        not_before("completed_on", "expires_on", "expires_not_before_completed"),
        Index("ix_certification_course_expiry", "course_id", "expires_on"),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_session.id", ondelete="SET NULL")
    )
    completed_on: Mapped[dt.date]
    # NULL: never expires.
    expires_on: Mapped[dt.date | None]

"""Shift series, concrete shifts, assignments and the patrol log."""

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from watchdesk.core.scheduling import RELEASED, holds_shift
from watchdesk.core.vocabulary import AssignmentStatus
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.db.models._checks import after, non_negative, not_before, one_of

_STAFFING = (
    non_negative("min_patrollers"),
    CheckConstraint(
        "max_patrollers >= min_patrollers",
        name="max_not_below_min",
        info={"order": ("min_patrollers", "max_patrollers"), "strict": False},
    ),
    CheckConstraint(
        "max_patrollers > 0", name="max_positive", info={"column": "max_patrollers", "minimum": 1}
    ),
)


class ShiftSeries(GroupOwnedMixin, Base):
    """A weekly pattern ("Fri and Sat 20:00-23:00 until June") in the group's local time."""

    __tablename__ = "shift_series"
    __table_args__ = (
        *_STAFFING,
        # Bit 0 = Monday ... bit 6 = Sunday.
        CheckConstraint(
            "weekdays BETWEEN 1 AND 127",
            name="weekdays_valid",
            info={"column": "weekdays", "minimum": 1, "maximum": 127},
        ),
        CheckConstraint("end_local <> start_local", name="nonzero_length"),
        not_before("valid_from", "valid_until", "until_not_before_from"),
    )

    block_id: Mapped[int | None] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="SET NULL")
    )
    route: Mapped[str | None] = mapped_column(String(200))
    weekdays: Mapped[int]
    # An end before the start means the shift crosses midnight.
    start_local: Mapped[dt.time]
    end_local: Mapped[dt.time]
    valid_from: Mapped[dt.date]
    valid_until: Mapped[dt.date | None]
    min_patrollers: Mapped[int] = mapped_column(default=2)
    max_patrollers: Mapped[int] = mapped_column(default=2)
    vehicle: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)


class SeriesException(GroupOwnedMixin, Base):
    """A date on which a series does not run (a holiday, a cancelled evening)."""

    __tablename__ = "series_exception"
    __table_args__ = (UniqueConstraint("series_id", "on_date"),)

    series_id: Mapped[int] = mapped_column(ForeignKey("shift_series.id", ondelete="CASCADE"))
    on_date: Mapped[dt.date]
    reason: Mapped[str | None] = mapped_column(String(200))


class Shift(GroupOwnedMixin, Base):
    __tablename__ = "shift"
    __table_args__ = (
        *_STAFFING,
        after("starts_at", "ends_at"),
        UniqueConstraint("series_id", "local_date"),
        Index("ix_shift_group_start", "group_id", "starts_at"),
        Index("ix_shift_zone_start", "zone_id", "starts_at"),
    )

    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("shift_series.id", ondelete="SET NULL")
    )
    block_id: Mapped[int | None] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="SET NULL")
    )
    route: Mapped[str | None] = mapped_column(String(200))
    # The evening a shift belongs to, in the group's time zone (a 22:00-02:00 shift belongs
    # to the day it starts).
    local_date: Mapped[dt.date]
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    min_patrollers: Mapped[int] = mapped_column(default=2)
    max_patrollers: Mapped[int] = mapped_column(default=2)
    vehicle: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(default=False)


class RequiredCourse(GroupOwnedMixin, Base):
    """A course that must be current for anyone patrolling a series or a single shift."""

    __tablename__ = "required_course"
    __table_args__ = (
        CheckConstraint("(series_id IS NULL) <> (shift_id IS NULL)", name="series_or_shift"),
        UniqueConstraint("series_id", "shift_id", "course_id"),
    )

    series_id: Mapped[int | None] = mapped_column(ForeignKey("shift_series.id", ondelete="CASCADE"))
    shift_id: Mapped[int | None] = mapped_column(
        ForeignKey("shift.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))


class Assignment(GroupOwnedMixin, Base):
    __tablename__ = "assignment"
    __table_args__ = (
        UniqueConstraint("shift_id", "member_id"),
        one_of("status", AssignmentStatus),
        # Covers the schedule checks' read (who holds each shift of a window, and any
        # override): a year of a large group reads 3x faster than through the table rows.
        Index("ix_assignment_shift_cover", "shift_id", "status", "member_id", "override_reason"),
    )

    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=AssignmentStatus.SCHEDULED.value)
    # Set when a coordinator assigned someone who is not eligible; says why it was allowed.
    override_reason: Mapped[str | None] = mapped_column(String(300))

    @hybrid_property
    def holds_shift(self) -> bool:
        """The member is held to the shift: not a no-show (``core.scheduling.is_no_show``).
        Also a SQL condition: ``select(...).where(Assignment.holds_shift)``."""
        return holds_shift(self.status)

    @holds_shift.inplace.expression
    @classmethod
    def _holds_shift_sql(cls) -> ColumnElement[bool]:
        return cls.status.not_in(RELEASED)


class PatrolLog(GroupOwnedMixin, Base):
    """What actually happened on a shift."""

    __tablename__ = "patrol_log"
    __table_args__ = (
        after("actual_start", "actual_end"),
        non_negative("odometer_start"),
        not_before("odometer_start", "odometer_end", "odometer_not_backwards"),
        non_negative("police_calls"),
    )

    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id", ondelete="CASCADE"), unique=True)
    actual_start: Mapped[dt.datetime | None]
    actual_end: Mapped[dt.datetime | None]
    odometer_start: Mapped[int | None]
    odometer_end: Mapped[int | None]
    hazards: Mapped[str | None] = mapped_column(Text)
    police_calls: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(Text)


class PatrolLogEntry(GroupOwnedMixin, Base):
    """A timed note: "22:40 Queens St - all quiet"."""

    __tablename__ = "patrol_log_entry"

    log_id: Mapped[int] = mapped_column(ForeignKey("patrol_log.id", ondelete="CASCADE"), index=True)
    noted_at: Mapped[dt.datetime]
    location_text: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text)

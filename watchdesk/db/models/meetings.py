"""Community meetings and events, their agendas and attendance."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from watchdesk.core.vocabulary import AttendanceStatus, MeetingKind
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.db.models._checks import after, non_negative, not_blank, one_of


class Meeting(GroupOwnedMixin, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        one_of("kind", MeetingKind),
        not_blank("title"),
        after("starts_at", "ends_at"),
    )

    kind: Mapped[str] = mapped_column(String(20), default=MeetingKind.COMMUNITY.value)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime | None]
    place: Mapped[str | None] = mapped_column(String(300))
    officer_briefing: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)


class AgendaItem(GroupOwnedMixin, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        non_negative("position"),
        non_negative("duration_minutes"),
        not_blank("title"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str | None] = mapped_column(String(200))
    duration_minutes: Mapped[int | None]


class MeetingAttendance(GroupOwnedMixin, Base):
    __tablename__ = "meeting_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        one_of("status", AttendanceStatus),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=AttendanceStatus.PRESENT.value)

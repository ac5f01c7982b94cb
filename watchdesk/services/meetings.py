"""Meetings and events with their agendas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import MeetingInput, clean_meeting
from watchdesk.core.validation import (
    ErrorCollector,
    optional_text,
    required_text,
)
from watchdesk.db.models import AgendaItem, Meeting, MeetingAttendance, WatchGroup
from watchdesk.services._common import get_or_raise, plain_row
from watchdesk.services.attendance import mark_attendance
from watchdesk.services.rows import MeetingRow


def add_meeting(session: Session, group_id: int, data: MeetingInput) -> MeetingRow:
    values = clean_meeting(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    meeting = Meeting(group_id=group_id, **values)
    session.add(meeting)
    session.flush()
    for position, title in enumerate(t.strip() for t in data.agenda if t.strip()):
        session.add(
            AgendaItem(group_id=group_id, meeting_id=meeting.id, position=position, title=title)
        )
    session.flush()
    return _row(session, meeting)


def first_meeting_from(session: Session, group_id: int, moment: dt.datetime) -> Meeting | None:
    """The group's first meeting starting at or after ``moment``."""
    return session.scalars(
        select(Meeting)
        .where(Meeting.group_id == group_id, Meeting.starts_at >= moment)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    ).first()


def next_meeting(session: Session, group_id: int, on_or_after: dt.datetime) -> MeetingRow | None:
    meeting = first_meeting_from(session, group_id, on_or_after)
    return _row(session, meeting) if meeting else None


def _row(session: Session, meeting: Meeting) -> MeetingRow:
    agenda = session.scalars(
        select(AgendaItem.title)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position)
    )
    return plain_row(MeetingRow, meeting, agenda=tuple(agenda))


def list_meetings(session: Session, group_id: int | None) -> list[MeetingRow]:
    query = select(Meeting).order_by(Meeting.starts_at.desc())
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    return [_row(session, meeting) for meeting in session.scalars(query)]


@dataclass(frozen=True)
class MeetingNotes:
    agenda: tuple[str, ...]
    officer_briefing: str | None
    minutes: str | None


def meeting_notes(session: Session, meeting_id: int) -> MeetingNotes:
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    return MeetingNotes(
        agenda=_row(session, meeting).agenda,
        officer_briefing=meeting.officer_briefing,
        minutes=meeting.minutes,
    )


def update_meeting_notes(session: Session, meeting_id: int, notes: MeetingNotes) -> None:
    """Replace the agenda (one item per entry) and save the briefing and minutes."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    errors = ErrorCollector()
    with errors.field("officer_briefing"):
        meeting.officer_briefing = optional_text(notes.officer_briefing, "officer_briefing", 20000)
    with errors.field("minutes"):
        meeting.minutes = optional_text(notes.minutes, "minutes", 50000)
    items = [item.strip() for item in notes.agenda if item.strip()]
    for item in items:
        with errors.field("agenda"):
            required_text(item, "agenda", 300)
    errors.raise_if_any()
    session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    session.flush()
    for position, title in enumerate(items):
        session.add(
            AgendaItem(
                group_id=meeting.group_id, meeting_id=meeting_id, position=position, title=title
            )
        )
    session.flush()


def record_meeting_attendance(
    session: Session, meeting_id: int, member_id: int, status: str
) -> None:
    mark_attendance(session, MeetingAttendance, meeting_id, member_id, status)

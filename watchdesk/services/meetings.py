"""Meetings and events with their agendas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import MeetingInput, clean_meeting
from watchdesk.core.validation import (
    ErrorCollector,
    optional_text,
    required_text,
)
from watchdesk.db.models import AgendaItem, Meeting, MeetingAttendance, WatchGroup
from watchdesk.services._common import apply, get_or_raise, plain_row
from watchdesk.services.attendance import AttendanceLine, attendance_lines, mark_attendance
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


def update_meeting(session: Session, meeting_id: int, data: MeetingInput) -> MeetingRow:
    """Change a meeting's kind, title, time and place (its agenda is saved with its notes,
    :func:`update_meeting_notes`). A wrong field refuses the whole change: nothing is written."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    values = clean_meeting(data)
    apply(meeting, values)
    session.flush()
    return _row(session, meeting)


def meeting_input(session: Session, meeting_id: int) -> MeetingInput:
    """A meeting's details as its form shows them (without the agenda, kept with its notes)."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    return MeetingInput(
        title=meeting.title,
        starts_at=meeting.starts_at,
        kind=meeting.kind,
        ends_at=meeting.ends_at,
        place=meeting.place or "",
    )


def day_of(moment: dt.datetime, timezone: str) -> str:
    """'Tue Dec 8': the day a meeting or a training session is known by, in the group's
    time zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %b} {local.day}"


def meeting_label(session: Session, meeting_id: int) -> str:
    """'Tue Dec 8 meeting': how the name of an action (in Edit > Undo) calls a meeting."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    group = get_or_raise(session, WatchGroup, meeting.group_id, "watch group")
    return f"{day_of(meeting.starts_at, group.timezone)} meeting"


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
    """Replace the agenda (one item per entry) and save the briefing and minutes. A wrong
    field refuses them all: nothing is changed."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    errors = ErrorCollector()
    briefing = minutes = None
    with errors.field("officer_briefing"):
        briefing = optional_text(notes.officer_briefing, "officer_briefing", 20000)
    with errors.field("minutes"):
        minutes = optional_text(notes.minutes, "minutes", 50000)
    items = [item.strip() for item in notes.agenda if item.strip()]
    for item in items:
        with errors.field("agenda"):
            required_text(item, "agenda", 300)
    errors.raise_if_any()
    meeting.officer_briefing, meeting.minutes = briefing, minutes
    session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    session.flush()
    for position, title in enumerate(items):
        session.add(
            AgendaItem(
                group_id=meeting.group_id, meeting_id=meeting_id, position=position, title=title
            )
        )
    session.flush()


def meeting_attendance(session: Session, meeting_id: int) -> list[AttendanceLine]:
    """Who is on a meeting's attendance, by name, with their status."""
    return attendance_lines(session, MeetingAttendance, meeting_id)


def record_meeting_attendance(
    session: Session, meeting_id: int, member_id: int, status: str
) -> None:
    mark_attendance(session, MeetingAttendance, meeting_id, member_id, status)

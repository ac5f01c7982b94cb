"""Meetings and events with their agendas."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.entities import MeetingInput, clean_meeting
from watchdesk.db.models import AgendaItem, Meeting, WatchGroup
from watchdesk.services._common import get_or_raise, plain_row
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


def next_meeting(session: Session, group_id: int, on_or_after: dt.datetime) -> MeetingRow | None:
    meeting = session.scalars(
        select(Meeting)
        .where(Meeting.group_id == group_id, Meeting.starts_at >= on_or_after)
        .order_by(Meeting.starts_at)
        .limit(1)
    ).first()
    return _row(session, meeting) if meeting else None


def _row(session: Session, meeting: Meeting) -> MeetingRow:
    agenda = session.scalars(
        select(AgendaItem.title)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position)
    )
    return plain_row(MeetingRow, meeting, agenda=tuple(agenda))

"""Meetings and events: the actions of the Meetings page and the reads it shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from watchdesk.core.entities import MeetingInput
from watchdesk.core.vocabulary import ATTENDANCE_STATUSES, label
from watchdesk.core.words import count as counted
from watchdesk.db.engine import Database
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import meetings as meeting_service
from watchdesk.services import members as member_service
from watchdesk.services.attendance import AttendanceLine
from watchdesk.services.groups import get_group
from watchdesk.services.meetings import MeetingNotes
from watchdesk.services.meetings import day_of as day_of  # the page names days as steps do
from watchdesk.services.rows import MeetingRow


def _parts(names: Sequence[str]) -> str:
    """'agenda', 'agenda and minutes', 'agenda, briefing and minutes'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def changed_parts(saved: MeetingNotes, typed: MeetingNotes) -> list[str]:
    """Which of a meeting's notes differ ("agenda", "officer's briefing", "minutes")."""
    parts = []
    if _agenda(saved.agenda) != _agenda(typed.agenda):
        parts.append("agenda")
    if (saved.officer_briefing or "").strip() != (typed.officer_briefing or "").strip():
        parts.append("officer's briefing")
    if (saved.minutes or "").strip() != (typed.minutes or "").strip():
        parts.append("minutes")
    return parts


def _agenda(items: Sequence[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()]


def notes_described(parts: Sequence[str], day: str) -> str:
    """'the minutes of the Tue Dec 8 meeting'."""
    return f"the {_parts(parts)} of the {day} meeting"


# -- actions -----------------------------------------------------------------------------------
def add_meeting(db: Database, group_id: int, data: MeetingInput) -> OpResult[MeetingRow]:
    with undoable(db, f"Add meeting {data.title.strip()}") as action:
        row = meeting_service.add_meeting(action.session, group_id, data)
    return action.result(row)


def update_meeting(db: Database, meeting_id: int, data: MeetingInput) -> OpResult[int]:
    """Change a meeting's kind, title, time and place (its agenda is saved with its notes)."""
    with undoable(db, f"Edit meeting {data.title.strip()}") as action:
        meeting_service.update_meeting(action.session, meeting_id, data)
    return action.result(meeting_id)


def save_notes(db: Database, meeting_id: int, notes: MeetingNotes) -> OpResult[int]:
    """Save a meeting's agenda, officer's briefing and minutes; the step is named after what
    changed ("Save minutes of the Tue Dec 8 meeting"). Nothing changed: nothing is written."""
    with undoable(db, "") as action:
        saved = meeting_service.meeting_notes(action.session, meeting_id)
        parts = changed_parts(saved, notes)
        if parts:
            meeting_service.update_meeting_notes(action.session, meeting_id, notes)
            meeting = meeting_service.meeting_label(action.session, meeting_id)
            action.rename(f"Save {_parts(parts)} of the {meeting}")
    return action.result(meeting_id)


def mark_attendance(
    db: Database, meeting_id: int, member_ids: Sequence[int], status: str
) -> OpResult[int]:
    """Set the status of people at a meeting ("Mark Mo Member excused at the Tue Dec 8
    meeting", or "Mark 12 present at …" for "Mark all present")."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        for member_id in member_ids:
            meeting_service.record_meeting_attendance(session, meeting_id, member_id, status)
        who = member_service.one_or_many(session, member_ids, str(len(member_ids)))
        state = label(ATTENDANCE_STATUSES, status).lower()
        meeting = meeting_service.meeting_label(session, meeting_id)
        action.rename(f"Mark {who} {state} at the {meeting}")
    return action.result(len(member_ids))


def add_attendees(db: Database, meeting_id: int, member_ids: Sequence[int]) -> OpResult[int]:
    """Put people on a meeting's attendance, present."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        for member_id in member_ids:
            meeting_service.record_meeting_attendance(session, meeting_id, member_id, "present")
        many = counted(len(member_ids), "person", "people")
        who = member_service.one_or_many(session, member_ids, many)
        meeting = meeting_service.meeting_label(session, meeting_id)
        action.rename(f"Add {who} to the {meeting}")
    return action.result(len(member_ids))


# -- reads -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingsView:
    """What the Meetings page lists: the group's meetings, latest first, and its time zone."""

    timezone: str
    meetings: list[MeetingRow]


def meetings_view(db: Database, group_id: int) -> MeetingsView:
    with db.read() as session:
        return MeetingsView(
            get_group(session, group_id).timezone,
            meeting_service.list_meetings(session, group_id),
        )


def meeting_notes(db: Database, meeting_id: int) -> MeetingNotes:
    with db.read() as session:
        return meeting_service.meeting_notes(session, meeting_id)


def meeting_input(db: Database, meeting_id: int) -> MeetingInput:
    """A meeting's details as its form shows them."""
    with db.read() as session:
        return meeting_service.meeting_input(session, meeting_id)


def attendance(db: Database, meeting_id: int) -> list[AttendanceLine]:
    with db.read() as session:
        return meeting_service.meeting_attendance(session, meeting_id)

"""The facts of a meeting packet: the meeting on or after a date with its agenda, the last 30
days in figures, the next four weeks of rota, upcoming trainings, each block's phone tree and
the sign-in sheet pre-filled from the roster — read in one read transaction.

The packet is for watch members at the meeting: contact details appear only where members
agreed (phone tree, printed roster); observations appear as on a shared copy (hundred block,
map points at the sharing precision, reporters by role unless they agreed to be named).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.phonetree import DEFAULT_FAN_OUT
from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.core.vocabulary import MEETING_KINDS, label
from watchdesk.db.models import AgendaItem, Meeting, WatchGroup
from watchdesk.services._common import get_or_raise
from watchdesk.services.errors import NotFoundError
from watchdesk.services.meetings import first_meeting_from
from watchdesk.services.phone_trees import PhoneTree, trees_for_group
from watchdesk.services.precinct import Period, PrecinctFacts, precinct_facts
from watchdesk.services.rosters import printed_roster
from watchdesk.services.schedule import ShiftCard, check_window
from watchdesk.services.training import list_training_sessions

SUMMARY_DAYS = 30
ROTA_DAYS = 28
TRAINING_DAYS = 56  # trainings shown: from the meeting to eight weeks after it


@dataclass(frozen=True)
class AgendaLine:
    starts: dt.datetime | None  # local clock time, when the durations before it are known
    title: str
    presenter: str
    minutes: int | None


@dataclass(frozen=True)
class MeetingDetails:
    title: str
    kind: str
    starts: dt.datetime  # local
    ends: dt.datetime | None  # local
    place: str
    officer_briefing: str


@dataclass(frozen=True)
class UpcomingTraining:
    starts: dt.datetime  # local
    course: str
    location: str
    instructor: str
    enrolled: int
    capacity: int | None

    @property
    def places(self) -> str:
        if self.capacity is None:
            return f"{self.enrolled} enrolled"
        left = max(self.capacity - self.enrolled, 0)
        return f"{left} of {self.capacity} free" if left else f"Full ({self.capacity})"


@dataclass(frozen=True)
class SignInLine:
    name: str
    address: str
    phone: str


@dataclass(frozen=True)
class MeetingPacket:
    group_name: str
    timezone: str
    non_emergency_phone: str
    meeting: MeetingDetails
    agenda: tuple[AgendaLine, ...]
    summary: PrecinctFacts  # the last SUMMARY_DAYS days, redacted as a shared copy
    rota_first: dt.date
    rota_last: dt.date
    rota: tuple[ShiftCard, ...]
    trainings: tuple[UpcomingTraining, ...]
    trees: tuple[PhoneTree, ...]
    sign_in: tuple[SignInLine, ...]
    left_off_sign_in: int  # active members who did not agree to a printed roster


def summary_period(meeting_day: dt.date, today: dt.date) -> Period:
    """The 30 days before the meeting — or, for a packet printed earlier, up to today (the
    days still to come hold nothing yet)."""
    last = min(meeting_day - dt.timedelta(days=1), today)
    return Period(last - dt.timedelta(days=SUMMARY_DAYS - 1), last)


def meeting_packet(
    session: Session,
    group_id: int,
    on_or_after: dt.date,
    now: dt.datetime,
    fan_out: int = DEFAULT_FAN_OUT,
    progress: Progress | None = None,
) -> MeetingPacket:
    """Raises ``NotFoundError`` when the group has no meeting on or after the date."""
    progress = progress or SilentProgress()
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    time_zone = ZoneInfo(group.timezone)
    meeting = _meeting_on_or_after(session, group_id, on_or_after, time_zone)
    starts = meeting.starts_at.astimezone(time_zone)
    day = starts.date()
    progress.report(0, 4, "Summary of the last 30 days")
    summary = precinct_facts(
        session, group_id, summary_period(day, now.astimezone(time_zone).date()), now
    )
    progress.check_cancelled()
    progress.report(1, 4, "Rota")
    rota_last = day + dt.timedelta(days=ROTA_DAYS - 1)
    rota = tuple(check_window(session, group_id, day, rota_last).cards)
    progress.report(2, 4, "Phone trees")
    trees = tuple(trees_for_group(session, group_id, fan_out))
    progress.check_cancelled()
    progress.report(3, 4, "Sign-in sheet")
    roster = printed_roster(session, group_id)
    sign_in = sorted(
        (
            SignInLine(entry.name, entry.address or "", entry.phone or "")
            for block in roster.blocks
            for entry in block.entries
        ),
        key=lambda line: (line.name.casefold(), line.address),
    )
    return MeetingPacket(
        group_name=group.name,
        timezone=group.timezone,
        non_emergency_phone=group.non_emergency_phone or "",
        meeting=MeetingDetails(
            meeting.title,
            label(MEETING_KINDS, meeting.kind),
            starts,
            meeting.ends_at.astimezone(time_zone) if meeting.ends_at else None,
            meeting.place or group.meeting_place or "",
            meeting.officer_briefing or "",
        ),
        agenda=_agenda(session, meeting.id, starts),
        summary=summary,
        rota_first=day,
        rota_last=rota_last,
        rota=rota,
        trainings=_trainings(session, group_id, meeting.starts_at, day, time_zone),
        trees=trees,
        sign_in=tuple(sign_in),
        left_off_sign_in=roster.left_out,
    )


def meeting_day(session: Session, group_id: int, on_or_after: dt.date) -> dt.date:
    """The local date of the group's meeting on or after ``on_or_after``."""
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    time_zone = ZoneInfo(group.timezone)
    meeting = _meeting_on_or_after(session, group_id, on_or_after, time_zone)
    return meeting.starts_at.astimezone(time_zone).date()


def _meeting_on_or_after(
    session: Session, group_id: int, day: dt.date, time_zone: ZoneInfo
) -> Meeting:
    meeting = first_meeting_from(session, group_id, dt.datetime.combine(day, dt.time(), time_zone))
    if meeting is None:
        raise NotFoundError(
            f"no meeting on or after {day.isoformat()}: add it on the Meetings page first"
        )
    return meeting


def _agenda(session: Session, meeting_id: int, starts: dt.datetime) -> tuple[AgendaLine, ...]:
    """Items in order, each with its clock time while every earlier item has a duration."""
    lines = []
    clock: dt.datetime | None = starts
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
    )
    for item in items:
        lines.append(AgendaLine(clock, item.title, item.presenter or "", item.duration_minutes))
        if clock is not None and item.duration_minutes is not None:
            clock += dt.timedelta(minutes=item.duration_minutes)
        else:
            clock = None
    return tuple(lines)


def _trainings(
    session: Session, group_id: int, meeting_start: dt.datetime, day: dt.date, time_zone: ZoneInfo
) -> tuple[UpcomingTraining, ...]:
    until = dt.datetime.combine(day + dt.timedelta(days=TRAINING_DAYS), dt.time(), time_zone)
    rows = [
        row
        for row in list_training_sessions(session, group_id)
        if meeting_start <= row.starts_at < until
    ]
    return tuple(
        UpcomingTraining(
            row.starts_at.astimezone(time_zone),
            row.course_title,
            row.location or "",
            row.instructor or "",
            row.enrolled,
            row.capacity,
        )
        for row in sorted(rows, key=lambda r: r.starts_at)
    )

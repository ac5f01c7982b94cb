"""The Dashboard's to-do list: what needs doing this week and next, each line naming the
record it is about. The rules (what is short, expiring, overdue, serious) are here, applied
in the group's time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.core.scheduling import StaffingState, staffing_state
from watchdesk.core.vocabulary import (
    OBSERVATION_CATEGORIES,
    SEVERITIES,
    MemberStatus,
    ObservationCategory,
    ObservationStatus,
    PoliceContact,
    TrainingStatus,
    label,
)
from watchdesk.core.words import count as counted
from watchdesk.db.models import (
    Assignment,
    Block,
    FollowUp,
    Household,
    Member,
    Observation,
    Shift,
    VacationWindow,
    WatchGroup,
)
from watchdesk.services.compliance import compliance_rows
from watchdesk.services.meetings import next_meeting
from watchdesk.services.patrols import when

# Severities from "Serious" (3) up: with a break-in, what the police should hear about.
SERIOUS_SEVERITY = 3
# The newest lines of "recorded since you last opened" listed; the header counts them all.
NEW_OBSERVATION_LINES = 50


# -- the rules ---------------------------------------------------------------------------------
def is_serious(severity: int, category: str) -> bool:
    """Serious or urgent, or a break-in whatever its severity."""
    return severity >= SERIOUS_SEVERITY or category == ObservationCategory.BURGLARY


def _serious_sql() -> ColumnElement[bool]:
    return or_(
        Observation.severity >= SERIOUS_SEVERITY,
        Observation.category == ObservationCategory.BURGLARY.value,
    )


def not_reported(status: str, police_contact: str) -> bool:
    """Still open and the police were not contacted."""
    return status == ObservationStatus.OPEN and police_contact == PoliceContact.NONE


def is_overdue(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    """Not done and due before today (a follow-up due today is not late yet)."""
    return done_on is None and due_on is not None and due_on < today


def todo_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday of ``today``'s week and the Sunday of the week after: this week and next."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=13)


def day_text(day: dt.date) -> str:
    """'Tue Dec 8', the way the app names a day."""
    return f"{day:%a %b} {day.day}"


# -- the lines ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShortShift:
    """A shift below its minimum staffing ("Short") or with nobody on it ("Uncovered")."""

    kind: ClassVar[str] = "shifts"
    shift_id: int
    local_date: dt.date
    start: dt.time
    place: str
    held: int
    minimum: int

    @property
    def record_id(self) -> int:
        return self.shift_id

    @property
    def missing(self) -> int:
        return self.minimum - self.held

    @property
    def state(self) -> str:
        return "Uncovered" if self.held == 0 else "Short"

    @property
    def text(self) -> str:
        missing = counted(self.missing, "patroller")
        return (
            f"{self.state}: {when(self.local_date, self.start)} · {self.place} — {missing} missing"
        )


@dataclass(frozen=True)
class DueCertification:
    """A course the member's role requires whose certification has expired or expires soon."""

    kind: ClassVar[str] = "training"
    member_id: int
    member_name: str
    course_title: str
    expires_on: dt.date
    expired: bool

    @property
    def record_id(self) -> int:
        return self.member_id

    @property
    def text(self) -> str:
        verb = "expired" if self.expired else "expires"
        return f"{self.member_name} — {self.course_title}: {verb} {day_text(self.expires_on)}"


@dataclass(frozen=True)
class UpcomingMeeting:
    kind: ClassVar[str] = "meetings"
    meeting_id: int
    title: str
    local_start: dt.datetime
    place: str

    @property
    def record_id(self) -> int:
        return self.meeting_id

    @property
    def text(self) -> str:
        where = f" · {self.place}" if self.place else ""
        return f"{self.title} — {when(self.local_start.date(), self.local_start.time())}{where}"


@dataclass(frozen=True)
class OverdueFollowUp:
    kind: ClassVar[str] = "observations"
    follow_up_id: int
    observation_id: int
    due_on: dt.date
    note: str
    assigned_to: str | None

    @property
    def record_id(self) -> int:
        return self.observation_id

    @property
    def text(self) -> str:
        note = self.note.strip().split("\n", 1)[0]
        who = f" ({self.assigned_to})" if self.assigned_to else ""
        return f"Due {day_text(self.due_on)}: {note}{who}"


@dataclass(frozen=True)
class HouseAway:
    """A household on vacation watch; the line opens a member who lives there."""

    kind: ClassVar[str] = "members"
    vacation_id: int
    household_id: int
    address: str
    starts_on: dt.date
    ends_on: dt.date
    resident_id: int | None

    @property
    def record_id(self) -> int | None:
        return self.resident_id

    @property
    def text(self) -> str:
        return f"{self.address} — away {day_text(self.starts_on)} to {day_text(self.ends_on)}"


@dataclass(frozen=True)
class ObservationItem:
    kind: ClassVar[str] = "observations"
    observation_id: int
    local_day: dt.date
    category: str
    severity: int
    address: str

    @property
    def record_id(self) -> int:
        return self.observation_id

    @property
    def text(self) -> str:
        category = label(OBSERVATION_CATEGORIES, self.category)
        severity = SEVERITIES.get(self.severity, str(self.severity))
        where = f" · {self.address}" if self.address else ""
        return f"{day_text(self.local_day)}: {category} ({severity}){where}"


@dataclass(frozen=True)
class Todo:
    group_name: str
    today: dt.date
    through: dt.date  # the Sunday of next week
    short_shifts: tuple[ShortShift, ...]
    certifications: tuple[DueCertification, ...]
    next_meeting: UpcomingMeeting | None
    overdue_follow_ups: tuple[OverdueFollowUp, ...]
    houses_away: tuple[HouseAway, ...]
    serious_unreported: tuple[ObservationItem, ...]
    # None when the file was never opened here before; else the newest (at most
    # NEW_OBSERVATION_LINES) of ``new_observation_count`` recorded since ``since``.
    since: dt.datetime | None
    new_observations: tuple[ObservationItem, ...] | None
    new_observation_count: int


# -- the queries -------------------------------------------------------------------------------
def short_shifts(
    session: Session, group_id: int, now: dt.datetime, through: dt.date, time_zone: ZoneInfo
) -> list[ShortShift]:
    """Shifts not over yet, up to ``through``, not cancelled, held by fewer than their
    minimum (no-shows hold nothing), earliest first."""
    held = (
        select(func.count())
        .where(Assignment.shift_id == Shift.id, Assignment.holds_shift)
        .correlate(Shift)
        .scalar_subquery()
    )
    query = (
        select(
            Shift.id,
            Shift.local_date,
            Shift.starts_at,
            Block.name,
            Shift.route,
            Shift.min_patrollers,
            held,
        )
        .outerjoin(Block, Block.id == Shift.block_id)
        .where(
            Shift.group_id == group_id,
            Shift.cancelled.is_(False),
            Shift.ends_at > now,
            Shift.local_date <= through,
            held < Shift.min_patrollers,
        )
        .order_by(Shift.starts_at, Shift.id)
    )
    lines = []
    for shift_id, day, starts_at, block, route, minimum, count in session.execute(query):
        if staffing_state(count, minimum) is StaffingState.FULL:
            continue
        lines.append(
            ShortShift(
                shift_id=shift_id,
                local_date=day,
                start=starts_at.astimezone(time_zone).time(),
                place=block or route or "No block",
                held=count,
                minimum=minimum,
            )
        )
    return lines


def due_certifications(session: Session, group_id: int, today: dt.date) -> list[DueCertification]:
    """Active members' required courses expired or expiring within 30 days (as the Training
    page's compliance view says), soonest expiry first."""
    rows = compliance_rows(session, group_id, today, only_problems=True)
    due = [
        DueCertification(
            member_id=row.member_id,
            member_name=row.member_name,
            course_title=row.course_title,
            expires_on=row.expires_on,
            expired=row.status == TrainingStatus.EXPIRED,
        )
        for row in rows
        if row.status in (TrainingStatus.EXPIRED, TrainingStatus.EXPIRING)
        and row.expires_on is not None
    ]
    return sorted(due, key=lambda d: (d.expires_on, d.member_name, d.course_title))


def upcoming_meeting(
    session: Session, group_id: int, now: dt.datetime, time_zone: ZoneInfo
) -> UpcomingMeeting | None:
    meeting = next_meeting(session, group_id, now)
    if meeting is None:
        return None
    return UpcomingMeeting(
        meeting_id=meeting.id,
        title=meeting.title,
        local_start=meeting.starts_at.astimezone(time_zone),
        place=meeting.place or "",
    )


def overdue_follow_ups(session: Session, group_id: int, today: dt.date) -> list[OverdueFollowUp]:
    query = (
        select(
            FollowUp.id,
            FollowUp.observation_id,
            FollowUp.due_on,
            FollowUp.note,
            Member.given_name,
            Member.family_name,
            Member.preferred_name,
        )
        .outerjoin(Member, Member.id == FollowUp.assigned_member_id)
        .where(
            FollowUp.group_id == group_id,
            FollowUp.done_on.is_(None),
            FollowUp.due_on < today,
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    return [
        OverdueFollowUp(
            follow_up_id=follow_up_id,
            observation_id=observation_id,
            due_on=due_on or today,
            note=note,
            assigned_to=spoken_name(given, family, preferred) if given is not None else None,
        )
        for follow_up_id, observation_id, due_on, note, given, family, preferred in session.execute(
            query
        )
        if is_overdue(due_on, None, today)
    ]


def houses_away(session: Session, group_id: int, today: dt.date) -> list[HouseAway]:
    """Vacation windows on any day from today to Sunday of this week."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    resident = (
        select(Member.id)
        .where(Member.household_id == Household.id)
        .order_by(
            (Member.status != MemberStatus.ACTIVE.value),
            Member.family_name,
            Member.given_name,
            Member.id,
        )
        .limit(1)
        .correlate(Household)
        .scalar_subquery()
    )
    query = (
        select(
            VacationWindow.id,
            Household.id,
            Household.address_line,
            Household.unit,
            VacationWindow.starts_on,
            VacationWindow.ends_on,
            resident,
        )
        .join(Household, Household.id == VacationWindow.household_id)
        .where(
            VacationWindow.group_id == group_id,
            VacationWindow.starts_on <= sunday,
            VacationWindow.ends_on >= today,
        )
        .order_by(VacationWindow.starts_on, Household.address_line, VacationWindow.id)
    )
    return [
        HouseAway(
            vacation_id=vacation_id,
            household_id=household_id,
            address=f"{address}, {unit}" if unit else address,
            starts_on=starts_on,
            ends_on=ends_on,
            resident_id=resident_id,
        )
        for vacation_id, household_id, address, unit, starts_on, ends_on, resident_id in (
            session.execute(query)
        )
    ]


def _observation_lines(
    session: Session, where: list[ColumnElement[bool]], time_zone: ZoneInfo, limit: int | None
) -> list[ObservationItem]:
    query = (
        select(
            Observation.id,
            Observation.occurred_at,
            Observation.category,
            Observation.severity,
            Observation.address_text,
        )
        .where(*where)
        .order_by(Observation.occurred_at.desc(), Observation.id.desc())
        .limit(limit)
    )
    return [
        ObservationItem(
            observation_id=observation_id,
            local_day=occurred_at.astimezone(time_zone).date(),
            category=category,
            severity=severity,
            address=address or "",
        )
        for observation_id, occurred_at, category, severity, address in session.execute(query)
    ]


def serious_unreported(
    session: Session, group_id: int, time_zone: ZoneInfo
) -> list[ObservationItem]:
    """Open serious observations (``is_serious``) the police were not told of, newest first."""
    where = [
        Observation.group_id == group_id,
        Observation.status == ObservationStatus.OPEN.value,
        Observation.police_contact == PoliceContact.NONE.value,
        _serious_sql(),
    ]
    return _observation_lines(session, where, time_zone, None)


def recorded_since(
    session: Session, group_id: int, since: dt.datetime, time_zone: ZoneInfo
) -> tuple[list[ObservationItem], int]:
    """The newest observations recorded (not occurred) after ``since``, and how many there
    are in all."""
    where = [Observation.group_id == group_id, Observation.created_at > since]
    count = session.scalar(select(func.count()).select_from(Observation).where(and_(*where)))
    return _observation_lines(session, where, time_zone, NEW_OBSERVATION_LINES), count or 0


def todo_list(
    session: Session, group_id: int, now: dt.datetime, since: dt.datetime | None = None
) -> Todo:
    """Everything the Dashboard lists for the group as of ``now``; ``since`` is when the file
    was last opened before (None: never)."""
    group = session.get(WatchGroup, group_id)
    time_zone = ZoneInfo(group.timezone if group else "UTC")
    today = now.astimezone(time_zone).date()
    _monday, through = todo_window(today)
    new: tuple[ObservationItem, ...] | None = None
    count = 0
    if since is not None:
        lines, count = recorded_since(session, group_id, since, time_zone)
        new = tuple(lines)
    return Todo(
        group_name=group.name if group else "",
        today=today,
        through=through,
        short_shifts=tuple(short_shifts(session, group_id, now, through, time_zone)),
        certifications=tuple(due_certifications(session, group_id, today)),
        next_meeting=upcoming_meeting(session, group_id, now, time_zone),
        overdue_follow_ups=tuple(overdue_follow_ups(session, group_id, today)),
        houses_away=tuple(houses_away(session, group_id, today)),
        serious_unreported=tuple(serious_unreported(session, group_id, time_zone)),
        since=since,
        new_observations=new,
        new_observation_count=count,
    )

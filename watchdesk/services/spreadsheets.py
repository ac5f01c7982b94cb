"""The tables of ``export csv``: members, observations, shifts and attendance, with readable
column names and ISO 8601 dates (moments in the group's local time with their offset).

Members obey consent unless ``all_fields``: only those who agreed to appear in printed
rosters, as on the printed roster, and without emergency contacts, checks or notes.
Observations are shared as every export shares them (the group's precision, reporters named
only with consent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.local_days import day_span
from watchdesk.core.names import listed_name
from watchdesk.core.scheduling import StaffingState
from watchdesk.core.vocabulary import (
    ATTENDANCE_STATUSES,
    MEMBER_ROLES,
    MEMBER_STATUSES,
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    POLICE_CONTACTS,
    SEVERITIES,
)
from watchdesk.db.models import (
    Block,
    Course,
    Household,
    Meeting,
    MeetingAttendance,
    Member,
    Shift,
    TrainingAttendance,
    TrainingSession,
)
from watchdesk.services.observation_export import shared_observations
from watchdesk.services.observation_search import ObservationFilter
from watchdesk.services.schedule import check_window
from watchdesk.services.schedule_facts import group_time_zone

TABLES = ("members", "observations", "shifts", "attendance")
_STAFFING = {
    StaffingState.FULL: "Covered",
    StaffingState.UNDERSTAFFED: "Short of patrollers",
    StaffingState.EMPTY: "Uncovered",
}


@dataclass
class SpreadsheetTable:
    headers: Sequence[str]
    rows: Iterator[Sequence[Any]]
    left_out: int = 0  # members without consent to printed rosters
    left_out_reason: str = ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _local(moment: dt.datetime | None, time_zone: Any) -> str:
    return moment.astimezone(time_zone).isoformat(timespec="minutes") if moment else ""


_MEMBER_HEADERS = (
    "ID",
    "Family name",
    "Given name",
    "Preferred name",
    "Role",
    "Status",
    "Block",
    "Address",
    "Unit",
    "City",
    "Postal code",
    "Home phone",
    "Mobile phone",
    "Work phone",
    "Email",
    "Joined",
    "Languages",
    "Consent: share with precinct",
    "Consent: phone tree",
    "Consent: printed roster",
    "Consent: named in reports",
)
_MEMBER_EXTRA_HEADERS = (
    "Emergency contact",
    "Emergency contact phone",
    "Background check",
    "Captain term ends",
    "Notes",
)


def members_table(session: Session, group_id: int, all_fields: bool = False) -> SpreadsheetTable:
    query = (
        select(Member, Block.name, Household)
        .outerjoin(Block, Block.id == Member.block_id)
        .outerjoin(Household, Household.id == Member.household_id)
        .where(Member.group_id == group_id, Member.merged_into_id.is_(None))
        .order_by(Member.family_name, Member.given_name, Member.id)
    )
    left_out = 0
    if not all_fields:
        left_out = (
            session.scalar(
                select(func.count()).where(
                    Member.group_id == group_id,
                    Member.merged_into_id.is_(None),
                    Member.consent_printed_roster.is_(False),
                )
            )
            or 0
        )
        query = query.where(Member.consent_printed_roster.is_(True))

    def rows() -> Iterator[Sequence[Any]]:
        for member, block, home in session.execute(query.execution_options(yield_per=2_000)):
            row = [
                member.uuid,
                member.family_name,
                member.given_name,
                member.preferred_name,
                MEMBER_ROLES.get(member.role, member.role),
                MEMBER_STATUSES.get(member.status, member.status),
                block,
                home.address_line if home else None,
                home.unit if home else None,
                home.city if home else None,
                home.postal_code if home else None,
                member.phone_home,
                member.phone_mobile,
                member.phone_work,
                member.email,
                member.joined_on.isoformat() if member.joined_on else None,
                member.languages,
                _yes(member.consent_share_with_precinct),
                _yes(member.consent_phone_tree),
                _yes(member.consent_printed_roster),
                _yes(member.consent_named_in_reports),
            ]
            if all_fields:
                row += [
                    member.emergency_contact_name,
                    member.emergency_contact_phone,
                    member.background_check_on.isoformat() if member.background_check_on else None,
                    member.captain_term_ends_on.isoformat()
                    if member.captain_term_ends_on
                    else None,
                    member.notes,
                ]
            yield row

    headers = _MEMBER_HEADERS + (_MEMBER_EXTRA_HEADERS if all_fields else ())
    reason = "did not agree to appear in printed rosters" if left_out else ""
    return SpreadsheetTable(headers, rows(), left_out, reason)


_OBSERVATION_HEADERS = (
    "ID",
    "Occurred at",
    "Category",
    "Severity",
    "Status",
    "Block",
    "Address",
    "Latitude",
    "Longitude",
    "Description",
    "Police contact",
    "Case number",
    "Reporter",
)


def observations_table(
    session: Session, group_id: int, where: ObservationFilter
) -> SpreadsheetTable:
    time_zone = group_time_zone(session, group_id)

    def rows() -> Iterator[Sequence[Any]]:
        for item in shared_observations(session, group_id, where):
            line = item.line
            latitude, longitude = item.point or (None, None)
            yield (
                line.uuid,
                _local(line.occurred_at, time_zone),
                OBSERVATION_CATEGORIES.get(line.category, line.category),
                SEVERITIES.get(line.severity, str(line.severity)),
                OBSERVATION_STATUSES.get(line.status, line.status),
                line.block_name,
                item.address,
                latitude,
                longitude,
                line.description,
                POLICE_CONTACTS.get(line.police_contact, line.police_contact),
                line.case_number,
                line.reporter,
            )

    return SpreadsheetTable(_OBSERVATION_HEADERS, rows())


_SHIFT_HEADERS = (
    "ID",
    "Date",
    "Starts",
    "Ends",
    "Block or route",
    "Minimum patrollers",
    "Maximum patrollers",
    "Patrollers booked",
    "Patrollers",
    "Staffing",
)


def _shift_period(
    session: Session, group_id: int, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    if first is not None and last is not None:
        return first, last
    earliest, latest = session.execute(
        select(func.min(Shift.local_date), func.max(Shift.local_date)).where(
            Shift.group_id == group_id
        )
    ).one()
    if earliest is None:
        return None
    return first or earliest, last or latest


def shifts_table(
    session: Session, group_id: int, first: dt.date | None, last: dt.date | None
) -> SpreadsheetTable:
    time_zone = group_time_zone(session, group_id)
    period = _shift_period(session, group_id, first, last)
    query = select(Shift.id, Shift.uuid).where(Shift.group_id == group_id)
    uuids: dict[int, str] = {row.id: row.uuid for row in session.execute(query)}

    def rows() -> Iterator[Sequence[Any]]:
        if period is None:
            return
        for card in check_window(session, group_id, *period).cards:
            staffing = "Cancelled" if card.cancelled else _STAFFING[card.state]
            yield (
                uuids.get(card.id, ""),
                card.local_date.isoformat(),
                _local(card.starts_at, time_zone),
                _local(card.ends_at, time_zone),
                card.place,
                card.minimum,
                card.maximum,
                card.assigned,
                "; ".join(card.names),
                staffing,
            )

    return SpreadsheetTable(_SHIFT_HEADERS, rows())


_ATTENDANCE_HEADERS = ("Kind", "Starts", "Event", "Member", "Role", "Attendance")


def attendance_table(
    session: Session, group_id: int, first: dt.date | None, last: dt.date | None
) -> SpreadsheetTable:
    """Training-session and meeting attendance, in time order."""
    time_zone = group_time_zone(session, group_id)

    start, end = day_span(first, last, time_zone)

    def bounds(column: Any) -> list[Any]:
        conditions = []
        if start is not None:
            conditions.append(column >= start)
        if end is not None:
            conditions.append(column < end)
        return conditions

    member_columns = (Member.given_name, Member.family_name, Member.preferred_name, Member.role)
    training = (
        select(TrainingSession.starts_at, Course.title, *member_columns, TrainingAttendance.status)
        .join(Course, Course.id == TrainingSession.course_id)
        .join(TrainingAttendance, TrainingAttendance.session_id == TrainingSession.id)
        .join(Member, Member.id == TrainingAttendance.member_id)
        .where(TrainingSession.group_id == group_id, *bounds(TrainingSession.starts_at))
    )
    meetings = (
        select(Meeting.starts_at, Meeting.title, *member_columns, MeetingAttendance.status)
        .join(MeetingAttendance, MeetingAttendance.meeting_id == Meeting.id)
        .join(Member, Member.id == MeetingAttendance.member_id)
        .where(Meeting.group_id == group_id, *bounds(Meeting.starts_at))
    )

    def rows() -> Iterator[Sequence[Any]]:
        found = [("Training", row) for row in session.execute(training)]
        found += [("Meeting", row) for row in session.execute(meetings)]
        found.sort(key=lambda item: (item[1][0], item[1][1], item[1][3], item[1][2]))
        for kind, (starts, title, given, family, preferred, role, status) in found:
            yield (
                kind,
                _local(starts, time_zone),
                title,
                listed_name(given, family, preferred),
                MEMBER_ROLES.get(role, role),
                ATTENDANCE_STATUSES.get(status, status),
            )

    return SpreadsheetTable(_ATTENDANCE_HEADERS, rows())

"""Loading what the scheduling rules need (shifts, bookings, members' availability and
training) as plain values, with a handful of column queries rather than ORM objects: a year
of a large group's schedule is hundreds of thousands of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.core.scheduling import RELEASED, Away, Booking, Certificate, MemberFacts, ShiftFacts
from watchdesk.db.models import (
    Assignment,
    Certification,
    Course,
    Member,
    MemberUnavailability,
    RequiredCourse,
    Shift,
    VacationWindow,
    WatchGroup,
    Zone,
)

# Shifts are stored by their UTC start; a local date can start up to a day either side.
_SLACK = dt.timedelta(days=1)


def group_zone(session: Session, group_id: int) -> ZoneInfo:
    name = session.scalar(select(WatchGroup.timezone).where(WatchGroup.id == group_id))
    return ZoneInfo(name or "UTC")


def utc_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants that safely contain every shift whose local date is in [first, last]."""
    start = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC) - _SLACK
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC) + 2 * _SLACK
    return start, end


def required_courses(
    session: Session, group_id: int
) -> tuple[dict[int, dict[int, str]], dict[int, dict[int, str]]]:
    """Courses required per series and per single shift: ``(by_series, by_shift)``."""
    by_series: dict[int, dict[int, str]] = defaultdict(dict)
    by_shift: dict[int, dict[int, str]] = defaultdict(dict)
    rows = session.execute(
        select(RequiredCourse.series_id, RequiredCourse.shift_id, Course.id, Course.title)
        .join(Course, Course.id == RequiredCourse.course_id)
        .where(RequiredCourse.group_id == group_id)
    )
    for series_id, shift_id, course_id, title in rows:
        if series_id is not None:
            by_series[series_id][course_id] = title
        elif shift_id is not None:
            by_shift[shift_id][course_id] = title
    return by_series, by_shift


_SHIFT_COLUMNS = (
    Shift.id,
    Shift.series_id,
    Shift.local_date,
    Shift.starts_at,
    Shift.ends_at,
    Shift.min_patrollers,
    Shift.max_patrollers,
    Shift.zone_id,
    Shift.cancelled,
)


def _facts(
    row: Any, by_series: dict[int, dict[int, str]], by_shift: dict[int, dict[int, str]]
) -> ShiftFacts:
    """A shift row with the courses its series and the shift itself require."""
    required = {**by_series.get(row.series_id, {}), **by_shift.get(row.id, {})}
    return ShiftFacts(
        row.id,
        row.local_date,
        row.starts_at,
        row.ends_at,
        row.min_patrollers,
        row.max_patrollers,
        row.zone_id,
        required,
        row.cancelled,
    )


def one_shift_facts(session: Session, shift_id: int) -> ShiftFacts:
    row = session.execute(select(*_SHIFT_COLUMNS, Shift.group_id).where(Shift.id == shift_id)).one()
    return _facts(row, *required_courses(session, row.group_id))


@dataclass(frozen=True)
class BookedMember:
    assignment_id: int
    shift_id: int
    member_id: int
    status: str
    override_reason: str | None


def bookings_between(
    session: Session,
    group_id: int,
    start: dt.datetime,
    end: dt.datetime,
    member_ids: Sequence[int] | None = None,
) -> list[Booking]:
    """Members held to shifts overlapping [start, end) (no-shows and cancelled shifts excluded)."""
    query = (
        select(
            Assignment.member_id,
            Assignment.shift_id,
            Shift.starts_at,
            Shift.ends_at,
            Assignment.override_reason,
        )
        .join(Shift, Shift.id == Assignment.shift_id)
        .where(
            Shift.group_id == group_id,
            Shift.starts_at < end,
            Shift.starts_at >= start - _SLACK,
            Shift.ends_at > start,
            Shift.cancelled.is_(False),
            Assignment.status.not_in(RELEASED),
        )
    )
    if member_ids is not None:
        query = query.where(Assignment.member_id.in_(member_ids))
    return [Booking(*row) for row in session.execute(query)]


def member_facts(
    session: Session, group_id: int, member_ids: Sequence[int] | None = None
) -> dict[int, MemberFacts]:
    """Status, block, days away and certificates of the group's members (or of some of them)."""

    def only(query, column):  # type: ignore[no-untyped-def]
        return query if member_ids is None else query.where(column.in_(member_ids))

    away: dict[int, list[Away]] = defaultdict(list)
    vacations = only(
        select(Member.id, VacationWindow.starts_on, VacationWindow.ends_on)
        .join(VacationWindow, VacationWindow.household_id == Member.household_id)
        .where(Member.group_id == group_id),
        Member.id,
    )
    for member_id, starts_on, ends_on in session.execute(vacations):
        away[member_id].append(Away(starts_on, ends_on, "vacation"))
    unavailable = only(
        select(
            MemberUnavailability.member_id,
            MemberUnavailability.starts_on,
            MemberUnavailability.ends_on,
            MemberUnavailability.reason,
        ).where(MemberUnavailability.group_id == group_id),
        MemberUnavailability.member_id,
    )
    for member_id, starts_on, ends_on, reason in session.execute(unavailable):
        away[member_id].append(Away(starts_on, ends_on, "unavailable", reason or ""))
    certificates: dict[int, list[Certificate]] = defaultdict(list)
    certs = only(
        select(
            Certification.member_id,
            Certification.course_id,
            Certification.completed_on,
            Certification.expires_on,
        ).where(Certification.group_id == group_id),
        Certification.member_id,
    )
    for member_id, course_id, completed_on, expires_on in session.execute(certs):
        certificates[member_id].append(Certificate(course_id, completed_on, expires_on))
    people = only(
        select(
            Member.id,
            Member.given_name,
            Member.family_name,
            Member.preferred_name,
            Member.status,
            Member.zone_id,
        ).where(Member.group_id == group_id, Member.merged_into_id.is_(None)),
        Member.id,
    )
    return {
        row.id: MemberFacts(
            row.id,
            spoken_name(row.given_name, row.family_name, row.preferred_name),
            row.status == "active",
            row.zone_id,
            tuple(away.get(row.id, ())),
            tuple(certificates.get(row.id, ())),
        )
        for row in session.connection().execute(people)
    }


def zone_names(session: Session, group_id: int) -> dict[int, str]:
    return dict(session.execute(select(Zone.id, Zone.name).where(Zone.group_id == group_id)).all())


def _utc(text: str) -> dt.datetime:
    # Stored as naive UTC text (see UTCDateTime); parsed here directly because a year of a
    # large group's shifts is tens of thousands of rows and the ORM type is ~5x slower.
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class WindowFacts:
    """Every shift starting within a day of [first, last] (neighbours matter for overlaps),
    where it is, and who is on it, from two queries."""

    shifts: dict[int, ShiftFacts]
    places: dict[int, tuple[str, int | None]]  # shift id -> (zone name or route, series id)
    held: list[BookedMember]

    def members_on(self) -> dict[int, list[int]]:
        """Who is held to each shift (no-shows left out)."""
        on_shift: dict[int, list[int]] = defaultdict(list)
        for booked in self.held:
            if booked.status not in RELEASED:
                on_shift[booked.shift_id].append(booked.member_id)
        return on_shift

    def bookings(self) -> list[Booking]:
        out = []
        for booked in self.held:
            shift = self.shifts[booked.shift_id]
            if booked.status not in RELEASED and not shift.cancelled:
                out.append(
                    Booking(
                        booked.member_id,
                        booked.shift_id,
                        shift.starts_at,
                        shift.ends_at,
                        booked.override_reason,
                    )
                )
        return out


def window_facts(session: Session, group_id: int, first: dt.date, last: dt.date) -> WindowFacts:
    start, end = utc_bounds(first, last)
    in_window = (Shift.group_id == group_id, Shift.starts_at >= start, Shift.starts_at < end)
    by_series, by_shift = required_courses(session, group_id)
    zones = zone_names(session, group_id)
    shifts: dict[int, ShiftFacts] = {}
    places: dict[int, tuple[str, int | None]] = {}
    # Plain Core rows (the ORM's row handling costs more than the query here).
    connection = session.connection()
    rows = connection.execute(
        select(
            Shift.id,
            Shift.series_id,
            Shift.local_date,
            type_coerce(Shift.starts_at, String),
            type_coerce(Shift.ends_at, String),
            Shift.min_patrollers,
            Shift.max_patrollers,
            Shift.zone_id,
            Shift.cancelled,
            Shift.route,
        ).where(*in_window)
    )
    for shift_id, series_id, day, starts, ends, low, high, zone_id, cancelled, route in rows:
        required = {**by_series.get(series_id or 0, {}), **by_shift.get(shift_id, {})}
        shifts[shift_id] = ShiftFacts(
            shift_id, day, _utc(starts), _utc(ends), low, high, zone_id, required, cancelled
        )
        places[shift_id] = (
            zones.get(zone_id, "") if zone_id is not None else route or "",
            series_id,
        )
    held = [
        BookedMember(*row)
        for row in connection.execute(
            select(
                Assignment.id,
                Assignment.shift_id,
                Assignment.member_id,
                Assignment.status,
                Assignment.override_reason,
            )
            .join(Shift, Shift.id == Assignment.shift_id)
            .where(*in_window)
        )
    ]
    return WindowFacts(shifts, places, held)

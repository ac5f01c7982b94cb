"""Loading what the scheduling rules need (shifts, bookings, members' availability and
training) as plain values, with a handful of column queries rather than ORM objects: a year
of a large group's schedule is hundreds of thousands of rows."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.core.scheduling import (
    Away,
    Booking,
    Certificate,
    MemberFacts,
    ProblemKind,
    ShiftFacts,
)
from watchdesk.core.vocabulary import MemberStatus
from watchdesk.db.models import (
    Assignment,
    Block,
    Certification,
    Course,
    Member,
    MemberUnavailability,
    RequiredCourse,
    Shift,
    VacationWindow,
    WatchGroup,
)

# Shifts are stored by their UTC start; a local date can start up to a day either side.
_SLACK = dt.timedelta(days=1)


def group_time_zone(session: Session, group_id: int) -> ZoneInfo:
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
    Shift.block_id,
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
        row.block_id,
        required,
        row.cancelled,
    )


def one_shift_facts(session: Session, shift_id: int) -> ShiftFacts:
    row = session.execute(select(*_SHIFT_COLUMNS, Shift.group_id).where(Shift.id == shift_id)).one()
    return _facts(row, *required_courses(session, row.group_id))


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
            Assignment.holds_shift,
        )
    )
    if member_ids is not None:
        query = query.where(Assignment.member_id.in_(_ids(member_ids)))
    return [Booking(*row) for row in session.execute(query).all()]


def _ids(ids: Sequence[int]) -> Select[tuple[int]]:
    """A list of ids as one JSON parameter unpacked by SQLite's json_each: an IN list of a
    big week's two thousand members costs SQLAlchemy more to render than SQLite to run."""
    values = func.json_each(json.dumps(list(ids))).table_valued("value")
    return select(values.c.value)


def member_facts(
    session: Session, group_id: int, member_ids: Sequence[int] | None = None
) -> dict[int, MemberFacts]:
    """Status, block, days away and certificates of the group's members (or of some of them)."""

    def only(query, column):  # type: ignore[no-untyped-def]
        return query if member_ids is None else query.where(column.in_(_ids(member_ids)))

    away: dict[int, list[Away]] = defaultdict(list)
    vacations = only(
        select(Member.id, VacationWindow.starts_on, VacationWindow.ends_on)
        .join(VacationWindow, VacationWindow.household_id == Member.household_id)
        .where(Member.group_id == group_id),
        Member.id,
    )
    for member_id, starts_on, ends_on in session.execute(vacations).all():
        away[member_id].append(Away(starts_on, ends_on, ProblemKind.VACATION))
    unavailable = only(
        select(
            MemberUnavailability.member_id,
            MemberUnavailability.starts_on,
            MemberUnavailability.ends_on,
            MemberUnavailability.reason,
        ).where(MemberUnavailability.group_id == group_id),
        MemberUnavailability.member_id,
    )
    for member_id, starts_on, ends_on, reason in session.execute(unavailable).all():
        away[member_id].append(Away(starts_on, ends_on, ProblemKind.UNAVAILABLE, reason or ""))
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
    for member_id, course_id, completed_on, expires_on in session.execute(certs).all():
        certificates[member_id].append(Certificate(course_id, completed_on, expires_on))
    people = only(
        select(
            Member.id,
            Member.given_name,
            Member.family_name,
            Member.preferred_name,
            Member.status,
            Member.block_id.label("block_id"),  # the column is zone_id
        ).where(Member.group_id == group_id, Member.merged_into_id.is_(None)),
        Member.id,
    )
    return {
        row.id: MemberFacts(
            row.id,
            spoken_name(row.given_name, row.family_name, row.preferred_name),
            row.status == MemberStatus.ACTIVE,
            row.block_id,
            tuple(away.get(row.id, ())),
            tuple(certificates.get(row.id, ())),
        )
        for row in session.connection().execute(people).all()
    }


def block_names(session: Session, group_id: int) -> dict[int, str]:
    return dict(
        session.execute(select(Block.id, Block.name).where(Block.group_id == group_id)).all()
    )


@lru_cache(maxsize=4096)
def _utc(text: str) -> dt.datetime:
    # Stored as naive UTC text (see UTCDateTime); parsed here directly because a year of a
    # large group's shifts is a hundred thousand rows and the ORM type is ~5x slower. Shifts
    # share a few start and end times, so most are a cache hit.
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class WindowFacts:
    """Every shift starting within a day of [first, last] (neighbours matter for overlaps),
    where it is, and who is held to it (no-shows left out), from two queries."""

    shifts: dict[int, ShiftFacts]
    places: dict[int, tuple[str, int | None]]  # shift id -> (block name or route, series id)
    on_shift: dict[int, list[int]]  # shift id -> member ids
    bookings: list[Booking]  # on shifts not cancelled


def window_facts(session: Session, group_id: int, first: dt.date, last: dt.date) -> WindowFacts:
    start, end = utc_bounds(first, last)
    in_window = (Shift.group_id == group_id, Shift.starts_at >= start, Shift.starts_at < end)
    by_series, by_shift = required_courses(session, group_id)
    blocks = block_names(session, group_id)
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
            Shift.block_id,
            Shift.cancelled,
            Shift.route,
        ).where(*in_window)
    ).all()
    no_courses: dict[int, str] = {}
    for shift_id, series_id, day, starts, ends, low, high, block_id, cancelled, route in rows:
        # Shifts of a series share its (read-only) requirements unless they add their own.
        required = by_series.get(series_id or 0, no_courses)
        if shift_id in by_shift:
            required = {**required, **by_shift[shift_id]}
        shifts[shift_id] = ShiftFacts(
            shift_id, day, _utc(starts), _utc(ends), low, high, block_id, required, cancelled
        )
        places[shift_id] = (
            blocks.get(block_id, "") if block_id is not None else route or "",
            series_id,
        )
    on_shift: dict[int, list[int]] = defaultdict(list)
    bookings: list[Booking] = []
    held = connection.execute(
        select(Assignment.shift_id, Assignment.member_id, Assignment.override_reason)
        .join(Shift, Shift.id == Assignment.shift_id)
        .where(*in_window, Assignment.holds_shift)
    ).all()
    for shift_id, member_id, override_reason in held:
        on_shift[shift_id].append(member_id)
        shift = shifts[shift_id]
        if not shift.cancelled:
            bookings.append(
                Booking(member_id, shift_id, shift.starts_at, shift.ends_at, override_reason)
            )
    return WindowFacts(shifts, places, dict(on_shift), bookings)

"""The patrol schedule as an iCalendar (RFC 5545) file, for phones and calendar programs.

Each shift is one VEVENT whose UID is built from the shift's own UUID, so re-importing a newer
export updates events instead of duplicating them. Times carry the group's time zone (with its
VTIMEZONE), so a 20:00 shift stays 20:00 on both sides of a daylight-saving change.
Partners are named; the coordinator's phone is included only when they consented to their
contact details being handed to members (the printed-roster consent).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk import __version__
from watchdesk.core.names import spoken_name
from watchdesk.core.validation import display_phone
from watchdesk.core.vocabulary import MemberRole, MemberStatus
from watchdesk.db.models import Assignment, Block, Member, Shift, WatchGroup
from watchdesk.services._common import get_or_raise
from watchdesk.services.errors import NotFoundError


def member_by_email(session: Session, group_id: int, email: str) -> Member:
    found = session.scalar(
        select(Member).where(
            Member.group_id == group_id, func.lower(Member.email) == email.strip().lower()
        )
    )
    if found is None:
        raise NotFoundError(f"no member with the email {email.strip()}")
    return found


def _coordinator_line(session: Session, group_id: int) -> str:
    coordinator = session.scalar(
        select(Member)
        .where(
            Member.group_id == group_id,
            Member.role == MemberRole.COORDINATOR,
            Member.status == MemberStatus.ACTIVE,
        )
        .order_by(Member.id)
    )
    if coordinator is None:
        return ""
    name = spoken_name(coordinator.given_name, coordinator.family_name, coordinator.preferred_name)
    line = f"Coordinator: {name}"
    phone = coordinator.phone_mobile or coordinator.phone_home
    if coordinator.consent_printed_roster and phone:
        line += f", {display_phone(phone)}"
    return line


def schedule_calendar(
    session: Session,
    group_id: int,
    first: dt.date,
    last: dt.date,
    now: dt.datetime,
    member_email: str | None = None,
) -> bytes:
    """The iCalendar file of the shifts whose local date is in [first, last] (all of them, or
    those of the member with ``member_email``)."""
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    time_zone = ZoneInfo(group.timezone)
    query = (
        select(Shift, Block.name)
        .outerjoin(Block, Block.id == Shift.block_id)
        .where(Shift.group_id == group_id, Shift.local_date >= first, Shift.local_date <= last)
        .order_by(Shift.starts_at, Shift.id)
    )
    member_id = None
    if member_email:
        member_id = member_by_email(session, group_id, member_email).id
        query = query.where(
            Shift.id.in_(
                select(Assignment.shift_id).where(
                    Assignment.member_id == member_id, Assignment.holds_shift
                )
            )
        )
    rows = session.execute(query).all()
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    shift_ids = [shift.id for shift, _ in rows]
    for offset in range(0, len(shift_ids), 900):
        chunk = shift_ids[offset : offset + 900]
        for shift_id, person_id, given, family, preferred in session.execute(
            select(
                Assignment.shift_id,
                Member.id,
                Member.given_name,
                Member.family_name,
                Member.preferred_name,
            )
            .join(Member, Member.id == Assignment.member_id)
            .where(Assignment.shift_id.in_(chunk), Assignment.holds_shift)
            .order_by(Member.family_name, Member.given_name)
        ):
            people[shift_id].append((person_id, spoken_name(given, family, preferred)))
    coordinator = _coordinator_line(session, group_id)

    calendar = Calendar()
    calendar.add("prodid", f"-//WatchDesk {__version__}//Patrol schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{group.name} patrols")
    calendar.add("x-wr-timezone", group.timezone)
    for shift, block_name in rows:
        place = block_name or shift.route or group.name
        event = Event()
        event.add("uid", f"{shift.uuid}@watchdesk")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("last-modified", shift.updated_at.astimezone(dt.UTC))
        event.add("dtstart", shift.starts_at.astimezone(time_zone))
        event.add("dtend", shift.ends_at.astimezone(time_zone))
        event.add("summary", f"Patrol: {place}")
        event.add("location", place)
        event.add("status", "CANCELLED" if shift.cancelled else "CONFIRMED")
        partners = [name for person, name in people[shift.id] if person != member_id]
        lines = [
            f"Partners: {', '.join(partners)}" if partners else "Partners: none assigned yet",
            f"Staffing: {len(people[shift.id])} of {shift.min_patrollers} needed",
        ]
        if shift.route and block_name:
            lines.append(f"Route: {shift.route}")
        if shift.vehicle:
            lines.append(f"Vehicle: {shift.vehicle}")
        if shift.notes:
            lines.append(shift.notes)
        if coordinator:
            lines.append(coordinator)
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    # A VTIMEZONE covering only the exported period keeps the file small.
    calendar.add_missing_timezones(
        first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
    )
    return calendar.to_ical()

"""The Members table: filtering, sorting and paging in SQL, and the detail of one member.

The UI model asks for the ordered ids matching a filter (cheap: one indexed column), then for
plain rows a page at a time, so typing in the search box never loads the whole roster.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from watchdesk.core.names import listed_name, spoken_name
from watchdesk.core.vocabulary import AttendanceStatus, TrainingStatus
from watchdesk.db.models import (
    Assignment,
    Block,
    Certification,
    Course,
    Household,
    KnownVehicle,
    MeetingAttendance,
    Member,
    Observation,
    TrainingAttendance,
    VacationWindow,
)
from watchdesk.services._common import get_or_raise
from watchdesk.services.compliance import member_training_status

SORT_KEYS = ("name", "block", "address", "role", "status", "training", "phone", "email")


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""
    block_id: int | None = None
    role: str | None = None
    status: str | None = None
    training: str | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class MemberListRow:
    id: int
    name: str
    block_name: str | None
    address: str | None
    role: str
    status: str
    training_status: str
    phone: str | None
    email: str | None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _term_condition(term: str) -> ColumnElement[bool]:
    pattern = f"%{term}%"
    columns: list[ColumnElement[bool]] = [
        Member.given_name.ilike(pattern),
        Member.family_name.ilike(pattern),
        Member.preferred_name.ilike(pattern),
        Member.email.ilike(pattern),
        Household.address_line.ilike(pattern),
    ]
    digits = _digits(term)
    # Phones are stored as E.164 (+15035550123); "555-0123" or "(503) 555" match by digits.
    if len(digits) >= 3 and len(digits) >= len(term.replace(" ", "")) // 2:
        for phone in (Member.phone_mobile, Member.phone_home, Member.phone_work):
            columns.append(phone.like(f"%{digits}%"))
    return or_(*columns)


def _filtered(query: Select[Any], group_id: int | None, where: MemberFilter) -> Select[Any]:
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    if where.block_id is not None:
        query = query.where(Member.block_id == where.block_id)
    if where.role:
        query = query.where(Member.role == where.role)
    if where.status:
        query = query.where(Member.status == where.status)
    # Every word must match some column: "ann elm" finds Ann on Elm St.
    for term in where.text.split():
        query = query.where(_term_condition(term))
    return query


def _base(
    today: dt.date, *columns: Any, with_training: bool = True, ids: Sequence[int] | None = None
) -> tuple[Select[Any], Any]:
    query = (
        select(*columns)
        .select_from(Member)
        .outerjoin(Household, Household.id == Member.household_id)
        .outerjoin(Block, Block.id == Member.block_id)
    )
    if not with_training:
        return query, None
    # The training status costs an aggregate over certifications: join it only when shown
    # (for one page of ids), filtered or sorted on.
    training = member_training_status(today, ids)
    status = func.coalesce(training.c.training_status, literal(TrainingStatus.NOT_REQUIRED.value))
    query = query.add_columns(status).outerjoin(training, training.c.member_id == Member.id)
    return query, status


def _sort_columns(key: str, training_status: Any) -> list[Any]:
    by_name = [Member.family_name, Member.given_name]
    columns: dict[str, list[Any]] = {
        "name": by_name,
        "block": [Block.name, *by_name],
        "address": [Household.address_line, *by_name],
        "role": [Member.role, *by_name],
        "status": [Member.status, *by_name],
        "training": [training_status, *by_name],
        "phone": [Member.phone_mobile, *by_name],
        "email": [Member.email, *by_name],
    }
    return columns.get(key, by_name)


def member_ids(
    session: Session, group_id: int | None, where: MemberFilter, today: dt.date
) -> list[int]:
    """Ids of the members matching ``where``, in display order."""
    needs_training = bool(where.training) or where.sort == "training"
    query, training_status = _base(today, Member.id, with_training=needs_training)
    query = _filtered(query, group_id, where)
    if where.training:
        query = query.where(training_status == where.training)
    order = _sort_columns(where.sort, training_status)
    if where.descending:
        order = [column.desc() for column in order]
    query = query.order_by(*order, Member.id)
    return list(session.scalars(query))


def member_rows(session: Session, ids: Sequence[int], today: dt.date) -> dict[int, MemberListRow]:
    """Plain table rows for ``ids`` (one page), keyed by id."""
    if not ids:
        return {}
    query, _ = _base(
        today,
        Member.id,
        Member.preferred_name,
        Member.given_name,
        Member.family_name,
        Block.name,
        Household.address_line,
        Member.role,
        Member.status,
        Member.phone_mobile,
        Member.phone_home,
        Member.email,
        ids=ids,
    )
    rows = {}
    for (
        member_id,
        preferred,
        given,
        family,
        block,
        address,
        role,
        status,
        mobile,
        home,
        email,
        training,
    ) in session.execute(query.where(Member.id.in_(list(ids)))):
        rows[member_id] = MemberListRow(
            id=member_id,
            name=listed_name(given, family, preferred),
            block_name=block,
            address=address,
            role=role,
            status=status,
            training_status=training,
            phone=mobile or home,
            email=email,
        )
    return rows


@dataclass(frozen=True)
class CertificationLine:
    course_title: str
    completed_on: dt.date
    expires_on: dt.date | None


@dataclass(frozen=True)
class MemberHistory:
    shifts: int
    observations_reported: int
    trainings_attended: int
    meetings_attended: int


@dataclass(frozen=True)
class VehicleLine:
    id: int
    colour: str | None
    make: str | None
    model: str | None
    plate: str | None
    plate_state: str | None

    def describe(self) -> str:
        car = " ".join(part for part in (self.colour, self.make, self.model) if part)
        plate = " ".join(part for part in (self.plate, self.plate_state) if part)
        return f"{car or 'Vehicle'} — {plate}" if plate else car or "Vehicle"


@dataclass(frozen=True)
class VacationLine:
    id: int
    starts_on: dt.date
    ends_on: dt.date
    check_instructions: str | None


@dataclass(frozen=True)
class MemberDetail:
    """Everything the detail pane and the edit form show about one member."""

    values: dict[str, Any]
    block_name: str | None
    address: str | None
    household_residents: tuple[str, ...]
    vehicles: tuple[VehicleLine, ...]
    vacations: tuple[VacationLine, ...]
    pets: str | None
    special_concerns: str | None
    certifications: tuple[CertificationLine, ...]
    history: MemberHistory
    merged_into: str | None

    @property
    def name(self) -> str:
        v = self.values
        return spoken_name(v["given_name"], v["family_name"], v["preferred_name"])


EDITABLE_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "role",
    "email",
    "phone_mobile",
    "phone_home",
    "phone_work",
    "joined_on",
    "languages",
    "emergency_contact_name",
    "emergency_contact_phone",
    "notes",
    "block_id",
    "household_id",
    "consent_share_with_precinct",
    "consent_phone_tree",
    "consent_printed_roster",
    "consent_named_in_reports",
)


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def member_detail(session: Session, member_id: int) -> MemberDetail:
    member = get_or_raise(session, Member, member_id, "member")
    values = {name: getattr(member, name) for name in EDITABLE_FIELDS}
    values["status"] = member.status
    household = member.household
    residents: tuple[str, ...] = ()
    vehicles: tuple[VehicleLine, ...] = ()
    vacations: tuple[VacationLine, ...] = ()
    if household is not None:
        residents = tuple(
            spoken_name(m.given_name, m.family_name, m.preferred_name)
            for m in session.scalars(
                select(Member)
                .where(Member.household_id == household.id, Member.id != member.id)
                .order_by(Member.given_name)
            )
        )
        vehicles = tuple(
            VehicleLine(v.id, v.colour, v.make, v.model, v.plate, v.plate_state)
            for v in session.scalars(
                select(KnownVehicle)
                .where(KnownVehicle.household_id == household.id)
                .order_by(KnownVehicle.id)
            )
        )
        vacations = tuple(
            VacationLine(v.id, v.starts_on, v.ends_on, v.check_instructions)
            for v in session.scalars(
                select(VacationWindow)
                .where(VacationWindow.household_id == household.id)
                .order_by(VacationWindow.starts_on.desc())
            )
        )
    certifications = tuple(
        CertificationLine(title, completed, expires)
        for title, completed, expires in session.execute(
            select(Course.title, Certification.completed_on, Certification.expires_on)
            .join(Course, Course.id == Certification.course_id)
            .where(Certification.member_id == member_id)
            .order_by(Certification.completed_on.desc())
        )
    )
    history = MemberHistory(
        shifts=_count(session, select(Assignment.id).where(Assignment.member_id == member_id)),
        observations_reported=_count(
            session, select(Observation.id).where(Observation.reporter_member_id == member_id)
        ),
        trainings_attended=_count(
            session,
            select(TrainingAttendance.id).where(
                and_(
                    TrainingAttendance.member_id == member_id,
                    TrainingAttendance.status == AttendanceStatus.PRESENT,
                )
            ),
        ),
        meetings_attended=_count(
            session,
            select(MeetingAttendance.id).where(
                MeetingAttendance.member_id == member_id,
                MeetingAttendance.status == AttendanceStatus.PRESENT,
            ),
        ),
    )
    merged_into = None
    if member.merged_into_id is not None:
        target = session.get(Member, member.merged_into_id)
        merged_into = f"{target.given_name} {target.family_name}" if target else None
    return MemberDetail(
        values=values,
        block_name=member.block.name if member.block else None,
        address=household.address_line if household else None,
        household_residents=residents,
        vehicles=vehicles,
        vacations=vacations,
        pets=household.pets if household else None,
        special_concerns=household.special_concerns if household else None,
        certifications=certifications,
        history=history,
        merged_into=merged_into,
    )

"""Members and households: add, update, list, inactivate and reactivate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import HouseholdInput, MemberInput, clean_household, clean_member
from watchdesk.core.names import spoken_name
from watchdesk.core.vocabulary import MemberStatus
from watchdesk.db.models import Block, Household, Member, WatchGroup
from watchdesk.services._common import apply, check_in_group, get_or_raise, plain_row
from watchdesk.services.groups import phone_defaults
from watchdesk.services.rows import HouseholdRow, MemberRow


def _member_row(member: Member) -> MemberRow:
    return plain_row(MemberRow, member)


def _check_references(session: Session, group_id: int, values: dict[str, object]) -> None:
    check_in_group(
        session,
        group_id,
        {
            "block_id": (Block, values.get("block_id"), "is not a block of this group"),
            "household_id": (
                Household,
                values.get("household_id"),
                "is not a household of this group",
            ),
        },
    )


def add_member(session: Session, group_id: int, data: MemberInput) -> MemberRow:
    values = clean_member(data, phone_defaults(session, group_id))
    _check_references(session, group_id, values)
    member = Member(group_id=group_id, **values)
    session.add(member)
    session.flush()
    return _member_row(member)


def update_member(session: Session, member_id: int, data: MemberInput) -> MemberRow:
    member = get_or_raise(session, Member, member_id, "member")
    values = clean_member(data, phone_defaults(session, member.group_id))
    _check_references(session, member.group_id, values)
    apply(member, values)
    session.flush()
    return _member_row(member)


def set_member_active(session: Session, member_id: int, active: bool) -> MemberRow:
    """Inactivate or reactivate; history (shifts, attendance, reports) is always kept."""
    member = get_or_raise(session, Member, member_id, "member")
    member.status = MemberStatus.ACTIVE if active else MemberStatus.INACTIVE
    session.flush()
    return _member_row(member)


def get_member(session: Session, member_id: int) -> MemberRow:
    return _member_row(get_or_raise(session, Member, member_id, "member"))


def member_query(group_id: int | None, text: str = "", active_only: bool = False) -> Select[Any]:
    query = select(Member)
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    if active_only:
        query = query.where(Member.status == MemberStatus.ACTIVE)
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(
            or_(
                Member.given_name.ilike(pattern),
                Member.family_name.ilike(pattern),
                Member.preferred_name.ilike(pattern),
                Member.email.ilike(pattern),
                Member.phone_mobile.ilike(pattern),
            )
        )
    return query


def list_members(
    session: Session,
    group_id: int | None,
    text: str = "",
    active_only: bool = False,
    limit: int = 500,
    offset: int = 0,
) -> list[MemberRow]:
    query = (
        member_query(group_id, text, active_only)
        .order_by(Member.family_name, Member.given_name, Member.id)
        .limit(limit)
        .offset(offset)
    )
    return [_member_row(member) for member in session.scalars(query)]


def _household_row(household: Household) -> HouseholdRow:
    return plain_row(HouseholdRow, household)


def add_household(session: Session, group_id: int, data: HouseholdInput) -> HouseholdRow:
    values = clean_household(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_references(session, group_id, {"block_id": values["block_id"]})
    household = Household(group_id=group_id, **values)
    session.add(household)
    session.flush()
    return _household_row(household)


def update_household(session: Session, household_id: int, data: HouseholdInput) -> HouseholdRow:
    household = get_or_raise(session, Household, household_id, "household")
    values = clean_household(data)
    _check_references(session, household.group_id, {"block_id": values["block_id"]})
    apply(household, values)
    session.flush()
    return _household_row(household)


def list_households(session: Session, group_id: int | None) -> list[HouseholdRow]:
    query = select(Household).order_by(Household.address_line, Household.id)
    if group_id is not None:
        query = query.where(Household.group_id == group_id)
    return [_household_row(h) for h in session.scalars(query)]


def member_input(session: Session, member_id: int) -> MemberInput:
    """The member as the edit form holds it, so an edit can be undone by saving it back."""
    member = get_or_raise(session, Member, member_id, "member")
    return MemberInput(
        given_name=member.given_name,
        family_name=member.family_name,
        preferred_name=member.preferred_name or "",
        role=member.role,
        email=member.email or "",
        phone_mobile=member.phone_mobile or "",
        phone_home=member.phone_home or "",
        phone_work=member.phone_work or "",
        joined_on=member.joined_on,
        languages=member.languages or "",
        emergency_contact_name=member.emergency_contact_name or "",
        emergency_contact_phone=member.emergency_contact_phone or "",
        notes=member.notes or "",
        block_id=member.block_id,
        household_id=member.household_id,
        consent_share_with_precinct=member.consent_share_with_precinct,
        consent_phone_tree=member.consent_phone_tree,
        consent_printed_roster=member.consent_printed_roster,
        consent_named_in_reports=member.consent_named_in_reports,
    )


def one_or_many(session: Session, member_ids: Sequence[int], many: str) -> str:
    """How an action's name calls the people it touched: "Mo Member" for one, else ``many``
    ("3", "3 people")."""
    if len(member_ids) != 1:
        return many
    member = get_or_raise(session, Member, member_ids[0], "member")
    return spoken_name(member.given_name, member.family_name, member.preferred_name)

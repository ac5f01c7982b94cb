"""Roster import: preview every row, then write all of it or nothing.

Re-importing the same file updates the members it matches (by email, by phone, or by name and
address) instead of adding them twice. Empty cells never blank out what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.roster import RosterRow, Table, check_mapping, parse_row
from watchdesk.core.vocabulary import BlockKind, MemberRole
from watchdesk.db.models import Block, Household, Member
from watchdesk.services._common import get_or_raise
from watchdesk.services.groups import phone_defaults

_PHONES = ("phone_mobile", "phone_home", "phone_work")


@dataclass
class PlannedRow:
    row: RosterRow
    action: str  # "add", "update" or "skip"
    reason: str = ""
    member_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.row.member.get('given_name', '')} {self.row.member.get('family_name', '')}"


@dataclass
class ImportPlan:
    group_id: int
    rows: list[PlannedRow] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for planned in self.rows if planned.action == action)

    @property
    def skipped(self) -> list[PlannedRow]:
        return [planned for planned in self.rows if planned.action == "skip"]


def _key(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


class _Matcher:
    """Finds the stored (or earlier in this file) member a row stands for."""

    def __init__(self, members: Iterable[tuple[Member, str | None]]) -> None:
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name_address: dict[tuple[str, str, str], int] = {}
        for member, address in members:
            self.remember(
                member.id,
                member.email,
                [getattr(member, p) for p in _PHONES],
                member.given_name,
                member.family_name,
                address,
            )

    def remember(
        self,
        member_id: int,
        email: object,
        phones: list[object],
        given: object,
        family: object,
        address: object,
    ) -> None:
        if email:
            self.by_email.setdefault(_key(email), member_id)
        for phone in phones:
            if phone:
                self.by_phone.setdefault(str(phone), member_id)
        if address:
            self.by_name_address.setdefault((_key(given), _key(family), _key(address)), member_id)

    def find(self, row: RosterRow) -> tuple[int | None, str]:
        member = row.member
        if member.get("email") and _key(member["email"]) in self.by_email:
            return self.by_email[_key(member["email"])], "same email"
        for phone in _PHONES:
            if member.get(phone) and str(member[phone]) in self.by_phone:
                return self.by_phone[str(member[phone])], "same phone"
        key = (
            _key(member.get("given_name")),
            _key(member.get("family_name")),
            _key(row.address_line),
        )
        if row.address_line and key in self.by_name_address:
            return self.by_name_address[key], "same name and address"
        return None, ""


def plan_import(
    session: Session, group_id: int, table: Table, mapping: dict[int, str]
) -> ImportPlan:
    """Validate and match every row; writes nothing."""
    check_mapping(mapping)
    phones = phone_defaults(session, group_id)
    stored = session.execute(
        select(Member, Household.address_line)
        .outerjoin(Household, Household.id == Member.household_id)
        .where(Member.group_id == group_id)
    )
    matcher = _Matcher((member, address) for member, address in stored)
    plan = ImportPlan(group_id=group_id)
    # Member id (negative for members this file adds) -> the row that first named them.
    seen_in_file: dict[int, int] = {}
    for row_number, cells in table.rows:
        row = parse_row(row_number, cells, mapping, phones)
        if row.errors:
            reason = "; ".join(f"{name}: {message}" for name, message in row.errors.items())
            plan.rows.append(PlannedRow(row, "skip", reason))
            continue
        member_id, why = matcher.find(row)
        if member_id is not None and member_id in seen_in_file:
            first = seen_in_file[member_id]
            plan.rows.append(PlannedRow(row, "skip", f"same member as row {first} ({why})"))
            continue
        if member_id is not None:
            plan.rows.append(PlannedRow(row, "update", why, member_id))
        else:
            plan.rows.append(PlannedRow(row, "add"))
            member_id = -(len(seen_in_file) + 1)
        seen_in_file[member_id] = row_number
        member = row.member
        matcher.remember(
            member_id,
            member.get("email"),
            [member.get(p) for p in _PHONES],
            member.get("given_name"),
            member.get("family_name"),
            row.address_line,
        )
    return plan


def apply_import(session: Session, plan: ImportPlan) -> None:
    """Write the plan inside the caller's transaction (all rows or, on any error, none)."""
    group_id = plan.group_id
    blocks = {
        _key(block.name): block
        for block in session.scalars(select(Block).where(Block.group_id == group_id))
    }
    households = {
        _key(h.address_line): h
        for h in session.scalars(select(Household).where(Household.group_id == group_id))
    }

    def block_for(name: str | None) -> Block | None:
        if not name:
            return None
        if _key(name) not in blocks:
            blocks[_key(name)] = Block(group_id=group_id, name=name, kind=BlockKind.BLOCK)
            session.add(blocks[_key(name)])
        return blocks[_key(name)]

    def household_for(row: RosterRow, block: Block | None) -> Household | None:
        if not row.address_line:
            return None
        household = households.get(_key(row.address_line))
        if household is None:
            household = Household(
                group_id=group_id,
                address_line=row.address_line,
                city=row.city,
                postal_code=row.postal_code,
                block=block,
            )
            households[_key(row.address_line)] = household
            session.add(household)
        return household

    for planned in plan.rows:
        if planned.action == "skip":
            continue
        row = planned.row
        block = block_for(row.block)
        household = household_for(row, block)
        values = {
            name: value
            for name, value in row.member.items()
            if value not in (None, "")
            and name not in ("block_id", "household_id")
            and not name.startswith("consent_")
        }
        if planned.action == "add":
            member = Member(group_id=group_id, **values)
            session.add(member)
        else:
            assert planned.member_id is not None
            member = get_or_raise(session, Member, planned.member_id, "member")
            if row.member.get("role") == MemberRole.MEMBER:
                values.pop("role", None)  # a blank role cell keeps the stored role
            for name, value in values.items():
                setattr(member, name, value)
        if block is not None:
            member.block = block
        if household is not None:
            member.household = household
    session.flush()

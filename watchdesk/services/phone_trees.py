"""Blocks' calling trees: generated from members who consented, reordered by the captain,
printed, and exercised in drills.

Only the calling order is really the captain's choice; who calls whom follows from the order
and the fan-out (``core.phonetree``). A member who has since become inactive or withdrawn
consent drops out when the tree is read, and the others move up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.core.phonetree import DEFAULT_FAN_OUT, build_links, check_fan_out, reports_back
from watchdesk.core.validation import ValidationError, parse_date
from watchdesk.core.vocabulary import BlockKind, MemberRole, MemberStatus
from watchdesk.db.models import (
    Block,
    Household,
    Member,
    PhoneTreeDrill,
    PhoneTreeDrillContact,
    PhoneTreeEntry,
)
from watchdesk.services._common import get_or_raise

# Who heads a block's tree, in order of preference, among members who consented.
HEAD_ROLES = (MemberRole.BLOCK_CAPTAIN, MemberRole.ALTERNATE, MemberRole.COORDINATOR)


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str
    phone: str | None
    address: str | None


@dataclass(frozen=True)
class TreeLine:
    person: Person
    position: int
    caller: Person
    calls: tuple[Person, ...]


@dataclass(frozen=True)
class PhoneTree:
    block_id: int
    block_name: str
    head: Person | None
    lines: tuple[TreeLine, ...]
    reports_back: Person | None
    fan_out: int

    @property
    def order(self) -> list[int]:
        return [line.person.member_id for line in self.lines]


def _eligible(session: Session, block_id: int) -> dict[int, tuple[Member, str | None]]:
    """Active members of the block who agreed to be in the phone tree, by name."""
    rows = session.execute(
        select(Member, Household.address_line)
        .outerjoin(Household, Household.id == Member.household_id)
        .where(
            Member.block_id == block_id,
            Member.status == MemberStatus.ACTIVE,
            Member.consent_phone_tree.is_(True),
            Member.merged_into_id.is_(None),
        )
        .order_by(Member.family_name, Member.given_name, Member.id)
    )
    return {member.id: (member, address) for member, address in rows}


def _person(member: Member, address: str | None) -> Person:
    phone = member.phone_mobile or member.phone_home or member.phone_work
    name = spoken_name(member.given_name, member.family_name, member.preferred_name)
    return Person(member.id, name, phone, address)


def _choose_head(eligible: dict[int, tuple[Member, str | None]]) -> int | None:
    for role in HEAD_ROLES:
        for member_id, (member, _) in eligible.items():
            if member.role == role:
                return member_id
    return next(iter(eligible), None)


def _stored_order(session: Session, block_id: int) -> list[int]:
    return list(
        session.scalars(
            select(PhoneTreeEntry.member_id)
            .where(PhoneTreeEntry.block_id == block_id)
            .order_by(PhoneTreeEntry.position, PhoneTreeEntry.id)
        )
    )


def phone_tree(session: Session, block_id: int, fan_out: int = DEFAULT_FAN_OUT) -> PhoneTree:
    """The block's tree as it stands: the stored order (head first) of members still
    eligible, then any eligible member not yet placed, at the end."""
    check_fan_out(fan_out)
    block = get_or_raise(session, Block, block_id, "block")
    eligible = _eligible(session, block_id)
    stored = _stored_order(session, block_id)
    # The stored head keeps the tree while still eligible; otherwise the block's captain (or
    # alternate, or coordinator) takes over.
    head_id = stored[0] if stored and stored[0] in eligible else _choose_head(eligible)
    order = [m for m in stored if m in eligible and m != head_id]
    order += [m for m in eligible if m != head_id and m not in order]
    people = {member_id: _person(*eligible[member_id]) for member_id in eligible}
    if head_id is None:
        return PhoneTree(block.id, block.name, None, (), None, fan_out)
    links = build_links(head_id, order, fan_out)
    calls: dict[int, list[Person]] = {}
    for link in links:
        calls.setdefault(link.caller_id, []).append(people[link.member_id])
    lines = tuple(
        TreeLine(
            person=people[link.member_id],
            position=link.position,
            caller=people[link.caller_id],
            calls=tuple(calls.get(link.member_id, ())),
        )
        for link in links
    )
    last = reports_back(order)
    return PhoneTree(
        block_id=block.id,
        block_name=block.name,
        head=people[head_id],
        lines=lines,
        reports_back=people[last] if last is not None else None,
        fan_out=fan_out,
    )


def head_calls(tree: PhoneTree) -> tuple[Person, ...]:
    return tuple(line.person for line in tree.lines if tree.head and line.caller == tree.head)


def save_tree(
    session: Session, block_id: int, head_id: int, order: Sequence[int], fan_out: int
) -> PhoneTree:
    """Store the captain's calling order (``head_id`` heads the tree)."""
    block = get_or_raise(session, Block, block_id, "block")
    eligible = _eligible(session, block_id)
    for member_id in (head_id, *order):
        if member_id not in eligible:
            raise ValidationError.single(
                "order", "only active members of this block who agreed to the phone tree"
            )
    links = build_links(head_id, order, fan_out)
    session.execute(delete(PhoneTreeEntry).where(PhoneTreeEntry.block_id == block_id))
    session.add(
        PhoneTreeEntry(group_id=block.group_id, block_id=block_id, member_id=head_id, position=0)
    )
    for link in links:
        session.add(
            PhoneTreeEntry(
                group_id=block.group_id,
                block_id=block_id,
                member_id=link.member_id,
                caller_member_id=link.caller_id,
                position=link.position,
            )
        )
    session.flush()
    return phone_tree(session, block_id, fan_out)


def generate_tree(session: Session, block_id: int, fan_out: int = DEFAULT_FAN_OUT) -> PhoneTree:
    """Start the block's tree afresh: the captain (or alternate, or coordinator) at the head,
    everyone else who consented in name order."""
    session.execute(delete(PhoneTreeEntry).where(PhoneTreeEntry.block_id == block_id))
    session.flush()
    tree = phone_tree(session, block_id, fan_out)
    if tree.head is None:
        return tree
    return save_tree(session, block_id, tree.head.member_id, tree.order, fan_out)


def trees_for_group(
    session: Session, group_id: int | None, fan_out: int = DEFAULT_FAN_OUT
) -> list[PhoneTree]:
    query = select(Block.id).where(Block.kind == BlockKind.BLOCK).order_by(Block.name)
    if group_id is not None:
        query = query.where(Block.group_id == group_id)
    return [phone_tree(session, block_id, fan_out) for block_id in session.scalars(query)]


@dataclass(frozen=True)
class DrillRow:
    id: int
    held_on: dt.date
    minutes_to_complete: int | None
    reached: int
    contacted: int
    notes: str | None


def log_drill(
    session: Session,
    block_id: int,
    held_on: str | dt.date | None,
    minutes: int | None,
    reached: dict[int, bool],
    notes: str = "",
) -> DrillRow:
    block = get_or_raise(session, Block, block_id, "block")
    day = parse_date(held_on, "held_on")
    if day is None:
        raise ValidationError.single("held_on", "is required")
    if minutes is not None and minutes < 0:
        raise ValidationError.single("minutes", "cannot be negative")
    drill = PhoneTreeDrill(
        group_id=block.group_id,
        block_id=block_id,
        held_on=day,
        minutes_to_complete=minutes,
        notes=notes.strip() or None,
    )
    session.add(drill)
    session.flush()
    for member_id, was_reached in reached.items():
        session.add(
            PhoneTreeDrillContact(
                group_id=block.group_id, drill_id=drill.id, member_id=member_id, reached=was_reached
            )
        )
    session.flush()
    return DrillRow(drill.id, day, minutes, sum(reached.values()), len(reached), drill.notes)


def list_drills(session: Session, block_id: int) -> list[DrillRow]:
    drills = session.scalars(
        select(PhoneTreeDrill)
        .where(PhoneTreeDrill.block_id == block_id)
        .order_by(PhoneTreeDrill.held_on.desc(), PhoneTreeDrill.id.desc())
    )
    rows = []
    for drill in drills:
        contacts = list(
            session.scalars(
                select(PhoneTreeDrillContact.reached).where(
                    PhoneTreeDrillContact.drill_id == drill.id
                )
            )
        )
        rows.append(
            DrillRow(
                drill.id,
                drill.held_on,
                drill.minutes_to_complete,
                sum(contacts),
                len(contacts),
                drill.notes,
            )
        )
    return rows

"""What a printed roster may show: members by block, as their consent flags allow."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.names import listed_name
from watchdesk.core.vocabulary import MemberStatus
from watchdesk.db.models import Block, Household, Member, WatchGroup
from watchdesk.services._common import get_or_raise


@dataclass(frozen=True)
class RosterEntry:
    name: str
    role: str
    address: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class RosterBlock:
    name: str
    entries: tuple[RosterEntry, ...]


@dataclass(frozen=True)
class PrintedRoster:
    group_name: str
    blocks: tuple[RosterBlock, ...]
    left_out: int  # active members who did not agree to appear in a printed roster
    time_zone: str = ""  # the group's, for the time the roster was printed

    @property
    def listed(self) -> int:
        return sum(len(block.entries) for block in self.blocks)


def printed_roster(session: Session, group_id: int) -> PrintedRoster:
    """Active members who agreed to appear in a printed roster, grouped by block; the others
    are counted but never named."""
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    rows = session.execute(
        select(Member, Household.address_line, Block.name)
        .outerjoin(Household, Household.id == Member.household_id)
        .outerjoin(Block, Block.id == Member.block_id)
        .where(
            Member.group_id == group_id,
            Member.status == MemberStatus.ACTIVE,
            Member.merged_into_id.is_(None),
        )
        .order_by(Block.name.is_(None), Block.name, Member.family_name, Member.given_name)
    )
    blocks: dict[str, list[RosterEntry]] = {}
    left_out = 0
    for member, address, block in rows:
        if not member.consent_printed_roster:
            left_out += 1
            continue
        blocks.setdefault(block or "No block", []).append(
            RosterEntry(
                name=listed_name(member.given_name, member.family_name, member.preferred_name),
                role=member.role,
                address=address,
                phone=member.phone_mobile or member.phone_home,
                email=member.email,
            )
        )
    return PrintedRoster(
        group_name=group.name,
        blocks=tuple(RosterBlock(name, tuple(entries)) for name, entries in blocks.items()),
        left_out=left_out,
        time_zone=group.timezone,
    )

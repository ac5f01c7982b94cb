"""Possible duplicate members, and merging two members into one without losing history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, UniqueConstraint, and_, delete, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from watchdesk.core.entities import MemberInput, clean_member
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import MemberStatus
from watchdesk.db.base import Base
from watchdesk.db.models import Household, Member
from watchdesk.services._common import get_or_raise
from watchdesk.services.groups import phone_defaults


@dataclass(frozen=True)
class PossibleDuplicate:
    member_id: int
    name: str
    reason: str


def _address(session: Session, household_id: int | None) -> str | None:
    if household_id is None:
        return None
    household = session.get(Household, household_id)
    return household.address_line.strip().lower() if household else None


def possible_duplicates(
    session: Session, group_id: int, data: MemberInput, exclude_id: int | None = None
) -> list[PossibleDuplicate]:
    """Members of the group that look like the same person as ``data``: same name and
    address, same email, or a phone number in common. Raises ValidationError for bad input."""
    values = clean_member(data, phone_defaults(session, group_id))
    phones = {
        values[name]
        for name in ("phone_mobile", "phone_home", "phone_work")
        if values[name] is not None
    }
    conditions = []
    if values["email"]:
        conditions.append(Member.email == values["email"])
    for column in (Member.phone_mobile, Member.phone_home, Member.phone_work):
        if phones:
            conditions.append(column.in_(phones))
    same_name = and_(
        func.lower(Member.given_name) == str(values["given_name"]).lower(),
        func.lower(Member.family_name) == str(values["family_name"]).lower(),
    )
    conditions.append(same_name)
    query = (
        select(Member, Household.address_line)
        .outerjoin(Household, Household.id == Member.household_id)
        .where(Member.group_id == group_id, Member.merged_into_id.is_(None), or_(*conditions))
        .order_by(Member.family_name, Member.given_name, Member.id)
    )
    if exclude_id is not None:
        query = query.where(Member.id != exclude_id)
    address = _address(session, data.household_id)
    found = []
    for member, other_address in session.execute(query):
        reasons = []
        if values["email"] and member.email == values["email"]:
            reasons.append("same email")
        if phones & {member.phone_mobile, member.phone_home, member.phone_work}:
            reasons.append("same phone")
        same_person_name = (
            member.given_name.lower() == str(values["given_name"]).lower()
            and member.family_name.lower() == str(values["family_name"]).lower()
        )
        if (
            same_person_name
            and address is not None
            and (other_address or "").strip().lower() == address
        ):
            reasons.append("same name and address")
        if reasons:
            name = f"{member.given_name} {member.family_name}"
            found.append(PossibleDuplicate(member.id, name, ", ".join(reasons)))
    return found


def _member_references() -> list[tuple[Table, str]]:
    """Every (table, column) that points at a member, found from the schema itself so a
    table added later is merged too."""
    references = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "member" and fk.parent.name != "merged_into_id":
                references.append((table, fk.parent.name))
    return references


def _unique_partners(table: Table, column: str) -> list[list[str]]:
    """For each unique constraint that includes ``column``, its other columns."""
    partners = []
    for constraint in table.constraints:
        names = [c.name for c in getattr(constraint, "columns", [])]
        if isinstance(constraint, UniqueConstraint) and column in names and len(names) > 1:
            partners.append([name for name in names if name != column])
    return partners


_FILLABLE = (
    "preferred_name",
    "email",
    "phone_mobile",
    "phone_home",
    "phone_work",
    "joined_on",
    "languages",
    "emergency_contact_name",
    "emergency_contact_phone",
    "household_id",
    "block_id",
    "background_check_on",
)


def merge_members(session: Session, keep_id: int, merge_id: int) -> None:
    """Fold ``merge_id`` into ``keep_id``: every shift, report, attendance, certification and
    phone-tree place moves to the kept member; empty fields of the kept member are filled
    from the other; the merged record stays, inactive, pointing at the one it became."""
    if keep_id == merge_id:
        raise ValidationError.single("merge", "choose two different members")
    keep = get_or_raise(session, Member, keep_id, "member")
    merged = get_or_raise(session, Member, merge_id, "member")
    if keep.group_id != merged.group_id:
        raise ValidationError.single("merge", "members of different groups cannot be merged")
    if merged.merged_into_id is not None:
        raise ValidationError.single("merge", "that member was already merged")
    for name in _FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(merged, name) not in (None, ""):
            setattr(keep, name, getattr(merged, name))
    for flag in (
        "consent_share_with_precinct",
        "consent_phone_tree",
        "consent_printed_roster",
        "consent_named_in_reports",
    ):
        # Consent is never widened by a merge: both records must have given it.
        setattr(keep, flag, getattr(keep, flag) and getattr(merged, flag))
    notes = [n for n in (keep.notes, merged.notes) if n]
    keep.notes = "\n".join(notes) or None
    session.flush()
    for table, column in _member_references():
        for partners in _unique_partners(table, column):
            # Where both members hold the same unique slot (e.g. both attended one session),
            # the kept member's row wins; the other is a duplicate of the same fact.
            kept_rows = select(*(table.c[p] for p in partners)).where(table.c[column] == keep_id)
            clash = tuple_(*(table.c[p] for p in partners)).in_(kept_rows)
            session.execute(delete(table).where(table.c[column] == merge_id, clash))
        if column == "member_id" and "caller_member_id" in table.c:
            # A phone tree must not end up with someone calling themselves.
            session.execute(
                delete(table).where(
                    table.c[column] == merge_id, table.c.caller_member_id == keep_id
                )
            )
        if column == "caller_member_id":
            session.execute(
                update(table)
                .where(table.c[column] == merge_id, table.c.member_id == keep_id)
                .values({column: None})
            )
        session.execute(update(table).where(table.c[column] == merge_id).values({column: keep_id}))
    merged.status = MemberStatus.INACTIVE
    merged.merged_into_id = keep.id
    session.flush()

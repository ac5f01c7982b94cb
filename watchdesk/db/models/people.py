"""Members, households, their vehicles and vacations, and phone trees."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from watchdesk.core.vocabulary import MemberRole, MemberStatus
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.db.models._checks import (
    latitude,
    longitude,
    non_negative,
    not_before,
    not_blank,
    one_of,
    upper_case,
)
from watchdesk.db.models.group import Block


class Household(GroupOwnedMixin, Base):
    __tablename__ = "household"
    __table_args__ = (not_blank("address_line"), latitude(), longitude())

    block_id: Mapped[int | None] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="SET NULL"), index=True
    )
    address_line: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(50))
    city: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    pets: Mapped[str | None] = mapped_column(Text)
    special_concerns: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    block: Mapped[Block | None] = relationship()


class KnownVehicle(GroupOwnedMixin, Base):
    """A neighbour's registered vehicle, for "is this a neighbour's car?" checks."""

    __tablename__ = "known_vehicle"
    __table_args__ = (upper_case("plate"),)

    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    colour: Mapped[str | None] = mapped_column(String(50))
    make: Mapped[str | None] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(50))
    plate: Mapped[str | None] = mapped_column(String(15), index=True)
    plate_state: Mapped[str | None] = mapped_column(String(10))


class VacationWindow(GroupOwnedMixin, Base):
    """A household away: volunteers check the house; residents are unavailable for patrols."""

    __tablename__ = "vacation_window"
    __table_args__ = (not_before("starts_on", "ends_on", "ends_not_before_start"),)

    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    check_instructions: Mapped[str | None] = mapped_column(Text)


class Member(GroupOwnedMixin, Base):
    __tablename__ = "member"
    __table_args__ = (
        not_blank("given_name"),
        not_blank("family_name"),
        one_of("role", MemberRole),
        one_of("status", MemberStatus),
        Index("ix_member_name", "group_id", "family_name", "given_name"),
    )

    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="SET NULL"), index=True
    )
    block_id: Mapped[int | None] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="SET NULL"), index=True
    )
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default=MemberRole.MEMBER.value)
    status: Mapped[str] = mapped_column(String(10), default=MemberStatus.ACTIVE.value)
    joined_on: Mapped[dt.date | None]
    languages: Mapped[str | None] = mapped_column(String(200))
    phone_home: Mapped[str | None] = mapped_column(String(40))
    phone_mobile: Mapped[str | None] = mapped_column(String(40), index=True)
    phone_work: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    emergency_contact_name: Mapped[str | None] = mapped_column(String(200))
    emergency_contact_phone: Mapped[str | None] = mapped_column(String(40))
    background_check_on: Mapped[dt.date | None]
    captain_term_ends_on: Mapped[dt.date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    # Consent flags: every report and export obeys them.
    consent_share_with_precinct: Mapped[bool] = mapped_column(default=False)
    consent_phone_tree: Mapped[bool] = mapped_column(default=False)
    consent_printed_roster: Mapped[bool] = mapped_column(default=False)
    consent_named_in_reports: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))

    block: Mapped[Block | None] = relationship()
    household: Mapped[Household | None] = relationship()


class MemberUnavailability(GroupOwnedMixin, Base):
    __tablename__ = "member_unavailability"
    __table_args__ = (not_before("starts_on", "ends_on", "ends_not_before_start"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    reason: Mapped[str | None] = mapped_column(String(200))


class PhoneTreeEntry(GroupOwnedMixin, Base):
    """One person in a block's calling tree: who calls them, and in which order."""

    __tablename__ = "phone_tree_entry"
    __table_args__ = (
        UniqueConstraint("zone_id", "member_id"),
        non_negative("position"),
        CheckConstraint(
            "caller_member_id IS NULL OR caller_member_id <> member_id", name="no_self"
        ),
    )

    block_id: Mapped[int] = mapped_column("zone_id", ForeignKey("zone.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    caller_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)


class PhoneTreeDrill(GroupOwnedMixin, Base):
    __tablename__ = "phone_tree_drill"
    __table_args__ = (non_negative("minutes_to_complete"),)

    block_id: Mapped[int] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[dt.date]
    minutes_to_complete: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)


class PhoneTreeDrillContact(GroupOwnedMixin, Base):
    __tablename__ = "phone_tree_drill_contact"
    __table_args__ = (UniqueConstraint("drill_id", "member_id"),)

    drill_id: Mapped[int] = mapped_column(ForeignKey("phone_tree_drill.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    reached: Mapped[bool] = mapped_column(default=False)

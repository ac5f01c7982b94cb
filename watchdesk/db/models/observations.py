"""Observations (suspicious activity and incidents), descriptors, police contact, follow-ups."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from watchdesk.core.vocabulary import SEVERITIES, ObservationStatus, PoliceContact
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.db.models._checks import (
    between,
    latitude,
    longitude,
    non_negative,
    not_before,
    not_blank,
    one_of,
    upper_case,
)

# Not models: FTS5 virtual tables live outside the metadata. Words of observations (revision
# 0003) and trigrams of plates (revision 0005), each kept current by triggers.
FULL_TEXT_TABLE = "observation_fts"
PLATE_TRIGRAM_TABLE = "vehicle_plate_fts"


def is_full_text_table(name: str | None) -> bool:
    """An FTS5 table or one of the shadow tables SQLite keeps for it."""
    return any(
        name == table or str(name).startswith(table + "_")
        for table in (FULL_TEXT_TABLE, PLATE_TRIGRAM_TABLE)
    )


class Observation(GroupOwnedMixin, Base):
    """Also indexed for free text by the FTS5 table ``observation_fts`` (description, address,
    case number), which revision 0003 creates with the triggers that keep it current."""

    __tablename__ = "observation"
    __table_args__ = (
        not_blank("category"),
        one_of("severity", SEVERITIES),
        one_of("status", ObservationStatus),
        one_of("police_contact", PoliceContact),
        latitude(),
        longitude(),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="point_complete"),
        not_before("occurred_at", "reported_at", "reported_not_before_occurred"),
        # A composite index serves each filter with its date range: an index on
        # occurred_at alone makes a filtered COUNT slower than a scan (see docs/pitfalls.md).
        Index("ix_observation_group_time", "group_id", "occurred_at"),
        # Led by the group, or SQLite prefers the group's index and reads every row of it.
        Index("ix_observation_group_category_time", "group_id", "category", "occurred_at"),
        Index("ix_observation_group_zone_time", "group_id", "zone_id", "occurred_at"),
        Index("ix_observation_group_status_time", "group_id", "status", "occurred_at"),
        Index("ix_observation_case_number", "case_number"),
    )

    occurred_at: Mapped[dt.datetime]
    reported_at: Mapped[dt.datetime | None]
    # NULL: anonymous.
    reporter_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL")
    )
    patrol_log_id: Mapped[int | None] = mapped_column(
        ForeignKey("patrol_log.id", ondelete="SET NULL")
    )
    block_id: Mapped[int | None] = mapped_column(
        "zone_id", ForeignKey("zone.id", ondelete="SET NULL")
    )
    address_text: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    category: Mapped[str] = mapped_column(String(40))
    severity: Mapped[int] = mapped_column(default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=ObservationStatus.OPEN.value)
    police_contact: Mapped[str] = mapped_column(String(15), default=PoliceContact.NONE.value)
    police_contacted_at: Mapped[dt.datetime | None]
    case_number: Mapped[str | None] = mapped_column(String(50))
    officer: Mapped[str | None] = mapped_column(String(200))
    police_outcome: Mapped[str | None] = mapped_column(Text)


class PersonDescriptor(GroupOwnedMixin, Base):
    """One person seen, in the banded terms of the paper description forms."""

    __tablename__ = "person_descriptor"
    __table_args__ = (
        between("height_min_in", 24, 96, "height_range"),
        between("weight_min_lb", 20, 600, "weight_range"),
        non_negative("age_min"),
        not_before("age_min", "age_max", "age_band_order"),
    )

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    sex: Mapped[str | None] = mapped_column(String(20))
    age_min: Mapped[int | None]
    age_max: Mapped[int | None]
    # Lower bound of a 2-inch band (e.g. 70 = 5'10"-6'0").
    height_min_in: Mapped[int | None]
    # Lower bound of a 10-lb band (e.g. 170 = 170-180 lb).
    weight_min_lb: Mapped[int | None]
    build: Mapped[str | None] = mapped_column(String(30))
    complexion: Mapped[str | None] = mapped_column(String(30))
    hair: Mapped[str | None] = mapped_column(String(100))
    facial_hair: Mapped[str | None] = mapped_column(String(100))
    glasses: Mapped[str | None] = mapped_column(String(50))
    headwear: Mapped[str | None] = mapped_column(String(100))
    clothing_top: Mapped[str | None] = mapped_column(String(200))
    clothing_bottom: Mapped[str | None] = mapped_column(String(200))
    footwear: Mapped[str | None] = mapped_column(String(100))
    marks: Mapped[str | None] = mapped_column(String(300))
    direction: Mapped[str | None] = mapped_column(String(100))


class VehicleDescriptor(GroupOwnedMixin, Base):
    __tablename__ = "vehicle_descriptor"
    __table_args__ = (
        non_negative("occupants"),
        between("year", 1900, 2100, "year_range"),
        upper_case("plate"),
        # Part-plate searches ("7KX?") scan every plate: this index alone answers them.
        Index("ix_vehicle_descriptor_plate_observation", "plate", "observation_id"),
    )

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    colour: Mapped[str | None] = mapped_column(String(50))
    second_colour: Mapped[str | None] = mapped_column(String(50))
    year: Mapped[int | None]
    make: Mapped[str | None] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(50))
    body_style: Mapped[str | None] = mapped_column(String(30))
    # Full or partial, upper case; '?' marks an unread character.
    plate: Mapped[str | None] = mapped_column(String(15))
    plate_state: Mapped[str | None] = mapped_column(String(10))
    features: Mapped[str | None] = mapped_column(String(300))
    occupants: Mapped[int | None]
    direction: Mapped[str | None] = mapped_column(String(100))


class FollowUp(GroupOwnedMixin, Base):
    __tablename__ = "follow_up"
    __table_args__ = (not_blank("note"),)

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[dt.date | None]
    done_on: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(Text)
    assigned_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL")
    )

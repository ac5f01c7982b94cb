"""Watch groups and their blocks (stored in the table ``zone``)."""

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from watchdesk.core.vocabulary import BlockKind
from watchdesk.db.base import Base, GroupOwnedMixin, RecordMixin
from watchdesk.db.models._checks import latitude, longitude, non_negative, not_blank, one_of


class WatchGroup(RecordMixin, Base):
    __tablename__ = "watch_group"
    __table_args__ = (
        not_blank("name"),
        latitude("center_latitude"),
        longitude("center_longitude"),
        non_negative("share_precision_m"),
        CheckConstraint(
            "area_code IS NULL OR area_code GLOB '[2-9][0-9][0-9]'", name="area_code_digits"
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    watch_number: Mapped[str | None] = mapped_column(String(50))
    precinct: Mapped[str | None] = mapped_column(String(100))
    beat: Mapped[str | None] = mapped_column(String(50))
    liaison_name: Mapped[str | None] = mapped_column(String(200))
    liaison_badge: Mapped[str | None] = mapped_column(String(50))
    liaison_phone: Mapped[str | None] = mapped_column(String(40))
    liaison_email: Mapped[str | None] = mapped_column(String(254))
    non_emergency_phone: Mapped[str | None] = mapped_column(String(40))
    meeting_place: Mapped[str | None] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    center_latitude: Mapped[float | None]
    center_longitude: Mapped[float | None]
    # Locations shared outside the group are rounded to this many metres.
    share_precision_m: Mapped[int] = mapped_column(default=100)
    # How members write phone numbers: a 7-digit local number takes ``area_code``; numbers
    # are read as dialled in ``phone_region`` (two letters). Settings of this file: not in
    # bundles.
    area_code: Mapped[str | None] = mapped_column(String(3))
    phone_region: Mapped[str] = mapped_column(String(2), default="US", server_default="US")
    # False for groups that arrived in a precinct liaison's file through an import.
    is_local: Mapped[bool] = mapped_column(default=True)


class Block(GroupOwnedMixin, Base):
    """A block (10-15 households under one captain) or a larger zone or patrol route."""

    __tablename__ = "zone"
    __table_args__ = (
        UniqueConstraint("group_id", "name"),
        not_blank("name"),
        one_of("kind", BlockKind),
    )

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default=BlockKind.BLOCK.value)
    parent_block_id: Mapped[int | None] = mapped_column(
        "parent_zone_id", ForeignKey("zone.id", ondelete="SET NULL")
    )
    # A GeoJSON Polygon or MultiPolygon (RFC 7946), used for maps and to place observations.
    boundary_geojson: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


Index("ix_zone_parent", Block.parent_block_id)

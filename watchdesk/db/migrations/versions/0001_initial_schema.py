"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21 20:01:53.135289
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watch_group",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("watch_number", sa.String(length=50), nullable=True),
        sa.Column("precinct", sa.String(length=100), nullable=True),
        sa.Column("beat", sa.String(length=50), nullable=True),
        sa.Column("liaison_name", sa.String(length=200), nullable=True),
        sa.Column("liaison_badge", sa.String(length=50), nullable=True),
        sa.Column("liaison_phone", sa.String(length=40), nullable=True),
        sa.Column("liaison_email", sa.String(length=254), nullable=True),
        sa.Column("non_emergency_phone", sa.String(length=40), nullable=True),
        sa.Column("meeting_place", sa.String(length=300), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("center_latitude", sa.Double(), nullable=True),
        sa.Column("center_longitude", sa.Double(), nullable=True),
        sa.Column("share_precision_m", sa.Integer(), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "center_latitude IS NULL OR center_latitude BETWEEN -90 AND 90",
            name=op.f("ck_watch_group_center_latitude_range"),
        ),
        sa.CheckConstraint(
            "center_longitude IS NULL OR center_longitude BETWEEN -180 AND 180",
            name=op.f("ck_watch_group_center_longitude_range"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_watch_group_name_not_blank")),
        sa.CheckConstraint(
            "share_precision_m IS NULL OR share_precision_m >= 0",
            name=op.f("ck_watch_group_share_precision_m_non_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_group")),
        sa.UniqueConstraint("uuid", name=op.f("uq_watch_group_uuid")),
    )
    op.create_table(
        "course",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_course_title_not_blank")),
        sa.CheckConstraint(
            "validity_months IS NULL OR validity_months > 0",
            name=op.f("ck_course_validity_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_course_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("group_id", "title", name=op.f("uq_course_group_id_title")),
        sa.UniqueConstraint("uuid", name=op.f("uq_course_uuid")),
    )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_group_id"), ["group_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("officer_briefing", sa.Text(), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('community', 'national_night_out', 'coffee_with_a_cop', 'training', 'other')",
            name=op.f("ck_meeting_kind_valid"),
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
            name=op.f("ck_meeting_end_after_start"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_meeting_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_meeting_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_uuid")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "zone",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_zone_id", sa.Integer(), nullable=True),
        sa.Column("boundary_geojson", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('block', 'zone', 'route')", name=op.f("ck_zone_kind_valid")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_zone_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_zone_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_zone_id"],
            ["zone.id"],
            name=op.f("fk_zone_parent_zone_id_zone"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zone")),
        sa.UniqueConstraint("group_id", "name", name=op.f("uq_zone_group_id_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_zone_uuid")),
    )
    with op.batch_alter_table("zone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zone_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ix_zone_parent", ["parent_zone_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes >= 0",
            name=op.f("ck_agenda_item_duration_minutes_non_negative"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_agenda_item_title_not_blank")),
        sa.CheckConstraint(
            "position IS NULL OR position >= 0", name=op.f("ck_agenda_item_position_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_agenda_item_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint(
            "meeting_id", "position", name=op.f("uq_agenda_item_meeting_id_position")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_agenda_item_uuid")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_group_id"), ["group_id"], unique=False)

    op.create_table(
        "course_requirement",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('coordinator', 'block_captain', 'alternate', 'patroller', 'member')",
            name=op.f("ck_course_requirement_role_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_course_requirement_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_course_requirement_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_requirement")),
        sa.UniqueConstraint("course_id", "role", name=op.f("uq_course_requirement_course_id_role")),
        sa.UniqueConstraint("uuid", name=op.f("uq_course_requirement_uuid")),
    )
    with op.batch_alter_table("course_requirement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_requirement_group_id"), ["group_id"], unique=False
        )

    op.create_table(
        "household",
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("address_line", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("pets", sa.Text(), nullable=True),
        sa.Column("special_concerns", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "latitude IS NULL OR latitude BETWEEN -90 AND 90",
            name=op.f("ck_household_latitude_range"),
        ),
        sa.CheckConstraint(
            "length(trim(address_line)) > 0", name=op.f("ck_household_address_line_not_blank")
        ),
        sa.CheckConstraint(
            "longitude IS NULL OR longitude BETWEEN -180 AND 180",
            name=op.f("ck_household_longitude_range"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_household_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_household_zone_id_zone"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("uuid", name=op.f("uq_household_uuid")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_zone_id"), ["zone_id"], unique=False)

    op.create_table(
        "phone_tree_drill",
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes_to_complete", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "minutes_to_complete IS NULL OR minutes_to_complete >= 0",
            name=op.f("ck_phone_tree_drill_minutes_to_complete_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_phone_tree_drill_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"],
            ["zone.id"],
            name=op.f("fk_phone_tree_drill_zone_id_zone"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_tree_drill")),
        sa.UniqueConstraint("uuid", name=op.f("uq_phone_tree_drill_uuid")),
    )
    with op.batch_alter_table("phone_tree_drill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_tree_drill_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_phone_tree_drill_zone_id"), ["zone_id"], unique=False)

    op.create_table(
        "shift_series",
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("route", sa.String(length=200), nullable=True),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("start_local", sa.Time(), nullable=False),
        sa.Column("end_local", sa.Time(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("min_patrollers", sa.Integer(), nullable=False),
        sa.Column("max_patrollers", sa.Integer(), nullable=False),
        sa.Column("vehicle", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("end_local <> start_local", name=op.f("ck_shift_series_nonzero_length")),
        sa.CheckConstraint("max_patrollers > 0", name=op.f("ck_shift_series_max_positive")),
        sa.CheckConstraint(
            "max_patrollers >= min_patrollers", name=op.f("ck_shift_series_max_not_below_min")
        ),
        sa.CheckConstraint(
            "min_patrollers IS NULL OR min_patrollers >= 0",
            name=op.f("ck_shift_series_min_patrollers_non_negative"),
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name=op.f("ck_shift_series_until_not_before_from"),
        ),
        sa.CheckConstraint(
            "weekdays BETWEEN 1 AND 127", name=op.f("ck_shift_series_weekdays_valid")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_shift_series_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_shift_series_zone_id_zone"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_series")),
        sa.UniqueConstraint("uuid", name=op.f("uq_shift_series_uuid")),
    )
    with op.batch_alter_table("shift_series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_series_group_id"), ["group_id"], unique=False)

    op.create_table(
        "training_session",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("instructor", sa.String(length=200), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0",
            name=op.f("ck_training_session_capacity_non_negative"),
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
            name=op.f("ck_training_session_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_training_session_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_training_session_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
        sa.UniqueConstraint("uuid", name=op.f("uq_training_session_uuid")),
    )
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_session_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_session_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_session_starts_at"), ["starts_at"], unique=False
        )

    op.create_table(
        "known_vehicle",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(length=50), nullable=True),
        sa.Column("make", sa.String(length=50), nullable=True),
        sa.Column("model", sa.String(length=50), nullable=True),
        sa.Column("plate", sa.String(length=15), nullable=True),
        sa.Column("plate_state", sa.String(length=10), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("plate = upper(plate)", name=op.f("ck_known_vehicle_plate_upper")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_known_vehicle_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_known_vehicle_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_known_vehicle")),
        sa.UniqueConstraint("uuid", name=op.f("uq_known_vehicle_uuid")),
    )
    with op.batch_alter_table("known_vehicle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_known_vehicle_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_known_vehicle_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_known_vehicle_plate"), ["plate"], unique=False)

    op.create_table(
        "member",
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("preferred_name", sa.String(length=100), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("languages", sa.String(length=200), nullable=True),
        sa.Column("phone_home", sa.String(length=40), nullable=True),
        sa.Column("phone_mobile", sa.String(length=40), nullable=True),
        sa.Column("phone_work", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("emergency_contact_name", sa.String(length=200), nullable=True),
        sa.Column("emergency_contact_phone", sa.String(length=40), nullable=True),
        sa.Column("background_check_on", sa.Date(), nullable=True),
        sa.Column("captain_term_ends_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("consent_share_with_precinct", sa.Boolean(), nullable=False),
        sa.Column("consent_phone_tree", sa.Boolean(), nullable=False),
        sa.Column("consent_printed_roster", sa.Boolean(), nullable=False),
        sa.Column("consent_named_in_reports", sa.Boolean(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('coordinator', 'block_captain', 'alternate', 'patroller', 'member')",
            name=op.f("ck_member_role_valid"),
        ),
        sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f("ck_member_status_valid")),
        sa.CheckConstraint(
            "length(trim(family_name)) > 0", name=op.f("ck_member_family_name_not_blank")
        ),
        sa.CheckConstraint(
            "length(trim(given_name)) > 0", name=op.f("ck_member_given_name_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_member_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_member_household_id_household"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["member.id"],
            name=op.f("fk_member_merged_into_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_member_zone_id_zone"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("uuid", name=op.f("uq_member_uuid")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_household_id"), ["household_id"], unique=False)
        batch_op.create_index(
            "ix_member_name", ["group_id", "family_name", "given_name"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_member_phone_mobile"), ["phone_mobile"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_zone_id"), ["zone_id"], unique=False)

    op.create_table(
        "series_exception",
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_series_exception_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["shift_series.id"],
            name=op.f("fk_series_exception_series_id_shift_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_exception")),
        sa.UniqueConstraint(
            "series_id", "on_date", name=op.f("uq_series_exception_series_id_on_date")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_series_exception_uuid")),
    )
    with op.batch_alter_table("series_exception", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_series_exception_group_id"), ["group_id"], unique=False
        )

    op.create_table(
        "shift",
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("route", sa.String(length=200), nullable=True),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("min_patrollers", sa.Integer(), nullable=False),
        sa.Column("max_patrollers", sa.Integer(), nullable=False),
        sa.Column("vehicle", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
            name=op.f("ck_shift_end_after_start"),
        ),
        sa.CheckConstraint("max_patrollers > 0", name=op.f("ck_shift_series_max_positive")),
        sa.CheckConstraint(
            "max_patrollers >= min_patrollers", name=op.f("ck_shift_series_max_not_below_min")
        ),
        sa.CheckConstraint(
            "min_patrollers IS NULL OR min_patrollers >= 0",
            name=op.f("ck_shift_series_min_patrollers_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_shift_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["shift_series.id"],
            name=op.f("fk_shift_series_id_shift_series"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_shift_zone_id_zone"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift")),
        sa.UniqueConstraint("series_id", "local_date", name=op.f("uq_shift_series_id_local_date")),
        sa.UniqueConstraint("uuid", name=op.f("uq_shift_uuid")),
    )
    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ix_shift_group_start", ["group_id", "starts_at"], unique=False)
        batch_op.create_index("ix_shift_zone_start", ["zone_id", "starts_at"], unique=False)

    op.create_table(
        "vacation_window",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("check_instructions", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
            name=op.f("ck_vacation_window_ends_not_before_start"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_vacation_window_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_vacation_window_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacation_window")),
        sa.UniqueConstraint("uuid", name=op.f("uq_vacation_window_uuid")),
    )
    with op.batch_alter_table("vacation_window", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacation_window_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_vacation_window_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "assignment",
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("override_reason", sa.String(length=300), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('scheduled', 'confirmed', 'checked_in', 'completed', 'no_show')",
            name=op.f("ck_assignment_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_assignment_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_assignment_member_id_member"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["shift.id"],
            name=op.f("fk_assignment_shift_id_shift"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint("shift_id", "member_id", name=op.f("uq_assignment_shift_id_member_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_assignment_uuid")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_member_id"), ["member_id"], unique=False)

    op.create_table(
        "certification",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "expires_on IS NULL OR completed_on IS NULL OR expires_on >= completed_on",
            name=op.f("ck_certification_expires_not_before_completed"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_certification_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_certification_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_certification_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_session.id"],
            name=op.f("fk_certification_session_id_training_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certification")),
        sa.UniqueConstraint(
            "member_id",
            "course_id",
            "completed_on",
            name=op.f("uq_certification_member_id_course_id_completed_on"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_certification_uuid")),
    )
    with op.batch_alter_table("certification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_certification_course_expiry", ["course_id", "expires_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_certification_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certification_member_id"), ["member_id"], unique=False)

    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('enrolled', 'present', 'absent', 'excused')",
            name=op.f("ck_meeting_attendance_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_meeting_attendance_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_meeting_attendance_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "member_id", name=op.f("uq_meeting_attendance_meeting_id_member_id")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_attendance_uuid")),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendance_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_attendance_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "member_unavailability",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
            name=op.f("ck_member_unavailability_ends_not_before_start"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_member_unavailability_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_member_unavailability_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_unavailability")),
        sa.UniqueConstraint("uuid", name=op.f("uq_member_unavailability_uuid")),
    )
    with op.batch_alter_table("member_unavailability", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_unavailability_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_member_unavailability_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "patrol_log",
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("odometer_start", sa.Integer(), nullable=True),
        sa.Column("odometer_end", sa.Integer(), nullable=True),
        sa.Column("hazards", sa.Text(), nullable=True),
        sa.Column("police_calls", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "actual_end IS NULL OR actual_start IS NULL OR actual_end > actual_start",
            name=op.f("ck_patrol_log_end_after_start"),
        ),
        sa.CheckConstraint(
            "odometer_end IS NULL OR odometer_start IS NULL OR odometer_end >= odometer_start",
            name=op.f("ck_patrol_log_odometer_not_backwards"),
        ),
        sa.CheckConstraint(
            "odometer_start IS NULL OR odometer_start >= 0",
            name=op.f("ck_patrol_log_odometer_start_non_negative"),
        ),
        sa.CheckConstraint(
            "police_calls IS NULL OR police_calls >= 0",
            name=op.f("ck_patrol_log_police_calls_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_patrol_log_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["shift.id"],
            name=op.f("fk_patrol_log_shift_id_shift"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_log")),
        sa.UniqueConstraint("shift_id", name=op.f("uq_patrol_log_shift_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_patrol_log_uuid")),
    )
    with op.batch_alter_table("patrol_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrol_log_group_id"), ["group_id"], unique=False)

    op.create_table(
        "phone_tree_drill_contact",
        sa.Column("drill_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["drill_id"],
            ["phone_tree_drill.id"],
            name=op.f("fk_phone_tree_drill_contact_drill_id_phone_tree_drill"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_phone_tree_drill_contact_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_phone_tree_drill_contact_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_tree_drill_contact")),
        sa.UniqueConstraint(
            "drill_id", "member_id", name=op.f("uq_phone_tree_drill_contact_drill_id_member_id")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_phone_tree_drill_contact_uuid")),
    )
    with op.batch_alter_table("phone_tree_drill_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_tree_drill_contact_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_phone_tree_drill_contact_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "phone_tree_entry",
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("caller_member_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "caller_member_id IS NULL OR caller_member_id <> member_id",
            name=op.f("ck_phone_tree_entry_no_self"),
        ),
        sa.CheckConstraint(
            "position IS NULL OR position >= 0",
            name=op.f("ck_phone_tree_entry_position_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["caller_member_id"],
            ["member.id"],
            name=op.f("fk_phone_tree_entry_caller_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_phone_tree_entry_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_phone_tree_entry_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"],
            ["zone.id"],
            name=op.f("fk_phone_tree_entry_zone_id_zone"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_tree_entry")),
        sa.UniqueConstraint("uuid", name=op.f("uq_phone_tree_entry_uuid")),
        sa.UniqueConstraint(
            "zone_id", "member_id", name=op.f("uq_phone_tree_entry_zone_id_member_id")
        ),
    )
    with op.batch_alter_table("phone_tree_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_tree_entry_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_phone_tree_entry_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "required_course",
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(series_id IS NULL) <> (shift_id IS NULL)",
            name=op.f("ck_required_course_series_or_shift"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_required_course_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_required_course_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["shift_series.id"],
            name=op.f("fk_required_course_series_id_shift_series"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["shift.id"],
            name=op.f("fk_required_course_shift_id_shift"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_required_course")),
        sa.UniqueConstraint(
            "series_id",
            "shift_id",
            "course_id",
            name=op.f("uq_required_course_series_id_shift_id_course_id"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_required_course_uuid")),
    )
    with op.batch_alter_table("required_course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_required_course_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_required_course_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "training_attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('enrolled', 'present', 'absent', 'excused')",
            name=op.f("ck_training_attendance_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_training_attendance_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_training_attendance_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_session.id"],
            name=op.f("fk_training_attendance_session_id_training_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance")),
        sa.UniqueConstraint(
            "session_id", "member_id", name=op.f("uq_training_attendance_session_id_member_id")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_training_attendance_uuid")),
    )
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendance_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendance_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "observation",
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("reporter_member_id", sa.Integer(), nullable=True),
        sa.Column("patrol_log_id", sa.Integer(), nullable=True),
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("address_text", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("police_contact", sa.String(length=15), nullable=False),
        sa.Column("police_contacted_at", sa.DateTime(), nullable=True),
        sa.Column("case_number", sa.String(length=50), nullable=True),
        sa.Column("officer", sa.String(length=200), nullable=True),
        sa.Column("police_outcome", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "police_contact IN ('none', '911', 'non_emergency', '311')",
            name=op.f("ck_observation_police_contact_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'reported', 'closed')", name=op.f("ck_observation_status_valid")
        ),
        sa.CheckConstraint(
            "(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_observation_point_complete")
        ),
        sa.CheckConstraint(
            "latitude IS NULL OR latitude BETWEEN -90 AND 90",
            name=op.f("ck_observation_latitude_range"),
        ),
        sa.CheckConstraint(
            "length(trim(category)) > 0", name=op.f("ck_observation_category_not_blank")
        ),
        sa.CheckConstraint(
            "longitude IS NULL OR longitude BETWEEN -180 AND 180",
            name=op.f("ck_observation_longitude_range"),
        ),
        sa.CheckConstraint(
            "reported_at IS NULL OR occurred_at IS NULL OR reported_at >= occurred_at",
            name=op.f("ck_observation_reported_not_before_occurred"),
        ),
        sa.CheckConstraint("severity IN (1, 2, 3, 4)", name=op.f("ck_observation_severity_valid")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_observation_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patrol_log_id"],
            ["patrol_log.id"],
            name=op.f("fk_observation_patrol_log_id_patrol_log"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_member_id"],
            ["member.id"],
            name=op.f("fk_observation_reporter_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_observation_zone_id_zone"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_observation_uuid")),
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index("ix_observation_case_number", ["case_number"], unique=False)
        batch_op.create_index(
            "ix_observation_category_time", ["category", "occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_observation_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            "ix_observation_group_time", ["group_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_observation_status_time", ["status", "occurred_at"], unique=False)
        batch_op.create_index("ix_observation_zone_time", ["zone_id", "occurred_at"], unique=False)

    op.create_table(
        "patrol_log_entry",
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        sa.Column("location_text", sa.String(length=300), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_patrol_log_entry_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["patrol_log.id"],
            name=op.f("fk_patrol_log_entry_log_id_patrol_log"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_log_entry")),
        sa.UniqueConstraint("uuid", name=op.f("uq_patrol_log_entry_uuid")),
    )
    with op.batch_alter_table("patrol_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patrol_log_entry_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_patrol_log_entry_log_id"), ["log_id"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("assigned_member_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(note)) > 0", name=op.f("ck_follow_up_note_not_blank")),
        sa.ForeignKeyConstraint(
            ["assigned_member_id"],
            ["member.id"],
            name=op.f("fk_follow_up_assigned_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_follow_up_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_follow_up_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint("uuid", name=op.f("uq_follow_up_uuid")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_follow_up_observation_id"), ["observation_id"], unique=False
        )

    op.create_table(
        "person_descriptor",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=20), nullable=True),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("height_min_in", sa.Integer(), nullable=True),
        sa.Column("weight_min_lb", sa.Integer(), nullable=True),
        sa.Column("build", sa.String(length=30), nullable=True),
        sa.Column("complexion", sa.String(length=30), nullable=True),
        sa.Column("hair", sa.String(length=100), nullable=True),
        sa.Column("facial_hair", sa.String(length=100), nullable=True),
        sa.Column("glasses", sa.String(length=50), nullable=True),
        sa.Column("headwear", sa.String(length=100), nullable=True),
        sa.Column("clothing_top", sa.String(length=200), nullable=True),
        sa.Column("clothing_bottom", sa.String(length=200), nullable=True),
        sa.Column("footwear", sa.String(length=100), nullable=True),
        sa.Column("marks", sa.String(length=300), nullable=True),
        sa.Column("direction", sa.String(length=100), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "age_max IS NULL OR age_min IS NULL OR age_max >= age_min",
            name=op.f("ck_person_descriptor_age_band_order"),
        ),
        sa.CheckConstraint(
            "age_min IS NULL OR age_min >= 0",
            name=op.f("ck_person_descriptor_age_min_non_negative"),
        ),
        sa.CheckConstraint(
            "height_min_in IS NULL OR height_min_in BETWEEN 24 AND 96",
            name=op.f("ck_person_descriptor_height_range"),
        ),
        sa.CheckConstraint(
            "weight_min_lb IS NULL OR weight_min_lb BETWEEN 20 AND 600",
            name=op.f("ck_person_descriptor_weight_range"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_person_descriptor_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_person_descriptor_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_descriptor")),
        sa.UniqueConstraint("uuid", name=op.f("uq_person_descriptor_uuid")),
    )
    with op.batch_alter_table("person_descriptor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_descriptor_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_descriptor_observation_id"), ["observation_id"], unique=False
        )

    op.create_table(
        "vehicle_descriptor",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(length=50), nullable=True),
        sa.Column("second_colour", sa.String(length=50), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("make", sa.String(length=50), nullable=True),
        sa.Column("model", sa.String(length=50), nullable=True),
        sa.Column("body_style", sa.String(length=30), nullable=True),
        sa.Column("plate", sa.String(length=15), nullable=True),
        sa.Column("plate_state", sa.String(length=10), nullable=True),
        sa.Column("features", sa.String(length=300), nullable=True),
        sa.Column("occupants", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=100), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "occupants IS NULL OR occupants >= 0",
            name=op.f("ck_vehicle_descriptor_occupants_non_negative"),
        ),
        sa.CheckConstraint("plate = upper(plate)", name=op.f("ck_vehicle_descriptor_plate_upper")),
        sa.CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2100",
            name=op.f("ck_vehicle_descriptor_year_range"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["watch_group.id"],
            name=op.f("fk_vehicle_descriptor_group_id_watch_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_vehicle_descriptor_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_descriptor")),
        sa.UniqueConstraint("uuid", name=op.f("uq_vehicle_descriptor_uuid")),
    )
    with op.batch_alter_table("vehicle_descriptor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vehicle_descriptor_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vehicle_descriptor_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_vehicle_descriptor_plate"), ["plate"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vehicle_descriptor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicle_descriptor_plate"))
        batch_op.drop_index(batch_op.f("ix_vehicle_descriptor_observation_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_descriptor_group_id"))

    op.drop_table("vehicle_descriptor")
    with op.batch_alter_table("person_descriptor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_descriptor_observation_id"))
        batch_op.drop_index(batch_op.f("ix_person_descriptor_group_id"))

    op.drop_table("person_descriptor")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_observation_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_group_id"))

    op.drop_table("follow_up")
    with op.batch_alter_table("patrol_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_log_entry_log_id"))
        batch_op.drop_index(batch_op.f("ix_patrol_log_entry_group_id"))

    op.drop_table("patrol_log_entry")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index("ix_observation_zone_time")
        batch_op.drop_index("ix_observation_status_time")
        batch_op.drop_index("ix_observation_group_time")
        batch_op.drop_index(batch_op.f("ix_observation_group_id"))
        batch_op.drop_index("ix_observation_category_time")
        batch_op.drop_index("ix_observation_case_number")

    op.drop_table("observation")
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendance_member_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendance_group_id"))

    op.drop_table("training_attendance")
    with op.batch_alter_table("required_course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_required_course_shift_id"))
        batch_op.drop_index(batch_op.f("ix_required_course_group_id"))

    op.drop_table("required_course")
    with op.batch_alter_table("phone_tree_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_tree_entry_member_id"))
        batch_op.drop_index(batch_op.f("ix_phone_tree_entry_group_id"))

    op.drop_table("phone_tree_entry")
    with op.batch_alter_table("phone_tree_drill_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_tree_drill_contact_member_id"))
        batch_op.drop_index(batch_op.f("ix_phone_tree_drill_contact_group_id"))

    op.drop_table("phone_tree_drill_contact")
    with op.batch_alter_table("patrol_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_log_group_id"))

    op.drop_table("patrol_log")
    with op.batch_alter_table("member_unavailability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_unavailability_member_id"))
        batch_op.drop_index(batch_op.f("ix_member_unavailability_group_id"))

    op.drop_table("member_unavailability")
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_member_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_group_id"))

    op.drop_table("meeting_attendance")
    with op.batch_alter_table("certification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certification_member_id"))
        batch_op.drop_index(batch_op.f("ix_certification_group_id"))
        batch_op.drop_index("ix_certification_course_expiry")

    op.drop_table("certification")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_member_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_group_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("vacation_window", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacation_window_household_id"))
        batch_op.drop_index(batch_op.f("ix_vacation_window_group_id"))

    op.drop_table("vacation_window")
    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_zone_start")
        batch_op.drop_index("ix_shift_group_start")
        batch_op.drop_index(batch_op.f("ix_shift_group_id"))

    op.drop_table("shift")
    with op.batch_alter_table("series_exception", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_exception_group_id"))

    op.drop_table("series_exception")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_zone_id"))
        batch_op.drop_index(batch_op.f("ix_member_phone_mobile"))
        batch_op.drop_index("ix_member_name")
        batch_op.drop_index(batch_op.f("ix_member_household_id"))
        batch_op.drop_index(batch_op.f("ix_member_group_id"))
        batch_op.drop_index(batch_op.f("ix_member_email"))

    op.drop_table("member")
    with op.batch_alter_table("known_vehicle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_vehicle_plate"))
        batch_op.drop_index(batch_op.f("ix_known_vehicle_household_id"))
        batch_op.drop_index(batch_op.f("ix_known_vehicle_group_id"))

    op.drop_table("known_vehicle")
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_session_starts_at"))
        batch_op.drop_index(batch_op.f("ix_training_session_group_id"))
        batch_op.drop_index(batch_op.f("ix_training_session_course_id"))

    op.drop_table("training_session")
    with op.batch_alter_table("shift_series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_series_group_id"))

    op.drop_table("shift_series")
    with op.batch_alter_table("phone_tree_drill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_tree_drill_zone_id"))
        batch_op.drop_index(batch_op.f("ix_phone_tree_drill_group_id"))

    op.drop_table("phone_tree_drill")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_zone_id"))
        batch_op.drop_index(batch_op.f("ix_household_group_id"))

    op.drop_table("household")
    with op.batch_alter_table("course_requirement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_requirement_group_id"))

    op.drop_table("course_requirement")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_group_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("zone", schema=None) as batch_op:
        batch_op.drop_index("ix_zone_parent")
        batch_op.drop_index(batch_op.f("ix_zone_group_id"))

    op.drop_table("zone")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_starts_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_group_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_group_id"))

    op.drop_table("course")
    op.drop_table("watch_group")

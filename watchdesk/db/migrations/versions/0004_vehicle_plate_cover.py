"""plate search reads only an index: plate with its observation

A search for part of a plate ("7KX?") cannot seek, so SQLite reads every plate; with the
observation beside the plate in the index it reads the index alone (about half the time).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 23:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_vehicle_descriptor_plate", table_name="vehicle_descriptor")
    op.create_index(
        "ix_vehicle_descriptor_plate_observation",
        "vehicle_descriptor",
        ["plate", "observation_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_vehicle_descriptor_plate_observation", table_name="vehicle_descriptor")
    op.create_index("ix_vehicle_descriptor_plate", "vehicle_descriptor", ["plate"])

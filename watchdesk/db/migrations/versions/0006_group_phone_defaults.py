"""a group's phone settings: area code and region

A volunteer types "555-0123": with the group's area code it becomes a number a phone can dial,
without one it is refused. ``phone_region`` is the country numbers are read in (two letters).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 04:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("watch_group") as batch:
        batch.add_column(sa.Column("area_code", sa.String(length=3), nullable=True))
        batch.add_column(
            sa.Column("phone_region", sa.String(length=2), server_default="US", nullable=False)
        )
        batch.create_check_constraint(
            "ck_watch_group_area_code_digits",
            "area_code IS NULL OR area_code GLOB '[2-9][0-9][0-9]'",
        )


def downgrade() -> None:
    with op.batch_alter_table("watch_group") as batch:
        batch.drop_constraint("ck_watch_group_area_code_digits", type_="check")
        batch.drop_column("phone_region")
        batch.drop_column("area_code")

"""covering index for the schedule checks' read of assignments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 21:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_assignment_shift_cover",
        "assignment",
        ["shift_id", "status", "member_id", "override_reason"],
    )


def downgrade() -> None:
    op.drop_index("ix_assignment_shift_cover", table_name="assignment")

"""observation search: filter indexes led by the group, and a full-text index

The single-column-led indexes (category, zone, status) were never chosen once the group was
in the query; the group-led ones serve a filter and its date order together. The full-text
index (FTS5, external content) finds words in descriptions, addresses and case numbers without
reading every row; triggers keep it in step with the table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 22:25:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILTERS = ("category", "zone", "status")

_COLUMNS = "description, address_text, case_number"

_CREATE_FTS = f"""
CREATE VIRTUAL TABLE observation_fts USING fts5(
    {_COLUMNS}, content='observation', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
)
"""

_TRIGGERS = (
    f"""CREATE TRIGGER observation_fts_insert AFTER INSERT ON observation BEGIN
        INSERT INTO observation_fts(rowid, {_COLUMNS})
        VALUES (new.id, new.description, new.address_text, new.case_number);
    END""",
    f"""CREATE TRIGGER observation_fts_delete AFTER DELETE ON observation BEGIN
        INSERT INTO observation_fts(observation_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.description, old.address_text, old.case_number);
    END""",
    f"""CREATE TRIGGER observation_fts_update AFTER UPDATE OF {_COLUMNS} ON observation BEGIN
        INSERT INTO observation_fts(observation_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.description, old.address_text, old.case_number);
        INSERT INTO observation_fts(rowid, {_COLUMNS})
        VALUES (new.id, new.description, new.address_text, new.case_number);
    END""",
)


def upgrade() -> None:
    for name in _FILTERS:
        column = "zone_id" if name == "zone" else name
        op.drop_index(f"ix_observation_{name}_time", table_name="observation")
        op.create_index(
            f"ix_observation_group_{name}_time", "observation", ["group_id", column, "occurred_at"]
        )
    op.execute(_CREATE_FTS)
    for trigger in _TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO observation_fts(observation_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER observation_fts_{suffix}")
    op.execute("DROP TABLE observation_fts")
    for name in _FILTERS:
        column = "zone_id" if name == "zone" else name
        op.drop_index(f"ix_observation_group_{name}_time", table_name="observation")
        op.create_index(f"ix_observation_{name}_time", "observation", [column, "occurred_at"])

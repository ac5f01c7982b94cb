"""part-plate search by trigrams

"7KX?" or "KX1" can sit anywhere in a plate, so no B-tree index can seek it and every plate
was read (about 20 ms per search on 200,000 vehicles, twice per search: page and count). An
FTS5 trigram index answers LIKE patterns with three or more known characters directly; shorter
patterns still work, by a scan. Triggers keep it in step with the vehicles.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 23:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATEMENTS = (
    """CREATE VIRTUAL TABLE vehicle_plate_fts USING fts5(
        plate, content='vehicle_descriptor', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER vehicle_plate_fts_insert AFTER INSERT ON vehicle_descriptor BEGIN
        INSERT INTO vehicle_plate_fts(rowid, plate) VALUES (new.id, new.plate);
    END""",
    """CREATE TRIGGER vehicle_plate_fts_delete AFTER DELETE ON vehicle_descriptor BEGIN
        INSERT INTO vehicle_plate_fts(vehicle_plate_fts, rowid, plate)
        VALUES ('delete', old.id, old.plate);
    END""",
    """CREATE TRIGGER vehicle_plate_fts_update AFTER UPDATE OF plate ON vehicle_descriptor BEGIN
        INSERT INTO vehicle_plate_fts(vehicle_plate_fts, rowid, plate)
        VALUES ('delete', old.id, old.plate);
        INSERT INTO vehicle_plate_fts(rowid, plate) VALUES (new.id, new.plate);
    END""",
    "INSERT INTO vehicle_plate_fts(vehicle_plate_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER vehicle_plate_fts_{suffix}")
    op.execute("DROP TABLE vehicle_plate_fts")

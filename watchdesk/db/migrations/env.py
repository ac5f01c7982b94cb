"""Alembic environment: always runs on a connection handed over by ``watchdesk.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from watchdesk.db.models import Base
from watchdesk.db.models.observations import is_full_text_table


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        # The full-text index is hand-written DDL (revision 0003), not part of the metadata.
        include_name=lambda name, kind, _: not is_full_text_table(name),
        # SQLite's DDL is transactional once the driver leaves transactions to SQLAlchemy
        # (see db/engine.py): the whole upgrade commits or rolls back as one.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left broken references: {broken[:5]}")


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("WatchDesk migrations run through watchdesk.db.migrate, not the alembic CLI")
run_migrations(connection)

"""Files at an older schema revision, as an earlier WatchDesk left them."""

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from watchdesk.db.engine import APPLICATION_ID
from watchdesk.db.migrate import alembic_config


def file_at_revision(path: Path, revision: str) -> Path:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return path

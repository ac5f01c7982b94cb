"""Schema revisions: where a file stands and how it is brought up to date.

Migrations run on the app's own connection (Alembic cookbook: "sharing a connection"), with
foreign-key enforcement off, because batch operations on SQLite copy and drop tables and
``ON DELETE CASCADE`` would otherwise empty child tables. A foreign-key check runs before commit.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest revision in migrations/versions. Kept here so opening an up-to-date file needs no
# Alembic import (about 0.35 s of start-up); tests/db/test_migrations.py checks it is the head.
SCHEMA_HEAD = "0006"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    location = resources.files("watchdesk.db") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return SCHEMA_HEAD


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    with engine.connect() as connection:
        # PRAGMA foreign_keys is ignored inside a transaction: set it on the raw connection
        # before SQLAlchemy begins one. env.py checks references before it commits.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        finally:
            connection.rollback()  # end any transaction Alembic left open, or the PRAGMA is ignored
            raw.execute("PRAGMA foreign_keys = ON")

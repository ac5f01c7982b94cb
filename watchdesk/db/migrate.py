"""Schema revisions: where a file stands and how it is brought up to date.

Migrations run on the app's own connection (Alembic cookbook: "sharing a connection"), with
foreign-key enforcement off, because batch operations on SQLite copy and drop tables and
``ON DELETE CASCADE`` would otherwise empty child tables. A foreign-key check runs before commit.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def alembic_config() -> Config:
    config = Config()
    location = resources.files("watchdesk.db") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise RuntimeError("the program ships no migrations")
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
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


def database_path_of(engine: Engine) -> Path:
    return Path(str(engine.url.database))

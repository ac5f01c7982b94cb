"""The migrations create exactly the models' schema, and the revision chain is linear."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from watchdesk.db.engine import Database
from watchdesk.db.migrate import SCHEMA_HEAD, script_directory
from watchdesk.db.models import Base

from .revisions import file_at_revision


def test_upgrading_an_empty_file_gives_exactly_the_models_schema(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        tables = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
            ).scalars()
        )
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_revision_chain_is_linear_and_head_constant_matches() -> None:
    scripts = script_directory()
    assert scripts.get_heads() == [SCHEMA_HEAD]
    assert len(scripts.get_bases()) == 1
    revisions = list(scripts.walk_revisions())
    for script in revisions:
        down = script.down_revision
        assert down is None or isinstance(down, str), f"{script.revision} merges branches"
    assert len({script.revision for script in revisions}) == len(revisions)


def test_every_table_has_identity_timestamps_and_group() -> None:
    for table in Base.metadata.sorted_tables:
        columns = set(table.columns.keys())
        assert {"id", "uuid", "created_at", "updated_at"} <= columns, table.name
        if table.name != "watch_group":
            assert "group_id" in columns, table.name
        assert any(c.unique for c in table.columns if c.name == "uuid") or any(
            {col.name for col in constraint.columns} == {"uuid"}
            for constraint in table.constraints
            if hasattr(constraint, "columns")
        ), table.name


def test_migration_files_do_not_import_the_program(tmp_path: Path) -> None:
    folder = Path(script_directory().dir) / "versions"
    for path in folder.glob("*.py"):
        assert "watchdesk" not in path.read_text(), f"{path.name} depends on program code"


def test_a_failing_upgrade_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole upgrade is one transaction: a crash midway leaves no half-built schema."""
    import sqlite3

    from alembic.operations import Operations

    from watchdesk.db.opening import open_database

    real_create_table = Operations.create_table
    created: list[str] = []

    def create_then_fail(self: Operations, name: str, *columns: object, **kw: object) -> object:
        created.append(name)
        if len(created) == 5:
            raise RuntimeError("power cut during the migration")
        return real_create_table(self, name, *columns, **kw)

    monkeypatch.setattr(Operations, "create_table", create_then_fail)
    path = tmp_path / "interrupted.sqlite"
    with pytest.raises(RuntimeError, match="power cut"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert len(created) == 5 and tables == []


def test_a_file_at_the_first_revision_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from watchdesk.db.opening import open_database

    path = file_at_revision(tmp_path / "first.sqlite", "0001")
    db, report = open_database(path)
    db.dispose()
    assert report.upgraded_from == "0001" and report.backup is not None
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(assignment)")}
    assert "ix_assignment_shift_cover" in indexes
    with sqlite3.connect(report.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"

"""The migrations create exactly the models' schema, and the revision chain is linear."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from watchdesk.db.engine import Database
from watchdesk.db.migrate import SCHEMA_HEAD, script_directory
from watchdesk.db.models import Base
from watchdesk.db.models.observations import is_full_text_table

from .revisions import file_at_revision


def test_upgrading_an_empty_file_gives_exactly_the_models_schema(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _: not is_full_text_table(name),
            },
        )
        assert compare_metadata(context, Base.metadata) == []
        tables = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
            ).scalars()
        )
    full_text = {name for name in tables if is_full_text_table(name)}
    assert "observation_fts" in full_text
    assert tables - full_text == set(Base.metadata.tables) | {"alembic_version"}


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


def test_upgrading_indexes_existing_observations_and_plates_for_search(tmp_path: Path) -> None:
    import sqlite3

    from watchdesk.db.opening import open_database

    path = file_at_revision(tmp_path / "second.sqlite", "0002")
    stamp = "'2026-01-01 00:00:00'"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO watch_group (id, uuid, name, timezone, share_precision_m, is_local,"
            f" created_at, updated_at) VALUES (1, 'g', 'Elm', 'UTC', 100, 1, {stamp}, {stamp})"
        )
        conn.execute(
            "INSERT INTO observation (id, uuid, group_id, occurred_at, category, severity,"
            " description, status, police_contact, address_text, created_at, updated_at)"
            f" VALUES (7, 'o', 1, {stamp}, 'other', 1, 'Grey van idling', 'open', 'none',"
            f" '12 Maple St', {stamp}, {stamp})"
        )
        conn.execute(
            "INSERT INTO vehicle_descriptor (id, uuid, group_id, observation_id, plate,"
            f" created_at, updated_at) VALUES (3, 'v', 1, 7, '7KX123', {stamp}, {stamp})"
        )
    db, report = open_database(path)
    db.dispose()
    assert report.upgraded_from == "0002"

    def found(conn: sqlite3.Connection, words: str) -> list[int]:
        query = "SELECT rowid FROM observation_fts WHERE observation_fts MATCH ?"
        return [row[0] for row in conn.execute(query, (words,))]

    def plate(conn: sqlite3.Connection, pattern: str) -> list[int]:
        query = "SELECT rowid FROM vehicle_plate_fts WHERE plate LIKE ?"
        return [row[0] for row in conn.execute(query, (pattern,))]

    with sqlite3.connect(path) as conn:
        assert plate(conn, "%KX1%") == [3] and plate(conn, "%7K_1%") == [3]
        conn.execute("UPDATE vehicle_descriptor SET plate = 'ABC999' WHERE id = 3")
        assert plate(conn, "%KX1%") == [] and plate(conn, "%C99%") == [3]
        assert found(conn, "van") == [7] and found(conn, "mapl*") == [7]
        # The triggers keep the index current through later edits and deletes.
        conn.execute("UPDATE observation SET description = 'Red truck' WHERE id = 7")
        assert found(conn, "van") == [] and found(conn, "truck") == [7]
        conn.execute("DELETE FROM observation WHERE id = 7")
        assert found(conn, "truck") == []
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(observation)")}
    assert {"ix_observation_group_category_time", "ix_observation_group_zone_time"} <= indexes
    assert "ix_observation_category_time" not in indexes


def test_group_phone_settings_migrate_up_and_down_keeping_every_row(tmp_path: Path) -> None:
    """0006 adds the area code and region to a group without touching what hangs off it."""
    import sqlite3

    from alembic import command
    from sqlalchemy import create_engine

    from watchdesk.db.migrate import alembic_config
    from watchdesk.db.opening import open_database

    path = file_at_revision(tmp_path / "fifth.sqlite", "0005")
    stamp = "'2026-01-01 00:00:00'"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO watch_group (id, uuid, name, timezone, share_precision_m, is_local,"
            f" created_at, updated_at) VALUES (1, 'g', 'Elm', 'UTC', 100, 1, {stamp}, {stamp})"
        )
        conn.execute(
            "INSERT INTO zone (id, uuid, group_id, name, kind, created_at, updated_at)"
            f" VALUES (4, 'z', 1, 'Block 1', 'block', {stamp}, {stamp})"
        )
    db, report = open_database(path)
    db.dispose()
    assert report.upgraded_from == "0005"
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT name, area_code, phone_region FROM watch_group").fetchone()
        assert row == ("Elm", None, "US")
        conn.execute("UPDATE watch_group SET area_code = '503'")
        with pytest.raises(sqlite3.IntegrityError, match="area_code"):
            conn.execute("UPDATE watch_group SET area_code = '12x'")
        assert conn.execute("SELECT count(*) FROM zone").fetchone()[0] == 1

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        connection.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(watch_group)")}
        assert "area_code" not in columns and "phone_region" not in columns
        assert conn.execute("SELECT name FROM watch_group").fetchall() == [("Elm",)]
        assert conn.execute("SELECT count(*) FROM zone").fetchone()[0] == 1

"""Bundles of the demo database, written once per session, and plain-SQL snapshots of a
database to compare them with (independent of the program's export code)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from watchdesk.db.engine import Database
from watchdesk.db.opening import open_database
from watchdesk.exchange.bundle_export import ExportChoice
from watchdesk.exchange.format import ENTITIES
from watchdesk.ops.exchange import export_bundle

Snapshot = dict[str, set[tuple[object, ...]]]


def snapshot(path: Path | str, group_uuid: str | None = None) -> Snapshot:
    """Every row of every exchanged table, local ids replaced by the UUIDs they stand for
    (a row's own id and ``is_local`` left out), optionally only one group's rows."""
    with sqlite3.connect(path) as connection:
        tables: Snapshot = {}
        for table in ENTITIES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            targets = {
                row[3]: row[2] for row in connection.execute(f"PRAGMA foreign_key_list({table})")
            }
            parts = []
            for column in columns:
                if column in ("id", "is_local"):
                    continue
                if column in targets:
                    parts.append(f"(SELECT uuid FROM {targets[column]} WHERE id = t.{column})")
                else:
                    parts.append(f"t.{column}")
            where = ""
            if group_uuid is not None:
                owner = (
                    "t.uuid"
                    if table == "watch_group"
                    else ("(SELECT uuid FROM watch_group WHERE id = t.group_id)")
                )
                where = f" WHERE {owner} = '{group_uuid}'"
            query = f"SELECT {', '.join(parts)} FROM {table} t{where}"
            tables[table] = set(connection.execute(query))
    return tables


def group_uuid(path: Path | str, name: str | None = None) -> str:
    with sqlite3.connect(path) as connection:
        query = "SELECT uuid FROM watch_group" + (" WHERE name = ?" if name else "")
        return str(connection.execute(query, (name,) if name else ()).fetchone()[0])


def write_bundle_of(source: Path, target: Path, **choice: object) -> Path:
    database, _ = open_database(source, create=False)
    try:
        export_bundle(database, ExportChoice(group_id=1, **choice), target)  # type: ignore[arg-type]
    finally:
        database.dispose()
    return target


@pytest.fixture(scope="session")
def full_bundle(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle_of(
        demo_template, tmp_path_factory.mktemp("bundles") / "full.wdx", profile="full"
    )


@pytest.fixture(scope="session")
def precinct_bundle(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle_of(demo_template, tmp_path_factory.mktemp("bundles") / "precinct.wdx")


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    database, _ = open_database(tmp_path / "liaison.sqlite")
    yield database
    database.dispose()

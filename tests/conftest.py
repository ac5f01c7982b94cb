"""Shared fixtures: every test gets private user folders and, where it asks, a fresh
migrated database in its own temporary folder."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# The per-user folders Qt (QSettings, QStandardPaths), platformdirs and keyring look in.
USER_FOLDERS = ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


def point_user_folders_at(home: Path) -> dict[str, str]:
    """HOME and the XDG user folders inside ``home`` (created), as environment variables."""
    folders = {"HOME": str(home), **{name: str(home / name.lower()) for name in USER_FOLDERS}}
    for folder in folders.values():
        Path(folder).mkdir(parents=True, exist_ok=True)
    return folders


# Before Qt or platformdirs look: settings, logs and data of tests stay out of the real home,
# and every process the tests start (the CLI, the app) inherits these.
TESTS_HOME = Path(tempfile.mkdtemp(prefix="watchdesk-tests-"))
atexit.register(shutil.rmtree, TESTS_HOME, ignore_errors=True)
os.environ.update(point_user_folders_at(TESTS_HOME / "session"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtWebEngine refuses to start its sandbox as root (CI, containers).
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.pop("WATCHDESK_DB", None)

from watchdesk.db.engine import Database  # noqa: E402
from watchdesk.db.opening import open_database  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with empty user folders of its own: a page one test left open (the
    app's QSettings) or a file it left in the data folder never reaches the next test."""
    from PySide6.QtCore import QSettings

    home = tmp_path_factory.mktemp("home")
    for name, value in point_user_folders_at(home).items():
        monkeypatch.setenv(name, value)
    # Qt reads XDG_CONFIG_HOME once per process; new QSettings objects use the new folder.
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, os.environ["XDG_CONFIG_HOME"])
    return home


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database, _ = open_database(tmp_path / "test.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def group_id(db: Database) -> int:
    from watchdesk.core.entities import GroupInput
    from watchdesk.services.groups import create_group

    with db.write() as session:
        return create_group(session, GroupInput(name="Maple Street Watch")).id


def make_demo(path: Path, seed: int = 1) -> Database:
    from watchdesk.services.demo import generate_demo

    database, _ = open_database(path)
    with database.write_connection() as connection:
        generate_demo(connection, "small", seed=seed, today=DEMO_TODAY)
    return database


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    make_demo(path).dispose()
    return path


@pytest.fixture(scope="session")
def second_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another group's demo database (seed 2: other people, other UUIDs)."""
    path = tmp_path_factory.mktemp("demo2") / "demo2.sqlite"
    make_demo(path, seed=2).dispose()
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE watch_group SET name = 'Lents Park Neighborhood Watch'")
    return path


@pytest.fixture
def liaison_db(demo_db: Database, second_demo: Path, tmp_path: Path) -> Database:
    """A liaison's file: the demo group, and another group's precinct bundle imported (group 2,
    "Lents Park Neighborhood Watch")."""
    import sqlite3

    from tests.exchange.conftest import write_bundle_of
    from watchdesk.ops.exchange import import_bundle

    import_bundle(demo_db, write_bundle_of(second_demo, tmp_path / "lents.wdx"))
    with sqlite3.connect(demo_db.path) as connection:
        groups = connection.execute("SELECT id, name FROM watch_group ORDER BY id").fetchall()
    assert groups == [
        (1, "Hawthorne Heights Neighborhood Watch"),
        (2, "Lents Park Neighborhood Watch"),
    ]
    return demo_db


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the small demo database (seed 1, as of 2026-11-21)."""
    from watchdesk.db.backup import backup_database

    copy = backup_database(demo_template, tmp_path / "demo.sqlite")
    database, _ = open_database(copy)
    yield database
    database.dispose()


@pytest.fixture
def phone_block(db: Database, group_id: int) -> dict[str, int]:
    """Two blocks; Block 4 has a captain, five members who consented and one who did not."""
    from watchdesk.core.entities import BlockInput, MemberInput
    from watchdesk.services import groups, members

    ids: dict[str, int] = {}
    with db.write() as session:
        block = groups.create_block(session, group_id, BlockInput(name="Block 4"))
        other = groups.create_block(session, group_id, BlockInput(name="Block 5"))
        ids["block"], ids["other"] = block.id, other.id
        people = [
            ("Cat", "Captain", "block_captain", True, block.id),
            ("Al", "Able", "member", True, block.id),
            ("Bea", "Baker", "member", True, block.id),
            ("Cy", "Cole", "patroller", True, block.id),
            ("Di", "Dunn", "member", True, block.id),
            ("Ed", "Eames", "member", True, block.id),
            ("No", "Consent", "member", False, block.id),
            ("Far", "Away", "member", True, other.id),
        ]
        for given, family, role, consent, block_id in people:
            ids[given] = members.add_member(
                session,
                group_id,
                MemberInput(
                    given_name=given,
                    family_name=family,
                    role=role,
                    phone_mobile="503-555-0100",
                    consent_phone_tree=consent,
                    block_id=block_id,
                ),
            ).id
    return ids

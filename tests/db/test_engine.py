"""Every connection is configured the same crash-safe way; writers lock up front."""

import sqlite3
import stat
import threading

import pytest
from sqlalchemy import text

from watchdesk.db.engine import BUSY_TIMEOUT_MS, JOURNAL_MODE, WAL_SAFE, Database


def test_every_pooled_connection_has_the_pragmas(db: Database) -> None:
    connections = [db.engine.connect() for _ in range(3)]
    try:
        for connection in connections:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "busy_timeout", "journal_mode", "synchronous")
            }
            assert pragmas == {
                "foreign_keys": 1,
                "busy_timeout": BUSY_TIMEOUT_MS,
                "journal_mode": JOURNAL_MODE.lower(),
                "synchronous": 2,
            }
    finally:
        for connection in connections:
            connection.close()


def test_wal_only_where_sqlite_is_fixed() -> None:
    fixed = sqlite3.sqlite_version_info >= (3, 51, 3)
    assert WAL_SAFE is fixed
    assert ("WAL" if fixed else "DELETE") == JOURNAL_MODE


def test_database_file_is_private(db: Database) -> None:
    mode = stat.S_IMODE(db.path.stat().st_mode)
    assert mode == 0o600


def test_a_writer_holds_the_write_lock_from_its_first_statement(db: Database) -> None:
    entered, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.write() as session:
            session.execute(text("SELECT 1"))  # a read only: still must hold the lock
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=writer)
    thread.start()
    assert entered.wait(5)
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        release.set()
        thread.join()
        other.close()


def test_second_writer_waits_instead_of_failing(db: Database, group_id: int) -> None:
    errors: list[BaseException] = []

    def add_zones(prefix: str) -> None:
        from watchdesk.core.entities import ZoneInput
        from watchdesk.services.groups import create_zone

        try:
            for index in range(30):
                with db.write() as session:
                    create_zone(session, group_id, ZoneInput(name=f"{prefix}{index}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=add_zones, args=(p,)) for p in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM zone")).scalar_one() == 60


def test_failed_write_leaves_nothing_behind(db: Database, group_id: int) -> None:
    from watchdesk.core.entities import ZoneInput
    from watchdesk.services.groups import create_zone

    with pytest.raises(RuntimeError), db.write() as session:
        create_zone(session, group_id, ZoneInput(name="Half-written"))
        raise RuntimeError("crash in the middle of a user action")
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM zone")).scalar_one() == 0

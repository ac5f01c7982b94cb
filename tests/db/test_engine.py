"""Every connection is configured the same crash-safe way; writers lock up front."""

import datetime as dt
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, text

from watchdesk.core.entities import BlockInput
from watchdesk.db.engine import BUSY_TIMEOUT_MS, JOURNAL_MODE, WAL_SAFE, Database
from watchdesk.db.models import Block
from watchdesk.services.groups import create_block


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
        thread.join(10)
        other.close()
    assert not thread.is_alive(), "the writer never finished"


def test_second_writer_waits_instead_of_failing(db: Database, group_id: int) -> None:
    errors: list[BaseException] = []

    def add_blocks(prefix: str) -> None:
        from watchdesk.core.entities import BlockInput
        from watchdesk.services.groups import create_block

        try:
            for index in range(30):
                with db.write() as session:
                    create_block(session, group_id, BlockInput(name=f"{prefix}{index}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=add_blocks, args=(p,)) for p in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    assert errors == []
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM zone")).scalar_one() == 60


def test_failed_write_leaves_nothing_behind(db: Database, group_id: int) -> None:
    from watchdesk.core.entities import BlockInput
    from watchdesk.services.groups import create_block

    with pytest.raises(RuntimeError), db.write() as session:
        create_block(session, group_id, BlockInput(name="Half-written"))
        raise RuntimeError("crash in the middle of a user action")
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM zone")).scalar_one() == 0


# -- a write that changes nothing is not a change (issue 20) ---------------------------------
def test_an_empty_write_is_not_a_change(db: Database) -> None:
    with db.write():
        pass  # (the session never even begins a transaction)
    with db.write() as session:
        session.execute(text("SELECT count(*) FROM zone"))  # reads inside a write
    with db.write_connection() as connection:
        connection.exec_driver_sql("SELECT 1")
    assert not db.changed_since_backup and db.commits == 0


def test_pragmas_and_ddl_alone_are_not_a_change(db: Database) -> None:
    with db.write_connection() as connection:
        connection.exec_driver_sql("PRAGMA user_version")
        connection.exec_driver_sql("CREATE TEMP TABLE scratch (x INTEGER)")
        connection.exec_driver_sql("DROP TABLE scratch")
    assert not db.changed_since_backup


def test_an_update_that_matches_no_row_is_not_a_change(db: Database) -> None:
    with db.write() as session:
        session.execute(text("UPDATE zone SET name = 'x' WHERE id = -1"))
    assert not db.changed_since_backup


def test_a_real_insert_is_a_change_by_either_path(db: Database, group_id: int) -> None:
    # The group_id fixture's own write counted.
    assert db.changed_since_backup and db.commits == 1
    db._commits_backed_up = db.commits  # as if just backed up
    with db.write_connection() as connection:
        connection.execute(insert(Block).values(group_id=group_id, name="Core"))
    assert db.changed_since_backup and db.commits == 2
    with db.write() as session:
        create_block(session, group_id, BlockInput(name="ORM"))
    assert db.commits == 3


def test_insert_then_delete_of_the_same_row_is_still_a_change(db: Database, group_id: int) -> None:
    """Decided: SQLite counts both statements and the file was rewritten, so it counts (one
    backup more at worst; comparing contents would cost a read of every changed table)."""
    before = db.commits
    with db.write() as session:
        block = create_block(session, group_id, BlockInput(name="Gone"))
        session.execute(delete(Block).where(Block.id == block.id))
    assert db.commits == before + 1
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM zone")).scalar_one() == 0


def test_an_update_to_the_same_value_is_a_change(db: Database, group_id: int) -> None:
    """SQLite counts a row an UPDATE matched even when nothing in it differs."""
    before = db.commits
    with db.write() as session:
        session.execute(text("UPDATE watch_group SET name = name"))
    assert db.commits == before + 1


def test_a_rolled_back_write_is_not_a_change(db: Database, group_id: int) -> None:
    before = db.commits
    with pytest.raises(RuntimeError), db.write() as session:
        create_block(session, group_id, BlockInput(name="Half-written"))
        raise RuntimeError("crash in the middle of a user action")
    # The next write on the same connection, which only reads, does not pick up the
    # rolled-back rows either.
    with db.write() as session:
        session.execute(text("SELECT count(*) FROM zone"))
    assert db.commits == before


def test_printing_a_rota_again_is_not_a_change(demo_db: Database, tmp_path: Path) -> None:
    """The rota and calendar ops expand recurring series in a write transaction first: only
    the run that actually adds shifts is a change; printing the same weeks again is not."""
    from tests.conftest import DEMO_TODAY
    from watchdesk.ops import reports as jobs

    first, last = DEMO_TODAY, DEMO_TODAY + dt.timedelta(days=180)
    assert not demo_db.changed_since_backup
    jobs.build_rota(demo_db, 1, first, last, tmp_path / "rota.pdf")
    assert demo_db.changed_since_backup  # half a year ahead: the series were expanded
    demo_db.backup("manual")
    assert not demo_db.changed_since_backup
    jobs.build_rota(demo_db, 1, first, last, tmp_path / "again.pdf")
    jobs.write_calendar(
        demo_db, 1, first, last, tmp_path / "rota.ics", dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    )
    jobs.build_roster(demo_db, 1, tmp_path / "roster.pdf")
    assert not demo_db.changed_since_backup

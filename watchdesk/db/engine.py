"""The one engine factory: every connection gets the same crash-safe SQLite settings.

Nothing happens at import time; callers create engines through :func:`create_database_engine`
and sessions through :class:`Database`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

# "WDK1" in the file header: tells a WatchDesk database from any other SQLite file.
APPLICATION_ID = 0x57444B31

# How long a write waits for another program's write to finish before it gives up (and the
# user is told the file is busy; nothing is written).
BUSY_TIMEOUT_MS = 10_000
WAIT_REPORTED_S = 0.5
wait_log = logging.getLogger("watchdesk.waits")
# 64 MiB of page cache per connection (SQLite's default is 2 MiB): bulk inserts into tables
# with several indexes (random UUIDs among them) otherwise spend their time re-reading pages.
CACHE_KIB = 65_536

# SQLite releases before 3.51.3 can corrupt a WAL database when two connections write or
# checkpoint at the same moment (the WAL-reset bug). The app, a worker thread and the CLI may
# all write, so WAL is used only where the library is fixed; otherwise the rollback journal,
# which is crash-safe with synchronous=FULL and serialises writers through file locks.
WAL_SAFE = sqlite3.sqlite_version_info >= (3, 51, 3)
JOURNAL_MODE = "WAL" if WAL_SAFE else "DELETE"

_WRITE_OPTION = "watchdesk_write"
# connection.info key: the DBAPI connection's ``total_changes`` when its transaction began.
_CHANGES_AT_BEGIN = "watchdesk_changes_at_begin"


def connect_read_only(path: Path) -> closing[sqlite3.Connection]:
    """A plain read-only connection (closed on exit): inspecting a file never writes to it."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def table_names(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


def create_database_file(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite keeps these permissions)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the driver's
    # legacy mode sends no BEGIN before reads or DDL); see the SQLAlchemy SQLite docs.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cursor.close()


def total_changes(connection: Connection) -> int:
    """Rows inserted, updated or deleted on this SQLite connection since it was opened, rows
    changed by triggers and foreign-key actions included (sqlite3.Connection.total_changes).
    DDL and pragmas do not count: the schema only changes while a file is opened (migrations),
    before its :class:`Database` exists. An UPDATE that sets a row to what it was counts."""
    dbapi_connection = connection.connection.dbapi_connection
    assert isinstance(dbapi_connection, sqlite3.Connection)
    return dbapi_connection.total_changes


def not_a_change(connection: Connection, since: int) -> None:
    """The writes made on ``connection`` since its total was ``since`` were bookkeeping (the
    undo recorder's switch), not changes to the file: the commit does not count them."""
    began = connection.info.get(_CHANGES_AT_BEGIN)
    if began is not None:
        connection.info[_CHANGES_AT_BEGIN] = began + total_changes(connection) - since


def _on_begin(connection: Connection) -> None:
    connection.info[_CHANGES_AT_BEGIN] = total_changes(connection)
    # Writers take the write lock up front so a second writer waits (busy_timeout) instead of
    # failing with "database is locked" when it tries to upgrade a read lock. A noticeable
    # wait is reported (the CLI prints it; the app logs it).
    if connection.get_execution_options().get(_WRITE_OPTION):
        started = time.monotonic()
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        waited = time.monotonic() - started
        if waited >= WAIT_REPORTED_S:
            wait_log.warning("waited %.1f s for another program to finish writing", waited)
    else:
        connection.exec_driver_sql("BEGIN")


def create_database_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """An open WatchDesk file: hands out one Session per user action."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        # Committed transactions that changed rows, and how many there were at the last
        # backup. A write that changes nothing (printing a rota whose shifts already exist,
        # browsing patrols) is not a change: it marks nothing for the periodic backup.
        self.commits = 0
        self._commits_backed_up = 0
        self._counting = threading.Lock()
        event.listen(engine, "commit", self._committed)

    def _committed(self, connection: Connection) -> None:
        # Called just before COMMIT, on every transaction of the engine (the ORM sessions and
        # write_connection() alike). A row inserted then deleted in one transaction still
        # counts: SQLite counts both statements, and the file was rewritten. A transaction
        # begun elsewhere (no count stored at BEGIN) counts too.
        began = connection.info.pop(_CHANGES_AT_BEGIN, None)
        if began is not None and total_changes(connection) == began:
            return
        with self._counting:
            self.commits += 1

    @property
    def changed_since_backup(self) -> bool:
        return self.commits != self._commits_backed_up

    def backup(self, reason: str) -> Path:
        """A verified backup in the file's backups folder (``db.backup_set``), old ones thinned;
        raises ``BackupError``."""
        from watchdesk.db.backup_set import take_backup

        seen = self.commits
        target = take_backup(self.path, reason)
        self._commits_backed_up = seen
        return target

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on any error."""
        with self._writer() as session, session.begin():
            yield session

    def write_connection(self) -> AbstractContextManager[Connection]:
        """A Core connection in one write transaction, for bulk inserts::

        with db.write_connection() as connection: ...
        """
        return self.engine.execution_options(**{_WRITE_OPTION: True}).begin()

    def dispose(self) -> None:
        self.engine.dispose()

"""One WatchDesk window per database file.

The app holds ``<file>.lock`` beside the database while the file is open: Qt's ``QLockFile``
writes the holder's process id, host and program, and takes over a lock whose process is gone
(a crash). A second launch on the same file finds the lock and asks the first, through a local
socket named after the file, to bring its window forward; if it cannot (another host on a
network share, another user), it explains who holds the file. The CLI does not take the lock
(a liaison's scripted import may write while the app is open), but restoring a backup, which
replaces the file, refuses while the lock is held.
"""

from __future__ import annotations

import hashlib
import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from watchdesk.db.open_errors import DatabaseOpenError

RAISE_REQUEST = b"raise\n"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def channel_name(database: Path) -> str:
    """The local socket of the window that has ``database`` open (one per file and user)."""
    digest = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:24]
    return f"watchdesk-{digest}"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    program: str

    def describe(self) -> str:
        here = self.host == socket.gethostname()
        where = "on this computer" if here else f"on the computer {self.host!r}"
        return f"WatchDesk (process {self.pid}) {where}"


class FileInUse(DatabaseOpenError):
    """Another WatchDesk has the database open."""

    def __init__(self, database: Path, holder: Holder | None) -> None:
        self.who = holder.describe() if holder else "another WatchDesk"
        super().__init__(f"{database} is open in {self.who}; close it there first")
        self.holder = holder


class InstanceLock:
    """The lock on one database file, held while a window has it open."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._lock = QLockFile(str(lock_path(database)))
        self._lock.setStaleLockTime(0)  # held for as long as the window is open

    def acquire(self) -> None:
        """Take the lock (recovering a stale one), or raise ``FileInUse``."""
        if self._lock.tryLock(0):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            raise FileInUse(self.database, self.holder())
        raise DatabaseOpenError(
            f"cannot open {self.database}: its folder is missing or not writable"
        )

    def holder(self) -> Holder | None:
        pid, host, program = self._lock.getLockInfo()  # (0, "", "") when none is found
        return Holder(pid, host, program) if pid else None

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def open_elsewhere(database: Path) -> str | None:
    """Who has ``database`` open in a WatchDesk window ("WatchDesk (process N) on this
    computer"), or None (also when the lock cannot be tried: opening the file says why)."""
    try:
        check_not_open(database)
    except FileInUse as error:
        return error.who
    except DatabaseOpenError:
        return None
    return None


def check_not_open(database: Path) -> None:
    """Raise ``FileInUse`` if a WatchDesk window has ``database`` open (for the CLI)."""
    lock = InstanceLock(database)
    lock.acquire()
    lock.release()

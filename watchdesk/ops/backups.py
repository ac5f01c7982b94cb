"""Backups of the file, restoring one, and checking a file's health. These work on the file
itself (a restore needs it closed); the main window, the restore dialog and the CLI call them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from watchdesk.db.backup_set import MANUAL
from watchdesk.services.errors import ConflictError, FileRefusedError

if TYPE_CHECKING:
    from watchdesk.db.backup_set import BackupFile
    from watchdesk.db.engine import Database
    from watchdesk.services.health import HealthReport

# Each usable backup with its record counts ("members": 120, …).
Listing = list[tuple["BackupFile", dict[str, int]]]


def backup_now(db: Database) -> Path:
    """A verified backup of the open file in its backups folder, taken by hand."""
    return db.backup(MANUAL)


def backup_to(database: Path, target: Path | None = None) -> Path:
    """A verified copy of the file at ``database`` (not opened) written to ``target``
    (default: a dated file in its backups folder); never over an existing file."""
    from watchdesk.db.backup import backup_database
    from watchdesk.db.backup_set import backup_path
    from watchdesk.db.opening import check_is_watchdesk

    check_is_watchdesk(database)
    chosen = target or backup_path(database, MANUAL, dt.datetime.now(dt.UTC))
    if chosen.exists():
        raise FileRefusedError(f"{chosen} already exists; choose another file name")
    if target is not None and not chosen.parent.is_dir():
        raise FileRefusedError(f"the folder {chosen.parent} does not exist")
    return backup_database(database, chosen)


def backups_with_counts(database: Path) -> Listing:
    """The file's usable backups, newest first, each with its record counts."""
    from watchdesk.db.backup_set import record_counts, usable_backups

    return [(backup, record_counts(backup.path)) for backup in usable_backups(database)]


def restore(database: Path, backup: Path) -> Path | None:
    """Put a verified copy of ``backup`` in place of the file at ``database``; the file as
    it was is kept as a backup, returned (None when there was no file). The caller makes
    sure no window has the file open (``instance.check_not_open``: a Qt lock file)."""
    from watchdesk.db.backup_set import restore_backup
    from watchdesk.db.opening import check_is_watchdesk

    check_is_watchdesk(backup)
    if backup.resolve() == database.resolve():
        raise ConflictError(f"{backup} is the database itself; name a backup")
    return restore_backup(database, backup)


def check_file(database: Path) -> HealthReport:
    """Integrity, references and schema revision of the file, without writing to it."""
    from watchdesk.services.health import check_file as inspect

    return inspect(database)

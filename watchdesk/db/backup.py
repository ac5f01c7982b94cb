"""Consistent online backups through SQLite's backup API, verified before they count."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from watchdesk.db.engine import APPLICATION_ID, connect_read_only, table_names


class BackupError(RuntimeError):
    """A backup could not be written or did not verify; the source is untouched."""


def backup_folder_for(database: Path) -> Path:
    """Backups live beside the database, in ``<name>-backups/``, where users can find them."""
    return database.parent / f"{database.stem}-backups"


def backup_database(source: Path, destination: Path) -> Path:
    """Copy ``source`` page by page into ``destination`` (never a file copy), then verify it.

    The copy is written under a temporary name and renamed only once it verifies, so a
    failed backup never leaves a file that looks like a good one.
    """
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        with (
            connect_read_only(source) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
        with connect_read_only(source) as src:
            expected = table_names(src)
        verify_backup(partial, expected_tables=expected)
        os.replace(partial, destination)
    except (sqlite3.Error, OSError, BackupError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup of {source} failed: {exc}") from exc
    return destination


def verify_backup(path: Path, expected_tables: set[str] | None = None) -> None:
    """Raise BackupError unless ``path`` is an intact WatchDesk database."""
    try:
        with connect_read_only(path) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = table_names(conn)
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be read as a database: {exc}") from exc
    if result is None or result[0] != "ok":
        raise BackupError(f"integrity check of {path.name} failed: {result}")
    if app_id != APPLICATION_ID:
        raise BackupError(f"{path.name} is not marked as a WatchDesk database")
    if expected_tables is not None and tables != expected_tables:
        raise BackupError(f"{path.name} does not hold the same tables as its source")

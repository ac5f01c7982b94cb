"""Opening a file: refuse what is not ours or is too new, set aside what is damaged, back up
and upgrade what is old.

A refused file is never written to: every check before the upgrade reads the file header or
opens it read-only. A file that fails SQLite's ``quick_check`` is moved, unchanged, into its
backups folder (``db.backup_set.set_aside``) and the error names the newest good backup.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from watchdesk.core.progress import Cancelled, Progress, SilentProgress
from watchdesk.db.backup import BackupError
from watchdesk.db.backup_set import (
    DAMAGED,
    newest_good_backup,
    set_aside,
    take_backup,
)
from watchdesk.db.engine import (
    APPLICATION_ID,
    Database,
    connect_read_only,
    create_database_engine,
    create_database_file,
)
from watchdesk.db.migrate import head_revision, known_revisions, upgrade_to_head
from watchdesk.db.open_errors import DamagedDatabaseError, DatabaseOpenError

__all__ = ["DamagedDatabaseError", "DatabaseOpenError", "OpenReport", "open_database"]

log = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite virtual-machine steps between cancel checks: about a millisecond of quick_check.
_CHECK_STEPS = 20_000


@dataclass(frozen=True)
class OpenReport:
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def open_database(
    path: Path,
    *,
    create: bool = True,
    progress: Progress | None = None,
    open_elsewhere: Callable[[Path], str | None] | None = None,
) -> tuple[Database, OpenReport]:
    """Open (creating if allowed) the database at ``path`` and bring its schema up to date.
    ``progress`` hears each step and may cancel until the upgrade starts (``Cancelled``).
    ``open_elsewhere`` says who else has the file open (``watchdesk.instance.open_elsewhere``),
    for callers that do not hold its window lock: a damaged file open elsewhere is left alone."""
    path = path.expanduser()
    progress = progress or SilentProgress()
    created = False
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            raise DatabaseOpenError(f"{path} does not exist")
        if not path.parent.is_dir():
            raise DatabaseOpenError(f"the folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise DatabaseOpenError(f"cannot create {path}: the folder is not writable")
        if not path.exists():
            create_database_file(path)
        _mark_as_watchdesk(path)
        created = True
    else:
        check_is_watchdesk(path)
        if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK):
            raise DatabaseOpenError(
                f"cannot write to {path}: check the permissions of the file and its folder"
            )
        progress.report(0, 0, f"Checking {path.name}…")
        problem = quick_check(path, progress)
        if problem is not None:
            holder = open_elsewhere(path) if open_elsewhere else None
            if holder is not None:  # moved, that window would go on writing to the moved file
                raise DatabaseOpenError(
                    f"{path} is damaged ({problem}), but it is open in {holder}, so it was left "
                    "where it is: close it there and open it again to be offered its newest backup"
                )
            aside = set_aside(path, DAMAGED)
            log.warning("%s failed its check (%s); moved to %s", path, problem, aside)
            raise DamagedDatabaseError(path, problem, aside, newest_good_backup(path))

    revision = _stored_revision(path)
    head = head_revision()
    if revision not in (None, head) and revision not in known_revisions():
        raise DatabaseOpenError(
            f"{path} was written by a newer version of WatchDesk (schema {revision}); "
            "update WatchDesk to open it"
        )
    backup: Path | None = None
    progress.check_cancelled()  # the last chance: an upgrade, once started, runs to its end
    if revision is not None and revision != head:
        progress.report(0, 0, f"Backing up {path.name} before upgrading it…")
        try:
            backup = take_backup(path, "before-upgrade")
        except BackupError as exc:
            raise DatabaseOpenError(f"not upgrading {path}: {exc}") from exc
        log.info("backed up %s to %s before upgrading from %s", path, backup, revision)

    engine = create_database_engine(path)
    try:
        if revision != head:
            progress.report(0, 0, f"Upgrading {path.name} for this version of WatchDesk…")
            upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        raise
    report = OpenReport(
        created=created,
        upgraded_from=revision if revision not in (None, head) else None,
        backup=backup,
    )
    return Database(path, engine), report


def quick_check(path: Path, progress: Progress | None = None) -> str | None:
    """What SQLite's ``quick_check`` finds wrong with the file, or None. Read-only, unless a
    journal is beside it: then SQLite first rolls back the interrupted transaction (its own
    crash recovery, which needs to write). Cancelling ``progress`` stops the check (it takes
    seconds, or minutes from a cold disk, on a large file) and raises ``Cancelled``."""
    progress = progress or SilentProgress()
    interrupted = any(path.with_name(path.name + s).exists() for s in ("-journal", "-wal"))
    opened = closing(sqlite3.connect(path)) if interrupted else connect_read_only(path)
    try:
        with opened as connection:
            connection.set_progress_handler(lambda: _stop_asked(progress), _CHECK_STEPS)
            found = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        progress.check_cancelled()  # "interrupted" because the user asked is not damage
        return str(exc)
    if found == ["ok"]:
        return None
    said = " ".join(" ".join(found).replace("*** in database main ***", "").split())
    return said if len(said) <= 160 else said[:159] + "…"  # for a one-line message


def _stop_asked(progress: Progress) -> bool:
    try:
        progress.check_cancelled()
    except Cancelled:
        return True  # SQLite interrupts the statement
    return False


def _mark_as_watchdesk(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.commit()


def check_is_watchdesk(path: Path) -> None:
    """Refuse, from the file header alone, anything that is not a WatchDesk database."""
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file")
    if not path.exists():
        raise DatabaseOpenError(f"{path} does not exist")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseOpenError(f"cannot read {path}: {exc.strerror}") from exc
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise DatabaseOpenError(f"{path} is not a WatchDesk database (not an SQLite file)")
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise DatabaseOpenError(
            f"{path} is an SQLite database of another program, not a WatchDesk database"
        )


def _stored_revision(path: Path) -> str | None:
    try:
        with connect_read_only(path) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(f"{path} cannot be read as a database: {exc}") from exc
    return row[0] if row else None

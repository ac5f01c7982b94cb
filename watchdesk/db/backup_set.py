"""The backups of one database: taken automatically, listed for a restore, thinned by age.

Backups live in ``<name>-backups/`` beside the database (``backup.backup_folder_for``), one
verified SQLite file each, named ``<name>-<UTC stamp>-<reason>.sqlite``. Retention keeps the
newest few whatever their age, then the newest of each of the last days, weeks and months that
have one (grandfather-father-son); the rest are deleted after every new backup. Backups the
user asked for and files set aside because they were damaged are never deleted here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchdesk.db.backup import BackupError, backup_database, backup_folder_for, verify_backup
from watchdesk.db.engine import connect_read_only

STAMP = "%Y%m%dT%H%M%S%fZ"
DAMAGED = "damaged"  # a file moved aside on open: kept for salvage, never restored or pruned
MANUAL = "manual"  # asked for by the user: never pruned
NEVER_PRUNED = frozenset({DAMAGED, MANUAL})
BEFORE_IMPORT = "before-import"
ON_CLOSE = "on-close"
WHILE_EDITING = "while-editing"
# What a backup's counts line shows, in order.
COUNTED = (
    ("member", "members"),
    ("observation", "observations"),
    ("shift", "shifts"),
    ("training_session", "training sessions"),
)


@dataclass(frozen=True)
class Retention:
    recent: int = 5
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # UTC
    reason: str  # e.g. "on-close", "before-import", "before-upgrade"
    size: int


def backup_path(database: Path, reason: str, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime(STAMP)
    return backup_folder_for(database) / f"{database.stem}-{stamp}-{reason}.sqlite"


def list_backups(database: Path) -> list[BackupFile]:
    """Every backup of ``database`` (damaged files set aside included), newest first."""
    folder = backup_folder_for(database)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(database.stem)}-(\d{{8}}T\d{{12}}Z)-([a-z-]+)\.sqlite")
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        taken = dt.datetime.strptime(match[1], STAMP).replace(tzinfo=dt.UTC)
        found.append(BackupFile(path, taken, match[2], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def kept(
    moments: Iterable[dt.datetime],
    retention: Retention = Retention(),
    time_zone: dt.tzinfo | None = None,
) -> set[dt.datetime]:
    """The moments retention keeps: the ``recent`` newest, and the newest of each of the last
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have any (in ``time_zone``,
    default the computer's)."""
    newest_first = sorted(set(moments), reverse=True)
    keep = set(newest_first[: retention.recent])
    tiers: list[tuple[int, Callable[[dt.date], object]]] = [
        (retention.daily, lambda day: day),
        (retention.weekly, lambda day: day.isocalendar()[:2]),
        (retention.monthly, lambda day: (day.year, day.month)),
    ]
    for count, bucket in tiers:
        seen: set[object] = set()
        for moment in newest_first:
            key = bucket(moment.astimezone(time_zone).date())
            if key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(moment)  # the first seen of a bucket is its newest
    return keep


def prune(database: Path, retention: Retention = Retention()) -> list[Path]:
    """Delete the backups retention does not keep; returns them."""
    backups = [b for b in list_backups(database) if b.reason not in NEVER_PRUNED]
    keep = kept((b.taken_at for b in backups), retention)
    dropped = [b.path for b in backups if b.taken_at not in keep]
    for path in dropped:
        path.unlink(missing_ok=True)
    return dropped


def take_backup(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A verified backup of ``database``, then the old ones thinned (raises ``BackupError``)."""
    target = backup_path(database, reason, now or dt.datetime.now(dt.UTC))
    backup_database(database, target)
    prune(database)
    return target


def record_counts(path: Path) -> dict[str, int]:
    """How many members, observations, shifts and sessions a backup holds (read-only)."""
    counts = {}
    with connect_read_only(path) as connection:
        for table, label in COUNTED:
            try:
                counts[label] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.DatabaseError:
                counts[label] = 0  # an old schema without the table
    return counts


def newest_good_backup(database: Path) -> BackupFile | None:
    """The newest backup that verifies (damaged files and broken copies are passed over)."""
    for backup in usable_backups(database):
        try:
            verify_backup(backup.path)
        except BackupError:
            continue
        return backup
    return None


def usable_backups(database: Path) -> Sequence[BackupFile]:
    return [b for b in list_backups(database) if b.reason != DAMAGED]


def set_aside(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Move ``database`` (and its journal, if any) into the backups folder as it is, without
    writing to it; returns where it went."""
    target = backup_path(database, reason, now or dt.datetime.now(dt.UTC))
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for suffix in ("-journal", "-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(database, target)
    return target


def restore_backup(database: Path, backup: Path, now: dt.datetime | None = None) -> Path | None:
    """Put a verified copy of ``backup`` in place of ``database``. The current file is first
    set aside as a "before-restore" backup (so a restore can be undone); returns it, or None
    when there was no current file. Raises ``BackupError`` if the backup does not verify; the
    current file is then untouched. No program may have the file open."""
    verify_backup(backup)
    incoming = database.with_name(database.name + ".restoring")
    backup_database(backup, incoming)
    aside = set_aside(database, "before-restore", now) if database.exists() else None
    os.replace(incoming, database)
    return aside

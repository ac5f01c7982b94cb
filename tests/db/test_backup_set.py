"""Automatic backups: tiered retention, taking and thinning real files, restoring (undoably),
and the moments the program takes them (every change counted, before imports)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.sql import raw_rows
from watchdesk.db.backup import BackupError, backup_folder_for
from watchdesk.db.backup_set import (
    MANUAL,
    Retention,
    kept,
    list_backups,
    newest_good_backup,
    prune,
    record_counts,
    restore_backup,
    take_backup,
)
from watchdesk.db.engine import Database

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 22, 18, 0, tzinfo=UTC)


def test_retention_keeps_the_recent_then_one_a_day_a_week_and_a_month() -> None:
    every_six_hours = [NOW - dt.timedelta(hours=6 * n) for n in range(4 * 500)]
    keep = kept(every_six_hours, Retention(recent=5, daily=7, weekly=4, monthly=12), UTC)
    assert set(every_six_hours[:5]) <= keep  # the five newest, all from today
    days = {m.date() for m in keep}
    # The newest of each of the last seven days (at 18:00, the day's last).
    assert {
        dt.datetime.combine(NOW.date() - dt.timedelta(days=n), dt.time(18), UTC) for n in range(7)
    } <= keep
    # The newest of each of the last four ISO weeks: Sundays 18:00 before this week.
    sundays = [dt.date(2026, 11, 15), dt.date(2026, 11, 8), dt.date(2026, 11, 1)]
    assert all(day in days for day in sundays)
    # The newest of each of the last twelve months: month ends back to December 2025.
    month_ends = {dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2026, 6, 30)}
    assert month_ends <= days
    assert min(keep).date() == dt.date(2025, 12, 31)
    assert len(keep) == len(set(keep)) <= 5 + 7 + 4 + 12
    # Thinning again keeps everything that is left.
    assert kept(keep, Retention(), UTC) == keep


def test_retention_counts_only_days_that_have_backups() -> None:
    """A laptop opened three times in a year keeps all three."""
    sparse = [NOW, NOW - dt.timedelta(days=40), NOW - dt.timedelta(days=300)]
    assert kept(sparse, Retention(recent=1, daily=7, weekly=4, monthly=12), UTC) == set(sparse)
    assert kept(sparse, Retention(recent=1, daily=0, weekly=0, monthly=0), UTC) == {NOW}


def test_backups_are_taken_listed_and_thinned(demo_db: Database) -> None:
    for day in range(40):
        take_backup(demo_db.path, "on-close", NOW - dt.timedelta(days=39 - day))
    manual = take_backup(demo_db.path, MANUAL, NOW - dt.timedelta(days=100))
    backups = list_backups(demo_db.path)
    taken = [b.taken_at for b in backups]
    assert taken == sorted(taken, reverse=True)
    assert manual in [b.path for b in backups]  # asked for by the user: never thinned
    automatic = [b for b in backups if b.reason == "on-close"]
    assert {b.taken_at for b in automatic} == kept(
        [NOW - dt.timedelta(days=n) for n in range(40)], Retention()
    )
    assert len(automatic) < 40 and prune(demo_db.path) == []
    # No stray partial files; each backup verifies and counts like its source.
    assert not list(backup_folder_for(demo_db.path).glob("*.partial"))
    members = raw_rows(demo_db, "SELECT count(*) FROM member")[0][0]
    assert record_counts(backups[0].path)["members"] == members
    assert newest_good_backup(demo_db.path) == backups[0]


def test_every_commit_counts_as_a_change_and_a_backup_clears_it(demo_db: Database) -> None:
    assert not demo_db.changed_since_backup
    with demo_db.read() as session:
        session.execute(sqlite_text("SELECT count(*) FROM member"))
    assert not demo_db.changed_since_backup
    with demo_db.write() as session:
        session.execute(sqlite_text("UPDATE watch_group SET beat = 'Beat 23'"))
    assert demo_db.changed_since_backup
    path = demo_db.backup("while-editing")
    assert not demo_db.changed_since_backup and path.name.endswith("-while-editing.sqlite")


def sqlite_text(query: str) -> object:
    from sqlalchemy import text

    return text(query)


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(
    demo_db: Database,
) -> None:
    backup = demo_db.backup("on-close")
    with demo_db.write() as session:
        session.execute(sqlite_text("UPDATE watch_group SET beat = 'Beat 99'"))
    demo_db.dispose()
    aside = restore_backup(demo_db.path, backup)
    assert aside is not None and aside.name.endswith("-before-restore.sqlite")
    assert raw_rows(demo_db, "SELECT beat FROM watch_group") == [("Beat 22",)]
    with sqlite3.connect(aside) as connection:
        assert connection.execute("SELECT beat FROM watch_group").fetchall() == [("Beat 99",)]
    # The file set aside is itself a backup: the restore can be undone.
    assert aside in [b.path for b in list_backups(demo_db.path)]


def test_a_broken_backup_is_refused_and_the_database_untouched(
    demo_db: Database, tmp_path: Path
) -> None:
    demo_db.dispose()
    before = demo_db.path.read_bytes()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(before[: len(before) // 2])
    with pytest.raises(BackupError):
        restore_backup(demo_db.path, broken)
    assert demo_db.path.read_bytes() == before
    assert not list(tmp_path.glob("*.restoring*"))


def test_imports_back_up_first_and_dry_runs_do_not(
    demo_db: Database, second_demo: Path, tmp_path: Path
) -> None:
    from tests.exchange.conftest import write_bundle_of
    from watchdesk.ops.exchange import check_bundle, import_bundle

    bundle = write_bundle_of(second_demo, tmp_path / "lents.wdx")
    check_bundle(demo_db, bundle)
    assert list_backups(demo_db.path) == []
    import_bundle(demo_db, bundle)
    (before,) = list_backups(demo_db.path)
    assert before.reason == "before-import"
    with sqlite3.connect(before.path) as connection:
        assert connection.execute("SELECT count(*) FROM watch_group").fetchone() == (1,)
    assert raw_rows(demo_db, "SELECT count(*) FROM watch_group") == [(2,)]

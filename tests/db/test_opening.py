"""Opening files: refuse foreign and newer files untouched; back up before upgrading."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from watchdesk.db import opening
from watchdesk.db.backup import BackupError, backup_database, verify_backup
from watchdesk.db.engine import APPLICATION_ID
from watchdesk.db.opening import DatabaseOpenError, open_database

from .revisions import file_at_revision


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_new_file_is_marked_as_watchdesk(tmp_path: Path) -> None:
    db, report = open_database(tmp_path / "new.sqlite")
    db.dispose()
    assert report.created
    with sqlite3.connect(tmp_path / "new.sqlite") as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photo (name) VALUES ('cat.jpg')")
    before = fingerprint(path)
    with pytest.raises(DatabaseOpenError, match="another program"):
        open_database(path)
    assert fingerprint(path) == before


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list\n" * 20)
    before = fingerprint(path)
    with pytest.raises(DatabaseOpenError, match="not an SQLite file"):
        open_database(path)
    assert fingerprint(path) == before


def test_a_folder_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="folder"):
        open_database(tmp_path)
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "x.sqlite")
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(tmp_path / "absent.sqlite", create=False)


def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_database(path)[0].dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = fingerprint(path)
    with pytest.raises(DatabaseOpenError, match="newer version of WatchDesk"):
        open_database(path)
    assert fingerprint(path) == before


def test_an_older_file_is_backed_up_and_verified_before_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_at_revision(tmp_path / "old.sqlite", "0001")
    original = path.read_bytes()
    upgraded: list[Path] = []

    def fake_upgrade(engine: object) -> None:
        backups = list((tmp_path / "old-backups").glob("*.sqlite"))
        assert len(backups) == 1, "the backup must exist before the upgrade starts"
        verify_backup(backups[0])
        upgraded.append(backups[0])

    monkeypatch.setattr(opening, "upgrade_to_head", fake_upgrade)
    db, report = open_database(path)
    db.dispose()
    assert upgraded and report.backup == upgraded[0]
    assert report.upgraded_from == "0001"
    with sqlite3.connect(report.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert len(original) > 0


def test_upgrade_is_refused_when_the_backup_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_at_revision(tmp_path / "old.sqlite", "0001")
    before = fingerprint(path)

    def failing_backup(source: Path, reason: str) -> Path:
        raise BackupError("disk full")

    monkeypatch.setattr(opening, "take_backup", failing_backup)
    monkeypatch.setattr(
        opening, "upgrade_to_head", lambda engine: pytest.fail("upgraded without a backup")
    )
    with pytest.raises(DatabaseOpenError, match="not upgrading"):
        open_database(path)
    assert fingerprint(path) == before


def test_backup_is_a_verified_private_copy(demo_db: object, tmp_path: Path) -> None:
    from watchdesk.db.engine import Database

    assert isinstance(demo_db, Database)
    target = backup_database(demo_db.path, tmp_path / "copy" / "backup.sqlite")
    verify_backup(target)
    assert target.stat().st_mode & 0o077 == 0
    with sqlite3.connect(target) as copy, sqlite3.connect(demo_db.path) as source:
        for table in ("member", "observation", "shift"):
            query = f"SELECT count(*) FROM {table}"
            assert copy.execute(query).fetchone() == source.execute(query).fetchone()
    assert not list(target.parent.glob("*.partial"))

"""`watchdesk restore BACKUP`: the backup goes back in place, the current file is kept aside;
refused (file unchanged) while a window has the file open or when the backup is no good."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import QLockFile

from tests.cli.conftest import Run
from watchdesk.instance import lock_path


def _beat(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT beat FROM watch_group").fetchone()[0])


def test_restore_puts_a_backup_back_and_refuses_what_it_must(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "watch.sqlite"
    shutil.copy(demo_template, database)
    backup = tmp_path / "saved.sqlite"
    assert cli("--db", str(database), "backup", "-o", str(backup)).returncode == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE watch_group SET beat = 'Beat 99'")

    # A window has the file open (this process holds its lock): refused, nothing changed.
    lock = QLockFile(str(lock_path(database)))
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    before = database.read_bytes()
    held = cli("--db", str(database), "restore", str(backup))
    lock.unlock()
    assert held.returncode == 2 and "Traceback" not in held.stderr
    assert "is open in WatchDesk (process" in held.stderr and "close it there first" in held.stderr
    assert database.read_bytes() == before

    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(backup.read_bytes()[:8192])
    for bad, words in (
        (broken, "cannot be read as a database"),
        (tmp_path / "none.sqlite", "does not exist"),
        (database, "is the database itself"),
    ):
        refused = cli("--db", str(database), "restore", str(bad))
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
        assert database.read_bytes() == before

    restored = cli("--db", str(database), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert _beat(database) == "Beat 22"
    aside = Path(restored.stdout.split("kept as ")[1].strip().rstrip("."))
    assert aside.name.endswith("-before-restore.sqlite") and _beat(aside) == "Beat 99"


def test_a_damaged_file_is_set_aside_and_its_readable_rows_copied_out(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "watch.sqlite"
    shutil.copy(demo_template, database)
    assert cli("--db", str(database), "backup").returncode == 0
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])

    # While a window has it open (this process holds its lock) the file stays where it is:
    # moving it would leave that window writing to the moved file.
    lock = QLockFile(str(lock_path(database)))
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    held = cli("--db", str(database), "export", "csv", "members", "-o", str(tmp_path / "m.csv"))
    lock.unlock()
    assert held.returncode == 2 and "Traceback" not in held.stderr
    assert "is damaged" in held.stderr and "so it was left where it is" in held.stderr
    assert database.read_bytes() == data[: len(data) // 2]
    assert not list((tmp_path / "watch-backups").glob("*-damaged.sqlite"))

    opened = cli("--db", str(database), "export", "csv", "members", "-o", str(tmp_path / "m.csv"))
    assert opened.returncode == 2 and "Traceback" not in opened.stderr
    assert len(opened.stderr.strip().splitlines()) == 1
    assert "is damaged" in opened.stderr and "the newest good backup is from" in opened.stderr
    aside = next((tmp_path / "watch-backups").glob("*-damaged.sqlite"))
    assert aside.read_bytes() == data[: len(data) // 2] and not database.exists()

    copied = cli("salvage", str(aside), "-o", str(tmp_path / "readable"))
    assert copied.returncode == 0, copied.stderr
    assert "rows read into" in copied.stdout and "watch_group: 1 row\n" in copied.stdout
    assert (tmp_path / "readable" / "watch_group.csv").exists()
    again = cli("salvage", str(aside), "-o", str(tmp_path / "readable"))
    assert again.returncode == 2 and "is not an empty folder" in again.stderr

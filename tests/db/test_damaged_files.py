"""A damaged file is caught on opening, set aside unchanged, and the newest good backup named;
what can still be read is copied out. Three kinds of damage: truncated, a page overwritten
with garbage, and a hot journal lost after a crash."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from watchdesk.core.progress import Cancelled, SilentProgress
from watchdesk.db.backup import backup_database
from watchdesk.db.backup_set import DAMAGED, list_backups, restore_backup, take_backup
from watchdesk.db.opening import DamagedDatabaseError, open_database
from watchdesk.exchange.salvage import salvage

# Rewrites every member and observation with the page cache at 5 pages, so changed pages are
# written into the file before the commit, then dies: the journal left beside it is hot.
CRASH_MID_TRANSACTION = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 5")
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE member SET notes = hex(randomblob(300))")
connection.execute("UPDATE observation SET description = description || hex(randomblob(100))")
os._exit(9)
"""


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def _garbage_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    with sqlite3.connect(path) as connection:  # a page of the member table's b-tree
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'observation'"
        ).fetchone()[0]
    start = (root - 1) * page_size
    data[start : start + page_size] = random.Random(7).randbytes(page_size)
    path.write_bytes(bytes(data))


def _lost_hot_journal(path: Path) -> None:
    crashed = subprocess.run([sys.executable, "-c", CRASH_MID_TRANSACTION, str(path)])
    assert crashed.returncode == 9
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    journal.unlink()  # e.g. copied without it, or deleted by a cleaner


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncated,
    "page of garbage": _garbage_page,
    "hot journal lost": _lost_hot_journal,
}


@pytest.fixture
def watched(demo_template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo file and a good backup of it."""
    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    return path, take_backup(path, "on-close")


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_is_caught_on_opening_and_the_file_set_aside_unchanged(
    damage: str, watched: tuple[Path, Path]
) -> None:
    path, good = watched
    DAMAGE[damage](path)
    damaged_bytes = path.read_bytes()
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(path, create=False)
    error = caught.value
    assert "is damaged" in str(error) and "\n" not in str(error)
    assert not path.exists()
    assert error.aside.read_bytes() == damaged_bytes  # never written to
    assert [b.reason for b in list_backups(path) if b.path == error.aside] == [DAMAGED]
    assert error.newest is not None and error.newest.path == good
    assert str(good) in str(error)

    # The newest good backup goes back in place and opens.
    assert restore_backup(path, good) is None  # nothing left to keep aside
    database, _ = open_database(path, create=False)
    database.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_damaged_file_with_no_backup_says_so(demo_template: Path, tmp_path: Path) -> None:
    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    _truncated(path)
    with pytest.raises(DamagedDatabaseError, match="there is no good backup of it"):
        open_database(path, create=False)


def test_what_can_be_read_is_copied_out(watched: tuple[Path, Path], tmp_path: Path) -> None:
    path, _good = watched
    with sqlite3.connect(path) as connection:
        members = connection.execute("SELECT count(*) FROM member").fetchone()[0]
        observations = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    _garbage_page(path)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(path, create=False)
    report = salvage(caught.value.aside, tmp_path / "readable")
    assert report.tables["member"].rows == members  # undamaged tables come out whole
    assert 0 <= report.tables["observation"].rows < observations
    member_csv = (tmp_path / "readable" / "member.csv").read_text(encoding="utf-8-sig")
    assert len(member_csv.splitlines()) == members + 1
    assert any("member: " in line for line in report.lines())


def test_an_interrupted_transaction_with_its_journal_is_rolled_back_not_refused(
    watched: tuple[Path, Path],
) -> None:
    """SQLite's own recovery: the journal is there, so the file opens as it was."""
    path, _good = watched
    with sqlite3.connect(path) as connection:
        before = connection.execute("SELECT count(*), sum(length(notes)) FROM member").fetchone()
    subprocess.run([sys.executable, "-c", CRASH_MID_TRANSACTION, str(path)])
    assert os.path.exists(f"{path}-journal")
    database, _ = open_database(path, create=False)
    database.dispose()
    with sqlite3.connect(path) as connection:
        after = connection.execute("SELECT count(*), sum(length(notes)) FROM member").fetchone()
    assert after == before


class _CancelAfter(SilentProgress):
    """Asks to stop once it has been consulted ``calls`` times."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls_left = calls
        self.messages: list[str] = []

    def report(self, done: int, total: int, message: str = "") -> None:
        self.messages.append(message)

    def check_cancelled(self) -> None:
        self.calls_left -= 1
        if self.calls_left <= 0:
            self.token.cancel()
        super().check_cancelled()


def test_a_cancelled_check_leaves_the_file_where_it_is(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopping the check of a large file is not damage: nothing is set aside or written."""
    import watchdesk.db.opening as opening

    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    before = path.read_bytes()
    monkeypatch.setattr(opening, "_CHECK_STEPS", 50)  # consult progress often on a small file
    progress = _CancelAfter(calls=3)
    with pytest.raises(Cancelled):
        open_database(path, create=False, progress=progress)
    assert progress.calls_left <= 0 and progress.messages == ["Checking watch.sqlite…"]
    assert path.read_bytes() == before and list_backups(path) == []
    db, _ = open_database(path, create=False, progress=_CancelAfter(calls=10**9))
    db.dispose()

"""Issue 8's costs on the large demo (900 MB): opening a file (which runs SQLite's
quick_check first) and taking a verified backup. No issue sets a budget for these; the
targets say the app adds little to what SQLite itself must do."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from benchmarks.bench_patrols import large_demo
from benchmarks.common import Result, best_of
from watchdesk.db.backup_set import take_backup
from watchdesk.db.engine import connect_read_only
from watchdesk.db.opening import open_database


def _raw_quick_check(path: Path) -> None:
    with connect_read_only(path) as connection:
        assert connection.execute("PRAGMA quick_check(5)").fetchall() == [("ok",)]


def _open(path: Path) -> None:
    db, _ = open_database(path, create=False)
    db.dispose()


def bench_open_check() -> Result:
    """Opening the large demo (header checks, quick_check, schema revision, engine) against
    a raw ``PRAGMA quick_check`` of the same file; both with the file already in the page
    cache (a first, untimed check reads it in)."""
    path = large_demo()
    _open(path)  # brings the schema up to date, and the file into the page cache
    baseline = best_of(2, lambda: _raw_quick_check(path))
    figure = best_of(2, lambda: _open(path))
    size = path.stat().st_size / 1e6
    return Result(
        f"open the large demo ({size:,.0f} MB) incl. quick_check vs raw quick_check",
        figure,
        baseline,
        "s",
        1.25,
        note="file in the page cache; from a cold disk the check reads the whole file first",
    )


def bench_backup() -> Result:
    """A verified backup (SQLite backup API, integrity_check of the copy, retention) of the
    large demo against the raw backup API copying it into a fresh file and the raw
    integrity_check of that copy: the verification is most of the cost, and it is kept."""
    path = large_demo()

    def raw(check: bool) -> None:
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
            copy = Path(scratch) / "copy.sqlite"
            with connect_read_only(path) as source, closing(sqlite3.connect(copy)) as target:
                source.backup(target)
            if check:
                with connect_read_only(copy) as copied:
                    assert copied.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    def verified() -> None:
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
            database = Path(scratch) / path.name
            database.symlink_to(path)  # the backups folder goes beside it, in scratch
            take_backup(database, "manual")

    copy_only = best_of(2, lambda: raw(check=False))
    baseline = best_of(2, lambda: raw(check=True))
    figure = best_of(2, verified)
    return Result(
        "verified backup of the large demo vs raw backup API copy + raw integrity_check",
        figure,
        baseline,
        "s",
        1.25,
        note=f"the copy alone {copy_only:.1f} s",
    )


BENCHMARKS = {
    "open_check": bench_open_check,
    "backup": bench_backup,
}

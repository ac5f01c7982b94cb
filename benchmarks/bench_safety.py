"""Issue 8's costs on the large demo (900 MB): opening a file (which runs SQLite's
quick_check first) and taking a verified backup. No issue sets a budget for these; the
targets say the app adds little to what SQLite itself must do."""

from __future__ import annotations

import sqlite3
import tempfile
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
    large demo against the raw backup API copying it into a fresh file."""
    path = large_demo()

    def raw_copy() -> None:
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
            with (
                connect_read_only(path) as source,
                sqlite3.connect(Path(scratch) / "copy.sqlite") as copy,
            ):
                source.backup(copy)
            copy.close()

    def verified() -> None:
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
            database = Path(scratch) / path.name
            database.symlink_to(path)  # the backups folder goes beside it, in scratch
            take_backup(database, "manual")

    baseline = best_of(2, raw_copy)
    figure = best_of(2, verified)
    return Result(
        "verified backup of the large demo vs raw backup API copy",
        figure,
        baseline,
        "s",
        3.0,
        note="the copy is checked with integrity_check before it counts",
    )


BENCHMARKS = {
    "open_check": bench_open_check,
    "backup": bench_backup,
}

"""Issue 4 targets on the large demo database (100,000 shifts): conflicts and gaps for any
4-week window <= 200 ms and for a whole year <= 2 s; opening the week view <= 100 ms."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from benchmarks.common import DEMO_TODAY, Result, best_of
from watchdesk.db.opening import open_database

WINDOW_BUDGET_MS = 200.0
YEAR_BUDGET_S = 2.0
WEEK_BUDGET_MS = 100.0


def large_demo() -> Path:
    """The large demo (seed 1, as of 2026-11-21), generated once (about 2 minutes) and kept in
    the benchmarks' cache folder (``isolation.cache_folder``) for later runs."""
    from benchmarks.isolation import cache_folder
    from watchdesk import __version__
    from watchdesk.services.demo import generate_demo

    path = cache_folder() / f"large-seed1-{__version__}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db, _ = open_database(partial)
        with db.write_connection() as connection:
            generate_demo(connection, "large", seed=1, today=DEMO_TODAY)
        db.dispose()
        partial.rename(path)
    return path


def _raw_window(path: Path, first: dt.date, last: dt.date) -> int:
    """Baseline: the rows any answer needs, fetched with raw sqlite3 (shifts of the window and
    who is on them), with no rule applied."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT s.id, s.starts_at, s.ends_at, s.min_patrollers, a.member_id, a.status "
            "FROM shift s LEFT JOIN assignment a ON a.shift_id = s.id "
            "WHERE s.local_date BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
    return len(rows)


def _window(days: int, runs: int, budget: float, unit: str) -> Result:
    from watchdesk.services.schedule import check_window

    path = large_demo()
    db, _ = open_database(path)
    with db.read() as session:
        from sqlalchemy import select

        from watchdesk.db.models import WatchGroup

        group_id = session.scalar(select(WatchGroup.id))
    assert group_id is not None
    rng = random.Random(4)
    start_range = (DEMO_TODAY - dt.timedelta(days=330), DEMO_TODAY + dt.timedelta(days=56 - days))
    span = (start_range[1] - start_range[0]).days
    ours, raw, sizes = [], [], []
    for _ in range(runs):
        first = start_range[0] + dt.timedelta(days=rng.randrange(max(1, span)))
        last = first + dt.timedelta(days=days - 1)

        def run(first: dt.date = first, last: dt.date = last) -> None:
            with db.read() as session:
                check = check_window(session, group_id, first, last)
                sizes.append((len(check.cards), len(check.gaps), len(check.conflicts)))

        ours.append(best_of(1, run))
        raw.append(best_of(1, partial(_raw_window, path, first, last)))
    db.dispose()
    scale = 1000 if unit == "ms" else 1
    worst = max(ours) * scale
    shifts, gaps, conflicts = sizes[ours.index(max(ours))]
    note = (
        f"worst of {runs} random windows ({shifts:,} shifts, {gaps:,} gaps, {conflicts:,} "
        f"conflicts); median {statistics.median(ours) * scale:,.1f} {unit}; raw sqlite3 fetch "
        f"of the same rows median {statistics.median(raw) * scale:,.1f} {unit} = "
        f"{statistics.median(ours) / statistics.median(raw):.1f}x"
    )
    label = (
        f"conflicts and gaps for a {days}-day window of 100,000 shifts (budget {budget:g} {unit})"
    )
    return Result(label, worst, budget, unit, 1.0, note=note)


def bench_patrol_window() -> Result:
    return _window(28, 8, WINDOW_BUDGET_MS, "ms")


def bench_patrol_year() -> Result:
    return _window(365, 3, YEAR_BUDGET_S, "s")


def bench_week_view() -> Result:
    """Showing a week on the Patrols page: read the week (all 250 blocks), lay it out, paint."""
    from PySide6.QtWidgets import QApplication

    from watchdesk.ui.context import AppContext
    from watchdesk.ui.pages.patrols import PatrolsPage
    from watchdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    # The page expands series as it shows weeks: work on a copy, keep the cached file as made.
    scratch = Path(tempfile.mkdtemp()) / "week.sqlite"
    shutil.copy(large_demo(), scratch)
    os.sync()  # or the copy's write-back competes with the runs timed below
    db, _ = open_database(scratch)
    from sqlalchemy import select

    from watchdesk.db.models import WatchGroup

    with db.read() as session:
        group_id = session.scalar(select(WatchGroup.id))
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    page = PatrolsPage(context)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    app.processEvents()
    times = []
    for step in (1, 1, 1, -1, -1, -1, 1, 1):
        started = time.perf_counter()
        page.move_week(step)
        page.calendar.repaint()
        times.append(time.perf_counter() - started)
    cards = len(page.calendar.cards)
    page.close()
    db.dispose()
    shutil.rmtree(scratch.parent)

    def empty_week() -> None:
        page.calendar.set_week(page.monday, [], page.time_zone)
        page.calendar.repaint()

    bare = best_of(5, empty_week)
    worst = max(times) * 1000
    note = (
        f"{cards:,} shifts in the week; median {statistics.median(times) * 1000:.1f} ms; "
        f"an empty week painted in {bare * 1000:.1f} ms"
    )
    return Result(
        f"open the week view of 100,000 shifts (budget {WEEK_BUDGET_MS:g} ms)",
        worst,
        WEEK_BUDGET_MS,
        "ms",
        1.0,
        note=note,
    )


BENCHMARKS = {
    "patrol_window": bench_patrol_window,
    "patrol_year": bench_patrol_year,
    "week_view": bench_week_view,
}

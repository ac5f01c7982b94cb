"""Issue 20: the cost of recording an action for undo, against the same edit unrecorded.

Every edit made in the GUI runs in a write transaction that records its rows' before and
after images (temporary triggers, ``db.row_changes``). The baseline is the same service call
in a plain write transaction, on the same file, measured in the same run.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from benchmarks.common import Result, best_of, small_demo
from watchdesk.db.engine import Database
from watchdesk.db.opening import open_database
from watchdesk.ops import members as member_ops
from watchdesk.ops.history import replay_step
from watchdesk.services import members as member_service

RUNS = 30


def bench_undoable_edit() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = open_database(small_demo(Path(tmp)))
        member_id = 1
        form = member_ops.member_form(db, member_id)
        counter = iter(range(10 * RUNS))

        def plain() -> None:
            data = replace(form, notes=f"plain {next(counter)}")
            with db.write() as session:
                member_service.update_member(session, member_id, data)

        def recorded() -> None:
            data = replace(form, notes=f"recorded {next(counter)}")
            member_ops.update_member(db, member_id, data)

        steps = []

        def undone() -> None:
            data = replace(form, notes=f"to undo {next(counter)}")
            step = member_ops.update_member(db, member_id, data).undo
            assert step is not None
            steps.append(replay_step(db, step))

        baseline = best_of(RUNS, plain)
        figure = best_of(RUNS, recorded)
        edit_and_undo = best_of(RUNS, undone)
        db.dispose()
    return Result(
        "an edit recorded for undo (member notes, small demo) vs the same edit unrecorded",
        figure * 1000,
        baseline * 1000,
        "ms",
        2.0,
        note=f"edit and its undo {edit_and_undo * 1000:.1f} ms; best of {RUNS}",
    )


def _copy_observations(db: Database, count: int, armed: bool) -> float:
    """Seconds to copy ``count`` observations in one unrecorded write, on a connection whose
    recording triggers are in place (switched off) when ``armed``."""
    import time

    from watchdesk.db.row_changes import Recording, recorded_tables

    (table,) = [t for t in recorded_tables() if t.name == "observation"]
    columns = [c.name for c in table.columns if c.name not in ("id", "uuid")]
    listed = ", ".join(columns)
    with db.write_connection() as connection:
        if armed:
            Recording(connection).finish()
        started = time.perf_counter()
        for start in range(0, count, 1000):
            connection.exec_driver_sql(
                f"INSERT INTO observation (uuid, {listed}) SELECT lower(hex(randomblob(16))),"
                f" {listed} FROM observation ORDER BY id LIMIT 1000 OFFSET {start % 1000}"
            )
        return time.perf_counter() - started


def bench_unrecorded_write() -> Result:
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small_demo(folder)
        shutil.copy(folder / "small.sqlite", folder / "plain.sqlite")
        armed, _ = open_database(folder / "small.sqlite")
        plain, _ = open_database(folder / "plain.sqlite")
        count = 20_000
        baseline = min(_copy_observations(plain, count, False) for _ in range(3))
        figure = min(_copy_observations(armed, count, True) for _ in range(3))
        armed.dispose()
        plain.dispose()
    return Result(
        "20,000 observations written unrecorded on a connection with the undo triggers"
        " (switched off) vs one without",
        count / figure,
        count / baseline,
        "rows/s",
        0.9,
        higher_is_better=True,
    )


BENCHMARKS = {"undoable_edit": bench_undoable_edit, "unrecorded_write": bench_unrecorded_write}

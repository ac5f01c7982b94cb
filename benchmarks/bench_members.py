"""Issue 3 targets: importing a 5,000-row roster, and searching 5,000 members as you type."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result
from watchdesk.core.entities import GroupInput
from watchdesk.core.roster import guess_mapping, read_roster
from watchdesk.db.opening import open_database
from watchdesk.services.demo.vocab import FAMILY_NAMES, GIVEN_NAMES, STREETS
from watchdesk.services.groups import create_group
from watchdesk.services.roster_import import apply_import, plan_import

ROSTER_ROWS = 5_000


def roster_csv(rows: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Name", "E-mail", "Phone #", "Street Address", "Block", "Joined"])
    for index in range(rows):
        given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        writer.writerow(
            [
                f"{family}, {given}",
                f"{given}.{index}@EXAMPLE.ORG".replace(" ", ""),
                f"(971) {200 + index // 10000:03d}-{index % 10000:04d}",
                f"{rng.randrange(100, 9999)} SE {rng.choice(STREETS)} St",
                f"Block {rng.randrange(1, 60)}",
                f"{rng.randrange(1, 13)}/{rng.randrange(1, 29)}/20{rng.randrange(10, 26)}",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def bench_roster_import() -> Result:
    data = roster_csv(ROSTER_ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = open_database(Path(tmp) / "roster.sqlite")
        with db.write() as session:
            group_id = create_group(session, GroupInput(name="Bench watch")).id
        started = time.perf_counter()
        table = read_roster("roster.csv", data)
        with db.write() as session:
            plan = plan_import(session, group_id, table, guess_mapping(table.headers))
            apply_import(session, plan)
        elapsed = time.perf_counter() - started
        db.dispose()
    assert plan.count("add") == ROSTER_ROWS, plan.skipped[:3]
    return Result(
        f"import a {ROSTER_ROWS:,}-row roster incl. validation (budget 3 s)", elapsed, 3.0, "s", 1.0
    )


KEYSTROKE_BUDGET_MS = 50.0
TYPED = ("alvarez", "se birch", "555-01", "example.org", "kai")


def _raw_search(path: Path, text: str) -> list[tuple[object, ...]]:
    """Baseline: the same search as a minimal model over raw sqlite3 would run it."""
    with sqlite3.connect(path) as connection:
        pattern = f"%{text}%"
        ids = connection.execute(
            "SELECT m.id FROM member m LEFT JOIN household h ON h.id = m.household_id "
            "WHERE m.status = 'active' AND (m.given_name LIKE ?1 OR m.family_name LIKE ?1 "
            "OR m.email LIKE ?1 OR h.address_line LIKE ?1) "
            "ORDER BY m.family_name, m.given_name, m.id",
            (pattern,),
        ).fetchall()
        first = [row[0] for row in ids[:40]]
        marks = ",".join("?" * len(first))
        return connection.execute(f"SELECT * FROM member WHERE id IN ({marks})", first).fetchall()


def bench_member_keystroke() -> Result:
    """Typing in the Members search box over 5,000 members: each keystroke re-queries in SQL
    and the first visible page (40 rows x every column) is drawn from the model."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from watchdesk.ui.context import AppContext
    from watchdesk.ui.pages.members import MembersPage
    from watchdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    data = roster_csv(ROSTER_ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "members.sqlite"
        db, _ = open_database(path)
        with db.write() as session:
            group_id = create_group(session, GroupInput(name="Bench watch")).id
            table = read_roster("roster.csv", data)
            apply_import(
                session, plan_import(session, group_id, table, guess_mapping(table.headers))
            )
        page = MembersPage(
            AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
        )
        page.refresh()
        model = page.model
        app.processEvents()

        def keystroke(text: str) -> float:
            started = time.perf_counter()
            page.search.setText(text)  # textChanged -> SQL query -> model reset
            for row in range(min(40, model.rowCount())):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column))
            return (time.perf_counter() - started) * 1000

        ours: list[float] = []
        raw: list[float] = []
        for word in TYPED:
            for end in range(1, len(word) + 1):
                ours.append(keystroke(word[:end]))
                started = time.perf_counter()
                _raw_search(path, word[:end])
                raw.append((time.perf_counter() - started) * 1000)
            page.search.clear()
        db.dispose()
    ours.sort()
    raw.sort()
    worst, median = ours[-1], ours[len(ours) // 2]
    raw_median = raw[len(raw) // 2]
    return Result(
        f"members search, worst of {len(ours)} keystrokes over {ROSTER_ROWS:,} members "
        f"(budget {KEYSTROKE_BUDGET_MS:g} ms)",
        worst,
        KEYSTROKE_BUDGET_MS,
        "ms",
        1.0,
        note=f"median {median:.1f} ms; raw sqlite3 minimal model median {raw_median:.1f} ms "
        f"= {median / raw_median:.1f}x",
    )


BENCHMARKS = {"roster_import": bench_roster_import, "member_keystroke": bench_member_keystroke}

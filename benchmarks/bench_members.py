"""Issue 3 targets measured so far: importing a 5,000-row roster."""

from __future__ import annotations

import csv
import io
import random
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


BENCHMARKS = {"roster_import": bench_roster_import}

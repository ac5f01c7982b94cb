"""Issue 7: exchange bundles of the large demo (1,000,000 observations).

The import's rate on the observations is compared with raw ``sqlite3`` ``executemany`` of the
same rows into the same table (same indexes and search triggers, same PRAGMAs as the app) in a
fresh database, measured in the same run. The import runs in a fresh process, so its peak
resident memory is its own.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import PEAK_KB, Result, run_child, run_cli_measured
from watchdesk.db.engine import CACHE_KIB, JOURNAL_MODE
from watchdesk.db.opening import open_database

MEMORY_BUDGET_MB = 1024.0
TARGET_RATE_RATIO = 0.2

IMPORT_SCRIPT = (
    PEAK_KB
    + """
import json, sys, time
from pathlib import Path
from watchdesk.db.opening import open_database
from watchdesk.ops.exchange import import_bundle

class Timing:
    def __init__(self):
        self.last = {}
    def report(self, done, total, message=""):
        self.last[message] = time.perf_counter()
    def check_cancelled(self):
        pass

db, _ = open_database(Path(sys.argv[1]))
timing = Timing()
started = time.perf_counter()
summary = import_bundle(db, Path(sys.argv[2]), progress=timing).value
seconds = time.perf_counter() - started
marks = sorted(timing.last.items(), key=lambda item: item[1])
names = [m for m, _ in marks]
at = names.index("Importing observation.json")
phase = marks[at][1] - marks[at - 1][1]
print(json.dumps({
    "seconds": seconds,
    "records": summary.count("added"),
    "observation_seconds": phase,
    "peak_kb": peak_kb(),
}))
"""
)


def _raw_observation_rate(source: Path, folder: Path) -> tuple[float, int]:
    """Rows per second of executemany into a fresh database's observation table."""
    import sqlite3

    target = folder / "raw.sqlite"
    open_database(target)[0].dispose()
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        writing.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
        writing.execute("PRAGMA synchronous = FULL")
        writing.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        columns = [row[1] for row in reading.execute("PRAGMA table_info(observation)")]
        insert = (
            f"INSERT INTO observation ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        rows = reading.execute(f"SELECT {', '.join(columns)} FROM observation ORDER BY uuid")
        started = time.perf_counter()
        writing.executemany(insert, rows)
        writing.commit()
        seconds = time.perf_counter() - started
        count = writing.execute("SELECT count(*) FROM observation").fetchone()[0]
    target.unlink()
    return count / seconds, count


def bench_exchange_import() -> Result:
    from benchmarks.bench_patrols import large_demo

    source = large_demo()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bundle = folder / "large.wdx"
        command = ["--db", str(source), "export", "bundle", "--profile", "full", "-o", str(bundle)]
        export_seconds, export_mb = run_cli_measured(*command)
        baseline, count = _raw_observation_rate(source, folder)
        target = folder / "liaison.sqlite"
        done = run_child([sys.executable, "-c", IMPORT_SCRIPT, str(target), str(bundle)])
        figures = json.loads(done.stdout.splitlines()[-1])
        size_mb = bundle.stat().st_size / 1e6
    rate = count / figures["observation_seconds"]
    peak_mb = figures["peak_kb"] / 1024
    note = (
        f"whole bundle: {figures['records']:,} records in {figures['seconds']:.0f} s "
        f"({figures['records'] / figures['seconds']:,.0f}/s), import peak {peak_mb:.0f} MB "
        f"(budget {MEMORY_BUDGET_MB:.0f}); export {export_seconds:.0f} s, "
        f"peak {export_mb:.0f} MB, {size_mb:.0f} MB file"
    )
    if peak_mb > MEMORY_BUDGET_MB:
        note += "  MEMORY OVER BUDGET"
    return Result(
        "Bundle import of the large demo: observations per second vs raw executemany",
        rate,
        baseline,
        "rows/s",
        TARGET_RATE_RATIO,
        higher_is_better=True,
        note=note,
    )


BENCHMARKS = {"exchange_import": bench_exchange_import}

"""Run the benchmarks (``make bench``): each prints figure, baseline, ratio and target.

``python -m benchmarks.run [NAME ...]`` runs only the named ones.
"""

from __future__ import annotations

import datetime as dt
import sys

from benchmarks import (
    bench_exchange,
    bench_foundation,
    bench_members,
    bench_observation_table,
    bench_observations,
    bench_patrols,
    bench_precinct,
    bench_safety,
)
from benchmarks.common import machine

ALL = {
    **bench_foundation.BENCHMARKS,
    **bench_members.BENCHMARKS,
    **bench_patrols.BENCHMARKS,
    **bench_observations.BENCHMARKS,
    **bench_observation_table.BENCHMARKS,
    **bench_precinct.BENCHMARKS,
    **bench_exchange.BENCHMARKS,
    **bench_safety.BENCHMARKS,
}


def main(argv: list[str]) -> int:
    names = argv or list(ALL)
    unknown = [name for name in names if name not in ALL]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(ALL)}")
        return 2
    print(f"WatchDesk benchmarks, {dt.date.today()}, {machine()}")
    failed = 0
    for name in names:
        result = ALL[name]()
        print(result.line(), flush=True)
        failed += not result.passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run the benchmarks (``make bench``): each prints figure, baseline, ratio and target.

``python -m benchmarks.run [NAME ...]`` runs only the named ones. The run never touches the
user's own settings or data: HOME and the XDG folders point at a fresh temporary folder from
the first line on (``benchmarks.isolation``), and no benchmark may run for ever (``--deadline``).
"""

from __future__ import annotations

# Before Qt or platformdirs are imported (the benchmarks' modules import both).
from benchmarks.isolation import isolate

isolate()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from types import FrameType  # noqa: E402

from benchmarks import (  # noqa: E402
    bench_exchange,
    bench_foundation,
    bench_members,
    bench_observation_table,
    bench_observations,
    bench_ops,
    bench_patrols,
    bench_precinct,
    bench_safety,
)
from benchmarks.common import BenchmarkError, machine  # noqa: E402

ALL = {
    **bench_foundation.BENCHMARKS,
    **bench_members.BENCHMARKS,
    **bench_patrols.BENCHMARKS,
    **bench_observations.BENCHMARKS,
    **bench_observation_table.BENCHMARKS,
    **bench_precinct.BENCHMARKS,
    **bench_exchange.BENCHMARKS,
    **bench_safety.BENCHMARKS,
    **bench_ops.BENCHMARKS,
}

# The longest one benchmark may take, the large demo it may first have to make included
# (the slowest, a year's precinct report, took 3 minutes on a 2-core machine).
DEADLINE_S = 3600


@contextmanager
def deadline(name: str, seconds: int) -> Iterator[None]:
    """Stop the benchmark with a clear error after ``seconds`` (a wait that never ends)."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise BenchmarkError(f"{name} did not finish in {seconds} s (--deadline)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(ALL)}")
    parser.add_argument(
        "--deadline",
        type=int,
        default=DEADLINE_S,
        metavar="SECONDS",
        help=f"stop a benchmark that runs longer (default {DEADLINE_S}; 0: no limit)",
    )
    args = parser.parse_args(argv)
    names = args.names or list(ALL)
    unknown = [name for name in names if name not in ALL]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(ALL)}")
        return 2
    print(f"WatchDesk benchmarks, {dt.date.today()}, {machine()}")
    failed = 0
    for name in names:
        try:
            with deadline(name, args.deadline):
                result = ALL[name]()
        except BenchmarkError as error:
            print(f"ERROR {name}: {error}", flush=True)
            failed += 1
            continue
        print(result.line(), flush=True)
        failed += not result.passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

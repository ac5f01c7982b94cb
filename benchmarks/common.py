"""What every benchmark shares: a result line with its baseline, ratio and target."""

from __future__ import annotations

import platform
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    figure: float
    baseline: float
    unit: str
    # The ratio the target is stated in: figure/baseline (lower is better) unless
    # ``higher_is_better``, when it is figure/baseline for a rate.
    target_ratio: float
    higher_is_better: bool = False
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool:
        if self.higher_is_better:
            return self.ratio >= self.target_ratio
        return self.ratio <= self.target_ratio

    def line(self) -> str:
        relation = ">=" if self.higher_is_better else "<="
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"{verdict}  {self.name}: {self.figure:,.3f} {self.unit} vs baseline "
            f"{self.baseline:,.3f} {self.unit} = {self.ratio:.2f}x "
            f"(target {relation} {self.target_ratio:g}x){'  ' + self.note if self.note else ''}"
        )


def best_of(runs: int, func: Callable[[], object]) -> float:
    """Best wall time of ``runs`` calls, in seconds (the least disturbed run)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def machine() -> str:
    import os

    return (
        f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )


# A child's own peak resident memory: VmHWM belongs to the memory map exec made. Not
# ru_maxrss, which a child started with vfork (as subprocess does) inherits from its parent
# at exec: a bench runner grown to 870 MB made every command it ran report 870 MB.
PEAK_KB = """
def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""

_CLI_SCRIPT = (
    PEAK_KB
    + """
import sys, time
from watchdesk.cli import main
started = time.perf_counter()
code = main(sys.argv[1:])
print(code, time.perf_counter() - started, peak_kb())
"""
)


def run_cli_measured(*arguments: str) -> tuple[float, float]:
    """Run a ``watchdesk`` command in a fresh process: (seconds, peak resident MB)."""
    done = subprocess.run(
        [sys.executable, "-c", _CLI_SCRIPT, *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    code, seconds, peak_kb = done.stdout.split()[-3:]
    assert code == "0", done.stderr
    return float(seconds), int(peak_kb) / 1024

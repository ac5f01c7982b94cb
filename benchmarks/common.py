"""What every benchmark shares: a result line with its baseline, ratio and target."""

from __future__ import annotations

import datetime as dt
import platform
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The longest any one child process may take (the largest, a year's precinct report of the
# large demo or the large demo's bundle export, take about 3.5 minutes on a slow machine).
CHILD_TIMEOUT_S = 1800.0


class BenchmarkError(RuntimeError):
    """A benchmark could not measure: a child failed or something it waited for never came."""


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


def wait_until(
    done: Callable[[], bool], what: str, seconds: float, step: Callable[[], object]
) -> None:
    """Call ``step`` (processing events) until ``done()``; after ``seconds`` raise a
    :class:`BenchmarkError` naming ``what`` instead of spinning for ever."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise BenchmarkError(f"gave up after {seconds:g} s waiting for {what}")
        step()


def run_child(
    command: Sequence[str],
    timeout: float = CHILD_TIMEOUT_S,
    env: dict[str, str] | None = None,
    capture: bool = True,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a child process that must succeed within ``timeout`` seconds (it inherits the
    run's private user folders); a failure or time-out raises :class:`BenchmarkError` with the
    end of what the child said."""
    try:
        return subprocess.run(
            list(command),
            check=True,
            capture_output=capture,
            text=True,
            timeout=timeout,
            env=env,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired as error:
        said = _tail(error.stderr)
        raise BenchmarkError(f"{_named(command)} did not finish in {timeout:g} s{said}") from None
    except subprocess.CalledProcessError as error:
        said = _tail(error.stderr)
        raise BenchmarkError(f"{_named(command)} exited {error.returncode}{said}") from None


def _named(command: Sequence[str]) -> str:
    shown = [part if "\n" not in part else "<script>" for part in command[:6]]
    return " ".join(shown) + (" ..." if len(command) > 6 else "")


def _tail(output: str | bytes | None) -> str:
    if not output:
        return ""
    text = output.decode(errors="replace") if isinstance(output, bytes) else output
    return ":\n" + "\n".join(text.strip().splitlines()[-12:])


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
    done = run_child([sys.executable, "-c", _CLI_SCRIPT, *arguments])
    code, seconds, peak_kb = done.stdout.split()[-3:]
    assert code == "0", done.stderr
    return float(seconds), int(peak_kb) / 1024


DEMO_TODAY = dt.date(2026, 11, 21)  # the benchmarks' demo data is as of this day


def small_demo(folder: Path) -> Path:
    """The small demo (seed 1) generated into ``folder``; returns its path."""
    from watchdesk.db.opening import open_database
    from watchdesk.services.demo import generate_demo

    path = folder / "small.sqlite"
    db, _ = open_database(path)
    with db.write_connection() as connection:
        generate_demo(connection, "small", seed=1, today=DEMO_TODAY)
    db.dispose()
    return path

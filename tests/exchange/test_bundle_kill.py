"""An import killed (SIGKILL) at any moment leaves the database whole: the bundle's records
are either all there or not at all."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.exchange.conftest import write_bundle_of


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4, 2.0, 3.5])
def test_killed_import_is_all_or_nothing(
    delay: float, demo_template: Path, second_demo: Path, tmp_path: Path
) -> None:
    bundle = write_bundle_of(second_demo, tmp_path / "lents.wdx", profile="full")
    database = tmp_path / "liaison.sqlite"
    shutil.copy(demo_template, database)
    with sqlite3.connect(second_demo) as connection:
        incoming = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    with sqlite3.connect(database) as connection:
        before = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    process = subprocess.Popen(
        [sys.executable, "-m", "watchdesk", "--db", str(database), "import", "bundle", str(bundle)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(database) as connection:  # a hot journal is rolled back here
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        groups = connection.execute("SELECT count(*) FROM watch_group").fetchone()[0]
        after = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    assert (groups, after) in {(1, before), (2, before + incoming)}

"""One WatchDesk per database file: a second launch brings the first window forward, or
explains who holds the file; a lock left by a crash is taken over."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from watchdesk import app as app_module
from watchdesk.app import Application
from watchdesk.instance import lock_path

HOLD = textwrap.dedent(
    """
    import os, sys, time
    from PySide6.QtCore import QLockFile
    lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    print("held", flush=True)
    if sys.argv[2] == "crash":
        os._exit(0)  # dies holding it, as a crash would
    time.sleep(60)
    """
)


def _application() -> Application:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    return Application(qt_app, "/tmp/watchdesk-test.log", synchronous=True)


@pytest.fixture
def database(demo_template: Path, tmp_path: Path) -> Path:
    from watchdesk.db.backup import backup_database

    return backup_database(demo_template, tmp_path / "watch.sqlite")


@pytest.fixture
def started() -> Iterator[list[Application]]:
    apps: list[Application] = []
    yield apps
    for each in apps:
        each.shutdown()


def _start(qtbot: QtBot, started: list[Application], path: Path) -> Application:
    application = _application()
    started.append(application)
    assert application.start(path)
    assert application.window is not None
    qtbot.addWidget(application.window)
    qtbot.waitUntil(lambda: application.db is not None, timeout=5000)
    return application


def test_a_second_launch_brings_the_first_window_forward(
    qtbot: QtBot, started: list[Application], database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _start(qtbot, started, database)
    assert lock_path(database).exists()
    raised: list[object] = []
    monkeypatch.setattr(app_module, "_bring_forward", raised.append)
    second = _application()
    assert second.start(database) is False  # nothing opened, no window
    assert second.window is None and second.db is None
    qtbot.waitUntil(lambda: raised == [first.window], timeout=5000)
    first.shutdown()
    started.clear()
    assert not lock_path(database).exists()


def test_a_file_held_where_no_window_answers_is_explained(
    qtbot: QtBot, started: list[Application], database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path(database)), "hold"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        warnings: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
        application = _application()
        started.append(application)
        assert application.start(database)
        assert application.window is not None
        qtbot.addWidget(application.window)
        qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
        assert f"is open in WatchDesk (process {holder.pid}) on this computer" in warnings[0]
        assert "close it there first" in warnings[0]
        assert application.db is None
        assert application.window.current_page_name() == "Status"
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_crash_is_taken_over(
    qtbot: QtBot, started: list[Application], database: Path
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", HOLD, str(lock_path(database)), "crash"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert crashed.stdout.strip() == "held" and lock_path(database).exists()
    application = _start(qtbot, started, database)
    assert application.db is not None and application.db.path == database

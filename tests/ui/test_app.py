"""The composition root: the window paints first, then the database is opened and attached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from watchdesk.app import Application
from watchdesk.ui.main_window import MainWindow


@pytest.fixture
def application(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Application:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return Application(app, "/tmp/watchdesk-test.log", synchronous=True)


def started(qtbot: QtBot, application: Application, path: Path) -> MainWindow:
    """The application started on ``path``, its window shown and the file opened."""
    application.start(path)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: application.db is not None, timeout=5000)
    return window


def test_start_paints_then_attaches(
    qtbot: QtBot, application: Application, demo_template: Path, tmp_path: Path
) -> None:
    from watchdesk.db.backup import backup_database

    path = backup_database(demo_template, tmp_path / "copy.sqlite")
    application.start(path)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.dashboard is not None, timeout=5000)
    assert window.current_page_name() in {
        "Dashboard",
        "Members",
        "Meetings",
        "Patrols",
        "Observations",
        "Map",
        "Training",
        "Reports",
    }
    application.shutdown()


def test_unopenable_file_explains_and_keeps_the_window(
    qtbot: QtBot, application: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("this is not a database" * 10)
    application.start(bogus)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "not a WatchDesk database" in warnings[0]
    assert window.current_page_name() == "Status"
    assert "could not be opened" in window.status_page.text()

    # File > Open of a good file replaces the window; a bad one keeps it.
    application.open(tmp_path / "fresh.sqlite")
    assert application.window is not window
    new_window = application.window
    assert new_window is not None
    qtbot.addWidget(new_window)
    assert new_window.current_page_name() == "Welcome"
    application.open(bogus)
    assert application.window is new_window and len(warnings) == 2
    application.shutdown()


def test_application_icon_comes_from_package_resources() -> None:
    from watchdesk.resources import resource_path

    icon = resource_path("watchdesk.svg")
    assert icon.is_file() and icon.read_text().startswith("<svg")


def test_start_up_loads_no_heavy_module_it_does_not_need(
    demo_template: Path, tmp_path: Path
) -> None:
    """folium, reportlab, QtWebEngine and Alembic cost start-up time; they load on first use."""
    import os
    import subprocess
    import sys

    from watchdesk.db.backup import backup_database

    path = backup_database(demo_template, tmp_path / "copy.sqlite")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from watchdesk.app import Application, create_qt_app\n"
        "qt = create_qt_app()\n"
        "app = Application(qt, '', synchronous=True)\n"
        "app.start(Path(sys.argv[1]))\n"
        "while app.window.dashboard is None or app.window.dashboard.todo is None:\n"
        "    qt.processEvents()\n"
        "heavy = ['folium', 'reportlab', 'PySide6.QtWebEngineWidgets', 'alembic']\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_window_paints_before_sqlalchemy_loads() -> None:
    """SQLAlchemy is half a second of imports: the app module must not need it before the
    first paint (issue 8's open errors once pulled it in and start-up doubled); nor Babel
    and the forms (the Preferences dialog once pulled them in: 50 ms)."""
    import subprocess
    import sys

    script = (
        "import sys, watchdesk.app\n"
        "late = ['sqlalchemy', 'babel', 'watchdesk.ui.dialogs.preferences']\n"
        "print(','.join(name for name in late if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_backups_while_editing_and_on_close_only_when_something_changed(
    qtbot: QtBot, application: Application, demo_template: Path, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from watchdesk.db.backup import backup_database
    from watchdesk.db.backup_set import list_backups

    path = backup_database(demo_template, tmp_path / "copy.sqlite")
    started(qtbot, application, path)
    db = application.db
    assert db is not None and application.backup_timer.isActive()
    assert application.backup_timer.interval() >= 2 * 60_000
    application.backup_while_editing()  # nothing changed yet
    assert list_backups(path) == []
    with db.write() as session:
        session.execute(text("UPDATE watch_group SET beat = 'Beat 23'"))
    application.backup_while_editing()
    application.backup_while_editing()  # no change since: no second backup
    assert [b.reason for b in list_backups(path)] == ["while-editing"]
    with db.write() as session:
        session.execute(text("UPDATE watch_group SET beat = 'Beat 24'"))
    application.shutdown()
    newest = list_backups(path)[0]
    assert newest.reason == "on-close"
    import sqlite3

    with sqlite3.connect(newest.path) as connection:
        assert connection.execute("SELECT beat FROM watch_group").fetchall() == [("Beat 24",)]


def test_restore_from_backup_through_the_file_menu(
    qtbot: QtBot,
    application: Application,
    demo_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QDialog, QTableWidget
    from sqlalchemy import text

    from tests.ui.test_members_page import in_dialog
    from watchdesk.db.backup import backup_database

    path = backup_database(demo_template, tmp_path / "copy.sqlite")
    first_window = started(qtbot, application, path)
    db = application.db
    assert db is not None
    db.backup("before-import")
    with db.write() as session:
        session.execute(text("UPDATE watch_group SET beat = 'Beat 99'"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    seen: dict[str, object] = {}

    def tell(_parent: object, _title: str, message: str) -> None:
        told.append(message)
        seen["old pages usable"] = first_window.body.isEnabled()  # shut out during the restore

    monkeypatch.setattr(QMessageBox, "information", tell)

    def choose(dialog: QDialog) -> None:
        table = dialog.findChild(QTableWidget, "backups")
        seen["rows"] = table.rowCount()
        seen["why"] = table.item(0, 1).text()
        seen["members"] = table.item(0, 3).text()
        restore = dialog.findChild(QPushButton, "restore_button")
        seen["enabled before"] = restore.isEnabled()
        table.selectRow(0)
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, choose)
    first_window.action_restore.trigger()
    assert failures == []
    assert seen["rows"] == 1 and seen["why"] == "Before an import"
    assert seen["enabled before"] is False and seen["members"] != "0"
    assert application.window is not first_window and application.db is not db
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT beat FROM watch_group").fetchall() == [("Beat 22",)]
    assert told and "The file as it was is kept as" in told[0]
    assert seen["old pages usable"] is False
    application.shutdown()


def cut_in_half(path: Path) -> bytes:
    """Cut ``path`` in half, as a failing disk might leave it; the bytes left."""
    left = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(left)
    return left


def clicking(button: str, said: list[str], offered: list[str]) -> Callable[[QMessageBox], int]:
    """A stand-in for ``QMessageBox.exec``: the user reads the box and clicks ``button``."""

    def answer(box: QMessageBox) -> int:
        said.append(box.text())
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        offered.extend(buttons)
        buttons[button].click()
        return 0

    return answer


def test_a_damaged_file_offers_its_newest_backup_on_start(
    qtbot: QtBot,
    application: Application,
    demo_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchdesk.db.backup import backup_database
    from watchdesk.db.backup_set import take_backup

    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    take_backup(path, "on-close")
    left = cut_in_half(path)
    said: list[str] = []
    offered: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", clicking("Restore the newest backup", said, offered))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    started(qtbot, application, path)
    assert "is damaged" in said[0] and "moved aside unchanged" in said[0]
    assert "Export what can be read…" in offered
    assert path.read_bytes() != left
    assert told and told[0].startswith("Restored from watch-")
    application.shutdown()


def test_a_file_in_a_synced_folder_is_opened_with_a_warning(
    qtbot: QtBot,
    application: Application,
    demo_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchdesk.db.backup import backup_database

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    path = backup_database(demo_template, tmp_path / "Dropbox" / "watch.sqlite")
    started(qtbot, application, path)
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "is in a Dropbox folder" in warnings[0]
    application.shutdown()


def test_a_file_is_checked_off_the_gui_thread_behind_a_dialog_that_can_cancel(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check of a large file takes seconds (minutes from a cold disk): the window stays
    live, a dialog says what is happening, and Cancel leaves the file closed and unlocked."""
    import threading
    import time

    from PySide6.QtWidgets import QProgressDialog

    import watchdesk.db.opening as opening
    from watchdesk.core.progress import Progress
    from watchdesk.db.backup import backup_database
    from watchdesk.instance import check_not_open

    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    before = path.read_bytes()
    finish_check = threading.Event()
    checking_threads: list[threading.Thread] = []
    real_check = opening.quick_check

    def slow_check(checked: Path, progress: Progress | None = None) -> str | None:
        assert progress is not None
        checking_threads.append(threading.current_thread())
        while not finish_check.is_set():
            progress.check_cancelled()
            time.sleep(0.01)
        return real_check(checked, progress)

    monkeypatch.setattr(opening, "quick_check", slow_check)
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    application = Application(qt_app, "/tmp/watchdesk-test.log")  # a real worker thread
    application.start(path)
    window = application.window
    assert window is not None
    # not qtbot.addWidget: File > Open below replaces and deletes this window

    def dialog() -> QProgressDialog:
        found = window.findChild(QProgressDialog, "progress")
        assert found is not None and found.isVisible()
        return found

    qtbot.waitUntil(lambda: dialog().labelText() == "Checking watch.sqlite…", timeout=5000)
    assert checking_threads[0] is not threading.main_thread()
    assert dialog().windowModality() == Qt.WindowModality.WindowModal
    qtbot.mouseClick(dialog().findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was not opened" in window.status_page.text(), timeout=5000)
    assert "the check was cancelled" in window.status_page.text()
    assert application.db is None and path.read_bytes() == before
    check_not_open(path)  # the lock was let go: nothing is held

    # File > Open again, and this time the check finishes: the file is opened.
    finish_check.set()
    application.open(path, create=False)
    qtbot.waitUntil(lambda: application.db is not None, timeout=10_000)
    assert application.window is not window and application.window is not None
    qtbot.addWidget(application.window)
    application.shutdown()


def test_what_a_damaged_file_still_holds_can_be_exported_from_the_offer(
    qtbot: QtBot,
    application: Application,
    demo_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from watchdesk.db.backup import backup_database

    path = backup_database(demo_template, tmp_path / "watch.sqlite")
    cut_in_half(path)
    chosen = tmp_path / "rescued"
    chosen.mkdir()
    offered: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", clicking("Export what can be read…", [], offered))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(chosen))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    application.start(path)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    (written,) = chosen.iterdir()  # a folder named after the damaged file set aside
    assert written.name.endswith("-damaged-readable")
    with (written / "member.csv").open() as members:
        members_written = sum(1 for _ in members) - 1  # less the header
    assert members_written > 0
    assert f"read into {written}" in told[0].splitlines()[0]
    assert f"  member: {members_written:,} rows" in told[0].splitlines()
    assert "Restore the newest backup" not in offered  # there is no backup to offer
    assert "could not be opened" in window.status_page.text() and application.db is None
    application.shutdown()

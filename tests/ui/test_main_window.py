"""The shell under pytest-qt: it opens, navigates, and shows real figures."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.ui.conftest import MakeWindow
from watchdesk import __version__
from watchdesk.db.engine import Database
from watchdesk.ui.main_window import PAGE_NAMES, MainWindow
from watchdesk.ui.settings import Settings


def click_nav(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = PAGE_NAMES.index(name)
    item = window.navigation.item(row)
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def sql_count(db: Database, query: str) -> int:
    with db.read() as session:
        return int(session.execute(text(query)).scalar_one())


def test_window_opens_on_the_dashboard_with_real_figures(
    make_window: MakeWindow, demo_db: Database
) -> None:
    window = make_window(demo_db)
    assert window.current_page_name() == "Dashboard"
    assert window.navigation.isEnabled()
    dashboard = window.dashboard
    assert dashboard is not None and dashboard.todo is not None
    serious = sql_count(
        demo_db,
        "SELECT count(*) FROM observation WHERE status = 'open' AND police_contact = 'none' "
        "AND (severity >= 3 OR category = 'burglary')",
    )
    assert dashboard.sections["serious"].text(0).endswith(f"({serious})")
    assert len(dashboard.lines("serious")) == serious > 0
    assert "Hawthorne Heights" in window.windowTitle()


def test_navigation_switches_pages_and_each_shows_real_counts(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    window = make_window(demo_db)
    click_nav(qtbot, window, "Reports")
    assert window.current_page_name() == "Reports"
    kind = window.pages.currentWidget().findChild(QComboBox, "report_kind")
    assert kind is not None and kind.currentText() == "Precinct activity report"
    window.navigation.setFocus()
    window.navigation.setCurrentRow(PAGE_NAMES.index("Observations"))
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    assert window.current_page_name() == "Patrols"
    week = window.pages.currentWidget().findChild(QLabel, "week_label")
    assert week is not None and "shifts" in week.text()


def test_empty_database_offers_to_create_a_group(
    qtbot: QtBot, make_window: MakeWindow, db: Database
) -> None:
    window = make_window(db)
    welcome = window.welcome
    assert welcome is not None
    assert window.current_page_name() == "Welcome"
    assert not window.navigation.isEnabled()

    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    error = welcome.findChild(QLabel, "error_name")
    assert error is not None and error.isVisible() and error.text() == "is required"
    assert sql_count(db, "SELECT count(*) FROM watch_group") == 0

    welcome.timezone.setCurrentText("Nowhere/Special")
    qtbot.keyClicks(welcome.name, "O'Brien & Sons <Block 4> Watch")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    tz_error = welcome.findChild(QLabel, "error_timezone")
    assert tz_error is not None and "not a known time zone" in tz_error.text()
    assert not error.isVisible()

    welcome.timezone.setCurrentText("America/Chicago")
    qtbot.keyClick(welcome.name, Qt.Key.Key_Return)
    assert window.current_page_name() == "Dashboard"
    assert window.navigation.isEnabled()
    with db.read() as session:
        name, block = session.execute(text("SELECT name, timezone FROM watch_group")).one()
    assert (name, block) == ("O'Brien & Sons <Block 4> Watch", "America/Chicago")
    assert window.dashboard is not None and window.dashboard.todo is not None
    assert window.dashboard.sections["shifts"].text(0) == "Short or uncovered shifts (0)"


def test_explore_with_demo_data(qtbot: QtBot, make_window: MakeWindow, db: Database) -> None:
    window = make_window(db)
    assert window.welcome is not None
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "Dashboard"
    assert sql_count(db, "SELECT count(*) FROM observation") == 1000
    assert window.dashboard is not None and window.dashboard.todo is not None
    serious = sql_count(
        db,
        "SELECT count(*) FROM observation WHERE status = 'open' AND police_contact = 'none' "
        "AND (severity >= 3 OR category = 'burglary')",
    )
    assert len(window.dashboard.lines("serious")) == serious > 0


def test_about_names_version_database_and_sqlite(
    make_window: MakeWindow, demo_db: Database
) -> None:
    window = make_window(demo_db)
    about = window.about_text()
    assert __version__ in about and str(demo_db.path) in about
    assert sqlite3.sqlite_version in about


def test_window_geometry_and_page_are_restored(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, settings: Settings
) -> None:
    first = make_window(demo_db)
    first.setGeometry(10, 20, 780, 560)
    click_nav(qtbot, first, "Meetings")
    first.close()
    second = make_window(demo_db)
    assert (second.width(), second.height()) == (780, 560)
    assert second.current_page_name() == "Meetings"


def test_backup_now_reports_the_verified_file(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, message: shown.append(message)
    )
    window = make_window(demo_db)
    window.action_backup.trigger()
    assert shown and "verified" in shown[0]
    backups = list((demo_db.path.parent / "demo-backups").glob("*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in shown[0]


def test_unexpected_error_is_logged_and_shown(
    make_window: MakeWindow,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from watchdesk.ui.errors import show_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = make_window(demo_db)
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        show_error(window, error, "/var/log/watchdesk.log")
    assert "Something went wrong" in shown[0] and "/var/log/watchdesk.log" in shown[0]
    assert "ZeroDivisionError" in caplog.text

    from watchdesk.core.validation import ValidationError

    show_error(window, ValidationError({"email": "is not valid"}))
    assert shown[1] == "email: is not valid"


def test_shell_paints_before_the_database_is_attached(qtbot: QtBot, settings: Settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.current_page_name() == "Status"
    assert not window.action_backup.isEnabled()
    image = window.grab()
    assert image.width() > 0
    window.show_no_database("/nowhere/x.sqlite could not be opened.")
    assert "File > Open" in window.status_page.text()

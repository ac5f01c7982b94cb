from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from watchdesk.db.engine import Database
from watchdesk.ui.context import AppContext
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.settings import Settings
from watchdesk.ui.tasks import TaskRunner

MakeWindow = Callable[[Database], MainWindow]


def show_all_groups(window: MainWindow) -> int:
    """Choose "All groups" in the group bar, as a user would; returns its index."""
    choice = window.group_choice
    everything = choice.findText("All groups")
    choice.setCurrentIndex(everything)
    choice.activated.emit(everything)
    return everything


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot: QtBot, settings: Settings) -> Iterator[MakeWindow]:
    """A main window over the given database, running tasks synchronously."""
    windows: list[MainWindow] = []

    def make(db: Database) -> MainWindow:
        window = MainWindow(settings, log_path="/tmp/watchdesk-test.log")
        qtbot.addWidget(window)
        window.attach(AppContext(db=db, runner=TaskRunner(synchronous=True)))
        window.show()
        windows.append(window)
        return window

    yield make


@pytest.fixture(scope="session", autouse=True)
def _release_map_profiles() -> Iterator[None]:
    """Map views share web profiles; delete them after the last window, as the app does."""
    yield
    import sys

    if "watchdesk.ui.widgets.map_view" in sys.modules:
        from watchdesk.ui.widgets.map_view import release_web_views

        release_web_views()


@pytest.fixture(autouse=True)
def _no_unexpected_unsaved_question(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Closing a dialog with changes asks Save / Discard / Cancel in a modal box that nobody
    answers offscreen (the test would hang). A test that expects the question patches
    ``watchdesk.ui.unsaved.ask`` itself; any other question is answered Discard and fails
    the test."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from watchdesk.ui import unsaved

    asked: list[str] = []

    def unexpected(parent: QWidget | None, what: str) -> QMessageBox.StandardButton:
        asked.append(f"{parent.windowTitle() if parent else ''}: {what}")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(unsaved, "ask", unexpected)
    yield
    assert not asked, f"unexpected question about unsaved changes in: {asked}"

"""The welcome page of an empty file offers a precinct liaison to import bundles: it runs
File > Import bundle (preview, then write) and then shows the imported group."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import write_bundle_of
from tests.ui.conftest import MakeWindow
from tests.ui.test_bundle_actions import _when_modal
from watchdesk.db.engine import Database
from watchdesk.ui.dialogs.bundle import BundlePreviewDialog


def test_a_liaison_imports_bundles_from_the_welcome_page(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    demo_template: Path,
    second_demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundles = []
    for source, name in ((demo_template, "hawthorne"), (second_demo, "lents")):
        copy = tmp_path / f"{name}.sqlite"
        shutil.copy(source, copy)
        bundles.append(write_bundle_of(copy, tmp_path / f"{name}.wdx"))
    window = make_window(db)
    welcome = window.welcome
    assert welcome is not None and window.current_page_name() == "Welcome"
    button = welcome.findChild(QPushButton, "import_bundles")
    assert button is not None and button.isVisible()
    assert button.text() == "I am a precinct liaison: import bundles"
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundles[0]), ""))
    previewed: list[str] = []

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, BundlePreviewDialog)
        previewed.append(dialog.details.toPlainText())
        qtbot.mouseClick(dialog.findChild(QPushButton, "do_import"), Qt.MouseButton.LeftButton)

    _when_modal(BundlePreviewDialog, accept)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page_name() != "Welcome", timeout=10000)
    assert "Hawthorne Heights Neighborhood Watch (new group)" in previewed[0]
    assert told and told[-1].startswith("Imported hawthorne.wdx:")
    # The imported group is shown: the pages, the title, and no group bar (one group only).
    assert window.navigation.isEnabled()
    assert "Hawthorne Heights Neighborhood Watch" in window.windowTitle()
    assert window.dashboard is not None
    todo = window.dashboard.todo  # the Dashboard reads the imported group
    assert todo is not None and todo.group_name == "Hawthorne Heights Neighborhood Watch"
    assert window.group_bar.isHidden()

    # The next bundle through File > Import bundle: both groups, and the group bar.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundles[1]), ""))
    _when_modal(BundlePreviewDialog, accept)
    window.action_import_bundle.trigger()
    with sqlite3.connect(db.path) as connection:
        groups = connection.execute("SELECT name, is_local FROM watch_group ORDER BY id").fetchall()
    assert groups == [
        ("Hawthorne Heights Neighborhood Watch", 0),
        ("Lents Park Neighborhood Watch", 0),
    ]
    choice = window.group_choice
    assert window.group_bar.isVisible()
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "Hawthorne Heights Neighborhood Watch (imported)",
        "Lents Park Neighborhood Watch (imported)",
        "All groups",
    ]


def test_a_cancelled_liaison_import_stays_on_the_welcome_page(
    qtbot: QtBot, make_window: MakeWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(db)
    assert window.welcome is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    qtbot.mouseClick(window.welcome.liaison_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "Welcome"
    with sqlite3.connect(db.path) as connection:
        assert connection.execute("SELECT count(*) FROM watch_group").fetchone()[0] == 0

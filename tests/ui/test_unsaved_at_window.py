"""Typed work not yet saved is asked about before the window leaves it: another page, another
group, another file, or quitting. Cancel stays; Discard goes on; Save saves first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeWindow, show_all_groups
from watchdesk.db.engine import Database
from watchdesk.ui import unsaved
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.page import Page

Button = QMessageBox.StandardButton


class Typed:
    """Makes a page hold unsaved work and records what the user was asked."""

    def __init__(self, page: Page, monkeypatch: pytest.MonkeyPatch, answer: Button) -> None:
        self.asked: list[str] = []
        self.saved = 0
        self.discarded = 0
        self.pending = True

        def ask(_parent: object, what: str) -> Button:
            self.asked.append(what)
            return answer

        def save() -> bool:
            self.saved += 1
            self.pending = False
            return True

        def discard() -> None:
            self.discarded += 1
            self.pending = False

        monkeypatch.setattr(unsaved, "ask", ask)
        monkeypatch.setattr(page, "unsaved_changes", lambda: "the note" if self.pending else None)
        monkeypatch.setattr(page, "save_unsaved", save)
        monkeypatch.setattr(page, "discard_unsaved", discard)


def on_members(make_window: MakeWindow, db: Database) -> tuple[MainWindow, Page]:
    window = make_window(db)
    window.navigation.setCurrentRow(1)
    page = window.record_pages[1]
    assert window.pages.currentWidget() is page
    return window, page


@pytest.mark.parametrize(
    ("answer", "stays"), [(Button.Cancel, True), (Button.Discard, False), (Button.Save, False)]
)
def test_choosing_another_page(
    qtbot: QtBot,
    demo_db: Database,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    answer: Button,
    stays: bool,
) -> None:
    window, page = on_members(make_window, demo_db)
    typed = Typed(page, monkeypatch, answer)

    window.navigation.setCurrentRow(2)

    assert typed.asked == ["the note"]
    assert (window.pages.currentWidget() is page) == stays
    qtbot.waitUntil(lambda: window.navigation.currentRow() == (1 if stays else 2), timeout=2000)
    assert typed.saved == (answer == Button.Save)
    assert typed.discarded == (answer == Button.Discard)


def test_quitting_with_unsaved_work_and_cancel_keeps_the_window(
    demo_db: Database, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = on_members(make_window, demo_db)
    typed = Typed(page, monkeypatch, Button.Cancel)

    assert window.close() is False
    assert window.isVisible() and typed.asked == ["the note"]

    typed_again = Typed(page, monkeypatch, Button.Discard)
    assert window.close() is True
    assert typed_again.discarded == 1


def test_opening_another_file_asks_first(
    demo_db: Database,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window, page = on_members(make_window, demo_db)
    typed = Typed(page, monkeypatch, Button.Cancel)
    chosen: list[str] = []

    def pick(*_args: object) -> tuple[str, str]:
        chosen.append("asked for a file")
        return str(tmp_path / "other.sqlite"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    requested: list[Path] = []
    window.open_requested.connect(lambda path, _create: requested.append(path))

    window.open_database()
    assert typed.asked == ["the note"] and chosen == [] and requested == []

    Typed(page, monkeypatch, Button.Save)
    window.open_database()
    assert requested == [tmp_path / "other.sqlite"]


def test_switching_group_with_unsaved_work_and_cancel_stays_on_the_group(
    liaison_db: Database, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = on_members(make_window, liaison_db)
    group_before = window.context.group_id  # type: ignore[union-attr]
    shown_before = window.group_choice.currentIndex()
    typed = Typed(page, monkeypatch, Button.Cancel)

    show_all_groups(window)

    assert typed.asked == ["the note"]
    assert window.group_choice.currentIndex() == shown_before
    assert window.context.group_id == group_before  # type: ignore[union-attr]
    assert window.context.all_groups is False  # type: ignore[union-attr]


def test_a_click_on_another_page_called_off_leaves_the_list_on_the_page_shown(
    qtbot: QtBot, demo_db: Database, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = on_members(make_window, demo_db)
    typed = Typed(page, monkeypatch, Button.Cancel)
    navigation = window.navigation
    patrols = navigation.visualItemRect(navigation.item(2)).center()

    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=patrols)

    assert typed.asked == ["the note"]
    qtbot.waitUntil(lambda: navigation.currentRow() == 1, timeout=2000)
    QApplication.processEvents()  # the rest of the click has been handled: the row stays
    assert navigation.currentRow() == 1 and navigation.item(1).isSelected()
    assert not navigation.item(2).isSelected()
    assert window.pages.currentWidget() is page

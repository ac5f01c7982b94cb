"""The user guide (F1), the list of shortcuts, and the keys a desktop program is expected to
answer: Ctrl+1 to Ctrl+8, Ctrl+F, Ctrl+N, Ctrl+Shift+N; all pressed on the window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeWindow
from watchdesk.db.engine import Database
from watchdesk.ui.dialogs.guide import GuideDialog
from watchdesk.ui.dialogs.shortcuts import ShortcutsDialog
from watchdesk.ui.main_window import PAGE_NAMES, MainWindow
from watchdesk.ui.pages.members import MembersPage
from watchdesk.ui.pages.observations import ObservationsPage

REPOSITORY = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def ready_window(qtbot: QtBot, make_window: MakeWindow, db: Database) -> MainWindow:
    window = make_window(db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


def window_shortcuts(window: MainWindow) -> list[tuple[str, QAction]]:
    return [
        (each.toString(QKeySequence.SequenceFormat.NativeText), action)
        for action in window.findChildren(QAction)
        for each in action.shortcuts()
        if not each.isEmpty()
    ]


def modal_dialog_type(qtbot: QtBot) -> list[type]:
    """The type of the modal dialog the next key opens; the dialog is then closed unchanged."""
    seen: list[type] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        if isinstance(dialog, QDialog):
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, close)
    return seen


def test_f1_opens_the_guide_at_the_page_shown(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    window = ready_window(qtbot, make_window, demo_db)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide
    assert isinstance(guide, GuideDialog)
    qtbot.waitUntil(guide.isVisible, timeout=3000)
    assert guide.windowTitle() == "WatchDesk User Guide"
    assert guide.browser.toPlainText().startswith("WatchDesk user guide")
    current = guide.contents.currentItem()
    assert current is not None and current.text(0) == "Members"
    assert guide.browser.textCursor().block().text() == "Members"


def test_the_contents_list_every_page_and_topic(qtbot: QtBot) -> None:
    guide = GuideDialog()
    qtbot.addWidget(guide)
    titles = guide.contents_titles()
    for name in (*PAGE_NAMES, "Getting started", "Exchange", "Backups", "Privacy"):
        assert name in titles
    for name in ("Reports and redaction", "Undo and unsaved work", "Keyboard shortcuts"):
        assert name in titles
    assert titles == [text for _level, text in guide.headings()]


def test_a_heading_in_the_contents_shows_its_section(qtbot: QtBot) -> None:
    guide = GuideDialog()
    qtbot.addWidget(guide)
    guide.show()
    qtbot.waitExposed(guide)
    (item,) = guide.contents.findItems(
        "Privacy", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    )
    guide.contents.scrollToItem(item)
    rect = guide.contents.visualItemRect(item)
    qtbot.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert guide.browser.textCursor().block().text() == "Privacy"
    assert guide.browser.verticalScrollBar().value() > 0


def test_a_link_in_the_guide_goes_to_its_section(qtbot: QtBot) -> None:
    guide = GuideDialog()
    qtbot.addWidget(guide)
    guide.browser.anchorClicked.emit(QUrl("#reports-and-redaction"))
    assert guide.browser.textCursor().block().text() == "Reports and redaction"
    guide.browser.anchorClicked.emit(QUrl("#privacy"))
    assert guide.browser.textCursor().block().text() == "Privacy"


def test_ctrl_f_finds_words_in_the_guide(qtbot: QtBot) -> None:
    guide = GuideDialog()
    qtbot.addWidget(guide)
    guide.show()
    guide.activateWindow()
    qtbot.waitUntil(guide.isActiveWindow, timeout=3000)
    guide.browser.setFocus()
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(guide.search.hasFocus, timeout=3000)
    qtbot.keyClicks(guide.search, "quarantine")
    assert guide.found.text() == "Not found"
    guide.search.clear()
    qtbot.keyClicks(guide.search, "damaged")
    assert guide.browser.textCursor().selectedText().lower() == "damaged"
    first = guide.browser.textCursor().position()
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)
    assert guide.browser.textCursor().position() > first


def test_the_shipped_guide_is_the_one_in_docs() -> None:
    shipped = REPOSITORY / "resources" / "guide" / "user-guide.md"
    assert shipped.read_text(encoding="utf-8") == (REPOSITORY / "docs" / "user-guide.md").read_text(
        encoding="utf-8"
    )


def test_ctrl_digit_switches_pages_in_navigation_order(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    window = ready_window(qtbot, make_window, demo_db)
    assert window.current_page_name() == "Dashboard"
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_page_name() == "Members"
    assert isinstance(window.pages.currentWidget(), MembersPage)
    qtbot.keyClick(window, Qt.Key.Key_8, CTRL)
    assert window.current_page_name() == "Reports"
    assert window.navigation.currentRow() == PAGE_NAMES.index("Reports")


@pytest.mark.parametrize(
    ("key", "page_type", "field"),
    [
        (Qt.Key.Key_2, MembersPage, "member_search"),
        (Qt.Key.Key_4, ObservationsPage, "observation_search"),
    ],
)
def test_ctrl_f_goes_to_the_page_search_field(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    key: Qt.Key,
    page_type: type,
    field: str,
) -> None:
    window = ready_window(qtbot, make_window, demo_db)
    qtbot.keyClick(window, key, CTRL)
    page = window.pages.currentWidget()
    assert isinstance(page, page_type)
    assert not page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(page.search.hasFocus, timeout=3000)
    assert page.search.objectName() == field


def test_ctrl_n_on_members_opens_the_member_form(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    from watchdesk.ui.dialogs.member_form import MemberDialog

    window = ready_window(qtbot, make_window, demo_db)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.action_new_record.text() == "New member…"
    seen = modal_dialog_type(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == [MemberDialog]


@pytest.mark.parametrize(
    ("page", "dialog", "menu_text"),
    [
        ("Patrols", "shift_editor.ShiftEditor", "New shift…"),
        ("Observations", "observation_form.ObservationDialog", "New observation…"),
        ("Map", "block_form.BlockDialog", "New block…"),
        ("Training", "training.SessionDialog", "New course or session…"),
        ("Meetings", "meeting.MeetingDialog", "New meeting…"),
    ],
)
def test_ctrl_n_makes_a_record_of_the_page_kind(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    page: str,
    dialog: str,
    menu_text: str,
) -> None:
    """(On Training a course is chosen, so Ctrl+N schedules a session of it.)"""
    import importlib

    module, name = dialog.split(".")
    expected = getattr(importlib.import_module(f"watchdesk.ui.dialogs.{module}"), name)
    window = ready_window(qtbot, make_window, demo_db)
    qtbot.keyClick(window, Qt.Key.Key_1 + PAGE_NAMES.index(page), CTRL)
    assert window.current_page_name() == page
    assert window.action_new_record.isEnabled()
    assert window.action_new_record.text() == menu_text
    seen = modal_dialog_type(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == [expected]


def test_ctrl_n_on_training_without_courses_adds_a_course(
    qtbot: QtBot, make_window: MakeWindow, db: Database
) -> None:
    from watchdesk.core.entities import GroupInput
    from watchdesk.ops.setup import create_group
    from watchdesk.ui.dialogs.training import CourseDialog

    create_group(db, GroupInput(name="Elm Street Watch", timezone="America/Chicago"))
    window = ready_window(qtbot, make_window, db)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    assert window.current_page_name() == "Training"
    seen = modal_dialog_type(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == [CourseDialog]


def test_ctrl_shift_n_makes_a_new_database_and_ctrl_n_does_not(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    asked: list[str] = []

    def choose(_parent: object, caption: str, *_args: object) -> tuple[str, str]:
        asked.append(caption)
        return str(tmp_path / "second"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window = ready_window(qtbot, make_window, demo_db)
    emitted: list[tuple[Path, bool]] = []
    window.open_requested.connect(lambda path, new: emitted.append((path, new)))
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # the Dashboard makes no record
    assert asked == [] and emitted == []
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    assert asked == ["New WatchDesk database"]
    assert emitted == [(tmp_path / "second.sqlite", True)]


def test_the_shortcuts_dialog_lists_every_shortcut_of_the_window(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_db)
    shown: list[ShortcutsDialog] = []

    def exec_(dialog: ShortcutsDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", exec_)
    window.action_shortcuts.trigger()
    (dialog,) = shown
    listed = dict(dialog.listed())
    assert listed["Ctrl+Z"] == "Undo"
    assert listed["Ctrl+Shift+Z, Ctrl+Y"] == "Redo"
    assert listed["Ctrl+2"] == "Go to the Members page"
    expected = {"F1", "Ctrl+F", "Ctrl+N", "Ctrl+Shift+N", *(f"Ctrl+{n}" for n in range(1, 9))}
    assert expected <= set(listed)
    listed_keys = {key for keys in listed for key in keys.split(", ")}
    for keys, action in window_shortcuts(window):
        assert keys in listed_keys, action.text()


def test_the_guide_names_every_shortcut_of_the_window(
    make_window: MakeWindow, demo_db: Database
) -> None:
    guide = (REPOSITORY / "docs" / "user-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Keyboard shortcuts") :]
    window = make_window(demo_db)
    for keys, action in window_shortcuts(window):
        if re.fullmatch(r"Ctrl\+[1-8]", keys):
            assert "Ctrl+1 to Ctrl+8" in section
        else:
            named = rf"(?<![\w+]){re.escape(keys)}(?![\w+])"
            assert re.search(named, section), action.text()

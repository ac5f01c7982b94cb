"""Edit > Preferences: the group's area code (in the file, undoable) and this computer's
choices (in the settings); Esc with changes asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeWindow
from tests.ui.test_members_page import in_dialog
from watchdesk.db.engine import Database
from watchdesk.ops import groups as group_ops
from watchdesk.ui.dialogs import base
from watchdesk.ui.dialogs.base import Answer
from watchdesk.ui.dialogs.preferences import Preferences, PreferencesDialog
from watchdesk.ui.settings import Settings


def save_button(dialog: QDialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "Save")


def test_edit_preferences_is_in_the_edit_menu_with_ctrl_comma(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    window = make_window(db)
    edit_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"
    )
    assert window.action_preferences in edit_menu.actions()
    assert QKeySequence("Ctrl+,") in window.action_preferences.shortcuts()
    assert all(not key.isEmpty() for key in window.action_preferences.shortcuts())


def test_saving_sets_the_area_code_in_the_file_and_the_choices_in_settings(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, settings: Settings
) -> None:
    window = make_window(db)
    saved: list[bool] = []
    window.preferences_saved.connect(lambda: saved.append(True))
    seen: dict[str, object] = {}

    def change(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog)
        language = dialog.findChild(QComboBox, "language")
        seen["language"] = (language.currentText(), language.isEnabled(), language.toolTip())
        area = dialog.findChild(QLineEdit, "area_code")
        qtbot.keyClicks(area, "50")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        error = dialog.findChild(QLabel, "error_area_code")
        seen["error"] = error.text() if error.isVisible() else ""
        qtbot.keyClicks(area, "3")
        dialog.findChild(QSpinBox, "backup_minutes").setValue(30)
        redaction = dialog.findChild(QComboBox, "report_redaction")
        redaction.setCurrentIndex(redaction.findData(True))
        qtbot.keyClicks(dialog.findChild(QLineEdit, "report_folder"), "/srv/reports")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, change)
    window.action_preferences.trigger()
    assert failures == []
    assert seen["error"] == "50 is not an area code: use 3 digits, as in 503"
    text, enabled, tip = seen["language"]  # type: ignore[misc]
    assert text == "English" and not enabled and "Spanish" in tip
    assert saved == [True]
    assert settings.backup_minutes() == 30
    assert settings.report_choices()["internal"] == "yes"
    assert settings.report_choices()["folder"] == "/srv/reports"
    group = group_ops.group(db, group_id)
    assert (group.area_code, group.phone_region) == ("503", "US")
    assert window.action_undo.text().replace("&", "") == "Undo Set area code 503"
    window.action_undo.trigger()
    assert group_ops.group(db, group_id).area_code is None


class Asked:
    def __init__(self) -> None:
        self.times = 0

    def __call__(self, parent: object) -> Answer:
        self.times += 1
        return Answer.Discard


def test_escape_with_changes_asks_and_without_does_not(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked()
    monkeypatch.setattr(base, "ask_unsaved", asked)
    dialog = PreferencesDialog(None, Preferences(area_code="503"), has_group=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.times == 0 and dialog.result() == QDialog.DialogCode.Rejected

    dialog = PreferencesDialog(None, Preferences(area_code="503"), has_group=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.findChild(QSpinBox, "backup_minutes").setValue(45)
    qtbot.keyClick(dialog.findChild(QLineEdit, "area_code"), Qt.Key.Key_Escape)
    assert asked.times == 1 and dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.result_preferences is None


def test_without_a_group_the_phone_section_is_off(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(None, Preferences(), has_group=False)
    qtbot.addWidget(dialog)
    assert not dialog.findChild(QLineEdit, "area_code").isEnabled()
    assert dialog.findChild(QLineEdit, "tile_url").isEnabled()

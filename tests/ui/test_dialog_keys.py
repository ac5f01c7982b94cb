"""Never lose what a user typed: Enter saves (through the dialog's own checks), Esc, Cancel and
the close button ask Save / Discard / Cancel when something changed, and every dialog's default
button is its Save or OK, driven through real widgets and keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from watchdesk.ui.dialogs import base
from watchdesk.ui.dialogs.member_form import MemberDialog

Answer = QMessageBox.StandardButton


class Asked:
    """Stands in for the Save / Discard / Cancel question: counts the questions and answers
    with ``answer``."""

    def __init__(self) -> None:
        self.answer = Answer.Cancel
        self.times = 0

    def __call__(self, parent: object) -> QMessageBox.StandardButton:
        self.times += 1
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Asked]:
    question = Asked()
    monkeypatch.setattr(base, "ask_unsaved", question)
    yield question


def member_dialog(qtbot: QtBot) -> MemberDialog:
    dialog = MemberDialog(None, [(1, "Block 1")], [(7, "12 Elm St")], lambda data: [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def field(dialog: QDialog, name: str) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, name)
    assert isinstance(edit, QLineEdit), name
    return edit


def type_name(qtbot: QtBot, dialog: QDialog, given: str = "Ann", family: str = "Lee") -> None:
    qtbot.keyClicks(field(dialog, "given_name"), given)
    qtbot.keyClicks(field(dialog, "family_name"), family)


def test_enter_in_a_one_line_field_saves_what_was_typed(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "email"), "ann@example.org")
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.result_input is not None
    assert (dialog.result_input.given_name, dialog.result_input.family_name) == ("Ann", "Lee")
    assert dialog.result_input.email == "ann@example.org"
    assert asked.times == 0


def test_enter_on_an_invalid_form_keeps_it_open_with_the_message(
    qtbot: QtBot, asked: Asked
) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "email"), "ann@@example")
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible() and dialog.result_input is None
    error = dialog.findChild(QLabel, "error_email")
    assert error is not None and not error.isHidden() and error.text()
    assert field(dialog, "given_name").text() == "Ann"
    assert field(dialog, "email").text() == "ann@@example"


def test_enter_in_the_notes_is_a_new_line(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    notes = dialog.findChild(QPlainTextEdit, "notes")
    qtbot.keyClicks(notes, "first")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "second")
    assert dialog.isVisible()
    assert notes.toPlainText() == "first\nsecond"


def test_esc_with_changes_asks_and_each_answer_does_what_it_says(
    qtbot: QtBot, asked: Asked
) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)

    asked.answer = Answer.Cancel
    qtbot.keyClick(field(dialog, "family_name"), Qt.Key.Key_Escape)
    assert asked.times == 1
    assert dialog.isVisible() and dialog.result_input is None
    assert (field(dialog, "given_name").text(), field(dialog, "family_name").text()) == (
        "Ann",
        "Lee",
    )

    # Save goes through the form's checks: a bad e-mail keeps the dialog open, nothing lost.
    qtbot.keyClicks(field(dialog, "email"), "ann@@example")
    asked.answer = Answer.Save
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Escape)
    assert asked.times == 2
    assert dialog.isVisible() and dialog.result_input is None
    assert field(dialog, "email").text() == "ann@@example"

    field(dialog, "email").clear()
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Escape)
    assert asked.times == 3
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.result_input is not None and dialog.result_input.given_name == "Ann"


def test_esc_then_discard_rejects(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    asked.answer = Answer.Discard
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 1
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.result_input is None


def test_esc_without_changes_closes_at_once(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 0
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_typing_back_what_was_there_is_no_change(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    qtbot.keyClicks(field(dialog, "given_name"), "A")
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Backspace)
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 0 and not dialog.isVisible()


def test_cancel_button_with_changes_asks(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    asked.answer = Answer.Cancel
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert asked.times == 1 and dialog.isVisible()
    asked.answer = Answer.Discard
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert asked.times == 2 and not dialog.isVisible()
    assert dialog.result_input is None


def test_close_button_with_changes_asks(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    dialog.findChild(QLineEdit, "email").setFocus()
    asked.answer = Answer.Cancel
    assert not dialog.close()
    assert asked.times == 1 and dialog.isVisible()
    assert field(dialog, "family_name").text() == "Lee"
    asked.answer = Answer.Save
    assert dialog.close()
    assert asked.times == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_input is not None and dialog.result_input.family_name == "Lee"


def test_close_button_without_changes_closes_at_once(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    assert dialog.close()
    assert asked.times == 0 and dialog.result() == QDialog.DialogCode.Rejected

"""The shift editor asks before saving a shift that ends the next morning or runs long."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QTimeEdit
from pytestqt.qtbot import QtBot

from watchdesk.core.entities import ShiftDraft
from watchdesk.ui.dialogs import shift_editor
from watchdesk.ui.dialogs.shift_editor import ShiftEditor


class Questions:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, question: str) -> bool:
        self.asked.append(question)
        return self.answer


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    asked = Questions(False)
    monkeypatch.setattr(shift_editor, "confirm_shift_length", asked)
    return asked


def editor(qtbot: QtBot, start: dt.time, end: dt.time) -> ShiftEditor:
    draft = ShiftDraft(dt.date(2026, 12, 11), start, end, route="Elm loop")
    dialog = ShiftEditor(None, [], [], lambda draft: [], draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot: QtBot, dialog: ShiftEditor) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Save")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_no_keeps_the_form_as_typed_and_yes_saves(qtbot: QtBot, questions: Questions) -> None:
    dialog = editor(qtbot, dt.time(22), dt.time(23))
    dialog.findChild(QTimeEdit, "shift_end").setTime(QTime(20, 0))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "shift_vehicle"), "Van 2")

    save(qtbot, dialog)
    assert questions.asked == ["Ends the next morning: 22 hours — is that right?"]
    assert dialog.isVisible() and dialog.result_edit is None
    assert dialog.findChild(QTimeEdit, "shift_end").time() == QTime(20, 0)
    assert dialog.findChild(QLineEdit, "shift_vehicle").text() == "Van 2"

    questions.answer = True
    save(qtbot, dialog)
    assert len(questions.asked) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.result_edit is not None
    draft = dialog.result_edit.draft
    assert (draft.start, draft.end, draft.vehicle) == (dt.time(22), dt.time(20), "Van 2")


def test_a_long_day_shift_asks_and_an_evening_one_does_not(
    qtbot: QtBot, questions: Questions
) -> None:
    long_one = editor(qtbot, dt.time(6), dt.time(21))
    save(qtbot, long_one)
    assert questions.asked == ["Lasts 15 hours — is that right?"]
    assert long_one.result_edit is None
    long_one.done(QDialog.DialogCode.Rejected)

    usual = editor(qtbot, dt.time(20), dt.time(23))
    save(qtbot, usual)
    assert len(questions.asked) == 1
    assert usual.result() == QDialog.DialogCode.Accepted and usual.result_edit is not None

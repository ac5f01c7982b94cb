"""Inline error messages wrap and are shown whole, even in a narrow form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from watchdesk.core.validation import ValidationError
from watchdesk.ui.dialogs.member_form import MemberDialog
from watchdesk.ui.forms import FieldErrors

LONG = (
    "555-0123 has no area code: add it, or set the group's area code in Preferences "
    "(Edit > Preferences > Phone numbers), and save the form again"
)


def test_a_long_message_wraps_onto_more_lines_and_keeps_every_word(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    form = QFormLayout(holder)
    errors = FieldErrors()
    errors.add_row(form, "Mobile phone", "phone_mobile", QLineEdit())
    holder.resize(320, 200)
    holder.show()
    qtbot.waitExposed(holder)
    label = errors.labels["phone_mobile"]
    errors.show(ValidationError.single("phone_mobile", "too short"))
    one_line = label.heightForWidth(label.width())

    errors.show(ValidationError.single("phone_mobile", LONG))
    qtbot.waitUntil(lambda: label.height() > one_line, timeout=2000)
    assert label.wordWrap() and label.text() == LONG
    assert label.heightForWidth(label.width()) > 2 * one_line
    assert label.height() >= label.heightForWidth(label.width())  # nothing cut off
    assert label.width() <= holder.width()  # wrapped, not widening the form


def test_member_form_messages_fit_a_small_screen(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, [], [], lambda data: [])
    qtbot.addWidget(dialog)
    dialog.resize(1000, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.findChild(QLabel, "error_phone_mobile")
    dialog.errors.show(ValidationError.single("phone_mobile", LONG))
    qtbot.waitUntil(label.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=2000)
    assert dialog.width() <= 1024 and label.text() == LONG
    assert label.mapTo(dialog, label.rect().topRight()).x() <= dialog.width()


def test_typed_text_in_a_message_is_shown_as_typed(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    errors = FieldErrors()
    errors.add_row(QFormLayout(holder), "Joined", "joined_on", QLineEdit())
    message = "<b>Block 4</b> is not a date: write it as 2026-03-07 or 3/7/2026"
    errors.show(ValidationError.single("joined_on", message))
    label = errors.labels["joined_on"]
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == message

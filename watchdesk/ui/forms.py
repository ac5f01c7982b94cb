"""Form helpers: an error label under each field, filled from a ValidationError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.validation import ValidationError
from watchdesk.ui.dialogs.base import FormDialog

T = TypeVar("T")


class FieldErrors:
    """Keeps one hidden red label per field and shows the messages of a ValidationError."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, caption: str, field: str, editor: QWidget) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)  # a long message takes more lines, never more width
        error.setTextFormat(Qt.TextFormat.PlainText)  # typed "<Block 4>" shows as typed
        error.hide()
        column.addWidget(error)
        self.labels[field] = error
        form.addRow(caption, holder)

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> list[str]:
        """Show each message next to its field; return messages for fields with no label."""
        self.clear()
        leftover = []
        for field, message in error.errors.items():
            label = self.labels.get(field)
            if label is None:
                leftover.append(f"{field}: {message}")
                continue
            label.setText(message)
            label.show()
        return leftover

    def valid(self, clean: Callable[[T], object], data: T) -> bool:
        """Check ``data`` with its ``clean_*`` rule: True if it passes; otherwise every message
        is shown (one for a field without its own label goes under the first field)."""
        try:
            clean(data)
        except ValidationError as error:
            leftover = self.show(error)
            if leftover and self.labels:
                first = next(iter(self.labels.values()))
                first.setText("\n".join(filter(None, [first.text(), *leftover])))
                first.show()
            return False
        self.clear()
        return True


def named_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with an object name (tests and style sheets find it) wired to ``slot``.
    It never becomes the default button: Enter in a field stays with the dialog's Save."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def save_cancel(dialog: QDialog, submit: Callable[[], object]) -> QDialogButtonBox:
    """Save (runs ``submit``, which accepts when the form is valid; the default button, so
    Enter in a one-line field saves) and Cancel."""
    if isinstance(dialog, FormDialog):
        return dialog.button_box(submit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setAutoDefault(True)
    save.setDefault(True)
    return buttons


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar to pick from, shown as 2026-11-21."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    day = value.toPython()
    assert isinstance(day, dt.date)
    return day


class OptionalMoment(QWidget):
    """A local date and time that may be left unrecorded."""

    def __init__(self, name: str, value: dt.datetime | None, default: dt.datetime) -> None:
        super().__init__()
        self.recorded = QCheckBox("recorded")
        self.recorded.setObjectName(f"{name}_recorded")
        self.edit = QDateTimeEdit()
        self.edit.setObjectName(name)
        self.edit.setDisplayFormat("ddd MMM d yyyy HH:mm")
        self.edit.setEnabled(False)
        self.recorded.toggled.connect(self.edit.setEnabled)
        self._show(value or default)
        self.recorded.setChecked(value is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.recorded)

    def _show(self, value: dt.datetime) -> None:
        self.edit.setDateTime(
            QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)
        )

    def set_value(self, value: dt.datetime | None) -> None:
        if value is not None:
            self._show(value)
        self.recorded.setChecked(value is not None)

    def value(self, time_zone: ZoneInfo) -> dt.datetime | None:
        if not self.recorded.isChecked():
            return None
        local = self.edit.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        return local.replace(second=0, microsecond=0, tzinfo=time_zone).astimezone(dt.UTC)


def optional_number(name: str, value: int | None, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(-1, maximum)
    box.setSpecialValueText("not recorded")
    box.setValue(-1 if value is None else value)
    return box


def filter_combo(name: str, everything: str, choices: dict[str, str]) -> QComboBox:
    """A filter over a vocabulary: "All …" (no filter, data None), then each label."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for code, text in choices.items():
        combo.addItem(text, code)
    return combo


def record_table(
    name: str,
    model: QAbstractItemModel,
    widths: Sequence[int],
    on_activate: Callable[[], object],
) -> QTableView:
    """A read-only, row-selecting, sortable table of records, one line per row, that calls
    ``on_activate`` on a double click. Fixed column widths: sizing to contents would read
    every page of a large paged model."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.doubleClicked.connect(lambda _index: on_activate())
    return table

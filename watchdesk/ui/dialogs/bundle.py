"""Exchange bundle dialogs: what to export (profile, period) and the import preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.exchange.bundle_import import ImportSummary
from watchdesk.ops.exchange import FULL_WARNING, NOT_UNDOABLE
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import style_date_edit


def _date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class BundleExportDialog(FormDialog):
    """Profile and (optionally) the period of a bundle of the current group."""

    def __init__(self, parent: QWidget | None, group_name: str, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export bundle")
        self.precinct = QRadioButton(
            "For the precinct (redacted: no member phone, e-mail or home address; names "
            "only with consent; locations rounded)"
        )
        self.precinct.setObjectName("profile_precinct")
        self.full = QRadioButton("Everything, to move the group to another computer")
        self.full.setObjectName("profile_full")
        self.precinct.setChecked(True)
        self.warning = QLabel(FULL_WARNING)
        self.warning.setObjectName("full_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a40000; font-weight: bold;")
        self.warning.setVisible(False)
        self.full.toggled.connect(self.warning.setVisible)

        self.limited = QCheckBox("Only records from")
        self.limited.setObjectName("limit_period")
        start = QDate(today.year, today.month, 1)
        self.first = QDateEdit(start.addMonths(-1))
        self.first.setObjectName("first")
        self.last = QDateEdit(QDate(today.year, today.month, today.day))
        self.last.setObjectName("last")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            style_date_edit(edit)
            edit.setEnabled(False)
            self.limited.toggled.connect(edit.setEnabled)
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.limited)
        row.addWidget(self.first)
        row.addWidget(QLabel("to"))
        row.addWidget(self.last)
        row.addStretch(1)

        form = QFormLayout()
        form.addRow("Group:", QLabel(group_name))
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.precinct)
        body.addWidget(self.full)
        body.addWidget(self.warning)
        body.addWidget(period)
        body.addStretch(1)
        buttons = self.button_box(self.accept, QDialogButtonBox.StandardButton.Ok, "Choose file…")
        self.set_body(body, buttons)

    @property
    def profile(self) -> str:
        return "full" if self.full.isChecked() else "precinct"

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.limited.isChecked():
            return None, None
        return _date(self.first), _date(self.last)

    def accept(self) -> None:
        first, last = self.period()
        if first and last and last < first:
            self.limited.setText("Only records from (the end is before the start)")
            return
        super().accept()


class BundlePreviewDialog(FormDialog):
    """What an import will add, update and leave alone, before anything is written."""

    track_changes = False  # read only: nothing to lose

    def __init__(self, parent: QWidget | None, file_name: str, summary: ImportSummary) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.resize(640, 420)
        heading = QLabel(
            "Checked: every file, checksum, record and reference is valid. Nothing has been "
            f"written yet. {NOT_UNDOABLE}"
        )
        heading.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(summary.lines()))
        self.details.setObjectName("preview")
        self.details.setReadOnly(True)
        buttons = self.button_box(self.accept, QDialogButtonBox.StandardButton.Ok, "Import")
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("do_import")
        body = QVBoxLayout()
        body.addWidget(heading)
        body.addWidget(self.details, 1)
        self.set_body(body, buttons, scroll=False)

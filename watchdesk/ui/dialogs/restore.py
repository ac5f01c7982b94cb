"""File > Restore from backup: the file's backups with date, size and record counts; the
chosen one replaces the open file (``Application.restore``; the current file is kept aside)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.db.backup_set import COUNTED, BackupFile
from watchdesk.ops.backups import Listing, backups_with_counts
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import shown_moment

if TYPE_CHECKING:
    from watchdesk.ui.operations import Operations

REASONS = {
    "on-close": "On closing",
    "while-editing": "While editing",
    "before-import": "Before an import",
    "before-upgrade": "Before an upgrade",
    "before-restore": "Before a restore",
    "manual": "Backed up by hand",
}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


class RestoreDialog(FormDialog):
    track_changes = False  # a choice from a list: nothing typed

    def __init__(self, parent: QWidget | None, database: Path, operations: Operations) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(760, 420)
        self.backups: list[BackupFile] = []
        self.note = QLabel("Reading the backups…")
        self.note.setObjectName("restore_note")
        self.note.setWordWrap(True)
        headers = ["Taken", "Why", "Size", *(label.capitalize() for _t, label in COUNTED)]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.adopt_buttons(buttons)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.chosen() is not None)
        )
        heading = QLabel(
            f"Backups of {database.name}, newest first. Restoring replaces the open file "
            "with the chosen backup; the file as it is now is kept as a backup first."
        )
        heading.setWordWrap(True)
        body = QVBoxLayout()
        body.addWidget(heading)
        body.addWidget(self.table, 1)
        body.addWidget(self.note)
        self.set_body(body, buttons, scroll=False)
        operations.query(
            self,
            "list backups",
            lambda _p: backups_with_counts(database),
            self._show,
            failed=self._fail,
        )

    def _show(self, listing: Listing) -> None:
        self.backups = [backup for backup, _counts in listing]
        self.table.setRowCount(len(listing))
        for row, (backup, counts) in enumerate(listing):
            taken = shown_moment(backup.taken_at, None)
            cells = [
                taken,
                REASONS.get(backup.reason, backup.reason),
                size_text(backup.size),
                *(f"{counts[label]:,}" for _t, label in COUNTED),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.note.setText("" if listing else "There are no backups of this file yet.")

    def _fail(self, error: BaseException) -> None:
        self.note.setText(f"The backups could not be read: {error}")

    def chosen(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

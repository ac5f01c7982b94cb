"""Import a roster spreadsheet: choose the file, check the guessed columns, preview every
row with its problems, then write all of it in one transaction (or nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.roster import IGNORE, ROSTER_FIELDS, Table, guess_mapping, read_roster
from watchdesk.core.words import count as counted
from watchdesk.ops.roster import NOT_UNDOABLE, import_roster, preview_roster_import
from watchdesk.services.roster_import import ImportPlan
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.errors import message_for, show_error

ACTION_LABELS = {"add": "Add", "update": "Update", "skip": "Skip"}


class RosterImportDialog(FormDialog):
    def __init__(self, parent: QWidget | None, context: AppContext) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import roster")
        self.resize(900, 640)
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.path: Path | None = None

        self.file_label = QLabel("No file chosen.")
        self.file_label.setObjectName("file_label")
        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("mapping")
        self.mapping.setHorizontalHeaderLabels(["Column in the file", "First value", "Means"])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.preview = QTableWidget(0, 4)
        self.preview.setObjectName("preview")
        self.preview.setHorizontalHeaderLabels(["Row", "Name", "Action", "Why / problems"])
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.preview_button = QPushButton("Preview")
        self.preview_button.setObjectName("preview_button")
        self.preview_button.clicked.connect(self.make_preview)
        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.run_import)
        box.rejected.connect(self.reject)
        self.adopt_buttons(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(box)
        body = QVBoxLayout()
        body.addWidget(self.file_label)
        body.addWidget(QLabel("1. Check what each column means:"))
        body.addWidget(self.mapping, 2)
        body.addWidget(QLabel("2. Preview: nothing is written until you press Import."))
        body.addWidget(self.preview, 3)
        self.set_body(body, buttons, scroll=False)

    def choose_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, "Roster spreadsheet", "", "Rosters (*.csv *.xlsx *.txt);;All files (*)"
        )
        return bool(path) and self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read the file and guess its columns; False (after saying why) if it is unusable."""
        try:
            table = read_roster(path.name, path.read_bytes())
        except (OSError, ValueError) as error:
            show_error(self, ValueError(f"{path.name}: {message_for(error)[0]}"))
            return False
        self.path, self.table = path, table
        self.file_label.setText(f"{path} — {counted(len(table.rows), 'row', thousands=True)}")
        guessed = guess_mapping(table.headers)
        self.mapping.setRowCount(len(table.headers))
        first = table.rows[0][1] if table.rows else []
        for index, header in enumerate(table.headers):
            self.mapping.setItem(index, 0, QTableWidgetItem(header))
            sample = first[index] if index < len(first) else ""
            self.mapping.setItem(index, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.setObjectName(f"map_{index}")
            combo.addItem("(ignore)", IGNORE)
            for code, text in ROSTER_FIELDS.items():
                if code != IGNORE:
                    combo.addItem(text, code)
            combo.setCurrentIndex(max(combo.findData(guessed.get(index, IGNORE)), 0))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(index, 2, combo)
        self.mapping.resizeColumnsToContents()
        self.mark_clean()  # the guessed columns; a change of them is the user's
        self.make_preview()
        return True

    def current_mapping(self) -> dict[int, str]:
        mapping = {}
        for index in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(index, 2)
            assert isinstance(combo, QComboBox)
            if combo.currentData() != IGNORE:
                mapping[index] = str(combo.currentData())
        return mapping

    def _mapping_changed(self) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText("Columns changed: press Preview.")

    def make_preview(self) -> None:
        if self.table is None:
            return
        table, mapping = self.table, self.current_mapping()
        db, group_id = self.context.db, self.context.group_id
        assert group_id is not None

        self.import_button.setEnabled(False)
        self.context.operations.query(
            self,
            "roster preview",
            lambda _progress: preview_roster_import(db, group_id, table, mapping),
            self._show_plan,
            failed=self._preview_failed,
        )

    def _preview_failed(self, error: BaseException) -> None:
        self.preview.setRowCount(0)
        self.summary.setText(message_for(error)[0])

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview.setRowCount(len(plan.rows))
        for position, planned in enumerate(plan.rows):
            cells = (
                str(planned.row.row_number),
                planned.name.strip(),
                ACTION_LABELS[planned.action],
                planned.reason,
            )
            for column, text in enumerate(cells):
                self.preview.setItem(position, column, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        writes = plan.count("add") + plan.count("update")
        self.summary.setText(
            f"{plan.count('add')} to add, {plan.count('update')} to update, "
            f"{plan.count('skip')} skipped (see why above). {NOT_UNDOABLE}"
        )
        self.import_button.setEnabled(writes > 0)

    def run_import(self) -> None:
        if self.table is None:
            return
        table, mapping = self.table, self.current_mapping()
        db, group_id = self.context.db, self.context.group_id
        assert group_id is not None

        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.context.operations.perform(
            self,
            "roster import",
            lambda progress: import_roster(db, group_id, table, mapping, progress),
            self._imported,
            dialog=True,
            failed=self._import_failed,
        )

    def _imported(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.accept()

    def _import_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        show_error(self, error, self.context.log_path)

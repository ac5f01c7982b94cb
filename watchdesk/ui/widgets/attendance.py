"""The sign-in grid used for training sessions and meetings: one row per person, a status
picker per row, and a way to add people. Changes are written as they are made, by the page
(each one step in Edit > Undo); the page shows the grid again once they are."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.vocabulary import ATTENDANCE_STATUSES
from watchdesk.services.attendance import AttendanceLine


class AttendanceGrid(QWidget):
    def __init__(
        self,
        set_status: Callable[[list[int], str], None],
        add_people: Callable[[list[int]], None],
    ) -> None:
        """``set_status(member_ids, status)`` and ``add_people(member_ids)`` write (and show
        their own errors): "Mark all present" is one call, so one step to undo."""
        super().__init__()
        self._set_status = set_status
        self._add_people = add_people
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("attendance")
        self.table.setHorizontalHeaderLabels(["Name", "Block", "Status"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 130)
        self.candidates = QComboBox()
        self.candidates.setObjectName("attendance_candidates")
        self.candidates.setEditable(True)  # type to find someone
        self.add_button = QPushButton("Add to the list")
        self.add_button.setObjectName("attendance_add")
        self.add_button.clicked.connect(self._add_selected)
        self.mark_all = QPushButton("Mark all present")
        self.mark_all.setObjectName("attendance_all_present")
        self.mark_all.clicked.connect(self._all_present)
        row = QHBoxLayout()
        row.addWidget(self.candidates, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.mark_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_lines(
        self, lines: Sequence[AttendanceLine], candidates: Sequence[tuple[int, str]]
    ) -> None:
        self.table.setRowCount(len(lines))
        listed = {line.member_id for line in lines}
        for position, line in enumerate(lines):
            self.table.setItem(position, 0, QTableWidgetItem(line.name))
            self.table.setItem(position, 1, QTableWidgetItem(line.block_name or ""))
            picker = QComboBox()
            picker.setObjectName(f"status_{line.member_id}")
            for code, text in ATTENDANCE_STATUSES.items():
                picker.addItem(text, code)
            picker.setCurrentIndex(max(picker.findData(line.status), 0))
            picker.setProperty("member_id", line.member_id)
            picker.currentIndexChanged.connect(lambda _i, p=picker: self._status_changed(p))
            self.table.setCellWidget(position, 2, picker)
        self.candidates.clear()
        for member_id, name in candidates:
            if member_id not in listed:
                self.candidates.addItem(name, member_id)
        self.candidates.setCurrentIndex(-1)

    def status_of(self, member_id: int) -> str | None:
        for position in range(self.table.rowCount()):
            picker = self.table.cellWidget(position, 2)
            if isinstance(picker, QComboBox) and picker.property("member_id") == member_id:
                return str(picker.currentData())
        return None

    def _status_changed(self, picker: QComboBox) -> None:
        self._set_status([int(picker.property("member_id"))], str(picker.currentData()))

    def _add_selected(self) -> None:
        member_id = self.candidates.currentData()
        if member_id is not None:
            self._add_people([int(member_id)])

    def _all_present(self) -> None:
        """Everyone listed who is not marked present yet, in one change."""
        absent = []
        for position in range(self.table.rowCount()):
            picker = self.table.cellWidget(position, 2)
            if isinstance(picker, QComboBox) and picker.currentData() != "present":
                absent.append(int(picker.property("member_id")))
        if absent:
            self._set_status(absent, "present")

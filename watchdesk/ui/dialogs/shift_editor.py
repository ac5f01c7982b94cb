"""The shift editor: when and where, staffing, required training, weekly repeat, and who
patrols, with each member's conflicts and eligibility shown before anything is saved.

The dialog only gathers a :class:`ShiftEdit`; the page writes it in one transaction. It asks
the page (through ``candidates``) which members could take the shift as currently drafted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import ShiftDraft, clean_shift_draft
from watchdesk.core.recurrence import WEEKDAY_NAMES, weekday_mask, weekdays_of
from watchdesk.core.scheduling import Problem, shift_length_question
from watchdesk.services.patrols import AssignmentLine, ShiftDetail
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, from_qdate, save_cancel, style_date_edit, to_qdate

# (member id, name, problems) for the shift as drafted.
Candidates = Callable[[ShiftDraft], Sequence[tuple[int, str, Sequence[Problem]]]]


def confirm_shift_length(parent: QWidget, question: str) -> bool:
    """Ask whether an overnight or very long shift is meant (Yes/No; No is the default).
    Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        "Check the shift's times",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


@dataclass
class ShiftEdit:
    draft: ShiftDraft
    scope: str  # "one" | "future"
    added: list[tuple[int, str | None]] = field(default_factory=list)  # member id, override
    removed: list[int] = field(default_factory=list)  # assignment ids


class ShiftEditor(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        blocks: Sequence[tuple[int, str]],
        courses: Sequence[tuple[int, str]],
        candidates: Candidates,
        start: ShiftDraft,
        detail: ShiftDetail | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shift_editor")
        self.setWindowTitle("Edit shift" if detail else "New shift")
        self.detail = detail
        self.candidates = candidates
        self.result_edit: ShiftEdit | None = None
        self.errors = FieldErrors()
        self.added: list[tuple[int, str, str | None]] = []  # id, name, override
        self.removed: list[int] = []
        self._problems: dict[int, Sequence[Problem]] = {}

        self.date = QDateEdit(to_qdate(start.local_date))
        self.date.setObjectName("shift_date")
        self.date.setCalendarPopup(True)
        self.start = QTimeEdit(QTime(start.start.hour, start.start.minute))
        self.start.setObjectName("shift_start")
        self.end = QTimeEdit(QTime(start.end.hour, start.end.minute))
        self.end.setObjectName("shift_end")
        for edit in (self.date, self.start, self.end):
            style_date_edit(edit)
        self.overnight = QLabel()
        self.overnight.setObjectName("shift_overnight")
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end)
        row.addWidget(self.overnight, 1)
        self.block = QComboBox()
        self.block.setObjectName("shift_block")
        self.block.addItem("(no block: describe the route)", None)
        for block_id, name in blocks:
            self.block.addItem(name, block_id)
        self.block.setCurrentIndex(max(0, self.block.findData(start.block_id)))
        self.route = QLineEdit(start.route)
        self.route.setObjectName("shift_route")
        self.minimum = QSpinBox()
        self.minimum.setObjectName("shift_min")
        self.minimum.setRange(0, 20)
        self.minimum.setValue(start.min_patrollers)
        self.maximum = QSpinBox()
        self.maximum.setObjectName("shift_max")
        self.maximum.setRange(1, 20)
        self.maximum.setValue(start.max_patrollers)
        staffing = QWidget()
        row = QHBoxLayout(staffing)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("at least"))
        row.addWidget(self.minimum)
        row.addWidget(QLabel("at most"))
        row.addWidget(self.maximum)
        row.addStretch(1)
        self.vehicle = QLineEdit(start.vehicle)
        self.vehicle.setObjectName("shift_vehicle")
        self.notes = QPlainTextEdit(start.notes)
        self.notes.setObjectName("shift_notes")
        self.notes.setFixedHeight(54)
        self.courses = QListWidget()
        self.courses.setObjectName("shift_courses")
        self.courses.setFixedHeight(70)
        inherited = set(detail.series_course_ids) if detail else set()
        for course_id, title in courses:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, course_id)
            item.setCheckState(
                Qt.CheckState.Checked
                if course_id in start.required_course_ids
                else Qt.CheckState.Unchecked
            )
            if course_id in inherited:
                item.setToolTip("Required by the series: change it for all future occurrences")
            self.courses.addItem(item)

        form = QFormLayout()
        self.errors.add_row(form, "Date", "local_date", self.date)
        self.errors.add_row(form, "Time", "end", times)
        self.errors.add_row(form, "Block", "block_id", self.block)
        self.errors.add_row(form, "Route", "route", self.route)
        self.errors.add_row(form, "Patrollers", "max_patrollers", staffing)
        self.errors.add_row(form, "Vehicle", "vehicle", self.vehicle)
        self.errors.add_row(form, "Notes", "notes", self.notes)
        self.errors.add_row(form, "Required training", "required_course_ids", self.courses)

        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self._repeat_box(start))
        body.addWidget(self._scope_box())
        body.addWidget(self._people_box())
        self.set_body(body, save_cancel(self, self.submit))

        for signal in (self.date.dateChanged, self.start.timeChanged, self.end.timeChanged):
            signal.connect(self.refresh)
        self.courses.itemChanged.connect(self.refresh)
        self.scope_one.toggled.connect(self._scope_changed)
        self._scope_changed()
        self.refresh()

    # -- sections -----------------------------------------------------------------------------
    def _repeat_box(self, start: ShiftDraft) -> QGroupBox:
        box = QGroupBox("Repeat weekly")
        box.setObjectName("shift_repeat")
        box.setCheckable(True)
        box.setChecked(bool(start.repeat_weekdays))
        self.repeat = box
        days = weekdays_of(start.repeat_weekdays) or [start.local_date.weekday()]
        self.day_boxes = []
        row = QHBoxLayout()
        for index, name in enumerate(WEEKDAY_NAMES):
            check = QCheckBox(name)
            check.setObjectName(f"repeat_{name.lower()}")
            check.setChecked(index in days)
            self.day_boxes.append(check)
            row.addWidget(check)
        self.has_end = QCheckBox("until")
        self.has_end.setObjectName("repeat_has_end")
        self.has_end.setChecked(start.repeat_until is not None)
        until = start.repeat_until or start.local_date + dt.timedelta(weeks=26)
        self.until = QDateEdit(to_qdate(until))
        self.until.setObjectName("repeat_until")
        self.until.setCalendarPopup(True)
        style_date_edit(self.until)
        self.exceptions = QLineEdit(", ".join(d.isoformat() for d in start.exceptions))
        self.exceptions.setObjectName("repeat_exceptions")
        self.exceptions.setPlaceholderText("Skip dates, e.g. 2026-12-25, 2027-01-01")
        form = QFormLayout()
        form.addRow("On", row)
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.until)
        end_row.addStretch(1)
        form.addRow("Ends", end_row)
        self.errors.add_row(form, "Not on", "exceptions", self.exceptions)
        self.errors.labels["repeat_until"] = self.errors.labels["exceptions"]
        box.setLayout(form)
        return box

    def _scope_box(self) -> QGroupBox:
        box = QGroupBox("Apply to")
        box.setObjectName("shift_scope")
        self.scope_one = QRadioButton("This occurrence only")
        self.scope_one.setObjectName("scope_one")
        self.scope_future = QRadioButton("This and all future occurrences")
        self.scope_future.setObjectName("scope_future")
        self.scope_one.setChecked(True)
        row = QHBoxLayout(box)
        row.addWidget(self.scope_one)
        row.addWidget(self.scope_future)
        box.setVisible(self.detail is not None and self.detail.series_id is not None)
        return box

    def _people_box(self) -> QGroupBox:
        box = QGroupBox("Patrollers on this date")
        self.assigned = QListWidget()
        self.assigned.setObjectName("shift_assigned")
        self.assigned.setFixedHeight(84)
        for line in self.detail.assignments if self.detail else ():
            self._add_assigned_item(line.member_id, self._line_text(line), line.id)
        self.remove_button = QPushButton("Take off")
        self.remove_button.setObjectName("shift_remove_member")
        self.remove_button.clicked.connect(self.remove_selected)
        self.member = QComboBox()
        self.member.setObjectName("shift_member")
        self.member.currentIndexChanged.connect(self._show_member_problems)
        self.member_problems = QLabel()
        self.member_problems.setObjectName("shift_member_problems")
        self.member_problems.setWordWrap(True)
        self.override = QLineEdit()
        self.override.setObjectName("shift_override")
        self.override.setPlaceholderText("Reason to assign anyway (recorded)")
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("shift_add_member")
        self.add_button.clicked.connect(self.add_member)
        picker = QHBoxLayout()
        picker.addWidget(self.member, 1)
        picker.addWidget(self.add_button)
        column = QVBoxLayout(box)
        top = QHBoxLayout()
        top.addWidget(self.assigned, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        column.addLayout(picker)
        column.addWidget(self.member_problems)
        column.addWidget(self.override)
        # Enter after a reason to assign anyway adds the member; Save would drop the reason.
        self.enter_clicks(self.add_button, self.override)
        return box

    @staticmethod
    def _line_text(line: AssignmentLine) -> str:
        text = f"{line.name} — {line.status_label}"
        if line.override_reason:
            text += f" (override: {line.override_reason})"
        return text

    def _add_assigned_item(self, member_id: int, text: str, assignment_id: int | None) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, (member_id, assignment_id))
        self.assigned.addItem(item)

    # -- reading the form ----------------------------------------------------------------------
    def extra_state(self) -> object:
        return tuple(self.added), tuple(self.removed)

    def _exceptions(self) -> tuple[dt.date, ...] | None:
        days = []
        for part in self.exceptions.text().replace(";", ",").split(","):
            if part.strip():
                try:
                    days.append(dt.date.fromisoformat(part.strip()))
                except ValueError:
                    return None
        return tuple(days)

    def current_draft(self) -> ShiftDraft:
        clock_start = self.start.time().toPython()
        clock_end = self.end.time().toPython()
        assert isinstance(clock_start, dt.time) and isinstance(clock_end, dt.time)
        repeat = 0
        if self.repeat.isChecked():
            repeat = weekday_mask(i for i, box in enumerate(self.day_boxes) if box.isChecked())
        courses = tuple(
            int(self.courses.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.courses.count())
            if self.courses.item(i).checkState() == Qt.CheckState.Checked
        )
        return ShiftDraft(
            local_date=from_qdate(self.date.date()),
            start=clock_start.replace(second=0, microsecond=0),
            end=clock_end.replace(second=0, microsecond=0),
            block_id=self.block.currentData(),
            route=self.route.text(),
            min_patrollers=self.minimum.value(),
            max_patrollers=self.maximum.value(),
            vehicle=self.vehicle.text(),
            notes=self.notes.toPlainText(),
            required_course_ids=courses,
            repeat_weekdays=repeat,
            repeat_until=from_qdate(self.until.date()) if self.has_end.isChecked() else None,
            exceptions=self._exceptions() or (),
        )

    def scope(self) -> str:
        if self.detail is None or self.detail.series_id is None:
            return "future" if self.repeat.isChecked() else "one"
        return "one" if self.scope_one.isChecked() else "future"

    # -- reactions ----------------------------------------------------------------------------
    def _scope_changed(self) -> None:
        """Repeating and series-wide courses can only change for all future occurrences."""
        one = self.scope() == "one" and self.detail is not None
        self.repeat.setEnabled(not one)
        inherited = set(self.detail.series_course_ids) if self.detail else set()
        for i in range(self.courses.count()):
            item = self.courses.item(i)
            course_id = item.data(Qt.ItemDataRole.UserRole)
            flags = item.flags()
            if one and course_id in inherited:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)

    def refresh(self) -> None:
        """Say when the shift crosses midnight, and re-check every member against it."""
        crosses = self.end.time() <= self.start.time()
        self.overnight.setText("ends the next morning" if crosses else "")
        draft = self.current_draft()
        chosen = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        self._problems = {}
        on_shift = {
            self.assigned.item(i).data(Qt.ItemDataRole.UserRole)[0]
            for i in range(self.assigned.count())
        }
        for member_id, name, problems in self.candidates(draft):
            if member_id in on_shift:
                continue
            self._problems[member_id] = problems
            mark = "" if not problems else (" ⛔" if any(p.hard for p in problems) else " ⚠")
            self.member.addItem(f"{name}{mark}", member_id)
        self.member.setCurrentIndex(max(0, self.member.findData(chosen)))
        self.member.blockSignals(False)
        self._show_member_problems()

    def _show_member_problems(self) -> None:
        member_id = self.member.currentData()
        problems = self._problems.get(member_id, ()) if member_id is not None else ()
        if member_id is None:
            text = "Nobody else is active in the group."
        elif not problems:
            text = "Available and eligible."
        else:
            text = "; ".join(p.message for p in problems)
        hard = any(p.hard for p in problems)
        self.member_problems.setText(text)
        colour = "#b00020" if hard else ("#8a5a00" if problems else "#2e7d32")
        self.member_problems.setStyleSheet(f"color: {colour};")
        self.override.setVisible(bool(problems) and not hard)
        self.add_button.setEnabled(member_id is not None and not hard)

    def add_member(self) -> None:
        member_id = self.member.currentData()
        if member_id is None:
            return
        problems = self._problems.get(member_id, ())
        reason = self.override.text().strip() or None
        if any(p.hard for p in problems):
            return
        if problems and not reason:
            self.member_problems.setText(
                self.member_problems.text() + " — give a reason to assign them anyway."
            )
            self.override.setFocus()
            return
        name = self.member.currentText().rstrip(" ⚠")
        text = f"{name} — Scheduled" + (f" (override: {reason})" if problems else "")
        self.added.append((member_id, name, reason if problems else None))
        self._add_assigned_item(member_id, text, None)
        self.override.clear()
        self.refresh()

    def remove_selected(self) -> None:
        item = self.assigned.currentItem()
        if item is None:
            return
        member_id, assignment_id = item.data(Qt.ItemDataRole.UserRole)
        if assignment_id is not None:
            self.removed.append(assignment_id)
        else:
            self.added = [a for a in self.added if a[0] != member_id]
        self.assigned.takeItem(self.assigned.row(item))
        self.refresh()

    def submit(self) -> None:
        draft = self.current_draft()
        if self._exceptions() is None:
            self.errors.clear()
            label = self.errors.labels["exceptions"]
            label.setText("write dates as YYYY-MM-DD, separated by commas")
            label.show()
            return
        if self.repeat.isChecked() and not draft.repeat_weekdays and self.scope() != "one":
            label = self.errors.labels["exceptions"]
            label.setText("tick at least one weekday")
            label.show()
            return
        if not self.errors.valid(clean_shift_draft, draft):
            return
        question = shift_length_question(draft.start, draft.end)
        if question is not None and not confirm_shift_length(self, question):
            return  # back to the form, everything as typed
        self.result_edit = ShiftEdit(
            draft,
            self.scope(),
            [(member_id, reason) for member_id, _, reason in self.added],
            list(self.removed),
        )
        self.accept()

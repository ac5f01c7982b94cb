"""Check-in and the patrol log of one shift.

Check-in, check-out and no-show buttons act at once (each is its own small transaction, as
they happen on the night). The log itself (actual times, odometer, hazards, police calls,
timed notes, observations made) is gathered and written in one transaction on Save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.scheduling import TRANSITIONS
from watchdesk.core.vocabulary import OBSERVATION_CATEGORIES, label
from watchdesk.services.patrol_log import LogInput, PatrolLogView, clean_log
from watchdesk.services.patrols import AssignmentLine
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import (
    FieldErrors,
    OptionalMoment,
    optional_number,
    save_cancel,
    shown_clock,
    style_date_edit,
)

# Called with (assignment id, new status); returns the refreshed patrollers and log (check-in
# starts the log's clock), or None when the change was refused.
StatusAction = Callable[[int, str], tuple[Sequence[AssignmentLine], LogInput] | None]

ACTIONS = (
    ("confirmed", "Confirm"),
    ("checked_in", "Check in"),
    ("completed", "Check out"),
    ("no_show", "No-show"),
)


@dataclass
class LogEdit:
    data: LogInput
    new_entries: list[tuple[dt.datetime, str, str]] = field(default_factory=list)
    removed_entries: list[int] = field(default_factory=list)
    links: dict[int, bool] = field(default_factory=dict)


class PatrolLogDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        heading: str,
        time_zone: ZoneInfo,
        starts_at: dt.datetime,
        ends_at: dt.datetime,
        view: PatrolLogView,
        lines: Sequence[AssignmentLine],
        act: StatusAction,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("patrol_log")
        self.setWindowTitle("Check-in and patrol log")
        self.time_zone = time_zone
        self.act = act
        self.result_edit: LogEdit | None = None
        self.errors = FieldErrors()
        self.removed_entries: list[int] = []
        # (entry id or None when new, local time, place, note), one per table row.
        self.entry_rows: list[tuple[int | None, dt.datetime, str, str]] = []
        self.shift_start = starts_at.astimezone(time_zone)

        title = QLabel(heading)
        title.setObjectName("log_heading")
        title.setStyleSheet("font-weight: bold;")

        self.people = QTableWidget(0, 2)
        self.people.setObjectName("log_people")
        self.people.setHorizontalHeaderLabels(["Patroller", "Status"])
        self.people.horizontalHeader().setStretchLastSection(True)
        self.people.verticalHeader().hide()
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setFixedHeight(110)
        self.people.itemSelectionChanged.connect(self._enable_actions)
        self.action_buttons: dict[str, QPushButton] = {}
        buttons_row = QHBoxLayout()
        for status, caption in ACTIONS:
            button = QPushButton(caption)
            button.setObjectName(f"log_{status}")
            button.clicked.connect(lambda _=False, s=status: self.change_status(s))
            self.action_buttons[status] = button
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        people_box = QGroupBox("Patrollers")
        column = QVBoxLayout(people_box)
        column.addWidget(self.people)
        column.addLayout(buttons_row)
        self.show_lines(lines)

        data = view.data
        self.actual_start = OptionalMoment(
            "log_actual_start",
            data.actual_start and data.actual_start.astimezone(time_zone),
            starts_at.astimezone(time_zone),
        )
        self.actual_end = OptionalMoment(
            "log_actual_end",
            data.actual_end and data.actual_end.astimezone(time_zone),
            ends_at.astimezone(time_zone),
        )
        self.odometer_start = optional_number("log_odometer_start", data.odometer_start, 9_999_999)
        self.odometer_end = optional_number("log_odometer_end", data.odometer_end, 9_999_999)
        self.hazards = QLineEdit(data.hazards)
        self.hazards.setObjectName("log_hazards")
        self.hazards.setPlaceholderText("e.g. streetlight out at Queens & 3rd, open garage at 14")
        self.police_calls = QSpinBox()
        self.police_calls.setObjectName("log_police_calls")
        self.police_calls.setRange(0, 99)
        self.police_calls.setValue(data.police_calls)
        self.notes = QPlainTextEdit(data.notes)
        self.notes.setObjectName("log_notes")
        self.notes.setFixedHeight(50)
        form = QFormLayout()
        self.errors.add_row(form, "Started", "actual_start", self.actual_start)
        self.errors.add_row(form, "Finished", "actual_end", self.actual_end)
        self.errors.add_row(form, "Odometer start", "odometer_start", self.odometer_start)
        self.errors.add_row(form, "Odometer end", "odometer_end", self.odometer_end)
        self.errors.add_row(form, "Hazards found", "hazards", self.hazards)
        self.errors.add_row(form, "Police calls", "police_calls", self.police_calls)
        self.errors.add_row(form, "Notes", "notes", self.notes)

        entries_box = QGroupBox("Timed notes")
        self.entries = QTableWidget(0, 3)
        self.entries.setObjectName("log_entries")
        self.entries.setHorizontalHeaderLabels(["Time", "Where", "Note"])
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.verticalHeader().hide()
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries.setFixedHeight(100)
        for entry in view.entries:
            self._add_entry_row(
                entry.noted_at.astimezone(time_zone), entry.location_text, entry.note, entry.id
            )
        self.entry_time = QTimeEdit(QTime(self.shift_start.hour, self.shift_start.minute))
        self.entry_time.setObjectName("log_entry_time")
        style_date_edit(self.entry_time)
        self.entry_place = QLineEdit()
        self.entry_place.setObjectName("log_entry_place")
        self.entry_place.setPlaceholderText("Where (e.g. Queens St)")
        self.entry_note = QLineEdit()
        self.entry_note.setObjectName("log_entry_note")
        self.entry_note.setPlaceholderText("What (e.g. all quiet)")
        add = QPushButton("Add note")
        add.setObjectName("log_add_entry")
        add.clicked.connect(self.add_entry)
        remove = QPushButton("Remove")
        remove.setObjectName("log_remove_entry")
        remove.clicked.connect(self.remove_entry)
        entry_row = QHBoxLayout()
        for widget in (self.entry_time, self.entry_place, self.entry_note, add, remove):
            entry_row.addWidget(widget)
        # Enter in the note's own fields adds the note; Save would leave it unwritten.
        self.enter_clicks(add, self.entry_time, self.entry_place, self.entry_note)
        self.unadded = QLabel("Press Add note to keep the note typed here, or clear it.")
        self.unadded.setObjectName("log_unadded")
        self.unadded.setStyleSheet("color: #b00020;")
        self.unadded.setWordWrap(True)
        self.unadded.hide()
        column = QVBoxLayout(entries_box)
        column.addWidget(self.entries)
        column.addLayout(entry_row)
        column.addWidget(self.unadded)

        observed_box = QGroupBox("Observations made on this patrol")
        self.observations = QListWidget()
        self.observations.setObjectName("log_observations")
        self.observations.setFixedHeight(80)
        for observation in view.observations:
            when = observation.occurred_at.astimezone(time_zone)
            item = QListWidgetItem(
                f"{shown_clock(when)} {label(OBSERVATION_CATEGORIES, observation.category)}: "
                f"{observation.description[:80]}"
            )
            item.setData(Qt.ItemDataRole.UserRole, observation.id)
            item.setCheckState(
                Qt.CheckState.Checked if observation.linked else Qt.CheckState.Unchecked
            )
            self.observations.addItem(item)
        self.linked_before = {o.id: o.linked for o in view.observations}
        column = QVBoxLayout(observed_box)
        column.addWidget(self.observations)
        if not view.observations:
            column.addWidget(QLabel("No observation was recorded during this shift."))

        body = QVBoxLayout()
        body.addWidget(title)
        body.addWidget(people_box)
        body.addLayout(form)
        body.addWidget(entries_box)
        body.addWidget(observed_box)
        self.set_body(body, save_cancel(self, self.submit))

    # -- patrollers -----------------------------------------------------------------------------
    def show_lines(self, lines: Sequence[AssignmentLine]) -> None:
        selected = self.people.currentRow()
        self.lines = list(lines)
        self.people.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            self.people.setItem(row, 0, QTableWidgetItem(line.name))
            self.people.setItem(row, 1, QTableWidgetItem(line.status_label))
        if self.lines:
            self.people.selectRow(min(max(selected, 0), len(self.lines) - 1))
        self._enable_actions()

    def _enable_actions(self) -> None:
        row = self.people.currentRow()
        allowed = TRANSITIONS[self.lines[row].status] if 0 <= row < len(self.lines) else frozenset()
        for status, button in self.action_buttons.items():
            button.setEnabled(status in allowed)

    def change_status(self, status: str) -> None:
        row = self.people.currentRow()
        if not 0 <= row < len(self.lines):
            return
        answer = self.act(self.lines[row].id, status)
        if answer is None:
            return
        lines, log = answer
        self.show_lines(lines)
        for moment, widget in (
            (log.actual_start, self.actual_start),
            (log.actual_end, self.actual_end),
        ):
            if moment is not None and not widget.recorded.isChecked():
                widget.set_value(moment.astimezone(self.time_zone))
                self.mark_clean(widget)  # written already by the check-in or check-out

    # -- timed notes ----------------------------------------------------------------------------
    def _add_entry_row(
        self, when: dt.datetime, place: str, note: str, entry_id: int | None
    ) -> None:
        row = self.entries.rowCount()
        self.entry_rows.append((entry_id, when, place, note))
        self.entries.insertRow(row)
        self.entries.setItem(row, 0, QTableWidgetItem(shown_clock(when)))
        self.entries.setItem(row, 1, QTableWidgetItem(place))
        self.entries.setItem(row, 2, QTableWidgetItem(note))

    def add_entry(self) -> None:
        note = self.entry_note.text().strip()
        if not note:
            self.entry_note.setFocus()
            self.entry_note.setPlaceholderText("Write what you saw first")
            return
        clock = self.entry_time.time().toPython()
        assert isinstance(clock, dt.time)
        when = dt.datetime.combine(self.shift_start.date(), clock, tzinfo=self.time_zone)
        if clock < self.shift_start.time().replace(tzinfo=None) and clock < dt.time(12):
            when += dt.timedelta(days=1)  # after midnight on an evening patrol
        self._add_entry_row(when, self.entry_place.text().strip(), note, None)
        self.entry_note.clear()
        self.unadded.hide()

    def remove_entry(self) -> None:
        row = self.entries.currentRow()
        if row < 0:
            return
        entry_id = self.entry_rows.pop(row)[0]
        if entry_id is not None:
            self.removed_entries.append(entry_id)
        self.entries.removeRow(row)

    # -- saving ---------------------------------------------------------------------------------
    def extra_state(self) -> object:
        """The timed notes added or removed (a table, not editors)."""
        return tuple(self.entry_rows), tuple(self.removed_entries)

    def current_input(self) -> LogInput:
        def number(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()

        return LogInput(
            actual_start=self.actual_start.value(self.time_zone),
            actual_end=self.actual_end.value(self.time_zone),
            odometer_start=number(self.odometer_start),
            odometer_end=number(self.odometer_end),
            hazards=self.hazards.text(),
            police_calls=self.police_calls.value(),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        data = self.current_input()
        if not self.errors.valid(clean_log, data):
            return
        if self.entry_note.text().strip():
            self.unadded.show()
            self.entry_note.setFocus()
            return
        new_entries = [
            (when.astimezone(dt.UTC), place, note)
            for entry_id, when, place, note in self.entry_rows
            if entry_id is None
        ]
        links = {}
        for i in range(self.observations.count()):
            item = self.observations.item(i)
            observation_id = item.data(Qt.ItemDataRole.UserRole)
            linked = item.checkState() == Qt.CheckState.Checked
            if linked != self.linked_before.get(observation_id):
                links[observation_id] = linked
        self.result_edit = LogEdit(data, new_entries, list(self.removed_entries), links)
        self.accept()

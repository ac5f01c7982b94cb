"""The Meetings page: community meetings and events, their agenda, the officer's briefing,
minutes, and attendance on the same sign-in grid as training."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from watchdesk.core.entities import MeetingInput
from watchdesk.core.vocabulary import MEETING_KINDS, label
from watchdesk.db.models import MeetingAttendance
from watchdesk.services import meetings as meeting_service
from watchdesk.services.attendance import attendance_lines
from watchdesk.services.groups import get_group
from watchdesk.services.rows import MeetingRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.meeting import MeetingDialog
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.attendance import AttendanceGrid


class MeetingsPage(RecordPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Meetings")
        self.meetings: list[MeetingRow] = []

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("meeting_table")
        self.table.setHorizontalHeaderLabels(["When", "Kind", "Title", "Place"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self.show_meeting)
        new_button = QPushButton("New meeting or event…")
        new_button.setObjectName("new_meeting")
        new_button.clicked.connect(self.new_meeting)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(new_button)

        self.heading = QLabel()
        self.heading.setObjectName("meeting_heading")
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("agenda")
        self.agenda.setPlaceholderText("One agenda item per line")
        self.briefing = QPlainTextEdit()
        self.briefing.setObjectName("officer_briefing")
        self.briefing.setPlaceholderText("What the officer reported")
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("minutes")
        self.save_button = QPushButton("Save agenda, briefing and minutes")
        self.save_button.setObjectName("save_notes")
        self.save_button.clicked.connect(self.save_notes)
        print_button = QPushButton("Print sign-in sheet…")
        print_button.setObjectName("print_meeting_sign_in")
        print_button.clicked.connect(self.print_sign_in)
        self.grid = AttendanceGrid(self._set_status, self._add_people)
        notes = QFormLayout()
        notes.addRow("Agenda", self.agenda)
        notes.addRow("Officer's briefing", self.briefing)
        notes.addRow("Minutes", self.minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(print_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(notes, 2)
        right_layout.addLayout(buttons)
        right_layout.addWidget(QLabel("Attendance"))
        right_layout.addWidget(self.grid, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self, select_id: int | None = None) -> None:
        group_id = self.context.group_id
        if group_id is None:
            return
        current = self.current_meeting()
        keep = select_id if select_id is not None else current.id if current else None
        self.timezone = self.read(lambda s: get_group(s, group_id)).timezone
        self.meetings = self.read(lambda s: meeting_service.list_meetings(s, group_id))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.meetings))
        for position, meeting in enumerate(self.meetings):
            cells = (
                self.local(meeting.starts_at),
                label(MEETING_KINDS, meeting.kind),
                meeting.title,
                meeting.place or "",
            )
            for column, value in enumerate(cells):
                self.table.setItem(position, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        ids = [m.id for m in self.meetings]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        else:
            # Open on the next meeting: the one the coordinator is preparing.
            now = self.context.clock()
            upcoming = [p for p, m in enumerate(self.meetings) if m.starts_at >= now]
            self.table.selectRow(upcoming[-1] if upcoming else 0)
        self.show_meeting()

    def current_meeting(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.meetings[rows[0].row()] if rows else None

    def show_meeting(self) -> None:
        meeting = self.current_meeting()
        enabled = meeting is not None
        for widget in (self.agenda, self.briefing, self.minutes, self.save_button, self.grid):
            widget.setEnabled(enabled)
        if meeting is None:
            self.heading.setText("No meetings yet: add the next one.")
            for edit in (self.agenda, self.briefing, self.minutes):
                edit.clear()
            self.grid.show_lines([], [])
            return
        self.heading.setText(
            f"{meeting.title} — {self.local(meeting.starts_at)}"
            + (f" — {meeting.place}" if meeting.place else "")
        )
        notes = self.read(lambda s: meeting_service.meeting_notes(s, meeting.id))
        self.agenda.setPlainText("\n".join(notes.agenda))
        self.briefing.setPlainText(notes.officer_briefing or "")
        self.minutes.setPlainText(notes.minutes or "")
        self._show_attendance(meeting.id)

    def _show_attendance(self, meeting_id: int) -> None:
        lines = self.read(lambda s: attendance_lines(s, MeetingAttendance, meeting_id))
        self.grid.show_lines(lines, self.active_member_choices())

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self, self.timezone, self.today())
        if dialog.exec() and dialog.result_input is not None:
            self.add_meeting(dialog.result_input)

    def add_meeting(self, data: MeetingInput) -> None:
        group_id = self.context.group_id
        assert group_id is not None
        row = self.write(lambda s: meeting_service.add_meeting(s, group_id, data))
        if row is not None:
            self.refresh(row.id)

    def save_notes(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        notes = meeting_service.MeetingNotes(
            agenda=tuple(self.agenda.toPlainText().splitlines()),
            officer_briefing=self.briefing.toPlainText(),
            minutes=self.minutes.toPlainText(),
        )
        self.write(lambda s: meeting_service.update_meeting_notes(s, meeting.id, notes))
        self.refresh(meeting.id)

    def _set_status(self, member_id: int, status: str) -> bool:
        meeting = self.current_meeting()
        if meeting is None:
            return False

        def record(s: Session) -> bool:
            meeting_service.record_meeting_attendance(s, meeting.id, member_id, status)
            return True

        return bool(self.write(record))

    def _add_people(self, ids: list[int]) -> bool:
        meeting = self.current_meeting()
        if meeting is None:
            return False

        def record(s: Session) -> bool:
            for member_id in ids:
                meeting_service.record_meeting_attendance(s, meeting.id, member_id, "present")
            return True

        done = bool(self.write(record))
        self._show_attendance(meeting.id)
        return done

    def print_sign_in(self) -> None:
        if self.current_meeting() is None:
            return
        target = self.choose_pdf("Save sign-in sheet", "sign-in.pdf")
        if target:
            self.write_sign_in_pdf(target)

    def write_sign_in_pdf(self, target: Path) -> None:
        from watchdesk.ops.reports import build_meeting_sign_in

        meeting, db = self.current_meeting(), self.context.db
        if meeting is not None:
            self.build_pdf(
                "sign-in PDF",
                lambda progress: build_meeting_sign_in(db, meeting.id, target, progress),
            )

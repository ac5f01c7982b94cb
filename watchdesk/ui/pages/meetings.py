"""The Meetings page: community meetings and events, their agenda, the officer's briefing,
minutes, and attendance on the same sign-in grid as training.

The agenda, briefing and minutes are typed beside the list and saved with one button; typed
work is never dropped silently: choosing another meeting, leaving the page, switching group or
file, or closing first asks Save / Discard / Cancel. Every edit is one step in Edit > Undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import MeetingInput
from watchdesk.core.vocabulary import MEETING_KINDS, label
from watchdesk.ops import meetings as meeting_ops
from watchdesk.ops import members as member_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.meetings import MeetingNotes
from watchdesk.services.rows import MeetingRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.meeting import MeetingDialog
from watchdesk.ui.forms import FlowLayout
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.attendance import AttendanceGrid


class MeetingsPage(RecordPage):
    title = "Meetings"
    shows = frozenset({Kind.MEETINGS, Kind.MEMBERS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Meetings")
        self.meetings: list[MeetingRow] = []
        # The meeting whose notes are in the editors, and those notes as saved.
        self._shown: MeetingRow | None = None
        self._saved_notes: MeetingNotes | None = None

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("meeting_table")
        self.table.setHorizontalHeaderLabels(["When", "Kind", "Title", "Place"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._meeting_chosen)
        new_button = QPushButton("New meeting or event…")
        new_button.setObjectName("new_meeting")
        new_button.clicked.connect(self.new_meeting)
        self.edit_button = QPushButton("Edit details…")
        self.edit_button.setObjectName("edit_meeting")
        self.edit_button.clicked.connect(self.edit_meeting)
        left_buttons = FlowLayout()
        left_buttons.addWidget(new_button)
        left_buttons.addWidget(self.edit_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(left_buttons)

        self.heading = QLabel()
        self.heading.setObjectName("meeting_heading")
        self.heading.setWordWrap(True)
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
        self.print_button = QPushButton("Print sign-in sheet…")
        self.print_button.setObjectName("print_meeting_sign_in")
        self.print_button.clicked.connect(self.print_sign_in)
        self.grid = AttendanceGrid(self._set_status, self._add_people)
        notes = QFormLayout()
        notes.addRow("Agenda", self.agenda)
        notes.addRow("Officer's briefing", self.briefing)
        notes.addRow("Minutes", self.minutes)
        buttons = FlowLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
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
        self._show(None)

    # -- reading -----------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        """Read the meetings again; the meeting shown stays shown, with any typed notes."""
        group_id = self.context.group_id
        if group_id is None:
            return
        view = meeting_ops.meetings_view(self.context.db, group_id)
        self.timezone = view.timezone
        self.meetings = view.meetings
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
        keep = select_id if select_id is not None else self._shown.id if self._shown else None
        ids = [m.id for m in self.meetings]
        if keep in ids:
            position = ids.index(keep)
        else:
            # Open on the next meeting: the one the coordinator is preparing.
            now = self.context.clock()
            upcoming = [p for p, m in enumerate(self.meetings) if m.starts_at >= now]
            position = upcoming[-1] if upcoming else 0
        self._select_row(position)
        self._show(self.current_meeting())

    def show_record(self, record_id: int) -> None:
        """Select the meeting."""
        self.refresh(select_id=record_id)

    def current_meeting(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.meetings[rows[0].row()] if rows else None

    def _select_row(self, position: int) -> None:
        """Select a row without it counting as the user choosing a meeting."""
        self.table.blockSignals(True)
        if 0 <= position < len(self.meetings):
            self.table.selectRow(position)
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)

    def _meeting_chosen(self) -> None:
        """The user chose a meeting in the table: settle typed notes first."""
        chosen = self.current_meeting()
        shown = self._shown
        if shown is not None and (chosen is None or chosen.id != shown.id):
            if not self.settle_unsaved():  # Cancel: stay on the meeting being typed into
                self._select_row(self._position_of(shown.id))
                return
            # Saving read the list again: choose again what the user clicked.
            if chosen is not None:
                self._select_row(self._position_of(chosen.id))
        self._show(self.current_meeting())

    def _position_of(self, meeting_id: int) -> int:
        ids = [m.id for m in self.meetings]
        return ids.index(meeting_id) if meeting_id in ids else -1

    def _show(self, meeting: MeetingRow | None) -> None:
        """Show a meeting's notes and attendance. The notes typed into the meeting already
        shown are kept (an attendance mark, an undo elsewhere reads the page again)."""
        same = meeting is not None and self._shown is not None and meeting.id == self._shown.id
        keep_typed = same and self.unsaved_changes() is not None
        self._shown = meeting
        enabled = meeting is not None
        for widget in (
            self.agenda,
            self.briefing,
            self.minutes,
            self.save_button,
            self.print_button,
            self.edit_button,
            self.grid,
        ):
            widget.setEnabled(enabled)
        if meeting is None:
            self._saved_notes = None
            self.heading.setText("No meetings yet: add the next one.")
            for edit in (self.agenda, self.briefing, self.minutes):
                edit.clear()
            self.grid.show_lines([], [])
            return
        self.heading.setText(
            f"{meeting.title} — {self.local(meeting.starts_at)}"
            + (f" — {meeting.place}" if meeting.place else "")
        )
        db = self.context.db
        self._saved_notes = meeting_ops.meeting_notes(db, meeting.id)
        if not keep_typed:
            self._put_notes(self._saved_notes)
        self.grid.show_lines(
            meeting_ops.attendance(db, meeting.id),
            member_ops.active_member_choices(db, self.context.group_id, self.today()),
        )

    def _put_notes(self, notes: MeetingNotes) -> None:
        self.agenda.setPlainText("\n".join(notes.agenda))
        self.briefing.setPlainText(notes.officer_briefing or "")
        self.minutes.setPlainText(notes.minutes or "")

    def typed_notes(self) -> MeetingNotes:
        return MeetingNotes(
            agenda=tuple(self.agenda.toPlainText().splitlines()),
            officer_briefing=self.briefing.toPlainText(),
            minutes=self.minutes.toPlainText(),
        )

    # -- typed work not yet saved ----------------------------------------------------------
    def unsaved_changes(self) -> str | None:
        if self._shown is None or self._saved_notes is None:
            return None
        parts = meeting_ops.changed_parts(self._saved_notes, self.typed_notes())
        if not parts:
            return None
        return meeting_ops.notes_described(
            parts, meeting_ops.day_of(self._shown.starts_at, self.timezone)
        )

    def save_unsaved(self) -> bool:
        shown = self._shown
        if shown is None:
            return True
        db, notes = self.context.db, self.typed_notes()
        saved = self.context.operations.perform_now(
            self, lambda: meeting_ops.save_notes(db, shown.id, notes)
        )
        if saved is None:  # the user was told why
            return False
        self._saved_notes = meeting_ops.meeting_notes(db, shown.id)
        return True

    def discard_unsaved(self) -> None:
        if self._saved_notes is not None:
            self._put_notes(self._saved_notes)

    # -- edits (each one step in Edit > Undo) ----------------------------------------------
    def new_meeting(self) -> None:
        if not self.settle_unsaved():  # the new meeting is shown once added
            return
        dialog = MeetingDialog(self, self.timezone, self.today())
        if dialog.exec() and dialog.result_input is not None:
            self.add_meeting(dialog.result_input)

    record_noun = "meeting"

    def new_record(self) -> None:
        """Ctrl+N: New meeting or event."""
        self.new_meeting()

    def add_meeting(self, data: MeetingInput) -> None:
        db, group_id = self.context.db, self.group()
        self.perform_edit(
            "add meeting",
            lambda: meeting_ops.add_meeting(db, group_id, data),
            lambda row: self.refresh(row.id),
        )

    def edit_meeting(self) -> None:
        meeting = self._shown
        if meeting is None:
            return
        current = meeting_ops.meeting_input(self.context.db, meeting.id)
        dialog = details_dialog(self, self.timezone, current)
        if dialog.exec() and dialog.result_input is not None:
            self.update_meeting(meeting.id, with_duration(dialog.result_input, current))

    def update_meeting(self, meeting_id: int, data: MeetingInput) -> None:
        db = self.context.db
        self.perform_edit("save meeting", lambda: meeting_ops.update_meeting(db, meeting_id, data))

    def save_notes(self) -> None:
        meeting = self._shown
        if meeting is None:
            return
        db, notes = self.context.db, self.typed_notes()
        self.perform_edit("save notes", lambda: meeting_ops.save_notes(db, meeting.id, notes))

    def _set_status(self, member_ids: list[int], status: str) -> None:
        meeting = self._shown
        if meeting is not None and member_ids:
            db = self.context.db
            self.perform_edit(
                "mark attendance",
                lambda: meeting_ops.mark_attendance(db, meeting.id, member_ids, status),
            )

    def _add_people(self, member_ids: list[int]) -> None:
        meeting = self._shown
        if meeting is not None and member_ids:
            db = self.context.db
            self.perform_edit(
                "add to attendance", lambda: meeting_ops.add_attendees(db, meeting.id, member_ids)
            )

    # -- printing (a read) -------------------------------------------------------------------
    def print_sign_in(self) -> None:
        if self._shown is None:
            return
        target = self.choose_pdf("Save sign-in sheet", "sign-in.pdf")
        if target:
            self.write_sign_in_pdf(target)

    def write_sign_in_pdf(self, target: Path) -> None:
        from watchdesk.ops.reports import build_meeting_sign_in

        meeting, db = self._shown, self.context.db
        if meeting is not None:
            self.save_file(
                "sign-in PDF",
                lambda progress: build_meeting_sign_in(db, meeting.id, target, progress),
                dialog=True,
            )


def details_dialog(parent: QWidget, timezone: str, current: MeetingInput) -> MeetingDialog:
    """The meeting form filled in with a meeting's details; its agenda is edited on the page."""
    local = current.starts_at.astimezone(ZoneInfo(timezone))
    dialog = MeetingDialog(parent, timezone, local.date())
    dialog.setWindowTitle("Meeting or event details")
    dialog.kind.setCurrentIndex(max(dialog.kind.findData(current.kind), 0))
    dialog.title_edit.setText(current.title)
    dialog.date.setDate(QDate(local.year, local.month, local.day))
    dialog.time.setTime(QTime(local.hour, local.minute))
    dialog.place.setText(current.place)
    form = dialog.findChild(QFormLayout)
    holder = dialog.agenda.parentWidget()
    if form is not None and holder is not None:
        form.setRowVisible(holder, False)
    return dialog


def with_duration(changed: MeetingInput, before: MeetingInput) -> MeetingInput:
    """The edited details, keeping the meeting's length when it had an end."""
    ends = None
    if before.ends_at is not None:
        ends = changed.starts_at + (before.ends_at - before.starts_at)
    return replace(changed, ends_at=ends, agenda=())

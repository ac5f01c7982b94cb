"""A new meeting or event: kind, title, local date and time, place and agenda."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from watchdesk.core.entities import MeetingInput, clean_meeting
from watchdesk.core.vocabulary import MEETING_KINDS
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, save_cancel, style_date_edit


class MeetingDialog(FormDialog):
    def __init__(self, parent: QWidget | None, timezone: str, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("New meeting or event")
        self.time_zone = ZoneInfo(timezone)
        self.result_input: MeetingInput | None = None
        self.errors = FieldErrors()
        self.kind = QComboBox()
        self.kind.setObjectName("meeting_kind")
        for code, text in MEETING_KINDS.items():
            self.kind.addItem(text, code)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("meeting_title")
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("meeting_date")
        self.date.setCalendarPopup(True)
        self.time = QTimeEdit(QTime(19, 0))
        self.time.setObjectName("meeting_time")
        for edit in (self.date, self.time):
            style_date_edit(edit)
        self.place = QLineEdit()
        self.place.setObjectName("meeting_place")
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("meeting_agenda")
        self.agenda.setPlaceholderText("One agenda item per line")
        form = QFormLayout()
        self.errors.add_row(form, "Kind", "kind", self.kind)
        self.errors.add_row(form, "Title", "title", self.title_edit)
        self.errors.add_row(form, "Date", "starts_at", self.date)
        self.errors.add_row(form, "Time", "time", self.time)
        self.errors.add_row(form, "Place", "place", self.place)
        self.errors.add_row(form, "Agenda", "agenda", self.agenda)
        self.set_body(form, save_cancel(self, self.submit))

    def current_input(self) -> MeetingInput:
        day = self.date.date().toPython()
        clock = self.time.time().toPython()
        assert isinstance(day, dt.date) and isinstance(clock, dt.time)
        starts = dt.datetime.combine(day, clock, tzinfo=self.time_zone).astimezone(dt.UTC)
        return MeetingInput(
            title=self.title_edit.text(),
            starts_at=starts,
            kind=str(self.kind.currentData()),
            place=self.place.text(),
            agenda=tuple(self.agenda.toPlainText().splitlines()),
        )

    def submit(self) -> None:
        data = self.current_input()
        if self.errors.valid(clean_meeting, data):
            self.result_input = data
            self.accept()

"""Course and session forms for the Training page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import CourseInput, clean_course
from watchdesk.core.vocabulary import MEMBER_ROLES
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, save_cancel, style_date_edit


class CourseDialog(FormDialog):
    def __init__(self, parent: QWidget | None, course: CourseInput | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Course")
        self.result_input: CourseInput | None = None
        self.errors = FieldErrors()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("course_title")
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(60)
        self.validity = QSpinBox()
        self.validity.setObjectName("validity_months")
        self.validity.setRange(1, 240)
        self.validity.setValue(24)
        self.validity.setSuffix(" months")
        self.never = QCheckBox("Never expires")
        self.never.setObjectName("never_expires")
        self.never.toggled.connect(lambda on: self.validity.setEnabled(not on))
        validity_row = QWidget()
        row = QHBoxLayout(validity_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.validity)
        row.addWidget(self.never)
        roles = QWidget()
        roles_layout = QVBoxLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        self.roles: dict[str, QCheckBox] = {}
        for code, text in MEMBER_ROLES.items():
            box = QCheckBox(text)
            box.setObjectName(f"role_{code}")
            self.roles[code] = box
            roles_layout.addWidget(box)
        form = QFormLayout()
        self.errors.add_row(form, "Title", "title", self.title_edit)
        self.errors.add_row(form, "Description", "description", self.description)
        self.errors.add_row(form, "Valid for", "validity_months", validity_row)
        self.errors.add_row(form, "Required for", "required_for_roles", roles)
        self.set_body(form, save_cancel(self, self.submit))
        if course is not None:
            self.title_edit.setText(course.title)
            self.description.setPlainText(course.description)
            self.never.setChecked(course.validity_months is None)
            self.validity.setValue(course.validity_months or 24)
            for role in course.required_for_roles:
                self.roles[role].setChecked(True)

    def current_input(self) -> CourseInput:
        return CourseInput(
            title=self.title_edit.text(),
            description=self.description.toPlainText(),
            validity_months=None if self.never.isChecked() else self.validity.value(),
            required_for_roles=tuple(code for code, box in self.roles.items() if box.isChecked()),
        )

    def submit(self) -> None:
        data = self.current_input()
        if self.errors.valid(clean_course, data):
            self.result_input = data
            self.accept()


class SessionDialog(FormDialog):
    """A session's local date and time in the group's time zone; stored in UTC."""

    def __init__(self, parent: QWidget | None, timezone: str, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Schedule a session")
        self.time_zone = ZoneInfo(timezone)
        self.result_values: dict[str, object] | None = None
        self.errors = FieldErrors()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("session_date")
        self.date.setCalendarPopup(True)
        self.time = QTimeEdit(QTime(18, 30))
        self.time.setObjectName("session_time")
        for edit in (self.date, self.time):
            style_date_edit(edit)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 12)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(2)
        self.hours.setSuffix(" h")
        self.place = QLineEdit()
        self.place.setObjectName("session_place")
        self.instructor = QLineEdit()
        self.instructor.setObjectName("session_instructor")
        self.instructor.setPlaceholderText("e.g. Officer Dana Whitfield")
        self.capacity = QSpinBox()
        self.capacity.setObjectName("session_capacity")
        self.capacity.setRange(0, 500)
        self.capacity.setSpecialValueText("No limit")
        form = QFormLayout()
        self.errors.add_row(form, "Date", "starts_at", self.date)
        self.errors.add_row(form, "Starts at", "time", self.time)
        self.errors.add_row(form, "Length", "ends_at", self.hours)
        self.errors.add_row(form, "Place", "location", self.place)
        self.errors.add_row(form, "Instructor", "instructor", self.instructor)
        self.errors.add_row(form, "Capacity", "capacity", self.capacity)
        self.set_body(form, save_cancel(self, self.submit))

    def submit(self) -> None:
        day = self.date.date().toPython()
        clock = self.time.time().toPython()
        assert isinstance(day, dt.date) and isinstance(clock, dt.time)
        starts = dt.datetime.combine(day, clock, tzinfo=self.time_zone).astimezone(dt.UTC)
        self.result_values = {
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=self.hours.value()),
            "location": self.place.text().strip() or None,
            "instructor": self.instructor.text().strip() or None,
            "capacity": self.capacity.value() or None,
        }
        self.accept()

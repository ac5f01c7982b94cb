"""The Training page: courses, their sessions with the sign-in grid, and compliance."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import CourseInput
from watchdesk.core.vocabulary import MEMBER_ROLES, TRAINING_STATUSES, label
from watchdesk.db.models import TrainingAttendance
from watchdesk.services import training as training_service
from watchdesk.services.attendance import attendance_lines
from watchdesk.services.compliance import ComplianceRow, compliance_rows
from watchdesk.services.groups import get_group, list_zones
from watchdesk.services.rows import CourseRow
from watchdesk.services.training import SessionRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.training import CourseDialog, SessionDialog
from watchdesk.ui.forms import named_button
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.attendance import AttendanceGrid

ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLOURS = {"missing": "#b00020", "expired": "#b00020", "expiring": "#8a5300"}


class TrainingPage(RecordPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Training")
        self.courses: list[CourseRow] = []
        self.sessions: list[SessionRow] = []

        # Courses and sessions tab
        self.course_list = QListWidget()
        self.course_list.setObjectName("course_list")
        self.course_list.currentRowChanged.connect(lambda _row: self.show_sessions())
        self.course_info = QLabel()
        self.course_info.setObjectName("course_info")
        self.course_info.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(QLabel("Courses"))
        left.addWidget(self.course_list, 1)
        left.addWidget(self.course_info)
        course_buttons = QHBoxLayout()
        course_buttons.addWidget(named_button("Add course…", "add_course", self.add_course))
        course_buttons.addWidget(named_button("Edit…", "edit_course", self.edit_course))
        left.addLayout(course_buttons)

        self.session_table = QTableWidget(0, 5)
        self.session_table.setObjectName("session_table")
        self.session_table.setHorizontalHeaderLabels(
            ["When", "Place", "Instructor", "Enrolled", "Present"]
        )
        self.session_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.session_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.session_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.session_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.session_table.verticalHeader().hide()
        self.session_table.setWordWrap(False)
        self.session_table.itemSelectionChanged.connect(self.show_attendance)
        self.grid = AttendanceGrid(self._set_status, self._enroll)
        right = QVBoxLayout()
        right.addWidget(QLabel("Sessions"))
        right.addWidget(self.session_table, 1)
        session_buttons = QHBoxLayout()
        session_buttons.addWidget(
            named_button("Schedule session…", "schedule_session", self.schedule_session)
        )
        session_buttons.addWidget(
            named_button("Enroll everyone who needs it", "enroll_needed", self.enroll_needed)
        )
        session_buttons.addWidget(
            named_button("Print sign-in sheet…", "print_sign_in", self.print_sign_in)
        )
        session_buttons.addStretch(1)
        right.addLayout(session_buttons)
        right.addWidget(QLabel("Sign-in (attendance)"))
        right.addWidget(self.grid, 1)
        courses_tab = QSplitter()
        left_widget, right_widget = QWidget(), QWidget()
        left_widget.setLayout(left)
        right_widget.setLayout(right)
        courses_tab.addWidget(left_widget)
        courses_tab.addWidget(right_widget)
        courses_tab.setSizes([260, 700])

        # Compliance tab
        self.zone_filter = QComboBox()
        self.zone_filter.setObjectName("compliance_zone")
        self.role_filter = QComboBox()
        self.role_filter.setObjectName("compliance_role")
        self.role_filter.addItem("All roles", None)
        for code, text in MEMBER_ROLES.items():
            self.role_filter.addItem(text, code)
        self.problems_only = QCheckBox("Only who needs action")
        self.problems_only.setObjectName("problems_only")
        self.problems_only.setChecked(True)
        self.compliance_table = QTableWidget(0, 6)
        self.compliance_table.setObjectName("compliance_table")
        self.compliance_table.setHorizontalHeaderLabels(
            ["Block", "Member", "Role", "Course", "Status", "Expires"]
        )
        self.compliance_table.horizontalHeader().setStretchLastSection(True)
        self.compliance_table.verticalHeader().hide()
        self.compliance_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compliance_count = QLabel()
        self.compliance_count.setObjectName("compliance_count")
        filters = QHBoxLayout()
        for widget in (self.zone_filter, self.role_filter, self.problems_only):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.compliance_count)
        filters.addWidget(named_button("Print…", "print_compliance", self.print_compliance))
        compliance_tab = QWidget()
        compliance_layout = QVBoxLayout(compliance_tab)
        compliance_layout.addLayout(filters)
        compliance_layout.addWidget(self.compliance_table, 1)
        self.zone_filter.currentIndexChanged.connect(self.show_compliance)
        self.role_filter.currentIndexChanged.connect(self.show_compliance)
        self.problems_only.toggled.connect(self.show_compliance)

        self.tabs = QTabWidget()
        self.tabs.addTab(courses_tab, "Courses and sessions")
        self.tabs.addTab(compliance_tab, "Compliance")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- data helpers ------------------------------------------------------------------------
    def refresh(self) -> None:
        group_id = self.context.group_id
        if group_id is None:
            return
        self.timezone = self.read(lambda s: get_group(s, group_id)).timezone
        zones = self.read(lambda s: list_zones(s, group_id))
        current = self.zone_filter.currentData()
        self.zone_filter.blockSignals(True)
        self.zone_filter.clear()
        self.zone_filter.addItem("All blocks", None)
        for zone in zones:
            self.zone_filter.addItem(zone.name, zone.id)
        self.zone_filter.setCurrentIndex(max(self.zone_filter.findData(current), 0))
        self.zone_filter.blockSignals(False)
        self.show_courses()
        self.show_compliance()

    def show_courses(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_course_id()
        self.courses = self.read(lambda s: training_service.list_courses(s, self.context.group_id))
        self.course_list.blockSignals(True)
        self.course_list.clear()
        for course in self.courses:
            item = QListWidgetItem(course.title)
            item.setData(ID_ROLE, course.id)
            self.course_list.addItem(item)
        self.course_list.blockSignals(False)
        ids = [c.id for c in self.courses]
        self.course_list.setCurrentRow(ids.index(keep) if keep in ids else 0 if ids else -1)
        self.show_sessions()

    def current_course(self) -> CourseRow | None:
        row = self.course_list.currentRow()
        return self.courses[row] if 0 <= row < len(self.courses) else None

    def current_course_id(self) -> int | None:
        course = self.current_course()
        return course.id if course else None

    def add_course(self) -> None:
        dialog = CourseDialog(self)
        if dialog.exec() and dialog.result_input is not None:
            data, group_id = dialog.result_input, self.context.group_id
            assert group_id is not None
            row = self.write(lambda s: training_service.add_course(s, group_id, data))
            if row is not None:
                self.show_courses(row.id)
                self.show_compliance()

    def edit_course(self) -> None:
        course = self.current_course()
        if course is None:
            return
        current = CourseInput(
            title=course.title,
            description=course.description or "",
            validity_months=course.validity_months,
            required_for_roles=course.required_for_roles,
        )
        dialog = CourseDialog(self, current)
        if dialog.exec() and dialog.result_input is not None:
            data = dialog.result_input
            if self.write(lambda s: training_service.update_course(s, course.id, data)):
                self.show_courses(course.id)
                self.show_compliance()

    def show_sessions(self, select_id: int | None = None) -> None:
        course = self.current_course()
        if course is None:
            self.course_info.clear()
            self.sessions = []
        else:
            validity = (
                f"valid {course.validity_months} months"
                if course.validity_months
                else "never expires"
            )
            roles = ", ".join(label(MEMBER_ROLES, r) for r in course.required_for_roles)
            self.course_info.setText(
                f"{course.title}: {validity}; required for {roles or 'nobody (optional)'}."
            )
            self.sessions = self.read(
                lambda s: training_service.list_sessions(s, self.context.group_id, course.id)
            )
        self.session_table.setRowCount(len(self.sessions))
        for position, row in enumerate(self.sessions):
            capacity = f" of {row.capacity}" if row.capacity else ""
            cells = (
                self.local(row.starts_at),
                row.location or "",
                row.instructor or "",
                f"{row.enrolled}{capacity}",
                str(row.present),
            )
            for column, value in enumerate(cells):
                self.session_table.setItem(position, column, QTableWidgetItem(value))
        self.session_table.resizeColumnsToContents()
        ids = [s.id for s in self.sessions]
        if select_id in ids:
            self.session_table.selectRow(ids.index(select_id))
        elif ids:
            self.session_table.selectRow(0)
        self.show_attendance()

    def current_session(self) -> SessionRow | None:
        rows = self.session_table.selectionModel().selectedRows()
        return self.sessions[rows[0].row()] if rows else None

    def schedule_session(self) -> None:
        course = self.current_course()
        if course is None:
            return
        dialog = SessionDialog(self, self.timezone, self.today())
        if dialog.exec() and dialog.result_values is not None:
            values = dialog.result_values
            new_id = self.write(
                lambda s: training_service.schedule_session(s, course.id, **values)  # type: ignore[arg-type]
            )
            if new_id is not None:
                self.show_sessions(new_id)

    # -- attendance --------------------------------------------------------------------------
    def show_attendance(self) -> None:
        chosen = self.current_session()
        if chosen is None:
            self.grid.show_lines([], [])
            self.grid.setEnabled(False)
            return
        self.grid.setEnabled(True)
        lines = self.read(lambda s: attendance_lines(s, TrainingAttendance, chosen.id))
        self.grid.show_lines(lines, self.active_member_choices())

    def _set_status(self, member_id: int, status: str) -> bool:
        chosen = self.current_session()
        if chosen is None:
            return False

        done = self.saved(
            lambda s: training_service.record_attendance(s, chosen.id, member_id, status)
        )
        self._after_attendance(chosen.id)
        return done

    def _enroll(self, ids: list[int]) -> bool:
        chosen = self.current_session()
        if chosen is None:
            return False
        done = self.write(lambda s: training_service.enroll(s, chosen.id, ids))
        self._after_attendance(chosen.id)
        return done is not None

    def enroll_needed(self) -> None:
        """Enroll active members whose role needs this course and who are not current."""
        course = self.current_course()
        if course is None or self.current_session() is None:
            return
        rows = self.read(
            lambda s: compliance_rows(s, self.context.group_id, self.today(), only_problems=True)
        )
        self._enroll(sorted({r.member_id for r in rows if r.course_title == course.title}))

    def _after_attendance(self, session_id: int) -> None:
        self.show_sessions(session_id)
        self.show_compliance()

    # -- compliance --------------------------------------------------------------------------
    def compliance(self) -> list[ComplianceRow]:
        zone, role = self.zone_filter.currentData(), self.role_filter.currentData()
        problems = self.problems_only.isChecked()
        return self.read(
            lambda s: compliance_rows(
                s, self.context.group_id, self.today(), zone, role, only_problems=problems
            )
        )

    def show_compliance(self) -> None:
        from PySide6.QtGui import QBrush, QColor

        rows = self.compliance()
        self.compliance_table.setRowCount(len(rows))
        for position, row in enumerate(rows):
            cells = (
                row.zone_name or "",
                row.member_name,
                label(MEMBER_ROLES, row.role),
                row.course_title,
                label(TRAINING_STATUSES, row.status),
                f"{row.expires_on:%b %d, %Y}" if row.expires_on else "",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                colour = STATUS_COLOURS.get(row.status)
                if column == 4 and colour:
                    item.setForeground(QBrush(QColor(colour)))
                self.compliance_table.setItem(position, column, item)
        people = len({r.member_id for r in rows})
        self.compliance_count.setText(f"{len(rows)} course records, {people} members")

    def print_compliance(self) -> None:
        target = self.choose_pdf("Save compliance list", "training-compliance.pdf")
        if target:
            self.write_compliance_pdf(target)

    def write_compliance_pdf(self, target: Path) -> None:
        from watchdesk.reports.compliance import build_compliance_pdf

        rows, today = self.compliance(), self.today()
        scope = " · ".join(
            part
            for part in (
                self.zone_filter.currentText(),
                self.role_filter.currentText(),
                "needing action" if self.problems_only.isChecked() else "everyone",
            )
            if part
        )
        group_id = self.context.group_id
        assert group_id is not None
        name = self.read(lambda s: get_group(s, group_id)).name
        self.build_pdf(
            "compliance PDF",
            lambda progress: build_compliance_pdf(name, rows, today, scope, target, progress),
        )

    def print_sign_in(self) -> None:
        if self.current_session() is None:
            return
        target = self.choose_pdf("Save sign-in sheet", "sign-in.pdf")
        if target:
            self.write_sign_in_pdf(target)

    def write_sign_in_pdf(self, target: Path) -> None:
        from watchdesk.ops.reports import build_sign_in_sheet

        chosen = self.current_session()
        if chosen is None:
            return
        db = self.context.db
        self.build_pdf(
            "sign-in PDF", lambda progress: build_sign_in_sheet(db, chosen.id, target, progress)
        )

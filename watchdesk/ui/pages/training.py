"""The Training page: courses, their sessions with the sign-in grid, and compliance.

Nothing is typed beside a list here (courses and sessions are edited in forms that save or
cancel, and a mark on the sign-in grid is saved as it is made), so the page never holds
unsaved work. Every edit is one step in Edit > Undo."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime
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
from watchdesk.core.words import count as counted
from watchdesk.ops import groups as group_ops
from watchdesk.ops import members as member_ops
from watchdesk.ops import training as training_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.training import TrainingSessionInput
from watchdesk.services.compliance import ComplianceRow
from watchdesk.services.rows import CourseRow
from watchdesk.services.training import TrainingSessionRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.training import CourseDialog, SessionDialog
from watchdesk.ui.forms import FlowLayout, named_button, shown_date
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.attendance import AttendanceGrid

ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLOURS = {"missing": "#b00020", "expired": "#b00020", "expiring": "#8a5300"}


class TrainingPage(RecordPage):
    title = "Training"
    shows = frozenset({Kind.TRAINING, Kind.MEMBERS, Kind.BLOCKS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Training")
        self.courses: list[CourseRow] = []
        self.training_sessions: list[TrainingSessionRow] = []
        self.group_name = ""

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
        session_buttons = FlowLayout()
        session_buttons.addWidget(
            named_button("Schedule session…", "schedule_session", self.schedule_session)
        )
        session_buttons.addWidget(named_button("Edit session…", "edit_session", self.edit_session))
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
        self.block_filter = QComboBox()
        self.block_filter.setObjectName("compliance_block")
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
        filters = FlowLayout()
        for widget in (self.block_filter, self.role_filter, self.problems_only):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.compliance_count)
        filters.addWidget(named_button("Print…", "print_compliance", self.print_compliance))
        compliance_tab = QWidget()
        compliance_layout = QVBoxLayout(compliance_tab)
        compliance_layout.addLayout(filters)
        compliance_layout.addWidget(self.compliance_table, 1)
        self.block_filter.currentIndexChanged.connect(self.show_compliance)
        self.role_filter.currentIndexChanged.connect(self.show_compliance)
        self.problems_only.toggled.connect(self.show_compliance)

        self.tabs = QTabWidget()
        self.tabs.addTab(courses_tab, "Courses and sessions")
        self.tabs.addTab(compliance_tab, "Compliance")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- reading -----------------------------------------------------------------------------
    def refresh(self, course_id: int | None = None, training_session_id: int | None = None) -> None:
        """Read everything shown again, keeping the course and session chosen."""
        group_id = self.context.group_id
        if group_id is None:
            return
        db = self.context.db
        view = training_ops.training_view(db, group_id)
        self.timezone, self.group_name = view.timezone, view.group_name
        blocks = group_ops.blocks(db, group_id)
        current = self.block_filter.currentData()
        self.block_filter.blockSignals(True)
        self.block_filter.clear()
        self.block_filter.addItem("All blocks", None)
        for block in blocks:
            self.block_filter.addItem(block.name, block.id)
        self.block_filter.setCurrentIndex(max(self.block_filter.findData(current), 0))
        self.block_filter.blockSignals(False)
        self._show_courses(view.courses, course_id, training_session_id)
        self.show_compliance()

    def _show_courses(
        self,
        courses: list[CourseRow],
        select_id: int | None,
        training_session_id: int | None,
    ) -> None:
        keep = select_id if select_id is not None else self.current_course_id()
        self.courses = courses
        self.course_list.blockSignals(True)
        self.course_list.clear()
        for course in self.courses:
            item = QListWidgetItem(course.title)
            item.setData(ID_ROLE, course.id)
            self.course_list.addItem(item)
        ids = [c.id for c in self.courses]
        self.course_list.setCurrentRow(ids.index(keep) if keep in ids else 0 if ids else -1)
        self.course_list.blockSignals(False)
        if training_session_id is None:
            training_session_id = self.current_session_id()
        self.show_sessions(training_session_id if keep == self.current_course_id() else None)

    def current_course(self) -> CourseRow | None:
        row = self.course_list.currentRow()
        return self.courses[row] if 0 <= row < len(self.courses) else None

    def current_course_id(self) -> int | None:
        course = self.current_course()
        return course.id if course else None

    def show_sessions(self, select_id: int | None = None) -> None:
        course = self.current_course()
        if course is None:
            self.course_info.clear()
            self.training_sessions = []
        else:
            validity = (
                f"valid {counted(course.validity_months, 'month')}"
                if course.validity_months
                else "never expires"
            )
            roles = ", ".join(label(MEMBER_ROLES, r) for r in course.required_for_roles)
            self.course_info.setText(
                f"{course.title}: {validity}; required for {roles or 'nobody (optional)'}."
            )
            self.training_sessions = training_ops.training_sessions(
                self.context.db, self.context.group_id, course.id
            )
        self.session_table.blockSignals(True)
        self.session_table.clearSelection()
        self.session_table.setRowCount(len(self.training_sessions))
        for position, row in enumerate(self.training_sessions):
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
        ids = [s.id for s in self.training_sessions]
        if select_id in ids:
            self.session_table.selectRow(ids.index(select_id))
        elif ids:
            self.session_table.selectRow(0)
        self.session_table.blockSignals(False)
        self.show_attendance()

    def current_session(self) -> TrainingSessionRow | None:
        rows = self.session_table.selectionModel().selectedRows()
        return self.training_sessions[rows[0].row()] if rows else None

    def current_session_id(self) -> int | None:
        chosen = self.current_session()
        return chosen.id if chosen else None

    def show_attendance(self) -> None:
        chosen = self.current_session()
        if chosen is None:
            self.grid.show_lines([], [])
            self.grid.setEnabled(False)
            return
        self.grid.setEnabled(True)
        db = self.context.db
        self.grid.show_lines(
            training_ops.attendance(db, chosen.id),
            member_ops.active_member_choices(db, self.context.group_id, self.today()),
        )

    # -- edits (each one step in Edit > Undo) ----------------------------------------------
    def add_course(self) -> None:
        dialog = CourseDialog(self)
        if dialog.exec() and dialog.result_input is not None:
            data, db, group_id = dialog.result_input, self.context.db, self.group()
            self.perform_edit(
                "add course",
                lambda: training_ops.add_course(db, group_id, data),
                lambda row: self.refresh(row.id),
            )

    record_noun = "course or session"

    def new_record(self) -> None:
        """Ctrl+N: schedule a session of the course chosen; with no course chosen (or none
        yet), add a course."""
        self.tabs.setCurrentIndex(0)
        if self.current_course() is None:
            self.add_course()
        else:
            self.schedule_session()

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
            data, db = dialog.result_input, self.context.db
            self.perform_edit(
                "save course", lambda: training_ops.update_course(db, course.id, data)
            )

    def schedule_session(self) -> None:
        course = self.current_course()
        if course is None:
            return
        dialog = SessionDialog(self, self.timezone, self.today())
        if dialog.exec() and dialog.result_values is not None:
            data = TrainingSessionInput(**dialog.result_values)  # type: ignore[arg-type]
            db = self.context.db
            self.perform_edit(
                "schedule session",
                lambda: training_ops.schedule_training_session(db, course.id, data),
                lambda new_id: self.refresh(course.id, new_id),
            )

    def edit_session(self) -> None:
        chosen = self.current_session()
        if chosen is None:
            return
        db = self.context.db
        current = training_ops.training_session_input(db, chosen.id)
        dialog = session_dialog(self, self.timezone, current)
        if dialog.exec() and dialog.result_values is not None:
            data = TrainingSessionInput(**dialog.result_values)  # type: ignore[arg-type]
            self.perform_edit(
                "save session",
                lambda: training_ops.update_training_session(db, chosen.id, data),
            )

    def _set_status(self, member_ids: list[int], status: str) -> None:
        chosen = self.current_session()
        if chosen is not None and member_ids:
            db = self.context.db
            self.perform_edit(
                "mark attendance",
                lambda: training_ops.mark_attendance(db, chosen.id, member_ids, status),
            )

    def _enroll(self, member_ids: list[int]) -> None:
        chosen = self.current_session()
        if chosen is not None and member_ids:
            db = self.context.db
            self.perform_edit("enroll", lambda: training_ops.enroll(db, chosen.id, member_ids))

    def enroll_needed(self) -> None:
        """Enroll active members whose role needs this course and who are not current."""
        course = self.current_course()
        if course is None or self.current_session() is None:
            return
        db, group_id = self.context.db, self.context.group_id
        needed = training_ops.needing_course(db, group_id, self.today(), course.id)
        if needed:
            self._enroll(needed)
            return
        self.say(f"Nobody else needs {course.title} now.")

    # -- compliance --------------------------------------------------------------------------
    def show_record(self, record_id: int) -> None:
        """Select the member's first line on the compliance tab (filters cleared)."""
        self.tabs.setCurrentIndex(1)
        for combo in (self.block_filter, self.role_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.show_compliance()
        rows = [row.member_id for row in self.compliance()]
        if record_id in rows:
            self.compliance_table.selectRow(rows.index(record_id))
            self.compliance_table.scrollTo(
                self.compliance_table.model().index(rows.index(record_id), 0)
            )

    def compliance(self) -> list[ComplianceRow]:
        block, role = self.block_filter.currentData(), self.role_filter.currentData()
        problems = self.problems_only.isChecked()
        return training_ops.compliance(
            self.context.db, self.context.group_id, self.today(), block, role, problems
        )

    def show_compliance(self) -> None:
        from PySide6.QtGui import QBrush, QColor

        rows = self.compliance()
        self.compliance_table.setRowCount(len(rows))
        for position, row in enumerate(rows):
            cells = (
                row.block_name or "",
                row.member_name,
                label(MEMBER_ROLES, row.role),
                row.course_title,
                label(TRAINING_STATUSES, row.status),
                shown_date(row.expires_on) if row.expires_on else "",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                colour = STATUS_COLOURS.get(row.status)
                if column == 4 and colour:
                    item.setForeground(QBrush(QColor(colour)))
                self.compliance_table.setItem(position, column, item)
        people = len({r.member_id for r in rows})
        self.compliance_count.setText(
            f"{counted(len(rows), 'course record')}, {counted(people, 'member')}"
        )

    # -- printing (reads) --------------------------------------------------------------------
    def print_compliance(self) -> None:
        target = self.choose_pdf("Save compliance list", "training-compliance.pdf")
        if target:
            self.write_compliance_pdf(target)

    def write_compliance_pdf(self, target: Path) -> None:
        from watchdesk.reports.compliance import build_compliance_pdf

        rows, today, name = self.compliance(), self.today(), self.group_name
        scope = " · ".join(
            part
            for part in (
                self.block_filter.currentText(),
                self.role_filter.currentText(),
                "needing action" if self.problems_only.isChecked() else "everyone",
            )
            if part
        )
        time_zone = self.timezone
        self.save_file(
            "compliance PDF",
            lambda progress: build_compliance_pdf(
                name, rows, today, scope, target, progress, time_zone=time_zone
            ),
            dialog=True,
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
        self.save_file(
            "sign-in PDF",
            lambda progress: build_sign_in_sheet(db, chosen.id, target, progress),
            dialog=True,
        )


def session_dialog(parent: QWidget, timezone: str, current: TrainingSessionInput) -> SessionDialog:
    """The session form filled in with a session's details."""
    local = current.starts_at.astimezone(ZoneInfo(timezone))
    dialog = SessionDialog(parent, timezone, local.date())
    dialog.setWindowTitle("Session details")
    dialog.date.setDate(QDate(local.year, local.month, local.day))
    dialog.time.setTime(QTime(local.hour, local.minute))
    if current.ends_at is not None:
        dialog.hours.setValue((current.ends_at - current.starts_at).total_seconds() / 3600)
    dialog.place.setText(current.location or "")
    dialog.instructor.setText(current.instructor or "")
    dialog.capacity.setValue(current.capacity or 0)
    return dialog

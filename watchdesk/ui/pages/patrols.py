"""The Patrols page: the week calendar, a filtered list of shifts, the coverage gaps of the
next four weeks with suggestions to fill them, and volunteer hours by month.

Every change goes through ``services.patrols`` in one write transaction; the page only shows
what the services answer. Suggestions, the rota PDF and the calendar file are built off the
GUI thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from watchdesk.core.entities import ShiftDraft
from watchdesk.core.progress import Progress
from watchdesk.core.scheduling import Problem
from watchdesk.services import patrol_log, patrols, schedule
from watchdesk.services.groups import get_group, list_zones
from watchdesk.services.schedule import ShiftCard
from watchdesk.services.training import list_courses
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.patrol_log import LogEdit, PatrolLogDialog
from watchdesk.ui.dialogs.shift_editor import Candidates, ShiftEdit, ShiftEditor
from watchdesk.ui.dialogs.suggestions import SuggestionsDialog
from watchdesk.ui.forms import from_qdate, named_button, to_qdate
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.shift_table import ShiftTableModel
from watchdesk.ui.widgets.week_calendar import WeekCalendar

GAP_WEEKS = 4
STATES = (
    ("", "Any staffing"),
    ("empty", "Empty"),
    ("understaffed", "Understaffed"),
    ("full", "Full"),
)


def _table_view(name: str, model: ShiftTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    for column, width in enumerate((170, 100, 240)):
        view.setColumnWidth(column, width)
    view.setWordWrap(False)
    return view


class PatrolsPage(RecordPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Patrols")
        self.zone = ZoneInfo("UTC")
        self.zones: list[tuple[int, str]] = []
        self.courses: list[tuple[int, str]] = []
        self.extended_through: dt.date | None = None
        today = self.today()
        self.monday = today - dt.timedelta(days=today.weekday())

        self.week_label = QLabel()
        self.week_label.setObjectName("week_label")
        self.week_label.setStyleSheet("font-weight: bold;")
        self.zone_filter = QComboBox()
        self.zone_filter.setObjectName("patrol_zone")
        self.zone_filter.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(named_button("◀", "previous_week", lambda: self.move_week(-1)))
        top.addWidget(named_button("This week", "this_week", self.this_week))
        top.addWidget(named_button("▶", "next_week", lambda: self.move_week(1)))
        top.addWidget(self.week_label)
        top.addStretch(1)
        top.addWidget(QLabel("Block"))
        top.addWidget(self.zone_filter)
        actions = QHBoxLayout()
        actions.addWidget(named_button("New shift…", "new_shift", self.new_shift))
        actions.addWidget(named_button("Edit…", "edit_shift", self.edit_selected))
        actions.addWidget(named_button("Check-in && log…", "patrol_log", self.open_log))
        actions.addWidget(named_button("Cancel shift", "cancel_shift", self.cancel_selected))
        actions.addStretch(1)
        actions.addWidget(named_button("Print rota…", "print_rota", self.print_rota))
        actions.addWidget(named_button("Export calendar…", "export_ics", self.export_ics))

        self.calendar = WeekCalendar()
        self.calendar.create_requested.connect(self.create_at)
        self.calendar.edit_requested.connect(self.edit_shift)
        self.calendar.week_requested.connect(self.move_week)
        legend = QLabel(
            "Click an empty slot to add a shift · double-click a shift to edit · arrows, Enter, "
            "Page Up/Down work too.  Green: full · amber: understaffed · red: empty · ⚠ conflict"
        )
        legend.setWordWrap(True)
        week_tab = QWidget()
        column = QVBoxLayout(week_tab)
        column.addWidget(self.calendar, 1)
        column.addWidget(legend)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("patrol_tabs")
        self.tabs.addTab(week_tab, "Week")
        self.tabs.addTab(self._list_tab(today), "List")
        self.tabs.addTab(self._gaps_tab(), "Gaps")
        self.tabs.addTab(self._hours_tab(today), "Hours")
        self.tabs.currentChanged.connect(lambda _i: self.reload())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

    # -- tabs ---------------------------------------------------------------------------------
    def _list_tab(self, today: dt.date) -> QWidget:
        self.list_from = QDateEdit(to_qdate(today))
        self.list_from.setObjectName("list_from")
        self.list_to = QDateEdit(to_qdate(today + dt.timedelta(weeks=GAP_WEEKS)))
        self.list_to.setObjectName("list_to")
        for edit in (self.list_from, self.list_to):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _d: self.load_list())
        self.list_member = QComboBox()
        self.list_member.setObjectName("list_member")
        self.list_member.currentIndexChanged.connect(lambda _i: self.load_list())
        self.list_state = QComboBox()
        self.list_state.setObjectName("list_state")
        for code, text in STATES:
            self.list_state.addItem(text, code)
        self.list_state.currentIndexChanged.connect(lambda _i: self.load_list())
        self.list_model = ShiftTableModel()
        self.list_view = _table_view("shift_list", self.list_model)
        self.list_view.doubleClicked.connect(
            lambda index: self.edit_shift(self.list_model.cards[index.row()].id)
        )
        self.list_count = QLabel()
        self.list_count.setObjectName("list_count")
        filters = QHBoxLayout()
        for caption, widget in (
            ("From", self.list_from),
            ("to", self.list_to),
            ("Member", self.list_member),
            ("", self.list_state),
        ):
            if caption:
                filters.addWidget(QLabel(caption))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.list_count)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addLayout(filters)
        column.addWidget(self.list_view, 1)
        return tab

    def _gaps_tab(self) -> QWidget:
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("gaps_label")
        self.gaps_model = ShiftTableModel()
        self.gaps_view = _table_view("gaps_table", self.gaps_model)
        self.gaps_view.doubleClicked.connect(
            lambda index: self.edit_shift(self.gaps_model.cards[index.row()].id)
        )
        self.conflicts = QTableWidget(0, 3)
        self.conflicts.setObjectName("conflicts_table")
        self.conflicts.setHorizontalHeaderLabels(["Shift", "Member", "Problem"])
        self.conflicts.horizontalHeader().setStretchLastSection(True)
        self.conflicts.verticalHeader().hide()
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tab = QWidget()
        column = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(self.gaps_label, 1)
        row.addWidget(named_button("Suggest who could fill them…", "suggest_fill", self.suggest))
        column.addLayout(row)
        column.addWidget(self.gaps_view, 2)
        column.addWidget(QLabel("Conflicts"))
        column.addWidget(self.conflicts, 1)
        return tab

    def _hours_tab(self, today: dt.date) -> QWidget:
        self.hours_month = QDateEdit(to_qdate(today.replace(day=1)))
        self.hours_month.setObjectName("hours_month")
        self.hours_month.setDisplayFormat("MMMM yyyy")
        self.hours_month.dateChanged.connect(lambda _d: self.load_hours())
        self.hours_table = QTableWidget(0, 3)
        self.hours_table.setObjectName("hours_table")
        self.hours_table.setHorizontalHeaderLabels(["Member", "Shifts completed", "Hours"])
        self.hours_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hours_table.verticalHeader().hide()
        self.hours_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hours_total = QLabel()
        self.hours_total.setObjectName("hours_total")
        tab = QWidget()
        column = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel("Month"))
        row.addWidget(self.hours_month)
        row.addStretch(1)
        row.addWidget(self.hours_total)
        column.addLayout(row)
        column.addWidget(self.hours_table, 1)
        return tab

    # -- loading ------------------------------------------------------------------------------
    @property
    def group_id(self) -> int:
        assert self.context.group_id is not None
        return self.context.group_id

    def refresh(self) -> None:
        """Called when the page is shown: pick up zones, courses and members, then reload."""
        if self.context.group_id is None:
            return
        group = self.read(lambda s: get_group(s, self.group_id))
        self.timezone, self.zone = group.timezone, ZoneInfo(group.timezone)
        self.zones = [(z.id, z.name) for z in self.read(lambda s: list_zones(s, self.group_id))]
        self.courses = [
            (c.id, c.title) for c in self.read(lambda s: list_courses(s, self.group_id))
        ]
        for combo, everyone, choices in (
            (self.zone_filter, "All blocks", self.zones),
            (self.list_member, "Any member", self.active_member_choices()),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for record_id, name in choices:
                combo.addItem(name, record_id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self.context.group_id is None:
            return
        tab = self.tabs.currentIndex()
        if tab == 0:
            self.load_week()
        elif tab == 1:
            self.load_list()
        elif tab == 2:
            self.load_gaps()
        else:
            self.load_hours()

    def _extend_through(self, last: dt.date) -> None:
        """Expand recurring series far enough ahead for what is about to be shown."""
        target = max(last, self.today() + dt.timedelta(weeks=8))
        if self.extended_through is None or target > self.extended_through:
            self.write(lambda s: patrols.extend_series(s, self.group_id, target))
            self.extended_through = target

    def load_week(self) -> None:
        sunday = self.monday + dt.timedelta(days=6)
        self._extend_through(sunday)
        zone_id = self.zone_filter.currentData()
        # The calendar's day runs to 06:00 next morning: include the next day's early shifts.
        check = self.read(
            lambda s: schedule.check_window(
                s, self.group_id, self.monday, sunday + dt.timedelta(days=1), zone_id
            )
        )
        self.calendar.set_week(self.monday, check.cards, self.zone)
        self.week_label.setText(
            f"{self.monday:%b %d} – {sunday:%b %d, %Y}".replace(" 0", " ")
            + f"   ·   {len([c for c in check.cards if c.local_date <= sunday])} shifts"
        )

    def load_list(self) -> None:
        first, last = from_qdate(self.list_from.date()), from_qdate(self.list_to.date())
        if last < first:
            self.list_count.setText("The end date is before the start date.")
            self.list_model.set_cards([], self.zone)
            return
        self._extend_through(last)
        zone_id, member_id = self.zone_filter.currentData(), self.list_member.currentData()
        check = self.read(
            lambda s: schedule.check_window(s, self.group_id, first, last, zone_id, member_id)
        )
        state = self.list_state.currentData()
        cards = [c for c in check.cards if not state or (c.state == state and not c.cancelled)]
        self.list_model.set_cards(cards, self.zone)
        self.list_count.setText(f"{len(cards)} shifts")

    def gap_window(self) -> tuple[dt.date, dt.date]:
        today = self.today()
        return today, today + dt.timedelta(weeks=GAP_WEEKS) - dt.timedelta(days=1)

    def load_gaps(self) -> None:
        first, last = self.gap_window()
        self._extend_through(last)
        check = self.read(lambda s: schedule.check_window(s, self.group_id, first, last))
        self.gaps_model.set_cards(check.gaps, self.zone)
        needed = sum(max(0, g.minimum - g.assigned) for g in check.gaps)
        self.gaps_label.setText(
            f"Next {GAP_WEEKS} weeks: {len(check.gaps)} shifts below minimum staffing "
            f"({needed} places to fill)"
            if check.gaps
            else f"Next {GAP_WEEKS} weeks: every shift is covered."
        )
        cards = {c.id: c for c in check.cards}
        names = dict(self.active_member_choices())
        self.conflicts.setRowCount(len(check.conflicts))
        for row, conflict in enumerate(check.conflicts):
            card = cards[conflict.shift_id]
            start = card.starts_at.astimezone(self.zone)
            cells = (
                f"{start:%a %b %d %H:%M} {card.place}",
                names.get(conflict.member_id, "(inactive member)"),
                conflict.problem.message,
            )
            for column, value in enumerate(cells):
                self.conflicts.setItem(row, column, QTableWidgetItem(value))
        self.conflicts.resizeColumnsToContents()

    def load_hours(self) -> None:
        first = from_qdate(self.hours_month.date()).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        lines = self.read(lambda s: patrol_log.volunteer_hours(s, self.group_id, first, last))
        self.hours_table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, value in enumerate((line.name, str(line.shifts), f"{line.hours:.2f}")):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.hours_table.setItem(row, column, item)
        total = sum(line.hours for line in lines)
        self.hours_total.setText(f"{total:.2f} hours by {len(lines)} volunteers in {first:%B %Y}")

    # -- navigation ---------------------------------------------------------------------------
    def move_week(self, step: int) -> None:
        self.monday += dt.timedelta(weeks=step)
        self.tabs.setCurrentIndex(0)
        self.load_week()

    def this_week(self) -> None:
        today = self.today()
        self.monday = today - dt.timedelta(days=today.weekday())
        self.tabs.setCurrentIndex(0)
        self.load_week()

    def selected_card(self) -> ShiftCard | None:
        """The shift selected in the tab shown (calendar, list or gaps)."""
        tab = self.tabs.currentIndex()
        if tab == 0:
            selected = self.calendar.selected_id
            return None if selected is None else self.calendar.card(selected)
        if tab not in (1, 2):
            return None
        view, model = (
            (self.list_view, self.list_model) if tab == 1 else (self.gaps_view, self.gaps_model)
        )
        rows = view.selectionModel().selectedRows()
        return model.cards[rows[0].row()] if rows else None

    # -- editing ------------------------------------------------------------------------------
    def _candidates(self, shift_id: int | None) -> Candidates:
        def candidates(draft: ShiftDraft) -> list[tuple[int, str, list[Problem]]]:
            found = self.read(lambda s: patrols.eligible_members(s, self.group_id, draft, shift_id))
            return [(m.member_id, m.name, problems) for m, problems in found]

        return candidates

    def new_shift(self) -> None:
        day = max(self.today(), self.monday)
        self.create_at(day, dt.time(20))

    def create_at(self, day: dt.date, start: dt.time) -> None:
        zone_id = self.zone_filter.currentData()
        end = (dt.datetime.combine(day, start) + dt.timedelta(hours=3)).time()
        draft = ShiftDraft(day, start, end, zone_id=zone_id)
        dialog = ShiftEditor(self, self.zones, self.courses, self._candidates(None), draft)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_edit is None:
            return
        edit = dialog.result_edit

        def save(session: Session) -> int:
            shift_id = patrols.create_shifts(session, self.group_id, edit.draft)[0]
            for member_id, reason in edit.added:
                patrols.assign_member(session, shift_id, member_id, reason)
            return shift_id

        shift_id = self.write(save)
        if shift_id is not None:
            self.monday = edit.draft.local_date - dt.timedelta(days=edit.draft.local_date.weekday())
            self.extended_through = None
            self.reload()
            self.calendar.select(shift_id)

    def edit_selected(self) -> None:
        card = self.selected_card()
        if card is None:
            self._say("Select a shift first.")
            return
        self.edit_shift(card.id)

    def edit_shift(self, shift_id: int) -> None:
        now = self.context.clock()
        detail = self.read(lambda s: patrols.shift_detail(s, shift_id, now))
        dialog = ShiftEditor(
            self, self.zones, self.courses, self._candidates(shift_id), detail.draft, detail
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_edit is None:
            return
        edit = dialog.result_edit
        changed = edit.draft != detail.draft
        if changed and not self._confirm_series_edit(shift_id, edit, now):
            return

        def save(session: Session) -> None:
            if changed:
                patrols.edit_shift(session, shift_id, edit.draft, edit.scope, now)
            for assignment_id in edit.removed:
                patrols.unassign(session, assignment_id)
            for member_id, reason in edit.added:
                patrols.assign_member(session, shift_id, member_id, reason)

        self.write(save)
        self.reload()

    def _confirm_series_edit(self, shift_id: int, edit: ShiftEdit, now: dt.datetime) -> bool:
        if edit.scope != "future" or not edit.draft.repeat_weekdays:
            return True
        summary = self.read(lambda s: patrols.preview_edit(s, shift_id, edit.draft, "future", now))
        if not summary.unassigned and not summary.removed:
            return True
        answer = QMessageBox.question(
            self,
            "Change future shifts",
            f"Saving changes the series from this date on: {summary.describe()}.\n\n"
            "Past shifts and their logs are not touched. Go ahead?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def cancel_selected(self) -> None:
        card = self.selected_card()
        if card is None:
            self._say("Select a shift first.")
            return
        now = self.context.clock()
        self.write(lambda s: patrols.set_cancelled(s, card.id, not card.cancelled, now))
        self.reload()

    def open_log(self) -> None:
        card = self.selected_card()
        if card is None:
            self._say("Select a shift first.")
            return
        shift_id, now = card.id, self.context.clock()
        detail = self.read(lambda s: patrols.shift_detail(s, shift_id, now))
        view = self.read(lambda s: patrol_log.patrol_log(s, shift_id))
        start = detail.starts_at.astimezone(self.zone)
        heading = f"{card.place} — {start:%A %B %d, %H:%M}".replace(" 0", " ")

        def act(
            assignment_id: int, status: str
        ) -> tuple[list[patrols.AssignmentLine], patrol_log.LogInput] | None:
            moment = self.context.clock()
            if not self.saved(lambda s: patrols.set_status(s, assignment_id, status, moment)):
                return None
            lines = self.read(lambda s: patrols.assignment_lines(s, shift_id))
            return lines, self.read(lambda s: patrol_log.patrol_log(s, shift_id)).data

        dialog = PatrolLogDialog(
            self,
            heading,
            self.zone,
            detail.starts_at,
            detail.ends_at,
            view,
            detail.assignments,
            act,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.result_edit is not None:
            edit = dialog.result_edit
            self.write(lambda s: self._save_log(s, shift_id, edit))
        self.reload()

    @staticmethod
    def _save_log(session: Session, shift_id: int, edit: LogEdit) -> None:
        patrol_log.save_log(session, shift_id, edit.data)
        for entry_id in edit.removed_entries:
            patrol_log.remove_entry(session, entry_id)
        for noted_at, place, note in edit.new_entries:
            patrol_log.add_entry(session, shift_id, noted_at, place, note)
        for observation_id, linked in edit.links.items():
            patrol_log.link_observation(session, shift_id, observation_id, linked)

    # -- gaps ---------------------------------------------------------------------------------
    def suggest(self) -> None:
        first, last = self.gap_window()
        db, group_id, now = self.context.db, self.group_id, self.context.clock()

        def job(progress: Progress) -> list[schedule.SuggestedAssignment]:
            with db.read() as session:
                return schedule.suggest_assignments(session, group_id, first, last, now)

        self.in_background("Finding patrollers for the gaps", job, self._review_suggestions)

    def _review_suggestions(self, suggestions: list[schedule.SuggestedAssignment]) -> None:
        if not suggestions:
            self._say("Nobody eligible and available is free for the open shifts.")
            return
        dialog = SuggestionsDialog(self, suggestions, self.zone)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()

        def accept(session: Session) -> None:
            for s in chosen:
                patrols.assign_member(session, s.shift.id, s.member_id)

        if self.saved(accept):
            status = getattr(self.window(), "statusBar", None)
            if status is not None:
                status().showMessage(f"Assigned {len(chosen)} patrollers", 10000)
        self.reload()

    # -- outputs ------------------------------------------------------------------------------
    def print_rota(self) -> None:
        from watchdesk.ops.reports import build_rota

        target = self.choose_pdf("Save the patrol rota", f"rota-{self.monday}.pdf")
        if target is None:
            return
        first = self.monday
        last = first + dt.timedelta(weeks=GAP_WEEKS) - dt.timedelta(days=1)
        db, group_id = self.context.db, self.group_id
        self.build_pdf(
            "Printing the rota",
            lambda progress: build_rota(db, group_id, first, last, target, progress),
        )

    def export_ics(self) -> None:
        from watchdesk.ops.reports import write_calendar

        path, _ = QFileDialog.getSaveFileName(
            self, "Export the schedule as a calendar", "patrols.ics", "iCalendar (*.ics)"
        )
        if not path:
            return
        target = Path(path)
        first = self.monday
        last = first + dt.timedelta(weeks=8)
        db, group_id, now = self.context.db, self.group_id, self.context.clock()

        def job(progress: Progress) -> Path:
            write_calendar(db, group_id, first, last, target, now)
            return target

        self.build_pdf("Exporting the calendar", job)

    def _say(self, message: str) -> None:
        status = getattr(self.window(), "statusBar", None)
        if status is not None:
            status().showMessage(message, 8000)

"""The Patrols page: the week calendar, a filtered list of shifts, the coverage gaps of the
next four weeks with suggestions to fill them, and volunteer hours by month.

Every change is an action of ``ops.patrols`` run through ``context.operations``: one step in
Edit > Undo named for what it did. The page reads what it shows through ``ops.patrols`` too.
Suggestions, the rota PDF and the calendar file are built off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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

from watchdesk.core.entities import ShiftDraft
from watchdesk.core.progress import Progress
from watchdesk.core.scheduling import Problem
from watchdesk.core.words import count as counted
from watchdesk.ops import patrols as patrol_ops
from watchdesk.ops.changes import Kind
from watchdesk.services.patrol_log import LogInput
from watchdesk.services.patrols import AssignmentLine
from watchdesk.services.schedule import ShiftCard, SuggestedAssignment
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.patrol_log import LogEdit, PatrolLogDialog
from watchdesk.ui.dialogs.shift_editor import Candidates, ShiftEdit, ShiftEditor
from watchdesk.ui.dialogs.suggestions import SuggestionsDialog, assigned_summary
from watchdesk.ui.forms import (
    FlowLayout,
    from_qdate,
    named_button,
    shown_clock,
    shown_day,
    shown_period,
    style_date_edit,
    to_qdate,
)
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
    title = "Patrols"
    shows = frozenset(
        {
            Kind.SHIFTS,
            Kind.ASSIGNMENTS,
            Kind.PATROL_LOGS,
            Kind.MEMBERS,
            Kind.BLOCKS,
            Kind.TRAINING,
            Kind.GROUPS,  # the group's time zone places the shifts on the calendar
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Patrols")
        self.blocks: list[tuple[int, str]] = []
        self.courses: list[tuple[int, str]] = []
        self.members: list[tuple[int, str]] = []
        # How far each group's weekly series have been expanded into shifts by this page.
        self.expanded_through: dict[int, dt.date] = {}
        today = self.today()
        self.monday = today - dt.timedelta(days=today.weekday())

        self.week_label = QLabel()
        self.week_label.setObjectName("week_label")
        self.week_label.setStyleSheet("font-weight: bold;")
        self.block_filter = QComboBox()
        self.block_filter.setObjectName("patrol_block")
        self.block_filter.currentIndexChanged.connect(lambda _i: self.reload())
        top = FlowLayout()
        top.addWidget(named_button("◀", "previous_week", lambda: self.move_week(-1)))
        top.addWidget(named_button("This week", "this_week", self.this_week))
        top.addWidget(named_button("▶", "next_week", lambda: self.move_week(1)))
        top.addWidget(self.week_label)
        top.addStretch(1)
        top.addWidget(QLabel("Block"))
        top.addWidget(self.block_filter)
        actions = FlowLayout()
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
            style_date_edit(edit)
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

    @property
    def time_zone(self) -> ZoneInfo:
        """The group's time zone (``timezone`` is its name)."""
        return ZoneInfo(self.timezone)

    def refresh(self) -> None:
        """Called when the page is shown or what it shows changed: pick up the group's time
        zone, blocks, courses and members, then reload the tab shown."""
        if self.context.group_id is None:
            return
        found = patrol_ops.choices(self.context.db, self.group_id, self.today())
        self.timezone = found.timezone
        self.blocks, self.courses, self.members = found.blocks, found.courses, found.members
        for combo, everyone, choices in (
            (self.block_filter, "All blocks", self.blocks),
            (self.list_member, "Any member", self.members),
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

    def _expanded(self, last: dt.date, then: Callable[[], None]) -> bool:
        """Whether the weekly series reach ``last`` (and eight weeks past today); if not, they
        are expanded that far (an undoable action, "Add weekly shifts through …") and
        ``then`` runs once they are. Expanded only once per date, so undoing it sticks."""
        group_id = self.group_id
        target = max(last, self.today() + patrol_ops.EXPAND_AHEAD)
        reached = self.expanded_through.get(group_id)
        if reached is not None and target <= reached:
            return True
        self.expanded_through[group_id] = target
        db = self.context.db
        self.context.operations.perform(
            self,
            "expand weekly shifts",
            lambda _p: patrol_ops.extend_series(db, group_id, target),
            lambda _added: then(),
        )
        return False

    def load_week(self) -> None:
        sunday = self.monday + dt.timedelta(days=6)
        if not self._expanded(sunday, self.load_week):
            return
        block_id = self.block_filter.currentData()
        # The calendar's day runs to 06:00 next morning: include the next day's early shifts.
        check = patrol_ops.schedule(
            self.context.db, self.group_id, self.monday, sunday + dt.timedelta(days=1), block_id
        )
        self.calendar.set_week(self.monday, check.cards, self.time_zone)
        self.week_label.setText(
            shown_period(self.monday, sunday)
            + f"   ·   {counted(len([c for c in check.cards if c.local_date <= sunday]), 'shift')}"
        )

    def load_list(self) -> None:
        first, last = from_qdate(self.list_from.date()), from_qdate(self.list_to.date())
        if last < first:
            self.list_count.setText("The end date is before the start date.")
            self.list_model.set_cards([], self.time_zone)
            return
        if not self._expanded(last, self.load_list):
            return
        block_id, member_id = self.block_filter.currentData(), self.list_member.currentData()
        check = patrol_ops.schedule(
            self.context.db, self.group_id, first, last, block_id, member_id
        )
        state = self.list_state.currentData()
        cards = [c for c in check.cards if not state or (c.state == state and not c.cancelled)]
        self.list_model.set_cards(cards, self.time_zone)
        self.list_count.setText(counted(len(cards), "shift"))

    def gap_window(self) -> tuple[dt.date, dt.date]:
        today = self.today()
        return today, today + dt.timedelta(weeks=GAP_WEEKS) - dt.timedelta(days=1)

    def load_gaps(self) -> None:
        first, last = self.gap_window()
        if not self._expanded(last, self.load_gaps):
            return
        check = patrol_ops.schedule(self.context.db, self.group_id, first, last)
        self.gaps_model.set_cards(check.gaps, self.time_zone)
        needed = sum(max(0, g.minimum - g.assigned) for g in check.gaps)
        self.gaps_label.setText(
            f"Next {GAP_WEEKS} weeks: {counted(len(check.gaps), 'shift')} below minimum "
            f"staffing ({counted(needed, 'place')} to fill)"
            if check.gaps
            else f"Next {GAP_WEEKS} weeks: every shift is covered."
        )
        cards = {c.id: c for c in check.cards}
        names = dict(self.members)
        self.conflicts.setRowCount(len(check.conflicts))
        for row, conflict in enumerate(check.conflicts):
            card = cards[conflict.shift_id]
            start = card.starts_at.astimezone(self.time_zone)
            cells = (
                f"{shown_day(start.date(), short=True)} {shown_clock(start)} {card.place}",
                names.get(conflict.member_id, "(inactive member)"),
                conflict.problem.message,
            )
            for column, value in enumerate(cells):
                self.conflicts.setItem(row, column, QTableWidgetItem(value))
        self.conflicts.resizeColumnsToContents()

    def load_hours(self) -> None:
        first = from_qdate(self.hours_month.date()).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        lines = patrol_ops.volunteer_hours(self.context.db, self.group_id, first, last)
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
        self.hours_total.setText(
            f"{total:.2f} hours by {counted(len(lines), 'volunteer')} in {first:%B %Y}"
        )

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

    def show_record(self, record_id: int) -> None:
        """Go to the shift's week (every block) and select it."""
        detail = patrol_ops.shift_detail(self.context.db, record_id, self.context.clock())
        local_date = detail.draft.local_date
        self.monday = local_date - dt.timedelta(days=local_date.weekday())
        for widget in (self.block_filter, self.tabs):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.load_week()
        if self.calendar.card(record_id) is not None:
            self.calendar.select(record_id)

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

    # -- editing (each an undoable action) ----------------------------------------------------
    def _candidates(self, shift_id: int | None) -> Candidates:
        db, group_id = self.context.db, self.group_id

        def candidates(draft: ShiftDraft) -> list[tuple[int, str, list[Problem]]]:
            return patrol_ops.eligible_members(db, group_id, draft, shift_id)

        return candidates

    def new_shift(self) -> None:
        day = max(self.today(), self.monday)
        self.create_at(day, dt.time(20))

    record_noun = "shift"

    def new_record(self) -> None:
        """Ctrl+N: New shift."""
        self.new_shift()

    def create_at(self, day: dt.date, start: dt.time) -> None:
        block_id = self.block_filter.currentData()
        end = (dt.datetime.combine(day, start) + dt.timedelta(hours=3)).time()
        draft = ShiftDraft(day, start, end, block_id=block_id)
        dialog = ShiftEditor(self, self.blocks, self.courses, self._candidates(None), draft)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_edit is None:
            return
        edit = dialog.result_edit
        db, group_id, today = self.context.db, self.group_id, self.today()

        def added(shift_id: int) -> None:
            day = edit.draft.local_date
            self.monday = day - dt.timedelta(days=day.weekday())
            self.tabs.setCurrentIndex(0)
            self.load_week()
            self.calendar.select(shift_id)

        self.context.operations.perform(
            self,
            "add shift",
            lambda _p: patrol_ops.add_shift(db, group_id, edit.draft, today, edit.added),
            added,
        )

    def edit_selected(self) -> None:
        card = self.selected_card()
        if card is None:
            self.say("Select a shift first.")
            return
        self.edit_shift(card.id)

    def edit_shift(self, shift_id: int) -> None:
        db, now = self.context.db, self.context.clock()
        detail = patrol_ops.shift_detail(db, shift_id, now)
        dialog = ShiftEditor(
            self, self.blocks, self.courses, self._candidates(shift_id), detail.draft, detail
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_edit is None:
            return
        edit = dialog.result_edit
        changed = edit.draft if edit.draft != detail.draft else None
        if changed is not None and not self._confirm_series_edit(shift_id, edit, now):
            return
        self.context.operations.perform(
            self,
            "save shift",
            lambda _p: patrol_ops.edit_shift(
                db, shift_id, changed, edit.scope, now, edit.removed, edit.added
            ),
            lambda _summary: self._reselect(shift_id),
        )

    def _reselect(self, shift_id: int) -> None:
        self.reload()
        if self.tabs.currentIndex() == 0 and self.calendar.card(shift_id) is not None:
            self.calendar.select(shift_id)

    def _confirm_series_edit(self, shift_id: int, edit: ShiftEdit, now: dt.datetime) -> bool:
        if edit.scope != "future" or not edit.draft.repeat_weekdays:
            return True
        summary = patrol_ops.preview_edit(self.context.db, shift_id, edit.draft, "future", now)
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
            self.say("Select a shift first.")
            return
        db, now, shift_id, cancel = (
            self.context.db,
            self.context.clock(),
            card.id,
            not card.cancelled,
        )
        self.context.operations.perform(
            self,
            "cancel shift" if cancel else "uncancel shift",
            lambda _p: patrol_ops.set_cancelled(db, shift_id, cancel, now),
            lambda _none: self._reselect(shift_id),
        )

    def open_log(self) -> None:
        card = self.selected_card()
        if card is None:
            self.say("Select a shift first.")
            return
        db, shift_id, now = self.context.db, card.id, self.context.clock()
        operations = self.context.operations
        detail = patrol_ops.shift_detail(db, shift_id, now)
        view = patrol_ops.patrol_log(db, shift_id)
        start = detail.starts_at.astimezone(self.time_zone)
        heading = f"{card.place} — {shown_day(start.date())}, {shown_clock(start)}"

        def act(
            assignment_id: int, status: str
        ) -> tuple[Sequence[AssignmentLine], LogInput] | None:
            moment = self.context.clock()
            answer = operations.perform_now(
                self, lambda: patrol_ops.set_status(db, assignment_id, status, moment)
            )
            return None if answer is None else (answer.lines, answer.log)

        dialog = PatrolLogDialog(
            self,
            heading,
            self.time_zone,
            detail.starts_at,
            detail.ends_at,
            view,
            detail.assignments,
            act,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.result_edit is not None:
            self.save_log(shift_id, dialog.result_edit)

    def save_log(self, shift_id: int, edit: LogEdit) -> None:
        db, now = self.context.db, self.context.clock()
        self.context.operations.perform(
            self,
            "save patrol log",
            lambda _p: patrol_ops.save_patrol_log(
                db,
                shift_id,
                edit.data,
                now,
                edit.new_entries,
                edit.removed_entries,
                edit.links,
            ),
            lambda _none: self._reselect(shift_id),
        )

    # -- gaps ---------------------------------------------------------------------------------
    def suggest(self) -> None:
        first, last = self.gap_window()
        db, group_id, now = self.context.db, self.group_id, self.context.clock()
        self.context.operations.query(
            self,
            "Finding patrollers for the gaps",
            lambda _p: patrol_ops.suggestions(db, group_id, first, last, now),
            self._review_suggestions,
        )

    def _review_suggestions(self, suggestions: list[SuggestedAssignment]) -> None:
        if not suggestions:
            self.say("Nobody eligible and available is free for the open shifts.")
            return
        dialog = SuggestionsDialog(self, suggestions, self.time_zone)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        made = dialog.chosen()
        chosen = [(s.shift.id, s.member_id) for s in made]
        if not chosen:
            return
        db, time_zone = self.context.db, self.time_zone

        def assigned(_count: int) -> None:
            self.reload()
            self.say(assigned_summary(made, time_zone), 60000)

        self.context.operations.perform(
            self,
            "assign suggested patrollers",
            lambda _p: patrol_ops.accept_suggestions(db, chosen),
            assigned,
        )

    # -- outputs ------------------------------------------------------------------------------
    def print_rota(self) -> None:
        from watchdesk.ops.reports import build_rota

        target = self.choose_pdf("Save the patrol rota", f"rota-{self.monday}.pdf")
        if target is None:
            return
        first = self.monday
        last = first + dt.timedelta(weeks=GAP_WEEKS) - dt.timedelta(days=1)
        db, group_id = self.context.db, self.group_id

        def build() -> None:
            self.save_file(
                "Printing the rota",
                lambda progress: build_rota(db, group_id, first, last, target, progress),
            )

        if self._expanded(last, build):
            build()

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

        def build() -> None:
            self.save_file("Exporting the calendar", job)

        if self._expanded(last, build):
            build()

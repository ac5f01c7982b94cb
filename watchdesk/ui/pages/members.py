"""The Members page: the roster as a searchable, filterable table with a detail pane, the
member and household forms, merging duplicates, plate lookup, and undo for every edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import MemberInput
from watchdesk.core.validation import display_phone
from watchdesk.core.vocabulary import MEMBER_ROLES, MEMBER_STATUSES, TRAINING_STATUSES, label
from watchdesk.core.words import count as counted
from watchdesk.ops import groups as group_ops
from watchdesk.ops import members as member_ops
from watchdesk.ops.changes import Kind
from watchdesk.services.duplicates import PossibleDuplicate
from watchdesk.services.member_directory import MemberDetail, MemberFilter, MemberListRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.household import HouseholdDialog
from watchdesk.ui.dialogs.member_form import MemberDialog
from watchdesk.ui.forms import (
    FlowLayout,
    filter_combo,
    named_button,
    record_table,
    shown_date,
    shown_period,
)
from watchdesk.ui.models.paged_table import Column, PagedTableModel
from watchdesk.ui.pages._base import RecordPage

T = TypeVar("T")

TRAINING_COLOURS = {"expired": "#b00020", "missing": "#b00020", "expiring": "#8a5300"}

COLUMNS: list[Column[MemberListRow]] = [
    Column("Name", lambda r: r.name, "name"),
    Column("Block", lambda r: r.block_name or "", "block"),
    Column("Address", lambda r: r.address or "", "address"),
    Column("Role", lambda r: label(MEMBER_ROLES, r.role), "role"),
    Column("Status", lambda r: label(MEMBER_STATUSES, r.status), "status"),
    Column(
        "Training",
        lambda r: label(TRAINING_STATUSES, r.training_status),
        "training",
        lambda r: TRAINING_COLOURS.get(r.training_status),
    ),
    Column("Phone", lambda r: display_phone(r.phone), "phone"),
    Column("Email", lambda r: r.email or "", "email"),
]


class MembersPage(RecordPage):
    title = "Members"
    shows = frozenset({Kind.MEMBERS, Kind.HOUSEHOLDS, Kind.VEHICLES, Kind.BLOCKS, Kind.TRAINING})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Members")
        self.blocks: list[tuple[int, str]] = []

        self.search = QLineEdit()
        self.search.setObjectName("member_search")
        self.search.setPlaceholderText("Search name, address, phone or email…")
        self.search.setClearButtonEnabled(True)
        self.block_filter = QComboBox()
        self.block_filter.setObjectName("block_filter")
        self.role_filter = filter_combo("role_filter", "All roles", MEMBER_ROLES)
        self.status_filter = filter_combo("status_filter", "All statuses", MEMBER_STATUSES)
        self.status_filter.setCurrentIndex(self.status_filter.findData("active"))
        self.training_filter = filter_combo("training_filter", "Any training", TRAINING_STATUSES)
        self.count_label = QLabel()
        self.count_label.setObjectName("member_count")
        filters = FlowLayout()
        filters.addWidget(self.search, 3)
        for combo in (
            self.block_filter,
            self.role_filter,
            self.status_filter,
            self.training_filter,
        ):
            filters.addWidget(combo, 1)
        filters.addWidget(self.count_label)

        self.model: PagedTableModel[MemberListRow] = PagedTableModel(
            COLUMNS, self._fetch_ids, self._fetch_rows
        )
        self.table = record_table(
            "member_table", self.model, (170, 160, 150, 110, 70, 100, 125), self.edit_member
        )
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        self.detail = QTextBrowser()
        self.detail.setObjectName("member_detail")
        self.detail.setOpenLinks(False)
        self.plate = QLineEdit()
        self.plate.setObjectName("plate_lookup")
        self.plate.setPlaceholderText("Whose car? Type a plate (? = unknown character)")
        self.plate_result = QLabel()
        self.plate_result.setObjectName("plate_result")
        self.plate_result.setWordWrap(True)
        self.plate_result.setTextFormat(Qt.TextFormat.PlainText)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(QLabel("Plate lookup"))
        side_layout.addWidget(self.plate)
        side_layout.addWidget(self.plate_result)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 300])

        self.add_button = named_button("Add member…", "add_member", self.add_member)
        self.edit_button = named_button("Edit…", "edit_member", self.edit_member)
        self.active_button = named_button("Inactivate", "toggle_active", self.toggle_active)
        self.household_button = named_button("Household…", "edit_household", self.edit_household)
        self.merge_button = named_button("Merge two…", "merge_members", self.merge_selected)
        self.import_button = named_button("Import roster…", "import_roster", self.import_roster)
        self.trees_button = named_button("Phone trees…", "phone_trees", self.open_phone_trees)
        self.print_button = named_button("Print roster…", "print_roster", self.print_roster)
        actions = FlowLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.active_button,
            self.household_button,
            self.merge_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.trees_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.reload)
        for combo in (
            self.block_filter,
            self.role_filter,
            self.status_filter,
            self.training_filter,
        ):
            combo.currentIndexChanged.connect(self.reload)
        self.plate.textChanged.connect(self.lookup_plate)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------------
    def current_filter(self) -> MemberFilter:
        return MemberFilter(
            text=self.search.text(),
            block_id=self.block_filter.currentData(),
            role=self.role_filter.currentData(),
            status=self.status_filter.currentData(),
            training=self.training_filter.currentData(),
        )

    def _fetch_ids(self, sort: str, descending: bool) -> list[int]:
        where = self.current_filter()
        where = replace(where, sort=sort, descending=descending)
        return member_ops.find_member_ids(
            self.context.db, self.context.group_id, where, self.today()
        )

    def _fetch_rows(self, ids: list[int]) -> dict[int, MemberListRow]:
        return member_ops.member_list_rows(self.context.db, ids, self.today())

    def refresh(self) -> None:
        """Called when the page is shown: reload the block list and the table."""
        group_id = self.context.group_id
        blocks = group_ops.blocks(self.context.db, group_id)
        self.blocks = [(z.id, z.name) for z in blocks]
        current = self.block_filter.currentData()
        self.block_filter.blockSignals(True)
        self.block_filter.clear()
        self.block_filter.addItem("All blocks", None)
        for block_id, name in self.blocks:
            self.block_filter.addItem(name, block_id)
        self.block_filter.setCurrentIndex(max(self.block_filter.findData(current), 0))
        self.block_filter.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        selected = self.selected_ids()
        self.model.reload()
        count = len(self.model.ids)
        self.count_label.setText(counted(count, "member", thousands=True))
        self.select_ids(selected)
        self._show_detail()

    # -- selection and detail ----------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        ids = (
            self.model.id_at(index.row()) for index in self.table.selectionModel().selectedRows()
        )
        return [i for i in ids if i is not None]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for record_id in ids:
            position = self.model.position_of(record_id)
            if position is not None:
                selection.select(
                    self.model.index(position, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(position, 0))

    def show_record(self, record_id: int) -> None:
        """Select the member, clearing the filters if they hide them."""
        if self.model.position_of(record_id) is None:
            combos = (self.block_filter, self.role_filter, self.status_filter, self.training_filter)
            for widget in (*combos, self.search):
                widget.blockSignals(True)
            for combo in combos:
                combo.setCurrentIndex(0)
            self.search.clear()
            for widget in (*combos, self.search):
                widget.blockSignals(False)
            self.reload()
        self.select_ids([record_id])

    def _selection_changed(self) -> None:
        self._show_detail()
        self._update_buttons()

    def current_detail(self) -> MemberDetail | None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        return member_ops.member_details(self.context.db, ids[0])

    def _show_detail(self) -> None:
        detail = self.current_detail()
        self.detail.setHtml(detail_html(detail) if detail else _hint(len(self.selected_ids())))
        self._update_buttons(detail)

    def _update_buttons(self, detail: MemberDetail | None = None) -> None:
        count = len(self.selected_ids())
        self.edit_button.setEnabled(count == 1)
        self.household_button.setEnabled(count == 1)
        self.active_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count == 2)
        if detail is not None:
            active = detail.values["status"] == "active"
            self.active_button.setText("Inactivate" if active else "Reactivate")

    # -- edits (each undoable from Edit > Undo) ---------------------------------------------
    def _after_edit(self, member_id: int | None) -> None:
        self.reload()
        if member_id is not None and self.model.position_of(member_id) is not None:
            self.select_ids([member_id])

    def _find_duplicates(
        self, exclude: int | None
    ) -> Callable[[MemberInput], list[PossibleDuplicate]]:
        group_id = self.context.group_id
        assert group_id is not None
        return lambda data: member_ops.duplicates_of(self.context.db, group_id, data, exclude)

    def _households(self) -> list[tuple[int, str]]:
        homes = member_ops.households(self.context.db, self.context.group_id)
        return [(h.id, h.address_line) for h in homes]

    def open_member_dialog(self, member_id: int | None) -> MemberDialog:
        existing = None
        if member_id is not None:
            existing = member_ops.member_form(self.context.db, member_id)
        phones = group_ops.phone_settings(self.context.db, self.group())
        return MemberDialog(
            self,
            self.blocks,
            self._households(),
            self._find_duplicates(member_id),
            existing,
            phones,
        )

    def add_member(self) -> None:
        dialog = self.open_member_dialog(None)
        if dialog.exec() and dialog.result_input is not None:
            self.save_new_member(dialog.result_input)

    record_noun = "member"

    def new_record(self) -> None:
        """Ctrl+N: Add member."""
        self.add_member()

    searchable = True

    def focus_search(self) -> None:
        """Ctrl+F: into the search field, its words selected to type over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def save_new_member(self, data: MemberInput) -> None:
        db, group_id = self.context.db, self.group()
        self.context.operations.perform(
            self,
            "add member",
            lambda _p: member_ops.add_member(db, group_id, data),
            self._after_edit,
        )

    def edit_member(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = self.open_member_dialog(ids[0])
        if dialog.exec() and dialog.result_input is not None:
            self.save_member(ids[0], dialog.result_input)

    def save_member(self, member_id: int, data: MemberInput) -> None:
        db = self.context.db
        self.context.operations.perform(
            self,
            "save member",
            lambda _p: member_ops.update_member(db, member_id, data),
            self._after_edit,
        )

    def toggle_active(self) -> None:
        detail = self.current_detail()
        if detail is None:
            return
        member_id = self.selected_ids()[0]
        active = detail.values["status"] == "active"
        db = self.context.db
        self.context.operations.perform(
            self,
            "change member status",
            lambda _p: member_ops.set_member_active(db, member_id, not active),
            self._after_edit,
        )

    # -- merge -------------------------------------------------------------------------------
    def ask_which_to_keep(self, first: MemberDetail, second: MemberDetail) -> int | None:
        """0 or 1 for the record to keep, None to cancel (a method so tests can answer)."""
        box = QMessageBox(self)
        box.setWindowTitle("Merge members")
        box.setText(
            f"Merge {first.name} and {second.name} into one member?\n\n"
            "Shifts, reports, attendance and certifications of both are kept; the other "
            "record stays in the history, inactive. A merge cannot be undone."
        )
        keep_first = box.addButton(f"Keep {first.name}", QMessageBox.ButtonRole.AcceptRole)
        keep_second = box.addButton(f"Keep {second.name}", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return 0 if clicked is keep_first else 1 if clicked is keep_second else None

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            return
        details = [member_ops.member_details(self.context.db, i) for i in ids]
        choice = self.ask_which_to_keep(details[0], details[1])
        if choice is None:
            return
        keep, other = ids[choice], ids[1 - choice]
        db = self.context.db
        self.context.operations.perform(
            self,
            "merge members",
            lambda _p: member_ops.merge_two_members(db, keep, other),
            self._after_edit,
        )

    # -- household ---------------------------------------------------------------------------
    def edit_household(self) -> None:
        ids = self.selected_ids()
        detail = self.current_detail()
        if detail is None:
            return
        member_id = ids[0]
        household_id = detail.values["household_id"]
        if household_id is None:
            dialog = HouseholdDialog(self, self.blocks, None)
            if not dialog.exec() or dialog.result_input is None:
                return
            new_home = dialog.result_input
            db, group_id = self.context.db, self.group()
            self.context.operations.perform(
                self,
                "add household",
                lambda _p: member_ops.add_household_for(db, group_id, member_id, new_home),
                lambda _home: self._after_edit(member_id),
            )
            return
        self._edit_existing_household(member_id, household_id, detail)

    def _edit_existing_household(
        self, member_id: int, household_id: int, detail: MemberDetail
    ) -> None:
        db, operations = self.context.db, self.context.operations
        current = member_ops.household_form(db, household_id)

        def remove_vehicle(vehicle_id: int) -> None:
            operations.perform_now(self, lambda: member_ops.remove_vehicle(db, vehicle_id))

        def remove_vacation(vacation_id: int) -> None:
            operations.perform_now(self, lambda: member_ops.remove_vacation(db, vacation_id))

        dialog = HouseholdDialog(
            self,
            self.blocks,
            current,
            detail.vehicles,
            detail.vacations,
            add_vehicle=lambda v: operations.perform_now(
                self, lambda: member_ops.add_vehicle(db, household_id, v)
            ),
            remove_vehicle=remove_vehicle,
            add_vacation=lambda v: operations.perform_now(
                self, lambda: member_ops.add_vacation(db, household_id, v)
            ),
            remove_vacation=remove_vacation,
        )
        if dialog.exec() and dialog.result_input is not None:
            changed = dialog.result_input
            operations.perform(
                self,
                "save household",
                lambda _p: member_ops.update_household(db, household_id, changed),
                lambda _home: self._after_edit(member_id),
            )
        else:
            self._show_detail()  # vehicles or vacations may have changed

    def lookup_plate(self, text: str) -> None:
        try:
            found = member_ops.whose_plate(self.context.db, self.context.group_id, text)
        except Exception as error:  # a ValidationError for characters a plate cannot hold
            self.plate_result.setText(str(error))
            return
        if not text.strip():
            self.plate_result.clear()
        elif not found:
            self.plate_result.setText("Not a registered neighbour's vehicle.")
        else:
            self.plate_result.setText("\n".join(match.describe() for match in found))

    # -- phone trees and printing ------------------------------------------------------------
    def open_phone_trees(self) -> None:
        from watchdesk.ui.dialogs.phone_tree import PhoneTreeDialog

        PhoneTreeDialog(self, self.context, self.blocks).exec()

    def print_roster(self) -> None:
        target = self.choose_pdf("Save roster", "roster.pdf")
        if target:
            self.write_roster_pdf(target)

    def write_roster_pdf(self, target: Path) -> None:
        from watchdesk.ops.reports import build_roster

        db, group_id = self.context.db, self.context.group_id
        assert group_id is not None
        self.save_file("roster PDF", lambda progress: build_roster(db, group_id, target, progress))

    # -- roster import -----------------------------------------------------------------------
    def import_roster(self) -> None:
        from watchdesk.ui.dialogs.roster_import import RosterImportDialog

        dialog = RosterImportDialog(self, self.context)
        if dialog.choose_file():
            dialog.exec()  # the import announces its changes and empties the undo history


def _hint(selected: int) -> str:
    if selected == 2:
        return "<p>Two members selected: <b>Merge two…</b> folds one into the other.</p>"
    return "<p>Select a member to see their details.</p>"


def _row(caption: str, value: object) -> str:
    if value in (None, ""):
        return ""
    return f"<tr><td><b>{escape(caption)}</b>&nbsp;</td><td>{escape(str(value))}</td></tr>"


def detail_html(detail: MemberDetail) -> str:
    v = detail.values
    consents = [
        ("precinct", v["consent_share_with_precinct"]),
        ("phone tree", v["consent_phone_tree"]),
        ("printed roster", v["consent_printed_roster"]),
        ("named in reports", v["consent_named_in_reports"]),
    ]
    given = ", ".join(name for name, yes in consents if yes) or "none"
    parts = [
        f"<h3>{escape(detail.name)}</h3>",
        "<table>",
        _row("Role", label(MEMBER_ROLES, v["role"])),
        _row("Status", label(MEMBER_STATUSES, v["status"])),
        _row("Merged into", detail.merged_into),
        _row("Block", detail.block_name),
        _row("Address", detail.address),
        _row("Mobile", display_phone(v["phone_mobile"])),
        _row("Home", display_phone(v["phone_home"])),
        _row("Work", display_phone(v["phone_work"])),
        _row("Email", v["email"]),
        _row("Joined", v["joined_on"]),
        _row("Languages", v["languages"]),
        _row(
            "Emergency",
            " ".join(
                p
                for p in (v["emergency_contact_name"], display_phone(v["emergency_contact_phone"]))
                if p
            ),
        ),
        _row("Consent", given),
        _row("Household", ", ".join(detail.household_residents)),
        _row("Pets", detail.pets),
        _row("Concerns", detail.special_concerns),
        "</table>",
    ]
    if detail.vehicles:
        parts.append("<p><b>Vehicles</b><br>")
        parts.append("<br>".join(escape(vehicle.describe()) for vehicle in detail.vehicles))
        parts.append("</p>")
    if detail.vacations:
        parts.append("<p><b>Away</b><br>")
        parts.append(
            "<br>".join(escape(shown_period(w.starts_on, w.ends_on)) for w in detail.vacations)
        )
        parts.append("</p>")
    history = detail.history
    parts.append(
        "<p><b>History</b><br>"
        f"{counted(history.shifts, 'shift')}, "
        f"{counted(history.observations_reported, 'report')}, "
        f"{counted(history.trainings_attended, 'training')}, "
        f"{counted(history.meetings_attended, 'meeting')}</p>"
    )
    if detail.certifications:
        parts.append("<p><b>Certifications</b><br>")
        parts.append(
            "<br>".join(
                escape(
                    f"{c.course_title}: {shown_date(c.completed_on)}"
                    + (f", expires {shown_date(c.expires_on)}" if c.expires_on else ", no expiry")
                )
                for c in detail.certifications
            )
        )
        parts.append("</p>")
    if v["notes"]:
        parts.append(f"<p><b>Notes</b><br>{escape(v['notes'])}</p>")
    return "".join(parts)

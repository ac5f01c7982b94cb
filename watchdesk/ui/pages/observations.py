"""The Observations page: every report, filtered in SQL (dates, category, block, status, words),
a detail pane with the people and vehicles seen, and exports of exactly what is filtered.

The table reads a page of rows at a time by position and counts off the GUI thread, so it
stays quick on a million observations (see ui/models/positional_table.py).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import replace
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from watchdesk.core.entities import ObservationInput
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import (
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    POLICE_CONTACTS,
    SEVERITIES,
    label,
)
from watchdesk.core.words import count as counted
from watchdesk.ops import groups as group_ops
from watchdesk.ops import members as member_ops
from watchdesk.ops import observations as observation_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.reports import build_observation_report, write_observations, write_pick_map
from watchdesk.services.observation_detail import ObservationDetail
from watchdesk.services.observation_search import ObservationFilter, ObservationLine
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.observation_form import ObservationDialog
from watchdesk.ui.errors import show_error
from watchdesk.ui.forms import (
    FlowLayout,
    date_edit,
    filter_combo,
    from_qdate,
    named_button,
    record_table,
    to_qdate,
)
from watchdesk.ui.models.paged_table import Column
from watchdesk.ui.models.positional_table import PositionalTableModel
from watchdesk.ui.pages._base import RecordPage

# Dates at the minimum show as "any": no bound on that side.
NO_DATE = QDate(2000, 1, 1)
SEVERITY_COLOURS = {3: "#8a5300", 4: "#b00020"}
EXPORTS = {
    "csv": ("CSV for spreadsheets", "CSV (*.csv)", ".csv"),
    "geojson": ("GeoJSON for mapping tools", "GeoJSON (*.geojson)", ".geojson"),
    "map": ("a map that works offline", "Web page (*.html)", ".html"),
}


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def _date_filter(name: str) -> QDateEdit:
    edit = date_edit(name)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("any")
    edit.setDate(NO_DATE)
    return edit


class ObservationsPage(RecordPage):
    title = "Observations"
    map_requested = Signal(int)  # "Show on map": an observation's id
    # Reporters' names and neighbours' vehicles show in the detail.
    shows = frozenset(
        {
            Kind.OBSERVATIONS,
            Kind.FOLLOW_UPS,
            Kind.BLOCKS,
            Kind.GROUPS,
            Kind.MEMBERS,
            Kind.VEHICLES,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Observations")
        self.blocks: list[tuple[int, str]] = []
        # The filter of what the table shows: counts and pages must not see half-typed words.
        self.applied = ObservationFilter()
        self._maps = tempfile.TemporaryDirectory(prefix="watchdesk-pick-")
        self.destroyed.connect(self._maps.cleanup)

        self.first = _date_filter("from_date")
        self.last = _date_filter("to_date")
        self.category = filter_combo("category_filter", "All categories", OBSERVATION_CATEGORIES)
        self.block = QComboBox()
        self.block.setObjectName("block_filter")
        self.block.addItem("All blocks", None)
        self.status = filter_combo("status_filter", "Any status", OBSERVATION_STATUSES)
        self.search = QLineEdit()
        self.search.setObjectName("observation_search")
        self.search.setPlaceholderText("Words, address, case number or plate (7KX?23)…")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("observation_count")
        filters = FlowLayout()
        filters.addWidget(QLabel("From"))
        filters.addWidget(self.first)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.last)
        for combo in (self.category, self.block, self.status):
            filters.addWidget(combo, 1)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.count_label)

        columns: list[Column[ObservationLine]] = [
            Column("When", lambda r: self.local(r.occurred_at), "occurred_at"),
            Column("Category", lambda r: label(OBSERVATION_CATEGORIES, r.category), "category"),
            Column(
                "Severity",
                lambda r: SEVERITIES.get(r.severity, str(r.severity)),
                None,
                lambda r: SEVERITY_COLOURS.get(r.severity),
            ),
            Column("Status", lambda r: label(OBSERVATION_STATUSES, r.status)),
            Column("Block", lambda r: r.block_name or ""),
            Column("Where", lambda r: r.address_text or ""),
            Column("Case #", lambda r: r.case_number or ""),
            Column("What", lambda r: _first_line(r.description)),
        ]
        self.model: PositionalTableModel[ObservationLine] = PositionalTableModel(
            columns, self._fetch_page, self._start_count
        )
        self.model.total_changed.connect(self._show_count)
        self.table = record_table(
            "observation_table",
            self.model,
            (165, 140, 70, 70, 110, 170, 90),
            self.edit_observation,
        )
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.detail = QTextBrowser()
        self.detail.setObjectName("observation_detail")
        self.detail.setOpenLinks(False)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 320])

        self.record_button = named_button(
            "Record observation…", "record_observation", self.record_observation
        )
        self.edit_button = named_button("Edit…", "edit_observation", self.edit_observation)
        self.print_button = named_button("Print report…", "print_observation", self.print_report)
        self.map_button = named_button("Show on map", "show_on_map", self.show_on_map)
        actions = FlowLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.map_button)
        actions.addStretch(1)
        actions.addWidget(QLabel("Export what is shown:"))
        self.last_export: Path | None = None
        self.export_buttons = {}
        for kind, caption in (("csv", "CSV…"), ("geojson", "GeoJSON…"), ("map", "Map…")):
            button = named_button(caption, f"export_{kind}", self._exporter(kind))
            self.export_buttons[kind] = button
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        # Typing waits for a pause: each keystroke would otherwise run a search.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        for combo in (self.category, self.block, self.status):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------------
    def shown_filter(self) -> ObservationFilter:
        """The filter of the rows on screen (typing applies after a pause), in their order."""
        return replace(self.applied, sort=self.model.sort_key, descending=self.model.descending)

    def current_filter(self) -> ObservationFilter:
        """The filter as the widgets stand now."""

        def day(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == NO_DATE else from_qdate(edit.date())

        return ObservationFilter(
            first=day(self.first),
            last=day(self.last),
            category=self.category.currentData(),
            block_id=self.block.currentData(),
            status=self.status.currentData(),
            text=self.search.text(),
            sort=self.model.sort_key,
            descending=self.model.descending,
        )

    def _fetch_page(
        self, sort: str, descending: bool, start: int, size: int, total: int
    ) -> list[ObservationLine]:
        where = replace(self.applied, sort=sort, descending=descending)
        return observation_ops.observation_rows(
            self.context.db, self.group(), where, start, size, total
        )

    def _start_count(self, deliver: Callable[[int], None]) -> None:
        db, group_id, where = self.context.db, self.group(), self.applied
        self.context.operations.query(
            self,
            "count observations",
            lambda _p: observation_ops.count(db, group_id, where),
            deliver,
        )

    def refresh(self) -> None:
        """Called when the page is shown: the group's blocks and time zone, then the table."""
        db, group_id = self.context.db, self.group()
        self.timezone = group_ops.group(db, group_id).timezone
        self.blocks = [(z.id, z.name) for z in group_ops.blocks(db, group_id)]
        current = self.block.currentData()
        self.block.blockSignals(True)
        self.block.clear()
        self.block.addItem("All blocks", None)
        for block_id, name in self.blocks:
            self.block.addItem(name, block_id)
        self.block.setCurrentIndex(max(self.block.findData(current), 0))
        self.block.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self.applied = self.current_filter()
        try:
            self.model.reload()
        except ValidationError as error:  # e.g. a date range the wrong way round
            show_error(self, error, self.context.log_path)
        self._show_detail()

    def _show_count(self, rows: int, final: bool) -> None:
        noun = "observation" if rows == 1 else "observations"
        self.count_label.setText(f"{rows:,} {noun}" if final else f"{rows:,}+ {noun}, counting…")

    # -- selection and detail ----------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if len(rows) == 1 else None

    def select_id(self, observation_id: int) -> None:
        position = self.model.position_of(observation_id)
        if position is not None:
            self.table.selectRow(position)
            self.table.scrollTo(self.model.index(position, 0))

    def show_record(self, record_id: int) -> None:
        """Select the observation: the filters are cleared, and if it is still not among the
        rows read, the dates narrow to its day."""
        widgets = (self.category, self.block, self.status, self.first, self.last, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.category, self.block, self.status):
            combo.setCurrentIndex(0)
        self.first.setDate(NO_DATE)
        self.last.setDate(NO_DATE)
        self.search.clear()
        self.reload()
        if self.model.position_of(record_id) is None:
            occurred = observation_ops.details(self.context.db, record_id).line.occurred_at
            day = to_qdate(occurred.astimezone(ZoneInfo(self.timezone)).date())
            self.first.setDate(day)
            self.last.setDate(day)
            self.reload()
        for widget in widgets:
            widget.blockSignals(False)
        self.select_id(record_id)

    def current_detail(self) -> ObservationDetail | None:
        observation_id = self.selected_id()
        if observation_id is None:
            return None
        return observation_ops.details(self.context.db, observation_id)

    def _show_detail(self) -> None:
        detail = self.current_detail()
        self.detail.setHtml(
            detail_html(detail, self.local)
            if detail
            else "<p>Select an observation to see it in full.</p>"
        )
        self._update_buttons()
        self.map_button.setEnabled(detail is not None and detail.line.latitude is not None)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)
        self.map_button.setEnabled(chosen)

    def show_on_map(self) -> None:
        """Ask for the Map page, centred on the selected observation."""
        observation_id = self.selected_id()
        if observation_id is not None:
            self.map_requested.emit(observation_id)

    # -- recording ---------------------------------------------------------------------------
    def _plate_check(self, text: str) -> str:
        try:
            matches = observation_ops.plate_owners(self.context.db, self.group(), text)
        except ValidationError as error:
            return next(iter(error.errors.values()))
        if not matches:
            return "Not a registered neighbour's vehicle."
        return "Neighbour's vehicle: " + "; ".join(m.describe() for m in matches)

    def open_dialog(self, existing: ObservationInput | None) -> ObservationDialog:
        members = member_ops.active_member_choices(self.context.db, self.group(), self.today())
        return ObservationDialog(
            self,
            self.timezone,
            self.context.clock(),
            self.blocks,
            members,
            self._plate_check,
            existing,
            self._pick_point,
        )

    def _pick_point(self, deliver: Callable[[float, float], None]) -> None:
        """Open a map of the group's blocks; a click there fills in the form's point."""
        from watchdesk.ui.dialogs.map_pick import PickPointDialog

        target = Path(self._maps.name) / "pick.html"
        # No observations on it: small enough to build here, at once.
        write_pick_map(self.context.db, self.group(), self.context.tile_url, target)
        dialog = PickPointDialog(
            QApplication.activeModalWidget() or self,
            target,
            self.context.tile_url,
            self.context.tile_referer,
        )
        if dialog.exec() and dialog.point is not None:
            deliver(*dialog.point)

    def record_observation(self) -> None:
        dialog = self.open_dialog(None)
        if dialog.exec() and dialog.result_input is not None:
            self.save(None, dialog.result_input)

    record_noun = "observation"

    def new_record(self) -> None:
        """Ctrl+N: Record observation."""
        self.record_observation()

    searchable = True

    def focus_search(self) -> None:
        """Ctrl+F: into the search field, its words selected to type over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def edit_observation(self) -> None:
        observation_id = self.selected_id()
        if observation_id is None:
            return
        existing = observation_ops.observation_form(self.context.db, observation_id)
        dialog = self.open_dialog(existing)
        if dialog.exec() and dialog.result_input is not None:
            self.save(observation_id, dialog.result_input)

    def save(self, observation_id: int | None, data: ObservationInput) -> None:
        """Record or save the observation (undoable from Edit > Undo), then select it."""
        db, group_id = self.context.db, self.group()
        if observation_id is None:
            self.context.operations.perform(
                self,
                "record observation",
                lambda _p: observation_ops.record_observation(db, group_id, data),
                self._saved,
            )
        else:
            self.context.operations.perform(
                self,
                "save observation",
                lambda _p: observation_ops.update_observation(db, observation_id, data),
                self._saved,
            )

    def _saved(self, observation_id: int) -> None:
        # The page read the table again when the change was announced.
        self.select_id(observation_id)

    def print_report(self, target: Path | None = None) -> None:
        """The selected observation as a filled-in suspicious activity report (PDF)."""
        rows = self.table.selectionModel().selectedRows()
        line = self.model.row_at(rows[0].row()) if len(rows) == 1 else None
        if line is None:
            return
        target = target or self.choose_pdf("Save the report", f"observation-{line.uuid[:8]}.pdf")
        if target is None:
            return
        db, uuid, destination = self.context.db, line.uuid, target
        self.save_file(
            "observation report",
            lambda progress: build_observation_report(db, uuid, destination, progress),
        )

    # -- exports -----------------------------------------------------------------------------
    def _exporter(self, kind: str) -> Callable[[], None]:
        return lambda: self.export(kind)

    def export(self, kind: str, target: Path | None = None) -> None:
        """Write exactly what the table shows, as ``kind``, off the GUI thread."""
        what, pattern, suffix = EXPORTS[kind]
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, f"Export {what}", f"observations{suffix}", pattern
            )
            if not chosen:
                return
            target = Path(chosen)
        db, group_id, where = self.context.db, self.group(), self.shown_filter()
        destination = target

        def done(count: int) -> None:
            self.last_export = destination
            self.say(f"Exported {counted(count, 'observation', thousands=True)} to {destination}")

        self.context.operations.query(
            self,
            f"export {kind}",
            lambda progress: write_observations(db, group_id, where, kind, destination, progress),
            done,
            dialog=True,
        )


def _table(lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}:&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in lines)
    return f"<table>{rows}</table>"


def detail_html(detail: ObservationDetail, show: Callable[[dt.datetime], str]) -> str:
    """The observation in full; every stored text is escaped."""
    line = detail.line
    parts = [
        f"<h3>{escape(label(OBSERVATION_CATEGORIES, line.category))}</h3>",
        f"<p>{escape(show(line.occurred_at))}<br>"
        f"{escape(line.address_text or '')}"
        f"{escape(' · ' + line.block_name if line.block_name else '')}"
        f"<br>Severity: {escape(SEVERITIES.get(line.severity, ''))} · "
        f"Status: {escape(label(OBSERVATION_STATUSES, line.status))}<br>"
        f"Reported by: {escape(detail.reporter or 'anonymous')}</p>",
        f"<p>{escape(line.description).replace(chr(10), '<br>')}</p>",
    ]
    for number, person in enumerate(detail.people, start=1):
        parts.append(f"<h4>Person {number}</h4>{_table(person)}")
    for number, vehicle in enumerate(detail.vehicles, start=1):
        heading = f"Vehicle {number}: {vehicle.description}"
        parts.append(f"<h4>{escape(heading)}</h4>{_table(vehicle.lines)}")
        if vehicle.neighbours:
            owners = "; ".join(escape(n.describe()) for n in vehicle.neighbours)
            parts.append(f"<p><b>Neighbour's vehicle:</b> {owners}</p>")
        parts.append(f"<p><b>{escape(vehicle.summary.capitalize())}</b></p>")
        if vehicle.earlier:
            items = "".join(
                f"<li>{escape(show(s.occurred_at))} — {escape(s.vehicle)}"
                f"{escape(' ' + s.plate if s.plate else '')}"
                f" ({'same plate' if s.by_plate else 'similar vehicle'})</li>"
                for s in vehicle.earlier
            )
            parts.append(f"<ul>{items}</ul>")
    police = label(POLICE_CONTACTS, line.police_contact)
    parts.append(f"<h4>Police</h4><p>Contact: {escape(police)}")
    if line.case_number:
        parts.append(f"<br>Case number: {escape(line.case_number)}")
    if detail.officer:
        parts.append(f"<br>Officer: {escape(detail.officer)}")
    if detail.police_outcome:
        parts.append(f"<br>Outcome: {escape(detail.police_outcome)}")
    parts.append("</p>")
    if detail.follow_ups:
        items = "".join(
            f"<li>{'✔ ' if f.done_on else ''}{escape(f.note)}"
            f"{escape(f' (due {f.due_on})' if f.due_on and not f.done_on else '')}</li>"
            for f in detail.follow_ups
        )
        parts.append(f"<h4>Follow-ups</h4><ul>{items}</ul>")
    return "".join(parts)

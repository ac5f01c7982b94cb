"""The Map page: observations of a date range as clustered markers coloured by category, a heat
layer and block outlines, built off the GUI thread (with progress and Cancel) and shown in a
hardened web view that is created the first time the page is shown (its helper processes take
about 200 MB). Clicking a marker shows that observation beside the map; "Show on map" on the
Observations page centres the map on one.

Without the internet the tiles fail: the map notices (Leaflet's tile errors, reported through
the bridge), says so above the map and shows what this computer has instead: the tile folder
and the streets file chosen under "Offline map"."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.geo import Corner
from watchdesk.core.progress import Progress
from watchdesk.core.vocabulary import BLOCK_KINDS, OBSERVATION_CATEGORIES
from watchdesk.core.words import count as counted
from watchdesk.ops import groups as group_ops
from watchdesk.ops import observations as observation_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.reports import AppMap, read_streets, write_app_map, write_pick_map
from watchdesk.services.groups import BlockSaved
from watchdesk.services.observation_search import ObservationFilter
from watchdesk.services.rows import BlockRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import show_error
from watchdesk.ui.forms import FlowLayout, date_edit, from_qdate, named_button, to_qdate
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.pages.observations import detail_html
from watchdesk.ui.widgets.inline_task import InlineTask

if TYPE_CHECKING:
    from watchdesk.ui.widgets.map_view import MapView

DEFAULT_DAYS = 90
BLOCK_COLUMNS = ["Block", "Outline", "Observations"]
BLOCKS_NOTE = "Observations with a point belong to the block whose boundary contains them."


class MapPage(RecordPage):
    title = "Map"
    shows = frozenset({Kind.OBSERVATIONS, Kind.BLOCKS, Kind.GROUPS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Map")
        self.view: MapView | None = None
        self.shown_ids: frozenset[int] = frozenset()
        self._folder = tempfile.TemporaryDirectory(prefix="watchdesk-map-")
        self._numbers = itertools.count(1)
        self._dates_chosen = False
        self._building = False
        self._centre: tuple[float, float, int] | None = None  # "Show on map", once built
        self.fallback = AppMap(frozenset())  # what the map shown falls back to offline
        self.streets_name = ""

        self.first = date_edit("map_from")
        self.last = date_edit("map_to")
        self.category = QComboBox()
        self.category.setObjectName("map_category")
        self.category.addItem("All categories", None)
        for code, text in OBSERVATION_CATEGORIES.items():
            self.category.addItem(text, code)
        self.heat = QCheckBox("Heat map")
        self.heat.setObjectName("map_heat")
        self.show_button = named_button("Show", "map_show", self.build)
        self.status = QLabel()
        self.status.setObjectName("map_status")
        self.running = InlineTask("map", self.status)
        self.running.setMaximumWidth(300)
        bar = FlowLayout()
        for widget in (QLabel("From"), self.first, QLabel("to"), self.last, self.category):
            bar.addWidget(widget)
        bar.addWidget(self.heat)
        bar.addWidget(self.show_button)
        bar.addWidget(self._offline_button())
        bar.addWidget(self.running)
        bar.addWidget(self.status, 1)

        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.offline_note = QLabel()
        self.offline_note.setObjectName("map_offline")
        self.offline_note.setWordWrap(True)
        self.offline_note.setStyleSheet(
            "background: #fff4d6; border: 1px solid #c9a227; padding: 4px; color: #3d3000;"
        )
        self.offline_note.hide()
        self.holder_layout.addWidget(self.offline_note)
        self.placeholder = QLabel("The map appears here.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holder_layout.addWidget(self.placeholder)
        self.detail = QTextBrowser()
        self.detail.setObjectName("map_detail")
        self.detail.setHtml("<p>Click a marker to see that observation.</p>")
        self.side = QTabWidget()
        self.side.setObjectName("map_side")
        self.side.addTab(self.detail, "Observation")
        self.side.addTab(self._blocks_panel(), "Blocks")
        splitter = QSplitter()
        splitter.addWidget(self.holder)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.destroyed.connect(self._folder.cleanup)

    def _offline_button(self) -> QToolButton:
        """What the map shows without the internet: a streets file, a tile folder."""
        button = QToolButton()
        button.setObjectName("map_offline_menu")
        button.setText("Offline map")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for text, name, slot in (
            ("Choose a streets file (GeoJSON)…", "map_choose_streets", self.choose_streets),
            ("Stop using the streets file", "map_clear_streets", self.clear_streets),
            ("Choose the folder of map tiles…", "map_choose_tiles", self.choose_tile_folder),
        ):
            action = QAction(text, button)
            action.setObjectName(name)
            action.triggered.connect(slot)
            button.addAction(action)
        return button

    def choose_streets(self) -> None:
        settings = self.context.settings
        if settings is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Streets file", "", "GeoJSON (*.geojson *.json);;All files (*)"
        )
        if chosen:
            settings.set_streets_geojson(Path(chosen))
            self.build()

    def clear_streets(self) -> None:
        if self.context.settings is not None:
            self.context.settings.set_streets_geojson(None)
            self.build()

    def choose_tile_folder(self) -> None:
        settings = self.context.settings
        if settings is None:
            return
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder of map tiles ({z}/{x}/{y}.png)", str(settings.tile_folder())
        )
        if chosen:
            settings.set_tile_folder(Path(chosen))
            self.build()

    def _tiles_unavailable(self) -> None:
        shown = [
            words
            for words, present in (
                ("the map tiles stored on this computer", self.fallback.local_tiles),
                (f"the streets from {self.streets_name}", self.fallback.streets > 0),
            )
            if present
        ]
        instead = (
            f"Showing {' and '.join(shown)} instead."
            if shown
            else 'For a background without the internet, choose a streets file under "Offline map".'
        )
        self.offline_note.setText(
            f"Map tiles could not be loaded: this computer seems to be offline. {instead}"
        )
        self.offline_note.show()

    def _blocks_panel(self) -> QWidget:
        self.blocks = QTableWidget(0, len(BLOCK_COLUMNS))
        self.blocks.setObjectName("blocks_table")
        self.blocks.setHorizontalHeaderLabels(BLOCK_COLUMNS)
        self.blocks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.blocks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.blocks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.blocks.verticalHeader().hide()
        header = self.blocks.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.blocks.setWordWrap(False)
        self.blocks.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.blocks.doubleClicked.connect(lambda _index: self.edit_block())
        buttons = QHBoxLayout()
        buttons.addWidget(named_button("New block…", "new_block", self.new_block))
        buttons.addWidget(named_button("Edit…", "edit_block", self.edit_block))
        buttons.addStretch(1)
        self.blocks_note = QLabel(BLOCKS_NOTE)
        self.blocks_note.setObjectName("blocks_note")
        self.blocks_note.setWordWrap(True)
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.addWidget(self.blocks, 1)
        column.addLayout(buttons)
        column.addWidget(self.blocks_note)
        return panel

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown: create the view once, then (re)build the map."""
        group_id = self.context.group_id
        if group_id is None:
            return
        self.timezone = group_ops.group(self.context.db, group_id).timezone
        if not self._dates_chosen:
            self._dates_chosen = True
            today = self.today()
            self.first.setDate(to_qdate(today - dt.timedelta(days=DEFAULT_DAYS)))
            self.last.setDate(to_qdate(today))
        if self.view is None:
            self._create_view()
        self.blocks_note.setText(BLOCKS_NOTE)  # "Saved …" no longer holds after an undo
        self.list_blocks()
        self.build()

    def _create_view(self) -> None:
        from watchdesk.ui.widgets.map_view import MapView

        self.view = MapView(self.context.tile_url, self.context.tile_referer, self.holder)
        self.view.setObjectName("map_view")
        self.placeholder.hide()
        self.holder_layout.addWidget(self.view)
        self.view.bridge.observation_chosen.connect(self.show_observation)
        self.view.bridge.tiles_unavailable.connect(self._tiles_unavailable)

    def current_filter(self) -> ObservationFilter:
        return ObservationFilter(
            first=from_qdate(self.first.date()),
            last=from_qdate(self.last.date()),
            category=self.category.currentData(),
        )

    def build(self) -> None:
        """Build the map of the chosen range off the GUI thread; a newer request cancels an
        older one still building."""
        group_id = self.context.group_id
        if group_id is None:
            return
        if self.first.date() > self.last.date():
            self.status.setText("The start date is after the end date.")
            return
        where, heat = self.current_filter(), self.heat.isChecked()
        shown = self.context.shown_group()  # None: every group of a liaison's file
        target = Path(self._folder.name) / f"map-{next(self._numbers)}.html"
        self.status.setText("Building the map…")
        db, tile_url = self.context.db, self.context.tile_url
        settings = self.context.settings
        streets_file = settings.streets_geojson() if settings else None
        tiles = settings.tile_folder() if settings else None
        if tiles is not None and self.view is not None:
            self.view.allow_tile_folder(tiles)

        def job(progress: Progress) -> tuple[Path, AppMap, str]:
            streets, problem = read_streets(streets_file)
            built = write_app_map(
                db, shown, where, heat, tile_url, target, progress, tiles, streets
            )
            return target, built, problem

        self._building = True
        self.context.operations.query(
            self, "map", job, self._built, inline=self.running, failed=self._failed
        )

    def _built(self, result: tuple[Path, AppMap, str]) -> None:
        path, built, problem = result
        self._building = False
        ids = self.shown_ids = built.ids
        self.fallback = built
        streets = self.context.settings.streets_geojson() if self.context.settings else None
        self.streets_name = streets.name if streets else ""
        self.offline_note.hide()  # the new page says again if its tiles fail
        if self.view is not None:
            self.view.show_file(path, ids)
        count = len(ids)
        scope = " (all groups)" if self.context.all_groups else ""
        text = f"{counted(count, 'observation', thousands=True)} on the map{scope}"
        if problem:
            text += f"; {problem}"
        self.status.setText(text)
        self._centre_if_asked()

    def _failed(self, error: BaseException) -> None:
        self._building = False
        self.status.setText("The map could not be built.")
        show_error(self, error, self.context.log_path)

    def show_observation(self, observation_id: int, centre: bool = False) -> None:
        """Show the observation beside the map; ``centre``: and centre the map on it ("Show
        on map" from the Observations page), once the map being built is shown."""
        detail = observation_ops.details(self.context.db, observation_id)
        self.detail.setHtml(detail_html(detail, self.local))
        self.side.setCurrentWidget(self.detail)
        line = detail.line
        if centre and line.latitude is not None and line.longitude is not None:
            self._centre = (line.latitude, line.longitude, observation_id)
            if observation_id not in self.shown_ids and not self._building:
                self.status.setText(
                    "That observation is outside the dates or category shown: its place is centred."
                )
            if not self._building:
                self._centre_if_asked()

    def _centre_if_asked(self) -> None:
        if self._centre is not None and self.view is not None:
            self.view.centre_on(*self._centre)
            self._centre = None

    # -- blocks ------------------------------------------------------------------------------
    def list_blocks(self) -> None:
        """Fill the Blocks tab; the counts read every observation of the group (seconds on a
        large database read cold), so off the GUI thread."""
        group_id, db = self.context.group_id, self.context.db
        if group_id is None:
            return

        self.context.operations.query(
            self,
            "listing blocks",
            lambda _p: group_ops.blocks_with_counts(db, group_id),
            self._show_blocks,
        )

    def _show_blocks(self, listing: tuple[list[BlockRow], dict[int, int]]) -> None:
        blocks, counts = listing
        self.blocks.setRowCount(len(blocks))
        for row, block in enumerate(blocks):
            texts = (
                block.name,
                "yes" if block.has_boundary else "none",
                f"{counts.get(block.id, 0):,}",
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, block.id)
                item.setToolTip(f"{block.name} ({BLOCK_KINDS.get(block.kind, block.kind).lower()})")
                if column == len(texts) - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.blocks.setItem(row, column, item)

    def selected_block(self) -> int | None:
        item = self.blocks.item(self.blocks.currentRow(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def new_block(self) -> None:
        self._edit_block(None)

    record_noun = "block"

    def new_record(self) -> None:
        """Ctrl+N: New block, with the Blocks tab in view."""
        panel = self.blocks.parentWidget()
        if panel is not None:
            self.side.setCurrentWidget(panel)
        self.new_block()

    def edit_block(self) -> None:
        block_id = self.selected_block()
        if block_id is None:
            self.blocks_note.setText("Choose a block in the list first.")
            return
        self._edit_block(block_id)

    def _edit_block(self, block_id: int | None) -> None:
        """The block form; saving places observations again, off the GUI thread (a moved
        boundary is checked against every nearby point), as one step of Edit > Undo."""
        from watchdesk.ui.dialogs.block_form import BlockDialog

        group_id, db = self.context.group_id, self.context.db
        if group_id is None:
            return
        existing = None if block_id is None else group_ops.block_form(db, block_id)
        taken = [z.name for z in group_ops.blocks(db, group_id) if z.id != block_id]
        dialog = BlockDialog(self, existing, lambda corners: self._draw(block_id, corners), taken)
        if not dialog.exec() or dialog.result_input is None:
            return
        data = dialog.result_input
        self.context.operations.perform(
            self,
            "saving the block",
            lambda progress: group_ops.save_block(db, group_id, block_id, data, progress),
            self._block_saved,
            dialog=True,
        )

    def _block_saved(self, saved: BlockSaved) -> None:
        # The blocks and the map were read again when the change was announced.
        held, change = saved.observations, saved.moved_in
        moved = f" ({change:+,} by this change)" if change else ""
        self.blocks_note.setText(
            f"Saved {saved.block.name}: it holds "
            f"{counted(held, 'observation', thousands=True)}{moved}."
        )

    def _draw(self, block_id: int | None, corners: Sequence[Corner]) -> list[Corner] | None:
        """A map of the other blocks on which the user clicks this block's corners."""
        from watchdesk.ui.dialogs.map_pick import DrawBoundaryDialog

        target = Path(self._folder.name) / f"draw-{next(self._numbers)}.html"
        write_pick_map(
            self.context.db, self.group(), self.context.tile_url, target, "corners", block_id
        )
        dialog = DrawBoundaryDialog(
            QApplication.activeModalWidget() or self,
            target,
            self.context.tile_url,
            self.context.tile_referer,
            corners,
        )
        return dialog.corners if dialog.exec() else None

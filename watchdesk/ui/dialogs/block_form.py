"""A block (or zone or patrol route): its name, kind, notes and boundary. The boundary is drawn
by clicking corners on the map (``draw``, given by the page) or imported from a GeoJSON file
(a Polygon or MultiPolygon, e.g. from a city's open-data portal)."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import BlockInput, clean_block
from watchdesk.core.geo import Corner, boundary_from_json, corners_of, polygon_from_corners
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import BLOCK_KINDS
from watchdesk.core.words import count as counted
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, named_button, save_cancel

DrawBoundary = Callable[[Sequence[Corner]], list[Corner] | None]

# A block's outline is a few kilobytes; a bigger file is not one block.
MAX_BOUNDARY_BYTES = 5_000_000


def read_boundary_file(path: Path) -> dict[str, Any]:
    """The boundary in a GeoJSON file, or a ValidationError that says what is wrong with it."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BOUNDARY_BYTES + 1)
    except OSError as error:
        raise ValidationError.single("boundary", f"could not be read: {error.strerror}") from None
    if len(data) > MAX_BOUNDARY_BYTES:
        raise ValidationError.single("boundary", "file is larger than 5 MB: not one block")
    return boundary_from_json(data)


def describe_boundary(geometry: dict[str, Any] | None) -> str:
    if geometry is None:
        return "None yet: observations are placed in this block only when chosen by hand."
    corners = corners_of(geometry)
    if corners is not None:
        return f"An outline of {len(corners)} corners."
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [1]
    return f"An imported outline of {counted(len(parts), 'part')}."


class BlockDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        block: BlockInput | None,
        draw: DrawBoundary,
        taken: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit block" if block else "New block")
        self.draw = draw
        self.taken = {name.casefold() for name in taken}
        self.result_input: BlockInput | None = None
        self.boundary: dict[str, Any] | None = None
        self.errors = FieldErrors()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("block_name")
        self.kind = QComboBox()
        self.kind.setObjectName("block_kind")
        for code, text in BLOCK_KINDS.items():
            self.kind.addItem(text, code)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("block_notes")
        self.notes.setFixedHeight(70)
        self.summary = QLabel()
        self.summary.setObjectName("boundary_summary")
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for text, name, slot in (
            ("Draw on map…", "draw_boundary", self.draw_on_map),
            ("Import GeoJSON…", "import_boundary", self.choose_file),
            ("Remove", "remove_boundary", self.remove_boundary),
        ):
            buttons.addWidget(named_button(text, name, slot))
        buttons.addStretch(1)
        boundary = QWidget()
        column = QVBoxLayout(boundary)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addLayout(buttons)
        form = QFormLayout()
        self.errors.add_row(form, "Name", "name", self.name_edit)
        self.errors.add_row(form, "Kind", "kind", self.kind)
        self.errors.add_row(form, "Boundary", "boundary", boundary)
        self.errors.add_row(form, "Notes", "notes", self.notes)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addStretch(1)
        self.set_body(body, save_cancel(self, self.submit))
        self.resize(520, 320)
        if block is not None:
            self.name_edit.setText(block.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(block.kind)))
            self.notes.setPlainText(block.notes)
            if block.boundary_geojson:
                self.boundary = boundary_from_json(block.boundary_geojson)
        self._show_boundary()

    def extra_state(self) -> object:
        return json.dumps(self.boundary, sort_keys=True)

    def _show_boundary(self) -> None:
        self.summary.setText(describe_boundary(self.boundary))

    def draw_on_map(self) -> None:
        start = corners_of(self.boundary) if self.boundary is not None else None
        corners = self.draw(start or [])
        if corners is not None:
            self.boundary = polygon_from_corners(corners)
            self._show_boundary()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a block boundary", "", "GeoJSON (*.geojson *.json)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            self.boundary = read_boundary_file(path)
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self._show_boundary()

    def remove_boundary(self) -> None:
        self.boundary = None
        self._show_boundary()

    def current_input(self) -> BlockInput:
        return BlockInput(
            name=self.name_edit.text(),
            kind=str(self.kind.currentData()),
            boundary_geojson=json.dumps(self.boundary) if self.boundary is not None else None,
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        data = self.current_input()
        if not self.errors.valid(clean_block, data):
            return
        if data.name.strip().casefold() in self.taken:
            message = f"a block called '{data.name.strip()}' already exists"
            self.errors.show(ValidationError.single("name", message))
            return
        self.result_input = data
        self.accept()

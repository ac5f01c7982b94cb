"""Dialogs around a picking map of the group's blocks: pick where something happened, or draw a
block's boundary by clicking its corners. The page only reports clicks (through the bridge,
which checks them); the corners are kept here and drawn back onto the page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.geo import Corner
from watchdesk.core.words import count as counted
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import named_button
from watchdesk.ui.widgets.map_view import MapView


class _MapDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, title: str, page: Path, tile_url: str, referer: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = MapView(tile_url, referer, self)
        self.view.setObjectName("pick_map")
        self.view.bridge.point_picked.connect(self.clicked)
        self.chosen = QLabel()
        self.chosen.setObjectName("picked_point")
        self.buttons = self.button_box(self.accept, QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.tools = QHBoxLayout()
        self.tools.addWidget(self.chosen, 1)
        body = QVBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(self.tools)
        self.set_body(body, self.buttons, scroll=False)
        self.resize(820, 620)
        self.view.show_file(page, frozenset())

    def clicked(self, latitude: float, longitude: float) -> None:
        raise NotImplementedError


class PickPointDialog(_MapDialog):
    def __init__(self, parent: QWidget | None, page: Path, tile_url: str, referer: str) -> None:
        super().__init__(parent, "Pick the place on the map", page, tile_url, referer)
        self.point: Corner | None = None
        self.chosen.setText("Click the map where it happened.")

    def extra_state(self) -> object:
        return self.point

    def clicked(self, latitude: float, longitude: float) -> None:
        self.point = (latitude, longitude)
        self.chosen.setText(f"Picked {latitude:.6f}, {longitude:.6f}. Click again to move it.")
        self.ok.setEnabled(True)


class DrawBoundaryDialog(_MapDialog):
    """Each click adds a corner; Undo takes the last one back; OK needs three or more."""

    def __init__(
        self,
        parent: QWidget | None,
        page: Path,
        tile_url: str,
        referer: str,
        corners: Sequence[Corner] = (),
    ) -> None:
        super().__init__(parent, "Draw the block's boundary", page, tile_url, referer)
        self.corners: list[Corner] = list(corners)
        self.undo_button: QPushButton = named_button("Undo last corner", "undo_corner", self.undo)
        self.clear_button: QPushButton = named_button("Clear", "clear_corners", self.clear)
        self.tools.addWidget(self.undo_button)
        self.tools.addWidget(self.clear_button)
        self.view.loaded.connect(self._loaded)
        self._changed(draw=False)

    def extra_state(self) -> object:
        return tuple(self.corners)

    def _loaded(self, ok: bool) -> None:
        if ok:
            self._draw(fit=True)

    def clicked(self, latitude: float, longitude: float) -> None:
        self.corners.append((latitude, longitude))
        self._changed()

    def undo(self) -> None:
        if self.corners:
            self.corners.pop()
            self._changed()

    def clear(self) -> None:
        self.corners.clear()
        self._changed()

    def _changed(self, draw: bool = True) -> None:
        count = len(self.corners)
        if count < 3:
            self.chosen.setText(
                f"{counted(count, 'corner')}: click the map at each corner "
                "of the block, in order around it (at least three)."
            )
        else:
            self.chosen.setText(f"{count} corners. Click to add more, or OK to keep this outline.")
        self.ok.setEnabled(count >= 3)
        self.undo_button.setEnabled(count > 0)
        self.clear_button.setEnabled(count > 0)
        if draw:
            self._draw(fit=False)

    def _draw(self, fit: bool) -> None:
        # Only numbers reach the page: the corners are floats the bridge already checked.
        points = json.dumps([[lat, lon] for lat, lon in self.corners])
        script = (
            f"window.watchdeskShowCorners && window.watchdeskShowCorners({points}, "
            f"{'true' if fit else 'false'})"
        )
        self.view.page().runJavaScript(script, 0)

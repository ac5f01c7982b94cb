"""Pick where something happened by clicking the map (the group's blocks drawn on it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from watchdesk.ui.widgets.map_view import MapView


class PickPointDialog(QDialog):
    def __init__(self, parent: QWidget | None, page: Path, tile_url: str, referer: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pick the place on the map")
        self.point: tuple[float, float] | None = None
        self.view = MapView(tile_url, referer, self)
        self.view.setObjectName("pick_map")
        self.view.bridge.point_picked.connect(self._picked)
        self.chosen = QLabel("Click the map where it happened.")
        self.chosen.setObjectName("picked_point")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(self.buttons)
        self.resize(820, 620)
        self.view.show_file(page, frozenset())

    def _picked(self, latitude: float, longitude: float) -> None:
        self.point = (latitude, longitude)
        self.chosen.setText(f"Picked {latitude:.6f}, {longitude:.6f}. Click again to move it.")
        self.ok.setEnabled(True)

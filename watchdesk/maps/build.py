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
from typing import Any, Literal

import folium
from folium.elements import MacroElement
from folium.template import Template

from watchdesk.core.progress import Progress
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
            function clock(minute) {
                var h = Math.floor(minute / 60), m = minute % 60;
                return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
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
            if (Object.keys(overlays).length) {
                L.control.layers(null, overlays, {collapsed: false}).addTo(map);
            }
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var box = L.DomUtil.create("div", "wd-legend");
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
                    box.appendChild(line);
                });
                return box;
            };
            if (rows.length) legend.addTo(map);
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
) -> str:
    """A complete HTML page that works offline: every script and style inlined. ``in_app``
    adds the bridge to the app; with ``pick`` a click on the map tells the app where: one
    point (marked), or the next corner of a block being drawn."""
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
    ObservationLayers(points, blocks, heat, pick if in_app else None, progress).add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, folium.Figure)
    root.header.add_child(folium.Element(head_html() + _PAGE_STYLE), name="watchdesk_assets")
    if in_app:
        root.header.add_child(folium.Element(_BRIDGE), name="watchdesk_bridge")
    if progress is not None:
        progress.report(len(points), len(points), "Writing the map")
    html: str = root.render()
    return html

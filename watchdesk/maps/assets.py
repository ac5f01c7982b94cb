"""Leaflet and its plugins from installed packages, inlined into the page: a map must work with
no network (only tiles come from outside). folium would link them from CDNs (docs/pitfalls.md)."""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources
from importlib.abc import Traversable


def _data(package: str) -> Traversable:
    return resources.files(package) / "data"


def _inline_images(css: str, folder: Traversable) -> str:
    """Leaflet's CSS points at images/*.png next to it: embed them as data URLs."""

    def embed(match: re.Match[str]) -> str:
        name = match.group(1)
        encoded = base64.b64encode((folder / name).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", embed, css)


@cache
def scripts() -> tuple[str, ...]:
    """Leaflet, Leaflet.markercluster and Leaflet.heat (folium's bundled copy), in load order."""
    leaflet = _data("xstatic.pkg.leaflet")
    cluster = _data("xstatic.pkg.leaflet_markercluster")
    heat = resources.files("folium") / "templates" / "leaflet_heat.min.js"
    return (
        (leaflet / "leaflet.js").read_text("utf-8"),
        (cluster / "leaflet.markercluster.js").read_text("utf-8"),
        heat.read_text("utf-8"),
    )


@cache
def styles() -> tuple[str, ...]:
    leaflet = _data("xstatic.pkg.leaflet")
    cluster = _data("xstatic.pkg.leaflet_markercluster")
    return (
        _inline_images((leaflet / "leaflet.css").read_text("utf-8"), leaflet / "images"),
        (cluster / "MarkerCluster.css").read_text("utf-8"),
        (cluster / "MarkerCluster.Default.css").read_text("utf-8"),
    )


def head_html() -> str:
    """<style> and <script> elements for the page head."""
    parts = [f"<style>{css}</style>" for css in styles()]
    for script in scripts():
        # An inlined script must not contain its own end tag.
        assert "</script" not in script.lower()
        parts.append(f"<script>{script}</script>")
    return "\n".join(parts)

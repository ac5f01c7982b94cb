"""A streets layer for maps without network: street centre lines from a GeoJSON file the user
chose (cities publish them as open data), as named lines the app's map and the printed maps draw
as thin grey lines.

Only LineString and MultiLineString features are kept; the name is the first of the usual
name properties found. Positions are GeoJSON's [longitude, latitude].
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

Position = tuple[float, float]  # (longitude, latitude)
Line = tuple[Position, ...]

# The properties open-data centreline files name a street by, most specific first.
NAME_KEYS = (
    "name",
    "full_name",
    "fullname",
    "street_name",
    "streetname",
    "st_name",
    "stname",
    "street",
    "label",
)


class StreetsError(ValueError):
    """The streets file cannot be used; the message says why."""


class Street(NamedTuple):
    name: str  # "" when the file names none
    lines: tuple[Line, ...]


def _name(properties: Any) -> str:
    if not isinstance(properties, dict):
        return ""
    lowered = {str(key).lower(): value for key, value in properties.items()}
    for key in NAME_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:80]
    return ""


def _line(coordinates: Any) -> Line | None:
    if not isinstance(coordinates, list):
        return None
    points: list[Position] = []
    for position in coordinates:
        if (
            isinstance(position, list)
            and len(position) >= 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
            and -180 <= position[0] <= 180
            and -90 <= position[1] <= 90
        ):
            points.append((float(position[0]), float(position[1])))
    return tuple(points) if len(points) >= 2 else None


def parse_streets(text: str | bytes) -> list[Street]:
    """The named lines of a GeoJSON FeatureCollection (or a single Feature)."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise StreetsError(f"the streets file is not GeoJSON ({error})") from None
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise StreetsError("the streets file is not a GeoJSON FeatureCollection")
    streets: list[Street] = []
    for feature in document["features"]:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict):
            continue
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        parts = [coordinates] if kind == "LineString" else coordinates
        if kind not in ("LineString", "MultiLineString") or not isinstance(parts, list):
            continue
        lines = tuple(line for line in map(_line, parts) if line is not None)
        if lines:
            streets.append(Street(_name(feature.get("properties")), lines))
    if not streets:
        raise StreetsError("the streets file holds no street lines (LineString features)")
    return streets


def _clip_segment(
    a: Position, b: Position, west: float, south: float, east: float, north: float
) -> tuple[Position, Position] | None:
    """Liang–Barsky: the part of segment a-b inside the box, or None."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    start = a if low == 0 else (x0 + low * dx, y0 + low * dy)
    end = b if high == 1 else (x0 + high * dx, y0 + high * dy)
    return start, end


def clip_streets(
    streets: Iterable[Street], south: float, west: float, north: float, east: float
) -> list[Street]:
    """The streets cut to the box: each line split into the runs that lie inside it."""
    kept: list[Street] = []
    for street in streets:
        runs: list[Line] = []
        for line in street.lines:
            run: list[Position] = []
            for a, b in pairwise(line):
                piece = _clip_segment(a, b, west, south, east, north)
                if piece is None:
                    if len(run) >= 2:
                        runs.append(tuple(run))
                    run = []
                    continue
                start, end = piece
                if not run or run[-1] != start:
                    if len(run) >= 2:
                        runs.append(tuple(run))
                    run = [start]
                run.append(end)
            if len(run) >= 2:
                runs.append(tuple(run))
        if runs:
            kept.append(Street(street.name, tuple(runs)))
    return kept


def extent_around(
    points: Sequence[Position], margin_degrees: float = 0.02
) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around (longitude, latitude) points, widened by a margin
    (0.02 degrees: about 2 km), or None with no points."""
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (
        min(lats) - margin_degrees,
        min(lons) - margin_degrees,
        max(lats) + margin_degrees,
        max(lons) + margin_degrees,
    )

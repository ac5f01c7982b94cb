"""Points and block boundaries: which block contains a point, and how precisely a point may
leave the laptop. Boundaries are GeoJSON geometries (longitude, latitude order, RFC 7946)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

from watchdesk.core.validation import ValidationError

_METRES_PER_DEGREE = 111_320.0

Ring = Sequence[Sequence[float]]
Corner = tuple[float, float]  # latitude, longitude, as clicked on a map


def coarsen(latitude: float, longitude: float, metres: int) -> tuple[float, float]:
    """The point snapped to a grid of about ``metres`` (0: unchanged), so a shared map shows
    the block, not the house. Rounded to 6 decimals (~0.1 m) either way."""
    if metres <= 0:
        return round(latitude, 6), round(longitude, 6)
    lat_step = metres / _METRES_PER_DEGREE
    snapped = round(latitude / lat_step) * lat_step
    # The east-west step from the snapped latitude: one grid for everyone in the cell.
    lon_step = metres / (_METRES_PER_DEGREE * max(0.01, math.cos(math.radians(snapped))))
    return round(snapped, 6), round(round(longitude / lon_step) * lon_step, 6)


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def contains(geometry: dict[str, Any], latitude: float, longitude: float) -> bool:
    """Whether a (Multi)Polygon contains the point (holes excluded)."""
    for outer, *holes in _polygons(geometry):
        if _in_ring(longitude, latitude, outer) and not any(
            _in_ring(longitude, latitude, hole) for hole in holes
        ):
            return True
    return False


def block_containing(
    blocks: Iterable[tuple[int, dict[str, Any]]], latitude: float, longitude: float
) -> int | None:
    """The first block whose boundary contains the point."""
    for block_id, geometry in blocks:
        if contains(geometry, latitude, longitude):
            return block_id
    return None


def boundary_geometry(data: Any) -> dict[str, Any]:
    """A block boundary from GeoJSON as users bring it (a Polygon or MultiPolygon geometry, a
    Feature, or a FeatureCollection of one feature), checked: rings closed, at least four
    positions, longitude before latitude and both in range."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise ValidationError.single("boundary", f"expected one feature, found {len(features)}")
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError.single("boundary", "must be a GeoJSON Polygon or MultiPolygon")
    if not isinstance(data.get("coordinates"), list):
        raise ValidationError.single("boundary", "has no coordinates")
    polygons = _polygons(data)
    if not polygons:
        raise ValidationError.single("boundary", "has no polygon")
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise ValidationError.single("boundary", "a polygon must be a list of rings")
        for ring in polygon:
            _check_ring(ring)
    return {"type": data["type"], "coordinates": data["coordinates"]}


def _check_ring(ring: Any) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError.single("boundary", "a ring needs at least four positions")
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(v, int | float) for v in position[:2])
        ):
            raise ValidationError.single("boundary", "positions must be [longitude, latitude]")
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError.single(
                "boundary", f"position {position[:2]} is out of range (longitude first)"
            )
    if ring[0][:2] != ring[-1][:2]:
        raise ValidationError.single("boundary", "a ring must end where it starts")


def polygon_from_corners(corners: Sequence[Corner]) -> dict[str, Any]:
    """A boundary from corners clicked on the map, as (latitude, longitude) pairs."""
    if len(corners) < 3:
        raise ValidationError.single("boundary", "click at least three corners")
    ring = [[round(lon, 6), round(lat, 6)] for lat, lon in corners]
    ring.append(ring[0])
    return boundary_geometry({"type": "Polygon", "coordinates": [ring]})


def boundary_from_json(text: str | bytes) -> dict[str, Any]:
    """A boundary from the text of a GeoJSON file or a stored boundary."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ValidationError.single("boundary", "is not valid GeoJSON (not JSON)") from None
    return boundary_geometry(data)


def corners_of(geometry: dict[str, Any]) -> list[Corner] | None:
    """The corners, as (latitude, longitude), of a boundary that was (or could have been) drawn
    by clicking corners: one ring, no holes. None for anything drawing would simplify."""
    if geometry.get("type") != "Polygon" or len(geometry["coordinates"]) != 1:
        return None
    ring = geometry["coordinates"][0]
    return [(float(lat), float(lon)) for lon, lat, *_ in ring[:-1]]


def bounding_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """South, west, north and east edges of a boundary."""
    positions = [p for polygon in _polygons(geometry) for ring in polygon for p in ring]
    latitudes = [p[1] for p in positions]
    longitudes = [p[0] for p in positions]
    return min(latitudes), min(longitudes), max(latitudes), max(longitudes)


def hundred_block(address: str) -> str:
    """'1234 Queens St' -> '1200 block of Queens St', the way police share a location without
    pointing at a house; addresses without a leading number are kept as they are."""
    number, _, street = address.strip().partition(" ")
    if not number.isdigit() or not street:
        return address.strip()
    return f"{int(number) // 100 * 100} block of {street.strip()}"

"""An optional background for the printed map from map tiles already on this computer: a folder
laid out ``{z}/{x}/{y}.png`` (what tile download tools and offline map apps write). Nothing is
ever fetched; with no folder, or no tile covering the area, the map is drawn without one.

The tiles are Web Mercator; the printed map is equirectangular scaled by cos(latitude). Over a
neighbourhood (a few kilometres) the two differ by far less than a printed dot, so the mosaic
is cut to the map's corners and stretched to the plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

TILE_PIXELS = 256
MAX_TILES = 36  # the most tiles one map stitches (a 6 x 6 mosaic)
MAX_ZOOM = 19
ATTRIBUTION_FILE = "attribution.txt"
UNCREDITED = "Background: map tiles stored on this computer"


@dataclass(frozen=True)
class Background:
    image: Image.Image  # exactly the map's extent
    attribution: str


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Global Web Mercator pixel coordinates at ``zoom``."""
    size = TILE_PIXELS * 2**zoom
    x = (lon + 180.0) / 360.0 * size
    sin = math.sin(math.radians(max(min(lat, 85.05), -85.05)))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
    return x, y


def tile_background(
    folder: Path | None,
    south: float,
    west: float,
    north: float,
    east: float,
    width_px: int,
) -> Background | None:
    """The area [south, north] x [west, east] from the deepest zoom whose tiles are all in
    ``folder`` (at most ``MAX_TILES`` of them), or None."""
    if folder is None or not folder.is_dir():
        return None
    for zoom in range(MAX_ZOOM, -1, -1):
        left, top = _pixel(north, west, zoom)
        right, bottom = _pixel(south, east, zoom)
        columns = range(int(left // TILE_PIXELS), int(right // TILE_PIXELS) + 1)
        rows = range(int(top // TILE_PIXELS), int(bottom // TILE_PIXELS) + 1)
        if len(columns) * len(rows) > MAX_TILES:
            continue
        if right - left < width_px / 4:
            break  # coarser zooms only get blurrier
        paths = {(x, y): folder / str(zoom) / str(x) / f"{y}.png" for x in columns for y in rows}
        if not all(path.is_file() for path in paths.values()):
            continue
        try:
            mosaic = _stitch(paths, columns, rows)
        except (OSError, ValueError):
            continue  # a damaged tile: try another zoom
        origin_x, origin_y = columns[0] * TILE_PIXELS, rows[0] * TILE_PIXELS
        box = (left - origin_x, top - origin_y, right - origin_x, bottom - origin_y)
        image = mosaic.crop(tuple(round(v) for v in box))  # type: ignore[arg-type]
        return Background(image, _attribution(folder))
    return None


def _stitch(paths: dict[tuple[int, int], Path], columns: range, rows: range) -> Image.Image:
    mosaic = Image.new("RGB", (len(columns) * TILE_PIXELS, len(rows) * TILE_PIXELS), "white")
    for (x, y), path in paths.items():
        with Image.open(path) as tile:
            if tile.size != (TILE_PIXELS, TILE_PIXELS):
                raise ValueError(f"{path} is not a {TILE_PIXELS}-pixel tile")
            place = ((x - columns[0]) * TILE_PIXELS, (y - rows[0]) * TILE_PIXELS)
            mosaic.paste(tile.convert("RGB"), place)
    return mosaic


def _attribution(folder: Path) -> str:
    """The first line of ``attribution.txt`` in the folder (tile licences ask for credit)."""
    try:
        text = (folder / ATTRIBUTION_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return UNCREDITED
    line = text.strip().splitlines()[0] if text.strip() else ""
    return f"Background: {line[:80]}" if line else UNCREDITED

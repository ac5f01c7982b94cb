"""The printed map's optional background from map tiles on this computer: used when a folder
holds every tile the map needs, credited from the folder's attribution.txt; a missing or
damaged tile means no background, never an error or a download."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.pdf import pdf_text
from tests.sql import raw_rows
from watchdesk.db.engine import Database
from watchdesk.ops.reports import build_precinct_report
from watchdesk.reports.tiles import _pixel, tile_background

FIRST, LAST = dt.date(2026, 10, 23), dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 23, 0, tzinfo=dt.UTC)
ZOOM = 17


def _write_tiles(folder: Path, south: float, west: float, north: float, east: float) -> int:
    left, top = _pixel(north, west, ZOOM)
    right, bottom = _pixel(south, east, ZOOM)
    written = 0
    for x in range(int(left // 256), int(right // 256) + 1):
        for y in range(int(top // 256), int(bottom // 256) + 1):
            path = folder / str(ZOOM) / str(x) / f"{y}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (256, 256), (200, 220, (x * 7 + y * 13) % 255)).save(path)
            written += 1
    (folder / "attribution.txt").write_text("Test tiles © Example\n", encoding="utf-8")
    return written


def _demo_extent(db: Database) -> tuple[float, float, float, float]:
    outlines = raw_rows(db, "SELECT boundary_geojson FROM zone WHERE boundary_geojson IS NOT NULL")
    rings = [json.loads(str(text))["coordinates"][0] for (text,) in outlines]
    corners = raw_rows(
        db, "SELECT min(latitude), min(longitude), max(latitude), max(longitude) FROM observation"
    )[0]
    south, west, north, east = (float(str(value)) for value in corners)
    lats = [float(p[1]) for ring in rings for p in ring] + [south, north]
    lons = [float(p[0]) for ring in rings for p in ring] + [west, east]
    return min(lats), min(lons), max(lats), max(lons)


def _map_page(target: Path) -> int:
    return next(i for i, page in enumerate(pdf_text(target)) if "Map of the period" in page)


def _has_inline_image(target: Path, page: int) -> bool:
    data = PdfReader(target).pages[page].get_contents()
    assert data is not None
    return b"\nBI" in data.get_data()


def test_the_map_is_drawn_over_local_tiles_when_they_cover_it(
    demo_db: Database, tmp_path: Path
) -> None:
    south, west, north, east = _demo_extent(demo_db)
    folder = tmp_path / "tiles"
    assert _write_tiles(folder, south - 0.006, west - 0.009, north + 0.006, east + 0.009) > 36
    with_tiles = build_precinct_report(
        demo_db, 1, FIRST, LAST, tmp_path / "tiles.pdf", now=NOW, tiles=folder
    )
    page = _map_page(with_tiles)
    assert _has_inline_image(with_tiles, page)
    assert "Background: Test tiles © Example" in pdf_text(with_tiles)[page]

    # The same report without tiles, or with one of the tiles it needed gone: no background.
    without = build_precinct_report(
        demo_db, 1, FIRST, LAST, tmp_path / "none.pdf", now=NOW, tiles=tmp_path / "missing"
    )
    assert not _has_inline_image(without, _map_page(without))
    assert "Background" not in pdf_text(without)[_map_page(without)]


def test_the_deepest_complete_zoom_is_cut_to_the_area(tmp_path: Path) -> None:
    south, west, north, east = 45.5100, -122.6300, 45.5160, -122.6200
    folder = tmp_path / "tiles"
    _write_tiles(folder, south, west, north, east)
    background = tile_background(folder, south, west, north, east, width_px=1000)
    assert background is not None
    left, top = _pixel(north, west, ZOOM)
    right, bottom = _pixel(south, east, ZOOM)
    assert background.image.size == (round(right) - round(left), round(bottom) - round(top))
    assert background.attribution == "Background: Test tiles © Example"

    # A damaged tile (not an image) and a missing one: no background, no exception.
    some_tile = next(folder.glob(f"{ZOOM}/*/*.png"))
    some_tile.write_bytes(b"not a png")
    assert tile_background(folder, south, west, north, east, width_px=1000) is None
    some_tile.unlink()
    assert tile_background(folder, south, west, north, east, width_px=1000) is None
    assert tile_background(None, south, west, north, east, width_px=1000) is None


def test_the_printed_map_draws_the_streets_file(demo_db: Database, tmp_path: Path) -> None:
    south, west, north, east = _demo_extent(demo_db)
    middle = (south + north) / 2
    streets = tmp_path / "centrelines.geojson"
    streets.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"STREET_NAME": "SE Centreline Ave"},
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[west - 0.01, middle], [east + 0.01, middle]],
                        },
                    },
                    {
                        "type": "Feature",
                        "properties": {"STREET_NAME": "Far Away Rd"},
                        "geometry": {"type": "LineString", "coordinates": [[0, 0], [0.01, 0]]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    drawn = build_precinct_report(
        demo_db, 1, FIRST, LAST, tmp_path / "streets.pdf", now=NOW, streets=streets
    )
    plain = build_precinct_report(demo_db, 1, FIRST, LAST, tmp_path / "plain.pdf", now=NOW)
    page = _map_page(drawn)
    assert "SE Centreline Ave" in pdf_text(drawn)[page]
    assert "Far Away Rd" not in pdf_text(drawn)[page]  # off the map: not drawn

    def drawing_ops(target: Path) -> int:
        data = PdfReader(target).pages[_map_page(target)].get_contents()
        assert data is not None
        return data.get_data().count(b" l\n") + data.get_data().count(b" l ")

    assert drawing_ops(drawn) > drawing_ops(plain)

    # A file that is no streets file: the map is drawn without, and says why.
    streets.write_text("{not json", encoding="utf-8")
    broken = build_precinct_report(
        demo_db, 1, FIRST, LAST, tmp_path / "broken.pdf", now=NOW, streets=streets
    )
    text = " ".join(pdf_text(broken)[_map_page(broken)].split())
    assert "The streets file is not GeoJSON" in text and "(centrelines.geojson)" in text

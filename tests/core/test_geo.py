import pytest

from watchdesk.core.geo import (
    block_containing,
    boundary_from_json,
    boundary_geometry,
    bounding_box,
    coarsen,
    contains,
    corners_of,
    hundred_block,
    polygon_from_corners,
)
from watchdesk.core.validation import ValidationError

# A 0.01-degree square with a hole in its south-west quarter (longitude first, as in GeoJSON).
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[-122.64, 45.51], [-122.63, 45.51], [-122.63, 45.52], [-122.64, 45.52], [-122.64, 45.51]],
        [
            [-122.639, 45.511],
            [-122.636, 45.511],
            [-122.636, 45.514],
            [-122.639, 45.514],
            [-122.639, 45.511],
        ],
    ],
}


def test_a_point_inside_but_not_in_a_hole() -> None:
    assert contains(SQUARE, 45.518, -122.632)
    assert not contains(SQUARE, 45.512, -122.638)  # in the hole
    assert not contains(SQUARE, 45.525, -122.632)  # north of it
    # Latitude and longitude swapped would be in the Antarctic: not inside.
    assert not contains(SQUARE, -122.632, 45.518)


def test_the_block_containing_a_point() -> None:
    other = polygon_from_corners([(45.52, -122.64), (45.53, -122.64), (45.53, -122.63)])
    blocks = [(1, SQUARE), (2, other)]
    assert block_containing(blocks, 45.518, -122.632) == 1
    assert block_containing(blocks, 45.528, -122.638) == 2
    assert block_containing(blocks, 46.0, -122.0) is None


def test_coarsening_snaps_to_the_grid_and_keeps_near() -> None:
    lat, lon = coarsen(45.516529, -122.637722, 100)
    assert abs(lat - 45.516529) * 111_320 <= 50
    assert (lat, lon) == coarsen(45.5168, -122.6379, 100)  # a neighbour's house: same cell
    assert coarsen(45.516529, -122.637722, 0) == (45.516529, -122.637722)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, "Polygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "four positions"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "end where"),
        (
            {"type": "Polygon", "coordinates": [[[45, -122], [46, -122], [46, -121], [45, -122]]]},
            "out of range",
        ),
        ({"type": "FeatureCollection", "features": []}, "one feature"),
        # Found by the bundle mutation test: these raised KeyError/TypeError (a traceback).
        ({"type": "Polygon", " coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}, "no coordinates"),
        ({"type": "MultiPolygon", "coordinates": 7}, "no coordinates"),
        ({"type": "MultiPolygon", "coordinates": [5]}, "list of rings"),
    ],
)
def test_bad_boundaries_are_refused_with_the_reason(text: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError, match=message):
        boundary_geometry(text)


def test_a_feature_collection_of_one_polygon_is_accepted() -> None:
    feature = {"type": "Feature", "properties": {"name": "x"}, "geometry": SQUARE}
    assert boundary_geometry({"type": "FeatureCollection", "features": [feature]}) == SQUARE


def test_hundred_block() -> None:
    assert hundred_block("1234 SE Queens St") == "1200 block of SE Queens St"
    assert hundred_block("56 Elm St") == "0 block of Elm St"
    assert hundred_block("near 33rd and Birch") == "near 33rd and Birch"


def test_drawn_corners_come_back_for_redrawing() -> None:
    corners = [(45.51, -122.64), (45.52, -122.64), (45.52, -122.63), (45.51, -122.63)]
    outline = polygon_from_corners(corners)
    assert corners_of(outline) == corners
    assert bounding_box(outline) == (45.51, -122.64, 45.52, -122.63)
    # A ring with a hole, or several parts, cannot be redrawn corner by corner.
    assert corners_of(SQUARE) is None
    assert corners_of({"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "not JSON"),
        ('{"type": "Polygon", "coordinates": [[[NaN, 0], [1, 0], [1, 1], [NaN, 0]]]}', "range"),
        ("[" * 100_000, "not JSON"),
        ('{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}', "Polygon"),
    ],
)
def test_boundary_text_that_is_not_a_polygon_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        boundary_from_json(text)

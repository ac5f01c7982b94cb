"""The streets file: named lines read from GeoJSON, bad files refused with a reason, lines cut
to a map's extent."""

from __future__ import annotations

import json

import pytest

from watchdesk.core.streets import Street, StreetsError, clip_streets, extent_around, parse_streets


def feature(geometry: dict[str, object], **properties: object) -> dict[str, object]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_lines_and_their_names_are_read() -> None:
    text = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                feature(
                    {"type": "LineString", "coordinates": [[-122.6, 45.5], [-122.5, 45.5]]},
                    STREET_NAME="SE  Foster   Rd",
                ),
                feature(
                    {
                        "type": "MultiLineString",
                        "coordinates": [[[0, 0], [1, 1]], [[2, 2]], [[3, 3], ["x", 4], [4, 4]]],
                    },
                    FULL_NAME="Main St",
                    objectid=7,
                ),
                feature({"type": "LineString", "coordinates": [[0, 0], [0, 1]]}, id=3),
                feature({"type": "Point", "coordinates": [0, 0]}, name="A point"),
                {"type": "Feature", "geometry": None},
            ],
        }
    )
    assert parse_streets(text) == [
        Street("SE Foster Rd", (((-122.6, 45.5), (-122.5, 45.5)),)),
        Street("Main St", (((0.0, 0.0), (1.0, 1.0)), ((3.0, 3.0), (4.0, 4.0)))),
        Street("", (((0.0, 0.0), (0.0, 1.0)),)),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "not GeoJSON"),
        ('{"type": "Topology"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "no street lines"),
    ],
)
def test_a_file_that_is_no_streets_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(StreetsError, match=reason):
        parse_streets(text)


def test_lines_are_cut_to_the_box() -> None:
    # A street crossing the box (0..1 x 0..1) leaves a run inside; one outside is dropped.
    crossing = Street("Cross St", (((-1.0, 0.5), (0.5, 0.5), (0.5, 2.0)),))
    outside = Street("Far Rd", (((5.0, 5.0), (6.0, 6.0)),))
    assert clip_streets([crossing, outside], 0.0, 0.0, 1.0, 1.0) == [
        Street("Cross St", (((0.0, 0.5), (0.5, 0.5), (0.5, 1.0)),))
    ]
    # Leaving and coming back makes two runs.
    zigzag = Street("Zig", (((0.2, 0.2), (0.2, 3.0), (0.8, 3.0), (0.8, 0.2)),))
    assert clip_streets([zigzag], 0.0, 0.0, 1.0, 1.0)[0].lines == (
        ((0.2, 0.2), (0.2, 1.0)),
        ((0.8, 1.0), (0.8, 0.2)),
    )
    assert extent_around([(10.0, 50.0), (11.0, 51.0)], 0.5) == (49.5, 9.5, 51.5, 11.5)
    assert extent_around([]) is None

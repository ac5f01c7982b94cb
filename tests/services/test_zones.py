"""Blocks and their boundaries: observations with a point belong to the block that contains
them, also after a boundary is drawn, moved or removed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from watchdesk.core.entities import ObservationInput, ZoneInput
from watchdesk.core.geo import polygon_from_corners, zone_containing
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.db.models import Observation, Zone
from watchdesk.services import groups, observations

DAY = dt.datetime(2026, 11, 7, 20, 0, tzinfo=dt.UTC)


def square(south: float, west: float, size: float = 0.01) -> str:
    corners = [
        (south, west),
        (south + size, west),
        (south + size, west + size),
        (south, west + size),
    ]
    return json.dumps(polygon_from_corners(corners))


def record(db: Database, group_id: int, point: tuple[float, float] | None, zone: int | None) -> int:
    with db.write() as session:
        latitude, longitude = point if point else (None, None)
        row = observations.record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=DAY,
                category="suspicious_person",
                address_text="12 SE Elm St",
                latitude=latitude,
                longitude=longitude,
                zone_id=zone,
            ),
        )
    return row.id


def zones_of(db: Database) -> dict[int, int | None]:
    with db.read() as session:
        return {
            row.id: row.zone_id
            for row in session.execute(select(Observation.id, Observation.zone_id))
        }


def test_observations_follow_a_block_boundary_as_it_is_drawn_moved_and_removed(
    db: Database, group_id: int
) -> None:
    with db.write() as session:
        north = groups.create_zone(
            session, group_id, ZoneInput("North", boundary_geojson=square(45.52, -122.64))
        )
        by_hand = groups.create_zone(session, group_id, ZoneInput("Cul-de-sac"))
    inside = record(db, group_id, (45.525, -122.635), None)
    south_of_it = record(db, group_id, (45.515, -122.635), None)
    chosen = record(db, group_id, (45.6, -122.9), by_hand.id)  # far off, block chosen by hand
    no_point = record(db, group_id, None, by_hand.id)
    assert zones_of(db) == {
        inside: north.id,
        south_of_it: None,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }
    with db.read() as session:
        stamped = session.get(Observation, south_of_it).updated_at  # type: ignore[union-attr]

    # Stretched south: the point south of it moves in (and its change is stamped).
    with db.write() as session:
        groups.update_zone(
            session, north.id, ZoneInput("North", boundary_geojson=square(45.51, -122.64, 0.02))
        )
    assert zones_of(db)[south_of_it] == north.id
    with db.read() as session:
        assert session.get(Observation, south_of_it).updated_at > stamped  # type: ignore[union-attr]

    # A new block drawn over the south part: the older block keeps what both contain.
    with db.write() as session:
        south = groups.create_zone(
            session, group_id, ZoneInput("South", boundary_geojson=square(45.508, -122.64))
        )
    assert zones_of(db)[south_of_it] == north.id

    # North shrinks back: the point it no longer holds goes to South, which contains it.
    with db.write() as session:
        groups.update_zone(
            session, north.id, ZoneInput("North", boundary_geojson=square(45.52, -122.64))
        )
    assert zones_of(db) == {
        inside: north.id,
        south_of_it: south.id,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }

    # North's boundary removed: nothing says its observation left it, so it stays.
    with db.write() as session:
        groups.update_zone(session, north.id, ZoneInput("North"))
    assert zones_of(db) == {
        inside: north.id,
        south_of_it: south.id,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }
    with db.read() as session:
        counts = groups.zone_observation_counts(session, group_id)
    assert counts == {north.id: 1, south.id: 1, by_hand.id: 2}


def _placed_as_computed(db: Database, group_id: int) -> None:
    """Each observation with a point inside a boundary is in that block."""
    with db.read() as session:
        bounded = [
            (zone_id, json.loads(boundary))
            for zone_id, boundary in session.execute(
                select(Zone.id, Zone.boundary_geojson)
                .where(Zone.group_id == group_id, Zone.boundary_geojson.is_not(None))
                .order_by(Zone.id)
            )
        ]
        points = session.execute(
            select(
                Observation.id, Observation.latitude, Observation.longitude, Observation.zone_id
            ).where(Observation.group_id == group_id, Observation.latitude.is_not(None))
        ).all()
    assert len(points) > 100
    for observation_id, latitude, longitude, zone_id in points:
        expected = zone_containing(bounded, latitude, longitude)
        if expected is not None:
            assert zone_id == expected, observation_id


def test_moving_a_demo_block_places_every_observation_as_a_fresh_computation_would(
    demo_db: Database,
) -> None:
    with demo_db.read() as session:
        zone = session.scalars(select(Zone).where(Zone.boundary_geojson.is_not(None))).first()
        assert zone is not None
        group_id, zone_id = zone.group_id, zone.id
        data = groups.zone_input(session, zone_id)
    _placed_as_computed(demo_db, group_id)  # the demo agrees with its own boundaries
    geometry: dict[str, Any] = json.loads(data.boundary_geojson or "{}")
    # Shift the block a third of its size north-east, over its neighbours.
    ring = geometry["coordinates"][0]
    height = max(p[1] for p in ring) - min(p[1] for p in ring)
    geometry["coordinates"][0] = [[lon + height / 3, lat + height / 3] for lon, lat in ring]
    data.boundary_geojson = json.dumps(geometry)
    before = zones_of(demo_db)
    with demo_db.write() as session:
        groups.update_zone(session, zone_id, data)
    assert zones_of(demo_db) != before
    _placed_as_computed(demo_db, group_id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (ZoneInput("South"), "name"),  # taken by the other block
        (
            ZoneInput("North", boundary_geojson='{"type": "Point", "coordinates": [0, 0]}'),
            "boundary",
        ),
        (ZoneInput("North", boundary_geojson="{not json"), "boundary"),
    ],
)
def test_a_refused_change_leaves_blocks_and_observations_as_they_were(
    db: Database, group_id: int, change: ZoneInput, field: str
) -> None:
    with db.write() as session:
        north = groups.create_zone(
            session, group_id, ZoneInput("North", boundary_geojson=square(45.52, -122.64))
        )
        groups.create_zone(session, group_id, ZoneInput("South"))
    record(db, group_id, (45.525, -122.635), None)
    before = zones_of(db)
    with db.read() as session:
        stored = groups.zone_input(session, north.id)
    with pytest.raises(ValidationError) as caught, db.write() as session:
        groups.update_zone(session, north.id, change)
    assert field in caught.value.errors
    with db.read() as session:
        assert groups.zone_input(session, north.id) == stored
    assert zones_of(db) == before


def test_a_stored_boundary_is_the_checked_compact_geometry(db: Database, group_id: int) -> None:
    feature = {
        "type": "Feature",
        "properties": {"name": "from the city"},
        "geometry": json.loads(square(45.52, -122.64)),
    }
    with db.write() as session:
        zone = groups.create_zone(
            session, group_id, ZoneInput("Imported", boundary_geojson=json.dumps(feature, indent=2))
        )
    with db.read() as session:
        stored = groups.zone_input(session, zone.id).boundary_geojson
    assert stored is not None and "\n" not in stored
    assert json.loads(stored) == feature["geometry"]

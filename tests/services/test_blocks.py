"""Blocks and their boundaries: observations with a point belong to the block that contains
them, also after a boundary is drawn, moved or removed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from watchdesk.core.entities import BlockInput, ObservationInput
from watchdesk.core.geo import block_containing, polygon_from_corners
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.db.models import Block, Observation
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


def record(
    db: Database, group_id: int, point: tuple[float, float] | None, block: int | None
) -> int:
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
                block_id=block,
            ),
        )
    return row.id


def blocks_of(db: Database) -> dict[int, int | None]:
    with db.read() as session:
        return {
            row.id: row.block_id
            for row in session.execute(select(Observation.id, Observation.block_id))
        }


def test_observations_follow_a_block_boundary_as_it_is_drawn_moved_and_removed(
    db: Database, group_id: int
) -> None:
    with db.write() as session:
        north = groups.create_block(
            session, group_id, BlockInput("North", boundary_geojson=square(45.52, -122.64))
        )
        by_hand = groups.create_block(session, group_id, BlockInput("Cul-de-sac"))
    inside = record(db, group_id, (45.525, -122.635), None)
    south_of_it = record(db, group_id, (45.515, -122.635), None)
    chosen = record(db, group_id, (45.6, -122.9), by_hand.id)  # far off, block chosen by hand
    no_point = record(db, group_id, None, by_hand.id)
    assert blocks_of(db) == {
        inside: north.id,
        south_of_it: None,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }
    with db.read() as session:
        stamped = session.get(Observation, south_of_it).updated_at  # type: ignore[union-attr]

    # Stretched south: the point south of it moves in (and its change is stamped).
    with db.write() as session:
        groups.update_block(
            session, north.id, BlockInput("North", boundary_geojson=square(45.51, -122.64, 0.02))
        )
    assert blocks_of(db)[south_of_it] == north.id
    with db.read() as session:
        assert session.get(Observation, south_of_it).updated_at > stamped  # type: ignore[union-attr]

    # A new block drawn over the south part: the older block keeps what both contain.
    with db.write() as session:
        south = groups.create_block(
            session, group_id, BlockInput("South", boundary_geojson=square(45.508, -122.64))
        )
    assert blocks_of(db)[south_of_it] == north.id

    # North shrinks back: the point it no longer holds goes to South, which contains it.
    with db.write() as session:
        groups.update_block(
            session, north.id, BlockInput("North", boundary_geojson=square(45.52, -122.64))
        )
    assert blocks_of(db) == {
        inside: north.id,
        south_of_it: south.id,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }

    # North's boundary removed: nothing says its observation left it, so it stays.
    with db.write() as session:
        groups.update_block(session, north.id, BlockInput("North"))
    assert blocks_of(db) == {
        inside: north.id,
        south_of_it: south.id,
        chosen: by_hand.id,
        no_point: by_hand.id,
    }
    with db.read() as session:
        counts = groups.block_observation_counts(session, group_id)
    assert counts == {north.id: 1, south.id: 1, by_hand.id: 2}


def _placed_as_computed(db: Database, group_id: int) -> None:
    """Each observation with a point inside a boundary is in that block."""
    with db.read() as session:
        bounded = [
            (block_id, json.loads(boundary))
            for block_id, boundary in session.execute(
                select(Block.id, Block.boundary_geojson)
                .where(Block.group_id == group_id, Block.boundary_geojson.is_not(None))
                .order_by(Block.id)
            )
        ]
        points = session.execute(
            select(
                Observation.id, Observation.latitude, Observation.longitude, Observation.block_id
            ).where(Observation.group_id == group_id, Observation.latitude.is_not(None))
        ).all()
    assert len(points) > 100
    for observation_id, latitude, longitude, block_id in points:
        expected = block_containing(bounded, latitude, longitude)
        if expected is not None:
            assert block_id == expected, observation_id


def test_moving_a_demo_block_places_every_observation_as_a_fresh_computation_would(
    demo_db: Database,
) -> None:
    with demo_db.read() as session:
        block = session.scalars(select(Block).where(Block.boundary_geojson.is_not(None))).first()
        assert block is not None
        group_id, block_id = block.group_id, block.id
        data = groups.block_input(session, block_id)
    _placed_as_computed(demo_db, group_id)  # the demo agrees with its own boundaries
    geometry: dict[str, Any] = json.loads(data.boundary_geojson or "{}")
    # Shift the block a third of its size north-east, over its neighbours.
    ring = geometry["coordinates"][0]
    height = max(p[1] for p in ring) - min(p[1] for p in ring)
    geometry["coordinates"][0] = [[lon + height / 3, lat + height / 3] for lon, lat in ring]
    data.boundary_geojson = json.dumps(geometry)
    before = blocks_of(demo_db)
    with demo_db.write() as session:
        groups.update_block(session, block_id, data)
    assert blocks_of(demo_db) != before
    _placed_as_computed(demo_db, group_id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (BlockInput("South"), "name"),  # taken by the other block
        (
            BlockInput("North", boundary_geojson='{"type": "Point", "coordinates": [0, 0]}'),
            "boundary",
        ),
        (BlockInput("North", boundary_geojson="{not json"), "boundary"),
    ],
)
def test_a_refused_change_leaves_blocks_and_observations_as_they_were(
    db: Database, group_id: int, change: BlockInput, field: str
) -> None:
    with db.write() as session:
        north = groups.create_block(
            session, group_id, BlockInput("North", boundary_geojson=square(45.52, -122.64))
        )
        groups.create_block(session, group_id, BlockInput("South"))
    record(db, group_id, (45.525, -122.635), None)
    before = blocks_of(db)
    with db.read() as session:
        stored = groups.block_input(session, north.id)
    with pytest.raises(ValidationError) as caught, db.write() as session:
        groups.update_block(session, north.id, change)
    assert field in caught.value.errors
    with db.read() as session:
        assert groups.block_input(session, north.id) == stored
    assert blocks_of(db) == before


def test_a_stored_boundary_is_the_checked_compact_geometry(db: Database, group_id: int) -> None:
    feature = {
        "type": "Feature",
        "properties": {"name": "from the city"},
        "geometry": json.loads(square(45.52, -122.64)),
    }
    with db.write() as session:
        block = groups.create_block(
            session,
            group_id,
            BlockInput("Imported", boundary_geojson=json.dumps(feature, indent=2)),
        )
    with db.read() as session:
        stored = groups.block_input(session, block.id).boundary_geojson
    assert stored is not None and "\n" not in stored
    assert json.loads(stored) == feature["geometry"]

"""Recording an observation in full, and what its detail says about the vehicles in it."""

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from watchdesk.core.descriptors import FollowUpInput, PersonSeen, VehicleSeen
from watchdesk.core.entities import BlockInput, HouseholdInput, ObservationInput
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.db.models import Observation, PersonDescriptor, VehicleDescriptor
from watchdesk.services.groups import create_block
from watchdesk.services.households import VehicleInput, add_vehicle
from watchdesk.services.members import add_household
from watchdesk.services.observation_detail import observation_detail
from watchdesk.services.observations import record_observation, update_observation

DAY = dt.datetime(2026, 11, 20, 22, 0, tzinfo=dt.UTC)
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[-122.64, 45.51], [-122.63, 45.51], [-122.63, 45.52], [-122.64, 45.52], [-122.64, 45.51]]
    ],
}


def _sighting(days_ago: int, plate: str = "", **vehicle: str) -> ObservationInput:
    return ObservationInput(
        occurred_at=DAY - dt.timedelta(days=days_ago),
        category="suspicious_vehicle",
        address_text="SE Elm St",
        vehicles=(VehicleSeen(plate=plate, **vehicle),),
    )


def test_an_observation_is_stored_with_its_people_vehicles_and_follow_ups(
    db: Database, group_id: int
) -> None:
    with db.write() as session:
        block = create_block(
            session, group_id, BlockInput("Block 4", boundary_geojson=json.dumps(SQUARE))
        ).id
        observation_id = record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=DAY,
                category="suspicious_person",
                latitude=45.515,
                longitude=-122.635,
                people=(PersonSeen(sex="Male", height_min_in=70, clothing_top="red hoodie"),),
                vehicles=(
                    VehicleSeen(colour="Grey", make="Ford", model="Transit", plate="7kx 123"),
                ),
                follow_ups=(FollowUpInput("Ask the Lees for doorbell video"),),
            ),
        ).id
    with db.read() as session:
        detail = observation_detail(session, observation_id)
        assert session.get(Observation, observation_id).block_id == block  # type: ignore[union-attr]
    assert detail.line.block_name == "Block 4"
    assert ("Height", "5'10\"–6'0\"") in detail.people[0]
    assert detail.vehicles[0].plate == "7KX123"
    assert detail.vehicles[0].description == "Grey Ford Transit"
    assert [f.note for f in detail.follow_ups] == ["Ask the Lees for doorbell video"]

    # An edit replaces the descriptions as a whole.
    with db.write() as session:
        update_observation(
            session,
            observation_id,
            ObservationInput(
                occurred_at=DAY,
                category="suspicious_person",
                latitude=45.515,
                longitude=-122.635,
                people=(PersonSeen(hair="Grey"),),
            ),
        )
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(VehicleDescriptor)) == 0
        assert session.scalars(select(PersonDescriptor.hair)).all() == ["Grey"]


def test_a_bad_descriptor_stores_nothing_at_all(db: Database, group_id: int) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as session:
        record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=DAY,
                category="other",
                address_text="Elm",
                people=(PersonSeen(sex="Female"), PersonSeen(height_min_in=71)),
            ),
        )
    assert "person 2: height_min_in" in caught.value.errors
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 0
        assert session.scalar(select(func.count()).select_from(PersonDescriptor)) == 0


def test_repeat_sightings_count_agreeing_plates_and_similar_vehicles_in_30_days(
    db: Database, group_id: int
) -> None:
    with db.write() as session:
        for days_ago, plate, extra in (
            (3, "7KX?23", {}),  # partial plate agreeing
            (10, "7KX123", {}),
            (12, "", {"colour": "grey", "make": "FORD", "model": "transit"}),  # same kind
            (20, "9ZZ999", {"colour": "Red", "make": "Ford", "model": "Transit"}),  # neither
            (40, "7KX123", {}),  # too long ago
        ):
            record_observation(session, group_id, _sighting(days_ago, plate, **extra))
        household = add_household(session, group_id, HouseholdInput("14 SE Elm St")).id
        add_vehicle(session, household, VehicleInput("Grey", "Ford", "Transit", "7KX123", "OR"))
        latest = record_observation(
            session, group_id, _sighting(0, "7KX123", colour="Grey", make="Ford", model="Transit")
        ).id
    with db.read() as session:
        check = observation_detail(session, latest).vehicles[0]
    assert check.summary == "seen 3 times in the last 30 days"
    assert [s.by_plate for s in check.earlier] == [True, True, False]
    assert [n.address for n in check.neighbours] == ["14 SE Elm St"]

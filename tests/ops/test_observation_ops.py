"""Observation and block actions called directly (no Qt): each is one undo step named by what
it did, and replaying the step takes it back and forth, the full-text search included."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from tests.sql import raw_rows
from watchdesk.core.descriptors import FollowUpInput, VehicleSeen
from watchdesk.core.entities import BlockInput, ObservationInput
from watchdesk.db.engine import Database
from watchdesk.ops import groups as group_ops
from watchdesk.ops import observations as observation_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.history import replay_step
from watchdesk.ops.result import OpResult, UndoStep
from watchdesk.services.observation_search import ObservationFilter

WHEN = dt.datetime(2026, 11, 20, 20, 0, tzinfo=dt.UTC)  # Nov 20 in the group's time zone
VAN = ObservationInput(
    occurred_at=WHEN,
    category="suspicious_vehicle",
    description="Grey zebra-striped van idling",
    address_text="3300 block SE Belmont St",
    latitude=45.5162,
    longitude=-122.6301,
    vehicles=(VehicleSeen(colour="Grey", make="Ford", plate="7KXQ23"),),
    follow_ups=(FollowUpInput("Ask the neighbours for camera footage"),),
)
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[-122.64, 45.51], [-122.62, 45.51], [-122.62, 45.52], [-122.64, 45.52], [-122.64, 45.51]]
    ],
}


def one(db: Database, query: str, *args: object) -> object:
    return raw_rows(db, query, *args)[0][0]


def found(db: Database, group_id: int, text: str) -> list[int]:
    return observation_ops.find(db, group_id, ObservationFilter(text=text))


def step_of(result: OpResult[object]) -> UndoStep:
    assert result.undo is not None
    return result.undo


def test_recording_is_one_step_and_undo_takes_it_out_of_the_search_too(
    db: Database, group_id: int
) -> None:
    result = observation_ops.record_observation(db, group_id, VAN)
    observation_id = result.value
    step = step_of(result)
    assert step.name == "Record observation: suspicious vehicle, Nov 20"
    assert result.changes.kinds == {Kind.OBSERVATIONS, Kind.FOLLOW_UPS}
    assert found(db, group_id, "zebra") == [observation_id]
    assert found(db, group_id, "7KXQ23") == [observation_id]
    assert one(db, "SELECT count(*) FROM follow_up WHERE observation_id = ?", observation_id) == 1

    redo = replay_step(db, step).value
    assert one(db, "SELECT count(*) FROM observation") == 0
    assert one(db, "SELECT count(*) FROM vehicle_descriptor") == 0
    assert one(db, "SELECT count(*) FROM follow_up") == 0
    assert found(db, group_id, "zebra") == []
    assert found(db, group_id, "7KXQ23") == []

    again = replay_step(db, redo, "redo").value
    assert one(db, "SELECT description FROM observation WHERE id = ?", observation_id) == (
        VAN.description
    )
    assert one(db, "SELECT plate FROM vehicle_descriptor") == "7KXQ23"
    assert found(db, group_id, "zebra") == [observation_id]
    assert found(db, group_id, "7KXQ23") == [observation_id]
    assert again.name == step.name


def test_an_edit_is_undone_in_the_search_as_well(db: Database, group_id: int) -> None:
    observation_id = observation_ops.record_observation(db, group_id, VAN).value
    edited = replace(VAN, description="Blue hatchback circling", vehicles=())
    result = observation_ops.update_observation(db, observation_id, edited)
    step = step_of(result)
    assert step.name == "Edit observation: suspicious vehicle, Nov 20"
    assert found(db, group_id, "hatchback") == [observation_id]
    assert found(db, group_id, "zebra") == []

    redo = replay_step(db, step).value
    assert one(db, "SELECT description FROM observation") == VAN.description
    assert one(db, "SELECT count(*) FROM vehicle_descriptor") == 1
    assert found(db, group_id, "zebra") == [observation_id]
    assert found(db, group_id, "hatchback") == []
    assert found(db, group_id, "7KXQ23") == [observation_id]

    replay_step(db, redo, "redo")
    assert one(db, "SELECT description FROM observation") == "Blue hatchback circling"
    assert found(db, group_id, "hatchback") == [observation_id]
    assert found(db, group_id, "7KXQ23") == []


def test_adding_a_follow_up_and_marking_it_done_are_named_steps(
    db: Database, group_id: int
) -> None:
    observation_id = observation_ops.record_observation(db, group_id, VAN).value
    call = FollowUpInput("Call the non-emergency line", due_on=dt.date(2026, 11, 23))
    added = observation_ops.update_observation(
        db, observation_id, replace(VAN, follow_ups=(*VAN.follow_ups, call))
    )
    add_step = step_of(added)
    assert add_step.name == "Add a follow-up to suspicious vehicle, Nov 20"
    assert Kind.FOLLOW_UPS in added.changes.kinds
    notes = "SELECT note, done_on FROM follow_up ORDER BY note"
    assert [n for n, _ in raw_rows(db, notes)] == [VAN.follow_ups[0].note, call.note]

    done = replace(call, done_on=dt.date(2026, 11, 22))
    marked = observation_ops.update_observation(
        db, observation_id, replace(VAN, follow_ups=(*VAN.follow_ups, done))
    )
    done_step = step_of(marked)
    assert done_step.name == (
        "Mark follow-up done: Call the non-emergency line (suspicious vehicle, Nov 20)"
    )
    assert raw_rows(db, notes)[1] == (call.note, "2026-11-22")

    redo_done = replay_step(db, done_step).value
    assert raw_rows(db, notes)[1] == (call.note, None)
    redo_add = replay_step(db, add_step).value
    assert raw_rows(db, notes) == [(VAN.follow_ups[0].note, None)]
    replay_step(db, redo_add, "redo")
    replay_step(db, redo_done, "redo")
    assert raw_rows(db, notes)[1] == (call.note, "2026-11-22")

    reopened = observation_ops.update_observation(
        db, observation_id, replace(VAN, follow_ups=(*VAN.follow_ups, call))
    )
    assert step_of(reopened).name.startswith("Reopen follow-up: Call the non-emergency line")


def test_changing_only_the_status_says_so(db: Database, group_id: int) -> None:
    observation_id = observation_ops.record_observation(db, group_id, VAN).value
    result = observation_ops.update_observation(db, observation_id, replace(VAN, status="closed"))
    assert step_of(result).name == "Mark suspicious vehicle, Nov 20 closed"
    replay_step(db, step_of(result))
    assert one(db, "SELECT status FROM observation") == "open"


def test_saving_the_form_unchanged_is_an_edit_that_undoes_cleanly(
    db: Database, group_id: int
) -> None:
    observation_id = observation_ops.record_observation(db, group_id, VAN).value
    same = observation_ops.observation_form(db, observation_id)
    # The vehicle and follow-up are written again (new rows): still one honest step.
    result = observation_ops.update_observation(db, observation_id, same)
    assert step_of(result).name == "Edit observation: suspicious vehicle, Nov 20"
    replay_step(db, step_of(result))
    assert one(db, "SELECT description FROM observation") == VAN.description
    assert one(db, "SELECT count(*) FROM vehicle_descriptor") == 1
    assert found(db, group_id, "7KXQ23") == [observation_id]


def test_adding_and_redrawing_a_block_move_observations_in_one_step(
    db: Database, group_id: int
) -> None:
    observation_id = observation_ops.record_observation(db, group_id, VAN).value
    assert one(db, "SELECT zone_id FROM observation") is None

    added = group_ops.save_block(
        db, group_id, None, BlockInput("Alder St", boundary_geojson=json.dumps(SQUARE))
    )
    add_step = step_of(added)
    block_id = added.value.block.id
    assert add_step.name == "Add block Alder St"
    assert added.changes.kinds == {Kind.BLOCKS, Kind.OBSERVATIONS}
    assert added.value.observations == 1
    assert one(db, "SELECT zone_id FROM observation WHERE id = ?", observation_id) == block_id

    # Redrawn away from the point, and renamed: the observation leaves it.
    elsewhere = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    saved = group_ops.save_block(
        db, group_id, block_id, BlockInput("Alder Street", boundary_geojson=json.dumps(elsewhere))
    )
    save_step = step_of(saved)
    assert save_step.name == "Save block Alder Street"
    assert saved.value.moved_in == -1
    assert raw_rows(db, "SELECT name FROM zone") == [("Alder Street",)]
    assert one(db, "SELECT zone_id FROM observation") is None

    redo_save = replay_step(db, save_step).value
    assert raw_rows(db, "SELECT name FROM zone") == [("Alder St",)]
    assert one(db, "SELECT zone_id FROM observation") == block_id
    redo_add = replay_step(db, add_step).value
    assert one(db, "SELECT count(*) FROM zone") == 0
    assert one(db, "SELECT zone_id FROM observation") is None

    replay_step(db, redo_add, "redo")
    assert one(db, "SELECT zone_id FROM observation") == block_id
    replay_step(db, redo_save, "redo")
    assert raw_rows(db, "SELECT name FROM zone") == [("Alder Street",)]
    assert one(db, "SELECT zone_id FROM observation") is None
    assert group_ops.blocks_with_counts(db, group_id) == (group_ops.blocks(db, group_id), {})

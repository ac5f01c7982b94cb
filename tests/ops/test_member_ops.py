"""Member and household actions: what each changes, its step's name, undo and redo."""

from __future__ import annotations

import sqlite3

import pytest

from tests.db.test_row_changes import snapshot
from watchdesk.core.entities import HouseholdInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.ops import members as member_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.history import CannotUndo, replay_step
from watchdesk.ops.result import OpResult, UndoStep
from watchdesk.services.households import VacationInput, VehicleInput


def step_of(result: OpResult[object]) -> UndoStep:
    assert result.undo is not None
    return result.undo


def undone_and_redone(db: Database, result: OpResult[object]) -> None:
    """Undo puts the file back as it was before; redo as it was after."""
    after = snapshot(db)
    redo = replay_step(db, step_of(result)).value
    undone = snapshot(db)
    replay_step(db, redo, "redo")
    assert snapshot(db) == after
    assert undone != after


@pytest.fixture
def ann(db: Database, group_id: int) -> int:
    return member_ops.add_member(
        db, group_id, MemberInput(given_name="Ann", family_name="Lee")
    ).value


def test_adding_a_member_is_one_step_that_undo_takes_back(db: Database, group_id: int) -> None:
    before = snapshot(db)
    result = member_ops.add_member(db, group_id, MemberInput(given_name="Bo", family_name="Day"))

    assert step_of(result).name == "Add Bo Day"
    assert result.changes.kinds == {Kind.MEMBERS}
    replay_step(db, step_of(result))
    assert snapshot(db) == before


def test_edits_inactivation_and_households_are_undone_and_redone(
    db: Database, group_id: int, ann: int
) -> None:
    edited = member_ops.update_member(
        db, ann, MemberInput(given_name="Ann", family_name="Lee-Park", notes="moved")
    )
    assert step_of(edited).name == "Edit Ann Lee-Park"
    undone_and_redone(db, edited)

    inactive = member_ops.set_member_active(db, ann, False)
    assert step_of(inactive).name == "Inactivate Ann Lee-Park"
    undone_and_redone(db, inactive)

    home = member_ops.add_household_for(db, group_id, ann, HouseholdInput("12 Elm St"))
    assert step_of(home).name == "Add household 12 Elm St"
    assert home.changes.kinds == {Kind.HOUSEHOLDS, Kind.MEMBERS}
    undone_and_redone(db, home)

    car = member_ops.add_vehicle(db, home.value, VehicleInput(plate="7ABC123", make="Honda"))
    assert car.changes.kinds == {Kind.VEHICLES}
    undone_and_redone(db, car)
    away = member_ops.add_vacation(db, home.value, VacationInput("2026-12-20", "2026-12-30"))
    undone_and_redone(db, away)
    undone_and_redone(db, member_ops.remove_vehicle(db, car.value.id))


def test_a_refused_edit_writes_nothing_and_records_nothing(db: Database, ann: int) -> None:
    before = snapshot(db)
    with pytest.raises(ValueError, match="email"):
        member_ops.update_member(
            db, ann, MemberInput(given_name="Ann", family_name="Lee", email="ann@")
        )
    assert snapshot(db) == before


def test_undoing_an_add_is_refused_once_the_member_has_history(
    db: Database, group_id: int, ann: int
) -> None:
    added = member_ops.add_member(db, group_id, MemberInput(given_name="Cy", family_name="Cole"))
    path = db.engine.url.database
    assert path
    with sqlite3.connect(path) as connection:  # history recorded outside the undo history
        connection.execute(
            "INSERT INTO meeting (uuid, group_id, kind, title, starts_at, created_at, updated_at)"
            " VALUES ('m1', ?, 'community', 'Monthly', '2026-12-01 02:00:00', '2026-12-01',"
            " '2026-12-01')",
            (group_id,),
        )
        connection.execute(
            "INSERT INTO meeting_attendance (uuid, group_id, meeting_id, member_id, status,"
            " created_at, updated_at) SELECT 'a1', ?, id, ?, 'present', '2026-12-01',"
            " '2026-12-01' FROM meeting",
            (group_id, added.value),
        )
    before = snapshot(db)

    with pytest.raises(CannotUndo, match="Cannot undo “Add Cy Cole”"):
        replay_step(db, step_of(added))
    assert snapshot(db) == before


def test_a_merge_cannot_be_undone_and_empties_the_history(
    db: Database, group_id: int, ann: int
) -> None:
    twin = member_ops.add_member(db, group_id, MemberInput(given_name="Ann", family_name="Lee"))
    merged = member_ops.merge_two_members(db, ann, twin.value)
    assert merged.undo is None and merged.clears_history
    assert merged.changes.touches([Kind.MEMBERS])

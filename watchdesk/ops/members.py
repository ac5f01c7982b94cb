"""Members and their households: the actions of the Members page and the reads it shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from watchdesk.core.entities import HouseholdInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.ops.changes import Changes
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import cleared, not_undoable, undoable
from watchdesk.services import households as household_service
from watchdesk.services import members as member_service
from watchdesk.services.duplicates import PossibleDuplicate, merge_members, possible_duplicates
from watchdesk.services.households import PlateMatch, VacationInput, VehicleInput
from watchdesk.services.member_directory import (
    MemberDetail,
    MemberFilter,
    MemberListRow,
    VacationLine,
    VehicleLine,
    member_detail,
    member_ids,
    member_rows,
)
from watchdesk.services.rows import HouseholdRow


def _full_name(data: MemberInput) -> str:
    return f"{data.given_name} {data.family_name}".strip()


# -- actions -----------------------------------------------------------------------------------
def add_member(db: Database, group_id: int, data: MemberInput) -> OpResult[int]:
    with undoable(db, f"Add {_full_name(data)}") as action:
        member = member_service.add_member(action.session, group_id, data)
    return action.result(member.id)


def update_member(db: Database, member_id: int, data: MemberInput) -> OpResult[int]:
    with undoable(db, f"Edit {_full_name(data)}") as action:
        member_service.update_member(action.session, member_id, data)
    return action.result(member_id)


def set_member_active(db: Database, member_id: int, active: bool) -> OpResult[int]:
    with undoable(db, "") as action:
        row = member_service.set_member_active(action.session, member_id, active)
        verb = "Reactivate" if active else "Inactivate"
        action.rename(f"{verb} {row.given_name} {row.family_name}")
    return action.result(member_id)


def merge_two_members(db: Database, keep_id: int, merge_id: int) -> OpResult[int]:
    """Fold one member into another. Not undoable (the user is told before): the history
    is emptied."""
    with not_undoable(db) as session:
        merge_members(session, keep_id, merge_id)
    return cleared(keep_id, Changes.everything())


def add_household_for(
    db: Database, group_id: int, member_id: int, data: HouseholdInput
) -> OpResult[int]:
    """A new household, with the member living there."""
    with undoable(db, f"Add household {data.address_line}") as action:
        home = member_service.add_household(action.session, group_id, data)
        member = member_service.member_input(action.session, member_id)
        member_service.update_member(
            action.session, member_id, replace(member, household_id=home.id)
        )
    return action.result(home.id)


def update_household(db: Database, household_id: int, data: HouseholdInput) -> OpResult[int]:
    with undoable(db, f"Edit household {data.address_line}") as action:
        member_service.update_household(action.session, household_id, data)
    return action.result(household_id)


def add_vehicle(db: Database, household_id: int, data: VehicleInput) -> OpResult[VehicleLine]:
    with undoable(db, f"Add vehicle {data.plate or data.make or ''}".strip()) as action:
        line = household_service.add_vehicle(action.session, household_id, data)
    return action.result(line)


def remove_vehicle(db: Database, vehicle_id: int) -> OpResult[None]:
    with undoable(db, "Remove vehicle") as action:
        household_service.remove_vehicle(action.session, vehicle_id)
    return action.result(None)


def add_vacation(db: Database, household_id: int, data: VacationInput) -> OpResult[VacationLine]:
    with undoable(db, "Add vacation watch") as action:
        line = household_service.add_vacation(action.session, household_id, data)
    return action.result(line)


def remove_vacation(db: Database, vacation_id: int) -> OpResult[None]:
    with undoable(db, "Remove vacation watch") as action:
        household_service.remove_vacation(action.session, vacation_id)
    return action.result(None)


# -- reads -------------------------------------------------------------------------------------
def find_member_ids(
    db: Database, group_id: int | None, where: MemberFilter, today: dt.date
) -> list[int]:
    with db.read() as session:
        return member_ids(session, group_id, where, today)


def member_list_rows(db: Database, ids: list[int], today: dt.date) -> dict[int, MemberListRow]:
    with db.read() as session:
        return member_rows(session, ids, today)


def active_member_choices(
    db: Database, group_id: int | None, today: dt.date
) -> list[tuple[int, str]]:
    """(id, name) of the group's active members, in name order: for pickers."""
    with db.read() as session:
        ids = member_ids(session, group_id, MemberFilter(status="active"), today)
        rows = member_rows(session, ids, today)
    return [(i, rows[i].name) for i in ids]


def member_details(db: Database, member_id: int) -> MemberDetail:
    with db.read() as session:
        return member_detail(session, member_id)


def member_form(db: Database, member_id: int) -> MemberInput:
    with db.read() as session:
        return member_service.member_input(session, member_id)


def household_form(db: Database, household_id: int) -> HouseholdInput:
    with db.read() as session:
        return household_service.household_input(session, household_id)


def households(db: Database, group_id: int | None) -> list[HouseholdRow]:
    with db.read() as session:
        return member_service.list_households(session, group_id)


def duplicates_of(
    db: Database, group_id: int, data: MemberInput, exclude_id: int | None
) -> list[PossibleDuplicate]:
    with db.read() as session:
        return possible_duplicates(session, group_id, data, exclude_id=exclude_id)


def whose_plate(db: Database, group_id: int | None, text: str) -> list[PlateMatch]:
    with db.read() as session:
        return household_service.find_plate(session, group_id, text)

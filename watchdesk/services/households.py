"""Households' vehicles and vacation windows, and "whose car is this?" plate lookup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import HouseholdInput
from watchdesk.core.plates import normalise_plate, plate_like_pattern
from watchdesk.core.validation import ErrorCollector, optional_text, parse_date
from watchdesk.db.models import Household, KnownVehicle, Member, VacationWindow
from watchdesk.services._common import get_or_raise
from watchdesk.services.member_directory import VacationLine, VehicleLine


@dataclass(frozen=True)
class VehicleInput:
    colour: str = ""
    make: str = ""
    model: str = ""
    plate: str = ""
    plate_state: str = ""


@dataclass(frozen=True)
class VacationInput:
    starts_on: str | dt.date | None
    ends_on: str | dt.date | None
    check_instructions: str = ""


def add_vehicle(session: Session, household_id: int, data: VehicleInput) -> VehicleLine:
    household = get_or_raise(session, Household, household_id, "household")
    errors = ErrorCollector()
    values: dict[str, object] = {}
    for name in ("colour", "make", "model"):
        with errors.field(name):
            values[name] = optional_text(getattr(data, name), name, 50)
    with errors.field("plate"):
        values["plate"] = normalise_plate(data.plate)
        if values["plate"] and "?" in str(values["plate"]):
            errors.add("plate", "a neighbour's plate is known in full; ? is for sightings")
    with errors.field("plate_state"):
        state = optional_text(data.plate_state, "plate_state", 10)
        values["plate_state"] = state.upper() if state else None
    if not any(values.values()):
        errors.add("plate", "give at least the plate or a description")
    errors.raise_if_any()
    vehicle = KnownVehicle(group_id=household.group_id, household_id=household.id, **values)
    session.add(vehicle)
    session.flush()
    return VehicleLine(
        vehicle.id, vehicle.colour, vehicle.make, vehicle.model, vehicle.plate, vehicle.plate_state
    )


def remove_vehicle(session: Session, vehicle_id: int) -> None:
    session.execute(delete(KnownVehicle).where(KnownVehicle.id == vehicle_id))


def add_vacation(session: Session, household_id: int, data: VacationInput) -> VacationLine:
    household = get_or_raise(session, Household, household_id, "household")
    errors = ErrorCollector()
    with errors.field("starts_on"):
        starts = parse_date(data.starts_on, "starts_on")
        if starts is None:
            errors.add("starts_on", "is required")
    with errors.field("ends_on"):
        ends = parse_date(data.ends_on, "ends_on")
        if ends is None:
            errors.add("ends_on", "is required")
    with errors.field("check_instructions"):
        instructions = optional_text(data.check_instructions, "check_instructions")
    errors.raise_if_any()
    assert starts is not None and ends is not None
    if ends < starts:
        errors.add("ends_on", "must not be before the start")
        errors.raise_if_any()
    window = VacationWindow(
        group_id=household.group_id,
        household_id=household.id,
        starts_on=starts,
        ends_on=ends,
        check_instructions=instructions,
    )
    session.add(window)
    session.flush()
    return VacationLine(window.id, window.starts_on, window.ends_on, window.check_instructions)


def remove_vacation(session: Session, vacation_id: int) -> None:
    session.execute(delete(VacationWindow).where(VacationWindow.id == vacation_id))


@dataclass(frozen=True)
class PlateMatch:
    plate: str
    plate_state: str | None
    vehicle: str
    household_id: int
    address: str
    residents: tuple[str, ...]

    def describe(self) -> str:
        state = f" ({self.plate_state})" if self.plate_state else ""
        who = ", ".join(self.residents) or "no residents on the roster"
        return f"{self.plate}{state} — {self.vehicle} — {self.address} ({who})"


def find_plate(
    session: Session, group_id: int | None, partial: str, limit: int = 20
) -> list[PlateMatch]:
    """Neighbours' vehicles whose plate contains ``partial`` (``?`` = any one character)."""
    pattern = plate_like_pattern(partial)
    if pattern is None:
        return []
    query = (
        select(KnownVehicle, Household)
        .join(Household, Household.id == KnownVehicle.household_id)
        .where(KnownVehicle.plate.like(pattern))
        .order_by(KnownVehicle.plate)
        .limit(limit)
    )
    if group_id is not None:
        query = query.where(KnownVehicle.group_id == group_id)
    matches = []
    for vehicle, household in session.execute(query):
        residents = tuple(
            f"{given} {family}"
            for given, family in session.execute(
                select(Member.given_name, Member.family_name)
                .where(Member.household_id == household.id, Member.merged_into_id.is_(None))
                .order_by(Member.given_name)
            )
        )
        car = " ".join(p for p in (vehicle.colour, vehicle.make, vehicle.model) if p)
        matches.append(
            PlateMatch(
                plate=vehicle.plate or "",
                plate_state=vehicle.plate_state,
                vehicle=car or "vehicle",
                household_id=household.id,
                address=household.address_line,
                residents=residents,
            )
        )
    return matches


def household_input(session: Session, household_id: int) -> HouseholdInput:
    household = get_or_raise(session, Household, household_id, "household")
    return HouseholdInput(
        address_line=household.address_line,
        unit=household.unit or "",
        city=household.city or "",
        postal_code=household.postal_code or "",
        latitude=household.latitude,
        longitude=household.longitude,
        block_id=household.block_id,
        pets=household.pets or "",
        special_concerns=household.special_concerns or "",
        notes=household.notes or "",
    )

"""One observation in full for the detail pane and the printed report: its descriptors, police
contact, follow-ups, whether a vehicle is a neighbour's, and earlier sightings of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.descriptors import person_lines, vehicle_lines
from watchdesk.core.names import spoken_name
from watchdesk.core.plates import plates_agree
from watchdesk.core.words import count as counted
from watchdesk.db.models import (
    FollowUp,
    Member,
    Observation,
    PersonDescriptor,
    VehicleDescriptor,
)
from watchdesk.services._common import get_or_raise
from watchdesk.services.errors import NotFoundError
from watchdesk.services.households import PlateMatch, find_plate
from watchdesk.services.observation_search import ObservationLine, observation_lines

REPEAT_WINDOW = dt.timedelta(days=30)


def vehicle_text(vehicle: VehicleDescriptor) -> str:
    """'Blue/white 2014 Ford Transit van', from whatever was seen."""
    colour = "/".join(c for c in (vehicle.colour, vehicle.second_colour) if c)
    parts = [colour, str(vehicle.year or ""), vehicle.make, vehicle.model, vehicle.body_style]
    return " ".join(p for p in parts if p) or "Vehicle"


def _same_vehicle_kind(a: VehicleDescriptor, b: VehicleDescriptor) -> bool:
    """Colour, make and model all seen on both, and the same (case aside)."""
    keys = ("colour", "make", "model")
    first = [(getattr(a, k) or "").casefold() for k in keys]
    second = [(getattr(b, k) or "").casefold() for k in keys]
    return all(first) and first == second


@dataclass(frozen=True)
class Sighting:
    observation_id: int
    occurred_at: dt.datetime
    category: str
    vehicle: str
    plate: str | None
    by_plate: bool  # False: a similar vehicle (colour, make, model)


def _values(record: PersonDescriptor | VehicleDescriptor) -> dict[str, object]:
    return {column.key: getattr(record, column.key) for column in record.__table__.columns}


@dataclass(frozen=True)
class VehicleCheck:
    description: str
    plate: str | None
    lines: list[tuple[str, str]]  # (label, text) for each field seen
    neighbours: list[PlateMatch]  # a neighbour's registered vehicle with an agreeing plate
    earlier: list[Sighting]  # within REPEAT_WINDOW before this observation, newest first

    @property
    def summary(self) -> str:
        count = len(self.earlier)
        if not count:
            return "not seen before in the last 30 days"
        return f"seen {counted(count, 'time')} in the last 30 days"


def _vehicle_checks(session: Session, observation: Observation) -> list[VehicleCheck]:
    vehicles = list(
        session.scalars(
            select(VehicleDescriptor)
            .where(VehicleDescriptor.observation_id == observation.id)
            .order_by(VehicleDescriptor.id)
        )
    )
    if not vehicles:
        return []
    earlier = session.execute(
        select(VehicleDescriptor, Observation.occurred_at, Observation.category)
        .join(Observation, Observation.id == VehicleDescriptor.observation_id)
        .where(
            Observation.group_id == observation.group_id,
            Observation.id != observation.id,
            Observation.occurred_at >= observation.occurred_at - REPEAT_WINDOW,
            Observation.occurred_at <= observation.occurred_at,
        )
        .order_by(Observation.occurred_at.desc())
    ).all()
    checks = []
    for vehicle in vehicles:
        seen: dict[int, Sighting] = {}
        for other, occurred_at, category in earlier:
            by_plate = bool(
                vehicle.plate and other.plate and plates_agree(vehicle.plate, other.plate)
            )
            if (by_plate or _same_vehicle_kind(vehicle, other)) and (
                other.observation_id not in seen or by_plate
            ):
                seen[other.observation_id] = Sighting(
                    other.observation_id,
                    occurred_at,
                    category,
                    vehicle_text(other),
                    other.plate,
                    by_plate,
                )
        neighbours = (
            [
                match
                for match in find_plate(session, observation.group_id, vehicle.plate)
                if plates_agree(vehicle.plate, match.plate)
            ]
            if vehicle.plate
            else []
        )
        checks.append(
            VehicleCheck(
                vehicle_text(vehicle),
                vehicle.plate,
                vehicle_lines(_values(vehicle)),
                neighbours,
                list(seen.values()),
            )
        )
    return checks


@dataclass(frozen=True)
class FollowUpLine:
    due_on: dt.date | None
    done_on: dt.date | None
    note: str
    assigned: str | None


@dataclass(frozen=True)
class ObservationDetail:
    line: ObservationLine
    reporter: str | None  # shown inside the app; exports name reporters only with consent
    people: list[list[tuple[str, str]]]  # per person, (label, text) for each field seen
    vehicles: list[VehicleCheck]
    follow_ups: list[FollowUpLine]
    officer: str | None
    police_contacted_at: dt.datetime | None
    police_outcome: str | None


def _name(session: Session, member_id: int | None) -> str | None:
    member = session.get(Member, member_id) if member_id is not None else None
    if member is None:
        return None
    return spoken_name(member.given_name, member.family_name, member.preferred_name)


def observation_detail(session: Session, observation_id: int) -> ObservationDetail:
    observation = get_or_raise(session, Observation, observation_id, "observation")
    line = observation_lines(session, [observation_id])[observation_id]
    people = [
        person_lines(_values(person))
        for person in session.scalars(
            select(PersonDescriptor)
            .where(PersonDescriptor.observation_id == observation_id)
            .order_by(PersonDescriptor.id)
        )
    ]
    follow_ups = [
        FollowUpLine(
            follow_up.due_on,
            follow_up.done_on,
            follow_up.note,
            _name(session, follow_up.assigned_member_id),
        )
        for follow_up in session.scalars(
            select(FollowUp)
            .where(FollowUp.observation_id == observation_id)
            .order_by(FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)
        )
    ]
    return ObservationDetail(
        line,
        _name(session, observation.reporter_member_id),
        people,
        _vehicle_checks(session, observation),
        follow_ups,
        observation.officer,
        observation.police_contacted_at,
        observation.police_outcome,
    )


def observation_id_for(session: Session, uuid: str) -> int:
    """The local id of the observation with ``uuid`` (as printed on its report and exports)."""
    found = session.scalar(select(Observation.id).where(Observation.uuid == uuid.strip().lower()))
    if found is None:
        raise NotFoundError(f"no observation with the id {uuid.strip()}")
    return found


def filed(session: Session, observation_id: int) -> tuple[int, dt.datetime | None]:
    """The group an observation belongs to and when it was reported (for its report)."""
    observation = get_or_raise(session, Observation, observation_id, "observation")
    return observation.group_id, observation.reported_at

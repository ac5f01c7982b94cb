"""Recording and listing observations."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from watchdesk.core.descriptors import FollowUpInput, PersonSeen, VehicleSeen
from watchdesk.core.entities import OBSERVATION_PARTS, Clean, ObservationInput, clean_observation
from watchdesk.core.geo import block_containing, bounding_box
from watchdesk.db.base import utcnow
from watchdesk.db.models import (
    Block,
    FollowUp,
    Member,
    Observation,
    PersonDescriptor,
    VehicleDescriptor,
    WatchGroup,
)
from watchdesk.services._common import apply, check_in_group, get_or_raise, plain_row
from watchdesk.services.rows import ObservationRow


def _row(obs: Observation) -> ObservationRow:
    return plain_row(ObservationRow, obs)


def _check_references(session: Session, group_id: int, values: dict[str, object]) -> None:
    check_in_group(
        session,
        group_id,
        {
            "block_id": (Block, values.get("block_id"), "is not a block of this group"),
            "reporter_member_id": (
                Member,
                values.get("reporter_member_id"),
                "is not a member of this group",
            ),
        },
    )


_PART_MODELS: dict[str, type[PersonDescriptor | VehicleDescriptor | FollowUp]] = {
    "people": PersonDescriptor,
    "vehicles": VehicleDescriptor,
    "follow_ups": FollowUp,
}


def _split(values: Clean) -> tuple[Clean, dict[str, list[Clean]]]:
    parts = {key: values.pop(key) for key in OBSERVATION_PARTS}
    return values, parts  # type: ignore[return-value]


def _replace_parts(
    session: Session, observation: Observation, parts: dict[str, list[Clean]]
) -> None:
    for key, model in _PART_MODELS.items():
        for old in session.scalars(select(model).where(model.observation_id == observation.id)):
            session.delete(old)
        for values in parts[key]:
            session.add(
                model(group_id=observation.group_id, observation_id=observation.id, **values)
            )
    for follow_up in parts["follow_ups"]:
        check_in_group(
            session,
            observation.group_id,
            {
                "assigned_member_id": (
                    Member,
                    follow_up.get("assigned_member_id"),
                    "is not a member of this group",
                )
            },
        )


def _bounded_blocks(session: Session, group_id: int) -> list[tuple[int, dict[str, Any]]]:
    """The group's blocks that have a boundary, oldest first (the first containing a point
    wins where boundaries overlap)."""
    blocks = session.execute(
        select(Block.id, Block.boundary_geojson)
        .where(Block.group_id == group_id, Block.boundary_geojson.is_not(None))
        .order_by(Block.id)
    )
    return [(block_id, json.loads(boundary or "null")) for block_id, boundary in blocks]


def _block_for_point(session: Session, group_id: int, values: Clean) -> None:
    """A point on the map puts the observation in the block whose boundary holds it."""
    if values.get("block_id") is None and values.get("latitude") is not None:
        values["block_id"] = block_containing(
            _bounded_blocks(session, group_id),
            float(values["latitude"]),  # type: ignore[arg-type]
            float(values["longitude"]),  # type: ignore[arg-type]
        )


def place_in_blocks(
    session: Session, group_id: int, block_id: int, boundaries: Sequence[dict[str, Any]]
) -> int:
    """After block ``block_id``'s boundary changed (``boundaries``: the old and the new one):
    put each observation with a point in the block that now contains it. One outside every
    boundary leaves a block whose boundary excludes it, and keeps a block without a boundary
    (chosen by hand, or whose boundary was removed). Only points near the old or new boundary,
    or in the block, can change.
    Returns how many observations moved."""
    near = [Observation.block_id == block_id]
    for geometry in boundaries:
        south, west, north, east = bounding_box(geometry)
        near.append(
            Observation.latitude.between(south, north) & Observation.longitude.between(west, east)
        )
    candidates = session.execute(
        select(
            Observation.id, Observation.latitude, Observation.longitude, Observation.block_id
        ).where(
            Observation.group_id == group_id,
            Observation.latitude.is_not(None),
            or_(*near),
        )
    )
    blocks = _bounded_blocks(session, group_id)
    bounded = {block for block, _geometry in blocks}
    now = utcnow()
    moves = []
    for observation_id, latitude, longitude, current in candidates:
        if latitude is None or longitude is None:
            continue
        placed = block_containing(blocks, latitude, longitude)
        if placed is None and current not in bounded:
            continue  # chosen by hand, outside every boundary
        if placed != current:
            moves.append({"id": observation_id, "block_id": placed, "updated_at": now})
    if moves:
        session.execute(update(Observation), moves)  # by primary key, in batches
    return len(moves)


def record_observation(session: Session, group_id: int, data: ObservationInput) -> ObservationRow:
    now = utcnow()
    values, parts = _split(clean_observation(data, now))
    get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_references(session, group_id, values)
    _block_for_point(session, group_id, values)
    observation = Observation(group_id=group_id, reported_at=now, **values)
    session.add(observation)
    session.flush()
    _replace_parts(session, observation, parts)
    session.flush()
    return _row(observation)


def update_observation(
    session: Session, observation_id: int, data: ObservationInput
) -> ObservationRow:
    observation = get_or_raise(session, Observation, observation_id, "observation")
    values, parts = _split(clean_observation(data, utcnow()))
    _check_references(session, observation.group_id, values)
    _block_for_point(session, observation.group_id, values)
    apply(observation, values)
    _replace_parts(session, observation, parts)
    session.flush()
    return _row(observation)


def list_observations(
    session: Session,
    group_id: int | None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 500,
) -> list[ObservationRow]:
    query = select(Observation).order_by(Observation.occurred_at.desc(), Observation.id.desc())
    if group_id is not None:
        query = query.where(Observation.group_id == group_id)
    if since is not None:
        query = query.where(Observation.occurred_at >= since)
    if until is not None:
        query = query.where(Observation.occurred_at < until)
    return [_row(obs) for obs in session.scalars(query.limit(limit))]


def _parts_of(session: Session, model: type[Any], observation_id: int) -> list[dict[str, Any]]:
    skip = {"id", "uuid", "group_id", "observation_id", "created_at", "updated_at"}
    rows = session.scalars(
        select(model).where(model.observation_id == observation_id).order_by(model.id)
    )
    return [
        {c.key: getattr(row, c.key) for c in model.__table__.columns if c.key not in skip}
        for row in rows
    ]


_NUMBERS = {"age_min", "age_max", "height_min_in", "weight_min_lb", "year", "occupants"}


def _blank_texts(values: dict[str, Any]) -> dict[str, Any]:
    """Stored NULL texts as the empty strings the form's dataclasses hold."""
    return {k: "" if v is None and k not in _NUMBERS else v for k, v in values.items()}


def observation_input(session: Session, observation_id: int) -> ObservationInput:
    """The observation as the form edits it: columns, people, vehicles and follow-ups."""
    observation = get_or_raise(session, Observation, observation_id, "observation")

    def text(value: str | None) -> str:
        return value or ""

    return ObservationInput(
        occurred_at=observation.occurred_at,
        category=observation.category,
        description=observation.description,
        severity=observation.severity,
        address_text=text(observation.address_text),
        latitude=observation.latitude,
        longitude=observation.longitude,
        block_id=observation.block_id,
        reporter_member_id=observation.reporter_member_id,
        status=observation.status,
        police_contact=observation.police_contact,
        police_contacted_at=observation.police_contacted_at,
        case_number=text(observation.case_number),
        officer=text(observation.officer),
        police_outcome=text(observation.police_outcome),
        people=tuple(
            PersonSeen(**_blank_texts(values))
            for values in _parts_of(session, PersonDescriptor, observation_id)
        ),
        vehicles=tuple(
            VehicleSeen(**_blank_texts(values))
            for values in _parts_of(session, VehicleDescriptor, observation_id)
        ),
        follow_ups=tuple(
            FollowUpInput(**values) for values in _parts_of(session, FollowUp, observation_id)
        ),
    )

"""Watch groups and their zones/blocks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import GroupInput, ZoneInput, clean_group, clean_zone
from watchdesk.core.validation import ValidationError
from watchdesk.db.models import Observation, WatchGroup, Zone
from watchdesk.services._common import apply, get_or_raise, plain_row
from watchdesk.services.errors import NotFoundError
from watchdesk.services.observations import place_in_zones
from watchdesk.services.rows import GroupRow, ZoneRow


def _group_row(group: WatchGroup) -> GroupRow:
    return plain_row(GroupRow, group)


def create_group(session: Session, data: GroupInput) -> GroupRow:
    group = WatchGroup(**clean_group(data))
    session.add(group)
    session.flush()
    return _group_row(group)


def update_group(session: Session, group_id: int, data: GroupInput) -> GroupRow:
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    apply(group, clean_group(data))
    session.flush()
    return _group_row(group)


def list_groups(session: Session) -> list[GroupRow]:
    groups = session.scalars(select(WatchGroup).order_by(WatchGroup.name, WatchGroup.id))
    return [_group_row(group) for group in groups]


def get_group(session: Session, group_id: int) -> GroupRow:
    return _group_row(get_or_raise(session, WatchGroup, group_id, "watch group"))


def default_group(session: Session) -> GroupRow | None:
    """The group this laptop runs (the first local one), if any."""
    group = session.scalars(
        select(WatchGroup).order_by(WatchGroup.is_local.desc(), WatchGroup.id).limit(1)
    ).first()
    return _group_row(group) if group else None


def group_named(session: Session, name: str) -> int:
    """The id of the group called ``name`` (case-insensitive), e.g. for a liaison's CLI."""
    group_id = session.scalar(
        select(WatchGroup.id)
        .where(func.lower(WatchGroup.name) == name.strip().lower())
        .order_by(WatchGroup.id)
        .limit(1)
    )
    if group_id is None:
        raise NotFoundError(f"no watch group called {name!r}")
    return group_id


def _zone_row(zone: Zone) -> ZoneRow:
    return plain_row(ZoneRow, zone, has_boundary=zone.boundary_geojson is not None)


def _boundary(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


def create_zone(session: Session, group_id: int, data: ZoneInput) -> ZoneRow:
    """A new block; observations with a point inside its boundary move into it."""
    values = clean_zone(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_name_free(session, group_id, values["name"], None)
    zone = Zone(group_id=group_id, **values)
    session.add(zone)
    session.flush()
    boundary = _boundary(zone.boundary_geojson)
    if boundary is not None:
        place_in_zones(session, group_id, zone.id, [boundary])
    return _zone_row(zone)


def update_zone(session: Session, zone_id: int, data: ZoneInput) -> ZoneRow:
    """Change a block; when its boundary changes, observations are placed again in the block
    that contains them."""
    values = clean_zone(data)
    zone = get_or_raise(session, Zone, zone_id, "block")
    _check_name_free(session, zone.group_id, values["name"], zone_id)
    before = _boundary(zone.boundary_geojson)
    apply(zone, values)
    session.flush()
    after = _boundary(zone.boundary_geojson)
    if before != after:
        changed = [boundary for boundary in (before, after) if boundary is not None]
        place_in_zones(session, zone.group_id, zone_id, changed)
    return _zone_row(zone)


@dataclass(frozen=True)
class ZoneSaved:
    zone: ZoneRow
    observations: int  # held by the block after saving
    moved_in: int  # how many more than before (negative: fewer)


def save_zone(session: Session, group_id: int, zone_id: int | None, data: ZoneInput) -> ZoneSaved:
    """Create (no ``zone_id``) or change a block, and say what it holds now."""
    before = 0 if zone_id is None else _held(session, zone_id)
    if zone_id is None:
        zone = create_zone(session, group_id, data)
    else:
        zone = update_zone(session, zone_id, data)
    held = _held(session, zone.id)
    return ZoneSaved(zone, held, held - before)


def _held(session: Session, zone_id: int) -> int:
    return session.scalar(select(func.count()).where(Observation.zone_id == zone_id)) or 0


def _check_name_free(session: Session, group_id: int, name: object, zone_id: int | None) -> None:
    query = select(func.count()).where(Zone.group_id == group_id, Zone.name == name)
    if zone_id is not None:
        query = query.where(Zone.id != zone_id)
    if session.scalar(query):
        raise ValidationError.single("name", f"a block called '{name}' already exists")


def zone_input(session: Session, zone_id: int) -> ZoneInput:
    """What the block form shows when editing."""
    zone = get_or_raise(session, Zone, zone_id, "block")
    return ZoneInput(
        name=zone.name,
        kind=zone.kind,
        boundary_geojson=zone.boundary_geojson,
        notes=zone.notes or "",
    )


def list_zones(session: Session, group_id: int | None = None) -> list[ZoneRow]:
    query = select(Zone).order_by(Zone.name)
    if group_id is not None:
        query = query.where(Zone.group_id == group_id)
    return [_zone_row(zone) for zone in session.scalars(query)]


def zone_observation_counts(session: Session, group_id: int) -> dict[int, int]:
    """How many observations each of the group's blocks holds (blocks with none left out)."""
    rows = session.execute(
        select(Observation.zone_id, func.count())
        .where(Observation.group_id == group_id, Observation.zone_id.is_not(None))
        .group_by(Observation.zone_id)
    )
    return {zone_id: count for zone_id, count in rows if zone_id is not None}

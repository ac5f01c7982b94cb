"""Watch groups and their zones/blocks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import GroupInput, ZoneInput, clean_group, clean_zone
from watchdesk.core.validation import ValidationError
from watchdesk.db.models import WatchGroup, Zone
from watchdesk.services._common import apply, get_or_raise, plain_row
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


def _zone_row(zone: Zone) -> ZoneRow:
    return plain_row(ZoneRow, zone, has_boundary=zone.boundary_geojson is not None)


def create_zone(session: Session, group_id: int, data: ZoneInput) -> ZoneRow:
    values = clean_zone(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    taken = session.scalar(
        select(func.count()).where(Zone.group_id == group_id, Zone.name == values["name"])
    )
    if taken:
        raise ValidationError.single("name", f"a zone called '{values['name']}' already exists")
    zone = Zone(group_id=group_id, **values)
    session.add(zone)
    session.flush()
    return _zone_row(zone)


def list_zones(session: Session, group_id: int | None = None) -> list[ZoneRow]:
    query = select(Zone).order_by(Zone.name)
    if group_id is not None:
        query = query.where(Zone.group_id == group_id)
    return [_zone_row(zone) for zone in session.scalars(query)]

"""Watch groups and their blocks (stored in the table ``zone``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core.entities import BlockInput, GroupInput, clean_block, clean_group
from watchdesk.core.validation import (
    ErrorCollector,
    PhoneDefaults,
    ValidationError,
    check_area_code,
    check_phone_region,
)
from watchdesk.db.models import Block, Observation, WatchGroup
from watchdesk.services._common import apply, get_or_raise, plain_row
from watchdesk.services.errors import NotFoundError
from watchdesk.services.observations import place_in_blocks
from watchdesk.services.rows import BlockRow, GroupRow


def _group_row(group: WatchGroup) -> GroupRow:
    return plain_row(GroupRow, group)


def create_group(session: Session, data: GroupInput) -> GroupRow:
    group = WatchGroup(**clean_group(data))
    session.add(group)
    session.flush()
    return _group_row(group)


def update_group(session: Session, group_id: int, data: GroupInput) -> GroupRow:
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    apply(group, clean_group(data, _phones(group)))
    session.flush()
    return _group_row(group)


def _phones(group: WatchGroup) -> PhoneDefaults:
    return PhoneDefaults(group.phone_region or "US", group.area_code)


def phone_defaults(session: Session, group_id: int) -> PhoneDefaults:
    """How the group's members write phone numbers (a 7-digit number takes the area code)."""
    return _phones(get_or_raise(session, WatchGroup, group_id, "watch group"))


def set_phone_defaults(
    session: Session, group_id: int, area_code: str | None, region: str
) -> GroupRow:
    """Set the group's area code (blank: none) and the country numbers are read in."""
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    errors = ErrorCollector()
    with errors.field("area_code"):
        area_code = check_area_code(area_code)
    with errors.field("phone_region"):
        region = check_phone_region(region)
    errors.raise_if_any()
    group.area_code = area_code
    group.phone_region = region
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


def _block_row(block: Block) -> BlockRow:
    return plain_row(BlockRow, block, has_boundary=block.boundary_geojson is not None)


def _boundary(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


def create_block(session: Session, group_id: int, data: BlockInput) -> BlockRow:
    """A new block; observations with a point inside its boundary move into it."""
    values = clean_block(data)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_name_free(session, group_id, values["name"], None)
    block = Block(group_id=group_id, **values)
    session.add(block)
    session.flush()
    boundary = _boundary(block.boundary_geojson)
    if boundary is not None:
        place_in_blocks(session, group_id, block.id, [boundary])
    return _block_row(block)


def update_block(session: Session, block_id: int, data: BlockInput) -> BlockRow:
    """Change a block; when its boundary changes, observations are placed again in the block
    that contains them."""
    values = clean_block(data)
    block = get_or_raise(session, Block, block_id, "block")
    _check_name_free(session, block.group_id, values["name"], block_id)
    before = _boundary(block.boundary_geojson)
    apply(block, values)
    session.flush()
    after = _boundary(block.boundary_geojson)
    if before != after:
        changed = [boundary for boundary in (before, after) if boundary is not None]
        place_in_blocks(session, block.group_id, block_id, changed)
    return _block_row(block)


@dataclass(frozen=True)
class BlockSaved:
    block: BlockRow
    observations: int  # held by the block after saving
    moved_in: int  # how many more than before (negative: fewer)


def save_block(
    session: Session, group_id: int, block_id: int | None, data: BlockInput
) -> BlockSaved:
    """Create (no ``block_id``) or change a block, and say what it holds now."""
    before = 0 if block_id is None else _held(session, block_id)
    if block_id is None:
        block = create_block(session, group_id, data)
    else:
        block = update_block(session, block_id, data)
    held = _held(session, block.id)
    return BlockSaved(block, held, held - before)


def _held(session: Session, block_id: int) -> int:
    return session.scalar(select(func.count()).where(Observation.block_id == block_id)) or 0


def _check_name_free(session: Session, group_id: int, name: object, block_id: int | None) -> None:
    query = select(func.count()).where(Block.group_id == group_id, Block.name == name)
    if block_id is not None:
        query = query.where(Block.id != block_id)
    if session.scalar(query):
        raise ValidationError.single("name", f"a block called '{name}' already exists")


def block_input(session: Session, block_id: int) -> BlockInput:
    """What the block form shows when editing."""
    block = get_or_raise(session, Block, block_id, "block")
    return BlockInput(
        name=block.name,
        kind=block.kind,
        boundary_geojson=block.boundary_geojson,
        notes=block.notes or "",
    )


def list_blocks(session: Session, group_id: int | None = None) -> list[BlockRow]:
    query = select(Block).order_by(Block.name)
    if group_id is not None:
        query = query.where(Block.group_id == group_id)
    return [_block_row(block) for block in session.scalars(query)]


def block_observation_counts(session: Session, group_id: int) -> dict[int, int]:
    """How many observations each of the group's blocks holds (blocks with none left out)."""
    rows = session.execute(
        select(Observation.block_id, func.count())
        .where(Observation.group_id == group_id, Observation.block_id.is_not(None))
        .group_by(Observation.block_id)
    )
    return {block_id: count for block_id, count in rows if block_id is not None}

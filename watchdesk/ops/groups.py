"""Watch groups and their blocks (the schema calls a block a "zone")."""

from __future__ import annotations

from watchdesk.core.entities import BlockInput
from watchdesk.core.progress import Progress
from watchdesk.core.validation import PhoneDefaults
from watchdesk.db.engine import Database
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import groups as group_service
from watchdesk.services.groups import (
    BlockSaved,
    block_input,
    block_observation_counts,
    default_group,
    get_group,
    list_blocks,
    list_groups,
    phone_defaults,
)
from watchdesk.services.rows import BlockRow, GroupRow


# -- actions -----------------------------------------------------------------------------------
def save_block(
    db: Database,
    group_id: int,
    block_id: int | None,
    data: BlockInput,
    progress: Progress | None = None,
) -> OpResult[BlockSaved]:
    """Add a block (no ``block_id``) or save one as edited. Observations with a point move
    into the block whose boundary now holds them, in the same step ("Save block Alder St"
    undoes both)."""
    verb = "Add" if block_id is None else "Save"
    with undoable(db, f"{verb} block {data.name.strip()}") as action:
        if progress is not None:
            progress.report(0, 0, "Placing observations in the blocks")
        saved = group_service.save_block(action.session, group_id, block_id, data)
        action.rename(f"{verb} block {saved.block.name}")
    return action.result(saved)


def set_phone_defaults(
    db: Database, group_id: int, area_code: str | None, region: str
) -> OpResult[GroupRow]:
    """Set the area code a 7-digit phone number takes (blank: none, such numbers are refused)
    and the country numbers are read in. Undone as "Set area code 503" (or "Clear area
    code")."""
    code = (area_code or "").strip()
    with undoable(db, f"Set area code {code}" if code else "Clear area code") as action:
        row = group_service.set_phone_defaults(action.session, group_id, area_code, region)
        if row.area_code:
            action.rename(f"Set area code {row.area_code}")
    return action.result(row)


# -- reads -------------------------------------------------------------------------------------
def blocks(db: Database, group_id: int | None) -> list[BlockRow]:
    """The group's blocks in name order (every group's for None)."""
    with db.read() as session:
        return list_blocks(session, group_id)


def blocks_with_counts(db: Database, group_id: int) -> tuple[list[BlockRow], dict[int, int]]:
    """The group's blocks in name order and how many observations each holds (by block id;
    blocks holding none left out). Reads every observation of the group: off the GUI
    thread."""
    with db.read() as session:
        return list_blocks(session, group_id), block_observation_counts(session, group_id)


def block_form(db: Database, block_id: int) -> BlockInput:
    """The block as its form edits it."""
    with db.read() as session:
        return block_input(session, block_id)


def group(db: Database, group_id: int) -> GroupRow:
    with db.read() as session:
        return get_group(session, group_id)


def phone_settings(db: Database, group_id: int) -> PhoneDefaults:
    """How the group's members write phone numbers (for forms that check what is typed)."""
    with db.read() as session:
        return phone_defaults(session, group_id)


def groups_to_show(db: Database, preferred: int | None) -> tuple[GroupRow | None, list[GroupRow]]:
    """Every group in the file, and the one to show: ``preferred`` if it is still there,
    else the file's own group; None when the file holds no group yet."""
    with db.read() as session:
        groups = list_groups(session)
        kept = [g for g in groups if g.id == preferred]
        return (kept[0] if kept else default_group(session)), groups

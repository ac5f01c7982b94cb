"""Each block's phone tree and its drills (the dialog behind the Members page's "Phone trees")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from watchdesk.db.engine import Database
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import phone_trees as tree_service
from watchdesk.services.phone_trees import DrillRow, PhoneTree


def make_tree(db: Database, block_id: int, fan_out: int) -> OpResult[PhoneTree]:
    """Build the block's tree afresh from who agreed to be in it (a captain at the head)."""
    with undoable(db, "Make phone tree") as action:
        tree = tree_service.generate_tree(action.session, block_id, fan_out)
        action.rename(f"Make phone tree of {tree.block_name}")
    return action.result(tree)


def save_order(
    db: Database, block_id: int, head_id: int, order: Sequence[int], fan_out: int
) -> OpResult[PhoneTree]:
    with undoable(db, "Save phone tree order") as action:
        tree = tree_service.save_tree(action.session, block_id, head_id, order, fan_out)
        action.rename(f"Save phone tree order of {tree.block_name}")
    return action.result(tree)


def log_drill(
    db: Database,
    block_id: int,
    held_on: str | dt.date | None,
    minutes: int | None,
    reached: Mapping[int, bool],
    notes: str,
) -> OpResult[DrillRow]:
    with undoable(db, "Log phone tree drill") as action:
        drill = tree_service.log_drill(
            action.session, block_id, held_on, minutes, dict(reached), notes
        )
        action.rename(f"Log phone tree drill of {drill.held_on:%b %d, %Y}".replace(" 0", " "))
    return action.result(drill)


def tree_of(db: Database, block_id: int, fan_out: int) -> PhoneTree:
    with db.read() as session:
        return tree_service.phone_tree(session, block_id, fan_out)


def drills_of(db: Database, block_id: int) -> list[DrillRow]:
    with db.read() as session:
        return tree_service.list_drills(session, block_id)

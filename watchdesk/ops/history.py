"""Undo and redo: replay a recorded step, in one write transaction."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from watchdesk.db.engine import Database
from watchdesk.db.row_changes import ReplayConflict, replay
from watchdesk.ops.result import OpResult, UndoStep
from watchdesk.services.errors import ConflictError


class CannotUndo(ConflictError):
    """The records an undo or redo would put back have changed since; nothing was changed."""


def replay_step(db: Database, step: UndoStep, verb: str = "undo") -> OpResult[UndoStep]:
    """Put back what ``step`` recorded; returns the step that goes the other way.

    Raises :class:`CannotUndo` when a record was changed since (by another action that is
    not in the history, another program, or an import); nothing is written then.
    """
    try:
        with db.write() as session:
            back = replay(session.connection(), step.rows)
    except ReplayConflict as conflict:
        raise CannotUndo(
            f"Cannot {verb} “{step.name}”: a {_record_name(conflict.table)} it changed has been"
            " changed since. Nothing was changed."
        ) from conflict
    except IntegrityError as refused:  # a record added since depends on one it would remove
        raise CannotUndo(
            f"Cannot {verb} “{step.name}”: records added since depend on it. Nothing was changed."
        ) from refused
    reverse = UndoStep(step.name, back)
    return OpResult(reverse, step.changes, reverse)


def _record_name(table: str) -> str:
    """What a user calls a row of ``table`` (the schema's "zone" is a block)."""
    return {"zone": "block", "watch_group": "watch group"}.get(table, table.replace("_", " "))

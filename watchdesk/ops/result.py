"""What every operation returns: its value, what it changed, and how to take it back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from watchdesk.db.row_changes import RowChanges
from watchdesk.ops.changes import Changes

T = TypeVar("T")


@dataclass(frozen=True)
class UndoStep:
    """One user action as it can be undone: its name ("Add shift Tue Dec 8") and the rows
    it changed. Replaying it (``ops.history.undo``) gives the step that redoes it."""

    name: str
    rows: RowChanges

    @property
    def changes(self) -> Changes:
        return Changes.of_tables(self.rows.tables)


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """An operation's outcome.

    ``undo`` is the step that takes the action back, or None when it changed nothing.
    ``clears_history`` is True for actions that cannot be undone (an import, a merge): the
    steps recorded before them may no longer apply, so the history is emptied honestly.
    """

    value: T
    changes: Changes = field(default_factory=Changes)
    undo: UndoStep | None = None
    clears_history: bool = False

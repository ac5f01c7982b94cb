"""The write transaction of one operation, recorded so it can be undone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session

from watchdesk.db.engine import Database
from watchdesk.db.row_changes import Recording, RowChanges
from watchdesk.ops.changes import Changes
from watchdesk.ops.result import OpResult, UndoStep

T = TypeVar("T")


class Action:
    """Handed to the body of :func:`undoable`; :meth:`result` is called after the block."""

    def __init__(self, session: Session, name: str) -> None:
        self.session = session
        self.name = name
        self.rows = RowChanges(())

    def rename(self, name: str) -> None:
        """Name the step once the action knows what it did ("Assign 3 patrollers")."""
        self.name = name

    def result(self, value: T) -> OpResult[T]:
        if not self.rows:
            return OpResult(value)
        step = UndoStep(self.name, self.rows)
        return OpResult(value, step.changes, step)


@contextmanager
def undoable(db: Database, name: str) -> Iterator[Action]:
    """One write transaction whose row changes are recorded as an undo step named ``name``::

        with undoable(db, "Add shift") as action:
            shift_id = patrols.add_shift(action.session, ...)
        return action.result(shift_id)

    Nothing is recorded if the block raises: the transaction rolls back whole.
    """
    with db.write() as session:
        action = Action(session, name)
        recording = Recording(session.connection())
        yield action
        session.flush()
        action.rows = recording.finish()


@contextmanager
def not_undoable(db: Database) -> Iterator[Session]:
    """A write transaction the user was told cannot be undone (a merge)."""
    with db.write() as session:
        yield session


def cleared(value: T, changes: Changes) -> OpResult[T]:
    """The result of an action that cannot be undone: it empties the undo history."""
    return OpResult(value, changes, None, clears_history=True)

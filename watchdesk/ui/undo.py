"""Undoable edits: a command wraps a pair of plain functions that write through services.

The first write happens before the command is pushed, so a refused edit (a validation error)
never enters the undo history. If a later undo or redo is refused (e.g. the member added has
since gained history), the user is told and the command drops out of the history.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from watchdesk.ui.errors import show_error


class FunctionCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], None],
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._after = after
        self._parent_widget = parent_widget
        self._done_before_push = True

    def redo(self) -> None:
        if self._done_before_push:
            self._done_before_push = False
        else:
            self._run(self._redo)
        self._after()

    def undo(self) -> None:
        self._run(self._undo)
        self._after()

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as error:  # shown to the user; the history stays consistent
            self.setObsolete(True)
            show_error(self._parent_widget, error)


def push_done(
    stack: QUndoStack,
    text: str,
    do: Callable[[], object],
    undo: Callable[[], object],
    redo: Callable[[], object],
    after: Callable[[], None],
    parent_widget: QWidget | None = None,
) -> None:
    """Run ``do`` now (errors propagate, nothing is pushed), then record it as undoable."""
    do()
    stack.push(FunctionCommand(text, redo, undo, after, parent_widget))

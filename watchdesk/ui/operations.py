"""The one way the GUI runs work: operations (user actions) and queries, off the GUI thread.

``perform`` runs an op from ``watchdesk.ops`` and, back on the GUI thread, records its undo
step in the file's one history, announces its :class:`~watchdesk.ops.Changes` (pages refresh
what they show) and hands its value on. ``query`` runs a read the same way without
announcing anything. Either can show its progress in a dialog whose Cancel stops the job, or
in a page's inline bar (:class:`~watchdesk.ui.widgets.inline_task.InlineTask`); errors are
shown as messages, never tracebacks.

Undo and redo replay a recorded step (``ops.history``) at once on the GUI thread: a step is a
few rows and takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QProgressDialog, QWidget

from watchdesk.ui.errors import show_error

if TYPE_CHECKING:
    from watchdesk.core.progress import Progress
    from watchdesk.db.engine import Database
    from watchdesk.ops.changes import Changes
    from watchdesk.ops.result import OpResult, UndoStep
    from watchdesk.ui.tasks import Task, TaskRunner
    from watchdesk.ui.widgets.inline_task import InlineTask

T = TypeVar("T")
Failed = Callable[[BaseException], None]


class Operations(QObject):
    """Runs the GUI's work for one open file and keeps that file's undo history."""

    # Emitted on the GUI thread after every action, undo or redo that changed records.
    changed = Signal(object)

    def __init__(
        self, db: Database, runner: TaskRunner, log_path: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.log_path = log_path
        self.history = QUndoStack(self)

    def perform(
        self,
        parent: QWidget | None,
        name: str,
        op: Callable[[Progress], OpResult[T]],
        done: Callable[[T], None] | None = None,
        *,
        dialog: bool = False,
        inline: InlineTask | None = None,
        failed: Failed | None = None,
        cancelled: Callable[[], None] | None = None,
        blocks_window: bool = False,
    ) -> Task:
        """Run the user action ``op`` off the GUI thread, then record and announce what it
        changed and call ``done`` with its value."""

        def succeeded(result: OpResult[T]) -> None:
            self.record(result, parent)
            if done is not None:
                done(result.value)

        return self._start(
            parent, name, op, succeeded, dialog, inline, failed, cancelled, blocks_window
        )

    def perform_now(self, parent: QWidget | None, op: Callable[[], OpResult[T]]) -> T | None:
        """Run a small edit at once, on the GUI thread, for a dialog that goes on with its
        value (a vehicle added inside the household form); on error, say why and return
        None. Anything that may take long goes through :meth:`perform`."""
        try:
            result = op()
        except Exception as error:
            show_error(parent, error, self.log_path)
            return None
        self.record(result, parent)
        return result.value

    def query(
        self,
        parent: QWidget | None,
        name: str,
        job: Callable[[Progress], T],
        done: Callable[[T], None],
        *,
        dialog: bool = False,
        inline: InlineTask | None = None,
        failed: Failed | None = None,
        cancelled: Callable[[], None] | None = None,
        blocks_window: bool = False,
    ) -> Task:
        """Run ``job`` (a read, or a file being made) off the GUI thread; ``done`` gets its
        result on the GUI thread."""
        return self._start(
            parent, name, job, done, dialog, inline, failed, cancelled, blocks_window
        )

    def record(self, result: OpResult[Any], parent: QWidget | None = None) -> None:
        """Put an action's undo step in the history and announce its changes."""
        if result.clears_history:
            self.history.clear()
        elif result.undo is not None:
            self.history.push(_StepCommand(self, result.undo, parent))
        self.announce(result.changes)

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def _start(
        self,
        parent: QWidget | None,
        name: str,
        job: Callable[[Progress], Any],
        done: Callable[[Any], None],
        dialog: bool,
        inline: InlineTask | None,
        failed: Failed | None,
        cancelled: Callable[[], None] | None,
        blocks_window: bool,
    ) -> Task:
        def went_wrong(error: BaseException) -> None:
            if failed is not None:
                failed(error)
            else:
                show_error(parent, error, self.log_path)

        if inline is not None:
            return inline.start(self.runner, name, job, done, went_wrong, cancelled)
        if dialog:
            return run_behind_dialog(
                parent, self.runner, name, job, done, went_wrong, cancelled, blocks_window
            )
        return self.runner.start(name, job, done, went_wrong, None, cancelled)


def run_behind_dialog(
    parent: QWidget | None,
    runner: TaskRunner,
    name: str,
    job: Callable[[Progress], Any],
    done: Callable[[Any], None],
    failed: Failed,
    cancelled: Callable[[], None] | None = None,
    blocks_window: bool = False,
) -> Task:
    """``job`` behind a progress dialog that shows its steps and whose Cancel stops it. With
    ``blocks_window`` the dialog, once shown, keeps the user out of ``parent`` until the job
    ends (for work on the file the window shows). Operations use it; so does the app itself
    while it opens a file, before there are operations."""
    progress = QProgressDialog(f"{name[:1].upper()}{name[1:]}…", "Cancel", 0, 0, parent)
    progress.setObjectName("progress")
    progress.setWindowTitle(name[:1].upper() + name[1:])
    progress.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
    progress.setValue(0)  # starts that 300 ms clock (Qt starts it on the first value)
    if blocks_window:
        progress.setWindowModality(Qt.WindowModality.WindowModal)

    def progressed(step: int, total: int, message: str) -> None:
        progress.setMaximum(max(total, 0))  # 0: a busy bar, for steps that cannot be counted
        if total > 0:
            progress.setValue(min(step, total))
        if message:
            progress.setLabelText(message)

    def ended(then: Callable[..., None] | None, *args: Any) -> None:
        progress.reset()
        if then is not None:
            then(*args)

    task = runner.start(
        name,
        job,
        lambda result: ended(done, result),
        lambda error: ended(failed, error),
        progressed,
        lambda: ended(cancelled),
    )
    progress.canceled.connect(task.cancel)
    task.dialog = progress  # type: ignore[attr-defined]  # tests and callers can reach it
    return task


class _StepCommand(QUndoCommand):
    """An action in Edit > Undo: the action itself has already run when it is pushed."""

    def __init__(self, operations: Operations, step: UndoStep, parent: QWidget | None) -> None:
        super().__init__(step.name)
        self._operations = operations
        self._step = step  # replaying it goes the other way
        self._parent = parent
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo: the action already ran
            self._pushed = True
            return
        self._replay("redo")

    def undo(self) -> None:
        self._replay("undo")

    def _replay(self, verb: str) -> None:
        from watchdesk.ops.history import replay_step

        try:
            result = replay_step(self._operations.db, self._step, verb)
        except Exception as error:  # shown; the step leaves the history, which stays true
            self.setObsolete(True)
            show_error(self._parent, error, self._operations.log_path)
            return
        self._step = result.value
        self._operations.announce(result.changes)

"""Long work behind a progress dialog whose Cancel stops it (pages and the main window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from watchdesk.core.progress import Progress
from watchdesk.ui.errors import show_error

if TYPE_CHECKING:
    from watchdesk.ui.context import AppContext
    from watchdesk.ui.tasks import TaskRunner

T = TypeVar("T")


def run_with_progress(
    parent: QWidget,
    context: AppContext,
    name: str,
    job: Callable[[Progress], T],
    done: Callable[[T], None],
) -> QProgressDialog:
    """Run ``job`` off the GUI thread; hand its result to ``done`` or show its error."""
    return run_behind_dialog(
        parent,
        context.runner,
        name,
        job,
        done,
        lambda error: show_error(parent, error, context.log_path),
    )


def run_behind_dialog(
    parent: QWidget | None,
    runner: TaskRunner,
    name: str,
    job: Callable[[Progress], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
    cancelled: Callable[[], None] | None = None,
    *,
    blocks_window: bool = False,
) -> QProgressDialog:
    """Run ``job`` off the GUI thread behind a dialog that shows its steps; its result goes to
    ``done``, its error to ``failed``. With ``blocks_window`` the dialog, once shown, keeps
    the user out of ``parent`` until the job ends (for work on the file the window shows)."""
    dialog = QProgressDialog(f"{name.capitalize()}…", "Cancel", 0, 0, parent)
    dialog.setObjectName("progress")
    dialog.setWindowTitle(name.capitalize())
    dialog.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
    dialog.setValue(0)  # starts that 300 ms clock (Qt starts it on the first value)
    if blocks_window:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def progressed(step: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))  # 0: a busy bar, for steps that cannot be counted
        if total > 0:
            dialog.setValue(min(step, total))
        if message:
            dialog.setLabelText(message)

    def on_failure(error: BaseException) -> None:
        dialog.reset()
        failed(error)

    def on_success(result: T) -> None:
        dialog.reset()
        done(result)

    def on_cancel() -> None:
        dialog.reset()
        if cancelled is not None:
            cancelled()

    task = runner.start(name, job, on_success, on_failure, progressed, on_cancel)
    dialog.canceled.connect(task.cancel)
    return dialog

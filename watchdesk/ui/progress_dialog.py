"""Long work behind a progress dialog whose Cancel stops it (pages and the main window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QProgressDialog, QWidget

from watchdesk.core.progress import Progress
from watchdesk.ui.errors import show_error

if TYPE_CHECKING:
    from watchdesk.ui.context import AppContext

T = TypeVar("T")


def run_with_progress(
    parent: QWidget,
    context: AppContext,
    name: str,
    job: Callable[[Progress], T],
    done: Callable[[T], None],
) -> QProgressDialog:
    """Run ``job`` off the GUI thread; hand its result to ``done`` or show its error."""
    dialog = QProgressDialog(f"{name.capitalize()}…", "Cancel", 0, 0, parent)
    dialog.setObjectName("progress")
    dialog.setWindowTitle(name.capitalize())
    dialog.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog

    def progressed(step: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(step, max(total, 1)))
        if message:
            dialog.setLabelText(message)

    def failed(error: BaseException) -> None:
        dialog.reset()
        show_error(parent, error, context.log_path)

    def succeeded(result: T) -> None:
        dialog.reset()
        done(result)

    task = context.runner.start(name, job, succeeded, failed, progressed)
    task.cancelled.connect(dialog.reset)
    dialog.canceled.connect(task.cancel)
    return dialog

"""A progress bar and Cancel shown beside a page's own controls while one long task runs off the
GUI thread (the page's status label says what is happening). Starting again cancels the task
still running: only the newest one reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from watchdesk.core.progress import Progress
from watchdesk.ui.tasks import Task, TaskRunner


class InlineTask(QWidget):
    running_changed = Signal(bool)

    def __init__(self, name: str, status: QLabel, cancelled_text: str = "Cancelled.") -> None:
        super().__init__()
        self.status = status
        self.cancelled_text = cancelled_text
        self.task: Task | None = None
        self._generation = 0  # a task started earlier reports nothing
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}_progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName(f"{name}_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.hide()

    def start(
        self,
        runner: TaskRunner,
        name: str,
        job: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        cancelled: Callable[[], None] | None = None,
    ) -> Task:
        """Start ``job`` (through ``ui.operations``, which passes its own ``done``)."""
        self.cancel()
        self._generation += 1
        generation = self._generation

        def newest() -> bool:
            return generation == self._generation

        def succeeded(result: Any) -> None:
            if newest():
                self._end()
                done(result)

        def went_wrong(error: BaseException) -> None:
            if newest():
                self._end()
                failed(error)

        def progressed(step: int, total: int, message: str) -> None:
            if newest():
                self._progressed(step, total, message)

        def stopped() -> None:
            if newest():
                self._end()
                self.status.setText(self.cancelled_text)
                if cancelled is not None:
                    cancelled()

        self.bar.setRange(0, 0)
        self.show()
        self.running_changed.emit(True)
        self.task = runner.start(name, job, succeeded, went_wrong, progressed, stopped)
        return self.task

    def cancel(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        if message:
            self.status.setText(f"{message}…")

    def _end(self) -> None:
        self.hide()
        self.running_changed.emit(False)

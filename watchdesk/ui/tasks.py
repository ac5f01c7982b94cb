"""One runner for long work: runs a plain function off the GUI thread, with progress and
cancel, and hands its result or error back on the GUI thread.

Jobs are functions ``job(progress) -> result`` taking a ``core.progress.Progress``; they never
touch widgets. Tests pass ``synchronous=True`` to run jobs inline and deterministically.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from watchdesk.core.progress import Cancelled, CancelToken

log = logging.getLogger(__name__)

Job = Callable[[Any], Any]


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry the worker's news there."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class TaskProgress:
    """The Progress a job sees: throttled reports, cancel checks against the token."""

    def __init__(self, relay: _Relay, token: CancelToken, interval: float = 0.05) -> None:
        self._relay = relay
        self._token = token
        self._interval = interval
        self._last = 0.0

    def report(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= self._interval or done >= total:
            self._last = now
            self._relay.progressed.emit(done, total, message)

    def check_cancelled(self) -> None:
        if self._token.cancelled:
            raise Cancelled()


class Task(QObject):
    """A handle on one running job: connect to its signals, or call :meth:`cancel`."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.token = CancelToken()
        self.relay = _Relay()
        self.relay.progressed.connect(self.progressed)
        self.relay.succeeded.connect(self._on_success)
        self.relay.failed.connect(self._on_failure)
        self.relay.cancelled.connect(self._on_cancel)
        self.done = False

    def cancel(self) -> None:
        self.token.cancel()

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_failure(self, error: object) -> None:
        self.done = True
        self.failed.emit(error)
        self.finished.emit()

    @Slot()
    def _on_cancel(self) -> None:
        self.done = True
        self.cancelled.emit()
        self.finished.emit()


def _execute(task: Task, job: Job) -> None:
    progress = TaskProgress(task.relay, task.token)
    try:
        result = job(progress)
    except Cancelled:
        task.relay.cancelled.emit()
    except Exception as exc:  # handed to the GUI thread, which shows and logs it
        log.debug("task %s failed", task.name, exc_info=True)
        task.relay.failed.emit(exc)
    else:
        task.relay.succeeded.emit(result)


class _Runnable(QRunnable):
    def __init__(self, task: Task, job: Job) -> None:
        super().__init__()
        self._task = task
        self._job = job

    def run(self) -> None:
        _execute(self._task, self._job)


class TaskRunner(QObject):
    """Starts jobs on a thread pool (or inline, for tests) and keeps their handles alive."""

    def __init__(self, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def start(
        self,
        name: str,
        job: Job,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Task:
        task = Task(name)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if on_cancel is not None:
            task.cancelled.connect(on_cancel)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_error is not None:
            task.failed.connect(on_error)
        self._running.add(task)
        task.finished.connect(lambda: self._running.discard(task))
        if self.synchronous:
            _execute(task, job)
        else:
            self._pool.start(_Runnable(task, job))
        return task

    def wait_for_all(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    @property
    def running(self) -> int:
        return len(self._running)

"""The task runner: work off the GUI thread, results and errors back on it, cancel honoured."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from watchdesk.core.progress import Progress
from watchdesk.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    worker_threads: list[int] = []
    received: list[tuple[object, bool]] = []

    def job(progress: Progress) -> int:
        worker_threads.append(threading.get_ident())
        for step in range(5):
            progress.report(step + 1, 5, "counting")
        return 42

    def on_success(result: object) -> None:
        app = QApplication.instance()
        assert app is not None
        received.append((result, QThread.currentThread() is app.thread()))

    progress_seen: list[int] = []
    task = runner.start(
        "answer",
        job,
        on_success,
        on_progress=lambda done, total, message: progress_seen.append(done),
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert received == [(42, True)]
    assert progress_seen and progress_seen[-1] == 5  # the last report is never throttled
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert runner.running == 0


def test_errors_are_handed_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def job(progress: Progress) -> None:
        raise ValueError("bad file")

    task = runner.start("broken", job, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(errors) == 1 and str(errors[0]) == "bad file"


def test_cancel_stops_the_job(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    steps: list[int] = []

    def job(progress: Progress) -> str:
        started.set()
        for step in range(10_000):
            progress.check_cancelled()
            steps.append(step)
            threading.Event().wait(0.001)
        return "finished anyway"

    successes: list[object] = []
    task = runner.start("long", job, successes.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert successes == []
    assert len(steps) < 10_000


def test_synchronous_runner_runs_inline() -> None:
    runner = TaskRunner(synchronous=True)
    results: list[object] = []
    runner.start("inline", lambda progress: "done", results.append)
    assert results == ["done"]

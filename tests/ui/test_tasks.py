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


def test_an_inline_task_started_again_reports_only_the_newest(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    from watchdesk.ui.widgets.inline_task import InlineTask

    runner = TaskRunner()
    status = QLabel()
    running = InlineTask("map", status)
    qtbot.addWidget(running)
    first_started, release = threading.Event(), threading.Event()
    results: list[str] = []

    def slow(progress: Progress) -> str:
        first_started.set()
        release.wait(5)
        progress.check_cancelled()
        return "old"

    running.start(runner, "first", slow, results.append, lambda error: None)
    assert first_started.wait(5)
    first = running.task
    running.start(runner, "second", lambda progress: "new", results.append, lambda e: None)
    assert first is not None and running.task is not first
    release.set()
    qtbot.waitUntil(lambda: first.done and running.task is not None and running.task.done)
    qtbot.wait(50)
    # The first was cancelled by the second, and said nothing: no "Cancelled.", no result.
    assert results == ["new"]
    assert status.text() != "Cancelled." and running.isHidden()

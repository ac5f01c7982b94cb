"""How long-running work reports progress and learns that it should stop.

Jobs (demo data, reports, imports, maps) take a :class:`Progress`; the GUI's task runner and
the CLI's text bar each supply one, and tests use :class:`RecordingProgress`.
"""

from __future__ import annotations

import threading
from typing import Protocol


class Cancelled(Exception):
    """Raised inside a job when the user asked it to stop."""


class Progress(Protocol):
    def report(self, done: int, total: int, message: str = "") -> None:
        """Say that ``done`` of ``total`` steps are finished."""

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` when the user has asked to stop."""


class CancelToken:
    """A thread-safe flag the GUI sets and a worker reads."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class SilentProgress:
    """Progress that reports nowhere and stops when its token is cancelled."""

    def __init__(self, token: CancelToken | None = None) -> None:
        self.token = token or CancelToken()

    def report(self, done: int, total: int, message: str = "") -> None:
        return None

    def check_cancelled(self) -> None:
        if self.token.cancelled:
            raise Cancelled()


class RecordingProgress(SilentProgress):
    """Keeps every report; useful in tests and for throttled relays."""

    def __init__(self, token: CancelToken | None = None) -> None:
        super().__init__(token)
        self.reports: list[tuple[int, int, str]] = []

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append((done, total, message))

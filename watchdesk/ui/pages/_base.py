"""What the record pages share: the group shown and its local time, and files made off the
GUI thread whose place the status bar then tells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFileDialog

from watchdesk.core.progress import Progress
from watchdesk.ops.result import OpResult
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import show_error
from watchdesk.ui.forms import shown_moment
from watchdesk.ui.pages.page import Page


class RecordPage(Page):
    def __init__(self, context: AppContext, name: str) -> None:
        super().__init__(context, name)
        self.timezone = "UTC"
        self.last_pdf: Path | None = None  # the last file the page wrote

    def group(self) -> int:
        """The group shown; pages act only once one is chosen."""
        group_id = self.context.group_id
        assert group_id is not None
        return group_id

    def today(self) -> dt.date:
        return self.context.clock().astimezone().date()

    def local(self, moment: dt.datetime) -> str:
        """A stored UTC time as the group's local time, e.g. 'Tue, Dec 8, 2026, 7:00 PM'."""
        return shown_moment(moment, ZoneInfo(self.timezone))

    def choose_pdf(self, caption: str, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, "PDF (*.pdf)")
        return Path(path) if path else None

    def perform_edit(
        self, name: str, op: Callable[[], OpResult[Any]], done: Callable[[Any], None] | None = None
    ) -> None:
        """Run an edit (an op) off the GUI thread; if it fails, say why and read the page
        again, so what is shown is what is stored."""

        def failed(error: BaseException) -> None:
            show_error(self, error, self.context.log_path)
            self.refresh()

        self.context.operations.perform(self, name, lambda _p: op(), done, failed=failed)

    def save_file(
        self, name: str, job: Callable[[Progress], Path], *, dialog: bool = False
    ) -> None:
        """Make a file (a PDF, a calendar) off the GUI thread, behind a progress dialog when
        asked; the status bar then says where it went (or a message says why it failed)."""
        self.context.operations.query(self, name, job, self.file_saved, dialog=dialog)

    def file_saved(self, path: Path) -> None:
        self.last_pdf = path
        self.say(f"Saved {path}")

    def say(self, message: str, msecs: int = 15000) -> None:
        """A line in the main window's status bar."""
        status = getattr(self.window(), "statusBar", None)
        if status is not None:
            status().showMessage(message, msecs)

"""What the record pages share: short read and write transactions through services, the
group's local time, and the list of active members to pick from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFileDialog
from sqlalchemy.orm import Session

from watchdesk.core.progress import Progress
from watchdesk.ops.changes import Changes
from watchdesk.services.member_directory import MemberFilter, member_ids, member_rows
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import show_error
from watchdesk.ui.pages.page import Page

T = TypeVar("T")


class RecordPage(Page):
    def __init__(self, context: AppContext, name: str) -> None:
        super().__init__(context, name)
        self.timezone = "UTC"
        self.last_pdf: Path | None = None

    def group(self) -> int:
        """The group shown; pages act only once one is chosen."""
        group_id = self.context.group_id
        assert group_id is not None
        return group_id

    def read(self, work: Callable[[Session], T]) -> T:
        with self.context.db.read() as session:
            return work(session)

    def write_or_raise(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction; errors reach the caller (undo commands)."""
        with self.context.db.write() as session:
            result = work(session)
        # Not an op yet: nothing says what changed, so every page reads again.
        self.context.operations.announce(Changes.everything())
        return result

    def write(self, work: Callable[[Session], T]) -> T | None:
        """Run ``work`` in one write transaction; on error tell the user and return None."""
        try:
            return self.write_or_raise(work)
        except Exception as error:
            show_error(self, error, self.context.log_path)
            return None

    def saved(self, work: Callable[[Session], object]) -> bool:
        """Like :meth:`write`, for work that returns nothing: True once it is committed."""
        try:
            self.write_or_raise(work)
        except Exception as error:
            show_error(self, error, self.context.log_path)
            return False
        return True

    def today(self) -> dt.date:
        return self.context.clock().astimezone().date()

    def local(self, moment: dt.datetime) -> str:
        """A stored UTC time as the group's local time, e.g. 'Tue Dec 8, 2026 7:00 PM'."""
        shown = moment.astimezone(ZoneInfo(self.timezone))
        return shown.strftime("%a %b %d, %Y %I:%M %p").replace(" 0", " ")

    def choose_pdf(self, caption: str, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, "PDF (*.pdf)")
        return Path(path) if path else None

    def in_background(
        self, name: str, job: Callable[[Progress], T], done: Callable[[T], None]
    ) -> None:
        """Run ``job`` off the GUI thread and hand its result to ``done``; an error is shown."""
        self.context.operations.query(self, name, job, done)

    def build_pdf(self, name: str, job: Callable[[Progress], Path]) -> None:
        """Lay out a PDF off the GUI thread; say where it went, or why it failed."""
        self.in_background(name, job, self._pdf_written)

    def run_with_progress(
        self, name: str, job: Callable[[Progress], T], done: Callable[[T], None]
    ) -> None:
        """Run ``job`` off the GUI thread behind a progress dialog whose Cancel stops it."""
        self.context.operations.query(self, name, job, done, dialog=True)

    def _pdf_written(self, path: Path) -> None:
        self.last_pdf = path
        status = getattr(self.window(), "statusBar", None)
        if status is not None:
            status().showMessage(f"Saved {path}", 15000)

    def active_member_choices(self) -> list[tuple[int, str]]:
        group_id, today = self.context.group_id, self.today()

        def load(session: Session) -> list[tuple[int, str]]:
            ids = member_ids(session, group_id, MemberFilter(status="active"), today)
            rows = member_rows(session, ids, today)
            return [(i, rows[i].name) for i in ids]

        return self.read(load)

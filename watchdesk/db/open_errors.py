"""Why a file was not opened. Plain exceptions, importable without SQLAlchemy: the app
imports them before its window paints, and the data layer loads only after that."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watchdesk.db.backup_set import BackupFile


class DatabaseOpenError(Exception):
    """The file cannot be opened as a WatchDesk database; the message says why, for users."""


class DamagedDatabaseError(DatabaseOpenError):
    """The file failed its check on opening and was moved aside (``aside``), unchanged."""

    def __init__(self, path: Path, problem: str, aside: Path, newest: BackupFile | None) -> None:
        if newest is None:
            advice = "there is no good backup of it"
        else:
            from watchdesk.core import dates  # Babel: only when there is something to say

            taken = dates.moment(newest.taken_at, None)  # this computer's time and zone
            advice = f"the newest good backup is from {taken}: {newest.path}"
        super().__init__(
            f"{path} is damaged ({problem}); it was moved aside unchanged to {aside}, and {advice}"
        )
        self.path, self.aside, self.newest = path, aside, newest

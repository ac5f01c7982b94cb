"""What every page needs: the open database, the task runner and the current group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from watchdesk.ui.operations import Operations
from watchdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from watchdesk.db.engine import Database
    from watchdesk.ui.settings import Settings


# OpenStreetMap's standard tiles; a setting, as their policy expects heavy users to move on.
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# Sent as the Referer of tile requests (the tile policy asks for one); WatchDesk has no public
# site yet, so the default is a reserved name that says so. A setting.
DEFAULT_TILE_REFERER = "https://watchdesk.invalid/"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class AppContext:
    db: Database
    runner: TaskRunner
    log_path: str = ""
    group_id: int | None = None
    # "All groups" chosen in the group bar (a liaison's file): pages that can show every
    # group do (the map); the others keep showing ``group_id``.
    all_groups: bool = False
    clock: Callable[[], dt.datetime] = field(default=_utcnow)
    tile_url: str = DEFAULT_TILE_URL
    tile_referer: str = DEFAULT_TILE_REFERER
    settings: Settings | None = None  # the window's, when the page remembers choices
    # Runs the file's user actions and queries and keeps its one undo history.
    operations: Operations = field(init=False)

    def __post_init__(self) -> None:
        self.operations = Operations(self.db, self.runner, self.log_path)

    def shown_group(self) -> int | None:
        """The group a page that can show every group should show; None for all of them."""
        return None if self.all_groups else self.group_id

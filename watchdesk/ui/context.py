"""What every page needs: the open database, the task runner and the current group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from watchdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from watchdesk.db.engine import Database


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class AppContext:
    db: Database
    runner: TaskRunner
    log_path: str = ""
    group_id: int | None = None
    clock: Callable[[], dt.datetime] = field(default=_utcnow)

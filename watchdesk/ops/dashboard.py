"""The Dashboard's to-do list."""

from __future__ import annotations

import datetime as dt

from watchdesk.db.engine import Database
from watchdesk.services.dashboard import Todo, todo_list


def todo(db: Database, group_id: int, now: dt.datetime, since: dt.datetime | None = None) -> Todo:
    """What needs doing in the group this week and next, as of ``now``; with ``since`` (when
    the file was last opened before), also the observations recorded after it."""
    with db.read() as session:
        return todo_list(session, group_id, now, since)

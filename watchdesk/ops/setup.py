"""Setting a file up: the watch group of an empty file, or demo data to explore; and finding
a group by name (a liaison's file holds several). The welcome page and the CLI call these."""

from __future__ import annotations

import datetime as dt

from watchdesk.core.entities import GroupInput
from watchdesk.core.progress import Progress
from watchdesk.db.engine import Database
from watchdesk.ops.changes import Changes, Kind
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import cleared, not_undoable
from watchdesk.services import groups as group_service
from watchdesk.services.rows import GroupRow


def create_group(db: Database, data: GroupInput) -> OpResult[GroupRow]:
    """The file's watch group. Not a step of the undo history: before it there is only the
    welcome page to go back to."""
    with not_undoable(db) as session:
        group = group_service.create_group(session, data)
    return OpResult(group, Changes.of(Kind.GROUPS))


def generate_demo(
    db: Database,
    size: str = "small",
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> OpResult[dict[str, int]]:
    """Fill the empty file with a made-up neighbourhood in one write transaction (``size``
    "small" or "large"; the same seed gives the same data); the value is rows per table."""
    from watchdesk.services.demo import generate_demo as fill

    with db.write_connection() as connection:
        counts = fill(connection, size, seed, today, progress)
    return cleared(counts, Changes.everything())


def group_named(db: Database, name: str) -> int:
    """The id of the group called ``name`` (case-insensitive)."""
    with db.read() as session:
        return group_service.group_named(session, name)


def own_group(db: Database) -> GroupRow | None:
    """The group this laptop runs (the first local one); None in an empty file."""
    with db.read() as session:
        return group_service.default_group(session)

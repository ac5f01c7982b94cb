"""Importing a roster spreadsheet: the preview (what each row would do) and the import
itself, a backup first. The roster import dialog and the CLI call these."""

from __future__ import annotations

from watchdesk.core.progress import Progress
from watchdesk.core.roster import Table
from watchdesk.db.backup_set import BEFORE_IMPORT
from watchdesk.db.engine import Database
from watchdesk.ops.changes import Changes
from watchdesk.ops.exchange import NOT_UNDOABLE
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import cleared, not_undoable
from watchdesk.services.roster_import import ImportPlan, apply_import, plan_import

__all__ = ["NOT_UNDOABLE", "import_roster", "preview_roster_import"]


def preview_roster_import(
    db: Database, group_id: int, table: Table, mapping: dict[int, str]
) -> ImportPlan:
    """What importing ``table`` with its columns read as ``mapping`` would do, row by row
    (nothing is written)."""
    with db.read() as session:
        return plan_import(session, group_id, table, mapping)


def import_roster(
    db: Database,
    group_id: int,
    table: Table,
    mapping: dict[int, str],
    progress: Progress | None = None,
) -> OpResult[ImportPlan]:
    """Back the file up, then add and update members as planned, all in one transaction or
    nothing. Planned again inside the write: the preview may be stale. It cannot be undone
    (the user is told before): the undo history is emptied."""
    if progress is not None:
        progress.report(0, 0, "Backing up the database first")
    db.backup(BEFORE_IMPORT)
    if progress is not None:
        progress.report(0, 0, "Importing the roster")
    with not_undoable(db) as session:
        plan = plan_import(session, group_id, table, mapping)
        apply_import(session, plan)
    return cleared(plan, Changes.everything())

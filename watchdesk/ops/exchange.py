"""Exchange bundles and salvage: the export, the checked preview and the import of a bundle
(a backup first: an import cannot be undone), and what can still be read from a damaged file.
The CLI and the GUI both call these."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.db.backup_set import BEFORE_IMPORT
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_export import ExportChoice, group_exports
from watchdesk.exchange.bundle_import import BundleImport, ImportSummary
from watchdesk.exchange.bundle_read import DEFAULT_LIMITS, BundleReader, Limits
from watchdesk.exchange.bundle_write import BundleHeader, EntityRecords, write_bundle
from watchdesk.ops.changes import Changes
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import cleared

if TYPE_CHECKING:
    from watchdesk.exchange.salvage import SalvageReport

FULL_WARNING = (
    "A full bundle holds every member's phone numbers, e-mail and home address, the household "
    "register (vehicles, vacations) and the phone trees: keep it as safe as the database "
    "itself and delete it once the group has moved."
)
# Said before an import is confirmed (the GUI's preview and confirmation).
NOT_UNDOABLE = "An import cannot be undone: a backup of the file is taken first."


def bundle_notice(profile: str, share_precision_m: int) -> str:
    if profile == "full":
        return "FULL PROFILE, NOT REDACTED. " + FULL_WARNING
    return (
        "Precinct profile: no member phone, e-mail or home address and no household register; "
        "members named only when they agreed to be named in reports, otherwise by role; "
        f"observation locations rounded to {share_precision_m} m and addresses to the "
        "hundred block."
    )


def export_bundle(
    db: Database,
    choice: ExportChoice,
    target: Path,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write the group's bundle to ``target``; returns its manifest (a read)."""
    progress = progress or SilentProgress()
    with db.read() as session:
        group, entities = group_exports(session, choice)
        header = BundleHeader(
            group_uuid=group.uuid,
            group_name=group.name,
            profile=choice.profile,
            first=choice.first,
            last=choice.last,
            created_at=now or dt.datetime.now(dt.UTC),
            notice=bundle_notice(choice.profile, group.share_precision_m),
        )
        parts = [EntityRecords(e.spec.file_name, e.count(), e.records()) for e in entities]
        return write_bundle(target, header, parts, progress)


class _DryRun(Exception):
    """Unwinds the import's transaction after a dry run (everything is rolled back)."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def check_bundle(
    db: Database,
    path: Path,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportSummary:
    """What importing the bundle at ``path`` would do: every check and the counts, in a
    transaction rolled back at the end (nothing is written, no backup is taken)."""
    return _run_import(db, path, True, progress or SilentProgress(), limits)


def import_bundle(
    db: Database,
    path: Path,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> OpResult[ImportSummary]:
    """Check the bundle at ``path`` whole (sizes, checksums), back the database up, then
    import it in one write transaction. It cannot be undone (the user is told before): the
    undo history is emptied and every screen refreshes."""
    summary = _run_import(db, path, False, progress or SilentProgress(), limits)
    return cleared(summary, Changes.everything())


def _run_import(
    db: Database, path: Path, dry_run: bool, progress: Progress, limits: Limits
) -> ImportSummary:
    with BundleReader(path, limits) as reader:
        size = sum(entry["bytes"] for entry in reader.manifest["files"].values())
        checked = 0

        def on_bytes(count: int) -> None:
            nonlocal checked
            checked += count
            progress.report(checked, size, "Checking the bundle")
            progress.check_cancelled()

        reader.verify(on_bytes)
        if not dry_run:
            progress.report(0, 0, "Backing up the database first")
            db.backup(BEFORE_IMPORT)
        try:
            with db.write_connection() as connection:
                summary = BundleImport(connection, reader, progress).run()
                if dry_run:
                    summary.dry_run = True
                    raise _DryRun(summary)
        except _DryRun as finished:
            return finished.summary
    return summary


def salvage(damaged: Path, folder: Path) -> SalvageReport:
    """Copy what can still be read from the damaged file into ``folder``, one CSV per table
    (the damaged file is only read)."""
    from watchdesk.exchange.salvage import salvage as salvage_tables

    return salvage_tables(damaged, folder)

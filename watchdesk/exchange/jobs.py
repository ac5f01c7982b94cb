"""Bundle and spreadsheet exports and the bundle import, as whole jobs over an open database
(the CLI and the GUI's background tasks call these)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.db.backup_set import BEFORE_IMPORT
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_export import ExportChoice, group_exports
from watchdesk.exchange.bundle_import import BundleImport, ImportSummary
from watchdesk.exchange.bundle_read import DEFAULT_LIMITS, BundleReader, Limits
from watchdesk.exchange.bundle_write import BundleHeader, EntityRecords, write_bundle

FULL_WARNING = (
    "A full bundle holds every member's phone numbers, e-mail and home address, the household "
    "register (vehicles, vacations) and the phone trees: keep it as safe as the database "
    "itself and delete it once the group has moved."
)


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
    """Write the group's bundle to ``target``; returns its manifest."""
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


def import_bundle(
    db: Database,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportSummary:
    """Check the bundle at ``path`` whole (sizes, checksums), back the database up, then
    import it in one write transaction; ``dry_run`` rolls back at the end and reports what
    would have happened (and takes no backup)."""
    progress = progress or SilentProgress()
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


@dataclass(frozen=True)
class SpreadsheetWritten:
    count: int
    left_out: int = 0
    left_out_reason: str = ""


def spreadsheet_file(
    db: Database,
    group_id: int,
    table: str,
    target: Path,
    first: dt.date | None = None,
    last: dt.date | None = None,
    all_fields: bool = False,
    progress: Progress | None = None,
) -> SpreadsheetWritten:
    """Write one of ``spreadsheets.TABLES`` as CSV to ``target``."""
    from watchdesk.exchange.csv_file import write_csv
    from watchdesk.services import spreadsheets
    from watchdesk.services.observation_search import ObservationFilter

    with db.read() as session:
        if table == "members":
            rows = spreadsheets.members_table(session, group_id, all_fields)
        elif table == "observations":
            where = ObservationFilter(first=first, last=last, descending=False)
            rows = spreadsheets.observations_table(session, group_id, where)
        elif table == "shifts":
            rows = spreadsheets.shifts_table(session, group_id, first, last)
        elif table == "attendance":
            rows = spreadsheets.attendance_table(session, group_id, first, last)
        else:
            raise ValueError(f"no table {table!r}")
        count = write_csv(target, rows.headers, rows.rows, progress)
    return SpreadsheetWritten(count, rows.left_out, rows.left_out_reason)

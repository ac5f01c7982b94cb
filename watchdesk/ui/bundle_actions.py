"""File > Export bundle and File > Import bundle: dialogs, then the jobs off the GUI thread
behind a progress dialog with Cancel. An import is previewed (a dry run: every check, the
counts) before it is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from watchdesk.core.progress import Progress
from watchdesk.core.words import count as counted
from watchdesk.exchange.format import SUFFIX
from watchdesk.ui.context import AppContext


class BundleActions:
    """Owned by the main window; ``imported`` runs after a bundle was written in."""

    def __init__(
        self, parent: QMainWindow, context: AppContext, imported: Callable[[], None]
    ) -> None:
        self.parent, self.context, self.imported = parent, context, imported

    # -- export ------------------------------------------------------------------------------
    def export_bundle(self) -> None:
        from watchdesk.ops.groups import groups_to_show
        from watchdesk.ui.dialogs.bundle import BundleExportDialog

        group_id = self.context.group_id
        if group_id is None:
            return
        group, _groups = groups_to_show(self.context.db, group_id)
        if group is None:
            return
        today = self.context.clock().astimezone().date()
        dialog = BundleExportDialog(self.parent, group.name, today)
        if dialog.exec() != BundleExportDialog.DialogCode.Accepted:
            return
        if dialog.profile == "full" and not self._confirm_full():
            return
        suggested = f"{group.name} {today.isoformat()}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Export bundle", suggested, f"WatchDesk bundles (*{SUFFIX})"
        )
        if path:
            first, last = dialog.period()
            self.write_bundle(Path(path), dialog.profile, first, last)

    def _confirm_full(self) -> bool:
        from watchdesk.ops.exchange import FULL_WARNING

        answer = QMessageBox.warning(
            self.parent,
            "Export everything?",
            f"{FULL_WARNING}\n\nWrite a full bundle?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def write_bundle(
        self, target: Path, profile: str, first: dt.date | None, last: dt.date | None
    ) -> None:
        from watchdesk.exchange.bundle_export import ExportChoice
        from watchdesk.ops.exchange import export_bundle

        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        assert self.context.group_id is not None
        choice = ExportChoice(self.context.group_id, profile, first, last)
        db, clock = self.context.db, self.context.clock

        def job(progress: Progress) -> dict[str, object]:
            return export_bundle(db, choice, target, clock(), progress)

        def done(manifest: dict[str, object]) -> None:
            files = manifest["files"]
            assert isinstance(files, dict)
            records = sum(entry["records"] for entry in files.values())
            self._tell(
                f"Bundle written ({profile} profile, {counted(records, 'record')}): {target}"
            )

        self.context.operations.query(self.parent, "export bundle", job, done, dialog=True)

    # -- import ------------------------------------------------------------------------------
    def import_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Import bundle", "", f"WatchDesk bundles (*{SUFFIX});;All files (*)"
        )
        if path:
            self.preview(Path(path))

    def preview(self, source: Path) -> None:
        """Check the bundle and show what importing it would do; import on confirmation."""
        from watchdesk.exchange.bundle_import import ImportSummary
        from watchdesk.ops.exchange import check_bundle
        from watchdesk.ui.dialogs.bundle import BundlePreviewDialog

        db = self.context.db

        def job(progress: Progress) -> ImportSummary:
            return check_bundle(db, source, progress)

        def checked(summary: ImportSummary) -> None:
            dialog = BundlePreviewDialog(self.parent, source.name, summary)
            if dialog.exec() == BundlePreviewDialog.DialogCode.Accepted:
                self.write_in(source)

        self.context.operations.query(self.parent, "check bundle", job, checked, dialog=True)

    def write_in(self, source: Path) -> None:
        from watchdesk.exchange.bundle_import import ImportSummary
        from watchdesk.ops.exchange import import_bundle
        from watchdesk.ops.result import OpResult

        db = self.context.db

        def job(progress: Progress) -> OpResult[ImportSummary]:
            return import_bundle(db, source, progress)

        def done(summary: ImportSummary) -> None:
            self._tell(f"Imported {source.name}: " + summary.lines()[1])
            self.imported()

        # Not undoable (the preview said so): the file's undo history is emptied.
        self.context.operations.perform(self.parent, "import bundle", job, done, dialog=True)

    def _tell(self, message: str) -> None:
        self.parent.statusBar().showMessage(message, 20000)
        QMessageBox.information(self.parent, "WatchDesk", message)

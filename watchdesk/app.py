"""The composition root: builds the QApplication, opens the database, wires the window.

This is the one place that creates the engine, the task runner and the main window. The
window is painted first and the data layer loaded right after (see ``MainWindow``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from watchdesk import __version__
from watchdesk.db.open_errors import DamagedDatabaseError, DatabaseOpenError
from watchdesk.instance import FileInUse, InstanceLock, open_elsewhere
from watchdesk.logging_setup import configure_logging
from watchdesk.resources import resource_path
from watchdesk.storage_risk import storage_warning
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import install_excepthook, show_error
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.operations import run_behind_dialog
from watchdesk.ui.settings import APPLICATION, ORGANIZATION, Settings
from watchdesk.ui.tasks import TaskRunner
from watchdesk.ui.window_channel import WindowChannel, ask_to_come_forward

if TYPE_CHECKING:
    from watchdesk.core.progress import Progress
    from watchdesk.db.engine import Database
    from watchdesk.db.opening import OpenReport

Opened = Callable[["Database", InstanceLock], None]  # what to do with a file once it is open
NotOpened = Callable[[str], None]  # what to do when it is not, given why ("could not be opened")
_NOT_OPENED = "could not be opened"


def _nothing(_why: str) -> None:
    return None


log = logging.getLogger(__name__)


class Application:
    """Owns the open database and the window; reopens both when the user picks another file."""

    def __init__(self, qt_app: QApplication, log_path: str, synchronous: bool = False) -> None:
        self.qt_app = qt_app
        self.log_path = log_path
        self.runner = TaskRunner(synchronous=synchronous, parent=qt_app)
        self.settings = Settings()
        self.window: MainWindow | None = None
        self.db: Database | None = None
        self.held: tuple[InstanceLock, WindowChannel] | None = None  # the open file's lock
        # Every few minutes of editing, a backup if anything changed since the last one.
        self.backup_timer = QTimer(qt_app)
        self.backup_timer.timeout.connect(self.backup_while_editing)

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.settings, self.log_path)
        window.open_requested.connect(self.open)
        window.restore_requested.connect(self.restore)
        window.preferences_saved.connect(self._backup_interval_chosen)
        window.show()
        return window

    def _backup_interval_chosen(self) -> None:
        if self.backup_timer.isActive():
            self.backup_timer.start(self.settings.backup_minutes() * 60_000)

    def start(self, path: Path) -> bool:
        """Show the window at once, then open ``path`` as soon as it has been painted. False
        when another WatchDesk already has ``path`` open and brought its window forward."""
        if open_elsewhere(path.expanduser()) and ask_to_come_forward(path):
            log.info("%s is open in another WatchDesk; brought it forward", path)
            print(f"WatchDesk already has {path} open; its window was brought forward.")
            return False
        window = self.window = self._new_window()
        attached = False

        def attach_once() -> None:
            nonlocal attached
            if not attached:
                attached = True
                self._attach_first(window, path)

        window.first_painted.connect(lambda: QTimer.singleShot(0, attach_once))
        QTimer.singleShot(250, attach_once)  # in case the platform never paints (headless)
        return True

    def _attach_first(self, window: MainWindow, path: Path) -> None:
        self._open_database(
            path,
            create=True,
            then=lambda db, lock: self._attach(window, db, lock),
            otherwise=lambda why: window.show_no_database(f"{path} {why}."),
        )

    def open(self, path: Path, create: bool = True) -> None:
        """Open another file in a new window; the current one stays if it fails."""
        self._open_database(path, create, then=self._replace_window)

    def _replace_window(self, db: Database, lock: InstanceLock) -> None:
        previous_window, previous_db, previous_held = self.window, self.db, self.held
        self.window = self._new_window()
        self._attach(self.window, db, lock)
        if previous_window is not None:
            previous_window.close()
            previous_window.deleteLater()
        if previous_db is not None:
            self._close_database(previous_db)
        _let_go(previous_held)

    def restore(self, backup: Path) -> None:
        """Close the open file, put ``backup`` in its place (the file as it was is kept as a
        backup) and open it again in a new window."""
        if self.db is None:
            return
        path, held, window = self.db.path, self.held, self.window
        self.runner.wait_for_all()
        self.db.dispose()  # no backup on close: the restore keeps the file as it is
        self.db = self.held = None
        _let_go(held)
        if window is not None:  # its pages would read and write the file being replaced
            window.shut_out()

        def not_open(why: str) -> None:  # a fresh window: the old one's pages use the file
            self.window = self._new_window()
            self.window.show_no_database(f"{path} {why}.")
            if window is not None:
                window.close()
                window.deleteLater()

        self._restore_and_open(path, backup, self._replace_window, not_open)

    def _restore_and_open(
        self, path: Path, backup: Path, then: Opened, otherwise: NotOpened
    ) -> None:
        """Restore ``backup`` over ``path`` and open it, behind one progress dialog; the user
        is told what was restored (or why nothing was), whether or not the file opens."""
        from watchdesk.db.backup import BackupError
        from watchdesk.db.backup_set import restore_backup
        from watchdesk.db.opening import open_database

        outcome: list[str] = []

        def restore_then_open(progress: Progress) -> tuple[Database, OpenReport]:
            progress.report(0, 0, f"Restoring {backup.name}…")
            try:
                aside = restore_backup(path, backup)
            except BackupError as error:
                outcome.append(f"Nothing was restored: {error}")
            else:
                outcome.append(
                    f"Restored from {backup.name}. The file as it was is kept as {aside}."
                )
            return open_database(path, create=False, progress=progress)

        def tell() -> None:
            if outcome:
                QMessageBox.information(self.window, "WatchDesk", outcome[0])

        def opened(db: Database, lock: InstanceLock) -> None:
            then(db, lock)
            tell()

        def not_opened(why: str) -> None:
            tell()
            otherwise(why)

        self._open_database(path, False, opened, not_opened, restore_then_open, "restoring")

    def _open_database(
        self,
        path: Path,
        create: bool,
        then: Opened,
        otherwise: NotOpened = _nothing,
        job: Callable[[Progress], tuple[Database, OpenReport]] | None = None,
        name: str = "opening the file",
    ) -> None:
        """Lock ``path`` for this window, open it off the GUI thread behind a progress dialog
        (the check of a large file takes seconds) and hand it to ``then``; ``otherwise`` runs
        once the user was told why not (another window has it: that one is brought forward)."""
        from watchdesk.db.opening import open_database  # SQLAlchemy: after the first paint

        lock = InstanceLock(path.expanduser())
        try:
            lock.acquire()
        except FileInUse as error:
            if ask_to_come_forward(path):
                QMessageBox.information(
                    self.window, "WatchDesk", f"{path} is open in another window: brought forward."
                )
            else:
                QMessageBox.warning(self.window, "WatchDesk", str(error))
            otherwise(_NOT_OPENED)
            return

        def succeeded(opened: tuple[Database, OpenReport]) -> None:
            db, report = opened
            if report.upgraded_from:
                log.info(
                    "upgraded %s from %s (backup %s)", path, report.upgraded_from, report.backup
                )
            then(db, lock)

        def failed(error: BaseException) -> None:
            lock.release()
            if isinstance(error, DamagedDatabaseError):
                self._recover(error, then, otherwise)
                return
            if isinstance(error, DatabaseOpenError):
                QMessageBox.warning(self.window, "WatchDesk", str(error))
            else:
                show_error(self.window, error, self.log_path)
            otherwise(_NOT_OPENED)

        def cancelled() -> None:
            lock.release()
            otherwise("was not opened: the check was cancelled")

        run_behind_dialog(
            self.window,
            self.runner,
            name,
            job or (lambda p: open_database(path, create=create, progress=p)),
            succeeded,
            failed,
            cancelled,
            blocks_window=True,
        )

    def _recover(self, error: DamagedDatabaseError, then: Opened, otherwise: NotOpened) -> None:
        """A damaged file was set aside: offer its newest good backup, and to copy out what
        can still be read; the newest backup restored is opened at once."""
        box = QMessageBox(QMessageBox.Icon.Critical, "Damaged file", str(error), parent=self.window)
        restore = None
        if error.newest is not None:
            restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
        export = box.addButton("Export what can be read…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if restore is not None and box.clickedButton() is restore and error.newest:
            self._restore_and_open(error.path, error.newest.path, then, otherwise)
            return
        if box.clickedButton() is export:
            self.export_readable(error.aside)
        otherwise(_NOT_OPENED)

    def export_readable(self, damaged: Path) -> None:
        """Copy what can be read from ``damaged`` into a chosen empty folder, as CSV files."""
        from watchdesk.ops.exchange import salvage

        folder = QFileDialog.getExistingDirectory(self.window, "Folder for what can be read")
        if not folder:
            return
        target = Path(folder) / f"{damaged.stem}-readable"

        def tell(text: str) -> None:
            QMessageBox.information(self.window, "WatchDesk", text)

        run_behind_dialog(
            self.window,
            self.runner,
            "copying what can be read",
            lambda _progress: salvage(damaged, target),
            lambda report: tell("\n".join(report.lines())),
            lambda failure: tell(f"Nothing could be copied: {failure}"),
        )

    def _attach(self, window: MainWindow, db: Database, lock: InstanceLock) -> None:
        self.db = db
        self.held = (lock, WindowChannel(db.path, lambda: _bring_forward(window)))
        self.backup_timer.start(self.settings.backup_minutes() * 60_000)
        warning = storage_warning(db.path)
        if warning:
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Where this file is", warning))
        window.attach(
            AppContext(
                db=db,
                runner=self.runner,
                log_path=self.log_path,
                tile_url=self.settings.tile_url(),
            )
        )

    def backup_while_editing(self) -> None:
        from watchdesk.db.backup_set import WHILE_EDITING

        db, window = self.db, self.window
        if db is None or window is None or window.context is None or not db.changed_since_backup:
            return
        window.context.operations.query(
            None,
            "backup",
            lambda _progress: db.backup(WHILE_EDITING),
            lambda path: log.info("backup while editing: %s", path),
            failed=lambda error: self._backup_failed(window, error),
        )

    def _backup_failed(self, window: MainWindow | None, error: BaseException) -> None:
        log.warning("automatic backup failed: %s", error)
        if window is not None:
            window.statusBar().showMessage(f"Automatic backup failed: {error}")

    def _close_database(self, db: Database) -> None:
        """Let running work finish, back up what changed, then close the file."""
        from watchdesk.db.backup import BackupError
        from watchdesk.db.backup_set import ON_CLOSE

        self.runner.wait_for_all()
        if db.changed_since_backup:
            try:
                log.info("backup on close: %s", db.backup(ON_CLOSE))
            except BackupError as error:
                log.warning("backup on close failed: %s", error)
        db.dispose()

    def shutdown(self) -> None:
        self.backup_timer.stop()
        self.runner.wait_for_all()
        if "watchdesk.ui.widgets.map_view" in sys.modules:
            from watchdesk.ui.widgets.map_view import release_web_views

            release_web_views()
        if self.db is not None:
            self._close_database(self.db)
        _let_go(self.held)
        self.held = None


def _bring_forward(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _let_go(held: tuple[InstanceLock, WindowChannel] | None) -> None:
    if held is not None:
        held[1].close()
        held[0].release()


def check_platform_plugin() -> None:
    """Load Qt's X11 (xcb) platform plugin before Qt does: Qt aborts the whole process when
    one of its libraries is missing (libxcb-cursor.so.0 often is), while this raises the
    loader's OSError, which the command line turns into the package to install."""
    import ctypes
    import os

    import PySide6

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return
    if platform and not platform.startswith("xcb"):
        return
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return  # Qt tries its Wayland plugin first
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if plugin.exists():
        ctypes.CDLL(str(plugin))


def create_qt_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    check_platform_plugin()
    qt_app = QApplication(argv or sys.argv[:1])
    qt_app.setOrganizationName(ORGANIZATION)
    qt_app.setApplicationName(APPLICATION)
    qt_app.setApplicationVersion(__version__)
    qt_app.setWindowIcon(QIcon(str(resource_path("watchdesk.svg"))))
    return qt_app


def run_app(path: Path) -> int:
    log_path = str(configure_logging())
    qt_app = create_qt_app()
    install_excepthook(log_path)
    app = Application(qt_app, log_path)
    if not app.start(path):
        return 0
    try:
        return qt_app.exec()
    finally:
        app.shutdown()

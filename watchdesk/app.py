"""The composition root: builds the QApplication, opens the database, wires the window.

This is the one place that creates the engine, the task runner and the main window. The
window is painted first and the data layer loaded right after (see ``MainWindow``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from watchdesk import __version__
from watchdesk.logging_setup import configure_logging
from watchdesk.resources import resource_path
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import install_excepthook
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.settings import APPLICATION, ORGANIZATION, Settings
from watchdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from watchdesk.db.engine import Database

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
        # Every few minutes of editing, a backup if anything changed since the last one.
        self.backup_timer = QTimer(qt_app)
        self.backup_timer.timeout.connect(self.backup_while_editing)

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.settings, self.log_path)
        window.open_requested.connect(self.open)
        window.show()
        return window

    def start(self, path: Path) -> None:
        """Show the window at once, then open ``path`` as soon as it has been painted."""
        window = self.window = self._new_window()
        attached = False

        def attach_once() -> None:
            nonlocal attached
            if not attached:
                attached = True
                self._attach_first(window, path)

        window.first_painted.connect(lambda: QTimer.singleShot(0, attach_once))
        QTimer.singleShot(250, attach_once)  # in case the platform never paints (headless)

    def _attach_first(self, window: MainWindow, path: Path) -> None:
        db = self._open_database(path, create=True)
        if db is None:
            window.show_no_database(f"{path} could not be opened.")
            return
        self._attach(window, db)

    def open(self, path: Path, create: bool = True) -> bool:
        """Open another file in a new window; the current one stays if it fails."""
        db = self._open_database(path, create)
        if db is None:
            return False
        previous_window, previous_db = self.window, self.db
        self.window = self._new_window()
        self._attach(self.window, db)
        if previous_window is not None:
            previous_window.close()
            previous_window.deleteLater()
        if previous_db is not None:
            self._close_database(previous_db)
        return True

    def _open_database(self, path: Path, create: bool) -> Database | None:
        from watchdesk.db.opening import DatabaseOpenError, open_database

        try:
            db, report = open_database(path, create=create)
        except DatabaseOpenError as error:
            QMessageBox.warning(self.window, "WatchDesk", str(error))
            return None
        if report.upgraded_from:
            log.info("upgraded %s from %s (backup %s)", path, report.upgraded_from, report.backup)
        return db

    def _attach(self, window: MainWindow, db: Database) -> None:
        self.db = db
        self.backup_timer.start(self.settings.backup_minutes() * 60_000)
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
        if db is None or not db.changed_since_backup:
            return
        self.runner.start(
            "backup",
            lambda _progress: db.backup(WHILE_EDITING),
            lambda path: log.info("backup while editing: %s", path),
            lambda error: self._backup_failed(window, error),
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


def create_qt_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
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
    app.start(path)
    try:
        return qt_app.exec()
    finally:
        app.shutdown()

"""Regenerate docs/main-window.png from the small demo database (run with the venv's python)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QSettings

    from watchdesk.app import create_qt_app
    from watchdesk.db.opening import open_database
    from watchdesk.services.demo import generate_demo
    from watchdesk.ui.context import AppContext
    from watchdesk.ui.main_window import MainWindow
    from watchdesk.ui.settings import Settings
    from watchdesk.ui.tasks import TaskRunner

    qt_app = create_qt_app()
    folder = Path(tempfile.mkdtemp())
    db, _ = open_database(folder / "demo.sqlite")
    with db.write_connection() as connection:
        generate_demo(connection, "small", seed=1)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.attach(AppContext(db=db, runner=TaskRunner(synchronous=True)))
    window.resize(1100, 680)
    window.show()
    qt_app.processEvents()
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("main-window.png")
    window.grab().save(str(target))
    print(target)


if __name__ == "__main__":
    main()

"""File > Export bundle and File > Import bundle, driven through the real menus and dialogs:
the preview shows what will happen before anything is written, and the group bar appears
once the file holds a second group."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import write_bundle_of
from tests.ui.conftest import MakeWindow
from watchdesk.db.engine import Database
from watchdesk.ops import members as member_ops
from watchdesk.ui.dialogs.bundle import BundleExportDialog, BundlePreviewDialog


def _when_modal(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Act on the next modal dialog of ``kind`` once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _quiet_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    return told


def test_import_previews_then_writes_and_shows_the_group_bar(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    second_demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundle = write_bundle_of(second_demo, tmp_path / "lents.wdx")
    window = make_window(demo_db)
    assert window.group_bar.isHidden()
    assert window.context is not None
    # An undoable edit first: the import, which cannot be undone, empties Edit > Undo.
    window.context.operations.perform_now(
        window, lambda: member_ops.set_member_active(demo_db, 1, False)
    )
    assert window.action_undo.isEnabled()
    told = _quiet_messages(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    seen: list[str] = []

    def check_preview(dialog: QDialog) -> None:
        assert isinstance(dialog, BundlePreviewDialog)
        seen.append(dialog.details.toPlainText())
        seen.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        # Nothing is written while the preview is open.
        with sqlite3.connect(demo_db.path) as connection:
            seen.append(str(connection.execute("SELECT count(*) FROM watch_group").fetchone()[0]))
        qtbot.mouseClick(dialog.findChild(QPushButton, "do_import"), Qt.MouseButton.LeftButton)

    _when_modal(BundlePreviewDialog, check_preview)
    window.action_import_bundle.trigger()
    preview, said, groups_during_preview = seen
    assert "An import cannot be undone: a backup of the file is taken first." in said
    assert "Lents Park Neighborhood Watch (new group), precinct profile" in preview
    assert "observation: " in preview and " added" in preview
    assert groups_during_preview == "1"
    with sqlite3.connect(demo_db.path) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM watch_group ORDER BY id")]
    assert names == ["Hawthorne Heights Neighborhood Watch", "Lents Park Neighborhood Watch"]
    assert told and told[-1].startswith("Imported lents.wdx:")
    assert not window.action_undo.isEnabled()
    assert list((tmp_path / "demo-backups").glob("*-before-import.sqlite"))
    # A second group: the bar appears and switches what the pages show.
    assert window.group_bar.isVisible()
    choice = window.group_choice
    texts = [choice.itemText(i) for i in range(choice.count())]
    assert texts == [
        "Hawthorne Heights Neighborhood Watch",
        "Lents Park Neighborhood Watch (imported)",
        "All groups",
    ]
    assert window.context is not None
    first_group = window.context.group_id
    choice.setCurrentIndex(1)
    choice.activated.emit(1)
    assert window.context.group_id != first_group
    assert "Lents Park" in window.windowTitle()


def test_a_broken_bundle_is_explained_and_nothing_changes(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "broken.wdx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    window = make_window(demo_db)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    before = demo_db.path.read_bytes()
    window.action_import_bundle.trigger()
    assert warnings == ["broken.wdx is not a WatchDesk bundle (not a ZIP file, or a truncated one)"]
    assert demo_db.path.read_bytes() == before


def test_export_full_bundle_warns_first_then_writes(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(demo_db)
    told = _quiet_messages(monkeypatch)
    target = tmp_path / "moving"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", confirm)
    warning_shown: list[bool] = []

    def choose_full(dialog: QDialog) -> None:
        assert isinstance(dialog, BundleExportDialog)
        assert not dialog.warning.isVisible()
        qtbot.mouseClick(dialog.full, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
        warning_shown.append(dialog.full.isChecked() and dialog.warning.isVisible())
        dialog.accept()

    _when_modal(BundleExportDialog, choose_full)
    window.action_export_bundle.trigger()
    assert warning_shown == [True]
    assert asked and "phone numbers" in asked[0]
    written = tmp_path / "moving.wdx"
    with zipfile.ZipFile(written) as bundle:
        assert "household.json" in bundle.namelist()
        assert b'"profile": "full"' in bundle.read("manifest.json")
    assert told and "full profile" in told[-1]


def test_export_precinct_bundle_of_a_period(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QDate

    window = make_window(demo_db)
    _quiet_messages(monkeypatch)
    target = tmp_path / "october.wdx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def choose_october(dialog: QDialog) -> None:
        assert isinstance(dialog, BundleExportDialog)
        qtbot.mouseClick(dialog.limited, Qt.MouseButton.LeftButton)
        dialog.first.setDate(QDate(2026, 10, 1))
        dialog.last.setDate(QDate(2026, 10, 31))
        dialog.accept()

    _when_modal(BundleExportDialog, choose_october)
    window.action_export_bundle.trigger()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo_db.path, copy)
    with zipfile.ZipFile(target) as bundle:
        assert "household.json" not in bundle.namelist()
        manifest = bundle.read("manifest.json").decode()
    assert '"from": "2026-10-01"' in manifest and '"to": "2026-10-31"' in manifest

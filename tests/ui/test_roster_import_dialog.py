"""Members > Import roster…, driven through the real button and dialog: the preview says before
anything is written that an import cannot be undone; the import takes a backup, writes every
row, and empties Edit > Undo (the steps before it may no longer apply)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav
from watchdesk.core.entities import MemberInput
from watchdesk.db.engine import Database
from watchdesk.ops import members as member_ops
from watchdesk.ui.dialogs.roster_import import RosterImportDialog
from watchdesk.ui.pages.members import MembersPage


def test_a_roster_import_says_it_cannot_be_undone_then_empties_the_undo_history(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(db)
    assert window.context is not None
    operations = window.context.operations
    # An undoable edit first: Edit > Undo offers it.
    operations.perform_now(
        window,
        lambda: member_ops.add_member(
            db, group_id, MemberInput(given_name="Cleo", family_name="Ortiz")
        ),
    )
    assert window.action_undo.isEnabled()

    roster = tmp_path / "roster.csv"
    roster.write_bytes(
        b'Name,E-mail\r\n"Lee, Bo",bo@example.org\r\n"Pena, Ana",ana@example.org\r\n'
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(roster), ""))
    click_nav(qtbot, window, "Members")
    page = window.pages.currentWidget()
    assert isinstance(page, MembersPage)

    said: list[str] = []
    members_before: list[int] = []

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RosterImportDialog)
        said.append(dialog.summary.text())
        members_before.append(len(raw_rows(db, "SELECT id FROM member")))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, in_the_dialog)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)

    assert said and "An import cannot be undone" in said[0]
    assert members_before == [1]  # the preview wrote nothing
    names = raw_rows(db, "SELECT given_name, family_name FROM member ORDER BY id")
    assert names == [("Cleo", "Ortiz"), ("Bo", "Lee"), ("Ana", "Pena")]
    assert list((tmp_path / "test-backups").glob("*-before-import.sqlite"))
    # The import is not undoable, and the steps before it are gone with it.
    assert not window.action_undo.isEnabled()
    assert operations.history.count() == 0
    window.action_undo.trigger()
    assert len(raw_rows(db, "SELECT id FROM member")) == 3

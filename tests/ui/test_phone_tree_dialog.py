"""The phone tree dialog: reorder by Move up/down and by drag-and-drop, save, log a drill."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from watchdesk.db.engine import Database
from watchdesk.services.phone_trees import PhoneTree, phone_tree
from watchdesk.ui import unsaved
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.phone_tree import PhoneTreeDialog
from watchdesk.ui.tasks import TaskRunner
from watchdesk.ui.unsaved import Button


def open_dialog(qtbot: QtBot, db: Database, group_id: int, block: int) -> PhoneTreeDialog:
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    dialog = PhoneTreeDialog(None, context, [(block, "Block 4")])
    qtbot.addWidget(dialog)
    return dialog


def shown(dialog: PhoneTreeDialog) -> list[str]:
    return [dialog.order.item(i).text() for i in range(dialog.order.count())]


def test_reorder_save_and_drill(
    qtbot: QtBot,
    db: Database,
    group_id: int,
    phone_block: dict[str, int],
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, db, group_id, phone_block["block"])
    assert dialog.head.text().startswith("Head of the tree: Cat Captain")
    assert shown(dialog) == ["Al Able", "Bea Baker", "Cy Cole", "Di Dunn", "Ed Eames"]
    assert "Cat Captain calls Al Able, Bea Baker, Cy Cole" in dialog.calls.text()
    assert "Ed Eames reports back to Cat Captain." in dialog.calls.text()

    dialog.order.setCurrentRow(4)
    qtbot.mouseClick(dialog.findChild(QPushButton, "move_up"), Qt.MouseButton.LeftButton)
    assert shown(dialog)[3:] == ["Ed Eames", "Di Dunn"]
    dialog.fan_out.setValue(2)
    assert "Cat Captain calls Al Able, Bea Baker" in dialog.calls.text()
    # Drag-and-drop goes through the list model's move: take Cy to the top.
    model = dialog.order.model()
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert shown(dialog)[0] == "Cy Cole"
    assert "Cat Captain calls Cy Cole, Al Able" in dialog.calls.text()
    dialog.save()
    with db.read() as session:
        stored = phone_tree(session, phone_block["block"], fan_out=2)
    assert [line.person.name for line in stored.lines] == shown(dialog)

    dialog.order.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.drill_date.setText("2026-11-20")
    dialog.drill_minutes.setValue(25)
    dialog.log_drill()
    assert dialog.drills.text() == "Nov 20, 2026: 4/5 reached in 25 min"
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM phone_tree_drill_contact")).scalar() == 5

    dialog.write_pdf(tmp_path / "trees.pdf")
    pages = [p.extract_text() for p in PdfReader(tmp_path / "trees.pdf").pages]
    assert len(pages) == 2 and "Cy Cole" in pages[0]


def test_each_edit_is_undone_and_redone_in_the_files_history(
    qtbot: QtBot, db: Database, group_id: int, phone_block: dict[str, int]
) -> None:
    dialog = open_dialog(qtbot, db, group_id, phone_block["block"])
    history = dialog.context.operations.history
    saved = [line.person.name for line in phone_tree_of(db, phone_block["block"]).lines]

    dialog.order.setCurrentRow(4)
    qtbot.mouseClick(dialog.findChild(QPushButton, "move_up"), Qt.MouseButton.LeftButton)
    dialog.save()
    assert history.undoText() == "Save phone tree order of Block 4"
    moved = [line.person.name for line in phone_tree_of(db, phone_block["block"]).lines]
    assert moved != saved
    history.undo()
    assert [line.person.name for line in phone_tree_of(db, phone_block["block"]).lines] == saved
    history.redo()
    assert [line.person.name for line in phone_tree_of(db, phone_block["block"]).lines] == moved

    dialog.drill_date.setText("2026-11-20")
    dialog.log_drill()
    assert history.undoText() == "Log phone tree drill of Nov 20, 2026"
    history.undo()
    assert count(db, "phone_tree_drill") == 0 and count(db, "phone_tree_drill_contact") == 0
    history.redo()
    assert count(db, "phone_tree_drill") == 1 and count(db, "phone_tree_drill_contact") == 5


def test_an_order_not_saved_is_asked_about_before_closing_or_another_block(
    qtbot: QtBot,
    db: Database,
    group_id: int,
    phone_block: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    blocks = [(phone_block["block"], "Block 4"), (phone_block["other"], "Block 5")]
    dialog = PhoneTreeDialog(None, context, blocks)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[str] = []
    answers = [Button.Cancel, Button.Cancel, Button.Save]
    monkeypatch.setattr(unsaved, "ask", lambda _p, what: asked.append(what) or answers.pop(0))
    dialog.order.setCurrentRow(4)
    qtbot.mouseClick(dialog.findChild(QPushButton, "move_up"), Qt.MouseButton.LeftButton)
    on_screen = shown(dialog)

    dialog.block.setCurrentIndex(1)  # Cancel: stays on Block 4 with the order moved
    assert dialog.block.currentIndex() == 0 and shown(dialog) == on_screen
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel: stays open
    assert dialog.isVisible()
    dialog.block.setCurrentIndex(1)  # Save, then Block 5
    order = "the phone tree order of Block 4"
    assert asked == [order, "your changes", order]
    assert dialog.block.currentIndex() == 1
    stored = [line.person.name for line in phone_tree_of(db, phone_block["block"]).lines]
    assert stored == on_screen


def phone_tree_of(db: Database, block_id: int) -> PhoneTree:
    with db.read() as session:
        return phone_tree(session, block_id)


def count(db: Database, table: str) -> int:
    with db.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())

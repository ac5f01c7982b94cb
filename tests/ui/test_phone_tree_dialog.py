"""The phone tree dialog: reorder by Move up/down and by drag-and-drop, save, log a drill."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from watchdesk.db.engine import Database
from watchdesk.services.phone_trees import phone_tree
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.phone_tree import PhoneTreeDialog
from watchdesk.ui.tasks import TaskRunner


def open_dialog(qtbot: QtBot, db: Database, group_id: int, zone: int) -> PhoneTreeDialog:
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    dialog = PhoneTreeDialog(None, context, [(zone, "Block 4")])
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
    dialog = open_dialog(qtbot, db, group_id, phone_block["zone"])
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
        stored = phone_tree(session, phone_block["zone"], fan_out=2)
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

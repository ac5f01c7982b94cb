"""The Members page driven as a coordinator would: typing, filtering, sorting, forms, undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav, sql_count
from watchdesk.db.engine import Database
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.members import MembersPage


def members_page(qtbot: QtBot, window: MainWindow) -> MembersPage:
    click_nav(qtbot, window, "Members")
    page = window.pages.currentWidget()
    assert isinstance(page, MembersPage)
    return page


def shown_names(page: MembersPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def in_dialog(qtbot: QtBot, steps: Callable[[QDialog], None]) -> list[BaseException]:
    """Run ``steps`` on the modal dialog the next click opens; failures are collected."""
    failures: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, QDialog)
            steps(dialog)
        except BaseException as error:  # reported by the test after exec() returns
            failures.append(error)
            if isinstance(dialog, QDialog):
                dialog.done(QDialog.DialogCode.Rejected)  # no question about changes

    QTimer.singleShot(0, run)
    return failures


def test_model_passes_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, make_window: MakeWindow, demo_db: Database
) -> None:
    page = members_page(qtbot, make_window(demo_db))
    qtmodeltester.check(page.model, force_py=True)
    page.model.sort(1, Qt.SortOrder.DescendingOrder)
    page.search.setText("a")
    qtmodeltester.check(page.model, force_py=True)


def test_typing_filters_in_sql_as_you_type(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = members_page(qtbot, make_window(demo_db))
    active = sql_count(demo_db, "SELECT count(*) FROM member WHERE status = 'active'")
    assert page.model.rowCount() == active
    assert page.count_label.text() == f"{active} members"
    family = sql_count(demo_db, "SELECT count(*) FROM member WHERE family_name = 'Alvarez'")
    assert family > 0
    qtbot.keyClicks(page.search, "alvarez")
    expected = sql_count(
        demo_db,
        "SELECT count(*) FROM member m LEFT JOIN household h ON h.id = m.household_id "
        "WHERE m.status = 'active' AND (m.family_name LIKE '%alvarez%' "
        "OR m.given_name LIKE '%alvarez%' OR m.email LIKE '%alvarez%' "
        "OR h.address_line LIKE '%alvarez%')",
    )
    assert page.model.rowCount() == expected
    assert all("Alvarez" in name or "alvarez" in name.lower() for name in shown_names(page)[:1])
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))
    assert page.model.rowCount() == sql_count(demo_db, "SELECT count(*) FROM member")
    page.role_filter.setCurrentIndex(page.role_filter.findData("block_captain"))
    assert page.model.rowCount() == sql_count(
        demo_db, "SELECT count(*) FROM member WHERE role = 'block_captain'"
    )


def test_clicking_a_header_sorts_and_selection_shows_detail(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = members_page(qtbot, make_window(demo_db))
    names = shown_names(page)
    assert names == sorted(names, key=str.casefold) or names[0] <= names[-1]
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().topLeft() + _mid(header, 0)
    )
    descending = shown_names(page)
    assert descending[0] >= descending[-1]
    assert page.model.descending
    page.table.selectRow(0)
    html = page.detail.toPlainText()
    family, given = descending[0].split(", ")
    assert f"{given} {family}" in html
    assert "History" in html


def _mid(header: object, section: int) -> object:
    from PySide6.QtCore import QPoint

    position = header.sectionViewportPosition(section)  # type: ignore[attr-defined]
    return QPoint(position + 10, 5)


def test_add_with_a_bad_email_shows_the_message_then_saves_and_undoes(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    window = make_window(db)
    page = members_page(qtbot, window)
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "given_name"), "Ann")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "family_name"), "O'Brien & Sons <Block 4>")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "email"), "ann@@example")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "phone_mobile"), "(503) 555-0123")
        dialog.findChild(QCheckBox, "consent_phone_tree").setChecked(True)
        save = dialog.findChild(QPushButton, "save")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        error = dialog.findChild(QLabel, "error_email")
        seen["error"] = error.text() if error.isVisible() else ""
        seen["still_open"] = str(dialog.isVisible())
        email = dialog.findChild(QLineEdit, "email")
        email.clear()
        qtbot.keyClicks(email, "ANN@Example.org")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert "email" in seen["error"].lower() or "valid" in seen["error"].lower()
    assert seen["still_open"] == "True"
    with db.read() as session:
        stored = session.execute(
            text("SELECT family_name, email, phone_mobile, consent_phone_tree FROM member")
        ).all()
    assert stored == [("O'Brien & Sons <Block 4>", "ann@example.org", "+15035550123", 1)]
    assert shown_names(page) == ["O'Brien & Sons <Block 4>, Ann"]
    page.table.selectRow(0)
    assert "O'Brien & Sons <Block 4>" in page.detail.toPlainText()

    window.action_undo.trigger()
    assert sql_count(db, "SELECT count(*) FROM member") == 0
    assert shown_names(page) == []
    assert window.action_redo.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keySequence(page.table, QKeySequence(QKeySequence.StandardKey.Redo))
    assert sql_count(db, "SELECT count(*) FROM member") == 1
    assert "Add Ann" in window.action_undo.text()


def add_member(db: Database, group_id: int, given: str, family: str, **extra: object) -> int:
    from watchdesk.core.entities import MemberInput
    from watchdesk.services.members import add_member as add

    with db.write() as session:
        return add(session, group_id, MemberInput(given_name=given, family_name=family, **extra)).id  # type: ignore[arg-type]


def test_edit_and_inactivate_are_undoable(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    member = add_member(db, group_id, "Bob", "Adams", email="bob@example.org")
    window = make_window(db)
    page = members_page(qtbot, window)
    page.table.selectRow(0)

    def rename(dialog: QDialog) -> None:
        given = dialog.findChild(QLineEdit, "given_name")
        assert given.text() == "Bob"
        given.clear()
        qtbot.keyClicks(given, "Robert")
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, rename)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert shown_names(page) == ["Adams, Robert"]
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert shown_names(page) == []  # the page shows active members by default
    assert (
        sql_count(db, f"SELECT count(*) FROM member WHERE id = {member} AND status = 'inactive'")
        == 1
    )
    window.action_undo.trigger()
    window.action_undo.trigger()
    with db.read() as session:
        assert session.execute(text("SELECT given_name, status FROM member")).one() == (
            "Bob",
            "active",
        )
    assert shown_names(page) == ["Adams, Bob"]


def test_possible_duplicate_is_flagged_before_saving(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    add_member(db, group_id, "Ann", "Lee", email="ann@example.org")
    page = members_page(qtbot, make_window(db))
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "given_name"), "Annie")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "family_name"), "Lee")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "email"), "ann@example.org")
        save = dialog.findChild(QPushButton, "save")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["warning"] = dialog.findChild(QLabel, "duplicates").text()
        seen["button"] = save.text()
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert "Ann Lee (same email)" in seen["warning"]
    assert seen["button"] == "Save anyway"
    assert sql_count(db, "SELECT count(*) FROM member") == 2


def test_merge_two_selected_members(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = add_member(db, group_id, "Ann", "Lee", email="ann@example.org")
    second = add_member(db, group_id, "Ann", "Lee", phone_mobile="503-555-0199")
    page = members_page(qtbot, make_window(db))
    monkeypatch.setattr(page, "ask_which_to_keep", lambda a, b: 0)
    page.table.selectAll()
    assert page.merge_button.isEnabled()
    kept = page.selected_ids()[0]
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert {first, second} == {kept, first ^ second ^ kept}
    with db.read() as session:
        rows = session.execute(
            text("SELECT id, status, merged_into_id, phone_mobile, email FROM member ORDER BY id")
        ).all()
    survivor = next(r for r in rows if r[0] == kept)
    gone = next(r for r in rows if r[0] != kept)
    assert survivor[1:] == ("active", None, "+15035550199", "ann@example.org")
    assert gone[1:3] == ("inactive", kept)
    assert shown_names(page) == ["Lee, Ann"]


def test_household_vehicle_then_plate_lookup(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    add_member(db, group_id, "Ann", "Lee")
    page = members_page(qtbot, make_window(db))
    page.table.selectRow(0)

    def new_household(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "address_line"), "12 Elm St")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "pets"), "Dog (friendly)")
        box = dialog.findChild(QDialogButtonBox)
        save = box.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, new_household)
    qtbot.mouseClick(page.household_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert "12 Elm St" in page.detail.toPlainText()

    def add_car(dialog: QDialog) -> None:
        for name, value in (
            ("colour", "Red"),
            ("make", "Honda"),
            ("plate", "7ab-c12"),
            ("plate_state", "or"),
        ):
            qtbot.keyClicks(dialog.findChild(QLineEdit, f"vehicle_{name}"), value)
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_vehicle"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "vacation_from"), "7/1/2027")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "vacation_to"), "7/14/2027")
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_vacation"), Qt.MouseButton.LeftButton)
        dialog.reject()

    failures = in_dialog(qtbot, add_car)
    qtbot.mouseClick(page.household_button, Qt.MouseButton.LeftButton)
    assert failures == []
    detail = page.detail.toPlainText()
    assert "Red Honda — 7ABC12 OR" in detail and "Jul 1 – 14, 2027" in detail
    qtbot.keyClicks(page.plate, "7a?c")
    assert page.plate_result.text() == "7ABC12 (OR) — Red Honda — 12 Elm St (Ann Lee)"
    page.plate.clear()
    qtbot.keyClicks(page.plate, "ZZZ9")
    assert page.plate_result.text() == "Not a registered neighbour's vehicle."


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_roster_import_dialog_previews_then_imports(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, tmp_path: Path
) -> None:
    from watchdesk.ui.dialogs.roster_import import RosterImportDialog

    page = members_page(qtbot, make_window(db))
    roster = write(
        tmp_path / "roster.csv",
        "Name;E-mail;Phone #;Street Address;Block\r\n"
        '"Peña, Ana";ANA@EXAMPLE.ORG;(503) 555-0101;12 Elm St;North\r\n'
        "Lee, Bo;not-an-email;;14 Elm St;North\r\n".encode("cp1252"),
    )
    dialog = RosterImportDialog(page, page.context)
    qtbot.addWidget(dialog)
    assert dialog.load(roster)
    assert dialog.current_mapping() == {
        0: "full_name",
        1: "email",
        2: "phone_mobile",
        3: "address_line",
        4: "block",
    }
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(1, 2).text() == "Skip"
    assert "email" in dialog.preview.item(1, 3).text()
    assert dialog.summary.text().startswith("1 to add, 0 to update, 1 skipped")
    assert sql_count(db, "SELECT count(*) FROM member") == 0  # the preview writes nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.read() as session:
        assert session.execute(text("SELECT given_name, family_name, email FROM member")).all() == [
            ("Ana", "Peña", "ana@example.org")
        ]


def test_roster_import_dialog_refuses_an_empty_file(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from watchdesk.ui.dialogs.roster_import import RosterImportDialog

    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, body: messages.append(body))
    page = members_page(qtbot, make_window(db))
    dialog = RosterImportDialog(page, page.context)
    qtbot.addWidget(dialog)
    assert not dialog.load(write(tmp_path / "empty.csv", b""))
    assert messages and "empty.csv" in messages[0]
    assert not dialog.import_button.isEnabled()
    assert sql_count(db, "SELECT count(*) FROM member") == 0

"""The member form as a volunteer fills it: role, local phone numbers, joined date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import sql_count
from tests.ui.test_members_page import in_dialog, members_page
from watchdesk.core.validation import PhoneDefaults
from watchdesk.db.engine import Database
from watchdesk.ops import groups as group_ops
from watchdesk.ui.dialogs.member_form import MemberDialog


def test_a_new_member_defaults_to_member_not_coordinator(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, [], [], lambda data: [])
    qtbot.addWidget(dialog)
    role = dialog.findChild(QComboBox, "role")
    assert role.currentData() == "member" and role.currentText() == "Member"
    assert dialog.current_input().role == "member"


def test_seven_digits_refused_without_an_area_code(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, [], [], lambda data: [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "given_name"), "Ann")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "family_name"), "Lee")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "phone_mobile"), "555-0123")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "error_phone_mobile")
    assert error.isVisible() and error.text() == (
        "555-0123 has no area code: add it, or set the group's area code in Preferences"
    )
    assert dialog.result_input is None and dialog.isVisible()
    dialog.done(QDialog.DialogCode.Rejected)


def test_future_joined_date_is_refused_then_a_local_number_is_completed(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    group_ops.set_phone_defaults(db, group_id, "503", "US")
    window = make_window(db)
    page = members_page(qtbot, window)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MemberDialog) and dialog.phones == PhoneDefaults("US", "503")
        seen["role"] = dialog.findChild(QComboBox, "role").currentData()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "given_name"), "Ann")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "family_name"), "Lee")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "phone_mobile"), "555-0123")
        dialog.findChild(QCheckBox, "joined_on_recorded").setChecked(True)
        joined = dialog.findChild(QDateEdit, "joined_on")
        joined.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        save = dialog.findChild(QPushButton, "save")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        error = dialog.findChild(QLabel, "error_joined_on")
        seen["error"] = error.text() if error.isVisible() else ""
        seen["phone_error"] = dialog.findChild(QLabel, "error_phone_mobile").isVisible()
        seen["members_while_open"] = sql_count(db, "SELECT count(*) FROM member")
        joined.setDate(QDate(2024, 3, 7))
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert seen["role"] == "member"
    today = dt.date.today().isoformat()
    assert seen["error"] == f"The joined date cannot be in the future: today is {today}"
    assert seen["phone_error"] is False and seen["members_while_open"] == 0
    with db.read() as session:
        stored = session.execute(text("SELECT role, phone_mobile, joined_on FROM member")).all()
    assert stored == [("member", "+15035550123", "2024-03-07")]

"""Training and Meetings pages: courses, sessions, the sign-in grid, compliance, meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.pdf import pdf_text
from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav, sql_count
from tests.ui.test_members_page import in_dialog
from watchdesk.core.entities import MemberInput, ZoneInput
from watchdesk.db.engine import Database
from watchdesk.services import groups, members
from watchdesk.ui.pages.meetings import MeetingsPage
from watchdesk.ui.pages.training import TrainingPage


def populate(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        zone = groups.create_zone(session, group_id, ZoneInput(name="Block 4"))
        ids = {
            given: members.add_member(
                session,
                group_id,
                MemberInput(given_name=given, family_name=family, role=role, zone_id=zone.id),
            ).id
            for given, family, role in (
                ("Pat", "Rolle", "patroller"),
                ("Mo", "Member", "member"),
                ("Cap", "Tain", "block_captain"),
            )
        }
    return ids


def test_course_session_attendance_and_compliance(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, tmp_path: Path
) -> None:
    ids = populate(db, group_id)
    window = make_window(db)
    click_nav(qtbot, window, "Training")
    page = window.pages.currentWidget()
    assert isinstance(page, TrainingPage)

    def new_course(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "course_title"), "Patrol safety")
        dialog.findChild(QCheckBox, "role_patroller").setChecked(True)
        dialog.findChild(QCheckBox, "role_block_captain").setChecked(True)
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_course)
    page.add_course()
    assert failures == []
    assert page.course_list.count() == 1
    assert "valid 24 months; required for Block captain, Patroller" in page.course_info.text()
    page.tabs.setCurrentIndex(1)
    assert page.compliance_table.rowCount() == 2  # Pat and Cap are missing it; Mo needs none
    assert page.compliance_table.item(0, 4).text() == "Missing"

    def new_session(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "session_place"), "Community Hall")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_session)
    page.schedule_session()
    assert failures == []
    assert page.session_table.rowCount() == 1
    page.enroll_needed()
    grid = page.grid
    assert grid.table.rowCount() == 2
    assert {grid.table.item(r, 0).text() for r in range(2)} == {"Rolle, Pat", "Tain, Cap"}
    picker = grid.findChild(QComboBox, f"status_{ids['Pat']}")
    picker.setCurrentIndex(picker.findData("present"))
    with db.read() as session:
        assert session.execute(text("SELECT member_id FROM certification")).scalars().all() == [
            ids["Pat"]
        ]
    assert page.session_table.item(0, 4).text() == "1"
    assert page.compliance_table.rowCount() == 1
    assert page.compliance_table.item(0, 1).text() == "Cap Tain"
    page.problems_only.setChecked(False)
    assert page.compliance_table.rowCount() == 2

    page.write_sign_in_pdf(tmp_path / "signin.pdf")
    assert page.last_pdf == tmp_path / "signin.pdf"
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'signin.pdf'}"
    sheet = pdf_text(tmp_path / "signin.pdf")[0]
    assert "Sign-in: Patrol safety" in sheet and "Rolle, Pat" in sheet and "Tain, Cap" in sheet
    page.problems_only.setChecked(True)
    page.write_compliance_pdf(tmp_path / "compliance.pdf")
    report = pdf_text(tmp_path / "compliance.pdf")[0]
    assert "Cap Tain" in report and "Pat Rolle" not in report and "1 missing" in report


def test_meeting_agenda_minutes_and_attendance(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, tmp_path: Path
) -> None:
    ids = populate(db, group_id)
    window = make_window(db)
    click_nav(qtbot, window, "Meetings")
    page = window.pages.currentWidget()
    assert isinstance(page, MeetingsPage)
    assert not page.save_button.isEnabled()

    def new_meeting(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "meeting_title"), "Coffee with a Cop")
        kind = dialog.findChild(QComboBox, "meeting_kind")
        kind.setCurrentIndex(kind.findData("coffee_with_a_cop"))
        # QTest cannot type "é" (it aborts), so the accented name is set directly.
        dialog.findChild(QLineEdit, "meeting_place").setText("Bean & Leaf <Café>")
        dialog.findChild(QPlainTextEdit, "meeting_agenda").setPlainText("Welcome\nQ&A")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_meeting)
    page.new_meeting()
    assert failures == []
    assert page.table.rowCount() == 1
    assert page.agenda.toPlainText() == "Welcome\nQ&A"
    assert "Bean & Leaf <Café>" in page.heading.text()
    page.briefing.setPlainText("Two car break-ins on Elm; lock your cars.")
    page.minutes.setPlainText("12 neighbours came.")
    page.agenda.setPlainText("Welcome\nOfficer briefing\nQ&A")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with db.read() as session:
        assert session.execute(text("SELECT officer_briefing, minutes FROM meeting")).one() == (
            "Two car break-ins on Elm; lock your cars.",
            "12 neighbours came.",
        )
        assert session.execute(
            text("SELECT title FROM agenda_item ORDER BY position")
        ).scalars().all() == ["Welcome", "Officer briefing", "Q&A"]
    grid = page.grid
    grid.candidates.setCurrentIndex(grid.candidates.findData(ids["Mo"]))
    qtbot.mouseClick(grid.add_button, Qt.MouseButton.LeftButton)
    assert grid.status_of(ids["Mo"]) == "present"
    picker = grid.findChild(QComboBox, f"status_{ids['Mo']}")
    picker.setCurrentIndex(picker.findData("excused"))
    assert sql_count(db, "SELECT count(*) FROM meeting_attendance WHERE status = 'excused'") == 1
    page.write_sign_in_pdf(tmp_path / "meeting.pdf")
    sheet = pdf_text(tmp_path / "meeting.pdf")[0]
    assert "Sign-in: Coffee with a Cop" in sheet and "Bean & Leaf <Café>" in sheet


def test_meetings_page_opens_on_the_next_meeting(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    window = make_window(demo_db)
    click_nav(qtbot, window, "Meetings")
    page = window.pages.currentWidget()
    assert isinstance(page, MeetingsPage)
    now = dt.datetime.now(dt.UTC)
    chosen = page.current_meeting()
    assert chosen is not None and chosen.starts_at >= now
    assert all(m.starts_at < now or m.starts_at >= chosen.starts_at for m in page.meetings)


def test_editing_a_course_keeps_its_description(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    from watchdesk.core.entities import CourseInput
    from watchdesk.services.training import add_course

    with db.write() as session:
        add_course(
            session, group_id, CourseInput(title="CPR", description="Hands-only CPR, 2 hours")
        )
    window = make_window(db)
    click_nav(qtbot, window, "Training")
    page = window.pages.currentWidget()
    assert isinstance(page, TrainingPage)

    def rename(dialog: QDialog) -> None:
        title = dialog.findChild(QLineEdit, "course_title")
        title.clear()
        qtbot.keyClicks(title, "CPR and first aid")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, rename)
    page.edit_course()
    assert failures == []
    with db.read() as session:
        assert session.execute(text("SELECT title, description FROM course")).one() == (
            "CPR and first aid",
            "Hands-only CPR, 2 hours",
        )

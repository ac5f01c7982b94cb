"""Training and Meetings pages: courses, sessions, the sign-in grid, compliance, meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.pdf import pdf_text
from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav, sql_count
from tests.ui.test_members_page import in_dialog
from tests.ui.test_unsaved_work import click_meeting, meetings_page, two_meetings
from watchdesk.core.entities import BlockInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.services import groups, members
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.meetings import MeetingsPage
from watchdesk.ui.pages.training import TrainingPage


def populate(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        block = groups.create_block(session, group_id, BlockInput(name="Block 4"))
        ids = {
            given: members.add_member(
                session,
                group_id,
                MemberInput(given_name=given, family_name=family, role=role, block_id=block.id),
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

    def new_training_session(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "session_place"), "Community Hall")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_training_session)
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


# -- every edit is one step in Edit > Undo ------------------------------------------------------
def undo_and_redo(
    window: MainWindow, db: Database, query: str, before: object, after: object, name: str
) -> None:
    """The edit left ``after`` in the file; Edit > Undo, named after it, puts back ``before``
    and Edit > Redo does it again."""
    assert raw_rows(db, query) == after
    assert window.action_undo.text() == f"&Undo {name}"
    window.action_undo.trigger()
    assert raw_rows(db, query) == before
    assert window.action_redo.text() == f"&Redo {name}"
    window.action_redo.trigger()
    assert raw_rows(db, query) == after
    assert window.action_undo.text() == f"&Undo {name}"


def click(qtbot: QtBot, page: QWidget, name: str) -> None:
    button = page.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_meeting_edits_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    december, _social = two_meetings(db, group_id)
    mo = int(str(raw_rows(db, "SELECT id FROM member")[0][0]))
    window = make_window(db)
    page = meetings_page(qtbot, window)
    meetings = "SELECT title, kind, place FROM meeting ORDER BY starts_at"
    two = [("December meeting", "community", None), ("Holiday social", "community", None)]

    def new_meeting(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "meeting_title"), "Coffee with a Cop")
        kind = dialog.findChild(QComboBox, "meeting_kind")
        kind.setCurrentIndex(kind.findData("coffee_with_a_cop"))
        dialog.findChild(QDateEdit, "meeting_date").setDate(QDate(2027, 1, 5))
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_meeting)
    click(qtbot, page, "new_meeting")
    assert failures == []
    three = [*two, ("Coffee with a Cop", "coffee_with_a_cop", None)]
    undo_and_redo(window, db, meetings, two, three, "Add meeting Coffee with a Cop")
    assert page.table.rowCount() == 3

    click_meeting(qtbot, page, "December meeting")

    def new_details(dialog: QDialog) -> None:
        place = dialog.findChild(QLineEdit, "meeting_place")
        assert dialog.findChild(QLineEdit, "meeting_title").text() == "December meeting"
        qtbot.keyClicks(place, "Library")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_details)
    click(qtbot, page, "edit_meeting")
    assert failures == []
    edited = [("December meeting", "community", "Library"), *three[1:]]
    undo_and_redo(window, db, meetings, three, edited, "Edit meeting December meeting")
    assert raw_rows(db, "SELECT starts_at FROM meeting WHERE id = ?", december) == [
        ("2026-12-09 00:00:00.000000",)
    ]
    assert "Library" in page.heading.text()

    notes = "SELECT minutes FROM meeting WHERE id = ?"
    qtbot.keyClicks(page.minutes, "Twelve came.")
    click(qtbot, page, "save_notes")
    undo_and_redo(
        window,
        db,
        f"SELECT minutes FROM meeting WHERE id = {december}",
        [(None,)],
        [("Twelve came.",)],
        "Save minutes of the Tue Dec 8 meeting",
    )
    window.action_undo.trigger()
    assert page.minutes.toPlainText() == "" and page.unsaved_changes() is None
    window.action_redo.trigger()
    assert page.minutes.toPlainText() == "Twelve came." and page.unsaved_changes() is None
    assert raw_rows(db, notes, december) == [("Twelve came.",)]

    attendance = "SELECT member_id, status FROM meeting_attendance"
    grid = page.grid
    grid.candidates.setCurrentIndex(grid.candidates.findData(mo))
    qtbot.mouseClick(grid.add_button, Qt.MouseButton.LeftButton)
    undo_and_redo(
        window, db, attendance, [], [(mo, "present")], "Add Mo Member to the Tue Dec 8 meeting"
    )
    assert grid.status_of(mo) == "present"

    picker = grid.findChild(QComboBox, f"status_{mo}")
    picker.setCurrentIndex(picker.findData("excused"))
    undo_and_redo(
        window,
        db,
        attendance,
        [(mo, "present")],
        [(mo, "excused")],
        "Mark Mo Member excused at the Tue Dec 8 meeting",
    )
    assert grid.status_of(mo) == "excused"
    qtbot.mouseClick(grid.mark_all, Qt.MouseButton.LeftButton)
    undo_and_redo(
        window,
        db,
        attendance,
        [(mo, "excused")],
        [(mo, "present")],
        "Mark Mo Member present at the Tue Dec 8 meeting",
    )


def test_training_edits_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    ids = populate(db, group_id)
    window = make_window(db)
    click_nav(qtbot, window, "Training")
    page = window.pages.currentWidget()
    assert isinstance(page, TrainingPage)
    courses = "SELECT title, validity_months FROM course"

    def new_course(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "course_title"), "Patrol safety")
        dialog.findChild(QCheckBox, "role_patroller").setChecked(True)
        dialog.findChild(QCheckBox, "role_block_captain").setChecked(True)
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_course)
    click(qtbot, page, "add_course")
    assert failures == []
    undo_and_redo(window, db, courses, [], [("Patrol safety", 24)], "Add course Patrol safety")
    assert page.course_list.count() == 1

    def rename(dialog: QDialog) -> None:
        dialog.findChild(QCheckBox, "never_expires").setChecked(True)
        title = dialog.findChild(QLineEdit, "course_title")
        qtbot.keyClick(title, Qt.Key.Key_End)  # the title opens selected, as Qt does
        qtbot.keyClicks(title, " basics")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, rename)
    click(qtbot, page, "edit_course")
    assert failures == []
    undo_and_redo(
        window,
        db,
        courses,
        [("Patrol safety", 24)],
        [("Patrol safety basics", None)],
        "Edit course Patrol safety basics",
    )
    assert "never expires" in page.course_info.text()

    training_sessions = "SELECT starts_at, location, capacity FROM training_session"

    def new_training_session(dialog: QDialog) -> None:
        dialog.findChild(QDateEdit, "session_date").setDate(QDate(2026, 12, 8))
        qtbot.keyClicks(dialog.findChild(QLineEdit, "session_place"), "Community Hall")
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, new_training_session)
    click(qtbot, page, "schedule_session")
    assert failures == []
    scheduled = [("2026-12-08 23:30:00.000000", "Community Hall", None)]
    undo_and_redo(
        window,
        db,
        training_sessions,
        [],
        scheduled,
        "Schedule Patrol safety basics session Tue Dec 8",
    )
    assert page.session_table.rowCount() == 1

    def move(dialog: QDialog) -> None:
        place = dialog.findChild(QLineEdit, "session_place")
        assert place.text() == "Community Hall"
        place.clear()
        qtbot.keyClicks(place, "Library")
        dialog.findChild(QSpinBox, "session_capacity").setValue(5)
        dialog.submit()  # type: ignore[attr-defined]

    failures = in_dialog(qtbot, move)
    click(qtbot, page, "edit_session")
    assert failures == []
    moved = [("2026-12-08 23:30:00.000000", "Library", 5)]
    undo_and_redo(
        window,
        db,
        training_sessions,
        scheduled,
        moved,
        "Edit Patrol safety basics session Tue Dec 8",
    )
    assert page.session_table.item(0, 1).text() == "Library"

    attendance = "SELECT member_id, status FROM training_attendance ORDER BY member_id"
    click(qtbot, page, "enroll_needed")
    enrolled = sorted([(ids["Pat"], "enrolled"), (ids["Cap"], "enrolled")])
    undo_and_redo(
        window, db, attendance, [], enrolled, "Enroll 2 in Patrol safety basics session Tue Dec 8"
    )
    assert page.grid.table.rowCount() == 2

    picker = page.grid.findChild(QComboBox, f"status_{ids['Pat']}")
    picker.setCurrentIndex(picker.findData("present"))
    undo_and_redo(
        window,
        db,
        "SELECT member_id FROM certification",
        [],
        [(ids["Pat"],)],
        "Mark Pat Rolle present at Patrol safety basics session Tue Dec 8",
    )
    assert page.session_table.item(0, 4).text() == "1"
    assert page.grid.status_of(ids["Pat"]) == "present"

    qtbot.mouseClick(page.grid.mark_all, Qt.MouseButton.LeftButton)
    all_present = sorted([(ids["Pat"], "present"), (ids["Cap"], "present")])
    undo_and_redo(
        window,
        db,
        attendance,
        sorted([(ids["Pat"], "present"), (ids["Cap"], "enrolled")]),
        all_present,
        "Mark Cap Tain present at Patrol safety basics session Tue Dec 8",
    )
    page.tabs.setCurrentIndex(1)
    assert page.compliance_table.rowCount() == 0

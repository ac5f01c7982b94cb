"""Typed work on the Meetings page is never dropped without asking: choosing another meeting,
leaving the page, or an edit elsewhere on the page first asks Save / Discard / Cancel."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav
from watchdesk.core.entities import MeetingInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.services import meetings as meeting_service
from watchdesk.services import members as member_service
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.meetings import MeetingsPage

Button = QMessageBox.StandardButton


def two_meetings(db: Database, group_id: int) -> tuple[int, int]:
    """The December meeting on Tue Dec 8 and the holiday social a week later."""
    time_zone = ZoneInfo(str(raw_rows(db, "SELECT timezone FROM watch_group")[0][0]))
    with db.write() as session:
        first = meeting_service.add_meeting(
            session,
            group_id,
            MeetingInput(
                "December meeting",
                dt.datetime(2026, 12, 8, 19, 0, tzinfo=time_zone),
                agenda=("Hi",),
            ),
        )
        second = meeting_service.add_meeting(
            session,
            group_id,
            MeetingInput("Holiday social", dt.datetime(2026, 12, 15, 18, 0, tzinfo=time_zone)),
        )
        member_service.add_member(session, group_id, MemberInput("Mo", "Member"))
    return first.id, second.id


def meetings_page(qtbot: QtBot, window: MainWindow) -> MeetingsPage:
    click_nav(qtbot, window, "Meetings")
    page = window.pages.currentWidget()
    assert isinstance(page, MeetingsPage)
    return page


def click_meeting(qtbot: QtBot, page: MeetingsPage, title: str) -> None:
    """Click the meeting's row in the table, as a user would."""
    rows = [r for r in range(page.table.rowCount()) if page.table.item(r, 2).text() == title]
    assert rows, title
    rect = page.table.visualItemRect(page.table.item(rows[0], 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answering(monkeypatch: pytest.MonkeyPatch, answer: Button) -> list[str]:
    """Answer the Save / Discard / Cancel question with ``answer``; returns what was asked."""
    asked: list[str] = []

    def ask(_parent: QWidget | None, what: str) -> Button:
        asked.append(what)
        return answer

    monkeypatch.setattr("watchdesk.ui.unsaved.ask", ask)
    return asked


def minutes_of(db: Database, meeting_id: int) -> object:
    return raw_rows(db, "SELECT minutes FROM meeting WHERE id = ?", meeting_id)[0][0]


@pytest.mark.parametrize(
    "answer", [Button.Save, Button.Discard, Button.Cancel], ids=["save", "discard", "cancel"]
)
def test_choosing_another_meeting_asks_about_typed_minutes(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    monkeypatch: pytest.MonkeyPatch,
    answer: Button,
) -> None:
    december, social = two_meetings(db, group_id)
    window = make_window(db)
    page = meetings_page(qtbot, window)
    asked = answering(monkeypatch, answer)
    click_meeting(qtbot, page, "December meeting")
    chosen = page.current_meeting()
    assert chosen is not None and chosen.id == december
    assert asked == []  # nothing typed yet: nothing to ask
    qtbot.keyClicks(page.minutes, "Twelve neighbours came.")

    click_meeting(qtbot, page, "Holiday social")

    assert asked == ["the minutes of the Tue Dec 8 meeting"]
    chosen = page.current_meeting()
    assert chosen is not None
    if answer == Button.Save:
        assert minutes_of(db, december) == "Twelve neighbours came."
        assert chosen.id == social and "Holiday social" in page.heading.text()
        assert page.minutes.toPlainText() == ""
        assert window.action_undo.text().endswith("Save minutes of the Tue Dec 8 meeting")
    elif answer == Button.Discard:
        assert minutes_of(db, december) is None
        assert chosen.id == social and "Holiday social" in page.heading.text()
        assert page.minutes.toPlainText() == ""
    else:
        assert minutes_of(db, december) is None
        assert chosen.id == december and "December meeting" in page.heading.text()
        assert [i.row() for i in page.table.selectionModel().selectedRows()] == [
            [m.id for m in page.meetings].index(december)
        ]
        assert page.minutes.toPlainText() == "Twelve neighbours came."
        assert page.unsaved_changes() == "the minutes of the Tue Dec 8 meeting"
    if answer != Button.Cancel:
        assert page.unsaved_changes() is None
        click_meeting(qtbot, page, "December meeting")  # nothing typed: no question
        assert len(asked) == 1


def test_leaving_the_page_with_typed_minutes_asks_and_cancel_stays(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    december, _social = two_meetings(db, group_id)
    window = make_window(db)
    page = meetings_page(qtbot, window)
    click_meeting(qtbot, page, "December meeting")
    qtbot.keyClick(page.agenda, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.agenda, Qt.Key.Key_Return)
    qtbot.keyClicks(page.agenda, "Officer briefing")
    qtbot.keyClicks(page.minutes, "Twelve came.")
    asked = answering(monkeypatch, Button.Cancel)

    click_nav(qtbot, window, "Members")

    assert asked == ["the agenda and minutes of the Tue Dec 8 meeting"]
    assert window.current_page_name() == "Meetings"
    assert window.pages.currentWidget() is page
    assert page.minutes.toPlainText() == "Twelve came."
    assert minutes_of(db, december) is None
    # The list shows Meetings again once the click is over.
    qtbot.waitUntil(lambda: window.navigation.currentItem().text() == "Meetings", timeout=2000)

    asked = answering(monkeypatch, Button.Save)
    click_nav(qtbot, window, "Members")
    assert asked == ["the agenda and minutes of the Tue Dec 8 meeting"]
    assert window.current_page_name() == "Members"
    assert minutes_of(db, december) == "Twelve came."
    assert raw_rows(db, "SELECT title FROM agenda_item ORDER BY position") == [
        ("Hi",),
        ("Officer briefing",),
    ]


def test_an_attendance_change_keeps_the_minutes_being_typed(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    december, _social = two_meetings(db, group_id)
    mo = int(str(raw_rows(db, "SELECT id FROM member")[0][0]))
    window = make_window(db)
    page = meetings_page(qtbot, window)
    asked = answering(monkeypatch, Button.Cancel)
    click_meeting(qtbot, page, "December meeting")
    qtbot.keyClicks(page.minutes, "Twelve came.")

    grid = page.grid
    grid.candidates.setCurrentIndex(grid.candidates.findData(mo))
    qtbot.mouseClick(grid.add_button, Qt.MouseButton.LeftButton)

    assert raw_rows(db, "SELECT member_id, status FROM meeting_attendance") == [(mo, "present")]
    assert grid.status_of(mo) == "present"
    assert page.minutes.toPlainText() == "Twelve came."
    assert page.unsaved_changes() == "the minutes of the Tue Dec 8 meeting"
    assert asked == []
    assert minutes_of(db, december) is None


def test_a_new_meeting_asks_first_and_discard_puts_back_what_was_saved(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    two_meetings(db, group_id)
    window = make_window(db)
    page = meetings_page(qtbot, window)
    click_meeting(qtbot, page, "December meeting")
    qtbot.keyClicks(page.briefing, "Two break-ins on Elm.")
    asked = answering(monkeypatch, Button.Cancel)
    opened: list[object] = []
    monkeypatch.setattr("watchdesk.ui.pages.meetings.MeetingDialog", opened.append)

    qtbot.mouseClick(page.findChild(QPushButton, "new_meeting"), Qt.MouseButton.LeftButton)

    assert asked == ["the officer's briefing of the Tue Dec 8 meeting"]
    assert opened == []  # Cancel: no form, the briefing still typed
    assert page.briefing.toPlainText() == "Two break-ins on Elm."

    asked = answering(monkeypatch, Button.Discard)
    click_nav(qtbot, window, "Members")
    assert asked == ["the officer's briefing of the Tue Dec 8 meeting"]
    assert window.current_page_name() == "Members"
    click_nav(qtbot, window, "Meetings")
    assert page.briefing.toPlainText() == "" and page.agenda.toPlainText() == "Hi"
    assert page.unsaved_changes() is None
    assert raw_rows(db, "SELECT count(*) FROM meeting WHERE officer_briefing IS NULL") == [(2,)]

"""The Patrols page driven as a coordinator would: clicks and keys on the week calendar, the
shift editor, check-in and the patrol log, the gaps panel and member hours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav
from tests.ui.test_members_page import in_dialog
from watchdesk.core.entities import BlockInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.db.models import Assignment, PatrolLog, PatrolLogEntry, Shift
from watchdesk.services import groups, members
from watchdesk.ui.dialogs.patrol_log import PatrolLogDialog
from watchdesk.ui.dialogs.shift_editor import ShiftEditor
from watchdesk.ui.dialogs.suggestions import SuggestionsDialog
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.patrols import PatrolsPage
from watchdesk.ui.widgets.week_calendar import COLOURS, DAY_STARTS, WeekCalendar


@pytest.fixture
def people(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        ids = {"block": groups.create_block(session, group_id, BlockInput(name="Block 1")).id}
        for given in ("Ana", "Ben", "Cy"):
            ids[given] = members.add_member(
                session, group_id, MemberInput(given_name=given, family_name="Reyes")
            ).id
    return ids


def patrols_page(qtbot: QtBot, window: MainWindow) -> PatrolsPage:
    click_nav(qtbot, window, "Patrols")
    page = window.pages.currentWidget()
    assert isinstance(page, PatrolsPage)
    return page


def save(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Save)
    button.click()


def colour_of(calendar: WeekCalendar, shift_id: int) -> str:
    """The fill a user sees near the card's lower right corner."""
    rect = calendar.rects[shift_id]
    image = calendar.grab().toImage()
    return image.pixelColor(int(rect.right()) - 4, int(rect.bottom()) - 4).name()


def add_member_in_editor(member_id: int, expect: str = "Available and eligible."):  # type: ignore[no-untyped-def]
    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.member.setCurrentIndex(dialog.member.findData(member_id))
        assert dialog.member_problems.text() == expect
        dialog.add_button.click()
        save(dialog)

    return steps


def test_create_by_click_then_staff_it_until_it_turns_full(
    qtbot: QtBot, make_window: MakeWindow, db: Database, people: dict[str, int]
) -> None:
    page = patrols_page(qtbot, make_window(db))
    calendar = page.calendar
    calendar.setFocus()
    qtbot.keyClick(calendar, Qt.Key.Key_PageDown)  # next week: nothing there has started
    monday = page.monday
    assert monday > dt.date.today() - dt.timedelta(days=7)
    friday_eight = calendar.slot_rect(4, (20 - DAY_STARTS) * 2).center()

    def fill_in(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        assert dialog.date.date().toPython() == monday + dt.timedelta(days=4)
        assert dialog.start.time().toString("HH:mm") == "20:00"
        assert dialog.end.time().toString("HH:mm") == "23:00"
        save(dialog)  # no block chosen yet: refused with a message
        assert dialog.isVisible()
        error = dialog.findChild(QLineEdit, "shift_route")
        assert error is not None
        message = dialog.errors.labels["block_id"]
        assert "choose a block" in message.text() and message.isVisible()
        dialog.block.setCurrentIndex(dialog.block.findData(people["block"]))
        save(dialog)

    failures = in_dialog(qtbot, fill_in)
    qtbot.mouseClick(calendar, Qt.MouseButton.LeftButton, pos=friday_eight)
    assert failures == []
    assert len(calendar.cards) == 1
    card = calendar.cards[0]
    assert (card.state, card.place, card.local_date) == (
        "empty",
        "Block 1",
        monday + dt.timedelta(4),
    )
    assert colour_of(calendar, card.id) == COLOURS["empty"][0].name()

    centre = calendar.rects[card.id].center().toPoint()
    failures = in_dialog(qtbot, add_member_in_editor(people["Ana"]))
    qtbot.mouseDClick(calendar, Qt.MouseButton.LeftButton, pos=centre)
    assert failures == []
    assert calendar.cards[0].state == "understaffed"
    assert calendar.cards[0].names == ("Ana Reyes",)
    assert colour_of(calendar, card.id) == COLOURS["understaffed"][0].name()

    failures = in_dialog(qtbot, add_member_in_editor(people["Ben"]))
    qtbot.mouseDClick(calendar, Qt.MouseButton.LeftButton, pos=centre)
    assert failures == []
    assert calendar.cards[0].state == "full"
    assert colour_of(calendar, card.id) == COLOURS["full"][0].name()
    with db.read() as session:
        assert set(session.scalars(select(Assignment.member_id))) == {people["Ana"], people["Ben"]}


def test_keyboard_moves_selects_and_opens_shifts(
    qtbot: QtBot, make_window: MakeWindow, db: Database, people: dict[str, int]
) -> None:
    page = patrols_page(qtbot, make_window(db))
    calendar = page.calendar
    calendar.setFocus()
    qtbot.keyClick(calendar, Qt.Key.Key_PageDown)
    # Enter on an empty slot creates a shift there (Friday 19:30 after moving).
    calendar.focus_slot = (3, (20 - DAY_STARTS) * 2)

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        assert dialog.start.time().toString("HH:mm") == "19:30"
        assert dialog.date.date().toPython() == page.monday + dt.timedelta(days=4)
        dialog.block.setCurrentIndex(dialog.block.findData(people["block"]))
        save(dialog)

    qtbot.keyClick(calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar, Qt.Key.Key_Up)
    failures = in_dialog(qtbot, create)
    qtbot.keyClick(calendar, Qt.Key.Key_Return)
    assert failures == []
    shift_id = calendar.cards[0].id
    # Moving the cursor onto the shift selects it; Enter opens the editor.
    calendar.focus_slot = (4, (20 - DAY_STARTS) * 2 - 2)
    qtbot.keyClick(calendar, Qt.Key.Key_Down)
    assert calendar.selected_id == shift_id
    seen: list[str] = []
    failures = in_dialog(qtbot, lambda d: (seen.append(d.windowTitle()), d.reject()))
    qtbot.keyClick(calendar, Qt.Key.Key_Return)
    assert failures == [] and seen == ["Edit shift"]
    qtbot.keyClick(calendar, Qt.Key.Key_PageUp)
    assert calendar.cards == []


def test_refused_assignment_needs_a_recorded_reason(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    from watchdesk.services import patrols

    next_friday = dt.date.today() + dt.timedelta(days=(4 - dt.date.today().weekday()) % 7 + 7)
    with db.write() as session:
        patrols.add_unavailability(session, people["Cy"], next_friday, next_friday, "working late")
    page = patrols_page(qtbot, make_window(db))
    page.monday = next_friday - dt.timedelta(days=4)
    page.load_week()

    def try_cy(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.block.setCurrentIndex(dialog.block.findData(people["block"]))
        dialog.member.setCurrentIndex(dialog.member.findData(people["Cy"]))
        assert "unavailable" in dialog.member_problems.text()
        assert "working late" in dialog.member_problems.text()
        assert dialog.override.isVisible()
        dialog.add_button.click()
        assert dialog.assigned.count() == 0  # no reason, not added
        dialog.override.setText("Swapped his shift at work")
        dialog.add_button.click()
        assert dialog.assigned.count() == 1
        save(dialog)

    failures = in_dialog(qtbot, try_cy)
    page.create_at(next_friday, dt.time(20))
    assert failures == []
    with db.read() as session:
        reasons = list(session.scalars(select(Assignment.override_reason)))
    assert reasons == ["Swapped his shift at work"]


def test_check_in_log_gaps_suggestions_and_hours(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    from watchdesk.core.entities import ShiftDraft
    from watchdesk.services import patrols

    today = dt.date.today()
    with db.write() as session:
        tonight = patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(today, dt.time(20), dt.time(23), block_id=people["block"], min_patrollers=1),
        )[0]
        patrols.assign_member(session, tonight, people["Ana"])
        later = patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(
                today + dt.timedelta(days=3), dt.time(20), dt.time(23), block_id=people["block"]
            ),
        )[0]
    window = make_window(db)
    page = patrols_page(qtbot, window)
    page.monday = today - dt.timedelta(days=today.weekday())
    page.load_week()
    page.calendar.select(tonight)

    def log(dialog: QDialog) -> None:
        assert isinstance(dialog, PatrolLogDialog)
        assert dialog.people.item(0, 0).text() == "Ana Reyes"
        dialog.people.selectRow(0)
        assert not dialog.action_buttons["completed"].isEnabled()
        dialog.action_buttons["checked_in"].click()
        assert dialog.people.item(0, 1).text() == "Checked in"
        assert dialog.actual_start.recorded.isChecked()  # check-in started the clock
        dialog.action_buttons["completed"].click()
        assert dialog.people.item(0, 1).text() == "Completed"
        # Recorded after the fact: the coordinator types the real times.
        start = dt.datetime.combine(today, dt.time(20, 5))
        dialog.actual_start.set_value(start)
        dialog.actual_end.set_value(start + dt.timedelta(hours=2, minutes=30))
        dialog.odometer_start.setValue(41200)
        dialog.odometer_end.setValue(41190)
        dialog.entry_time.setTime(dialog.entry_time.time().fromString("22:40", "HH:mm"))
        dialog.entry_place.setText("Queens St")
        dialog.entry_note.setText("All quiet")
        dialog.findChild(QPushButton, "log_add_entry").click()
        save(dialog)
        assert dialog.isVisible()  # odometer went backwards
        assert "below the start" in dialog.errors.labels["odometer_end"].text()
        dialog.odometer_end.setValue(41212)
        save(dialog)

    failures = in_dialog(qtbot, log)
    page.open_log()
    assert failures == []
    with db.read() as session:
        record = session.scalar(select(PatrolLog))
        assert record is not None and record.odometer_end == 41212
        entry = session.scalar(select(PatrolLogEntry))
        assert (
            entry is not None and entry.note == "All quiet" and entry.location_text == "Queens St"
        )
        assert entry.noted_at.hour in (2, 3, 4, 5)  # 22:40 local in UTC, that evening

    page.tabs.setCurrentIndex(3)
    page.hours_month.setDate(
        page.hours_month.date().fromString(today.strftime("%Y-%m-01"), "yyyy-MM-dd")
    )
    page.load_hours()
    assert page.hours_table.item(0, 0).text() == "Reyes, Ana"
    assert page.hours_table.item(0, 2).text() == "2.50"

    page.tabs.setCurrentIndex(2)
    assert "1 shift below minimum staffing (2 places to fill)" in page.gaps_label.text()
    assert page.gaps_model.cards[0].id == later

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, SuggestionsDialog)
        assert dialog.list.count() == 2
        dialog.accept()

    failures = in_dialog(qtbot, accept)
    page.findChild(QPushButton, "suggest_fill").click()
    assert failures == []
    assert "every shift is covered" in page.gaps_label.text()
    with db.read() as session:
        on_later = set(
            session.scalars(select(Assignment.member_id).where(Assignment.shift_id == later))
        )
        assert len(on_later) == 2 and on_later <= {people["Ana"], people["Ben"], people["Cy"]}
        assert session.get(Shift, later) is not None


def test_overlapping_shifts_take_the_lowest_free_lane() -> None:
    from watchdesk.ui.widgets.week_calendar import _in_lanes

    # (start, end) hours from 06:00: A and B overlap, C starts when A ends, D overlaps B and C.
    spans = [(14.0, 17.0), (15.0, 19.0), (17.0, 18.0), (18.0, 20.0)]
    placed = _in_lanes(
        [(start, end, name) for (start, end), name in zip(spans, "ABCD", strict=True)]
    )
    assert [(lane, card) for lane, _, _, card in placed] == [(0, "A"), (1, "B"), (0, "C"), (0, "D")]


def test_suggestions_can_be_ticked_all_or_none_and_the_assigned_are_named(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    from zoneinfo import ZoneInfo

    from watchdesk.core.entities import ShiftDraft
    from watchdesk.services import patrols
    from watchdesk.ui.dialogs.suggestions import assigned_summary

    day = dt.date.today() + dt.timedelta(days=2)
    with db.write() as session:
        shift = patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(day, dt.time(20), dt.time(23), block_id=people["block"], min_patrollers=2),
        )[0]
    window = make_window(db)
    page = patrols_page(qtbot, window)
    page.tabs.setCurrentIndex(2)
    kept: list[str] = []

    shown = f"{day:%a}, {day:%b} {day.day} 8:00 PM"  # the shift's time as the app writes it

    def review(dialog: QDialog) -> None:
        assert isinstance(dialog, SuggestionsDialog)
        assert dialog.list.count() == 2 and len(dialog.chosen()) == 2
        dialog.findChild(QPushButton, "suggestions_none").click()
        assert dialog.chosen() == []
        dialog.findChild(QPushButton, "suggestions_all").click()
        assert len(dialog.chosen()) == 2
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
        kept.append(dialog.chosen()[0].member_name)
        # The shift's time as the rest of the app writes it.
        assert dialog.list.item(0).text().startswith(f"{shown}  Block 1")
        dialog.accept()

    failures = in_dialog(qtbot, review)
    page.findChild(QPushButton, "suggest_fill").click()
    assert failures == []
    assert window.statusBar().currentMessage() == (
        f"Assigned 1 patroller: {kept[0]} ({shown}, Block 1)"
    )
    with db.read() as session:
        assert list(
            session.scalars(select(Assignment.member_id).where(Assignment.shift_id == shift))
        )

    # Several are counted in the plural.
    from watchdesk.services.schedule import ShiftCard, SuggestedAssignment

    card = ShiftCard(
        1,
        None,
        day,
        dt.datetime(2026, 12, 12, 4, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 12, 7, tzinfo=dt.UTC),
        None,
        "Block 4",
        1,
        2,
        (),
        False,
    )
    two = [SuggestedAssignment(card, 1, "Ana Reyes"), SuggestedAssignment(card, 2, "Ben Reyes")]
    assert assigned_summary(two, ZoneInfo("America/Los_Angeles")) == (
        "Assigned 2 patrollers: Ana Reyes (Fri, Dec 11 8:00 PM, Block 4), "
        "Ben Reyes (Fri, Dec 11 8:00 PM, Block 4)"
    )

"""Every edit on the Patrols page, made with the real widgets, is one step of Edit > Undo named
for what it did; undo puts the database back as it was, redo as the edit left it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_members_page import in_dialog
from tests.ui.test_patrols_page import patrols_page, save
from watchdesk.core.entities import BlockInput, MemberInput, ShiftDraft
from watchdesk.db.engine import Database
from watchdesk.services import groups, members, patrols
from watchdesk.ui.dialogs.patrol_log import PatrolLogDialog
from watchdesk.ui.dialogs.shift_editor import ShiftEditor
from watchdesk.ui.dialogs.suggestions import SuggestionsDialog
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.patrols import PatrolsPage
from watchdesk.ui.widgets.week_calendar import DAY_STARTS


@pytest.fixture
def people(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        ids = {"block": groups.create_block(session, group_id, BlockInput(name="Block 1")).id}
        for given in ("Ana", "Ben", "Cy"):
            ids[given] = members.add_member(
                session, group_id, MemberInput(given_name=given, family_name="Reyes")
            ).id
    return ids


def next_friday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(4 - today.weekday()) % 7 + 7)


def named(day: dt.date, hour: int = 20) -> str:
    """A shift as Edit > Undo names it: "Fri Dec 11 8:00 PM"."""
    return f"{day:%a %b} {day.day} {hour % 12 or 12}:00 {'PM' if hour >= 12 else 'AM'}"


def undo_text(window: MainWindow) -> str:
    return window.action_undo.text().replace("&", "")


def rows(db: Database, query: str, *args: object) -> list[tuple[object, ...]]:
    return raw_rows(db, query, *args)


def count(db: Database, table: str) -> int:
    value = raw_rows(db, f"SELECT count(*) FROM {table}")[0][0]
    assert isinstance(value, int)
    return value


def add_shift(db: Database, group_id: int, block: int, day: dt.date, **extra: object) -> int:
    with db.write() as session:
        draft = ShiftDraft(day, dt.time(20), dt.time(23), block_id=block, **extra)  # type: ignore[arg-type]
        return patrols.create_shifts(session, group_id, draft)[0]


def week_of(qtbot: QtBot, window: MainWindow, day: dt.date) -> PatrolsPage:
    page = patrols_page(qtbot, window)
    page.monday = day - dt.timedelta(days=day.weekday())
    page.load_week()
    return page


def open_editor_on(qtbot: QtBot, page: PatrolsPage, shift_id: int) -> None:
    centre = page.calendar.rects[shift_id].center().toPoint()
    qtbot.mouseDClick(page.calendar, Qt.MouseButton.LeftButton, pos=centre)


def test_add_shift_by_clicking_the_calendar_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, people: dict[str, int]
) -> None:
    window = make_window(db)
    page = patrols_page(qtbot, window)
    page.calendar.setFocus()
    qtbot.keyClick(page.calendar, Qt.Key.Key_PageDown)
    friday = page.monday + dt.timedelta(days=4)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.block.setCurrentIndex(dialog.block.findData(people["block"]))
        qtbot.keyClicks(dialog.route, "Queens St loop")
        save(dialog)

    failures = in_dialog(qtbot, fill)
    slot = page.calendar.slot_rect(4, (20 - DAY_STARTS) * 2).center()
    qtbot.mouseClick(page.calendar, Qt.MouseButton.LeftButton, pos=slot)
    assert failures == []
    added = [(friday.isoformat(), "Queens St loop", 0)]
    assert rows(db, "SELECT local_date, route, cancelled FROM shift") == added
    assert undo_text(window) == f"Undo Add shift {named(friday)}"
    assert len(page.calendar.cards) == 1

    window.action_undo.trigger()
    assert count(db, "shift") == 0
    assert page.calendar.cards == []
    window.action_redo.trigger()
    assert rows(db, "SELECT local_date, route, cancelled FROM shift") == added
    assert [c.local_date for c in page.calendar.cards] == [friday]


def test_add_weekly_series_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, people: dict[str, int]
) -> None:
    window = make_window(db)
    friday = next_friday()
    page = week_of(qtbot, window, friday)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.block.setCurrentIndex(dialog.block.findData(people["block"]))
        dialog.repeat.setChecked(True)
        assert dialog.day_boxes[4].isChecked()  # the day clicked
        dialog.has_end.setChecked(True)
        dialog.until.setDate(dialog.until.date().addDays(-26 * 7 + 21))  # four Fridays
        save(dialog)

    failures = in_dialog(qtbot, fill)
    page.create_at(friday, dt.time(20))
    assert failures == []
    fridays = [(friday + dt.timedelta(weeks=w)).isoformat() for w in range(4)]
    assert rows(db, "SELECT valid_from, valid_until FROM shift_series") == [
        (friday.isoformat(), fridays[-1])
    ]
    assert [r[0] for r in rows(db, "SELECT local_date FROM shift ORDER BY 1")] == fridays
    assert undo_text(window) == f"Undo Add weekly shifts from {named(friday)}"

    window.action_undo.trigger()
    assert (count(db, "shift_series"), count(db, "shift")) == (0, 0)
    assert page.calendar.cards == []
    window.action_redo.trigger()
    assert (count(db, "shift_series"), count(db, "shift")) == (1, 4)
    assert [r[0] for r in rows(db, "SELECT local_date FROM shift ORDER BY 1")] == fridays
    assert len(page.calendar.cards) == 1


def test_edit_shift_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    friday = next_friday()
    shift_id = add_shift(db, group_id, people["block"], friday, route="Maple loop")
    window = make_window(db)
    page = week_of(qtbot, window, friday)

    def change(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.route.clear()
        qtbot.keyClicks(dialog.route, "Queens St loop")
        dialog.maximum.setValue(3)
        save(dialog)

    failures = in_dialog(qtbot, change)
    open_editor_on(qtbot, page, shift_id)
    assert failures == []
    query = "SELECT route, max_patrollers FROM shift"
    assert rows(db, query) == [("Queens St loop", 3)]
    assert undo_text(window) == f"Undo Edit shift {named(friday)}"
    assert page.calendar.cards[0].maximum == 3

    window.action_undo.trigger()
    assert rows(db, query) == [("Maple loop", 2)]
    assert page.calendar.cards[0].maximum == 2
    window.action_redo.trigger()
    assert rows(db, query) == [("Queens St loop", 3)]


def test_cancel_and_uncancel_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    friday = next_friday()
    shift_id = add_shift(db, group_id, people["block"], friday)
    window = make_window(db)
    page = week_of(qtbot, window, friday)
    cancel = page.findChild(QPushButton, "cancel_shift")
    assert cancel is not None
    qtbot.mouseClick(
        page.calendar,
        Qt.MouseButton.LeftButton,
        pos=page.calendar.rects[shift_id].center().toPoint(),
    )
    assert page.calendar.selected_id == shift_id
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert rows(db, "SELECT cancelled FROM shift") == [(1,)]
    assert undo_text(window) == f"Undo Cancel shift {named(friday)}"
    assert page.calendar.cards[0].cancelled

    window.action_undo.trigger()
    assert rows(db, "SELECT cancelled FROM shift") == [(0,)]
    assert not page.calendar.cards[0].cancelled
    window.action_redo.trigger()
    assert rows(db, "SELECT cancelled FROM shift") == [(1,)]

    page.calendar.select(shift_id)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # bring it back
    assert rows(db, "SELECT cancelled FROM shift") == [(0,)]
    assert undo_text(window) == f"Undo Uncancel shift {named(friday)}"
    window.action_undo.trigger()
    assert rows(db, "SELECT cancelled FROM shift") == [(1,)]
    window.action_redo.trigger()
    assert rows(db, "SELECT cancelled FROM shift") == [(0,)]


def test_assign_in_the_editor_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    friday = next_friday()
    shift_id = add_shift(db, group_id, people["block"], friday)
    window = make_window(db)
    page = week_of(qtbot, window, friday)

    def assign_ana(dialog: QDialog) -> None:
        assert isinstance(dialog, ShiftEditor)
        dialog.member.setCurrentIndex(dialog.member.findData(people["Ana"]))
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        save(dialog)

    failures = in_dialog(qtbot, assign_ana)
    open_editor_on(qtbot, page, shift_id)
    assert failures == []
    query = "SELECT shift_id, member_id, status FROM assignment"
    assert rows(db, query) == [(shift_id, people["Ana"], "scheduled")]
    assert undo_text(window) == f"Undo Assign Ana Reyes to shift {named(friday)}"
    assert page.calendar.cards[0].names == ("Ana Reyes",)

    window.action_undo.trigger()
    assert rows(db, query) == []
    assert page.calendar.cards[0].names == ()
    window.action_redo.trigger()
    assert rows(db, query) == [(shift_id, people["Ana"], "scheduled")]
    assert page.calendar.cards[0].names == ("Ana Reyes",)


def test_suggested_fills_are_one_step(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    soon = dt.date.today() + dt.timedelta(days=3)
    shift_id = add_shift(db, group_id, people["block"], soon)
    window = make_window(db)
    page = patrols_page(qtbot, window)
    page.tabs.setCurrentIndex(2)
    assert "(2 places to fill)" in page.gaps_label.text()

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, SuggestionsDialog)
        assert dialog.list.count() == 2
        dialog.accept()

    failures = in_dialog(qtbot, accept)
    button = page.findChild(QPushButton, "suggest_fill")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert failures == []
    query = "SELECT count(*) FROM assignment WHERE shift_id = ?"
    assert rows(db, query, shift_id) == [(2,)]
    assert undo_text(window) == "Undo Assign 2 suggested patrollers"
    assert "every shift is covered" in page.gaps_label.text()

    window.action_undo.trigger()  # both at once
    assert rows(db, query, shift_id) == [(0,)]
    assert "(2 places to fill)" in page.gaps_label.text()
    window.action_redo.trigger()
    assert rows(db, query, shift_id) == [(2,)]
    assert "every shift is covered" in page.gaps_label.text()


def test_check_in_is_undoable(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    today = dt.date.today()
    shift_id = add_shift(db, group_id, people["block"], today)
    with db.write() as session:
        patrols.assign_member(session, shift_id, people["Ana"])
    window = make_window(db)
    page = week_of(qtbot, window, today)
    page.calendar.select(shift_id)
    seen: list[str] = []

    def check_in(dialog: QDialog) -> None:
        assert isinstance(dialog, PatrolLogDialog)
        dialog.people.selectRow(0)
        qtbot.mouseClick(dialog.action_buttons["checked_in"], Qt.MouseButton.LeftButton)
        assert dialog.people.item(0, 1).text() == "Checked in"
        seen.append(undo_text(window))
        dialog.done(QDialog.DialogCode.Rejected)  # nothing typed in the log itself

    failures = in_dialog(qtbot, check_in)
    qtbot.mouseClick(page.findChild(QPushButton, "patrol_log"), Qt.MouseButton.LeftButton)
    assert failures == []
    assert seen == ["Undo Check in Ana Reyes"]
    assert rows(db, "SELECT status FROM assignment") == [("checked_in",)]
    started = rows(db, "SELECT shift_id, actual_start IS NOT NULL FROM patrol_log")
    assert started == [(shift_id, 1)]

    window.action_undo.trigger()
    assert rows(db, "SELECT status FROM assignment") == [("scheduled",)]
    assert count(db, "patrol_log") == 0
    window.action_redo.trigger()
    assert rows(db, "SELECT status FROM assignment") == [("checked_in",)]
    assert rows(db, "SELECT shift_id, actual_start IS NOT NULL FROM patrol_log") == started


def test_save_patrol_log_then_undo_and_redo(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    today = dt.date.today()
    shift_id = add_shift(db, group_id, people["block"], today)
    window = make_window(db)
    page = week_of(qtbot, window, today)
    page.calendar.select(shift_id)

    def write_log(dialog: QDialog) -> None:
        assert isinstance(dialog, PatrolLogDialog)
        qtbot.keyClicks(dialog.hazards, "Streetlight out at Queens & 3rd")
        dialog.police_calls.setValue(1)
        qtbot.keyClicks(dialog.entry_place, "Queens St")
        qtbot.keyClicks(dialog.entry_note, "All quiet")
        qtbot.mouseClick(dialog.findChild(QPushButton, "log_add_entry"), Qt.MouseButton.LeftButton)
        save(dialog)

    failures = in_dialog(qtbot, write_log)
    qtbot.mouseClick(page.findChild(QPushButton, "patrol_log"), Qt.MouseButton.LeftButton)
    assert failures == []
    log = [(shift_id, "Streetlight out at Queens & 3rd", 1)]
    entries = [("Queens St", "All quiet")]
    log_query = "SELECT shift_id, hazards, police_calls FROM patrol_log"
    entry_query = "SELECT location_text, note FROM patrol_log_entry"
    assert rows(db, log_query) == log
    assert rows(db, entry_query) == entries
    assert undo_text(window) == f"Undo Save patrol log of shift {named(today)}"

    window.action_undo.trigger()
    assert (count(db, "patrol_log"), count(db, "patrol_log_entry")) == (0, 0)
    window.action_redo.trigger()
    assert rows(db, log_query) == log
    assert rows(db, entry_query) == entries


def test_weeks_far_ahead_are_expanded_by_a_step_that_undoing_does_not_repeat(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int, people: dict[str, int]
) -> None:
    friday = next_friday()
    add_shift(db, group_id, people["block"], friday, repeat_weekdays=1 << 4)
    made = count(db, "shift")  # half a year of Fridays
    window = make_window(db)
    page = week_of(qtbot, window, friday)
    assert not window.action_undo.isEnabled()  # nothing needed expanding yet
    page.move_week(40)
    far = friday + dt.timedelta(weeks=40)
    assert [c.local_date for c in page.calendar.cards] == [far]
    expanded = count(db, "shift")
    assert expanded > made
    assert undo_text(window).startswith("Undo Add weekly shifts through ")

    window.action_undo.trigger()
    assert count(db, "shift") == made
    assert page.calendar.cards == []  # shown again, and not expanded behind the user's back
    assert window.action_redo.isEnabled()
    window.action_redo.trigger()
    assert count(db, "shift") == expanded
    assert [c.local_date for c in page.calendar.cards] == [far]


def test_print_rota_far_ahead_expands_first_then_writes(
    qtbot: QtBot,
    make_window: MakeWindow,
    db: Database,
    group_id: int,
    people: dict[str, int],
    tmp_path: Path,
) -> None:
    friday = next_friday()
    add_shift(db, group_id, people["block"], friday, repeat_weekdays=1 << 4)
    made = count(db, "shift")
    window = make_window(db)
    page = week_of(qtbot, window, friday + dt.timedelta(weeks=24))
    target = tmp_path / "rota.pdf"
    page.choose_pdf = lambda caption, suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(page.findChild(QPushButton, "print_rota"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_pdf == target, timeout=10000)
    assert target.read_bytes().startswith(b"%PDF")
    assert count(db, "shift") > made  # the rota's four weeks run past the half year
    assert undo_text(window).startswith("Undo Add weekly shifts through ")
    window.action_undo.trigger()
    assert count(db, "shift") == made

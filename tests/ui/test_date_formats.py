"""Dates on screen follow the one style: every date edit shows a four-digit year and the
locale's order or month name, time edits follow the locale's clock, and pages show stored
moments in the group's time zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QDialog, QLineEdit, QTimeEdit
from pytestqt.qtbot import QtBot

from watchdesk.core.entities import MemberInput, ShiftDraft
from watchdesk.ui.dialogs.member_form import MemberDialog
from watchdesk.ui.dialogs.shift_editor import ShiftEditor
from watchdesk.ui.forms import qt_format, shown_moment


@pytest.fixture(autouse=True)
def us_english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


def _date_edits(dialog: QDialog) -> list[QDateTimeEdit]:
    return [e for e in dialog.findChildren(QDateTimeEdit) if not isinstance(e, QTimeEdit)]


def test_every_date_in_the_member_dialog_has_a_four_digit_year(qtbot: QtBot) -> None:
    member = MemberInput(given_name="Ann", family_name="Lee", joined_on=dt.date(2026, 10, 12))
    dialog = MemberDialog(None, [(1, "Block 1")], [], lambda data: [], member)
    qtbot.addWidget(dialog)
    edits = _date_edits(dialog)
    assert [e.objectName() for e in edits] == ["joined_on"]
    assert dialog.findChild(QLineEdit, "joined_on") is None  # no longer typed as text
    for edit in edits:
        assert "yyyy" in edit.displayFormat()
    assert edits[0].text() == "Oct 12, 2026"
    assert dialog.current_input().joined_on == dt.date(2026, 10, 12)


def test_an_unrecorded_join_date_stays_unrecorded(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, [], [], lambda data: [], MemberInput("Ann", "Lee"))
    qtbot.addWidget(dialog)
    recorded = dialog.findChild(QCheckBox, "joined_on_recorded")
    assert recorded is not None and not recorded.isChecked()
    assert dialog.current_input().joined_on is None
    recorded.setChecked(True)
    assert dialog.current_input().joined_on == dt.date.today()


def test_the_shift_editors_dates_and_times_follow_the_locale(qtbot: QtBot) -> None:
    start = ShiftDraft(dt.date(2026, 12, 8), dt.time(20), dt.time(23, 30))
    dialog = ShiftEditor(None, [(1, "Block 1")], [], lambda draft: [], start)
    qtbot.addWidget(dialog)
    edits = _date_edits(dialog)
    assert {e.objectName() for e in edits} >= {"shift_date", "repeat_until"}
    for edit in edits:
        assert "yyyy" in edit.displayFormat(), edit.objectName()
    date = dialog.findChild(QDateTimeEdit, "shift_date")
    assert date is not None and date.text() == "Dec 8, 2026"
    times = {e.objectName(): e.text() for e in dialog.findChildren(QTimeEdit)}
    assert times["shift_start"] == "8:00 PM" and times["shift_end"] == "11:30 PM"


def test_a_24_hour_locale_gets_a_24_hour_clock(qtbot: QtBot) -> None:
    QLocale.setDefault(QLocale("en_GB"))
    start = ShiftDraft(dt.date(2026, 12, 8), dt.time(20), dt.time(23, 30))
    dialog = ShiftEditor(None, [(1, "Block 1")], [], lambda draft: [], start)
    qtbot.addWidget(dialog)
    times = {e.objectName(): e.text() for e in dialog.findChildren(QTimeEdit)}
    assert times["shift_start"] == "20:00"
    date = dialog.findChild(QDateTimeEdit, "shift_date")
    assert date is not None and date.text() == "8 Dec 2026"


def test_qt_locale_c_is_shown_as_us_english_not_day_month_year_digits() -> None:
    QLocale.setDefault(QLocale.c())
    assert QLocale().dateFormat(QLocale.FormatType.ShortFormat) == "d MM yyyy"  # "10 12 2026"
    moment = dt.datetime(2026, 12, 7, 2, 3, tzinfo=dt.UTC)
    assert shown_moment(moment, "America/Los_Angeles") == "Sun, Dec 6, 2026, 6:03 PM"


def test_cldr_patterns_become_qt_formats() -> None:
    assert qt_format("MMM d, y") == "MMM d, yyyy"
    assert qt_format("E, d MMM y, HH:mm") == "ddd, d MMM yyyy, HH:mm"
    assert qt_format("EEEE, MMMM d, y 'at' h:mm a") == "dddd, MMMM d, yyyy 'at' h:mm AP"
    assert qt_format("dd.MM.yy") == "dd.MM.yyyy"

"""The Reports page: choose, build off the GUI thread, open the result; choices remembered;
cancelling leaves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

from tests.pdf import pdf_text
from tests.ui.conftest import MakeWindow, show_all_groups
from tests.ui.test_main_window import click_nav
from watchdesk.core.progress import Cancelled
from watchdesk.db.engine import Database
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.pages.reports import ReportsPage


def reports_page(qtbot: QtBot, window: MainWindow) -> ReportsPage:
    click_nav(qtbot, window, "Reports")
    page = window.pages.currentWidget()
    assert isinstance(page, ReportsPage)
    return page


def page_saving_to(
    qtbot: QtBot, window: MainWindow, target: Path, monkeypatch: pytest.MonkeyPatch
) -> ReportsPage:
    """The Reports page, with the save dialog answering ``target``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    return reports_page(qtbot, window)


def test_building_the_precinct_report_and_opening_it(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = reports_page(qtbot, make_window(demo_db))
    target = tmp_path / "for the captain.pdf"
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert not page.open_button.isEnabled()
    page.first.setDate(QDate(2026, 11, 1))
    page.last.setDate(QDate(2026, 11, 21))
    qtbot.keyClick(page.internal, Qt.Key.Key_Space)  # the keyboard way to tick it
    assert page.internal.isChecked()
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith("precinct-2026-11-01-to-2026-11-21.pdf")
    assert page.status.text() == f"Saved {target}"
    text = " ".join(pdf_text(target))
    assert "Nov 1 – 21, 2026" in text and "INTERNAL COPY, NOT REDACTED" in text
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(target), str(tmp_path)]

    # A report without a period greys the dates and the redaction option out.
    page.kind.setCurrentIndex(page.kind.findData("roster"))
    assert not page.first.isEnabled() and not page.internal.isEnabled()

    # A new window remembers the choices of the last build, and where it was saved.
    again = reports_page(qtbot, make_window(demo_db))
    assert again.kind.currentData() == "precinct"
    assert (again.first.date(), again.last.date()) == (QDate(2026, 11, 1), QDate(2026, 11, 21))
    assert again.internal.isChecked() and again.folder == str(tmp_path)


def test_a_cancelled_or_refused_build_saves_nothing(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchdesk.reports import base

    target = tmp_path / "report.pdf"
    page = page_saving_to(qtbot, make_window(demo_db), target, monkeypatch)
    page.first.setDate(QDate(2026, 11, 21))
    page.last.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "The start date is after the end date."

    # Cancel pressed while the pages are laid out (the runner here runs the job at once, so
    # the layout itself raises what a pressed Cancel raises).
    def cancelled(*_args: object, **_kwargs: object) -> None:
        raise Cancelled()

    monkeypatch.setattr(base._CancellableDoc, "handle_flowable", cancelled)
    page.first.setDate(QDate(2026, 11, 1))
    page.last.setDate(QDate(2026, 11, 21))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Cancelled; nothing was saved."
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".partial")]
    assert not page.open_button.isEnabled() and page.build_button.isEnabled()


def test_the_meeting_packet_asks_for_one_date_and_explains_a_missing_meeting(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    target = tmp_path / "packet.pdf"
    page = page_saving_to(qtbot, make_window(demo_db), target, monkeypatch)
    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: dialogs.append(str(a[2])))
    page.kind.setCurrentIndex(page.kind.findData("packet"))
    # One date instead of the period; the meeting date starts at today.
    assert page.meeting_day.isVisibleTo(page) and not page.first.isVisibleTo(page)
    today = page.today()
    assert page.meeting_day.date() == QDate(today.year, today.month, today.day)
    assert "sign-in sheet" in page.help.text()

    page.meeting_day.setDate(QDate(2027, 6, 1))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == (
        "No meeting on or after 2027-06-01: add it on the Meetings page first. Nothing was saved."
    )
    assert not target.exists() and not dialogs and not page.open_button.isEnabled()

    page.meeting_day.setDate(QDate(2026, 11, 21))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == f"Saved {target}"
    pages = pdf_text(target)
    assert pages[0].startswith("Monthly watch meeting, December 2026")
    assert "Suspicious person" in pages[-2]

    page.kind.setCurrentIndex(page.kind.findData("precinct"))
    assert page.first.isVisibleTo(page) and not page.meeting_day.isVisibleTo(page)


def test_under_all_groups_the_precinct_report_covers_every_group(
    qtbot: QtBot,
    make_window: MakeWindow,
    liaison_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A liaison's file: with "All groups" chosen the precinct report adds every group up;
    a one-group report says which group it is for."""
    window = make_window(liaison_db)
    target = tmp_path / "all groups.pdf"
    page = page_saving_to(qtbot, window, target, monkeypatch)
    page.kind.setCurrentIndex(page.kind.findData("precinct"))
    assert not page.scope.isVisibleTo(page)  # one group chosen: nothing to explain
    show_all_groups(window)
    assert page.scope.isVisibleTo(page) and window.group_note.text() == ""
    assert page.scope.text().startswith("Covers every watch group in this file")
    page.first.setDate(QDate(2026, 11, 1))
    page.last.setDate(QDate(2026, 11, 21))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == f"Saved {target}"
    pages = pdf_text(target)
    assert "All watch groups" in pages[0] and "Lents Park Neighborhood Watch" in pages[0]
    assert any(
        page_text.startswith("Lents Park Neighborhood Watch Watch number") for page_text in pages
    )

    page.kind.setCurrentIndex(page.kind.findData("roster"))
    assert (
        page.scope.text() == "This report is for one group: Hawthorne Heights Neighborhood Watch."
    )


def _today_is(page: ReportsPage, day: dt.date) -> None:
    page.context.clock = lambda: dt.datetime.combine(day, dt.time(12)).astimezone(dt.UTC)


def _choose(qtbot: QtBot, combo: QComboBox, code: str) -> None:
    """Pick an item of a combo the keyboard way: focus it and step to the item."""
    combo.setFocus()
    while combo.currentData() != code:
        step = Qt.Key.Key_Down if combo.currentIndex() < combo.findData(code) else Qt.Key.Key_Up
        qtbot.keyClick(combo, step)


def test_a_preset_period_fills_the_dates_and_names_the_file(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = reports_page(qtbot, make_window(demo_db))
    _today_is(page, dt.date(2026, 12, 6))
    page.kind.setCurrentIndex(page.kind.findData("precinct"))
    cases = [
        ("this_month", QDate(2026, 12, 1), QDate(2026, 12, 31), "precinct-2026-12.pdf"),
        ("last_month", QDate(2026, 11, 1), QDate(2026, 11, 30), "precinct-2026-11.pdf"),
        ("last_quarter", QDate(2026, 7, 1), QDate(2026, 9, 30), "precinct-2026-q3.pdf"),
        (
            "year_to_date",
            QDate(2026, 1, 1),
            QDate(2026, 12, 6),
            "precinct-2026-01-01-to-2026-12-06.pdf",
        ),
    ]
    for code, first, last, name in cases:
        _choose(qtbot, page.preset, code)
        assert (page.first.date(), page.last.date()) == (first, last), code
        assert page.first.isReadOnly() and page.last.isReadOnly()
        assert page.suggested_name() == name

    # Custom leaves the dates as they were, to be typed.
    _choose(qtbot, page.preset, "custom")
    assert not page.first.isReadOnly() and page.last.date() == QDate(2026, 12, 6)
    page.first.setDate(QDate(2026, 11, 2))
    assert page.suggested_name() == "precinct-2026-11-02-to-2026-12-06.pdf"
    # Dates set from elsewhere make a preset a custom period.
    _choose(qtbot, page.preset, "last_month")
    page.first.setDate(QDate(2026, 11, 3))
    assert page.preset.currentData() == "custom" and not page.first.isReadOnly()

    # Reports without a period have no period in their name.
    page.kind.setCurrentIndex(page.kind.findData("roster"))
    assert page.suggested_name() == "roster.pdf" and not page.preset.isEnabled()


def test_in_a_file_of_several_groups_the_name_starts_with_the_group(
    qtbot: QtBot, make_window: MakeWindow, liaison_db: Database
) -> None:
    window = make_window(liaison_db)
    page = reports_page(qtbot, window)
    _today_is(page, dt.date(2026, 12, 6))
    page.kind.setCurrentIndex(page.kind.findData("precinct"))
    _choose(qtbot, page.preset, "last_quarter")
    _choose(qtbot, page.preset, "last_month")
    assert page.suggested_name() == "hawthorne-heights-neighborhood-watch-precinct-2026-11.pdf"
    show_all_groups(window)
    assert page.suggested_name() == "all-groups-precinct-2026-11.pdf"


def test_the_saved_line_goes_when_the_report_period_or_options_change(
    qtbot: QtBot,
    make_window: MakeWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out.pdf"
    page = page_saving_to(qtbot, make_window(demo_db), target, monkeypatch)
    _today_is(page, dt.date(2026, 12, 6))

    def build(kind: str) -> None:
        page.kind.setCurrentIndex(page.kind.findData(kind))
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        assert page.status.text() == f"Saved {target}"

    build("precinct")
    _choose(qtbot, page.preset, "last_quarter")  # the period
    assert page.status.text() == ""
    build("roster")
    page.kind.setCurrentIndex(page.kind.findData("rota"))  # the report
    assert page.status.text() == ""
    build("rota")
    page.last.setDate(page.last.date().addDays(-1))  # a date
    assert page.status.text() == ""
    build("precinct")
    qtbot.keyClick(page.internal, Qt.Key.Key_Space)  # an option
    assert page.status.text() == ""
    # Still the way to the last file.
    assert page.open_button.isEnabled()

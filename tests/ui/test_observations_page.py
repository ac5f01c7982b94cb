"""The Observations page driven as a coordinator would: filtering, reading the detail,
recording with people and vehicles, exporting exactly what is shown."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.pdf import pdf_text
from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from tests.ui.test_main_window import click_nav, sql_count
from tests.ui.test_members_page import in_dialog
from watchdesk.core.vocabulary import OBSERVATION_CATEGORIES
from watchdesk.db.engine import Database
from watchdesk.ui.dialogs.observation_form import ObservationDialog
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.models.paged_table import Column
from watchdesk.ui.models.positional_table import PositionalTableModel
from watchdesk.ui.pages.observations import ObservationsPage


def observations_page(qtbot: QtBot, window: MainWindow) -> ObservationsPage:
    click_nav(qtbot, window, "Observations")
    page = window.pages.currentWidget()
    assert isinstance(page, ObservationsPage)
    return page


def settle(qtbot: QtBot, page: ObservationsPage) -> int:
    """Wait for the count (started once the first page is shown); return the row count."""
    qtbot.waitUntil(lambda: page.model.counted)
    return page.model.rowCount()


def column(page: ObservationsPage, number: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_model_passes_qt_model_tester_through_filter_and_sort_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, make_window: MakeWindow, demo_db: Database
) -> None:
    page = observations_page(qtbot, make_window(demo_db))
    qtmodeltester.check(page.model, force_py=True)
    settle(qtbot, page)
    page.model.sort(1, Qt.SortOrder.AscendingOrder)
    page.category.setCurrentIndex(page.category.findData("theft"))
    settle(qtbot, page)
    qtmodeltester.check(page.model, force_py=True)


def test_filters_run_in_sql_and_the_count_agrees(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = observations_page(qtbot, make_window(demo_db))
    total = sql_count(demo_db, "SELECT count(*) FROM observation")
    assert total > page.model.page_size
    # The first page shows at once; the rest follow once counted off the GUI thread.
    assert page.model.rowCount() == page.model.page_size
    assert page.count_label.text() == f"{page.model.page_size}+ observations, counting…"
    assert settle(qtbot, page) == total
    assert page.count_label.text() == f"{total:,} observations"

    page.category.setCurrentIndex(page.category.findData("theft"))
    thefts = sql_count(demo_db, "SELECT count(*) FROM observation WHERE category = 'theft'")
    assert settle(qtbot, page) == thefts
    assert set(column(page, 1)) == {"Theft"}

    page.status.setCurrentIndex(page.status.findData("open"))
    open_thefts = sql_count(
        demo_db, "SELECT count(*) FROM observation WHERE category = 'theft' AND status = 'open'"
    )
    assert settle(qtbot, page) == open_thefts
    page.category.setCurrentIndex(0)
    page.status.setCurrentIndex(0)

    # Typing waits for a pause, then searches words in descriptions and addresses.
    qtbot.keyClicks(page.search, "catalytic")
    qtbot.waitUntil(lambda: page.model.counted and page.model.rowCount() < total)
    catalytic = sql_count(
        demo_db, "SELECT count(*) FROM observation WHERE description LIKE '%catalytic%'"
    )
    assert page.model.rowCount() == catalytic > 0
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.counted and page.model.rowCount() == total)

    # Dates are the group's local days, both ends included.
    page.first.setDate(QDate(2026, 11, 20))
    page.last.setDate(QDate(2026, 11, 20))
    assert 0 < settle(qtbot, page) < total
    assert all(text.startswith("Fri, Nov 20, 2026") for text in column(page, 0))


def test_sorting_by_category_and_scrolling_to_the_last_row(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    page = observations_page(qtbot, make_window(demo_db))
    settle(qtbot, page)
    header = page.table.horizontalHeader()
    category = QPoint(header.sectionViewportPosition(1) + 20, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=category)
    assert page.model.sort_key == "category"
    settle(qtbot, page)
    # Grouped by category (in the order of the stored codes, which the index keeps).
    code = {text: code for code, text in OBSERVATION_CATEGORIES.items()}
    shown = column(page, 1)
    codes = [code[text] for text in shown]
    assert codes == sorted(codes) or codes == sorted(codes, reverse=True)
    assert len(set(codes)) > 3
    page.table.scrollToBottom()
    last = page.model.rowCount() - 1
    assert page.model.data(page.model.index(last, 1)) == shown[-1]


def test_a_model_drops_a_count_that_arrives_after_the_filter_changed(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    class Row:
        def __init__(self, number: int) -> None:
            self.id = number

    rows = {"all": [Row(i) for i in range(250)], "few": [Row(i) for i in range(120)]}
    which = ["all"]
    counts: list[Callable[[int], None]] = []

    def fetch(_sort: str, _descending: bool, start: int, size: int, _total: int) -> list[Row]:
        return rows[which[0]][start : start + size]

    model = PositionalTableModel(
        [Column("Id", lambda r: str(r.id), "id")], fetch, counts.append, page_size=50
    )
    model.reload()
    assert model.rowCount() == 50 and not model.counted
    qtbot.waitUntil(lambda: len(counts) == 1)  # started once the first page is shown
    which[0] = "few"
    model.reload()
    qtbot.waitUntil(lambda: len(counts) == 2)
    counts[0](250)  # the first filter's count, late: ignored
    assert model.rowCount() == 50
    counts[1](120)
    assert model.rowCount() == 120 and model.counted
    assert model.data(model.index(119, 0)) == "119"
    qtmodeltester.check(model, force_py=True)


def _set(dialog: QDialog, name: str, text: str) -> None:
    widget = dialog.findChild(QLineEdit, name) or dialog.findChild(QPlainTextEdit, name)
    assert widget is not None, name
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)


def test_recording_with_a_vehicle_checks_the_plate_and_shows_hostile_text_as_text(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.read() as session:
        from sqlalchemy import text

        plate = session.execute(
            text("SELECT plate FROM known_vehicle WHERE plate IS NOT NULL LIMIT 1")
        ).scalar_one()
    page = observations_page(qtbot, make_window(demo_db))
    before = settle(qtbot, page)
    hostile = "<img src=x onerror=alert(1)> van idling"
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ObservationDialog)
        # Saving with nothing about where: the message sits next to the field.
        dialog.submit()
        error = dialog.findChild(QLabel, "error_address_text")
        seen["where"] = error.text() if error else ""
        _set(dialog, "address_text", "3300 block SE Belmont St")
        _set(dialog, "description", hostile)
        dialog.category.setCurrentIndex(dialog.category.findData("suspicious_vehicle"))
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_vehicle"), Qt.MouseButton.LeftButton)
        panel = dialog.vehicles.panels()[0]
        qtbot.keyClicks(panel.findChild(QLineEdit, "plate"), plate.lower())
        seen["known"] = panel.findChild(QLabel, "known_vehicle").text()
        colour = panel.findChild(QComboBox, "colour")
        colour.setEditText("Grey")
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_person"), Qt.MouseButton.LeftButton)
        person = dialog.people.panels()[0]
        height = person.findChild(QComboBox, "height_min_in")
        height.setCurrentIndex(height.findData(70))
        dialog.submit()

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert seen["where"] == "give an address or a point on the map"
    assert seen["known"].startswith(f"Neighbour's vehicle: {plate}")
    assert settle(qtbot, page) == before + 1
    detail = page.detail.toPlainText()
    assert hostile in detail  # shown as typed, not run as HTML
    assert "<img" not in page.detail.toHtml().replace("&lt;img", "")
    assert f"{plate} (OR)" in detail or plate in detail.split("Plate:")[1][:20]
    assert "5'10\"–6'0\"" in detail
    assert "Neighbour's vehicle" in detail

    # The new observation, printed from the page.
    page.print_report(tmp_path / "sar.pdf")
    assert page.last_pdf == tmp_path / "sar.pdf"
    assert "3300 block SE Belmont St" in pdf_text(page.last_pdf)[0]


def test_exports_hold_exactly_what_is_filtered(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database, tmp_path: Path
) -> None:
    page = observations_page(qtbot, make_window(demo_db))
    page.category.setCurrentIndex(page.category.findData("vandalism"))
    shown = settle(qtbot, page)
    assert shown > 0
    page.export("csv", tmp_path / "v.csv")
    page.export("geojson", tmp_path / "v.geojson")
    with (tmp_path / "v.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == shown
    features = json.loads((tmp_path / "v.geojson").read_text())["features"]
    located = sql_count(
        demo_db,
        "SELECT count(*) FROM observation WHERE category = 'vandalism' AND latitude IS NOT NULL",
    )
    assert len(features) == located
    assert page.last_export == tmp_path / "v.geojson"


# -- edits, each one step of Edit > Undo -------------------------------------------------------
def _save(qtbot: QtBot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    errors = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().startswith("error_") and label.isVisibleTo(dialog)
    ]
    assert not dialog.isVisible(), f"the form refused to save: {errors}"


def _search(qtbot: QtBot, page: ObservationsPage, words: str) -> int:
    """Type ``words`` in the search box as a user would; the rows found once counted."""
    page.search.clear()
    qtbot.keyClicks(page.search, words)
    qtbot.waitUntil(lambda: page.applied.text == words and page.model.counted)
    return page.model.rowCount()


def _edit_first(qtbot: QtBot, page: ObservationsPage, steps: Callable[[QDialog], None]) -> None:
    """Select the first row shown and edit it in the real form."""
    page.table.selectRow(0)
    failures = in_dialog(qtbot, steps)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert failures == []


def _undo_text(window: MainWindow) -> str:
    return window.action_undo.text().replace("&", "")


def test_recording_an_observation_is_undone_and_redone_search_included(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    window = make_window(db)
    page = observations_page(qtbot, window)
    assert settle(qtbot, page) == 0

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ObservationDialog)
        dialog.occurred.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(21, 30)))
        dialog.category.setCurrentIndex(dialog.category.findData("suspicious_vehicle"))
        qtbot.keyClicks(dialog.findChild(QLineEdit, "address_text"), "3300 block SE Belmont St")
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "description"), "Zebra-striped van")
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_vehicle"), Qt.MouseButton.LeftButton)
        plate = dialog.vehicles.panels()[0].findChild(QLineEdit, "plate")
        qtbot.keyClicks(plate, "7KXQ23")
        _save(qtbot, dialog)

    failures = in_dialog(qtbot, fill)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert sql_count(db, "SELECT count(*) FROM observation") == 1
    assert sql_count(db, "SELECT count(*) FROM vehicle_descriptor WHERE plate = '7KXQ23'") == 1
    assert settle(qtbot, page) == 1
    assert "Zebra-striped van" in page.detail.toPlainText()  # the new one is selected
    assert _undo_text(window) == "Undo Record observation: suspicious vehicle, Nov 20"
    assert _search(qtbot, page, "zebra") == 1

    window.action_undo.trigger()
    assert sql_count(db, "SELECT count(*) FROM observation") == 0
    assert sql_count(db, "SELECT count(*) FROM vehicle_descriptor") == 0
    qtbot.waitUntil(lambda: page.model.counted)
    assert page.model.rowCount() == 0  # the table read again: the search finds nothing
    assert _search(qtbot, page, "7KXQ23") == 0

    window.action_redo.trigger()
    assert sql_count(db, "SELECT count(*) FROM observation") == 1
    qtbot.waitUntil(lambda: page.model.counted)
    assert page.model.rowCount() == 1  # found by its plate again
    assert _search(qtbot, page, "zebra") == 1
    assert _undo_text(window) == "Undo Record observation: suspicious vehicle, Nov 20"


def record(db: Database, group_id: int, **changes: object) -> int:
    import datetime as dt

    from watchdesk.core.descriptors import FollowUpInput
    from watchdesk.core.entities import ObservationInput
    from watchdesk.ops.observations import record_observation

    data = ObservationInput(
        occurred_at=dt.datetime(2026, 11, 21, 2, 30, tzinfo=dt.UTC),  # Nov 20, 9:30 PM
        category="suspicious_vehicle",
        description="Zebra-striped van",
        address_text="3300 block SE Belmont St",
        follow_ups=(FollowUpInput("Ask the neighbours for camera footage"),),
    )
    for key, value in changes.items():
        data = replace(data, **{key: value})
    return record_observation(db, group_id, data).value


def test_editing_an_observation_is_undone_and_redone(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    record(db, group_id)
    window = make_window(db)
    page = observations_page(qtbot, window)
    assert settle(qtbot, page) == 1

    def edit(dialog: QDialog) -> None:
        described = dialog.findChild(QPlainTextEdit, "description")
        assert described.toPlainText() == "Zebra-striped van"
        described.clear()
        qtbot.keyClicks(described, "Blue hatchback circling")
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_person"), Qt.MouseButton.LeftButton)
        height = dialog.people.panels()[0].findChild(QComboBox, "height_min_in")
        height.setCurrentIndex(height.findData(70))
        _save(qtbot, dialog)

    _edit_first(qtbot, page, edit)
    query = "SELECT count(*) FROM observation WHERE description = '{}'"
    assert sql_count(db, query.format("Blue hatchback circling")) == 1
    assert sql_count(db, "SELECT count(*) FROM person_descriptor") == 1
    assert _undo_text(window) == "Undo Edit observation: suspicious vehicle, Nov 20"
    assert _search(qtbot, page, "hatchback") == 1

    window.action_undo.trigger()
    assert sql_count(db, query.format("Zebra-striped van")) == 1
    assert sql_count(db, "SELECT count(*) FROM person_descriptor") == 0
    assert _search(qtbot, page, "hatchback") == 0
    assert _search(qtbot, page, "zebra") == 1

    window.action_redo.trigger()
    assert sql_count(db, query.format("Blue hatchback circling")) == 1
    assert sql_count(db, "SELECT count(*) FROM person_descriptor") == 1
    assert _search(qtbot, page, "hatchback") == 1


def test_adding_a_follow_up_and_marking_it_done_are_undone_and_redone(
    qtbot: QtBot, make_window: MakeWindow, db: Database, group_id: int
) -> None:
    record(db, group_id)
    window = make_window(db)
    page = observations_page(qtbot, window)
    settle(qtbot, page)

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, ObservationDialog)
        table = dialog.follow_ups
        assert table.rowCount() == 1
        qtbot.mouseClick(dialog.findChild(QPushButton, "add_follow_up"), Qt.MouseButton.LeftButton)
        assert table.rowCount() == 2
        table.item(1, 0).setText("Call the non-emergency line")
        table.item(1, 1).setText("2026-11-23")
        _save(qtbot, dialog)

    _edit_first(qtbot, page, add)
    steps = "SELECT note, due_on, done_on FROM follow_up ORDER BY id"
    first = ("Ask the neighbours for camera footage", None, None)
    call = ("Call the non-emergency line", "2026-11-23", None)
    assert raw_rows(db, steps) == [first, call]
    assert _undo_text(window) == "Undo Add a follow-up to suspicious vehicle, Nov 20"
    assert "Call the non-emergency line (due 2026-11-23)" in page.detail.toPlainText()
    window.action_undo.trigger()
    assert raw_rows(db, steps) == [first]
    window.action_redo.trigger()
    assert raw_rows(db, steps) == [first, call]

    def mark_done(dialog: QDialog) -> None:
        assert isinstance(dialog, ObservationDialog)
        dialog.follow_ups.item(1, 2).setText("11/22/2026")
        _save(qtbot, dialog)

    _edit_first(qtbot, page, mark_done)
    done = (*call[:2], "2026-11-22")
    assert raw_rows(db, steps) == [first, done]
    assert _undo_text(window) == (
        "Undo Mark follow-up done: Call the non-emergency line (suspicious vehicle, Nov 20)"
    )
    assert "✔ Call the non-emergency line" in page.detail.toPlainText()
    window.action_undo.trigger()
    assert raw_rows(db, steps) == [first, call]
    assert _undo_text(window) == "Undo Add a follow-up to suspicious vehicle, Nov 20"
    window.action_redo.trigger()
    assert raw_rows(db, steps) == [first, done]

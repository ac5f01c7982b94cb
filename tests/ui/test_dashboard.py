"""The Dashboard's to-do list on the demo database: its sections count what plain SQL finds,
each line opens its record on its page, and "since you last opened" starts at the previous
opening of the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.conftest import DEMO_TODAY
from watchdesk.db.engine import Database
from watchdesk.ops.changes import Kind
from watchdesk.ui.context import AppContext
from watchdesk.ui.main_window import PAGE_NAMES, MainWindow
from watchdesk.ui.pages.dashboard import RECORD_ROLE, DashboardPage
from watchdesk.ui.settings import Settings
from watchdesk.ui.tasks import TaskRunner

# Sat Nov 21 2026, noon in Los Angeles (the demo group's time zone).
NOW = dt.datetime.combine(DEMO_TODAY, dt.time(20), tzinfo=dt.UTC)

Opener = Callable[[Database], MainWindow]


def sql(db: Database, query: str, **params: object) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def stored(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def open_window(qtbot: QtBot, settings: Settings) -> Opener:
    """A main window over the database as of NOW, running tasks synchronously."""

    def make(db: Database) -> MainWindow:
        window = MainWindow(settings, log_path="/tmp/watchdesk-test.log")
        qtbot.addWidget(window)
        window.resize(1024, 600)
        context = AppContext(db=db, runner=TaskRunner(synchronous=True), clock=lambda: NOW)
        window.attach(context)
        window.show()
        qtbot.waitUntil(lambda: window.dashboard is not None and window.dashboard.todo is not None)
        return window

    return make


def dashboard_of(window: MainWindow) -> DashboardPage:
    assert window.dashboard is not None
    return window.dashboard


def click(qtbot: QtBot, dashboard: DashboardPage, item: QTreeWidgetItem) -> None:
    dashboard.tree.scrollToItem(item)
    rect = dashboard.tree.visualItemRect(item)
    qtbot.mouseClick(dashboard.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def back_to_dashboard(window: MainWindow) -> DashboardPage:
    window.navigation.setCurrentRow(0)
    assert window.current_page_name() == "Dashboard"
    return dashboard_of(window)


def count_in(header: QTreeWidgetItem) -> int:
    return int(header.text(0).rsplit("(", 1)[1].rstrip(")"))


SERIOUS = """SELECT id FROM observation WHERE status = 'open' AND police_contact = 'none'
             AND (severity >= 3 OR category = 'burglary') ORDER BY occurred_at DESC, id DESC"""


def test_sections_count_what_sql_finds(open_window: Opener, demo_db: Database) -> None:
    window = open_window(demo_db)
    dashboard = dashboard_of(window)
    shifts = sql(
        demo_db,
        """
        SELECT count(*) FROM shift s WHERE NOT s.cancelled AND s.ends_at > :now
          AND s.local_date <= '2026-11-29'
          AND (SELECT count(*) FROM assignment a WHERE a.shift_id = s.id
               AND a.status <> 'no_show') < s.min_patrollers""",
        now=stored(NOW),
    )[0][0]
    follow_ups = sql(
        demo_db,
        "SELECT count(*) FROM follow_up WHERE done_on IS NULL AND due_on < :today",
        today=DEMO_TODAY.isoformat(),
    )[0][0]
    houses = sql(
        demo_db,
        "SELECT count(*) FROM vacation_window WHERE starts_on <= '2026-11-22' "
        "AND ends_on >= :today",
        today=DEMO_TODAY.isoformat(),
    )[0][0]
    serious = len(sql(demo_db, SERIOUS))
    expected = {
        "shifts": ("Short or uncovered shifts", shifts),
        "follow_ups": ("Overdue follow-ups", follow_ups),
        "vacations": ("Houses on vacation watch this week", houses),
        "serious": ("Serious observations not reported to police", serious),
    }
    for key, (caption, count) in expected.items():
        header = dashboard.sections[key]
        assert header.text(0) == f"{caption} ({count})"
        assert header.childCount() == count > 0
    certifications = dashboard.sections["certifications"]
    assert certifications.text(0).startswith("Certifications expired or expiring (")
    assert count_in(certifications) == certifications.childCount() > 0
    meeting = dashboard.sections["meeting"]
    assert meeting.text(0) == "Next meeting" and meeting.childCount() == 1
    assert meeting.child(0).text(0) == (
        "Monthly watch meeting, December 2026 — Tue Dec 8 7:00 PM · "
        "Sunnyside Community Hall, 3520 SE Yamhill St"
    )
    # Plural-correct lines.
    for line in dashboard.lines("shifts"):
        missing = int(line.text(0).rsplit("— ", 1)[1].split()[0])
        word = "patroller" if missing == 1 else "patrollers"
        assert line.text(0).endswith(f"— {missing} {word} missing")
    # The first opening of this file here: nothing "since you last opened" yet.
    new = dashboard.sections["new"]
    assert new.childCount() == 1 and "first time" in new.child(0).text(0)
    # A 1024x600 screen: the list scrolls inside the page.
    assert window.width() <= 1024 and window.height() <= 600
    assert dashboard.tree.verticalScrollBar().maximum() > 0


def test_each_line_opens_its_record(qtbot: QtBot, open_window: Opener, demo_db: Database) -> None:
    window = open_window(demo_db)
    dashboard = dashboard_of(window)

    shift_line = dashboard.lines("shifts")[-1]  # next week's: the page must move week
    _kind, shift_id = shift_line.data(0, RECORD_ROLE)
    click(qtbot, dashboard, shift_line)
    assert window.current_page_name() == "Patrols"
    patrols = window.pages.currentWidget()
    assert patrols.calendar.selected_id == shift_id  # type: ignore[attr-defined]

    dashboard = back_to_dashboard(window)
    certification = dashboard.lines("certifications")[-1]
    _kind, member_id = certification.data(0, RECORD_ROLE)
    click(qtbot, dashboard, certification)
    assert window.current_page_name() == "Training"
    training = window.pages.currentWidget()
    assert training.tabs.currentIndex() == 1  # type: ignore[attr-defined]
    rows = training.compliance_table.selectionModel().selectedRows()  # type: ignore[attr-defined]
    assert len(rows) == 1
    assert training.compliance()[rows[0].row()].member_id == member_id  # type: ignore[attr-defined]

    dashboard = back_to_dashboard(window)
    meeting_line = dashboard.lines("meeting")[0]
    _kind, meeting_id = meeting_line.data(0, RECORD_ROLE)
    click(qtbot, dashboard, meeting_line)
    assert window.current_page_name() == "Meetings"
    meeting = window.pages.currentWidget().current_meeting()  # type: ignore[attr-defined]
    assert meeting is not None and meeting.id == meeting_id

    dashboard = back_to_dashboard(window)
    house = dashboard.lines("vacations")[0]
    _kind, resident = house.data(0, RECORD_ROLE)
    click(qtbot, dashboard, house)
    assert window.current_page_name() == "Members"
    members = window.pages.currentWidget()
    assert members.selected_ids() == [resident]  # type: ignore[attr-defined]

    for key in ("follow_ups", "serious"):
        dashboard = back_to_dashboard(window)
        line = dashboard.lines(key)[-1]  # the oldest: not on the first page of the table
        kind, observation_id = line.data(0, RECORD_ROLE)
        assert kind == Kind.OBSERVATIONS
        click(qtbot, dashboard, line)
        assert window.current_page_name() == "Observations"
        observations = window.pages.currentWidget()
        assert observations.selected_id() == observation_id  # type: ignore[attr-defined]


def test_a_filter_that_hides_the_record_is_cleared(
    qtbot: QtBot, open_window: Opener, demo_db: Database
) -> None:
    window = open_window(demo_db)
    window.navigation.setCurrentRow(PAGE_NAMES.index("Observations"))
    observations = window.pages.currentWidget()
    observations.status.setCurrentIndex(observations.status.findData("closed"))  # type: ignore[attr-defined]
    dashboard = back_to_dashboard(window)
    line = dashboard.lines("serious")[0]
    _kind, observation_id = line.data(0, RECORD_ROLE)
    click(qtbot, dashboard, line)
    assert observations.selected_id() == observation_id  # type: ignore[attr-defined]
    assert observations.status.currentData() is None  # type: ignore[attr-defined]

    window.navigation.setCurrentRow(PAGE_NAMES.index("Members"))
    members = window.pages.currentWidget()
    members.search.setText("nobody is called this")  # type: ignore[attr-defined]
    assert members.model.ids == []  # type: ignore[attr-defined]
    dashboard = back_to_dashboard(window)
    house = dashboard.lines("vacations")[0]
    _kind, resident = house.data(0, RECORD_ROLE)
    click(qtbot, dashboard, house)
    assert members.selected_ids() == [resident]  # type: ignore[attr-defined]
    assert members.search.text() == ""  # type: ignore[attr-defined]


def test_since_you_last_opened_uses_the_previous_opening(
    qtbot: QtBot, open_window: Opener, demo_db: Database, settings: Settings
) -> None:
    before = NOW - dt.timedelta(days=10)
    settings.set_last_opened(demo_db.path, before)
    window = open_window(demo_db)
    dashboard = dashboard_of(window)
    expected = sql(
        demo_db,
        "SELECT id FROM observation WHERE created_at > :since ORDER BY occurred_at DESC, id DESC",
        since=stored(before),
    )
    new = dashboard.sections["new"]
    assert count_in(new) == len(expected) > 0
    assert [line.data(0, RECORD_ROLE)[1] for line in dashboard.lines("new")] == [
        i for (i,) in expected[:50]
    ]
    # Now is remembered for the file (by its resolved path), for the next opening.
    assert settings.last_opened(demo_db.path) == NOW
    line = dashboard.lines("new")[0]
    click(qtbot, dashboard, line)
    assert window.current_page_name() == "Observations"
    assert window.pages.currentWidget().selected_id() == line.data(0, RECORD_ROLE)[1]  # type: ignore[attr-defined]

    settings.set_last_page(0)  # open on the Dashboard again
    again = dashboard_of(open_window(demo_db))
    assert count_in(again.sections["new"]) == 0  # nothing recorded since NOW


def test_print_packet_builds_the_next_meetings_packet(
    qtbot: QtBot,
    open_window: Opener,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchdesk.ui.pages import _base

    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(
        _base.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF (*.pdf)")
    )
    dashboard = dashboard_of(open_window(demo_db))
    assert dashboard.packet_button is not None
    qtbot.mouseClick(dashboard.packet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20000)
    words = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert dashboard.todo is not None and dashboard.todo.next_meeting is not None
    assert dashboard.todo.next_meeting.title in words
    assert "December 8, 2026" in words


def test_changes_refresh_the_list(open_window: Opener, demo_db: Database) -> None:
    from dataclasses import replace

    from watchdesk.ops import observations as observation_ops

    window = open_window(demo_db)
    dashboard = dashboard_of(window)
    before = count_in(dashboard.sections["serious"])
    _kind, observation_id = dashboard.lines("serious")[0].data(0, RECORD_ROLE)
    assert window.context is not None
    form = observation_ops.observation_form(demo_db, observation_id)
    result = observation_ops.update_observation(
        demo_db, observation_id, replace(form, police_contact="non_emergency")
    )
    window.context.operations.record(result)
    assert count_in(dashboard.sections["serious"]) == before - 1

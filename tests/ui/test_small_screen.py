"""A 1024x600 screen (a small laptop): the window never opens larger than the screen, and at
that size every page can be used: nothing needs more room than there is, every button is in
sight, and no label is cut short."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeWindow
from watchdesk.db.engine import Database
from watchdesk.ui.forms import FlowLayout
from watchdesk.ui.main_window import PAGE_NAMES, WINDOW_FRAME, MainWindow, fit_to_screen
from watchdesk.ui.settings import Settings

SCREEN = QRect(0, 0, 1024, 600)
# The window's contents on that screen, once the window manager's frame and title bar are in.
ROOM = SCREEN.size() - WINDOW_FRAME


# -- the window's size and place ---------------------------------------------------------------


def test_a_default_or_remembered_size_too_big_for_the_screen_is_shrunk_to_fit() -> None:
    fitted = fit_to_screen(QRect(0, 0, 1100, 720), SCREEN)
    assert fitted.size() == ROOM and fitted.topLeft() == QPoint(0, 0)
    # Last used on a big screen, far to the right: smaller, and moved back onto this one.
    fitted = fit_to_screen(QRect(900, 300, 1800, 1000), SCREEN)
    assert fitted == QRect(0, 0, ROOM.width(), ROOM.height())
    fitted = fit_to_screen(QRect(700, 200, 800, 500), SCREEN)
    assert fitted.size() == QSize(800, 500)
    assert SCREEN.contains(QRect(fitted.topLeft(), fitted.size() + WINDOW_FRAME))
    # A panel at the top: the window starts below it.
    below_panel = QRect(0, 28, 1024, 572)
    assert fit_to_screen(QRect(10, 0, 900, 500), below_panel).topLeft() == QPoint(10, 28)
    # What fits already stays as it is.
    assert fit_to_screen(QRect(40, 30, 900, 500), SCREEN) == QRect(40, 30, 900, 500)


def test_the_window_opens_inside_the_screen_it_is_on(qtbot: QtBot, settings: Settings) -> None:
    available = QApplication.primaryScreen().availableGeometry()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.width() + WINDOW_FRAME.width() <= available.width()
    assert window.height() + WINDOW_FRAME.height() <= available.height()

    # Remembered from a bigger screen: brought back inside this one.
    window.resize(available.width() + 600, available.height() + 400)
    window.move(available.right() - 100, available.bottom() - 100)
    settings.set_window_geometry(window.saveGeometry())
    again = MainWindow(settings)
    qtbot.addWidget(again)
    frame = QRect(again.pos(), again.size() + WINDOW_FRAME)
    assert available.contains(frame), (frame, available)


SMALL_SCREEN_SCRIPT = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from watchdesk.ui.main_window import MainWindow
from watchdesk.ui.settings import Settings
app = QApplication([])
settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window = MainWindow(settings)
print(window.width(), window.height(), app.primaryScreen().availableGeometry().size().toTuple())
"""


def test_on_a_real_1024x600_screen_the_window_opens_no_larger(tmp_path: Path) -> None:
    """Qt's offscreen platform given one 1024x600 screen, in a program of its own."""
    config = tmp_path / "screen.json"
    screen = {"name": "small", "x": 0, "y": 0, "width": 1024, "height": 600}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    shown = subprocess.run(
        [sys.executable, "-c", SMALL_SCREEN_SCRIPT, str(tmp_path / "settings.ini")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert shown[2:] == ["(1024,", "600)"], "the platform took the screen given"
    assert (int(shown[0]), int(shown[1])) == ROOM.toTuple()


# -- every page at 1024x600 --------------------------------------------------------------------


def _in_scroll_area(widget: QWidget, page: QWidget) -> bool:
    """Inside a table or a scroll area: reached by scrolling, not cut off."""
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _place(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def cut_off(window: MainWindow, page: QWidget) -> list[str]:
    """What the page shows that cannot be used or read at the window's size."""
    QApplication.processEvents()  # the layouts settle
    problems = []
    seen = _place(page, window).intersected(window.rect())
    for button in page.findChildren(QAbstractButton):
        if not isinstance(button, QPushButton | QToolButton) or not button.isVisibleTo(window):
            continue
        if _in_scroll_area(button, page):
            continue
        place = _place(button, window)
        if not seen.contains(place) or button.width() < button.minimumSizeHint().width():
            problems.append(f"button {button.text()!r} at {place.getRect()}")
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text() or label.wordWrap():
            continue
        needs = label.minimumSizeHint().width()
        if label.width() < needs:
            problems.append(f"label {label.text()[:40]!r}: {label.width()} px, needs {needs}")
        elif not _in_scroll_area(label, page) and not seen.contains(_place(label, window)):
            problems.append(f"label {label.text()[:40]!r} at {_place(label, window).getRect()}")
    return problems


def fits_the_small_screen(window: MainWindow) -> None:
    needs = window.minimumSizeHint()
    assert needs.width() <= ROOM.width() and needs.height() <= ROOM.height(), (
        f"the {window.current_page_name()} page makes the window need {needs.toTuple()}"
    )


def every_tab(page: QWidget) -> list[tuple[QTabWidget, int]]:
    return [
        (tabs, index) for tabs in page.findChildren(QTabWidget) for index in range(tabs.count())
    ]


def test_every_page_fits_a_1024x600_window(
    qtbot: QtBot, make_window: MakeWindow, demo_db: Database
) -> None:
    window = make_window(demo_db)
    window.resize(ROOM)
    problems: dict[str, list[str]] = {}
    for row, name in enumerate(PAGE_NAMES):
        window.navigation.setCurrentRow(row)
        page = window.pages.currentWidget()
        qtbot.waitUntil(lambda page=page: page.isVisible())
        assert window.current_page_name() == name
        for tabs, index in [(None, 0), *every_tab(page)]:
            if tabs is not None:
                tabs.setCurrentIndex(index)
            where = name if tabs is None else f"{name} / {tabs.tabText(index)}"
            problems[where] = cut_off(window, page)
        # The first record chosen: what a detail panel shows fits too.
        tables = [t for t in page.findChildren(QAbstractScrollArea) if hasattr(t, "selectRow")]
        if tables and tables[0].isVisibleTo(window):
            tables[0].selectRow(0)  # type: ignore[attr-defined]
            problems[f"{name}, a row chosen"] = cut_off(window, page)
    assert {where: found for where, found in problems.items() if found} == {}
    assert window.size() == ROOM, "no page forced the window larger"
    fits_the_small_screen(window)
    # A liaison's file holds several groups: the group bar takes a line more.
    window.group_bar.setVisible(True)
    fits_the_small_screen(window)


def test_the_welcome_page_fits_a_1024x600_window(
    qtbot: QtBot, make_window: MakeWindow, db: Database
) -> None:
    window = make_window(db)
    window.resize(ROOM)
    qtbot.waitUntil(lambda: window.current_page_name() == "Welcome")
    assert window.welcome is not None
    assert cut_off(window, window.welcome) == []
    assert window.size() == ROOM
    fits_the_small_screen(window)


def test_a_flow_row_keeps_one_line_when_it_can_and_wraps_when_it_must(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder)
    buttons = [QPushButton(f"Button number {n}") for n in range(6)]
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    last = QPushButton("At the right")
    row.addWidget(last)
    holder.resize(row.sizeHint() + QSize(100, 0))
    holder.show()
    qtbot.waitExposed(holder)
    assert len({button.y() for button in [*buttons, last]}) == 1, "one line"
    assert last.geometry().right() == holder.width() - 1 - row.contentsMargins().right()

    widest = max(button.minimumSizeHint().width() for button in [*buttons, last])
    assert row.minimumSize().width() == widest + row.contentsMargins().left() * 2
    holder.resize(widest + 60, row.heightForWidth(widest + 60))
    QApplication.processEvents()
    assert len({button.y() for button in buttons}) == 6, "a line each"
    for button in [*buttons, last]:
        assert holder.rect().contains(button.geometry()), button.text()
        assert button.width() >= button.minimumSizeHint().width()

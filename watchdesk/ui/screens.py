"""The room a window has on its screen.

Asked through QGuiApplication, never ``QWidget.screen()``: PySide ties the QScreen it returns
to the widget asked, and when that widget is garbage-collected it can take the QScreen with it
(the next item view that asks where the mouse is then crashes; seen in the test suite with
PySide6 6.11).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_area(widget: QWidget) -> QRect:
    """The available area (without task bars) of the screen ``widget`` is on, or of the
    primary screen; an empty rectangle when there is no screen at all."""
    centre = widget.mapToGlobal(widget.rect().center())
    screen = QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()

"""PySide6 6.12.0 on CPython 3.11 loses a reference to None on every void Qt call and aborts
after a few thousand (see docs/pitfalls.md); pyproject.toml pins around it. This test makes 100,000
such calls: with a bad PySide6 build the process dies here rather than in a user's hands."""

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_many_void_calls_do_not_exhaust_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(100_000):
        label.setText("x" if index % 2 else "y")
    assert label.text() == "x"
    # None is immortal from 3.12; on 3.11 its count must not have fallen by ~100,000.
    assert sys.getrefcount(None) > before - 1000

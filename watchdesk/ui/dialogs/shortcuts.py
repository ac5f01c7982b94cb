"""Help > Keyboard shortcuts: every shortcut the window's actions have, read from the actions
themselves so the list cannot drift from what the keys do."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.ui.dialogs.base import FormDialog

# Keys that belong to forms and to the guide rather than to one action of the window.
FORM_KEYS = (
    "In every form, Enter in a one-line field saves and Esc cancels (a form with changes "
    "asks first). In the user guide, Ctrl+F finds words and F3 finds the next place."
)


def action_name(action: QAction) -> str:
    """The action's menu text without its mnemonic ampersand and trailing ellipsis."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` that has a shortcut, in the order
    the actions were made; what they do is the action's status tip, else its menu text."""
    rows = []
    for action in window.findChildren(QAction):
        keys = [
            each.toString(QKeySequence.SequenceFormat.NativeText)
            for each in action.shortcuts()
            if not each.isEmpty()
        ]
        if keys:
            rows.append((", ".join(keys), action.statusTip() or action_name(action)))
    return rows


class ShortcutsDialog(FormDialog):
    """The ``rows`` (keys, what they do) as a table; nothing to type, Close is the default."""

    track_changes = False  # read only

    def __init__(self, parent: QWidget | None, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard_shortcuts")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 520)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, name) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(name))
        note = QLabel(FORM_KEYS)
        note.setWordWrap(True)
        buttons = self.button_box(
            self.accept,
            QDialogButtonBox.StandardButton.Ok,
            "Close",
            cancel=QDialogButtonBox.StandardButton.NoButton,
        )
        body = QVBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(note)
        self.set_body(body, buttons, scroll=False)

    def listed(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return "" if item is None else item.text()

        return [(text(row, 0), text(row, 1)) for row in range(self.table.rowCount())]

"""A read-only table of shifts (the Patrols page's list view and its Gaps panel)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from watchdesk.services.schedule import ShiftCard
from watchdesk.ui.forms import shown_clock, shown_day
from watchdesk.ui.widgets.week_calendar import COLOURS, state_of

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Date", "Time", "Block / route", "Patrollers", "Staffing", "Conflicts")


class ShiftTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.cards: list[ShiftCard] = []
        self.time_zone = ZoneInfo("UTC")

    def set_cards(self, cards: Sequence[ShiftCard], time_zone: ZoneInfo) -> None:
        self.beginResetModel()
        self.cards, self.time_zone = list(cards), time_zone
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def text(self, card: ShiftCard, column: int) -> str:
        start = card.starts_at.astimezone(self.time_zone)
        end = card.ends_at.astimezone(self.time_zone)
        if column == 0:
            return shown_day(card.local_date)
        if column == 1:
            return f"{shown_clock(start)}–{shown_clock(end)}"
        if column == 2:
            return card.place
        if column == 3:
            return ", ".join(card.names) or "—"
        if column == 4:
            if card.cancelled:
                return "Cancelled"
            return f"{card.state.capitalize()} ({card.assigned} of {card.minimum})"
        return str(card.problems) if card.problems else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(card, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4:
            return QBrush(COLOURS[state_of(card)][0])
        if role == Qt.ItemDataRole.UserRole:
            return card.id
        return None

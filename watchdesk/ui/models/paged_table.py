"""A table model that holds only the ordered ids of the matching records and a cache of the
plain rows it has shown, fetching rows a page at a time as the view scrolls to them.

The model never sees SQL or ORM objects: it is given two functions, one returning ids for the
current sort, one returning plain rows for a list of ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    # The service's name for sorting by this column; None: not sortable.
    sort_key: str | None = None
    colour: Callable[[R], str | None] | None = None


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """What record tables share: their columns, headers and how a row becomes cells."""

    def __init__(self, columns: Sequence[Column[R]]) -> None:
        super().__init__()
        self.columns = list(columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def cell(self, row: R, column: int, role: int) -> Any:
        """The display text or the foreground colour of ``row`` in ``column``."""
        shown = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = shown.colour(row) if shown.colour else None
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None


class PagedTableModel(ColumnTableModel[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch_ids: Callable[[str, bool], list[int]],
        fetch_rows: Callable[[list[int]], dict[int, R]],
        page_size: int = 100,
    ) -> None:
        super().__init__(columns)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self.page_size = page_size
        self.ids: list[int] = []
        self._cache: dict[int, R] = {}
        self.sort_key = next((c.sort_key for c in self.columns if c.sort_key), "")
        self.descending = False

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask again for the matching ids (filter or data changed) and forget cached rows."""
        self.beginResetModel()
        self.ids = self._fetch_ids(self.sort_key, self.descending)
        self._cache.clear()
        self.endResetModel()

    def row_at(self, position: int) -> R | None:
        if not 0 <= position < len(self.ids):
            return None
        record_id = self.ids[position]
        if record_id not in self._cache:
            start = position - position % self.page_size
            page = self.ids[start : start + self.page_size]
            missing = [i for i in page if i not in self._cache]
            self._cache.update(self._fetch_rows(missing))
        return self._cache.get(record_id)

    def id_at(self, position: int) -> int | None:
        return self.ids[position] if 0 <= position < len(self.ids) else None

    def position_of(self, record_id: int) -> int | None:
        try:
            return self.ids.index(record_id)
        except ValueError:
            return None

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        return None if row is None else self.cell(row, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept_ids = [self.id_at(index.row()) for index in before]
        self.ids = self._fetch_ids(self.sort_key, self.descending)
        self._cache.clear()
        positions = {record_id: position for position, record_id in enumerate(self.ids)}
        # Selection and current row follow their records to the new positions.
        after = [
            self.index(positions[record_id], index.column())
            if record_id in positions
            else QModelIndex()
            for index, record_id in zip(before, kept_ids, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

"""A table model for tables too large to hold even their ids (a million observations): it knows
how many rows match and keeps a few pages of rows, fetched by position as the view reaches them.

The first page is read at once; the count starts once that page is shown, runs off the GUI
thread and, when it arrives, the rest of the rows appear below the first page. A filter
changed meanwhile makes the count stale, and it is dropped. The model never sees SQL: it is
given a function that returns the rows from a position, and one that counts them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from watchdesk.ui.models.paged_table import ID_ROLE, Column, ColumnTableModel


class HasId(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=HasId)
Index = QModelIndex | QPersistentModelIndex

# start_count(deliver): count off the GUI thread, then call deliver(total) on it.
StartCount = Callable[[Callable[[int], None]], None]


class PositionalTableModel(ColumnTableModel[R]):
    total_changed = Signal(int, bool)  # rows, whether that is the final count

    def __init__(
        self,
        columns: Sequence[Column[R]],
        # fetch_page(sort_key, descending, start, size, total): rows from ``start`` of ``total``
        # (total 0: not known yet, only the first page is asked for).
        fetch_page: Callable[[str, bool, int, int, int], Sequence[R]],
        start_count: StartCount,
        page_size: int = 100,
        pages_kept: int = 30,
    ) -> None:
        super().__init__(columns)
        self._fetch_page = fetch_page
        self._start_count = start_count
        self.page_size = page_size
        self._pages_kept = pages_kept
        self._pages: OrderedDict[int, Sequence[R]] = OrderedDict()
        self._rows = 0
        self.counted = True
        self._generation = 0
        self.sort_key = next((c.sort_key for c in self.columns if c.sort_key), "")
        self.descending = True

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the first page again (filter or data changed) and start a new count."""
        self._generation += 1
        generation = self._generation
        first = list(self._fetch_page(self.sort_key, self.descending, 0, self.page_size + 1, 0))
        self.beginResetModel()
        self._pages.clear()
        self._pages[0] = first[: self.page_size]
        self._rows = min(len(first), self.page_size)
        self.counted = len(first) <= self.page_size
        self.endResetModel()
        self.total_changed.emit(self._rows, self.counted)
        if not self.counted:
            # Counted once the first page is on screen: on two cores a count started at once
            # competes with the first page for the CPU and the disk.
            QTimer.singleShot(0, lambda: self._count_later(generation))

    def _count_later(self, generation: int) -> None:
        if generation == self._generation:
            self._start_count(lambda total: self._count_arrived(generation, total))

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # the filter changed while counting
        self.counted = True
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        self.total_changed.emit(self._rows, True)

    def row_at(self, position: int) -> R | None:
        if not 0 <= position < self._rows:
            return None
        number = position // self.page_size
        page = self._pages.get(number)
        if page is None:
            start = number * self.page_size
            page = self._fetch_page(
                self.sort_key, self.descending, start, self.page_size, self._rows
            )
            self._pages[number] = page
            while len(self._pages) > self._pages_kept:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = position - number * self.page_size
        return page[offset] if offset < len(page) else None

    def id_at(self, position: int) -> int | None:
        row = self.row_at(position)
        return row.id if row is not None else None

    def position_of(self, record_id: int) -> int | None:
        """Where ``record_id`` is, if it is on a page read already (the first always is)."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == record_id:
                    return number * self.page_size + offset
        return None

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            ID_ROLE,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return row.id if role == ID_ROLE else self.cell(row, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self.sort_key = self.columns[column].sort_key or ""
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._generation:  # the view sorts once as it is set up, before there is a filter
            self.reload()

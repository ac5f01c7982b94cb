"""A long table drawn straight onto the canvas: rows of plain text (never markup, so user text
prints literally), wrapped to their column, split page by page with the header repeated.

platypus' ``Table`` lays out every cell as a flowable and re-measures the whole table at each
page split: 10,000 rows cost about five times drawing them directly. Here each row is measured
once (``simpleSplit`` over the font's widths) and a page is a slice of rows.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from watchdesk.reports.base import BOLD, FONT, HEADER_FILL, INK, RULE

FONT_SIZE = 7.5
LEADING = 9.0
PADDING = 2.5
MAX_LINES = 3  # a longer cell ends with "…"


def _fit(value: str, width: float, lines: int) -> list[str]:
    wrapped = simpleSplit(value, FONT, FONT_SIZE, width) or [""]
    if len(wrapped) <= lines:
        return wrapped
    last = wrapped[lines - 1]
    while last and stringWidth(last + "…", FONT, FONT_SIZE) > width:
        last = last[:-1]
    return [*wrapped[: lines - 1], last.rstrip() + "…"]


class RowsTable(Flowable):
    """``rows`` of strings under ``header``; ``widths`` in points. The parts a page split
    makes share the rows and their measurements and keep only where they start and stop (a
    slice per page would copy the rest of a long table at every page)."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.widths = list(widths)
        self.rows = rows
        self.start, self.stop = 0, len(rows)
        self._heights: list[float] | None = None
        self._below: list[float] = [0.0]  # height of the rows before each row (prefix sums)
        self._cells: list[list[list[str]]] = []
        self.header_lines = [
            _fit(title, w - 2 * PADDING, 2) for title, w in zip(header, widths, strict=True)
        ]
        self.header_height = max(len(lines) for lines in self.header_lines) * LEADING + 2 * PADDING

    def _measure(self) -> list[float]:
        """Each row's wrapped cells and height, computed once for all the pages."""
        if self._heights is None:
            inner = [w - 2 * PADDING for w in self.widths]
            self._heights = []
            for row in self.rows:
                cells = [_fit(str(v), w, MAX_LINES) for v, w in zip(row, inner, strict=True)]
                height = max(len(c) for c in cells) * LEADING + 2 * PADDING
                self._cells.append(cells)
                self._heights.append(height)
                self._below.append(self._below[-1] + height)
        return self._heights

    def _part(self, start: int, stop: int) -> RowsTable:
        part = copy.copy(self)
        part.start, part.stop = start, stop
        # platypus marks a flowable it had to move on ("_postponed"); a new part starts fresh.
        part.__dict__.pop("_postponed", None)
        return part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._measure()
        self.width = sum(self.widths)
        self.height = self.header_height + self._below[self.stop] - self._below[self.start]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heights = self._measure()
        used, stop = self.header_height, self.start
        while stop < self.stop and used + heights[stop] <= avail_height:
            used += heights[stop]
            stop += 1
        if stop == self.start:
            return []  # not even one row: the next frame
        if stop == self.stop:
            return [self]
        return [self._part(self.start, stop), self._part(stop, self.stop)]

    def draw(self) -> None:
        canvas: Any = self.canv
        heights = self._measure()
        top = self.height
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - self.header_height, self.width, self.header_height, stroke=0, fill=1)
        canvas.setFillColor(INK)
        self._draw_cells(canvas, self.header_lines, top, BOLD)
        top -= self.header_height
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for index in range(self.start, self.stop):
            self._draw_cells(canvas, self._cells[index], top, FONT)
            top -= heights[index]
            canvas.line(0, top, self.width, top)
        canvas.restoreState()

    def _draw_cells(
        self, canvas: Any, cells: Sequence[Sequence[str]], top: float, font: str
    ) -> None:
        x = 0.0
        canvas.setFont(font, FONT_SIZE)
        for lines, width in zip(cells, self.widths, strict=True):
            y = top - PADDING - FONT_SIZE
            for line in lines:
                canvas.drawString(x + PADDING, y, line)
                y -= LEADING
            x += width

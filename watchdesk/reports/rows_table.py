"""A long table drawn straight onto the canvas: rows of plain text (never markup, so user text
prints literally), wrapped to their column, split page by page with the header repeated.

platypus' ``Table`` lays out every cell as a flowable and re-measures the whole table at each
page split: 10,000 rows cost about five times drawing them directly. Here each row is measured
once (``simpleSplit`` over the font's widths) and a page is a slice of rows.
"""

from __future__ import annotations

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


class _MeasuredRows:
    """The rows with each one's wrapped cells and height, measured once (on first use) for
    all the pages; ``below[i]`` is the height of the rows before row ``i``."""

    def __init__(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        self.widths = list(widths)
        self.rows = rows
        self.header_lines = [
            _fit(title, w - 2 * PADDING, 2) for title, w in zip(header, widths, strict=True)
        ]
        self.header_height = max(len(lines) for lines in self.header_lines) * LEADING + 2 * PADDING
        self.cells: list[list[list[str]]] = []
        self.heights: list[float] = []
        self.below: list[float] = [0.0]
        self._measured = False

    def measure(self) -> None:
        if self._measured:
            return
        self._measured = True
        inner = [w - 2 * PADDING for w in self.widths]
        for row in self.rows:
            cells = [_fit(str(v), w, MAX_LINES) for v, w in zip(row, inner, strict=True)]
            height = max(len(c) for c in cells) * LEADING + 2 * PADDING
            self.cells.append(cells)
            self.heights.append(height)
            self.below.append(self.below[-1] + height)


class RowsTable(Flowable):
    """Rows of strings under a header (``RowsTable.of``); widths in points. The parts a page split
    makes share the measured rows and keep only where they start and stop (a slice per page
    would copy the rest of a long table at every page)."""

    def __init__(self, measured: _MeasuredRows, start: int, stop: int) -> None:
        super().__init__()
        self.measured, self.start, self.stop = measured, start, stop

    @classmethod
    def of(
        cls, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> RowsTable:
        return cls(_MeasuredRows(header, rows, widths), 0, len(rows))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        rows = self.measured
        rows.measure()
        self.width = sum(rows.widths)
        self.height = rows.header_height + rows.below[self.stop] - rows.below[self.start]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        rows = self.measured
        rows.measure()
        used, stop = rows.header_height, self.start
        while stop < self.stop and used + rows.heights[stop] <= avail_height:
            used += rows.heights[stop]
            stop += 1
        if stop == self.start:
            return []  # not even one row: the next frame
        if stop == self.stop:
            return [self]
        return [RowsTable(rows, self.start, stop), RowsTable(rows, stop, self.stop)]

    def draw(self) -> None:
        canvas: Any = self.canv
        rows = self.measured
        top = self.height
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - rows.header_height, self.width, rows.header_height, stroke=0, fill=1)
        canvas.setFillColor(INK)
        self._draw_cells(canvas, rows.header_lines, top, BOLD)
        top -= rows.header_height
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for index in range(self.start, self.stop):
            self._draw_cells(canvas, rows.cells[index], top, FONT)
            top -= rows.heights[index]
            canvas.line(0, top, self.width, top)
        canvas.restoreState()

    def _draw_cells(
        self, canvas: Any, cells: Sequence[Sequence[str]], top: float, font: str
    ) -> None:
        x = 0.0
        canvas.setFont(font, FONT_SIZE)
        for lines, width in zip(cells, self.measured.widths, strict=True):
            y = top - PADDING - FONT_SIZE
            for line in lines:
                canvas.drawString(x + PADDING, y, line)
                y -= LEADING
            x += width

"""A long table drawn straight onto the canvas: rows of plain text (never markup, so user text
prints literally), wrapped to their column, split page by page with the header repeated.

platypus' ``Table`` lays out every cell as a flowable and re-measures the whole table at each
page split: 10,000 rows cost about five times drawing them directly. Here rows are pulled from
an iterator a page at a time, each measured once (``simpleSplit`` over the font's widths) and
drawn as lines of one text object, then let go: a year of a large group (a million rows) is
never in memory at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.reports.base import BOLD, FONT, HEADER_FILL, INK, RULE

FONT_SIZE = 7.5
LEADING = 9.0
PADDING = 2.5
MAX_LINES = 3  # a longer cell ends with "…"


@lru_cache(maxsize=8192)  # dates, times, categories and statuses repeat on every page
def _fit(value: str, width: float, lines: int) -> tuple[str, ...]:
    wrapped = simpleSplit(value, FONT, FONT_SIZE, width) or [""]
    if len(wrapped) <= lines:
        return tuple(wrapped)
    last = wrapped[lines - 1]
    while last and stringWidth(last + "…", FONT, FONT_SIZE) > width:
        last = last[:-1]
    return (*wrapped[: lines - 1], last.rstrip() + "…")


class _Row(NamedTuple):
    cells: list[tuple[str, ...]]  # each cell's wrapped lines
    height: float


@dataclass
class _Source:
    """The rows not yet placed: measured ones waiting (at most a page and one more), then the
    iterator's rest."""

    header: list[tuple[str, ...]]
    header_height: float
    widths: list[float]
    rows: Iterator[Sequence[object]]
    total: int
    progress: Progress
    waiting: deque[_Row]
    drawn: int = 0
    exhausted: bool = False

    def fill(self, height: float) -> float:
        """Measure rows until those waiting are taller than ``height`` or none are left;
        returns the height of those waiting."""
        inner = [w - 2 * PADDING for w in self.widths]
        waiting = sum(row.height for row in self.waiting)
        while waiting <= height and not self.exhausted:
            values = next(self.rows, None)
            if values is None:
                self.exhausted = True
                break
            cells = [_fit(str(v), w, MAX_LINES) for v, w in zip(values, inner, strict=True)]
            row = _Row(cells, max(len(c) for c in cells) * LEADING + 2 * PADDING)
            self.waiting.append(row)
            waiting += row.height
        return waiting

    def take(self, height: float) -> list[_Row]:
        """The waiting rows that fit in ``height``, in order."""
        taken: list[_Row] = []
        while self.waiting and self.waiting[0].height <= height:
            height -= self.waiting[0].height
            taken.append(self.waiting.popleft())
        return taken


class RowsTable(Flowable):
    """Rows of strings under a header (``RowsTable.of``); widths in points. A page split gives a
    part holding that page's rows and a new table for the rest of the source."""

    def __init__(self, source: _Source, rows: list[_Row] | None = None) -> None:
        super().__init__()
        self.source = source
        self.rows = rows  # None: everything still in the source

    @classmethod
    def of(
        cls,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        total: int = 0,
        progress: Progress | None = None,
    ) -> RowsTable:
        """``total`` (rows expected) is only for progress reports."""
        lines = [_fit(title, w - 2 * PADDING, 2) for title, w in zip(header, widths, strict=True)]
        source = _Source(
            header=lines,
            header_height=max(len(cell) for cell in lines) * LEADING + 2 * PADDING,
            widths=list(widths),
            rows=iter(rows),
            total=total,
            progress=progress or SilentProgress(),
            waiting=deque(),
        )
        return cls(source)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        source = self.source
        self.width = sum(source.widths)
        if self.rows is not None:
            body = sum(row.height for row in self.rows)
        else:  # taller than the space unless the rest fits
            body = source.fill(avail_height - source.header_height)
        self.height = source.header_height + body
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.rows is not None:
            return []  # a page's part is made to fit its page
        source = self.source
        source.fill(avail_height - source.header_height)
        rows = source.take(avail_height - source.header_height)
        if not rows:
            return []  # not even one row: the next frame
        return [RowsTable(source, rows), RowsTable(source)]

    def draw(self) -> None:
        source = self.source
        rows = self.rows if self.rows is not None else list(source.waiting)
        canvas: Any = self.canv
        top = self.height
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - source.header_height, self.width, source.header_height, 0, 1)
        canvas.setFillColor(INK)
        text = canvas.beginText()
        text.setFont(BOLD, FONT_SIZE, LEADING)
        self._write(text, source.header, top)
        top -= source.header_height
        text.setFont(FONT, FONT_SIZE, LEADING)
        rules = []
        for row in rows:
            self._write(text, row.cells, top)
            top -= row.height
            rules.append((0, top, self.width, top))
        canvas.drawText(text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.lines(rules)
        canvas.restoreState()
        if self.rows is None:
            source.waiting.clear()
        source.drawn += len(rows)
        source.progress.report(source.drawn, source.total, "Laying out the observations")

    def _write(self, text: Any, cells: Sequence[Sequence[str]], top: float) -> None:
        """Each cell's lines, at their place, into one text object (far cheaper than a
        ``drawString`` per line)."""
        x = PADDING
        for lines, width in zip(cells, self.source.widths, strict=True):
            y = top - PADDING - FONT_SIZE
            for line in lines:
                if line:
                    text.setTextOrigin(x, y)
                    text.textOut(line)
                y -= LEADING
            x += width

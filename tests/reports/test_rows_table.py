"""The long table: rows pulled from an iterator a page at a time (never all in memory), every
row printed once and in order, the header on every page, long cells cut with an ellipsis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from reportlab.lib.units import inch

from tests.pdf import pdf_text
from watchdesk.reports.base import ReportSpec, build_pdf
from watchdesk.reports.rows_table import RowsTable

ROWS = 1_500


class _Watch:
    """Progress that records, at each page drawn, how many rows had been drawn and read."""

    def __init__(self) -> None:
        self.read = 0
        self.seen: list[tuple[int, int]] = []

    def report(self, done: int, total: int, message: str = "") -> None:
        assert total == ROWS and message == "Laying out the observations"
        self.seen.append((done, self.read))

    def check_cancelled(self) -> None:
        pass


def _rows(watch: _Watch) -> Iterator[tuple[str, str, str]]:
    for number in range(ROWS):
        watch.read += 1
        words = " ".join(["word"] * (number % 40))  # 0 to 3+ lines
        yield f"row {number:04d}", words, "<b>literal</b> & ok"


def test_rows_are_read_a_page_at_a_time_and_all_printed_in_order(tmp_path: Path) -> None:
    watch = _Watch()
    widths = [1.2 * inch, 3.0 * inch, 1.5 * inch]
    table = RowsTable.of(("Number", "Words", "Markup"), _rows(watch), widths, ROWS, watch)
    target = build_pdf(tmp_path / "rows.pdf", ReportSpec("Rows", "Group"), [table])
    pages = pdf_text(target)
    assert len(pages) == len(watch.seen) > 20
    # Never more than a page and one row read ahead of what was drawn.
    per_page = max(b[0] - a[0] for a, b in zip(watch.seen, watch.seen[1:], strict=False))
    assert all(read - drawn <= per_page + 1 for drawn, read in watch.seen)
    assert watch.seen[-1] == (ROWS, ROWS)
    text = " ".join(pages)
    numbers = [int(part[:4]) for part in text.split("row ")[1:]]
    assert numbers == list(range(ROWS))
    assert all(page.count("Number Words Markup") == 1 for page in pages)
    assert text.count("<b>literal</b> & ok") == ROWS
    # 39 words do not fit in three lines of 3 inches: cut with an ellipsis; 20 do.
    assert re.search(r"row 0039 (word ){20,}wor… <b>", text)
    assert f"row 0020 {' '.join(['word'] * 20)} <b>" in text

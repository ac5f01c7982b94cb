"""Spreadsheet-safe CSV: UTF-8 with a byte-order mark (Excel then reads accents), RFC 4180
quoting and CRLF line ends, one header row, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from watchdesk.core.progress import Progress
from watchdesk.files import atomic_output

# Spreadsheets evaluate cells that start with these (docs/pitfalls.md); a leading apostrophe makes
# such a cell text in Excel, LibreOffice and Google Sheets alike.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that cannot run as a formula; numbers and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    _write(buffer, headers, rows, None)
    return "\ufeff" + buffer.getvalue()


def _write(
    stream: Any, headers: Sequence[str], rows: Iterable[Sequence[Any]], progress: Progress | None
) -> int:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        if progress is not None and count % 5_000 == 0:
            progress.check_cancelled()
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
        count += 1
    return count


def write_csv(
    target: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress | None = None,
) -> int:
    """Stream the rows to ``target`` (complete or not at all); returns how many."""
    with atomic_output(target, "w", encoding="utf-8-sig", newline="") as stream:
        return _write(stream, headers, rows, progress)

"""What can still be read from a damaged database file, one CSV per table.

The file is never written: a copy is read (padded to its full length if it was cut short).
Each table is read in ranges of row ids, so a damaged page costs
the rows on it, not the table; a table whose row ids cannot be read at all is read straight
through until the damage. Every column is written (this is the coordinator's own recovery, not
a file to share).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchdesk.db.engine import connect_read_only
from watchdesk.db.models import Base  # the package, so that every table is registered
from watchdesk.exchange.csv_file import write_csv

CHUNK = 500  # row ids per read: what one damaged page can cost


@dataclass
class TableSalvage:
    rows: int = 0
    gaps: int = 0  # ranges of row ids that could not be read
    unreadable: bool = False  # nothing of it could be read


@dataclass
class SalvageReport:
    folder: Path
    tables: dict[str, TableSalvage] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())

    def lines(self) -> list[str]:
        lines = [f"{_counted(self.rows, 'row')} read into {self.folder}"]
        for name, table in self.tables.items():
            if table.unreadable:
                lines.append(f"  {name}: unreadable")
            elif table.rows or table.gaps:
                damaged = f", {_counted(table.gaps, 'damaged range')} skipped" if table.gaps else ""
                lines.append(f"  {name}: {_counted(table.rows, 'row')}{damaged}")
        return lines


def _counted(count: int, thing: str) -> str:
    return f"{count:,} {thing}" if count == 1 else f"{count:,} {thing}s"


def salvage(damaged: Path, folder: Path) -> SalvageReport:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        return _salvage(_padded_copy(damaged, Path(scratch) / "copy.sqlite"), folder)


def _padded_copy(damaged: Path, copy: Path) -> Path:
    """A copy of ``damaged`` as long as its header says: SQLite refuses a cut-short file
    whole, but reads the pages before the cut once the missing ones are there (as zeros)."""
    shutil.copyfile(damaged, copy)
    with copy.open("r+b") as handle:
        header = handle.read(100)
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65_536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        if len(header) == 100 and pages * page_size > copy.stat().st_size:
            handle.truncate(pages * page_size)
    return copy


def _salvage(copy: Path, folder: Path) -> SalvageReport:
    report = SalvageReport(folder)
    with connect_read_only(copy) as connection:
        for table in Base.metadata.sorted_tables:
            found = report.tables[table.name] = TableSalvage()
            headers = [column.name for column in table.columns]
            rows = _rows(connection, table.name, headers, found)
            written = write_csv(folder / f"{table.name}.csv", headers, rows)
            if written == 0:
                (folder / f"{table.name}.csv").unlink()
    return report


def _rows(
    connection: sqlite3.Connection, table: str, headers: list[str], found: TableSalvage
) -> Iterator[tuple[Any, ...]]:
    columns = ", ".join(f'"{name}"' for name in headers)
    try:
        last = connection.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except sqlite3.DatabaseError:
        yield from _until_damage(connection, f'SELECT {columns} FROM "{table}"', found)
        return
    for start in range(0, last + 1, CHUNK):
        query = f'SELECT {columns} FROM "{table}" WHERE rowid BETWEEN ? AND ?'
        try:
            chunk = connection.execute(query, (start, start + CHUNK - 1)).fetchall()
        except sqlite3.DatabaseError:
            found.gaps += 1
            continue
        found.rows += len(chunk)
        yield from chunk


def _until_damage(
    connection: sqlite3.Connection, query: str, found: TableSalvage
) -> Iterator[tuple[Any, ...]]:
    try:
        for row in connection.execute(query):
            found.rows += 1
            yield row
    except sqlite3.DatabaseError:
        found.unreadable = found.rows == 0
        found.gaps += found.rows > 0

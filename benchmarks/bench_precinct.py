"""Issue 6 targets: a one-month precinct report on the small demo in <= 2 s; its observation
table at <= 2x the time of drawing the same rows straight onto a reportlab canvas; a one-year
report on the large demo (1,000,000 observations) in under 1 GB of memory."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from benchmarks.common import DEMO_TODAY, Result, best_of, run_cli_measured, small_demo
from watchdesk.db.opening import open_database

MONTH_BUDGET_S = 2.0
YEAR_MEMORY_BUDGET_MB = 1024.0
TABLE_ROWS = 10_000


def bench_precinct_month() -> Result:
    from watchdesk.ops.reports import build_precinct_report

    with tempfile.TemporaryDirectory() as folder:
        db, _ = open_database(small_demo(Path(folder)))
        first = DEMO_TODAY - dt.timedelta(days=29)
        target = Path(folder) / "month.pdf"
        took = best_of(3, lambda: build_precinct_report(db, 1, first, DEMO_TODAY, target))
        size = target.stat().st_size
        db.dispose()
    return Result(
        "Precinct report, one month of the small demo (budget 2 s)",
        took,
        MONTH_BUDGET_S,
        "s",
        1.0,
        note=f"PDF {size / 1000:.0f} kB",
    )


def _rows() -> list[tuple[str, ...]]:
    """Rows like the report's: short cells and a description that wraps to two lines."""
    words = "Person loitering by the side gate of a house on SE Alder St for twenty minutes"
    return [
        (
            f"Nov {1 + i % 28:02d}",
            f"{i % 24:02d}:{i % 60:02d}",
            "Suspicious person",
            f"near {30 + i % 4}th and SE Alder St",
            f"{words} ({i})",
            "Block captain",
            f"26-9{i:05d}" if i % 3 == 0 else "",
            "Reported",
        )
        for i in range(TABLE_ROWS)
    ]


def _canvas_baseline(rows: list[tuple[str, ...]], target: Path, widths: list[float]) -> None:
    """Each row's cells drawn with drawString, two lines for the description, a rule under each
    row, 24 rows a page: the least any table of these rows costs."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from watchdesk.reports.base import FONT

    canvas = Canvas(str(target), pagesize=LETTER)
    top = LETTER[1] - 72
    y = top
    for row in rows:
        if y < 72:
            canvas.showPage()
            y = top
        canvas.setFont(FONT, 7.5)
        x = 43.0
        for value, width in zip(row, widths, strict=True):
            for number, line in enumerate(simpleSplit(value, FONT, 7.5, width - 5)[:3]):
                canvas.drawString(x + 2.5, y - 10 - 9 * number, line)
            x += width
        y -= 23
        canvas.line(43, y, 43 + sum(widths), y)
    canvas.save()


def bench_precinct_table() -> Result:
    from reportlab.lib.units import inch

    from watchdesk.reports.base import ReportSpec, build_pdf
    from watchdesk.reports.precinct import OBSERVATION_COLUMNS
    from watchdesk.reports.rows_table import RowsTable

    rows = _rows()
    widths = [w * inch for _t, w in OBSERVATION_COLUMNS]
    header = [t for t, _w in OBSERVATION_COLUMNS]
    with tempfile.TemporaryDirectory() as folder:
        table_pdf, canvas_pdf = Path(folder) / "table.pdf", Path(folder) / "canvas.pdf"
        spec = ReportSpec("Benchmark", "Group")
        # Best of two each: single runs of either varied by a quarter on this machine.
        table = best_of(2, lambda: build_pdf(table_pdf, spec, [RowsTable.of(header, rows, widths)]))
        baseline = best_of(2, lambda: _canvas_baseline(rows, canvas_pdf, widths))
    return Result(
        f"Precinct report, table of {TABLE_ROWS:,} observations vs the same rows on a canvas",
        table,
        baseline,
        "s",
        2.0,
    )


def bench_precinct_year() -> Result:
    """The whole CLI command in a fresh process, so its peak resident memory is its own."""
    from pypdf import PdfReader

    from benchmarks.bench_patrols import large_demo

    path = large_demo()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "year.pdf"
        first = DEMO_TODAY - dt.timedelta(days=364)
        command = ["--db", str(path), "report", "precinct", "-o", str(target)]
        command += ["--from", first.isoformat(), "--to", DEMO_TODAY.isoformat()]
        seconds, peak_mb = run_cli_measured(*command)
        pages = len(PdfReader(target).pages)
        size_mb = target.stat().st_size / 1e6
    return Result(
        "Precinct report, one year of the large demo: peak memory vs the 1 GB budget",
        peak_mb,
        YEAR_MEMORY_BUDGET_MB,
        "MB",
        1.0,
        note=f"{seconds:.0f} s, {pages:,} pages, {size_mb:.0f} MB",
    )


BENCHMARKS = {
    "precinct_month": bench_precinct_month,
    "precinct_table": bench_precinct_table,
    "precinct_year": bench_precinct_year,
}

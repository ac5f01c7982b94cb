"""Reports and exports are reads: building one leaves the file unchanged (no write transaction,
nothing to back up), and every view of a period's shifts sees the same shifts: the shifts
table of a period expands weekly series through its end exactly as the rota does."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO_TODAY
from tests.pdf import pdf_text
from tests.sql import raw_rows
from watchdesk.core.entities import ShiftDraft
from watchdesk.core.recurrence import weekday_mask
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_export import ExportChoice
from watchdesk.ops import exchange, reports
from watchdesk.services import patrols
from watchdesk.services.observation_search import ObservationFilter

JUNE = (dt.date(2027, 6, 1), dt.date(2027, 6, 30))  # well past the 26 weeks a series is made


@pytest.fixture
def weekly(db: Database, group_id: int) -> None:
    """Tuesday and Friday evening patrols from Oct 1, 2026, with no end."""
    with db.write() as session:
        patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(
                dt.date(2026, 10, 1),
                dt.time(19),
                dt.time(22),
                route="Elm loop",
                repeat_weekdays=weekday_mask([1, 4]),
            ),
        )


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_shifts_table_of_a_period_lists_the_series_shifts_the_rota_prints(
    db: Database, group_id: int, weekly: None, tmp_path: Path
) -> None:
    first, last = JUNE
    table = tmp_path / "shifts.csv"
    written = reports.write_spreadsheet(db, group_id, "shifts", table, first, last)
    rows = _csv_rows(table)
    tuesdays_and_fridays = [
        first + dt.timedelta(days=n)
        for n in range((last - first).days + 1)
        if (first + dt.timedelta(days=n)).weekday() in (1, 4)
    ]
    assert written.count == len(rows) == len(tuesdays_and_fridays) == 9
    assert [row["Date"] for row in rows] == [day.isoformat() for day in tuesdays_and_fridays]

    # The rota of the same period prints the same shifts (nothing more to expand by then).
    rota = reports.build_rota(db, group_id, first, last, tmp_path / "rota.pdf")
    assert "\n".join(pdf_text(rota)).count("UNCOVERED") == len(rows)
    stored = raw_rows(
        db,
        "SELECT uuid FROM shift WHERE local_date BETWEEN ? AND ? ORDER BY starts_at",
        first.isoformat(),
        last.isoformat(),
    )
    assert [row["ID"] for row in rows] == [uuid for (uuid,) in stored]


class _NoWrites:
    """Stands in for ``db.write``/``db.write_connection``: a report must not open either."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def __call__(self, name: str) -> Any:
        def refuse(*_args: object, **_kwargs: object) -> AbstractContextManager[Any]:
            self.opened.append(name)
            raise AssertionError(f"a report opened a write transaction ({name})")

        return refuse


@pytest.fixture
def read_only(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[_NoWrites]:
    demo_db.backup("manual")
    assert not demo_db.changed_since_backup
    guard = _NoWrites()
    monkeypatch.setattr(demo_db, "write", guard("write"))
    monkeypatch.setattr(demo_db, "write_connection", guard("write_connection"))
    yield guard
    assert guard.opened == []
    assert not demo_db.changed_since_backup  # nothing for the next backup to save


def test_building_reports_and_exports_leaves_the_file_unchanged(
    demo_db: Database, read_only: _NoWrites, tmp_path: Path
) -> None:
    first, last = DEMO_TODAY - dt.timedelta(days=27), DEMO_TODAY
    reports.build_roster(demo_db, 1, tmp_path / "roster.pdf")
    reports.build_phone_trees(demo_db, 1, tmp_path / "trees.pdf")
    reports.build_rota(demo_db, 1, first, last, tmp_path / "rota.pdf")
    reports.write_calendar(
        demo_db, 1, first, last, tmp_path / "shifts.ics", dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    )
    for table in ("members", "observations", "shifts", "attendance"):
        reports.write_spreadsheet(demo_db, 1, table, tmp_path / f"{table}.csv", first, last)
    where = ObservationFilter(first=first, last=last)
    reports.write_observations(demo_db, 1, where, "geojson", tmp_path / "o.geojson")
    exchange.export_bundle(
        demo_db, ExportChoice(1, "precinct", first, last), tmp_path / "precinct.wdx"
    )


def test_the_precinct_report_leaves_the_file_unchanged(
    demo_db: Database, read_only: _NoWrites, tmp_path: Path
) -> None:
    first = DEMO_TODAY - dt.timedelta(days=29)
    reports.build_precinct_report(
        demo_db, 1, first, DEMO_TODAY, tmp_path / "precinct.pdf", tiles=tmp_path / "no-tiles"
    )


def test_series_are_expanded_only_when_one_is_behind(
    db: Database, group_id: int, weekly: None
) -> None:
    commits = db.commits
    assert reports.expand_series(db, group_id, dt.date(2026, 12, 31)) == 0  # made already
    assert db.commits == commits
    assert reports.expand_series(db, group_id, JUNE[1]) > 0
    assert db.commits == commits + 1
    assert reports.expand_series(db, group_id, JUNE[1]) == 0
    assert db.commits == commits + 1

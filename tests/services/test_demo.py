"""Demo data is deterministic, realistic, refuses a non-empty database and is all-or-nothing."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import DEMO_TODAY, make_demo
from watchdesk.core.progress import Cancelled, CancelToken, RecordingProgress
from watchdesk.db.engine import Database
from watchdesk.db.models import Base
from watchdesk.services.demo import generate_demo
from watchdesk.services.errors import ConflictError


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            table.name: conn.execute(f"SELECT * FROM {table.name} ORDER BY id").fetchall()
            for table in Base.metadata.sorted_tables
        }


def scalar(db: Database, query: str) -> object:
    with db.read() as session:
        return session.execute(text(query)).scalar_one()


def test_same_seed_same_data(tmp_path: Path, demo_template: Path) -> None:
    make_demo(tmp_path / "again.sqlite").dispose()
    assert dump(tmp_path / "again.sqlite") == dump(demo_template)


def test_other_seed_other_data(tmp_path: Path, demo_template: Path) -> None:
    make_demo(tmp_path / "other.sqlite", seed=2).dispose()
    assert dump(tmp_path / "other.sqlite")["observation"] != dump(demo_template)["observation"]


def test_small_demo_is_a_realistic_neighbourhood(demo_db: Database) -> None:
    assert scalar(demo_db, "SELECT count(*) FROM watch_group") == 1
    assert scalar(demo_db, "SELECT count(*) FROM household") == 60
    assert 100 <= scalar(demo_db, "SELECT count(*) FROM member") <= 150  # type: ignore[operator]
    assert scalar(demo_db, "SELECT count(*) FROM zone WHERE boundary_geojson IS NOT NULL") == 8
    assert scalar(demo_db, "SELECT count(*) FROM observation") == 1000
    # Case numbers exactly on observations reported to the police (hazards go to 3-1-1).
    assert (
        scalar(
            demo_db,
            "SELECT count(*) FROM observation WHERE case_number IS NOT NULL "
            "AND police_contact = 'none'",
        )
        == 0
    )
    assert scalar(demo_db, "SELECT count(*) FROM observation WHERE case_number IS NOT NULL") > 50  # type: ignore[operator]
    # Twelve months of recurring patrols, with check-ins and logs for past shifts.
    first, last = (
        dt.date.fromisoformat(str(v))
        for v in (
            scalar(demo_db, "SELECT min(local_date) FROM shift"),
            scalar(demo_db, "SELECT max(local_date) FROM shift"),
        )
    )
    assert first <= DEMO_TODAY - dt.timedelta(days=360) and last > DEMO_TODAY
    assert scalar(demo_db, "SELECT count(*) FROM patrol_log") > 200  # type: ignore[operator]
    assert scalar(demo_db, "SELECT count(*) FROM assignment WHERE status = 'completed'") > 300  # type: ignore[operator]
    # Certifications: some expired, some expiring within 30 days.
    today = DEMO_TODAY.isoformat()
    assert scalar(demo_db, f"SELECT count(*) FROM certification WHERE expires_on < '{today}'") > 0  # type: ignore[operator]
    soon = (DEMO_TODAY + dt.timedelta(days=30)).isoformat()
    assert (
        scalar(
            demo_db,
            f"SELECT count(*) FROM certification WHERE expires_on BETWEEN '{today}' AND '{soon}'",
        )
        > 0
    )  # type: ignore[operator]
    # Monthly meetings with agendas.
    assert scalar(demo_db, "SELECT count(*) FROM meeting") >= 12  # type: ignore[operator]
    assert scalar(demo_db, "SELECT count(DISTINCT meeting_id) FROM agenda_item") == scalar(
        demo_db, "SELECT count(*) FROM meeting"
    )
    # Evening hotspots: more observations 18:00-24:00 local than 06:00-12:00.
    with demo_db.read() as session:
        times = [row[0] for row in session.execute(text("SELECT occurred_at FROM observation"))]
    from zoneinfo import ZoneInfo

    time_zone = ZoneInfo("America/Los_Angeles")
    hours = [
        dt.datetime.fromisoformat(str(t)).replace(tzinfo=dt.UTC).astimezone(time_zone).hour
        for t in times
    ]
    assert sum(h >= 18 for h in hours) > 2 * sum(6 <= h < 12 for h in hours)


def test_demo_refuses_a_database_with_data(demo_db: Database) -> None:
    before = scalar(demo_db, "SELECT count(*) FROM observation")
    with pytest.raises(ConflictError), demo_db.write_connection() as connection:
        generate_demo(connection, "small", today=DEMO_TODAY)
    assert scalar(demo_db, "SELECT count(*) FROM observation") == before


def test_cancelled_demo_leaves_the_database_empty(db: Database) -> None:
    token = CancelToken()

    class CancelWhileWriting(RecordingProgress):
        def report(self, done: int, total: int, message: str = "") -> None:
            super().report(done, total, message)
            if message.startswith("writing") and done > 500:
                token.cancel()

    progress = CancelWhileWriting(token)
    with pytest.raises(Cancelled), db.write_connection() as connection:
        generate_demo(connection, "small", today=DEMO_TODAY, progress=progress)
    assert any(m.startswith("writing") for _, _, m in progress.reports)
    for table in ("watch_group", "member", "observation", "shift"):
        assert scalar(db, f"SELECT count(*) FROM {table}") == 0

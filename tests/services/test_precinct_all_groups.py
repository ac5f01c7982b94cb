"""The precinct report across the groups of a liaison's file: the cover lists every group, the
figures add up, each group has its own section equal to its own report, and the table of
observations carries each row's group, at that group's local time."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.pdf import pdf_text
from tests.sql import raw_rows, utc_text
from watchdesk.core.progress import Cancelled, RecordingProgress
from watchdesk.db.engine import Database
from watchdesk.ops.reports import build_precinct_report
from watchdesk.services.precinct import short_names

FIRST, LAST = dt.date(2026, 10, 23), dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 23, 0, tzinfo=dt.UTC)
GROUPS = {1: "Hawthorne Heights Neighborhood Watch", 2: "Lents Park Neighborhood Watch"}
ROW = re.compile(r"(Hawthorne Heights|Lents Park) ((?:Oct|Nov) \d{1,2}) (\d{1,2}:\d\d [AP]M) ")


def _observations(db: Database, group_id: int, time_zone: ZoneInfo) -> list[tuple[str, str]]:
    """(category, local "Mon DD HH:MM") of the group's observations in the period, by SQL."""
    rows = raw_rows(
        db,
        "SELECT occurred_at FROM observation WHERE group_id = ? AND occurred_at >= ? "
        "AND occurred_at < ? ORDER BY occurred_at",
        group_id,
        utc_text(FIRST, time_zone),
        utc_text(LAST + dt.timedelta(days=1), time_zone),
    )
    local = [
        dt.datetime.fromisoformat(str(text)).replace(tzinfo=dt.UTC).astimezone(time_zone)
        for (text,) in rows
    ]
    return [
        (f"{moment:%b} {moment.day}", f"{moment.hour % 12 or 12}:{moment:%M %p}")
        for moment in local
    ]


def _summary(text: str) -> str:
    found = re.search(r"Observations \d+ \S+ (\(\S+\) )?against \d+ in the previous 30 days", text)
    assert found, text[:300]
    return found.group(0)


def test_a_report_across_groups_adds_them_up_and_keeps_each_group_apart(
    liaison_db: Database, tmp_path: Path
) -> None:
    # Lents Park keeps its time in New York: its days, hours and rows follow that time zone.
    raw_rows(liaison_db, "UPDATE watch_group SET timezone = 'America/New_York' WHERE id = 2")
    time_zones = {1: ZoneInfo("America/Los_Angeles"), 2: ZoneInfo("America/New_York")}
    seen = {g: _observations(liaison_db, g, time_zone) for g, time_zone in time_zones.items()}
    assert all(len(rows) > 50 for rows in seen.values())
    total = sum(len(rows) for rows in seen.values())

    target = build_precinct_report(liaison_db, None, FIRST, LAST, tmp_path / "all.pdf", now=NOW)
    pages = pdf_text(target)
    cover, summary = pages[0], pages[1]
    assert "All watch groups" in cover and "Watch groups 2" in cover
    for group_id, name in GROUPS.items():
        assert f"{name} NW-2417 Beat 22 Officer Dana Whitfield (badge 4471) " in cover
        assert f"{len(seen[group_id])}" in cover
    assert _summary(summary).startswith(f"Observations {total} ")
    assert "By watch group" in summary
    for group_id, name in GROUPS.items():
        assert f"{name} {len(seen[group_id])} " in summary

    # Each group's section says what that group's own report says.
    for group_id, name in GROUPS.items():
        own = " ".join(
            pdf_text(
                build_precinct_report(
                    liaison_db, group_id, FIRST, LAST, tmp_path / "one.pdf", now=NOW
                )
            )
        )
        section = next(page for page in pages if page.startswith(f"{name} Watch number"))
        assert _summary(section) == _summary(own)
        for figure in ("Reported to police", "Patrol shifts held", "Training compliance"):
            assert re.search(f"{figure} [^A-Z]+", own).group(0) in section  # type: ignore[union-attr]

    # Every observation once, in time order, with its group and its group's local time.
    table = " ".join(pages[pages.index(next(p for p in pages if "Every observation" in p)) :])
    assert f"Every observation of the period ({total})" in table
    rows = ROW.findall(table)
    assert len(rows) == total
    for group_id, short in ((1, "Hawthorne Heights"), (2, "Lents Park")):
        assert sorted((day, time) for g, day, time in rows if g == short) == sorted(seen[group_id])


def test_the_groups_are_named_without_the_words_they_share() -> None:
    assert short_names(list(GROUPS.values())) == {
        GROUPS[1]: "Hawthorne Heights",
        GROUPS[2]: "Lents Park",
    }
    assert short_names(["Oak Street Watch", "Watch"]) == {
        "Oak Street Watch": "Oak Street Watch",
        "Watch": "Watch",
    }
    assert short_names(["Elm Watch", "Ash Patrol"]) == {
        "Elm Watch": "Elm Watch",
        "Ash Patrol": "Ash Patrol",
    }
    assert short_names(["Only Neighborhood Watch"]) == {
        "Only Neighborhood Watch": "Only Neighborhood Watch"
    }


def test_a_redacted_report_across_groups_names_no_one_who_did_not_agree(
    liaison_db: Database, tmp_path: Path
) -> None:
    target = build_precinct_report(liaison_db, None, FIRST, LAST, tmp_path / "all.pdf", now=NOW)
    text = " ".join(pdf_text(target))
    withheld = raw_rows(
        liaison_db,
        "SELECT DISTINCT given_name || ' ' || family_name AS name FROM member m "
        "JOIN observation o ON o.reporter_member_id = m.id WHERE NOT m.consent_named_in_reports "
        "AND name NOT IN (SELECT given_name || ' ' || family_name FROM member "
        "WHERE consent_named_in_reports)",  # the same name can belong to someone who agreed
    )
    assert withheld
    for (name,) in withheld:
        assert name not in text
    assert "locations to the hundred block (map ~100 m)" in text


def test_progress_goes_group_by_group_and_cancel_leaves_no_file(
    liaison_db: Database, tmp_path: Path
) -> None:
    class CancelAtLents(RecordingProgress):
        def report(self, done: int, total: int, message: str = "") -> None:
            super().report(done, total, message)
            if message.startswith("Lents Park"):
                self.token.cancel()

    progress = CancelAtLents()
    target = tmp_path / "all.pdf"
    with pytest.raises(Cancelled):
        build_precinct_report(liaison_db, None, FIRST, LAST, target, now=NOW, progress=progress)
    assert not target.exists()
    seen = [(done, total, message.split(":")[0]) for done, total, message in progress.reports]
    assert seen[0] == (0, 2, GROUPS[1]) and (1, 2, GROUPS[2]) in seen

"""The meeting packet, read back from the PDF: the meeting and its agenda, the last 30 days,
four weeks of rota with every gap, trainings, phone trees and a sign-in sheet that obey consent,
and the blank description forms; refusals and cancelling write nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.pdf import pdf_text
from tests.sql import DEMO_TIME_ZONE, raw_rows, utc_text
from watchdesk.core.entities import MeetingInput
from watchdesk.core.progress import Cancelled, Progress
from watchdesk.core.validation import display_phone
from watchdesk.db.engine import Database
from watchdesk.ops.reports import build_meeting_packet
from watchdesk.services.errors import NotFoundError
from watchdesk.services.meetings import add_meeting

NOW = dt.datetime(2026, 11, 21, 23, 0, tzinfo=dt.UTC)  # the demo's today, afternoon local
MEETING_DAY = dt.date(2026, 12, 8)  # the demo's second Tuesday of December


@pytest.fixture
def packet(demo_db: Database, tmp_path: Path) -> list[str]:
    target = build_meeting_packet(demo_db, 1, dt.date(2026, 11, 21), tmp_path / "packet.pdf", NOW)
    return pdf_text(target)


def _pages_from(pages: list[str], title: str) -> list[str]:
    start = next(i for i, page in enumerate(pages) if title in page)
    return pages[start:]


def test_agenda_and_meeting_come_from_the_meeting_record(
    demo_db: Database, packet: list[str]
) -> None:
    ((meeting_id, title, place),) = raw_rows(
        demo_db,
        "SELECT id, title, place FROM meeting WHERE group_id = 1 AND starts_at >= ? "
        "ORDER BY starts_at LIMIT 1",
        utc_text(dt.date(2026, 11, 21)),
    )
    first = packet[0]
    assert title == "Monthly watch meeting, December 2026"
    assert f"{title} Hawthorne Heights Neighborhood Watch · Meeting packet" in first
    assert "When Tuesday, December 8, 2026, 7:00 PM to 8:30 PM" in first
    assert f"Where {place}" in first
    items = raw_rows(
        demo_db,
        "SELECT title, presenter, duration_minutes FROM agenda_item WHERE meeting_id = ? "
        "ORDER BY position",
        meeting_id,
    )
    clock = dt.datetime(2026, 12, 8, 19, 0)
    for item_title, presenter, minutes in items:
        assert isinstance(minutes, int)
        line = f"{clock:%I:%M %p}".lstrip("0") + f" {item_title}"
        line += f" {presenter}" if presenter else ""
        assert f"{line} {minutes} min" in first
        clock += dt.timedelta(minutes=minutes)
    assert len(items) == 6
    total = len(packet)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(packet, start=1))


def test_last_thirty_days_and_rota_gaps_equal_the_database(
    demo_db: Database, packet: list[str]
) -> None:
    text = " ".join(packet)
    (observations,) = raw_rows(
        demo_db,
        "SELECT count(*) FROM observation WHERE group_id = 1 AND occurred_at >= ? "
        "AND occurred_at < ?",
        utc_text(dt.date(2026, 10, 23)),
        utc_text(dt.date(2026, 11, 22)),
    )[0]
    assert isinstance(observations, int) and observations > 50
    assert "The last 30 days: Oct 23 – Nov 21, 2026" in text
    assert f"Observations {observations} " in text
    # Every shift of the four weeks from the meeting, and the gaps among them.
    shifts = raw_rows(
        demo_db,
        "SELECT NOT s.cancelled AND s.min_patrollers > "
        "(SELECT count(*) FROM assignment a WHERE a.shift_id = s.id AND a.status != 'no_show') "
        "FROM shift s WHERE s.group_id = 1 AND s.local_date BETWEEN ? AND ?",
        MEETING_DAY.isoformat(),
        (MEETING_DAY + dt.timedelta(days=27)).isoformat(),
    )
    gaps = sum(1 for (short,) in shifts if short)
    assert len(shifts) >= 28 and gaps > 0
    rota = " ".join(_pages_from(packet, "Patrol rota: Dec 8, 2026 – Jan 4, 2027"))
    rota = rota[: rota.index("Upcoming trainings")]
    assert f"{gaps} shifts need more patrollers (grey rows)" in rota
    assert rota.count("UNCOVERED") + rota.count("MORE") == gaps
    assert rota.count(" of 2") + rota.count(" of 3") + gaps >= len(shifts) - 1


def test_upcoming_trainings_are_listed(demo_db: Database, packet: list[str]) -> None:
    sessions = raw_rows(
        demo_db,
        "SELECT c.title, t.location FROM training_session t JOIN course c ON c.id = t.course_id "
        "WHERE t.group_id = 1 AND t.starts_at >= ? AND t.starts_at < ?",
        "2026-12-09 03:00:00",  # the meeting's start in UTC: sessions before it are not upcoming
        utc_text(MEETING_DAY + dt.timedelta(days=56)),
    )
    assert sessions
    section = " ".join(_pages_from(packet, "Upcoming trainings"))
    section = section[section.index("Upcoming trainings When") : section.index("Phone trees")]
    for title, location in sessions:
        assert f"{title} {location}" in section


def test_phone_trees_and_sign_in_obey_consent(demo_db: Database, packet: list[str]) -> None:
    members = raw_rows(
        demo_db,
        "SELECT m.given_name, m.family_name, m.preferred_name, m.phone_mobile, m.phone_home, "
        "m.consent_phone_tree, m.consent_printed_roster, h.address_line, m.email "
        "FROM member m LEFT JOIN household h ON h.id = m.household_id "
        "WHERE m.group_id = 1 AND m.status = 'active' AND m.merged_into_id IS NULL",
    )
    text = " ".join(packet)
    sign_in = " ".join(_pages_from(packet, "Sign-in sheet"))
    sign_in = sign_in[: sign_in.index("Suspicious person")]
    trees = " ".join(_pages_from(packet, "Phone trees"))
    trees = trees[: trees.index("Sign-in sheet")]
    shown_phones = {
        display_phone(str(row[3] or row[4] or "")) for row in members if row[5] or row[6]
    }
    listed = hidden = 0
    for given, family, preferred, mobile, home, tree, roster, address, email in members:
        phone = display_phone(str(mobile or home or ""))
        name = f"{family}, {preferred or given}"
        if roster:
            listed += 1
            assert f"{name} {address} {phone}" in sign_in
        if not (roster or tree) and phone and phone not in shown_phones:
            hidden += 1
            assert phone not in text
        if tree and phone:
            assert phone in trees
        if email:
            assert str(email) not in text
    assert listed > 20 and hidden > 0
    left_off = sum(1 for row in members if not row[6])
    assert f"{left_off} members not printed (no consent to a printed roster)" in sign_in
    blocks = raw_rows(demo_db, "SELECT name FROM zone WHERE group_id = 1 AND kind = 'block'")
    for (block,) in blocks:
        assert str(block) in trees


def test_blank_description_forms_close_the_packet(packet: list[str]) -> None:
    person, vehicle = packet[-2], packet[-1]
    assert "Suspicious person Description form" in person
    assert "call 911 first" in person and "(503) 555-0199" in person
    for words in ("☐ Male", "☐ Athletic", "☐ Goatee", "Marks, scars, tattoos", "Case number"):
        assert words in person
    assert "Suspicious vehicle Description form" in vehicle
    for words in ("☐ Silver", "☐ Pickup", "Licence plate", "State:", "People inside"):
        assert words in vehicle


def test_a_meeting_without_agenda_and_with_markup_prints_literally(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.write() as session:
        add_meeting(
            session,
            1,
            MeetingInput(
                title="Coffee <b>& cops</b>",
                starts_at=dt.datetime(2027, 3, 2, 18, 0, tzinfo=DEMO_TIME_ZONE),
                place="Bea's <Café> & Bakery",
                kind="coffee_with_a_cop",
            ),
        )
    target = build_meeting_packet(demo_db, 1, dt.date(2027, 3, 1), tmp_path / "coffee.pdf", NOW)
    first = pdf_text(target)[0]
    assert "Coffee <b>& cops</b>" in first
    assert "Where Bea's <Café> & Bakery" in first
    assert "Kind Coffee with a Cop" in first
    assert "No agenda has been set for this meeting yet." in first


def test_no_meeting_on_or_after_the_date_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFoundError, match="no meeting on or after 2027-06-01"):
        build_meeting_packet(demo_db, 1, dt.date(2027, 6, 1), out / "none.pdf", NOW)
    assert list(out.iterdir()) == []


class _CancelWhileLayingOut(Progress):
    def __init__(self) -> None:
        self.laying_out = False

    def report(self, done: int, total: int, message: str = "") -> None:
        self.laying_out = self.laying_out or message == "Laying out the packet"

    def check_cancelled(self) -> None:
        if self.laying_out:
            raise Cancelled()


def test_cancelling_while_laying_out_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    progress = _CancelWhileLayingOut()
    with pytest.raises(Cancelled):
        build_meeting_packet(demo_db, 1, MEETING_DAY, out / "packet.pdf", NOW, progress)
    assert progress.laying_out
    assert list(out.iterdir()) == []

"""The precinct activity report, read back from the PDF: every figure equals what plain SQL finds
for the period, redaction holds, user text prints literally, cancelling leaves no file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf import pdf_text
from tests.sql import raw_rows, utc_text
from watchdesk.core.entities import MemberInput, ObservationInput
from watchdesk.core.progress import Cancelled, Progress
from watchdesk.db.engine import Database
from watchdesk.ops.reports import build_precinct_report
from watchdesk.services.members import add_member
from watchdesk.services.observations import record_observation

FIRST, LAST = dt.date(2026, 10, 23), dt.date(2026, 11, 21)  # 30 days
NOW = dt.datetime(2026, 11, 21, 23, 0, tzinfo=dt.UTC)


def _scalar(db: Database, query: str, *args: object) -> int:
    value = raw_rows(db, query, *args)[0][0]
    assert isinstance(value, int)
    return value


def _in_period(first: dt.date = FIRST, last: dt.date = LAST) -> tuple[str, str]:
    return utc_text(first), utc_text(last + dt.timedelta(days=1))


PERIOD_SQL = "FROM observation WHERE group_id = 1 AND occurred_at >= ? AND occurred_at < ?"


def _report(db: Database, tmp_path: Path, redaction: str = "standard") -> tuple[Path, str]:
    target = build_precinct_report(db, 1, FIRST, LAST, tmp_path / "precinct.pdf", redaction, NOW)
    return target, " ".join(pdf_text(target))


def test_every_figure_equals_what_the_database_holds(demo_db: Database, tmp_path: Path) -> None:
    target, text = _report(demo_db, tmp_path)
    observations = _scalar(demo_db, f"SELECT count(*) {PERIOD_SQL}", *_in_period())
    before = _scalar(
        demo_db,
        f"SELECT count(*) {PERIOD_SQL}",
        *_in_period(FIRST - dt.timedelta(days=30), FIRST - dt.timedelta(days=1)),
    )
    change = observations - before
    assert observations > 50 and before > 0
    assert (
        f"Observations {observations} {change:+d} ({100 * change / before:+.0f}%) against "
        f"{before} in the previous 30 days" in text
    )
    police = _scalar(
        demo_db, f"SELECT count(*) {PERIOD_SQL} AND police_contact != 'none'", *_in_period()
    )
    cases = [
        row[0]
        for row in raw_rows(
            demo_db, f"SELECT case_number {PERIOD_SQL} AND case_number IS NOT NULL", *_in_period()
        )
    ]
    assert f"Reported to police {police}, {len(cases)} with a police case number" in text
    for case in cases:
        assert case in text
    follow_ups = _scalar(
        demo_db,
        "SELECT count(*) FROM follow_up f JOIN observation o ON o.id = f.observation_id "
        "WHERE o.group_id = 1 AND o.occurred_at >= ? AND o.occurred_at < ? AND f.done_on IS NULL",
        *_in_period(),
    )
    assert f"Open follow-ups {follow_ups} on this period's observations" in text

    # Shifts held (started by NOW, not cancelled) and those booked to their minimum.
    shifts = raw_rows(
        demo_db,
        "SELECT s.min_patrollers, (SELECT count(*) FROM assignment a WHERE a.shift_id = s.id "
        "AND a.status != 'no_show') FROM shift s WHERE s.group_id = 1 AND NOT s.cancelled "
        "AND s.local_date BETWEEN ? AND ? AND s.starts_at <= ?",
        FIRST.isoformat(),
        LAST.isoformat(),
        NOW.strftime("%Y-%m-%d %H:%M:%S"),
    )
    covered = sum(1 for minimum, booked in shifts if booked >= minimum)  # type: ignore[operator]
    assert f"Patrol shifts held {len(shifts)}" in text
    assert (
        f"Coverage {100 * covered / len(shifts):.0f}% of shifts at minimum staffing "
        f"({covered} of {len(shifts)})" in text
    )
    worked = raw_rows(
        demo_db,
        "SELECT s.starts_at, s.ends_at, l.actual_start, l.actual_end FROM assignment a "
        "JOIN shift s ON s.id = a.shift_id LEFT JOIN patrol_log l ON l.shift_id = s.id "
        "WHERE a.group_id = 1 AND a.status = 'completed' AND s.local_date BETWEEN ? AND ?",
        FIRST.isoformat(),
        LAST.isoformat(),
    )

    def hours(start: object, end: object) -> float:
        begin = dt.datetime.fromisoformat(str(start))
        return round((dt.datetime.fromisoformat(str(end)) - begin).total_seconds() / 3600, 2)

    total = sum(
        hours(a, b) if a and b and str(b) > str(a) else hours(s, e) for s, e, a, b in worked
    )
    assert f"Volunteer hours {total:,.1f}" in text
    active = _scalar(
        demo_db, "SELECT count(*) FROM member WHERE group_id = 1 AND status = 'active'"
    )
    assert f"Active members {active}" in text
    # Training: active members whose role requires a course; trained when every required
    # course has a certification that had not expired on the report's day.
    needing, trained = raw_rows(
        demo_db,
        "WITH need AS (SELECT m.id AS member, r.course_id AS course, EXISTS (SELECT 1 FROM "
        "certification c WHERE c.member_id = m.id AND c.course_id = r.course_id AND "
        "(c.expires_on IS NULL OR c.expires_on >= ?)) AS valid FROM member m JOIN "
        "course_requirement r ON r.role = m.role AND r.group_id = m.group_id "
        "WHERE m.group_id = 1 AND m.status = 'active') "
        "SELECT count(DISTINCT member), count(DISTINCT member) - "
        "count(DISTINCT CASE WHEN NOT valid THEN member END) FROM need",
        LAST.isoformat(),
    )[0]
    assert isinstance(needing, int) and isinstance(trained, int) and 0 < trained < needing
    assert (
        f"Training compliance {100 * trained / needing:.0f}% of members who need training are "
        f"current ({trained} of {needing})" in text
    )

    # Every observation is a row of the table; page numbers count the real pages.
    pages = len(PdfReader(target).pages)
    assert f"Every observation of the period ({observations})" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("Time Category Location Description") >= 2  # header on every table page


def test_the_shared_copy_names_no_one_who_did_not_agree_and_shows_no_contact_details(
    demo_db: Database, tmp_path: Path
) -> None:
    _target, text = _report(demo_db, tmp_path)
    contacts = raw_rows(
        demo_db,
        "SELECT phone_home, phone_mobile, phone_work, email, emergency_contact_phone, "
        "given_name, family_name, preferred_name, consent_named_in_reports FROM member",
    )
    digits_in_text = re.sub(r"\D", "", text)
    for *details, _given, _family, _preferred, _named in contacts:
        for value in details:
            if value:
                assert str(value) not in text
            digits = re.sub(r"\D", "", str(value or ""))
            if "@" not in str(value) and len(digits) >= 7:
                assert digits[-7:] not in digits_in_text
    # (The demo has two Marcus Alvarez: one agreed to be named, one did not.)
    named = {f"{row[7] or row[5]} {row[6]}" for row in contacts if row[8]}
    withheld = [f"{row[7] or row[5]} {row[6]}" for row in contacts if not row[8]]
    withheld = [name for name in withheld if name not in named]
    assert withheld and not [name for name in withheld if name in text]
    homes = [row[0] for row in raw_rows(demo_db, "SELECT address_line FROM household")]
    assert homes and not [home for home in homes if home in text]
    assert "Redacted: no member phone, email or home address" in text

    internal, internal_text = _report(demo_db, tmp_path, "none")
    pages = pdf_text(internal)
    assert all("INTERNAL COPY, NOT REDACTED" in page for page in pages)
    assert [name for name in withheld if name in internal_text]  # reporters named inside


def test_hostile_and_accented_text_prints_literally_in_embedded_fonts(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    hostile = "<img src=x onerror=alert(1)> & </para> ${x} `rm`"
    with db.write() as session:
        zoe = add_member(
            session, group_id, MemberInput("Zoë", "Nguyễn Peña", consent_named_in_reports=True)
        )
        record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=dt.datetime(2026, 11, 1, 20, tzinfo=dt.UTC),
                category="other",
                description=hostile,
                address_text="1234 <b>SE</b> Queens St",
                reporter_member_id=zoe.id,
                police_contact="non_emergency",
                case_number="26-<i>1</i>",
            ),
        )
    target = build_precinct_report(db, group_id, FIRST, LAST, tmp_path / "p.pdf", now=NOW)
    text = " ".join(pdf_text(target))
    assert hostile in text
    assert "1200 block of <b>SE</b> Queens St" in text  # the hundred block, not the house
    assert "Zoë Nguyễn Peña" in text and "26-<i>1</i>" in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(target).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
        if "/FontDescriptor" in font.get_object() or "/DescendantFonts" in font.get_object()
    }
    assert any("DejaVuSans" in name for name in fonts)
    assert b"/FontFile2" in target.read_bytes()  # embedded, not referenced


def test_an_empty_period_says_there_was_nothing_to_report(
    demo_db: Database, tmp_path: Path
) -> None:
    target = build_precinct_report(
        demo_db, 1, dt.date(2020, 1, 1), dt.date(2020, 1, 31), tmp_path / "e.pdf", now=NOW
    )
    text = " ".join(pdf_text(target))
    assert "Nothing to report: no observations were recorded in this period." in text
    assert "Observations 0 0 in the previous 31 days" in text
    assert "Every observation of the period (0)" in text


class _CancelAfter(Progress):
    def __init__(self, checks: int) -> None:
        self.left = checks

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def check_cancelled(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Cancelled()


@pytest.mark.parametrize("checks", [2, 40])  # while reading, while laying out
def test_cancelling_midway_leaves_no_file(demo_db: Database, tmp_path: Path, checks: int) -> None:
    target = tmp_path / "out" / "precinct.pdf"
    target.parent.mkdir()
    with pytest.raises(Cancelled):
        build_precinct_report(
            demo_db, 1, FIRST, LAST, target, now=NOW, progress=_CancelAfter(checks)
        )
    assert list(target.parent.iterdir()) == []

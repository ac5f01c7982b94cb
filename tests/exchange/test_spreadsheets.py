"""CSV tables for spreadsheets: BOM, RFC 4180, readable headers, ISO dates, consent, and no
cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest

from watchdesk.db.engine import Database
from watchdesk.ops.reports import write_spreadsheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2-2", "@SUM(A1)", "\tTAB", "\rCR"]


def _read(path: Path) -> tuple[bytes, list[dict[str, str]], list[list[str]]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return raw, list(csv.DictReader(io.StringIO(text, newline=""))), rows


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_members_obey_consent_unless_all_fields(demo_db: Database, tmp_path: Path) -> None:
    with sqlite3.connect(demo_db.path) as connection:
        consenting = connection.execute(
            "SELECT count(*) FROM member WHERE consent_printed_roster AND merged_into_id IS NULL"
        ).fetchone()[0]
        everyone = connection.execute(
            "SELECT count(*) FROM member WHERE merged_into_id IS NULL"
        ).fetchone()[0]
        hidden_email = connection.execute(
            "SELECT email FROM member WHERE NOT consent_printed_roster AND email IS NOT NULL"
        ).fetchone()[0]
    target = tmp_path / "members.csv"
    written = write_spreadsheet(demo_db, 1, "members", target)
    raw, rows, _ = _read(target)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert written.count == len(rows) == consenting < everyone
    assert written.left_out == everyone - consenting
    assert hidden_email not in raw.decode("utf-8-sig")
    assert {"Family name", "Mobile phone", "Consent: printed roster"} <= set(rows[0])
    assert "Notes" not in rows[0]
    assert all(row["Consent: printed roster"] == "yes" for row in rows)
    joined = [row["Joined"] for row in rows if row["Joined"]]
    assert joined and all(dt.date.fromisoformat(day) for day in joined)

    write_spreadsheet(demo_db, 1, "members", target, all_fields=True)
    _, rows, _ = _read(target)
    assert len(rows) == everyone and "Notes" in rows[0]
    assert hidden_email in {row["Email"] for row in rows}


@pytest.mark.parametrize("table", ["observations", "shifts", "attendance"])
def test_tables_have_readable_headers_and_iso_times(
    table: str, demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / f"{table}.csv"
    written = write_spreadsheet(
        demo_db, 1, table, target, dt.date(2026, 10, 1), dt.date(2026, 10, 31)
    )
    _, rows, _ = _read(target)
    assert written.count == len(rows) > 0
    time_column = {"observations": "Occurred at", "shifts": "Starts", "attendance": "Starts"}
    for row in rows:
        moment = dt.datetime.fromisoformat(row[time_column[table]])
        assert moment.utcoffset() == dt.timedelta(hours=-7)  # Portland in October
        assert dt.date(2026, 10, 1) <= moment.date() <= dt.date(2026, 10, 31)
    with sqlite3.connect(demo_db.path) as connection:
        if table == "observations":
            expected = connection.execute(
                "SELECT count(*) FROM observation WHERE occurred_at >= '2026-10-01 07:00:00' "
                "AND occurred_at < '2026-11-01 07:00:00'"
            ).fetchone()[0]
        elif table == "shifts":
            expected = connection.execute(
                "SELECT count(*) FROM shift WHERE local_date BETWEEN '2026-10-01' AND '2026-10-31'"
            ).fetchone()[0]
        else:
            expected = connection.execute(
                "SELECT (SELECT count(*) FROM training_attendance a JOIN training_session s "
                "ON s.id = a.session_id WHERE s.starts_at >= '2026-10-01 07:00:00' "
                "AND s.starts_at < '2026-11-01 07:00:00') + (SELECT count(*) FROM "
                "meeting_attendance a JOIN meeting m ON m.id = a.meeting_id WHERE "
                "m.starts_at >= '2026-10-01 07:00:00' AND m.starts_at < '2026-11-01 07:00:00')"
            ).fetchone()[0]
    assert len(rows) == expected


def test_formula_payloads_in_every_text_field_come_back_as_text(
    demo_db: Database, tmp_path: Path
) -> None:
    payload = iter(PAYLOADS * 10)
    with sqlite3.connect(demo_db.path) as connection:
        member = connection.execute(
            "SELECT id, household_id, zone_id FROM member WHERE consent_printed_roster "
            "AND household_id IS NOT NULL AND zone_id IS NOT NULL LIMIT 1"
        ).fetchone()
        member_columns = [
            "given_name",
            "family_name",
            "preferred_name",
            "languages",
            "phone_home",
            "phone_mobile",
            "phone_work",
            "email",
            "emergency_contact_name",
            "emergency_contact_phone",
            "notes",
        ]
        for column in member_columns:
            connection.execute(
                f"UPDATE member SET {column} = ? WHERE id = ?", (next(payload), member[0])
            )
        for column in ("address_line", "unit", "city", "postal_code"):
            connection.execute(
                f"UPDATE household SET {column} = ? WHERE id = ?", (next(payload), member[1])
            )
        connection.execute("UPDATE zone SET name = ? WHERE id = ?", ("=BLOCK()", member[2]))
        connection.execute(
            "UPDATE observation SET description = '=cmd|'' /C calc''!A0', case_number = '@CASE', "
            "address_text = '+Main St', category = '-odd' WHERE id IN "
            "(SELECT id FROM observation WHERE zone_id = ? LIMIT 5)",
            (member[2],),
        )
        connection.execute("UPDATE course SET title = '=COURSE()' || id")
        connection.execute("UPDATE meeting SET title = '@MEETING'")
    seen_payloads: set[str] = set()
    for table in ("members", "observations", "shifts", "attendance"):
        target = tmp_path / f"{table}.csv"
        write_spreadsheet(demo_db, 1, table, target, all_fields=table == "members")
        _, _, rows = _read(target)
        for row in rows[1:]:
            for cell in row:
                if cell.startswith(FORMULA_STARTS):
                    assert _is_number(cell), (table, cell)
                if cell.startswith("'"):
                    seen_payloads.add(cell[1:])
    assert any(cell.startswith("=COURSE()") for cell in seen_payloads)
    expected = set(PAYLOADS) | {"=BLOCK()", "=cmd|' /C calc'!A0", "@CASE"}
    expected |= {"@MEETING", "-odd"}
    assert expected <= seen_payloads


def test_quotes_commas_and_line_breaks_round_trip(demo_db: Database, tmp_path: Path) -> None:
    text = 'He said "stop", then left,\r\nheading north'
    with sqlite3.connect(demo_db.path) as connection:
        uuid = connection.execute("SELECT uuid FROM observation LIMIT 1").fetchone()[0]
        connection.execute("UPDATE observation SET description = ? WHERE uuid = ?", (text, uuid))
    target = tmp_path / "observations.csv"
    write_spreadsheet(demo_db, 1, "observations", target)
    _, rows, _ = _read(target)
    assert next(row for row in rows if row["ID"] == uuid)["Description"] == text

"""Roster import writes all rows or none, and re-importing updates instead of duplicating."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from watchdesk.core.roster import guess_mapping, read_csv, read_roster
from watchdesk.db.engine import Database
from watchdesk.services.roster_import import apply_import, plan_import

CSV = (
    "First Name;Last;E-mail;Phone #;Street Address;Block;Role\r\n"
    "Ana;Peña;ANA@EXAMPLE.ORG;(503) 555-0101;12 Elm St;Block 1;Patroller\r\n"
    "Tom;Peña;;503-555-0103;12 Elm St;Block 1;\r\n"
    "Zoë;Nguyễn;zoe@example.org;;14 Elm St;Block 2;Block captain\r\n"
    "Bad;Email;bob@;;;;\r\n"
    "Ana;Peña;ana@example.org;;;;\r\n"
).encode("utf-8-sig")


def rows(db: Database, query: str) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(query))]


def run_import(db: Database, group_id: int, data: bytes) -> tuple[int, int, int]:
    table = read_csv(data)
    with db.write() as session:
        plan = plan_import(session, group_id, table, guess_mapping(table.headers))
        apply_import(session, plan)
    return plan.count("add"), plan.count("update"), plan.count("skip")


def test_import_creates_members_households_and_blocks(db: Database, group_id: int) -> None:
    assert run_import(db, group_id, CSV) == (3, 0, 2)
    members = rows(
        db,
        """SELECT m.given_name, m.family_name, m.email, m.role, h.address_line,
                                 z.name FROM member m LEFT JOIN household h ON h.id = m.household_id
                          LEFT JOIN zone z ON z.id = m.zone_id ORDER BY m.id""",
    )
    assert members == [
        ("Ana", "Peña", "ana@example.org", "patroller", "12 Elm St", "Block 1"),
        ("Tom", "Peña", None, "member", "12 Elm St", "Block 1"),
        ("Zoë", "Nguyễn", "zoe@example.org", "block_captain", "14 Elm St", "Block 2"),
    ]
    assert rows(db, "SELECT count(*) FROM household") == [(2,)]
    assert rows(db, "SELECT count(*) FROM zone") == [(2,)]


def test_reimport_updates_instead_of_duplicating(db: Database, group_id: int) -> None:
    run_import(db, group_id, CSV)
    changed = CSV.replace(b"(503) 555-0101", b"(503) 555-0199")
    assert run_import(db, group_id, changed) == (0, 3, 2)
    assert rows(db, "SELECT count(*) FROM member") == [(3,)]
    assert rows(db, "SELECT phone_mobile FROM member WHERE email = 'ana@example.org'") == [
        ("+15035550199",)
    ]
    # A blank role cell on re-import keeps the stored role.
    assert rows(db, "SELECT role FROM member WHERE given_name = 'Zoë'") == [("block_captain",)]


def test_rows_repeated_in_one_file_are_reported(db: Database, group_id: int) -> None:
    table = read_csv(CSV)
    with db.read() as session:
        plan = plan_import(session, group_id, table, guess_mapping(table.headers))
    reasons = {p.row.row_number: p.reason for p in plan.skipped}
    assert reasons[6] == "same member as row 2 (same email)"
    assert reasons[5].startswith("email:")


def test_a_failure_while_writing_leaves_the_database_unchanged(db: Database, group_id: int) -> None:
    run_import(db, group_id, CSV)
    before = rows(db, "SELECT * FROM member ORDER BY id")
    # The database itself fails on the last new member, after updates and one insert.
    with db.write() as session:
        session.execute(
            text(
                "CREATE TRIGGER fail_late BEFORE INSERT ON member "
                "WHEN NEW.email = 'new2@example.org' "
                "BEGIN SELECT RAISE(ABORT, 'disk unplugged'); END"
            )
        )
    more = CSV.replace(b"(503) 555-0101", b"(503) 555-0199") + (
        b"New;One;new1@example.org;;99 Oak St;Block 9;\r\nNew;Two;new2@example.org;;;;\r\n"
    )
    with pytest.raises(IntegrityError, match="disk unplugged"):
        run_import(db, group_id, more)
    assert rows(db, "SELECT * FROM member ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM household WHERE address_line = '99 Oak St'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM zone WHERE name = 'Block 9'") == [(0,)]


def test_xlsx_roster_reads_like_csv(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Phone", "Joined"])
    sheet.append(["Peña, Ana", "ANA@EXAMPLE.ORG", 5035550101, dt.datetime(2024, 3, 7)])
    sheet.append([None, None, None, None])
    sheet.append(['=HYPERLINK("x")', "tom@example.org", "503-555-0103", "3/7/2024"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_roster("roster.xlsx", buffer.getvalue())
    assert table.headers == ["Name", "Email", "Phone", "Joined"]
    assert table.rows[0] == (2, ["Peña, Ana", "ANA@EXAMPLE.ORG", "5035550101", "2024-03-07"])
    assert [number for number, _ in table.rows] == [2, 4]


def test_plan_only_writes_nothing(db: Database, group_id: int) -> None:
    table = read_csv(CSV)
    with db.write() as session:
        plan_import(session, group_id, table, guess_mapping(table.headers))
    assert rows(db, "SELECT count(*) FROM member") == [(0,)]
    assert rows(db, "SELECT count(*) FROM household") == [(0,)]

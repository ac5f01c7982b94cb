"""What must always hold is enforced by the database itself, whatever code writes to it."""

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from watchdesk.db.engine import Database

NOW = "2026-11-21 20:00:00.000000"


def insert(db: Database, table: str, **values: object) -> None:
    values = {
        "uuid": f"{table}-{len(values)}-{id(values)}",
        "created_at": NOW,
        "updated_at": NOW,
        **values,
    }
    columns = ", ".join(values)
    params = ", ".join(f":{name}" for name in values)
    with db.write() as session:
        session.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), values)


def count(db: Database, table: str) -> int:
    with db.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.fixture
def base(db: Database) -> Database:
    insert(db, "watch_group", id=1, name="Watch", timezone="UTC", share_precision_m=100, is_local=1)
    insert(db, "zone", id=1, group_id=1, name="Block 1", kind="block")
    insert(db, "member", **dict(MEMBER, id=1, given_name="Ana", family_name="Peña"))
    return db


MEMBER = dict(
    group_id=1,
    given_name="A",
    family_name="B",
    role="member",
    status="active",
    consent_share_with_precinct=0,
    consent_phone_tree=0,
    consent_printed_roster=0,
    consent_named_in_reports=0,
)
SHIFT = dict(
    group_id=1,
    local_date="2026-11-21",
    starts_at="2026-11-21 20:00:00",
    ends_at="2026-11-21 22:00:00",
    min_patrollers=2,
    max_patrollers=2,
    cancelled=0,
)
OBSERVATION = dict(
    group_id=1,
    occurred_at=NOW,
    category="theft",
    severity=1,
    description="",
    status="open",
    police_contact="none",
)


@pytest.mark.parametrize(
    ("table", "values", "reason"),
    [
        ("zone", dict(group_id=99, name="Ghost", kind="block"), "FOREIGN KEY"),
        (
            "member",
            dict(MEMBER, family_name=None),
            "NOT NULL",
        ),
        (
            "member",
            dict(MEMBER, role="sheriff"),
            "CHECK",
        ),
        (
            "member",
            dict(MEMBER, given_name="  "),
            "CHECK",
        ),
        (
            "shift",
            dict(SHIFT, starts_at="2026-11-21 22:00:00", ends_at="2026-11-21 20:00:00"),
            "CHECK",
        ),
        (
            "shift",
            dict(SHIFT, min_patrollers=-1),
            "CHECK",
        ),
        (
            "shift",
            dict(SHIFT, min_patrollers=3, max_patrollers=2),
            "CHECK",
        ),
        ("observation", dict(OBSERVATION, latitude=91.0, longitude=0.0), "CHECK"),
        ("observation", dict(OBSERVATION, latitude=45.0, longitude=-181.0), "CHECK"),
        ("observation", dict(OBSERVATION, latitude=45.0), "CHECK"),  # half a point
        ("observation", dict(OBSERVATION, severity=9), "CHECK"),
        ("observation", dict(OBSERVATION, status="lost"), "CHECK"),
        ("observation", dict(OBSERVATION, zone_id=42), "FOREIGN KEY"),
        ("vehicle_descriptor", dict(group_id=1, observation_id=77, occupants=1), "FOREIGN KEY"),
        ("course", dict(group_id=1, title="CPR", validity_months=0), "CHECK"),
    ],
)
def test_bad_rows_are_refused(
    base: Database, table: str, values: dict[str, object], reason: str
) -> None:
    before = count(base, table)
    with pytest.raises(IntegrityError) as caught:
        insert(base, table, **values)
    assert reason in str(caught.value.orig)
    assert count(base, table) == before


def test_negative_counts_are_refused(base: Database) -> None:
    insert(base, "observation", id=1, **OBSERVATION)
    with pytest.raises(IntegrityError, match="CHECK"):
        insert(base, "vehicle_descriptor", group_id=1, observation_id=1, occupants=-2)
    insert(base, "shift", id=1, **SHIFT)
    with pytest.raises(IntegrityError, match="CHECK"):
        insert(base, "patrol_log", group_id=1, shift_id=1, police_calls=-1)
    with pytest.raises(IntegrityError, match="CHECK"):
        insert(
            base,
            "patrol_log",
            group_id=1,
            shift_id=1,
            police_calls=0,
            odometer_start=100,
            odometer_end=90,
        )


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("zone", dict(group_id=1, name="Block 1", kind="block")),
        (
            "member",
            dict(MEMBER, id=1),
        ),
    ],
)
def test_duplicates_users_expect_to_be_unique_are_refused(
    base: Database, table: str, values: dict[str, object]
) -> None:
    with pytest.raises(IntegrityError):
        insert(base, table, **values)


def test_same_uuid_twice_is_refused(base: Database) -> None:
    insert(base, "zone", group_id=1, name="A", kind="block", uuid="same")
    with pytest.raises(IntegrityError, match="UNIQUE"):
        insert(base, "zone", group_id=1, name="B", kind="block", uuid="same")


def test_assignment_to_the_same_shift_twice_is_refused(base: Database) -> None:
    insert(base, "shift", id=1, **SHIFT)
    insert(base, "assignment", group_id=1, shift_id=1, member_id=1, status="scheduled")
    with pytest.raises(IntegrityError, match="UNIQUE"):
        insert(base, "assignment", group_id=1, shift_id=1, member_id=1, status="confirmed")


def test_members_with_history_cannot_be_deleted(base: Database) -> None:
    insert(base, "shift", id=1, **SHIFT)
    insert(base, "assignment", group_id=1, shift_id=1, member_id=1, status="completed")
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), base.write() as session:
        session.execute(text("DELETE FROM member WHERE id = 1"))
    assert count(base, "member") == 1


def test_a_plain_sqlite3_connection_sees_the_same_constraints(base: Database) -> None:
    conn = sqlite3.connect(base.path)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO zone (uuid, created_at, updated_at, group_id, name, kind) "
            "VALUES ('u', ?, ?, 1, 'Z', 'planet')",
            (NOW, NOW),
        )
    conn.close()

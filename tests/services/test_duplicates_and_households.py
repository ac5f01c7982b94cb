"""Possible duplicates, merging with history kept, vehicles, vacations and plate lookup."""

import datetime as dt

import pytest
from sqlalchemy import text

from watchdesk.core.entities import BlockInput, CourseInput, GroupInput, HouseholdInput, MemberInput
from watchdesk.core.plates import plate_like_pattern
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.services import groups, households, members, training
from watchdesk.services.duplicates import merge_members, possible_duplicates
from watchdesk.services.member_directory import member_detail


def snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(text("SELECT id, * FROM member ORDER BY id"))]


@pytest.fixture
def home(db: Database, group_id: int) -> int:
    with db.write() as session:
        return members.add_household(session, group_id, HouseholdInput(address_line="12 Elm St")).id


def add(db: Database, group_id: int, **fields: object) -> int:
    with db.write() as session:
        data = MemberInput(**{"given_name": "Ann", "family_name": "Lee", **fields})  # type: ignore[arg-type]
        return members.add_member(session, group_id, data).id


def test_duplicates_by_email_phone_or_name_and_address(
    db: Database, group_id: int, home: int
) -> None:
    ann = add(db, group_id, email="ann@example.org", phone_mobile="503-555-0123", household_id=home)
    add(db, group_id, given_name="Zed", family_name="Other")

    def check(**fields: object) -> list[tuple[int, str]]:
        with db.read() as session:
            data = MemberInput(**{"given_name": "X", "family_name": "Y", **fields})  # type: ignore[arg-type]
            return [(d.member_id, d.reason) for d in possible_duplicates(session, group_id, data)]

    assert check(email="ANN@example.org") == [(ann, "same email")]
    assert check(phone_home="(503) 555-0123") == [(ann, "same phone")]
    assert check(given_name="ann", family_name="LEE", household_id=home) == [
        (ann, "same name and address")
    ]
    # Same name alone (different or unknown address) is common and not flagged.
    assert check(given_name="Ann", family_name="Lee") == []
    with db.read() as session:
        same = MemberInput(given_name="Ann", family_name="Lee", email="ann@example.org")
        assert possible_duplicates(session, group_id, same, exclude_id=ann) == []


def test_merge_moves_history_and_keeps_both_records(db: Database, group_id: int, home: int) -> None:
    keep = add(db, group_id, email="ann@example.org", consent_phone_tree=True)
    other = add(
        db, group_id, phone_mobile="5035550123", household_id=home, consent_phone_tree=False
    )
    with db.write() as session:
        course = training.add_course(session, group_id, CourseInput(title="Basics"))
        one = training.schedule_training_session(
            session, course.id, dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        )
        two = training.schedule_training_session(
            session, course.id, dt.datetime(2026, 2, 5, tzinfo=dt.UTC)
        )
        # Both records attended session one (the same fact twice); only the other, session two.
        training.record_attendance(session, one, keep, "present")
        training.record_attendance(session, one, other, "present")
        training.record_attendance(session, two, other, "present")
    with db.write() as session:
        merge_members(session, keep, other)
    with db.read() as session:
        kept = member_detail(session, keep)
        merged = member_detail(session, other)
        attendance = session.execute(
            text("SELECT session_id, member_id FROM training_attendance ORDER BY session_id")
        ).all()
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    assert attendance == [(one, keep), (two, keep)]
    assert kept.history.trainings_attended == 2
    assert kept.values["phone_mobile"] == "+15035550123"  # filled from the other record
    assert kept.address == "12 Elm St"
    assert kept.values["consent_phone_tree"] is False  # consent never widened by a merge
    assert merged.values["status"] == "inactive" and merged.merged_into == "Ann Lee"


def test_merge_refuses_nonsense_and_changes_nothing(db: Database, group_id: int) -> None:
    ann = add(db, group_id)
    before = snapshot(db)
    with pytest.raises(ValidationError), db.write() as session:
        merge_members(session, ann, ann)
    assert snapshot(db) == before


def test_plate_lookup_full_partial_and_wildcard(db: Database, group_id: int, home: int) -> None:
    add(db, group_id, household_id=home)
    with db.write() as session:
        households.add_vehicle(
            session,
            home,
            households.VehicleInput(
                colour="Silver", make="Toyota", model="Camry", plate="abc-123", plate_state="or"
            ),
        )
    with db.read() as session:
        for typed in ("ABC123", "bc 12", "A?C1", "abc*3"):
            found = households.find_plate(session, group_id, typed)
            assert [m.describe() for m in found] == [
                "ABC123 (OR) — Silver Toyota Camry — 12 Elm St (Ann Lee)"
            ], typed
        assert households.find_plate(session, group_id, "XYZ") == []
        assert households.find_plate(session, group_id, "??") == []


def test_bad_vehicle_and_vacation_input_is_refused(db: Database, group_id: int, home: int) -> None:
    with pytest.raises(ValidationError) as error, db.write() as session:
        households.add_vehicle(session, home, households.VehicleInput(plate="AB#1"))
    assert "plate" in error.value.errors
    with pytest.raises(ValidationError) as error, db.write() as session:
        households.add_vacation(
            session, home, households.VacationInput(starts_on="2026-07-10", ends_on="2026-07-01")
        )
    assert "ends_on" in error.value.errors
    with db.write() as session:
        households.add_vacation(
            session, home, households.VacationInput(starts_on="7/1/2026", ends_on="7/10/2026")
        )
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM known_vehicle")).scalar() == 0
        assert session.execute(text("SELECT starts_on FROM vacation_window")).scalar() == (
            "2026-07-01"
        )


def test_plate_pattern() -> None:
    assert plate_like_pattern(" 7ab-?12 ") == "%7AB_12%"
    assert plate_like_pattern("") is None


def test_block_reference_must_be_in_group(db: Database, group_id: int) -> None:
    with db.write() as session:
        other = groups.create_group(session, GroupInput(name="Other"))
        block = groups.create_block(session, other.id, BlockInput(name="Far"))
    with pytest.raises(ValidationError), db.write() as session:
        members.add_member(
            session, group_id, MemberInput(given_name="A", family_name="B", block_id=block.id)
        )

"""Services validate, write inside the caller's transaction and return plain rows."""

import datetime as dt

import pytest
from sqlalchemy import text

from watchdesk.core.entities import (
    BlockInput,
    CourseInput,
    HouseholdInput,
    MeetingInput,
    MemberInput,
    ObservationInput,
)
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.services import groups, meetings, members, observations, training
from watchdesk.services.errors import NotFoundError
from watchdesk.services.rows import MemberRow


def count(db: Database, table: str) -> int:
    with db.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_member_lifecycle(db: Database, group_id: int) -> None:
    with db.write() as session:
        block = groups.create_block(session, group_id, BlockInput(name="Block 4"))
        home = members.add_household(
            session, group_id, HouseholdInput(address_line="12 Elm St", block_id=block.id)
        )
        row = members.add_member(
            session,
            group_id,
            MemberInput(
                given_name="Zoë",
                family_name="Nguyễn",
                email="ZOE@Example.org",
                phone_mobile="503 555 0100",
                block_id=block.id,
                household_id=home.id,
            ),
        )
    assert isinstance(row, MemberRow)
    assert (row.email, row.phone_mobile, row.status) == (
        "zoe@example.org",
        "+15035550100",
        "active",
    )
    with db.write() as session:
        members.set_member_active(session, row.id, False)
    with db.read() as session:
        assert members.get_member(session, row.id).status == "inactive"
        assert members.list_members(session, group_id, active_only=True) == []
        assert [m.id for m in members.list_members(session, group_id, text="nguy")] == [row.id]
    assert count(db, "member") == 1  # inactivating never deletes


def test_invalid_member_writes_nothing(db: Database, group_id: int) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as session:
        members.add_member(
            session, group_id, MemberInput(given_name="Al", family_name="", email="al@")
        )
    assert set(caught.value.errors) == {"family_name", "email"}
    assert count(db, "member") == 0


def test_references_must_belong_to_the_same_group(db: Database, group_id: int) -> None:
    from watchdesk.core.entities import GroupInput

    with db.write() as session:
        other = groups.create_group(session, GroupInput(name="Other Watch"))
        foreign_block = groups.create_block(session, other.id, BlockInput(name="Their block"))
    with pytest.raises(ValidationError) as caught, db.write() as session:
        members.add_member(
            session,
            group_id,
            MemberInput(given_name="A", family_name="B", block_id=foreign_block.id),
        )
    assert "block_id" in caught.value.errors


def test_block_names_are_unique_within_a_group(db: Database, group_id: int) -> None:
    with db.write() as session:
        groups.create_block(session, group_id, BlockInput(name="Block 1"))
    with pytest.raises(ValidationError, match="already exists"), db.write() as session:
        groups.create_block(session, group_id, BlockInput(name="Block 1"))


def test_unknown_ids_raise_not_found(db: Database, group_id: int) -> None:
    with pytest.raises(NotFoundError), db.read() as session:
        members.get_member(session, 404)


def test_observation_record_and_list(db: Database, group_id: int) -> None:
    occurred = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    with db.write() as session:
        row = observations.record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=occurred,
                category="suspicious_vehicle",
                latitude=45.5,
                longitude=-122.6,
                description="<b>van</b> & co",
                police_contact="911",
                case_number="26-000123",
                status="reported",
            ),
        )
    with db.read() as session:
        listed = observations.list_observations(session, group_id)
    assert [o.id for o in listed] == [row.id]
    assert listed[0].description == "<b>van</b> & co"
    assert listed[0].occurred_at == occurred.replace(microsecond=occurred.microsecond)


def test_attendance_grants_and_withdraws_certification(db: Database, group_id: int) -> None:
    with db.write() as session:
        course = training.add_course(
            session,
            group_id,
            CourseInput(
                title="Patrol orientation", validity_months=24, required_for_roles=("patroller",)
            ),
        )
        member = members.add_member(session, group_id, MemberInput(given_name="A", family_name="B"))
        session_id = training.schedule_training_session(
            session, course.id, dt.datetime(2024, 2, 29, 18, tzinfo=dt.UTC)
        )
        training.record_attendance(session, session_id, member.id, "present")
    with db.read() as session:
        expires = session.execute(text("SELECT expires_on FROM certification")).scalar_one()
        assert training.list_courses(session, group_id)[0].required_for_roles == ("patroller",)
    assert expires == "2026-02-28"
    with db.write() as session:
        training.record_attendance(session, session_id, member.id, "absent")
    assert count(db, "certification") == 0


def test_meeting_with_agenda(db: Database, group_id: int) -> None:
    when = dt.datetime(2026, 12, 8, 3, tzinfo=dt.UTC)
    with db.write() as session:
        meetings.add_meeting(
            session,
            group_id,
            MeetingInput(
                title="December meeting", starts_at=when, agenda=("Welcome", " ", "Crime briefing")
            ),
        )
    with db.read() as session:
        found = meetings.next_meeting(session, group_id, when - dt.timedelta(days=3))
    assert found is not None and found.agenda == ("Welcome", "Crime briefing")

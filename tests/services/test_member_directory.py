"""The Members table's SQL: search, filters, sorting, training status, detail."""

import datetime as dt

import pytest
from sqlalchemy import text

from tests.conftest import DEMO_TODAY
from watchdesk.core.entities import BlockInput, CourseInput, HouseholdInput, MemberInput
from watchdesk.db.engine import Database
from watchdesk.services import groups, members, training
from watchdesk.services.member_directory import (
    MemberFilter,
    member_detail,
    member_ids,
    member_rows,
)

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def roster(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        north = groups.create_block(session, group_id, BlockInput(name="North block"))
        south = groups.create_block(session, group_id, BlockInput(name="South block"))
        elm = members.add_household(
            session, group_id, HouseholdInput(address_line="12 Elm St", block_id=north.id)
        )
        oak = members.add_household(
            session, group_id, HouseholdInput(address_line="40 Oak Ave", block_id=south.id)
        )
        ann = members.add_member(
            session,
            group_id,
            MemberInput(
                given_name="Ann",
                family_name="Lee",
                role="block_captain",
                phone_mobile="(503) 555-0123",
                email="ann@example.org",
                block_id=north.id,
                household_id=elm.id,
            ),
        )
        bob = members.add_member(
            session,
            group_id,
            MemberInput(
                given_name="Bob",
                family_name="Adams",
                role="patroller",
                block_id=south.id,
                household_id=oak.id,
            ),
        )
        cy = members.add_member(
            session, group_id, MemberInput(given_name="Cy", family_name="Zhou", block_id=north.id)
        )
        course = training.add_course(
            session,
            group_id,
            CourseInput(
                title="Patrol safety", validity_months=12, required_for_roles=["patroller"]
            ),
        )
        held = training.schedule_training_session(
            session, course.id, dt.datetime(2025, 3, 20, 18, tzinfo=dt.UTC)
        )
        training.record_attendance(session, held, bob.id, "present")
        members.set_member_active(session, cy.id, False)
    return {"ann": ann.id, "bob": bob.id, "cy": cy.id, "north": north.id, "south": south.id}


def ids(db: Database, group_id: int, today: dt.date = TODAY, **where: object) -> list[int]:
    with db.read() as session:
        return member_ids(session, group_id, MemberFilter(**where), today)  # type: ignore[arg-type]


def test_search_matches_name_address_phone_and_email(
    db: Database, group_id: int, roster: dict[str, int]
) -> None:
    assert ids(db, group_id, text="lee") == [roster["ann"]]
    assert ids(db, group_id, text="OAK") == [roster["bob"]]
    assert ids(db, group_id, text="555-0123") == [roster["ann"]]
    assert ids(db, group_id, text="(503) 555") == [roster["ann"]]
    assert ids(db, group_id, text="ann@EXAMPLE") == [roster["ann"]]
    assert ids(db, group_id, text="ann elm") == [roster["ann"]]
    assert ids(db, group_id, text="ann oak") == []
    assert ids(db, group_id, text="  ") == [roster["bob"], roster["ann"], roster["cy"]]


def test_filters_by_block_role_and_status(
    db: Database, group_id: int, roster: dict[str, int]
) -> None:
    assert ids(db, group_id, block_id=roster["north"]) == [roster["ann"], roster["cy"]]
    assert ids(db, group_id, role="patroller") == [roster["bob"]]
    assert ids(db, group_id, status="inactive") == [roster["cy"]]
    assert ids(db, group_id, block_id=roster["north"], status="active") == [roster["ann"]]


def test_training_status_follows_role_requirements_and_expiry(
    db: Database, group_id: int, roster: dict[str, int]
) -> None:
    # Bob's course (completed 2025-03-20, 12 months) is current on 1 Feb, expiring on 1 Mar,
    # expired on 21 Mar; Ann and Cy's roles need no course.
    assert ids(db, group_id, today=dt.date(2026, 2, 1), training="current") == [roster["bob"]]
    assert ids(db, group_id, training="expiring") == [roster["bob"]]
    assert ids(db, group_id, today=dt.date(2026, 3, 21), training="expired") == [roster["bob"]]
    assert ids(db, group_id, training="not_required") == [roster["ann"], roster["cy"]]
    with db.write() as session:
        session.execute(
            text("UPDATE member SET role = 'patroller' WHERE id = :id"), {"id": roster["ann"]}
        )
    assert ids(db, group_id, training="missing") == [roster["ann"]]


def test_sorting_in_both_directions(db: Database, group_id: int, roster: dict[str, int]) -> None:
    assert ids(db, group_id, sort="block") == [roster["ann"], roster["cy"], roster["bob"]]
    assert ids(db, group_id, sort="block", descending=True) == [
        roster["bob"],
        roster["cy"],
        roster["ann"],
    ]
    assert ids(db, group_id, sort="address")[0] == roster["cy"]  # no address sorts first


def test_rows_are_plain_and_carry_what_the_table_shows(
    db: Database, group_id: int, roster: dict[str, int]
) -> None:
    with db.read() as session:
        rows = member_rows(session, [roster["ann"], roster["bob"]], TODAY)
    ann = rows[roster["ann"]]
    assert (ann.name, ann.block_name, ann.address, ann.phone) == (
        "Lee, Ann",
        "North block",
        "12 Elm St",
        "+15035550123",
    )
    assert rows[roster["bob"]].training_status == "expiring"


def test_detail_lists_certifications_and_history(
    db: Database, group_id: int, roster: dict[str, int]
) -> None:
    with db.read() as session:
        detail = member_detail(session, roster["bob"])
    assert detail.name == "Bob Adams"
    assert detail.address == "40 Oak Ave"
    assert [c.course_title for c in detail.certifications] == ["Patrol safety"]
    assert detail.certifications[0].expires_on == dt.date(2026, 3, 20)
    assert detail.history.trainings_attended == 1


def test_search_on_the_demo_roster_agrees_with_plain_sql(demo_db: Database) -> None:
    with demo_db.read() as session:
        expected = [
            row[0]
            for row in session.execute(
                text(
                    "SELECT id FROM member WHERE group_id = 1 AND (given_name LIKE '%an%' "
                    "OR family_name LIKE '%an%' OR preferred_name LIKE '%an%' "
                    "OR email LIKE '%an%' OR household_id IN "
                    "(SELECT id FROM household WHERE address_line LIKE '%an%'))"
                )
            )
        ]
        found = member_ids(session, 1, MemberFilter(text="an"), DEMO_TODAY)
    assert sorted(found) == sorted(expected)
    assert len(found) > 10

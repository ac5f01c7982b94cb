"""Editing a meeting's details and a training session, and the names actions give them,
through the services (the ops only wrap these in an undoable transaction).

A refused edit raises one ValidationError naming every wrong field, and leaves the record
untouched even in a transaction that goes on to commit (checked with plain SQL)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.sql import raw_rows
from watchdesk.core.entities import CourseInput, MeetingInput, MemberInput
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.services import meetings, members, training
from watchdesk.services.errors import NotFoundError
from watchdesk.services.training import TrainingSessionInput

EASTERN = ZoneInfo("America/New_York")  # a new group's time zone
DEC_8 = dt.datetime(2026, 12, 8, 19, 0, tzinfo=EASTERN)
MEETING = "SELECT kind, title, starts_at, ends_at, place FROM meeting"
TRAINING_SESSION = "SELECT starts_at, ends_at, location, instructor, capacity FROM training_session"


def december_meeting(db: Database, group_id: int) -> int:
    with db.write() as session:
        data = MeetingInput("December meeting", DEC_8, agenda=("Welcome",), place="Hall")
        return meetings.add_meeting(session, group_id, data).id


def patrol_safety_session(db: Database, group_id: int, capacity: int | None = None) -> int:
    with db.write() as session:
        course = training.add_course(session, group_id, CourseInput("Patrol safety"))
        return training.schedule_training_session(
            session, course.id, DEC_8, DEC_8 + dt.timedelta(hours=2), "Hall", None, capacity
        )


# -- meetings ----------------------------------------------------------------------------------
def test_update_meeting_changes_its_details_and_keeps_its_agenda(
    db: Database, group_id: int
) -> None:
    meeting_id = december_meeting(db, group_id)
    changed = MeetingInput(
        "  Coffee with a Cop ",
        DEC_8 + dt.timedelta(days=1),
        kind="coffee_with_a_cop",
        ends_at=DEC_8 + dt.timedelta(days=1, hours=1),
        place="Cafe",
    )
    with db.write() as session:
        row = meetings.update_meeting(session, meeting_id, changed)
    assert (row.id, row.title, row.agenda) == (meeting_id, "Coffee with a Cop", ("Welcome",))
    assert raw_rows(db, MEETING) == [
        (
            "coffee_with_a_cop",
            "Coffee with a Cop",
            "2026-12-10 00:00:00.000000",
            "2026-12-10 01:00:00.000000",
            "Cafe",
        )
    ]
    with db.read() as session:
        assert meetings.meeting_input(session, meeting_id) == MeetingInput(
            "Coffee with a Cop",
            DEC_8 + dt.timedelta(days=1),
            kind="coffee_with_a_cop",
            ends_at=DEC_8 + dt.timedelta(days=1, hours=1),
            place="Cafe",
        )
    assert raw_rows(db, "SELECT title FROM agenda_item") == [("Welcome",)]


def test_update_meeting_refuses_every_wrong_field_and_writes_nothing(
    db: Database, group_id: int
) -> None:
    meeting_id = december_meeting(db, group_id)
    before = raw_rows(db, MEETING)
    wrong = MeetingInput(
        "  ", DEC_8, kind="picnic", ends_at=DEC_8 - dt.timedelta(hours=1), place="x" * 301
    )
    with db.write() as session:
        with pytest.raises(ValidationError) as refused:
            meetings.update_meeting(session, meeting_id, wrong)
        assert not session.dirty  # the record was not touched, whatever the caller does next
    assert set(refused.value.errors) == {"title", "kind", "ends_at", "place"}
    assert refused.value.errors["title"] == "is required"
    assert refused.value.errors["ends_at"] == "must be after the start"
    assert raw_rows(db, MEETING) == before


def test_update_meeting_of_no_meeting(db: Database, group_id: int) -> None:
    with db.write() as session, pytest.raises(NotFoundError, match="no meeting with id 99"):
        meetings.update_meeting(session, 99, MeetingInput("December meeting", DEC_8))


def test_meeting_label_and_attendance(db: Database, group_id: int) -> None:
    meeting_id = december_meeting(db, group_id)
    with db.write() as session:
        mo = members.add_member(session, group_id, MemberInput("Mo", "Member", "Momo")).id
        meetings.record_meeting_attendance(session, meeting_id, mo, "excused")
    with db.read() as session:
        assert meetings.meeting_label(session, meeting_id) == "Tue Dec 8 meeting"
        lines = meetings.meeting_attendance(session, meeting_id)
    assert [(line.member_id, line.name, line.status) for line in lines] == [
        (mo, "Member, Momo", "excused")
    ]
    # 11:30 PM in New York is already the next day in UTC: the day is the group's.
    late = dt.datetime(2026, 12, 8, 23, 30, tzinfo=EASTERN)
    assert meetings.day_of(late, "America/New_York") == "Tue Dec 8"
    assert meetings.day_of(late, "UTC") == "Wed Dec 9"


# -- training sessions -------------------------------------------------------------------------
def test_update_training_session(db: Database, group_id: int) -> None:
    training_session_id = patrol_safety_session(db, group_id)
    later = DEC_8 + dt.timedelta(days=2)
    data = TrainingSessionInput(later, later + dt.timedelta(hours=1), " Library ", "Dana", 12)
    with db.write() as session:
        training.update_training_session(session, training_session_id, data)
    after = [("2026-12-11 00:00:00.000000", "2026-12-11 01:00:00.000000", "Library", "Dana", 12)]
    assert raw_rows(db, TRAINING_SESSION) == after
    with db.read() as session:
        assert training.training_session_input(
            session, training_session_id
        ) == TrainingSessionInput(later, later + dt.timedelta(hours=1), "Library", "Dana", 12)
        assert (
            training.training_session_label(session, training_session_id)
            == "Patrol safety session Thu Dec 10"
        )


def test_update_training_session_refuses_every_wrong_field_and_writes_nothing(
    db: Database, group_id: int
) -> None:
    training_session_id = patrol_safety_session(db, group_id)
    before = raw_rows(db, TRAINING_SESSION)
    wrong = TrainingSessionInput(DEC_8, DEC_8, "x" * 301, "y" * 201, -1)
    with db.write() as session:
        with pytest.raises(ValidationError) as refused:
            training.update_training_session(session, training_session_id, wrong)
        assert not session.dirty
    assert refused.value.errors == {
        "ends_at": "must be after the start",
        "location": "must be at most 300 characters",
        "instructor": "must be at most 200 characters",
        "capacity": "cannot be negative",
    }
    assert raw_rows(db, TRAINING_SESSION) == before


def test_capacity_cannot_drop_below_the_people_listed(db: Database, group_id: int) -> None:
    training_session_id = patrol_safety_session(db, group_id, capacity=5)
    with db.write() as session:
        ids = [
            members.add_member(session, group_id, MemberInput(name, "Lee")).id
            for name in ("Ana", "Ben", "Cy")
        ]
        training.enroll(session, training_session_id, ids)
    before = raw_rows(db, TRAINING_SESSION)
    with db.write() as session:
        with pytest.raises(ValidationError) as refused:
            training.update_training_session(
                session, training_session_id, TrainingSessionInput(DEC_8, capacity=2)
            )
        assert not session.dirty
    assert refused.value.errors == {"capacity": "3 people on its list; the capacity cannot be less"}
    assert raw_rows(db, TRAINING_SESSION) == before
    with db.write() as session:  # as many as are listed is enough
        training.update_training_session(
            session, training_session_id, TrainingSessionInput(DEC_8, capacity=3)
        )
    assert raw_rows(db, "SELECT capacity FROM training_session") == [(3,)]
    with db.read() as session:
        lines = training.training_attendance(session, training_session_id)
    assert [line.name for line in lines] == ["Lee, Ana", "Lee, Ben", "Lee, Cy"]


def test_scheduling_checks_the_same_fields(db: Database, group_id: int) -> None:
    with db.write() as session:
        course = training.add_course(session, group_id, CourseInput("Patrol safety"))
    with db.write() as session, pytest.raises(ValidationError) as refused:
        training.schedule_training_session(session, course.id, DEC_8, DEC_8, "x" * 301)
    assert set(refused.value.errors) == {"ends_at", "location"}
    assert raw_rows(db, TRAINING_SESSION) == []


def test_update_of_no_training_session(db: Database, group_id: int) -> None:
    with db.write() as session, pytest.raises(NotFoundError, match="no training session"):
        training.update_training_session(session, 99, TrainingSessionInput(DEC_8))


def test_needing_course(db: Database, group_id: int) -> None:
    with db.write() as session:
        pat = members.add_member(
            session, group_id, MemberInput("Pat", "Rolle", role="patroller")
        ).id
        members.add_member(session, group_id, MemberInput("Mo", "Member", role="member"))
        course = training.add_course(
            session, group_id, CourseInput("Patrol safety", required_for_roles=("patroller",))
        )
    with db.read() as session:
        assert training.needing_course(session, group_id, DEC_8.date(), course.id) == [pat]


def test_notes_too_long_are_refused_whole(db: Database, group_id: int) -> None:
    meeting_id = december_meeting(db, group_id)
    notes = "SELECT officer_briefing, minutes FROM meeting"
    wrong = meetings.MeetingNotes(("Welcome", "x" * 301), "Lock your cars.", "y" * 50001)
    with db.write() as session:
        with pytest.raises(ValidationError) as refused:
            meetings.update_meeting_notes(session, meeting_id, wrong)
        assert not session.dirty  # the briefing, which was fine, was not set either
    assert refused.value.errors == {
        "minutes": "must be at most 50000 characters",
        "agenda": "must be at most 300 characters",
    }
    assert raw_rows(db, notes) == [(None, None)]
    assert raw_rows(db, "SELECT title FROM agenda_item") == [("Welcome",)]

"""The Meetings and Training ops without Qt: what each changes, its step's name, and that the
step undoes and redoes it exactly (checked with plain SQL)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.sql import raw_rows
from watchdesk.core.entities import CourseInput, MeetingInput, MemberInput
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.ops import meetings as meeting_ops
from watchdesk.ops import training as training_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.history import replay_step
from watchdesk.ops.meetings import MeetingNotes
from watchdesk.ops.result import OpResult
from watchdesk.ops.training import TrainingSessionInput
from watchdesk.services import members as member_service

EASTERN = ZoneInfo("America/New_York")  # a new group's time zone
DEC_8 = dt.datetime(2026, 12, 8, 19, 0, tzinfo=EASTERN)


def people(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        return {
            given: member_service.add_member(
                session, group_id, MemberInput(given, family, role=role)
            ).id
            for given, family, role in (("Pat", "Rolle", "patroller"), ("Mo", "Member", "member"))
        }


def check_undo_redo(
    db: Database, result: OpResult[object], query: str, before: object, after: object
) -> None:
    """The action left ``after``; its step undoes it to ``before`` and redoes it again."""
    assert result.undo is not None
    assert raw_rows(db, query) == after
    undone = replay_step(db, result.undo)
    assert raw_rows(db, query) == before
    assert undone.changes == result.changes
    redone = replay_step(db, undone.value, "redo")
    assert raw_rows(db, query) == after
    assert redone.value.name == result.undo.name


def december_meeting(db: Database, group_id: int) -> int:
    return meeting_ops.add_meeting(
        db, group_id, MeetingInput("December meeting", DEC_8, agenda=("Welcome",))
    ).value.id


# -- meetings ----------------------------------------------------------------------------------
def test_add_meeting(db: Database, group_id: int) -> None:
    query = "SELECT m.title, a.title FROM meeting m LEFT JOIN agenda_item a ON a.meeting_id = m.id"
    result = meeting_ops.add_meeting(
        db, group_id, MeetingInput("December meeting", DEC_8, agenda=("Welcome", "Q&A"))
    )
    assert result.undo is not None and result.undo.name == "Add meeting December meeting"
    assert result.changes.kinds == {Kind.MEETINGS}
    after = [("December meeting", "Welcome"), ("December meeting", "Q&A")]
    check_undo_redo(db, result, query, [], after)


def test_edit_meeting_details(db: Database, group_id: int) -> None:
    meeting_id = december_meeting(db, group_id)
    query = "SELECT kind, title, starts_at, place FROM meeting"
    before = raw_rows(db, query)
    changed = MeetingInput(
        "Coffee with a Cop", DEC_8 + dt.timedelta(days=1), kind="coffee_with_a_cop", place="Cafe"
    )
    result = meeting_ops.update_meeting(db, meeting_id, changed)
    assert result.undo is not None and result.undo.name == "Edit meeting Coffee with a Cop"
    assert result.changes.kinds == {Kind.MEETINGS}
    after = [("coffee_with_a_cop", "Coffee with a Cop", "2026-12-10 00:00:00.000000", "Cafe")]
    check_undo_redo(db, result, query, before, after)
    assert meeting_ops.meeting_input(db, meeting_id) == changed


def test_save_notes_names_what_changed_and_saves_nothing_unchanged(
    db: Database, group_id: int
) -> None:
    meeting_id = december_meeting(db, group_id)
    query = (
        "SELECT officer_briefing, minutes, (SELECT group_concat(title, '|') FROM "
        "(SELECT title FROM agenda_item ORDER BY position)) FROM meeting"
    )
    notes = MeetingNotes(("Welcome",), "", "Twelve came.")
    result = meeting_ops.save_notes(db, meeting_id, notes)
    assert result.undo is not None
    assert result.undo.name == "Save minutes of the Tue Dec 8 meeting"
    assert result.changes.kinds == {Kind.MEETINGS}
    check_undo_redo(
        db, result, query, [(None, None, "Welcome")], [(None, "Twelve came.", "Welcome")]
    )

    again = meeting_ops.save_notes(db, meeting_id, notes)
    assert again.undo is None and not again.changes  # nothing to save, nothing to undo

    everything = MeetingNotes(("Welcome", "Briefing"), "Lock your cars.", "Twelve came.")
    result = meeting_ops.save_notes(db, meeting_id, everything)
    assert result.undo is not None
    assert result.undo.name == "Save agenda and officer's briefing of the Tue Dec 8 meeting"
    check_undo_redo(
        db,
        result,
        query,
        [(None, "Twelve came.", "Welcome")],
        [("Lock your cars.", "Twelve came.", "Welcome|Briefing")],
    )


def test_meeting_attendance_marks_and_people_added(db: Database, group_id: int) -> None:
    ids = people(db, group_id)
    meeting_id = december_meeting(db, group_id)
    query = "SELECT member_id, status FROM meeting_attendance ORDER BY member_id"

    added = meeting_ops.add_attendees(db, meeting_id, [ids["Mo"]])
    assert added.undo is not None and added.undo.name == "Add Mo Member to the Tue Dec 8 meeting"
    assert added.changes.kinds == {Kind.MEETINGS}
    check_undo_redo(db, added, query, [], [(ids["Mo"], "present")])

    marked = meeting_ops.mark_attendance(db, meeting_id, [ids["Mo"]], "excused")
    assert marked.undo is not None
    assert marked.undo.name == "Mark Mo Member excused at the Tue Dec 8 meeting"
    check_undo_redo(db, marked, query, [(ids["Mo"], "present")], [(ids["Mo"], "excused")])

    everyone = meeting_ops.mark_attendance(db, meeting_id, [ids["Pat"], ids["Mo"]], "present")
    assert everyone.undo is not None
    assert everyone.undo.name == "Mark 2 present at the Tue Dec 8 meeting"
    check_undo_redo(
        db,
        everyone,
        query,
        [(ids["Mo"], "excused")],
        sorted([(ids["Pat"], "present"), (ids["Mo"], "present")]),
    )
    assert [line.status for line in meeting_ops.attendance(db, meeting_id)] == ["present"] * 2
    nobody = meeting_ops.mark_attendance(db, meeting_id, [], "absent")
    assert nobody.undo is None and not nobody.changes
    assert meeting_ops.add_attendees(db, meeting_id, []).undo is None


def test_meeting_reads(db: Database, group_id: int) -> None:
    meeting_id = december_meeting(db, group_id)
    view = meeting_ops.meetings_view(db, group_id)
    assert view.timezone == "America/New_York"
    assert [m.id for m in view.meetings] == [meeting_id]
    assert meeting_ops.meeting_notes(db, meeting_id) == MeetingNotes(("Welcome",), None, None)
    parts = meeting_ops.changed_parts(
        MeetingNotes(("Welcome",), None, None), MeetingNotes(("Welcome", ""), "", "x")
    )
    assert parts == ["minutes"]
    assert meeting_ops.notes_described(parts, "Tue Dec 8") == "the minutes of the Tue Dec 8 meeting"


# -- training ----------------------------------------------------------------------------------
def patrol_safety(db: Database, group_id: int) -> int:
    return training_ops.add_course(
        db, group_id, CourseInput("Patrol safety", required_for_roles=("patroller",))
    ).value.id


def test_add_and_edit_course(db: Database, group_id: int) -> None:
    query = (
        "SELECT c.title, c.validity_months, r.role FROM course c "
        "LEFT JOIN course_requirement r ON r.course_id = c.id ORDER BY r.role"
    )
    added = training_ops.add_course(
        db, group_id, CourseInput("Patrol safety", required_for_roles=("patroller",))
    )
    assert added.undo is not None and added.undo.name == "Add course Patrol safety"
    assert added.changes.kinds == {Kind.TRAINING}
    check_undo_redo(db, added, query, [], [("Patrol safety", None, "patroller")])

    edited = training_ops.update_course(
        db,
        added.value.id,
        CourseInput("Patrol safety 2", validity_months=12, required_for_roles=("block_captain",)),
    )
    assert edited.undo is not None and edited.undo.name == "Edit course Patrol safety 2"
    check_undo_redo(
        db,
        edited,
        query,
        [("Patrol safety", None, "patroller")],
        [("Patrol safety 2", 12, "block_captain")],
    )


def test_schedule_and_edit_training_session(db: Database, group_id: int) -> None:
    course_id = patrol_safety(db, group_id)
    query = "SELECT starts_at, ends_at, location, instructor, capacity FROM training_session"
    data = TrainingSessionInput(DEC_8, DEC_8 + dt.timedelta(hours=2), "Community Hall", None, 10)
    scheduled = training_ops.schedule_training_session(db, course_id, data)
    assert scheduled.undo is not None
    assert scheduled.undo.name == "Schedule Patrol safety session Tue Dec 8"
    assert scheduled.changes.kinds == {Kind.TRAINING}
    first = [
        ("2026-12-09 00:00:00.000000", "2026-12-09 02:00:00.000000", "Community Hall", None, 10)
    ]
    check_undo_redo(db, scheduled, query, [], first)
    assert training_ops.training_session_input(db, scheduled.value) == data

    later = DEC_8 + dt.timedelta(days=2)
    edited = training_ops.update_training_session(
        db,
        scheduled.value,
        TrainingSessionInput(later, later + dt.timedelta(hours=1), "Library", "Dana"),
    )
    assert edited.undo is not None and edited.undo.name == "Edit Patrol safety session Thu Dec 10"
    after = [("2026-12-11 00:00:00.000000", "2026-12-11 01:00:00.000000", "Library", "Dana", None)]
    check_undo_redo(db, edited, query, first, after)
    with pytest.raises(ValidationError):
        training_ops.update_training_session(
            db, scheduled.value, TrainingSessionInput(later, later)
        )
    assert raw_rows(db, query) == after


def test_enrolment_and_attendance_marks(db: Database, group_id: int) -> None:
    ids = people(db, group_id)
    course_id = patrol_safety(db, group_id)
    training_session_id = training_ops.schedule_training_session(
        db, course_id, TrainingSessionInput(DEC_8)
    ).value
    query = "SELECT member_id, status FROM training_attendance ORDER BY member_id"
    certified = "SELECT member_id FROM certification"
    today = dt.date(2026, 12, 1)
    assert training_ops.needing_course(db, group_id, today, course_id) == [ids["Pat"]]

    enrolled = training_ops.enroll(db, training_session_id, [ids["Pat"], ids["Mo"]])
    assert enrolled.value == 2
    assert enrolled.undo is not None
    assert enrolled.undo.name == "Enroll 2 in Patrol safety session Tue Dec 8"
    assert enrolled.changes.kinds == {Kind.TRAINING}
    both = sorted([(ids["Pat"], "enrolled"), (ids["Mo"], "enrolled")])
    check_undo_redo(db, enrolled, query, [], both)

    marked = training_ops.mark_attendance(db, training_session_id, [ids["Pat"]], "present")
    assert marked.undo is not None
    assert marked.undo.name == "Mark Pat Rolle present at Patrol safety session Tue Dec 8"
    check_undo_redo(db, marked, certified, [], [(ids["Pat"],)])
    assert training_ops.needing_course(db, group_id, today, course_id) == []
    undone = replay_step(db, marked.undo)
    assert raw_rows(db, query) == both and raw_rows(db, certified) == []
    assert training_ops.needing_course(db, group_id, today, course_id) == [ids["Pat"]]
    replay_step(db, undone.value, "redo")
    assert training_ops.compliance(db, group_id, today, only_problems=True) == []
    again = training_ops.enroll(db, training_session_id, [ids["Pat"]])
    assert again.value == 0 and again.undo is None  # already on the list
    assert training_ops.mark_attendance(db, training_session_id, [], "present").undo is None


def test_training_reads(db: Database, group_id: int) -> None:
    course_id = patrol_safety(db, group_id)
    view = training_ops.training_view(db, group_id)
    assert (view.group_name, view.timezone) == ("Maple Street Watch", "America/New_York")
    assert [c.id for c in view.courses] == [course_id]
    assert training_ops.training_sessions(db, group_id, course_id) == []

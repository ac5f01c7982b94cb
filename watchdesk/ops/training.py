"""Courses, training sessions and their sign-in: the actions of the Training page and the
reads it shows.

A training session (one sitting of a course) is always ``training_session`` here; ``session``
is the database session the services are given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from watchdesk.core.entities import CourseInput
from watchdesk.core.vocabulary import ATTENDANCE_STATUSES, label
from watchdesk.db.engine import Database
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import members as member_service
from watchdesk.services import training as training_service
from watchdesk.services.attendance import AttendanceLine
from watchdesk.services.compliance import ComplianceRow, compliance_rows
from watchdesk.services.groups import get_group
from watchdesk.services.rows import CourseRow
from watchdesk.services.training import TrainingSessionInput, TrainingSessionRow


# -- actions -----------------------------------------------------------------------------------
def add_course(db: Database, group_id: int, data: CourseInput) -> OpResult[CourseRow]:
    with undoable(db, f"Add course {data.title.strip()}") as action:
        row = training_service.add_course(action.session, group_id, data)
    return action.result(row)


def update_course(db: Database, course_id: int, data: CourseInput) -> OpResult[CourseRow]:
    with undoable(db, f"Edit course {data.title.strip()}") as action:
        row = training_service.update_course(action.session, course_id, data)
    return action.result(row)


def schedule_training_session(
    db: Database, course_id: int, data: TrainingSessionInput
) -> OpResult[int]:
    with undoable(db, "") as action:
        training_session_id = training_service.schedule_training_session(
            action.session,
            course_id,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            location=data.location,
            instructor=data.instructor,
            capacity=data.capacity,
        )
        named = training_service.training_session_label(action.session, training_session_id)
        action.rename(f"Schedule {named}")
    return action.result(training_session_id)


def update_training_session(
    db: Database, training_session_id: int, data: TrainingSessionInput
) -> OpResult[int]:
    """Change a training session's time, place, instructor or capacity."""
    with undoable(db, "") as action:
        training_service.update_training_session(action.session, training_session_id, data)
        named = training_service.training_session_label(action.session, training_session_id)
        action.rename(f"Edit {named}")
    return action.result(training_session_id)


def enroll(db: Database, training_session_id: int, member_ids: Sequence[int]) -> OpResult[int]:
    """Enroll people in a training session (those already on its list are left alone)."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        added = training_service.enroll(session, training_session_id, member_ids)
        who = member_service.one_or_many(session, member_ids, str(added))
        named = training_service.training_session_label(session, training_session_id)
        action.rename(f"Enroll {who} in {named}")
    return action.result(added)


def mark_attendance(
    db: Database, training_session_id: int, member_ids: Sequence[int], status: str
) -> OpResult[int]:
    """Set people's attendance at a training session; being present certifies them."""
    if not member_ids:
        return OpResult(0)
    with undoable(db, "") as action:
        session = action.session
        for member_id in member_ids:
            training_service.record_attendance(session, training_session_id, member_id, status)
        who = member_service.one_or_many(session, member_ids, str(len(member_ids)))
        state = label(ATTENDANCE_STATUSES, status).lower()
        named = training_service.training_session_label(session, training_session_id)
        action.rename(f"Mark {who} {state} at {named}")
    return action.result(len(member_ids))


# -- reads -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingView:
    """The group's name and time zone and its courses, by title."""

    group_name: str
    timezone: str
    courses: list[CourseRow]


def training_view(db: Database, group_id: int) -> TrainingView:
    with db.read() as session:
        group = get_group(session, group_id)
        return TrainingView(
            group.name, group.timezone, training_service.list_courses(session, group_id)
        )


def training_sessions(
    db: Database, group_id: int | None, course_id: int
) -> list[TrainingSessionRow]:
    with db.read() as session:
        return training_service.list_training_sessions(session, group_id, course_id)


def training_session_input(db: Database, training_session_id: int) -> TrainingSessionInput:
    with db.read() as session:
        return training_service.training_session_input(session, training_session_id)


def attendance(db: Database, training_session_id: int) -> list[AttendanceLine]:
    with db.read() as session:
        return training_service.training_attendance(session, training_session_id)


def compliance(
    db: Database,
    group_id: int | None,
    today: dt.date,
    block_id: int | None = None,
    role: str | None = None,
    only_problems: bool = False,
) -> list[ComplianceRow]:
    with db.read() as session:
        return compliance_rows(
            session, group_id, today, block_id, role, only_problems=only_problems
        )


def needing_course(db: Database, group_id: int | None, today: dt.date, course_id: int) -> list[int]:
    """Active members whose role needs the course and who are not current in it."""
    with db.read() as session:
        return training_service.needing_course(session, group_id, today, course_id)

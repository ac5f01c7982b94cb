"""Training compliance in SQL: which required courses each member holds, and how current.

A member's role decides the courses they need (``course_requirement``); for each, the best
certification is the one that expires last (a never-expiring one beats all). The member's
training status is the worst over their required courses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Subquery, and_, case, func, literal, select
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.core.training import EXPIRING_SOON_DAYS
from watchdesk.core.vocabulary import MemberStatus, TrainingStatus
from watchdesk.db.models import Block, Certification, Course, CourseRequirement, Member

# Stands in for "never expires" so MAX/MIN over expiry dates can be taken in SQL.
NEVER = "9999-12-31"


_NEVER_DATE = dt.date.fromisoformat(NEVER)


def _as_date(value: object) -> dt.date | None:
    """SQLite hands back aggregated dates as text or as dates depending on the expression."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _best_certifications(member_ids: Sequence[int] | None = None) -> Subquery:
    query = select(
        Certification.member_id,
        Certification.course_id,
        func.max(func.coalesce(Certification.expires_on, NEVER)).label("best"),
        func.max(Certification.completed_on).label("completed_on"),
    ).group_by(Certification.member_id, Certification.course_id)
    if member_ids is not None:
        query = query.where(Certification.member_id.in_(list(member_ids)))
    return query.subquery("best")


def _requirements(member_ids: Sequence[int] | None = None) -> Subquery:
    """One row per (member, required course), for all members or only ``member_ids``."""
    best = _best_certifications(member_ids)
    query = (
        select(
            Member.id.label("member_id"),
            CourseRequirement.course_id,
            best.c.best,
            best.c.completed_on,
        )
        .join(
            CourseRequirement,
            and_(
                CourseRequirement.role == Member.role,
                CourseRequirement.group_id == Member.group_id,
            ),
        )
        .outerjoin(
            best,
            and_(best.c.member_id == Member.id, best.c.course_id == CourseRequirement.course_id),
        )
    )
    if member_ids is not None:
        query = query.where(Member.id.in_(list(member_ids)))
    return query.subquery("required")


def _status_of(best: Any, today: dt.date) -> Any:
    soon = today + dt.timedelta(days=EXPIRING_SOON_DAYS)
    return case(
        (best.is_(None), literal(TrainingStatus.MISSING.value)),
        (best < today.isoformat(), literal(TrainingStatus.EXPIRED.value)),
        (best <= soon.isoformat(), literal(TrainingStatus.EXPIRING.value)),
        else_=literal(TrainingStatus.CURRENT.value),
    )


def member_training_status(today: dt.date, member_ids: Sequence[int] | None = None) -> Subquery:
    """Subquery ``(member_id, training_status)`` for members whose role requires training;
    members it leaves out need none ('not_required'). ``member_ids`` limits the work to a
    page of rows."""
    required = _requirements(member_ids)
    worst = func.min(func.coalesce(required.c.best, ""))  # "" sorts first: missing is worst
    return (
        select(
            required.c.member_id,
            _status_of(func.nullif(worst, ""), today).label("training_status"),
        )
        .group_by(required.c.member_id)
        .subquery("training")
    )


@dataclass(frozen=True)
class ComplianceRow:
    member_id: int
    member_name: str
    block_name: str | None
    role: str
    course_title: str
    status: str
    completed_on: dt.date | None
    expires_on: dt.date | None
    consent_named_in_reports: bool


def compliance_rows(
    session: Session,
    group_id: int | None,
    today: dt.date,
    block_id: int | None = None,
    role: str | None = None,
    only_problems: bool = False,
) -> list[ComplianceRow]:
    """Every active member x required course with its status, for the compliance view."""
    required = _requirements()
    status = _status_of(required.c.best, today)
    query = (
        select(
            Member.id,
            Member.preferred_name,
            Member.given_name,
            Member.family_name,
            Block.name,
            Member.role,
            Course.title,
            status,
            required.c.completed_on,
            required.c.best,
            Member.consent_named_in_reports,
        )
        .join(required, required.c.member_id == Member.id)
        .join(Course, Course.id == required.c.course_id)
        .outerjoin(Block, Block.id == Member.block_id)
        .where(Member.status == MemberStatus.ACTIVE)
        .order_by(Block.name, Member.family_name, Member.given_name, Member.id, Course.title)
    )
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    if block_id is not None:
        query = query.where(Member.block_id == block_id)
    if role:
        query = query.where(Member.role == role)
    if only_problems:
        query = query.where(status != TrainingStatus.CURRENT.value)
    rows = []
    for (
        member_id,
        preferred,
        given,
        family,
        block,
        member_role,
        title,
        state,
        completed,
        best,
        named,
    ) in session.execute(query):
        rows.append(
            ComplianceRow(
                member_id=member_id,
                member_name=spoken_name(given, family, preferred),
                block_name=block,
                role=member_role,
                course_title=title,
                status=state,
                completed_on=_as_date(completed),
                expires_on=None if _as_date(best) == _NEVER_DATE else _as_date(best),
                consent_named_in_reports=named,
            )
        )
    return rows

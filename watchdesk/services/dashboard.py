"""The figures on the Dashboard, each taken straight from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from watchdesk.core.local_days import local_midnight
from watchdesk.core.training import EXPIRING_SOON_DAYS
from watchdesk.core.vocabulary import MemberStatus
from watchdesk.db.models import Assignment, Certification, Member, Observation, Shift, WatchGroup


@dataclass(frozen=True)
class DashboardFigures:
    active_members: int
    shifts_this_week: int
    understaffed_this_week: int
    observations_30_days: dict[str, int]
    certifications_expiring: int
    week_start: dt.date
    group_name: str

    @property
    def observations_30_days_total(self) -> int:
        return sum(self.observations_30_days.values())


def week_bounds(today: dt.date, time_zone: ZoneInfo) -> tuple[dt.date, dt.datetime, dt.datetime]:
    """Monday of ``today``'s week and the UTC instants that bound that local week."""
    monday = today - dt.timedelta(days=today.weekday())
    return (
        monday,
        local_midnight(monday, time_zone),
        local_midnight(monday + dt.timedelta(days=7), time_zone),
    )


def dashboard_figures(session: Session, group_id: int | None, now: dt.datetime) -> DashboardFigures:
    def scoped(query, column):  # type: ignore[no-untyped-def]
        return query if group_id is None else query.where(column == group_id)

    group = session.get(WatchGroup, group_id) if group_id is not None else None
    time_zone = ZoneInfo(group.timezone if group else "UTC")
    today = now.astimezone(time_zone).date()

    active = session.scalar(
        scoped(
            select(func.count()).select_from(Member).where(Member.status == MemberStatus.ACTIVE),
            Member.group_id,
        )
    )

    monday, week_start, week_end = week_bounds(today, time_zone)
    assigned = (
        select(func.count())
        .where(Assignment.shift_id == Shift.id, Assignment.holds_shift)
        .correlate(Shift)
        .scalar_subquery()
    )
    week = scoped(
        select(Shift.min_patrollers, assigned).where(
            Shift.starts_at >= week_start, Shift.starts_at < week_end, Shift.cancelled.is_(False)
        ),
        Shift.group_id,
    )
    shifts = session.execute(week).all()

    by_category = {
        category: count
        for category, count in session.execute(
            scoped(
                select(Observation.category, func.count())
                .where(
                    Observation.occurred_at >= now - dt.timedelta(days=30),
                    Observation.occurred_at <= now,
                )
                .group_by(Observation.category),
                Observation.group_id,
            )
        )
    }

    newer = aliased(Certification)
    renewed = exists().where(
        and_(
            newer.member_id == Certification.member_id,
            newer.course_id == Certification.course_id,
            newer.completed_on > Certification.completed_on,
        )
    )
    expiring = session.scalar(
        scoped(
            select(func.count())
            .select_from(Certification)
            .join(Member, Member.id == Certification.member_id)
            .where(
                Member.status == MemberStatus.ACTIVE,
                Certification.expires_on >= today,
                Certification.expires_on <= today + dt.timedelta(days=EXPIRING_SOON_DAYS),
                ~renewed,
            ),
            Certification.group_id,
        )
    )

    return DashboardFigures(
        active_members=active or 0,
        shifts_this_week=len(shifts),
        understaffed_this_week=sum(1 for minimum, count in shifts if count < minimum),
        observations_30_days=by_category,
        certifications_expiring=expiring or 0,
        week_start=monday,
        group_name=group.name if group else "All groups",
    )

"""Record counts per area, for pages that summarise what the database holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.db.models import (
    Certification,
    Course,
    Household,
    Meeting,
    Member,
    Observation,
    Shift,
    TrainingSession,
    WatchGroup,
    Zone,
)


@dataclass(frozen=True)
class AreaCounts:
    groups: int
    zones: int
    members: int
    active_members: int
    households: int
    shifts: int
    observations: int
    courses: int
    training_sessions: int
    certifications: int
    meetings: int


def area_counts(session: Session, group_id: int | None) -> AreaCounts:
    def count(model: type, *conditions: object) -> int:
        query = select(func.count()).select_from(model)
        if group_id is not None and model is not WatchGroup:
            query = query.where(model.group_id == group_id)  # type: ignore[attr-defined]
        for condition in conditions:
            query = query.where(condition)  # type: ignore[arg-type]
        return session.scalar(query) or 0

    return AreaCounts(
        groups=count(WatchGroup),
        zones=count(Zone),
        members=count(Member),
        active_members=count(Member, Member.status == "active"),
        households=count(Household),
        shifts=count(Shift),
        observations=count(Observation),
        courses=count(Course),
        training_sessions=count(TrainingSession),
        certifications=count(Certification),
        meetings=count(Meeting),
    )

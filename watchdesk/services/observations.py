"""Recording and listing observations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.entities import ObservationInput, clean_observation
from watchdesk.db.base import utcnow
from watchdesk.db.models import Member, Observation, WatchGroup, Zone
from watchdesk.services._common import apply, check_in_group, get_or_raise, plain_row
from watchdesk.services.rows import ObservationRow


def _row(obs: Observation) -> ObservationRow:
    return plain_row(ObservationRow, obs)


def _check_references(session: Session, group_id: int, values: dict[str, object]) -> None:
    check_in_group(
        session,
        group_id,
        {
            "zone_id": (Zone, values.get("zone_id"), "is not a zone of this group"),
            "reporter_member_id": (
                Member,
                values.get("reporter_member_id"),
                "is not a member of this group",
            ),
        },
    )


def record_observation(session: Session, group_id: int, data: ObservationInput) -> ObservationRow:
    now = utcnow()
    values = clean_observation(data, now)
    get_or_raise(session, WatchGroup, group_id, "watch group")
    _check_references(session, group_id, values)
    observation = Observation(group_id=group_id, reported_at=now, **values)
    session.add(observation)
    session.flush()
    return _row(observation)


def update_observation(
    session: Session, observation_id: int, data: ObservationInput
) -> ObservationRow:
    observation = get_or_raise(session, Observation, observation_id, "observation")
    values = clean_observation(data, utcnow())
    _check_references(session, observation.group_id, values)
    apply(observation, values)
    session.flush()
    return _row(observation)


def list_observations(
    session: Session,
    group_id: int | None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 500,
) -> list[ObservationRow]:
    query = select(Observation).order_by(Observation.occurred_at.desc(), Observation.id.desc())
    if group_id is not None:
        query = query.where(Observation.group_id == group_id)
    if since is not None:
        query = query.where(Observation.occurred_at >= since)
    if until is not None:
        query = query.where(Observation.occurred_at < until)
    return [_row(obs) for obs in session.scalars(query.limit(limit))]

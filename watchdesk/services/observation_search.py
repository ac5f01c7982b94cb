"""Finding observations: one filter (dates, category, block, status, free text) applied in SQL
and shared by the Observations table, the map and every export, so what is exported is exactly
what is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from watchdesk.core.names import spoken_name
from watchdesk.db.models import Member, Observation, VehicleDescriptor, Zone
from watchdesk.services.schedule_facts import group_zone

SORT_KEYS = ("occurred_at", "category")


@dataclass(frozen=True)
class ObservationFilter:
    first: dt.date | None = None  # local dates, inclusive
    last: dt.date | None = None
    category: str | None = None
    zone_id: int | None = None
    status: str | None = None
    text: str = ""
    sort: str = "occurred_at"
    descending: bool = True

    def describe(self) -> str:
        """The filter in words, printed on exports so readers know what they hold."""
        parts = []
        if self.first or self.last:
            parts.append(f"{self.first or 'the start'} to {self.last or 'today'}")
        for label, value in (
            ("category", self.category),
            ("status", self.status),
            ("text", self.text.strip()),
        ):
            if value:
                parts.append(f"{label} {value!r}")
        if self.zone_id is not None:
            parts.append(f"block #{self.zone_id}")
        return ", ".join(parts) or "all observations"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(term: str) -> ColumnElement[bool]:
    pattern = _like(term)
    plates = select(VehicleDescriptor.observation_id).where(
        VehicleDescriptor.plate.like(pattern.upper(), escape="\\")
    )
    return or_(
        Observation.description.ilike(pattern, escape="\\"),
        Observation.address_text.ilike(pattern, escape="\\"),
        Observation.case_number.ilike(pattern, escape="\\"),
        Observation.id.in_(plates),
    )


def conditions(session: Session, group_id: int, where: ObservationFilter) -> list[Any]:
    """SQL conditions for ``where`` (dates are the group's local dates)."""
    out: list[Any] = [Observation.group_id == group_id]
    zone = group_zone(session, group_id)

    def utc(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)

    if where.first is not None:
        out.append(Observation.occurred_at >= utc(where.first))
    if where.last is not None:
        out.append(Observation.occurred_at < utc(where.last + dt.timedelta(days=1)))
    if where.category:
        out.append(Observation.category == where.category)
    if where.zone_id is not None:
        out.append(Observation.zone_id == where.zone_id)
    if where.status:
        out.append(Observation.status == where.status)
    # Every word must match somewhere: "blue 7KX" finds a blue car with a plate like 7KX.
    out.extend(_text_condition(term) for term in where.text.split())
    return out


def _ordered(query: Select[Any], where: ObservationFilter) -> Select[Any]:
    columns: list[Any] = [Observation.occurred_at, Observation.id]
    if where.sort == "category":
        columns.insert(0, Observation.category)
    if where.descending:
        columns = [c.desc() for c in columns]
    return query.order_by(*columns)


def count_observations(session: Session, group_id: int, where: ObservationFilter) -> int:
    query = (
        select(func.count()).select_from(Observation).where(*conditions(session, group_id, where))
    )
    return int(session.scalar(query) or 0)


def observation_ids(session: Session, group_id: int, where: ObservationFilter) -> list[int]:
    """Ids of the observations matching ``where``, in display order."""
    query = _ordered(select(Observation.id).where(*conditions(session, group_id, where)), where)
    return list(session.connection().execute(query).scalars().all())


@dataclass(frozen=True)
class ObservationLine:
    """One row of the Observations table and of the CSV export."""

    id: int
    uuid: str
    occurred_at: dt.datetime
    category: str
    severity: int
    status: str
    zone_name: str | None
    address_text: str | None
    latitude: float | None
    longitude: float | None
    description: str
    police_contact: str
    case_number: str | None
    reporter: str | None  # only when the reporter consented to be named


_LINE_COLUMNS: tuple[Any, ...] = (
    Observation.id,
    Observation.uuid,
    Observation.occurred_at,
    Observation.category,
    Observation.severity,
    Observation.status,
    Zone.name,
    Observation.address_text,
    Observation.latitude,
    Observation.longitude,
    Observation.description,
    Observation.police_contact,
    Observation.case_number,
    Member.given_name,
    Member.family_name,
    Member.preferred_name,
    Member.consent_named_in_reports,
)


def _line_query() -> Select[Any]:
    return (
        select(*_LINE_COLUMNS)
        .select_from(Observation)
        .outerjoin(Zone, Zone.id == Observation.zone_id)
        .outerjoin(Member, Member.id == Observation.reporter_member_id)
    )


def _line(row: Any) -> ObservationLine:
    reporter = (
        spoken_name(row.given_name, row.family_name, row.preferred_name)
        if row.given_name is not None and row.consent_named_in_reports
        else None
    )
    return ObservationLine(*row[:13], reporter=reporter)  # type: ignore[misc]


def observation_lines(session: Session, ids: Sequence[int]) -> dict[int, ObservationLine]:
    """Rows for ``ids`` (one page of the table), keyed by id."""
    if not ids:
        return {}
    rows = session.execute(_line_query().where(Observation.id.in_(ids)))
    return {row.id: _line(row) for row in rows}


def filtered_lines(
    session: Session, group_id: int, where: ObservationFilter, chunk: int = 5000
) -> Iterator[ObservationLine]:
    """Every matching observation in display order, read in chunks (exports, maps)."""
    query = _ordered(_line_query().where(*conditions(session, group_id, where)), where)
    result = session.execute(query.execution_options(yield_per=chunk))
    for row in result:
        yield _line(row)

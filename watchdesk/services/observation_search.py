"""Finding observations: one filter (dates, category, block, status, free text) applied in SQL
and shared by the Observations table, the map and every export, so what is exported is exactly
what is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from watchdesk.core import dates
from watchdesk.core.local_days import day_span
from watchdesk.core.names import spoken_name
from watchdesk.core.plates import plate_like_pattern
from watchdesk.core.validation import ValidationError
from watchdesk.db.models import Block, Member, Observation, VehicleDescriptor, WatchGroup
from watchdesk.db.models.observations import FULL_TEXT_TABLE, PLATE_TRIGRAM_TABLE
from watchdesk.services.schedule_facts import group_time_zone

SORT_KEYS = ("occurred_at", "category")


@dataclass(frozen=True)
class ObservationFilter:
    first: dt.date | None = None  # local dates, inclusive
    last: dt.date | None = None
    category: str | None = None
    block_id: int | None = None
    status: str | None = None
    text: str = ""
    sort: str = "occurred_at"
    descending: bool = True

    def describe(self) -> str:
        """The filter in words, printed on exports so readers know what they hold."""
        parts = []
        if self.first or self.last:
            if self.first and self.last:
                parts.append(dates.period(self.first, self.last))
            else:
                first = dates.date(self.first) if self.first else "the start"
                parts.append(f"{first} to {dates.date(self.last) if self.last else 'today'}")
        for label, value in (
            ("category", self.category),
            ("status", self.status),
            ("text", self.text.strip()),
        ):
            if value:
                parts.append(f"{label} {value!r}")
        if self.block_id is not None:
            parts.append(f"block #{self.block_id}")
        return ", ".join(parts) or "all observations"


# Below this many text matches, SQLite is told to start from the text index (and to ignore the
# date-ordered indexes, which it would otherwise walk end to end looking for the few matches).
SPARSE_TEXT_MATCHES = 10_000


def _full_text_query(terms: Sequence[str]) -> str:
    """An FTS5 query: every term, as a word prefix ("mapl" finds "Maple St")."""
    return " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def _looks_like_plate(term: str) -> bool:
    # Plates carry digits or an unread '?'; a plain word ("blue") is not searched as a plate.
    return any(ch.isdigit() or ch == "?" for ch in term)


def _text_matches(term: str) -> Select[Any]:
    return (
        select(column("rowid"))
        .select_from(table(FULL_TEXT_TABLE))
        .where(literal_column(FULL_TEXT_TABLE).op("MATCH")(_full_text_query([term])))
    )


def _text_condition(term: str) -> ColumnElement[bool]:
    words = Observation.id.in_(_text_matches(term))
    try:
        pattern = plate_like_pattern(term) if _looks_like_plate(term) else None
    except ValidationError:  # not a plate ("50%"): words only
        pattern = None
    if pattern is None:
        return words
    trigrams: Select[Any] = (
        select(column("rowid"))
        .select_from(table(PLATE_TRIGRAM_TABLE))
        .where(column("plate").like(pattern))
    )
    plates = select(VehicleDescriptor.observation_id).where(VehicleDescriptor.id.in_(trigrams))
    return or_(words, Observation.id.in_(plates))


def _few_text_matches(session: Session, terms: Sequence[str]) -> bool:
    if not terms:
        return False
    query = select(func.count()).select_from(
        _text_matches(" ".join(terms)).limit(SPARSE_TEXT_MATCHES + 1).subquery()
    )
    # Plate matches are not counted: the plate table is small next to the observations.
    return int(session.scalar(query) or 0) <= SPARSE_TEXT_MATCHES


def _unindexed(attribute: Any) -> Any:
    """``+observation.column``: SQLite will not use an index for it (query planner docs)."""
    return literal_column(f"+{Observation.__tablename__}.{attribute.key}", attribute.type)


@dataclass(frozen=True)
class _Search:
    conditions: list[Any]
    from_text: bool  # few rows match the text: SQLite starts from the text index


def _search(session: Session, group_id: int | None, where: ObservationFilter) -> _Search:
    """The conditions of ``where`` in one group, or in every group (``group_id`` None: a
    liaison's file), each group's dates in its own time zone."""
    # A term of punctuation alone has no words to match; it would make every search fail.
    terms = [term for term in where.text.split() if any(ch.isalnum() for ch in term)]
    from_text = _few_text_matches(session, terms)

    def col(attribute: Any) -> Any:
        return _unindexed(attribute) if from_text else attribute

    def in_group(group: int, time_zone: ZoneInfo) -> list[Any]:
        start, end = day_span(where.first, where.last, time_zone)
        part: list[Any] = [col(Observation.group_id) == group]
        if start is not None:
            part.append(col(Observation.occurred_at) >= start)
        if end is not None:
            part.append(col(Observation.occurred_at) < end)
        return part

    if group_id is not None:
        out = in_group(group_id, group_time_zone(session, group_id))
    else:
        groups = session.execute(select(WatchGroup.id, WatchGroup.timezone)).all()
        out = [or_(false(), *(and_(*in_group(g, ZoneInfo(tz))) for g, tz in groups))]
    if where.category:
        out.append(col(Observation.category) == where.category)
    if where.block_id is not None:
        out.append(col(Observation.block_id) == where.block_id)
    if where.status:
        out.append(col(Observation.status) == where.status)
    # Every word must match somewhere: "blue 7KX" finds a blue car with a plate like 7KX.
    out.extend(_text_condition(term) for term in terms)
    return _Search(out, from_text)


def conditions(session: Session, group_id: int | None, where: ObservationFilter) -> list[Any]:
    """SQL conditions for ``where`` (dates are the group's local dates)."""
    return _search(session, group_id, where).conditions


def _ordered(
    query: Select[Any], where: ObservationFilter, search: _Search, reverse: bool = False
) -> Select[Any]:
    columns: list[Any] = [Observation.occurred_at, Observation.id]
    if where.sort == "category":
        columns.insert(0, Observation.category)
    if search.from_text:
        columns = [_unindexed(c) if c is not Observation.id else c for c in columns]
    if where.descending != reverse:
        columns = [c.desc() for c in columns]
    return query.where(*search.conditions).order_by(*columns)


def count_observations(session: Session, group_id: int | None, where: ObservationFilter) -> int:
    query = (
        select(func.count()).select_from(Observation).where(*conditions(session, group_id, where))
    )
    return int(session.scalar(query) or 0)


def observation_ids(session: Session, group_id: int | None, where: ObservationFilter) -> list[int]:
    """Ids of the observations matching ``where``, in display order."""
    query = _ordered(select(Observation.id), where, _search(session, group_id, where))
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
    block_name: str | None
    address_text: str | None
    latitude: float | None
    longitude: float | None
    description: str
    police_contact: str
    case_number: str | None
    reporter: str | None  # only when the reporter consented to be named
    group_id: int = 0


_LINE_COLUMNS: tuple[Any, ...] = (
    Observation.id,
    Observation.uuid,
    Observation.occurred_at,
    Observation.category,
    Observation.severity,
    Observation.status,
    Block.name,
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
    Observation.group_id,
)


def _line_query() -> Select[Any]:
    return (
        select(*_LINE_COLUMNS)
        .select_from(Observation)
        .outerjoin(Block, Block.id == Observation.block_id)
        .outerjoin(Member, Member.id == Observation.reporter_member_id)
    )


def _line(row: Any) -> ObservationLine:
    reporter = (
        spoken_name(row.given_name, row.family_name, row.preferred_name)
        if row.given_name is not None and row.consent_named_in_reports
        else None
    )
    return ObservationLine(*row[:13], reporter=reporter, group_id=row.group_id)  # type: ignore[misc]


def observation_page(
    session: Session, group_id: int, where: ObservationFilter, start: int, size: int, total: int
) -> list[ObservationLine]:
    """Rows ``start`` to ``start + size`` in display order, of ``total`` matching rows.

    Pages past the middle are read from the other end in reverse, so reaching the last row
    costs what the first does (SQLite steps over every skipped row of an OFFSET)."""
    search = _search(session, group_id, where)
    end = min(start + size, total)
    if start <= total - end:
        query = _ordered(_line_query(), where, search).offset(start).limit(size)
        return [_line(row) for row in session.execute(query)]
    query = _ordered(_line_query(), where, search, reverse=True).offset(total - end)
    rows = [_line(row) for row in session.execute(query.limit(end - start))]
    rows.reverse()
    return rows


def observation_lines(session: Session, ids: Sequence[int]) -> dict[int, ObservationLine]:
    """Rows for ``ids`` (one page of the table), keyed by id."""
    if not ids:
        return {}
    rows = session.execute(_line_query().where(Observation.id.in_(ids)))
    return {row.id: _line(row) for row in rows}


def filtered_lines(
    session: Session, group_id: int | None, where: ObservationFilter, chunk: int = 5000
) -> Iterator[ObservationLine]:
    """Every matching observation in display order, read in chunks (exports, maps)."""
    query = _ordered(_line_query(), where, _search(session, group_id, where))
    result = session.execute(query.execution_options(yield_per=chunk))
    for row in result:
        yield _line(row)

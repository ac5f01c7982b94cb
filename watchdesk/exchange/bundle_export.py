"""The records of one group as an exchange bundle's profile allows, entity by entity.

``precinct`` (the default) is what a precinct liaison may hold: no member phone, email, home
address or household register; members named only when they agreed to be named in reports
(otherwise by role); observation locations at the group's sharing precision and addresses to
the hundred block. ``full`` is everything, for moving a group to another computer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from watchdesk.core.geo import coarsen, hundred_block
from watchdesk.core.local_days import day_span
from watchdesk.core.vocabulary import MEMBER_ROLES
from watchdesk.db.models import Base
from watchdesk.exchange.format import EntitySpec, datetime_text, entity_specs
from watchdesk.services.groups import get_group
from watchdesk.services.rows import GroupRow

# Household register, vacations, availability and phone trees stay with the group.
PRIVATE_ENTITIES = frozenset(
    {
        "household",
        "known_vehicle",
        "vacation_window",
        "member_unavailability",
        "phone_tree_entry",
        "phone_tree_drill",
        "phone_tree_drill_contact",
    }
)
WITHHELD_NAME = "(name withheld)"
_MEMBER_PRIVATE_FIELDS = (
    "household_uuid",
    "phone_home",
    "phone_mobile",
    "phone_work",
    "email",
    "emergency_contact_name",
    "emergency_contact_phone",
    "notes",
)

# Entities limited by --from/--to through one of their own times ...
_PERIOD_TIMES = {
    "observation": "occurred_at",
    "shift": "starts_at",
    "training_session": "starts_at",
    "meeting": "starts_at",
}
# ... or through their parent's.
_PERIOD_PARENTS = {
    "person_descriptor": ("observation_id", "observation"),
    "vehicle_descriptor": ("observation_id", "observation"),
    "follow_up": ("observation_id", "observation"),
    "assignment": ("shift_id", "shift"),
    "patrol_log": ("shift_id", "shift"),
    "required_course": ("shift_id", "shift"),  # series requirements are kept
    "patrol_log_entry": ("log_id", "patrol_log"),
    "training_attendance": ("session_id", "training_session"),
    "agenda_item": ("meeting_id", "meeting"),
    "meeting_attendance": ("meeting_id", "meeting"),
}


@dataclass(frozen=True)
class ExportChoice:
    group_id: int
    profile: str = "precinct"
    first: dt.date | None = None
    last: dt.date | None = None


def exported_entities(profile: str) -> tuple[EntitySpec, ...]:
    specs = entity_specs()
    if profile == "full":
        return specs
    return tuple(spec for spec in specs if spec.name not in PRIVATE_ENTITIES)


class _Query:
    """The SELECT of one entity's records, with referenced ids turned into UUIDs."""

    def __init__(self, spec: EntitySpec, choice: ExportChoice, bounds: _Bounds | None) -> None:
        self.spec, self.choice, self.bounds = spec, choice, bounds

    def where(self) -> list[Any]:
        table = self.spec.table
        if self.spec.name == "watch_group":
            return [table.c.id == self.choice.group_id]
        conditions: list[Any] = [table.c.group_id == self.choice.group_id]
        if self.bounds is not None:
            condition = self.bounds.condition(self.spec.name, table)
            if condition is not None:
                conditions.append(condition)
        return conditions

    def records(self) -> Select[Any]:
        table = self.spec.table
        columns: list[Any] = []
        joins: list[tuple[Any, Any]] = []
        for spec_field in self.spec.fields:
            if spec_field.target is None:
                columns.append(table.c[spec_field.column])
                continue
            target = table.metadata.tables[spec_field.target].alias(f"ref_{spec_field.column}")
            on = target.c.id == table.c[spec_field.column]
            parent = _PERIOD_PARENTS.get(self.spec.name, ("", ""))[0]
            if self.bounds is not None and spec_field.column != parent:
                # A reference to a record the period leaves out is left empty.
                inside = self.bounds.condition(spec_field.target, target)
                if inside is not None:
                    on = on & inside
            joins.append((target, on))
            columns.append(target.c.uuid)
        query = select(*columns).select_from(table)
        for joined, on in joins:
            query = query.outerjoin(joined, on)
        return query.where(*self.where()).order_by(table.c.uuid)

    def count(self) -> Select[Any]:
        return select(func.count()).select_from(self.spec.table).where(*self.where())


class _Bounds:
    """The UTC instants of a period of local days, and the conditions that keep to it."""

    def __init__(self, first: dt.date | None, last: dt.date | None, time_zone: ZoneInfo) -> None:
        self.start, self.end = day_span(first, last, time_zone)

    def condition(self, entity: str, table: Any) -> Any | None:
        if entity in _PERIOD_TIMES:
            column = table.c[_PERIOD_TIMES[entity]]
            parts = []
            if self.start is not None:
                parts.append(column >= self.start)
            if self.end is not None:
                parts.append(column < self.end)
            return parts[0] & parts[1] if len(parts) == 2 else parts[0]
        if entity in _PERIOD_PARENTS:
            column_name, parent_name = _PERIOD_PARENTS[entity]
            parent = Base.metadata.tables[parent_name]
            parent_inside = self.condition(parent_name, parent)
            assert parent_inside is not None
            inside = table.c[column_name].in_(select(parent.c.id).where(parent_inside))
            if entity == "required_course":
                return or_(table.c.shift_id.is_(None), inside)
            return inside
        return None


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _redactor(spec: EntitySpec, group: GroupRow) -> Callable[[dict[str, Any]], None] | None:
    if spec.name == "member":
        return _redact_member
    if spec.name == "observation":
        metres = group.share_precision_m

        def redact_observation(record: dict[str, Any]) -> None:
            if record["address_text"]:
                record["address_text"] = hundred_block(record["address_text"])
            if record["latitude"] is not None and record["longitude"] is not None:
                record["latitude"], record["longitude"] = coarsen(
                    record["latitude"], record["longitude"], metres
                )

        return redact_observation
    return None


def _redact_member(record: dict[str, Any]) -> None:
    for name in _MEMBER_PRIVATE_FIELDS:
        record[name] = None
    if not record["consent_named_in_reports"]:
        record["given_name"] = MEMBER_ROLES.get(record["role"], "Member")
        record["family_name"] = WITHHELD_NAME
        record["preferred_name"] = None


class EntityExport:
    """One entity's records for a bundle: how many, and each as a JSON-ready dict."""

    def __init__(
        self, session: Session, spec: EntitySpec, choice: ExportChoice, group: GroupRow
    ) -> None:
        self.session, self.spec = session, spec
        bounds = None
        if choice.first is not None or choice.last is not None:
            bounds = _Bounds(choice.first, choice.last, ZoneInfo(group.timezone))
        self._query = _Query(spec, choice, bounds)
        self._redact = _redactor(spec, group) if choice.profile == "precinct" else None

    def count(self) -> int:
        return self.session.scalar(self._query.count()) or 0

    def records(self) -> Iterator[dict[str, Any]]:
        names = [f.name for f in self.spec.fields]
        query = self._query.records().execution_options(yield_per=5_000)
        redact = self._redact
        for row in self.session.execute(query):
            record = {name: _json_value(value) for name, value in zip(names, row, strict=True)}
            if redact is not None:
                redact(record)
            yield record


def group_exports(session: Session, choice: ExportChoice) -> tuple[GroupRow, list[EntityExport]]:
    group = get_group(session, choice.group_id)
    entities = [
        EntityExport(session, spec, choice, group) for spec in exported_entities(choice.profile)
    ]
    return group, entities

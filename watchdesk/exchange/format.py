"""The exchange bundle's vocabulary: which entity files it holds, in which order, and the
fields of each record, derived from the ORM tables so the format and the database agree.

A record is a flat JSON object: its ``uuid``, ``created_at``, ``updated_at`` and one field per
column but the local ``id`` and ``group_id``. A column that refers to another record
(``zone_id``) becomes that record's UUID (``zone_uuid``): ids are local to one database,
UUIDs are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Column, Date, Float, Integer, String, Table, Time

from watchdesk.db.base import Base, UTCDateTime

FORMAT_NAME = "watchdesk-exchange"
FORMAT_VERSION = 1
SUFFIX = ".wdx"
MANIFEST = "manifest.json"
PROFILES = ("precinct", "full")

# Parents before children, so every reference points to a record already read. The group
# is first and alone in its file.
ENTITIES = (
    "watch_group",
    "zone",
    "household",
    "known_vehicle",
    "vacation_window",
    "member",
    "member_unavailability",
    "phone_tree_entry",
    "phone_tree_drill",
    "phone_tree_drill_contact",
    "course",
    "course_requirement",
    "training_session",
    "training_attendance",
    "certification",
    "shift_series",
    "series_exception",
    "shift",
    "required_course",
    "assignment",
    "patrol_log",
    "patrol_log_entry",
    "observation",
    "person_descriptor",
    "vehicle_descriptor",
    "follow_up",
    "meeting",
    "agenda_item",
    "meeting_attendance",
)

# Columns that describe this database, not the record: never exported. The group's phone
# settings (area code, region) are this file's way of reading what volunteers type.
LOCAL_COLUMNS = frozenset({"id", "group_id", "is_local", "area_code", "phone_region"})
# Longest free text a bundle may carry in one field (the database's Text has no limit).
TEXT_LIMIT = 100_000
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = r"^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"
# With their longest lengths: Python's "$" also matches before a final newline, so a pattern
# alone would let "<uuid>\n" through a Python validator.
UUID_SCHEMA: dict[str, Any] = {"type": "string", "pattern": UUID_PATTERN, "maxLength": 36}
DATE_SCHEMA: dict[str, Any] = {"type": "string", "pattern": DATE_PATTERN, "maxLength": 10}
DATETIME_SCHEMA: dict[str, Any] = {"type": "string", "pattern": DATETIME_PATTERN, "maxLength": 27}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record and the column it fills."""

    name: str  # in the file
    column: str  # in the table
    kind: str  # uuid, string, integer, number, boolean, date, time, datetime
    nullable: bool
    target: str | None = None  # the entity a reference points to
    rules: dict[str, Any] = field(default_factory=dict)  # JSON Schema keywords

    def schema(self) -> dict[str, Any]:
        base: dict[str, Any] = {
            "uuid": UUID_SCHEMA,
            "string": {"type": "string"},
            "integer": {"type": "integer"},
            "number": {"type": "number"},
            "boolean": {"type": "boolean"},
            "date": DATE_SCHEMA,
            "time": {"type": "string", "pattern": TIME_PATTERN, "maxLength": 15},
            "datetime": DATETIME_SCHEMA,
        }[self.kind]
        out = {**base, **self.rules}
        if self.target is not None:
            out["description"] = f"uuid of a {self.target} record"
        if self.nullable:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        return out


@dataclass(frozen=True)
class OrderRule:
    """Two fields of a record in order (``end`` after ``start``, or not before it)."""

    start: str
    end: str
    strict: bool


@dataclass(frozen=True)
class EntitySpec:
    name: str
    table: Table
    fields: tuple[FieldSpec, ...]
    orders: tuple[OrderRule, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.json"

    @property
    def references(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.target is not None)


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "datetime"
    for sql_type, name in (
        (Boolean, "boolean"),
        (Integer, "integer"),
        (Float, "number"),
        (Date, "date"),
        (Time, "time"),
        (String, "string"),  # Text is a String
    ):
        if isinstance(kind, sql_type):
            return name
    raise TypeError(f"no exchange type for {column}")


def _rules(table: Table, column: Column[Any], kind: str) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    if kind == "string":
        rules["maxLength"] = getattr(column.type, "length", None) or TEXT_LIMIT
    if kind == "number":
        rules.setdefault("minimum", -1e15)  # finite: JSON has no infinities
        rules.setdefault("maximum", 1e15)
    for constraint in table.constraints:
        info = constraint.info if isinstance(constraint, CheckConstraint) else {}
        if info.get("column") == column.name:
            rules.update({k: v for k, v in info.items() if k != "column"})
    if "enum" in rules:
        rules.pop("maxLength", None)
    return rules


def _field(table: Table, column: Column[Any]) -> FieldSpec:
    nullable = bool(column.nullable)
    if column.name == "uuid":
        return FieldSpec("uuid", "uuid", "uuid", False)
    foreign = next(iter(column.foreign_keys), None)
    if foreign is not None:
        target = foreign.column.table.name
        name = column.name.removesuffix("_id") + "_uuid"
        return FieldSpec(name, column.name, "uuid", nullable, target)
    kind = _kind(column)
    return FieldSpec(column.name, column.name, kind, nullable, None, _rules(table, column, kind))


def _entity(name: str) -> EntitySpec:
    table = Base.metadata.tables[name]
    columns = sorted(
        (c for c in table.columns if c.name not in LOCAL_COLUMNS),
        key=lambda c: c.name not in _LEADING,  # identity first, then the table's order
    )
    orders = tuple(
        OrderRule(c.info["order"][0], c.info["order"][1], c.info["strict"])
        for c in table.constraints
        if isinstance(c, CheckConstraint) and "order" in c.info
    )
    return EntitySpec(name, table, tuple(_field(table, c) for c in columns), orders)


_LEADING = ("uuid", "created_at", "updated_at")


def entity_specs() -> tuple[EntitySpec, ...]:
    import watchdesk.db.models  # noqa: F401  (registers every table)

    return tuple(_entity(name) for name in ENTITIES)


def datetime_text(moment: dt.datetime) -> str:
    """UTC, ISO 8601, ``Z`` for the time zone; microseconds only when there are some."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"

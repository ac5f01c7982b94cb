"""Plain, immutable rows handed to the UI, reports and the CLI (never live ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupRow:
    id: int
    uuid: str
    name: str
    watch_number: str | None
    precinct: str | None
    beat: str | None
    liaison_name: str | None
    timezone: str
    is_local: bool
    share_precision_m: int  # locations shared outside the group are rounded to this
    area_code: str | None = None  # completes a 7-digit local phone number
    phone_region: str = "US"  # the country phone numbers are read in


@dataclass(frozen=True)
class BlockRow:
    id: int
    uuid: str
    group_id: int
    name: str
    kind: str
    has_boundary: bool


@dataclass(frozen=True)
class MemberRow:
    id: int
    uuid: str
    group_id: int
    given_name: str
    family_name: str
    preferred_name: str | None
    role: str
    status: str
    email: str | None
    phone_mobile: str | None
    block_id: int | None
    household_id: int | None


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    uuid: str
    group_id: int
    address_line: str
    city: str | None
    block_id: int | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ObservationRow:
    id: int
    uuid: str
    group_id: int
    occurred_at: dt.datetime
    category: str
    severity: int
    status: str
    address_text: str | None
    latitude: float | None
    longitude: float | None
    block_id: int | None
    description: str
    case_number: str | None


@dataclass(frozen=True)
class CourseRow:
    id: int
    uuid: str
    group_id: int
    title: str
    description: str | None
    validity_months: int | None
    required_for_roles: tuple[str, ...]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uuid: str
    group_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    place: str | None
    agenda: tuple[str, ...]

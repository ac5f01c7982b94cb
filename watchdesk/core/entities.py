"""Validation of the records users enter: what comes in as typed, what goes out clean.

Each ``clean_*`` function returns a dict of column values ready to store, or raises a
:class:`~watchdesk.core.validation.ValidationError` naming every field that is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from watchdesk.core.descriptors import (
    FollowUpInput,
    PersonSeen,
    VehicleSeen,
    clean_follow_up,
    clean_person,
    clean_vehicle,
)
from watchdesk.core.geo import boundary_from_json
from watchdesk.core.validation import (
    ErrorCollector,
    PhoneDefaults,
    ValidationError,
    check_choice,
    check_latitude,
    check_longitude,
    check_non_negative,
    normalise_email,
    normalise_phone,
    not_in_future,
    optional_text,
    parse_date,
    required_text,
)
from watchdesk.core.vocabulary import (
    SEVERITIES,
    BlockKind,
    MeetingKind,
    MemberRole,
    ObservationCategory,
    ObservationStatus,
    PoliceContact,
)

Clean = dict[str, object]


@dataclass
class GroupInput:
    name: str
    watch_number: str = ""
    precinct: str = ""
    beat: str = ""
    liaison_name: str = ""
    liaison_badge: str = ""
    liaison_phone: str = ""
    liaison_email: str = ""
    non_emergency_phone: str = ""
    meeting_place: str = ""
    timezone: str = "America/New_York"
    center_latitude: float | None = None
    center_longitude: float | None = None


def clean_group(data: GroupInput, phones: PhoneDefaults | None = None) -> Clean:
    """``phones``: how the group writes its numbers (its stored phone settings)."""
    phones = phones or PhoneDefaults()
    errors = ErrorCollector()
    out: Clean = {}
    with errors.field("name"):
        out["name"] = required_text(data.name, "name")
    for name in (
        "watch_number",
        "precinct",
        "beat",
        "liaison_name",
        "liaison_badge",
        "meeting_place",
    ):
        with errors.field(name):
            out[name] = optional_text(getattr(data, name), name, 300)
    for name in ("liaison_phone", "non_emergency_phone"):
        with errors.field(name):
            out[name] = normalise_phone(getattr(data, name), name, phones.region, phones.area_code)
    with errors.field("liaison_email"):
        out["liaison_email"] = normalise_email(data.liaison_email, "liaison_email")
    with errors.field("timezone"):
        out["timezone"] = check_timezone(data.timezone)
    with errors.field("center_latitude"):
        out["center_latitude"] = check_latitude(data.center_latitude, "center_latitude")
    with errors.field("center_longitude"):
        out["center_longitude"] = check_longitude(data.center_longitude, "center_longitude")
    if (data.center_latitude is None) != (data.center_longitude is None):
        errors.add("center_longitude", "give both latitude and longitude, or neither")
    errors.raise_if_any()
    return out


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "America" is a folder: OSError
        raise ValidationError.single("timezone", f"'{name}' is not a known time zone") from None
    return name


@dataclass
class BlockInput:
    name: str
    kind: str = BlockKind.BLOCK
    boundary_geojson: str | None = None  # GeoJSON (Multi)Polygon, longitude first
    notes: str = ""


def clean_block(data: BlockInput) -> Clean:
    errors = ErrorCollector()
    out: Clean = {}
    with errors.field("name"):
        out["name"] = required_text(data.name, "name", 100)
    with errors.field("kind"):
        out["kind"] = check_choice(data.kind, tuple(BlockKind), "kind")
    out["boundary_geojson"] = None
    if data.boundary_geojson:
        with errors.field("boundary"):
            geometry = boundary_from_json(data.boundary_geojson)
            out["boundary_geojson"] = json.dumps(geometry, separators=(",", ":"))
    with errors.field("notes"):
        out["notes"] = optional_text(data.notes, "notes")
    errors.raise_if_any()
    return out


@dataclass
class MemberInput:
    given_name: str
    family_name: str
    preferred_name: str = ""
    role: str = MemberRole.MEMBER
    email: str = ""
    phone_mobile: str = ""
    phone_home: str = ""
    phone_work: str = ""
    joined_on: str | dt.date | None = None
    languages: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    notes: str = ""
    block_id: int | None = None
    household_id: int | None = None
    consent_share_with_precinct: bool = False
    consent_phone_tree: bool = False
    consent_printed_roster: bool = False
    consent_named_in_reports: bool = False


def clean_member(
    data: MemberInput, phones: PhoneDefaults | None = None, today: dt.date | None = None
) -> Clean:
    """``phones``: the member's group's phone settings (a 7-digit number takes its area code);
    ``today``: the local date, after which nobody can have joined (default: this computer's)."""
    phones = phones or PhoneDefaults()
    errors = ErrorCollector()
    out: Clean = {}
    for name in ("given_name", "family_name"):
        with errors.field(name):
            out[name] = required_text(getattr(data, name), name, 100)
    with errors.field("preferred_name"):
        out["preferred_name"] = optional_text(data.preferred_name, "preferred_name", 100)
    with errors.field("role"):
        out["role"] = check_choice(data.role, tuple(MemberRole), "role")
    with errors.field("email"):
        out["email"] = normalise_email(data.email)
    for name in ("phone_mobile", "phone_home", "phone_work", "emergency_contact_phone"):
        with errors.field(name):
            out[name] = normalise_phone(getattr(data, name), name, phones.region, phones.area_code)
    with errors.field("joined_on"):
        joined = parse_date(data.joined_on, "joined_on")
        out["joined_on"] = not_in_future(
            joined, today or dt.date.today(), "joined_on", "The joined date"
        )
    for name in ("languages", "emergency_contact_name", "notes"):
        with errors.field(name):
            out[name] = optional_text(getattr(data, name), name)
    out["block_id"] = data.block_id
    out["household_id"] = data.household_id
    for name in (
        "consent_share_with_precinct",
        "consent_phone_tree",
        "consent_printed_roster",
        "consent_named_in_reports",
    ):
        out[name] = bool(getattr(data, name))
    errors.raise_if_any()
    return out


@dataclass
class HouseholdInput:
    address_line: str
    unit: str = ""
    city: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    block_id: int | None = None
    pets: str = ""
    special_concerns: str = ""
    notes: str = ""


def clean_household(data: HouseholdInput) -> Clean:
    errors = ErrorCollector()
    out: Clean = {"block_id": data.block_id}
    with errors.field("address_line"):
        out["address_line"] = required_text(data.address_line, "address_line", 300)
    for name in ("unit", "city", "postal_code", "pets", "special_concerns", "notes"):
        with errors.field(name):
            out[name] = optional_text(getattr(data, name), name)
    _clean_point(data.latitude, data.longitude, out, errors)
    errors.raise_if_any()
    return out


def _clean_point(lat: float | None, lon: float | None, out: Clean, errors: ErrorCollector) -> None:
    with errors.field("latitude"):
        out["latitude"] = check_latitude(lat)
    with errors.field("longitude"):
        out["longitude"] = check_longitude(lon)
    if (lat is None) != (lon is None):
        errors.add(
            "longitude" if lon is None else "latitude",
            "give both latitude and longitude, or neither",
        )


@dataclass
class ObservationInput:
    occurred_at: dt.datetime
    category: str
    description: str = ""
    severity: int = 1
    address_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    block_id: int | None = None
    reporter_member_id: int | None = None
    status: str = ObservationStatus.OPEN
    police_contact: str = PoliceContact.NONE
    police_contacted_at: dt.datetime | None = None
    case_number: str = ""
    officer: str = ""
    police_outcome: str = ""
    people: tuple[PersonSeen, ...] = ()
    vehicles: tuple[VehicleSeen, ...] = ()
    follow_ups: tuple[FollowUpInput, ...] = ()


# Keys of clean_observation's result that hold lists of child rows, not columns.
OBSERVATION_PARTS = ("people", "vehicles", "follow_ups")


def _clean_parts(data: ObservationInput, out: Clean, errors: ErrorCollector) -> None:
    cleaners = (
        ("people", "person", clean_person),
        ("vehicles", "vehicle", clean_vehicle),
        ("follow_ups", "follow-up", clean_follow_up),
    )
    for key, noun, clean in cleaners:
        cleaned = []
        for number, part in enumerate(getattr(data, key), start=1):
            try:
                cleaned.append(clean(part, f"{noun} {number}: "))
            except ValidationError as error:
                for name, message in error.errors.items():
                    errors.add(name, message)
        out[key] = cleaned


def clean_observation(data: ObservationInput, now: dt.datetime) -> Clean:
    """Columns of the observation, and under OBSERVATION_PARTS its people, vehicles and
    follow-ups (lists of column dicts)."""
    errors = ErrorCollector()
    out: Clean = {}
    if data.occurred_at.tzinfo is None:
        errors.add("occurred_at", "needs a time zone")
    elif data.occurred_at > now + dt.timedelta(minutes=5):
        errors.add("occurred_at", "cannot be in the future")
    out["occurred_at"] = data.occurred_at
    with errors.field("category"):
        out["category"] = check_choice(data.category, tuple(ObservationCategory), "category")
    if data.severity not in SEVERITIES:
        errors.add("severity", f"must be one of: {', '.join(map(str, SEVERITIES))}")
    out["severity"] = data.severity
    with errors.field("description"):
        out["description"] = optional_text(data.description, "description", 10_000) or ""
    with errors.field("address_text"):
        out["address_text"] = optional_text(data.address_text, "address_text", 300)
    _clean_point(data.latitude, data.longitude, out, errors)
    if not out.get("address_text") and data.latitude is None:
        errors.add("address_text", "give an address or a point on the map")
    with errors.field("status"):
        out["status"] = check_choice(data.status, tuple(ObservationStatus), "status")
    with errors.field("police_contact"):
        out["police_contact"] = check_choice(
            data.police_contact, tuple(PoliceContact), "police_contact"
        )
    out["police_contacted_at"] = data.police_contacted_at
    for name in ("case_number", "officer", "police_outcome"):
        with errors.field(name):
            out[name] = optional_text(getattr(data, name), name, 2000)
    uncontacted = data.police_contact == PoliceContact.NONE
    if uncontacted and (out.get("case_number") or data.police_contacted_at):
        errors.add("police_contact", "say how the police were contacted")
    if data.status == ObservationStatus.REPORTED and uncontacted:
        errors.add("status", "'reported' needs a police contact")
    out["block_id"] = data.block_id
    out["reporter_member_id"] = data.reporter_member_id
    _clean_parts(data, out, errors)
    errors.raise_if_any()
    return out


@dataclass
class ShiftDraft:
    """A shift as the editor gives it: local date and wall-clock times, and optionally a weekly
    repeat (``repeat_weekdays`` is a weekday bit mask; 0 means a single shift)."""

    local_date: dt.date
    start: dt.time
    end: dt.time
    block_id: int | None = None
    route: str = ""
    min_patrollers: int = 2
    max_patrollers: int = 2
    vehicle: str = ""
    notes: str = ""
    required_course_ids: tuple[int, ...] = ()
    repeat_weekdays: int = 0
    repeat_until: dt.date | None = None
    exceptions: tuple[dt.date, ...] = ()


def clean_shift_draft(data: ShiftDraft) -> Clean:
    errors = ErrorCollector()
    out: Clean = {"block_id": data.block_id, "start_local": data.start, "end_local": data.end}
    if data.start == data.end:
        errors.add("end", "must differ from the start (an earlier end crosses midnight)")
    with errors.field("min_patrollers"):
        check_non_negative(data.min_patrollers, "min_patrollers")
    if data.max_patrollers < max(1, data.min_patrollers):
        errors.add("max_patrollers", "must be at least the minimum, and at least 1")
    out["min_patrollers"] = data.min_patrollers
    out["max_patrollers"] = data.max_patrollers
    with errors.field("route"):
        out["route"] = optional_text(data.route, "route", 200)
    if data.block_id is None and not out.get("route"):
        errors.add("block_id", "choose a block or zone, or describe the route")
    with errors.field("vehicle"):
        out["vehicle"] = optional_text(data.vehicle, "vehicle", 100)
    with errors.field("notes"):
        out["notes"] = optional_text(data.notes, "notes")
    if not 0 <= data.repeat_weekdays <= 127:
        errors.add("repeat_weekdays", "is not a set of weekdays")
    if data.repeat_until is not None and data.repeat_until < data.local_date:
        errors.add("repeat_until", "must not be before the first date")
    errors.raise_if_any()
    return out


@dataclass
class CourseInput:
    title: str
    description: str = ""
    validity_months: int | None = None
    required_for_roles: tuple[str, ...] = ()


def clean_course(data: CourseInput) -> Clean:
    errors = ErrorCollector()
    out: Clean = {}
    with errors.field("title"):
        out["title"] = required_text(data.title, "title")
    with errors.field("description"):
        out["description"] = optional_text(data.description, "description")
    if data.validity_months is not None and data.validity_months <= 0:
        errors.add("validity_months", "must be a positive number of months, or empty")
    out["validity_months"] = data.validity_months
    for role in data.required_for_roles:
        with errors.field("required_for_roles"):
            check_choice(role, tuple(MemberRole), "required_for_roles")
    errors.raise_if_any()
    return out


@dataclass
class MeetingInput:
    title: str
    starts_at: dt.datetime
    kind: str = MeetingKind.COMMUNITY
    ends_at: dt.datetime | None = None
    place: str = ""
    agenda: tuple[str, ...] = ()


def clean_meeting(data: MeetingInput) -> Clean:
    errors = ErrorCollector()
    out: Clean = {"starts_at": data.starts_at, "ends_at": data.ends_at}
    with errors.field("title"):
        out["title"] = required_text(data.title, "title")
    with errors.field("kind"):
        out["kind"] = check_choice(data.kind, tuple(MeetingKind), "kind")
    with errors.field("place"):
        out["place"] = optional_text(data.place, "place", 300)
    if data.ends_at is not None and data.ends_at <= data.starts_at:
        errors.add("ends_at", "must be after the start")
    errors.raise_if_any()
    return out

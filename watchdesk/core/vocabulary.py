"""The fixed vocabularies users pick from (roles, statuses, categories, ...).

Each vocabulary is a :class:`enum.StrEnum`: its members are the codes the database stores and
the exchange format carries, and they compare equal to those plain strings, so code says
``MemberStatus.ACTIVE`` where it used to say ``"active"`` and nothing stored changes. The label
dictionaries (``MEMBER_STATUSES``, ...) give each code the text the UI and reports show; they are
keyed by the plain codes, in the enum's order, and built so that every code has a label. CHECK
constraints in ``db.models`` are generated from the enums, so the two never drift.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def _labelled(codes: type[E], labels: Mapping[E, str]) -> dict[str, str]:
    """``labels`` keyed by the plain code, in the enum's order; every code needs one label."""
    if set(labels) != set(codes):
        raise ValueError(f"{codes.__name__}: labels do not match the codes")
    return {code.value: labels[code] for code in codes}


class MemberRole(StrEnum):
    COORDINATOR = "coordinator"
    BLOCK_CAPTAIN = "block_captain"
    ALTERNATE = "alternate"
    PATROLLER = "patroller"
    MEMBER = "member"


MEMBER_ROLES = _labelled(
    MemberRole,
    {
        MemberRole.COORDINATOR: "Coordinator",
        MemberRole.BLOCK_CAPTAIN: "Block captain",
        MemberRole.ALTERNATE: "Alternate captain",
        MemberRole.PATROLLER: "Patroller",
        MemberRole.MEMBER: "Member",
    },
)


class MemberStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


MEMBER_STATUSES = _labelled(
    MemberStatus, {MemberStatus.ACTIVE: "Active", MemberStatus.INACTIVE: "Inactive"}
)


class BlockKind(StrEnum):
    BLOCK = "block"
    ZONE = "zone"
    ROUTE = "route"


BLOCK_KINDS = _labelled(
    BlockKind, {BlockKind.BLOCK: "Block", BlockKind.ZONE: "Zone", BlockKind.ROUTE: "Patrol route"}
)


class ObservationCategory(StrEnum):
    SUSPICIOUS_PERSON = "suspicious_person"
    SUSPICIOUS_VEHICLE = "suspicious_vehicle"
    BURGLARY = "burglary"
    THEFT = "theft"
    VANDALISM = "vandalism"
    DRUGS = "drugs"
    DISTURBANCE = "disturbance"
    TRAFFIC = "traffic"
    HAZARD = "hazard"
    OTHER = "other"


OBSERVATION_CATEGORIES = _labelled(
    ObservationCategory,
    {
        ObservationCategory.SUSPICIOUS_PERSON: "Suspicious person",
        ObservationCategory.SUSPICIOUS_VEHICLE: "Suspicious vehicle",
        ObservationCategory.BURGLARY: "Break-in / burglary",
        ObservationCategory.THEFT: "Theft",
        ObservationCategory.VANDALISM: "Vandalism / graffiti",
        ObservationCategory.DRUGS: "Drug activity",
        ObservationCategory.DISTURBANCE: "Noise / disturbance",
        ObservationCategory.TRAFFIC: "Traffic / speeding",
        ObservationCategory.HAZARD: "Hazard (3-1-1)",
        ObservationCategory.OTHER: "Other",
    },
)

# Severity is a number (1 lowest), not a code: a range, not a vocabulary of names.
SEVERITIES: dict[int, str] = {1: "Low", 2: "Moderate", 3: "Serious", 4: "Urgent"}

# Colours by category, told apart in print as well as on screen.
CATEGORY_COLOURS = _labelled(
    ObservationCategory,
    {
        ObservationCategory.SUSPICIOUS_PERSON: "#d62728",
        ObservationCategory.SUSPICIOUS_VEHICLE: "#ff7f0e",
        ObservationCategory.BURGLARY: "#8c1c13",
        ObservationCategory.THEFT: "#9467bd",
        ObservationCategory.VANDALISM: "#e377c2",
        ObservationCategory.DRUGS: "#17becf",
        ObservationCategory.DISTURBANCE: "#bcbd22",
        ObservationCategory.TRAFFIC: "#1f77b4",
        ObservationCategory.HAZARD: "#2ca02c",
        ObservationCategory.OTHER: "#7f7f7f",
    },
)


class ObservationStatus(StrEnum):
    OPEN = "open"
    REPORTED = "reported"
    CLOSED = "closed"


OBSERVATION_STATUSES = _labelled(
    ObservationStatus,
    {
        ObservationStatus.OPEN: "Open",
        ObservationStatus.REPORTED: "Reported",
        ObservationStatus.CLOSED: "Closed",
    },
)


class PoliceContact(StrEnum):
    NONE = "none"
    EMERGENCY_911 = "911"
    NON_EMERGENCY = "non_emergency"
    CITY_311 = "311"


POLICE_CONTACTS = _labelled(
    PoliceContact,
    {
        PoliceContact.NONE: "None",
        PoliceContact.EMERGENCY_911: "911",
        PoliceContact.NON_EMERGENCY: "Non-emergency line",
        PoliceContact.CITY_311: "3-1-1",
    },
)


class AssignmentStatus(StrEnum):
    """Where a member's assignment to a patrol shift stands (see ``core.scheduling`` for the
    workflow between them and the no-show rule)."""

    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


ASSIGNMENT_STATUSES = _labelled(
    AssignmentStatus,
    {
        AssignmentStatus.SCHEDULED: "Scheduled",
        AssignmentStatus.CONFIRMED: "Confirmed",
        AssignmentStatus.CHECKED_IN: "Checked in",
        AssignmentStatus.COMPLETED: "Completed",
        AssignmentStatus.NO_SHOW: "No-show",
    },
)


class AttendanceStatus(StrEnum):
    """A member's line on a training session's or a meeting's sign-in grid."""

    ENROLLED = "enrolled"
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


ATTENDANCE_STATUSES = _labelled(
    AttendanceStatus,
    {
        AttendanceStatus.ENROLLED: "Enrolled",
        AttendanceStatus.PRESENT: "Present",
        AttendanceStatus.ABSENT: "Absent",
        AttendanceStatus.EXCUSED: "Excused",
    },
)


class MeetingKind(StrEnum):
    COMMUNITY = "community"
    NATIONAL_NIGHT_OUT = "national_night_out"
    COFFEE_WITH_A_COP = "coffee_with_a_cop"
    TRAINING = "training"
    OTHER = "other"


MEETING_KINDS = _labelled(
    MeetingKind,
    {
        MeetingKind.COMMUNITY: "Community meeting",
        MeetingKind.NATIONAL_NIGHT_OUT: "National Night Out",
        MeetingKind.COFFEE_WITH_A_COP: "Coffee with a Cop",
        MeetingKind.TRAINING: "Training",
        MeetingKind.OTHER: "Other event",
    },
)


class TrainingStatus(StrEnum):
    """A member's standing in a course their role requires (computed, never stored)."""

    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"
    NOT_REQUIRED = "not_required"


TRAINING_STATUSES = _labelled(
    TrainingStatus,
    {
        TrainingStatus.CURRENT: "Current",
        TrainingStatus.EXPIRING: "Expiring soon",
        TrainingStatus.EXPIRED: "Expired",
        TrainingStatus.MISSING: "Missing",
        TrainingStatus.NOT_REQUIRED: "Not required",
    },
)


def label(vocabulary: Mapping[str, str], code: str) -> str:
    """The display label for ``code``, or the code itself for values from newer versions."""
    return vocabulary.get(code, code)

"""The fixed vocabularies users pick from (roles, statuses, categories, ...).

The database stores the code (left); the UI and reports show the label (right). CHECK
constraints in ``db.models`` are generated from the same tuples, so the two never drift.
"""

from __future__ import annotations

MEMBER_ROLES: dict[str, str] = {
    "coordinator": "Coordinator",
    "block_captain": "Block captain",
    "alternate": "Alternate captain",
    "patroller": "Patroller",
    "member": "Member",
}

MEMBER_STATUSES: dict[str, str] = {"active": "Active", "inactive": "Inactive"}

ZONE_KINDS: dict[str, str] = {"block": "Block", "zone": "Zone", "route": "Patrol route"}

OBSERVATION_CATEGORIES: dict[str, str] = {
    "suspicious_person": "Suspicious person",
    "suspicious_vehicle": "Suspicious vehicle",
    "burglary": "Break-in / burglary",
    "theft": "Theft",
    "vandalism": "Vandalism / graffiti",
    "drugs": "Drug activity",
    "disturbance": "Noise / disturbance",
    "traffic": "Traffic / speeding",
    "hazard": "Hazard (3-1-1)",
    "other": "Other",
}

SEVERITIES: dict[int, str] = {1: "Low", 2: "Moderate", 3: "Serious", 4: "Urgent"}

# Colours by category, told apart in print as well as on screen.
CATEGORY_COLOURS: dict[str, str] = {
    "suspicious_person": "#d62728",
    "suspicious_vehicle": "#ff7f0e",
    "burglary": "#8c1c13",
    "theft": "#9467bd",
    "vandalism": "#e377c2",
    "drugs": "#17becf",
    "disturbance": "#bcbd22",
    "traffic": "#1f77b4",
    "hazard": "#2ca02c",
    "other": "#7f7f7f",
}

OBSERVATION_STATUSES: dict[str, str] = {
    "open": "Open",
    "reported": "Reported",
    "closed": "Closed",
}

POLICE_CONTACTS: dict[str, str] = {
    "none": "None",
    "911": "911",
    "non_emergency": "Non-emergency line",
    "311": "3-1-1",
}

ASSIGNMENT_STATUSES: dict[str, str] = {
    "scheduled": "Scheduled",
    "confirmed": "Confirmed",
    "checked_in": "Checked in",
    "completed": "Completed",
    "no_show": "No-show",
}

ATTENDANCE_STATUSES: dict[str, str] = {
    "enrolled": "Enrolled",
    "present": "Present",
    "absent": "Absent",
    "excused": "Excused",
}

MEETING_KINDS: dict[str, str] = {
    "community": "Community meeting",
    "national_night_out": "National Night Out",
    "coffee_with_a_cop": "Coffee with a Cop",
    "training": "Training",
    "other": "Other event",
}


def label(vocabulary: dict[str, str], code: str) -> str:
    """The display label for ``code``, or the code itself for values from newer versions."""
    return vocabulary.get(code, code)


TRAINING_STATUSES: dict[str, str] = {
    "current": "Current",
    "expiring": "Expiring soon",
    "expired": "Expired",
    "missing": "Missing",
    "not_required": "Not required",
}

"""Which kinds of records a user action changed, so each screen refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of records a screen can show."""

    GROUPS = "groups"
    BLOCKS = "blocks"
    MEMBERS = "members"
    HOUSEHOLDS = "households"
    VEHICLES = "vehicles"
    SHIFTS = "shifts"
    ASSIGNMENTS = "assignments"
    PATROL_LOGS = "patrol logs"
    OBSERVATIONS = "observations"
    FOLLOW_UPS = "follow-ups"
    TRAINING = "training"
    MEETINGS = "meetings"
    PHONE_TREES = "phone trees"


# Each table's rows are records of one kind (the schema still calls a block a "zone").
KIND_OF_TABLE: dict[str, Kind] = {
    "watch_group": Kind.GROUPS,
    "zone": Kind.BLOCKS,
    "member": Kind.MEMBERS,
    "member_unavailability": Kind.MEMBERS,
    "household": Kind.HOUSEHOLDS,
    "vacation_window": Kind.HOUSEHOLDS,
    "known_vehicle": Kind.VEHICLES,
    "shift_series": Kind.SHIFTS,
    "series_exception": Kind.SHIFTS,
    "shift": Kind.SHIFTS,
    "required_course": Kind.SHIFTS,
    "assignment": Kind.ASSIGNMENTS,
    "patrol_log": Kind.PATROL_LOGS,
    "patrol_log_entry": Kind.PATROL_LOGS,
    "observation": Kind.OBSERVATIONS,
    "person_descriptor": Kind.OBSERVATIONS,
    "vehicle_descriptor": Kind.OBSERVATIONS,
    "follow_up": Kind.FOLLOW_UPS,
    "course": Kind.TRAINING,
    "course_requirement": Kind.TRAINING,
    "training_session": Kind.TRAINING,
    "training_attendance": Kind.TRAINING,
    "certification": Kind.TRAINING,
    "meeting": Kind.MEETINGS,
    "agenda_item": Kind.MEETINGS,
    "meeting_attendance": Kind.MEETINGS,
    "phone_tree_entry": Kind.PHONE_TREES,
    "phone_tree_drill": Kind.PHONE_TREES,
    "phone_tree_drill_contact": Kind.PHONE_TREES,
}


@dataclass(frozen=True)
class Changes:
    """The kinds of records an action changed; empty when it changed nothing."""

    kinds: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind) -> Changes:
        return cls(frozenset(kinds))

    @classmethod
    def everything(cls) -> Changes:
        """After an import, a restore or another file: every screen shows new records."""
        return cls(frozenset(Kind))

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        return cls(frozenset(KIND_OF_TABLE[t] for t in tables if t in KIND_OF_TABLE))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def touches(self, kinds: Iterable[Kind]) -> bool:
        return not self.kinds.isdisjoint(kinds)

"""Every ORM model, importable from one place (Alembic's env.py imports this module)."""

from watchdesk.db.base import Base
from watchdesk.db.models.group import Block, WatchGroup
from watchdesk.db.models.meetings import AgendaItem, Meeting, MeetingAttendance
from watchdesk.db.models.observations import (
    FollowUp,
    Observation,
    PersonDescriptor,
    VehicleDescriptor,
)
from watchdesk.db.models.patrols import (
    Assignment,
    PatrolLog,
    PatrolLogEntry,
    RequiredCourse,
    SeriesException,
    Shift,
    ShiftSeries,
)
from watchdesk.db.models.people import (
    Household,
    KnownVehicle,
    Member,
    MemberUnavailability,
    PhoneTreeDrill,
    PhoneTreeDrillContact,
    PhoneTreeEntry,
    VacationWindow,
)
from watchdesk.db.models.training import (
    Certification,
    Course,
    CourseRequirement,
    TrainingAttendance,
    TrainingSession,
)

__all__ = [
    "AgendaItem",
    "Assignment",
    "Base",
    "Block",
    "Certification",
    "Course",
    "CourseRequirement",
    "FollowUp",
    "Household",
    "KnownVehicle",
    "Meeting",
    "MeetingAttendance",
    "Member",
    "MemberUnavailability",
    "Observation",
    "PatrolLog",
    "PatrolLogEntry",
    "PersonDescriptor",
    "PhoneTreeDrill",
    "PhoneTreeDrillContact",
    "PhoneTreeEntry",
    "RequiredCourse",
    "SeriesException",
    "Shift",
    "ShiftSeries",
    "TrainingAttendance",
    "TrainingSession",
    "VacationWindow",
    "VehicleDescriptor",
    "WatchGroup",
]

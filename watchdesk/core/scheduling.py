"""Patrol scheduling rules: who may take a shift, what is in conflict, where the gaps are,
how to fill them fairly, and how many hours volunteers gave.

Everything here works on plain values loaded by the services, so the rules are tested without
Qt or a database. Times are UTC-aware datetimes; dates are the group's local dates.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import ASSIGNMENT_STATUSES, AssignmentStatus
from watchdesk.core.words import count

_S = AssignmentStatus

# A shift longer than this, or one that ends the next morning, is asked about before saving:
# a slip of AM/PM makes a 2-hour patrol a 14-hour one.
LONG_SHIFT_HOURS = 12


@dataclass(frozen=True)
class ShiftLength:
    """How long a shift from ``start`` to ``end`` (wall-clock times) lasts."""

    minutes: int
    next_morning: bool  # the end is earlier than the start: it ends the next day

    def text(self) -> str:
        """ "22 hours", "1 hour 30 minutes", "45 minutes"."""
        hours, minutes = divmod(self.minutes, 60)
        parts = [count(hours, "hour")] if hours else []
        if minutes or not hours:
            parts.append(count(minutes, "minute"))
        return " ".join(parts)


def shift_length(start: dt.time, end: dt.time) -> ShiftLength:
    """The length of a shift given by its wall-clock times (an earlier end is the next day)."""
    first = start.hour * 60 + start.minute
    last = end.hour * 60 + end.minute
    return ShiftLength((last - first) % (24 * 60), last < first)


def shift_length_question(start: dt.time, end: dt.time) -> str | None:
    """What to ask before saving a shift that ends the next morning or lasts more than
    ``LONG_SHIFT_HOURS``; None when its length is unremarkable."""
    length = shift_length(start, end)
    if length.next_morning:
        return f"Ends the next morning: {length.text()} — is that right?"
    if length.minutes > LONG_SHIFT_HOURS * 60:
        return f"Lasts {length.text()} — is that right?"
    return None


def is_no_show(status: str) -> bool:
    """The one no-show rule: an assignment is a no-show when, and only when, its status says so
    (a coordinator pressed No-show in the patrol log, once the member was scheduled, confirmed
    or checked in). Time plays no part: a shift that has ended with its members still
    scheduled or confirmed was not checked in by the coordinator, which is common and says
    nothing about whether they patrolled, so they still count as having held it (coverage,
    staffing) but not as hours given (only completed assignments are hours).

    A no-show releases the member: the assignment no longer holds them to the shift, so it
    is not a booking, does not count towards staffing, leaves the member free for another
    shift at that time and is left out of their calendar feed. It stays as history."""
    return status == _S.NO_SHOW


def holds_shift(status: str) -> bool:
    """Whether an assignment with ``status`` holds its member to the shift (not a no-show)."""
    return not is_no_show(status)


# Assignment statuses that no longer hold the member to the shift (for SQL: ``status NOT IN
# RELEASED``); derived from :func:`is_no_show`, the rule.
RELEASED: frozenset[str] = frozenset(s for s in AssignmentStatus if is_no_show(s))
# Nothing has happened yet: the member may still be taken off the shift or swap it.
PENDING: frozenset[str] = frozenset({_S.SCHEDULED, _S.CONFIRMED})
# The shift happened (or was missed) for this member: history, never rewritten.
HISTORY: frozenset[str] = frozenset(AssignmentStatus) - PENDING
# Out on patrol or back from it: the patrol log's clock runs.
ON_PATROL: frozenset[str] = frozenset({_S.CHECKED_IN, _S.COMPLETED})

# Where an assignment may go next. Corrections of a wrong click go through undo.
TRANSITIONS: dict[str, frozenset[str]] = {
    _S.SCHEDULED: frozenset({_S.CONFIRMED, _S.CHECKED_IN, _S.NO_SHOW}),
    _S.CONFIRMED: frozenset({_S.SCHEDULED, _S.CHECKED_IN, _S.NO_SHOW}),
    _S.CHECKED_IN: frozenset({_S.COMPLETED, _S.NO_SHOW}),
    _S.COMPLETED: frozenset(),
    _S.NO_SHOW: frozenset(),
}


class StaffingState(StrEnum):
    EMPTY = "empty"
    UNDERSTAFFED = "understaffed"
    FULL = "full"


class ProblemKind(StrEnum):
    """What speaks against a member taking a shift."""

    INACTIVE = "inactive"
    OVERLAP = "overlap"
    VACATION = "vacation"  # their household is away
    UNAVAILABLE = "unavailable"  # they said they cannot patrol
    TRAINING = "training"


def check_transition(current: str, new: str) -> None:
    """Refuse a status change the workflow does not allow, saying why."""
    if new not in ASSIGNMENT_STATUSES:
        raise ValidationError.single("status", f"unknown status {new!r}")
    if new not in TRANSITIONS[current]:
        raise ValidationError.single(
            "status",
            f"cannot go from {ASSIGNMENT_STATUSES[current]} to {ASSIGNMENT_STATUSES[new]}",
        )


def staffing_state(assigned: int, minimum: int) -> StaffingState:
    """Empty, understaffed (below the minimum) or full (at or above it)."""
    if assigned >= minimum:
        return StaffingState.FULL
    return StaffingState.EMPTY if assigned == 0 else StaffingState.UNDERSTAFFED


@dataclass(frozen=True)
class Away:
    """Dates a member cannot patrol: their household's vacation, or marked unavailable."""

    starts_on: dt.date
    ends_on: dt.date
    kind: str  # ProblemKind.VACATION or ProblemKind.UNAVAILABLE
    reason: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Certificate:
    course_id: int
    completed_on: dt.date
    expires_on: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return self.completed_on <= day and (self.expires_on is None or day <= self.expires_on)


class MemberFacts(NamedTuple):
    member_id: int
    name: str
    active: bool = True
    block_id: int | None = None
    away: tuple[Away, ...] = ()
    certificates: tuple[Certificate, ...] = ()

    def held(self, course_id: int) -> tuple[Certificate, ...]:
        """The member's certificates of one course."""
        return tuple(c for c in self.certificates if c.course_id == course_id)


class ShiftFacts(NamedTuple):
    # Named tuples rather than dataclasses: a year's check builds a hundred thousand of each.
    shift_id: int | None  # None: a shift being drafted
    local_date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    minimum: int = 2
    maximum: int = 2
    block_id: int | None = None
    # course id -> title
    required: Mapping[int, str] = MappingProxyType({})
    cancelled: bool = False

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class Booking(NamedTuple):
    """A member held to a shift (no-shows are not bookings: see :func:`is_no_show`)."""

    member_id: int
    shift_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    override_reason: str | None = None


@dataclass(frozen=True)
class Problem:
    kind: str  # a ProblemKind
    message: str
    # Hard problems cannot be overridden: nobody patrols two places at once.
    hard: bool = False


def course_problem(title: str, held: Sequence[Certificate], day: dt.date) -> Problem | None:
    """Why a member holding ``held`` certificates of one course may not rely on it on ``day``."""
    if any(c.valid_on(day) for c in held):
        return None
    lapsed = [c.expires_on for c in held if c.expires_on is not None and c.expires_on < day]
    if lapsed:
        message = f"{title} expired on {max(lapsed).isoformat()}"
    elif held:
        message = f"{title} not completed until {min(c.completed_on for c in held)}"
    else:
        message = f"{title} not completed"
    return Problem(ProblemKind.TRAINING, message)


def training_problems(member: MemberFacts, shift: ShiftFacts) -> list[Problem]:
    """One problem per required course that is not current on the shift's date."""
    found = (
        course_problem(title, member.held(course_id), shift.local_date)
        for course_id, title in sorted(shift.required.items(), key=lambda item: item[1])
    )
    return [problem for problem in found if problem is not None]


class CourseStanding:
    """A member's standing in one course over time. It only changes on the days a certificate
    starts or lapses, so each stretch between those days gets its problem worked out once and
    any day is looked up by bisection (a year's check asks about hundreds of thousands)."""

    def __init__(self, title: str, held: Sequence[Certificate]) -> None:
        changes = {c.completed_on for c in held}
        changes |= {c.expires_on + _DAY for c in held if c.expires_on and c.expires_on < _LAST}
        self.changes = sorted(changes)
        self.problems = [course_problem(title, held, day) for day in (dt.date.min, *self.changes)]

    def on(self, day: dt.date) -> Problem | None:
        return self.problems[bisect_right(self.changes, day)]


_DAY = dt.timedelta(days=1)
_LAST = dt.date.max - _DAY


def availability_problems(member: MemberFacts, shift: ShiftFacts) -> list[Problem]:
    problems = []
    if not member.active:
        problems.append(Problem(ProblemKind.INACTIVE, f"{member.name} is inactive", hard=True))
    for away in member.away:
        if away.covers(shift.local_date):
            what = "on vacation" if away.kind == ProblemKind.VACATION else "unavailable"
            reason = f" ({away.reason})" if away.reason else ""
            problems.append(
                Problem(
                    away.kind,
                    f"{what} {away.starts_on.isoformat()} to {away.ends_on.isoformat()}{reason}",
                )
            )
    return problems


def overlap_problems(
    member_id: int, shift: ShiftFacts, bookings: Iterable[Booking], describe: Mapping[int, str]
) -> list[Problem]:
    """The member's other bookings that overlap this shift in time."""
    problems = []
    for booking in bookings:
        if booking.member_id != member_id or booking.shift_id == shift.shift_id:
            continue
        if booking.starts_at < shift.ends_at and shift.starts_at < booking.ends_at:
            where = describe.get(booking.shift_id, "another shift")
            problems.append(Problem(ProblemKind.OVERLAP, f"already on {where}", hard=True))
    return problems


def assignment_problems(
    member: MemberFacts,
    shift: ShiftFacts,
    bookings: Iterable[Booking],
    describe: Mapping[int, str] | None = None,
) -> list[Problem]:
    """Everything that speaks against putting ``member`` on ``shift``, hard problems first."""
    problems = (
        availability_problems(member, shift)
        + overlap_problems(member.member_id, shift, bookings, describe or {})
        + training_problems(member, shift)
    )
    return sorted(problems, key=lambda p: not p.hard)


_OVERLAP = Problem(ProblemKind.OVERLAP, "overlaps another of their shifts", hard=True)


class Conflict(NamedTuple):
    shift_id: int
    member_id: int
    problem: Problem


def find_conflicts(
    shifts: Mapping[int, ShiftFacts],
    bookings: Sequence[Booking],
    members: Mapping[int, MemberFacts],
) -> list[Conflict]:
    """Every booking in trouble: overlapping another, on a day away, an inactive member, or
    training lapsed. Problems a coordinator overrode (recorded with a reason) are not repeated.
    Overlaps are found with one sweep per member over bookings sorted by start."""
    conflicts: list[Conflict] = []
    by_member: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        by_member[booking.member_id].append(booking)
    standings: dict[tuple[str, tuple[Certificate, ...]], CourseStanding] = {}
    for member_id, held in by_member.items():
        held.sort(key=lambda b: b.starts_at)
        conflicts += _overlaps(member_id, held, shifts)
        member = members.get(member_id)
        if member is None:
            continue
        for booking in held:
            shift = shifts.get(booking.shift_id)
            if shift is None or shift.cancelled:
                continue
            if member.away or not member.active:
                for away in availability_problems(member, shift):
                    if away.hard or booking.override_reason is None:
                        conflicts.append(Conflict(booking.shift_id, member_id, away))
            if booking.override_reason is not None or not shift.required:
                continue
            for course_id, title in _by_title(shift.required):
                held_course = member.held(course_id)
                # Members with the same certificates (often none) share a standing.
                standing = standings.get((title, held_course))
                if standing is None:
                    standing = standings[title, held_course] = CourseStanding(title, held_course)
                lapse = standing.on(shift.local_date)
                if lapse is not None:
                    conflicts.append(Conflict(booking.shift_id, member_id, lapse))
    return conflicts


def _overlaps(
    member_id: int, held: Sequence[Booking], shifts: Mapping[int, ShiftFacts]
) -> list[Conflict]:
    """Shifts of one member's bookings (sorted by start) that overlap another of them."""
    clashing: dict[int, None] = {}  # insertion-ordered set
    latest: Booking | None = None
    for booking in held:
        if latest is not None and booking.starts_at < latest.ends_at:
            clashing[booking.shift_id] = None
            clashing[latest.shift_id] = None
        if latest is None or booking.ends_at > latest.ends_at:
            latest = booking
    return [Conflict(i, member_id, _OVERLAP) for i in clashing if i in shifts]


def _by_title(required: Mapping[int, str]) -> Iterable[tuple[int, str]]:
    items = required.items()
    return sorted(items, key=lambda item: item[1]) if len(items) > 1 else items


@dataclass(frozen=True)
class Staffing:
    shift: ShiftFacts
    member_ids: tuple[int, ...]

    @property
    def needed(self) -> int:
        return max(0, self.shift.minimum - len(self.member_ids))

    @property
    def state(self) -> StaffingState:
        return staffing_state(len(self.member_ids), self.shift.minimum)


def coverage_gaps(staffing: Iterable[Staffing]) -> list[Staffing]:
    """Shifts below their minimum staffing (cancelled ones do not count), earliest first."""
    gaps = [s for s in staffing if s.needed > 0 and not s.shift.cancelled]
    return sorted(gaps, key=lambda s: (s.shift.starts_at, s.shift.shift_id or 0))


@dataclass(frozen=True)
class Suggestion:
    shift_id: int
    member_id: int


class _Pool:
    """Candidates grouped by hours given so far, then by block, each group in name order, so
    the least-loaded member is found without sorting everyone for every gap."""

    def __init__(self, candidates: Sequence[MemberFacts], hours: Mapping[int, float]) -> None:
        ordered = sorted(candidates, key=lambda m: (m.name, m.member_id))
        self.rank = {m.member_id: i for i, m in enumerate(ordered)}
        self.block = {m.member_id: m.block_id for m in ordered}
        self.hours = {m.member_id: round(hours.get(m.member_id, 0.0), 4) for m in ordered}
        self.buckets: dict[float, dict[int | None, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for member in ordered:
            self.buckets[self.hours[member.member_id]][member.block_id].append(member.member_id)

    def in_order(self, block_id: int | None) -> Iterator[int]:
        """Fewest hours first; within equal hours, the shift's own block first. (Read it to
        the end or drop it before calling :meth:`add_hours`.)"""
        for level in sorted(self.buckets):
            by_block = self.buckets[level]
            yield from by_block.get(block_id, [])
            for block, ids in by_block.items():
                if block != block_id:
                    yield from ids

    def add_hours(self, member_id: int, hours: float) -> None:
        old = self.hours[member_id]
        block = self.block[member_id]
        self.buckets[old][block].remove(member_id)
        if not self.buckets[old][block]:
            del self.buckets[old][block]
        if not self.buckets[old]:
            del self.buckets[old]
        new = self.hours[member_id] = round(old + hours, 4)
        row = self.buckets[new][block]
        ranks = [self.rank[m] for m in row]
        row.insert(bisect_left(ranks, self.rank[member_id]), member_id)


def suggest_fill(
    gaps: Sequence[Staffing],
    candidates: Sequence[MemberFacts],
    bookings: Sequence[Booking],
    hours_so_far: Mapping[int, float],
) -> list[Suggestion]:
    """Fill each gap with members who may take it, always choosing whoever has given the
    fewest hours in the period so far (then someone from the shift's own block), so hours are
    spread fairly. Suggestions are checked against each other as well as existing bookings."""
    facts = {m.member_id: m for m in candidates}
    pool = _Pool(candidates, hours_so_far)
    held: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        held[booking.member_id].append(booking)
    suggestions: list[Suggestion] = []
    for gap in coverage_gaps(gaps):
        shift = gap.shift
        assert shift.shift_id is not None
        chosen: list[int] = []
        for member_id in pool.in_order(shift.block_id):
            if len(chosen) == gap.needed:
                break
            if member_id in gap.member_ids:
                continue
            if not assignment_problems(facts[member_id], shift, held[member_id]):
                chosen.append(member_id)
        for member_id in chosen:
            suggestions.append(Suggestion(shift.shift_id, member_id))
            pool.add_hours(member_id, shift.hours)
            held[member_id].append(
                Booking(member_id, shift.shift_id, shift.starts_at, shift.ends_at)
            )
    return suggestions


def worked_hours(
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actual_start: dt.datetime | None = None,
    actual_end: dt.datetime | None = None,
) -> float:
    """Hours given on a completed shift: the patrol log's actual times when both are recorded,
    otherwise the scheduled times."""
    if actual_start is not None and actual_end is not None and actual_end > actual_start:
        starts_at, ends_at = actual_start, actual_end
    return round((ends_at - starts_at).total_seconds() / 3600, 2)

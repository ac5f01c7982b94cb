"""The facts of a precinct activity report: every figure, chart series and table row for a
period, read in one read transaction and redacted here (not in the layout), so the PDF can only
print what may leave the laptop.

Definitions (the report states them too):
- The period is local dates [first, last] in the group's time zone; the previous period is the
  same number of days just before it.
- Reported to police: an observation whose police contact is not "none".
- Open follow-ups: follow-ups not done, on the period's observations.
- Shifts held: shifts of the period not cancelled that had started when the report was made;
  covered: held shifts booked to their minimum (no-shows do not count).
- Volunteer hours: completed assignments of the period's shifts, the patrol log's actual times
  where recorded.
- Training compliance: active members who need a course and have every required one current.

Across groups (a liaison's file, "All groups"): each group's facts are found as above, in its own
time zone, and the report adds them up; the table's rows carry their group.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchdesk.core import dates
from watchdesk.core.geo import coarsen, hundred_block
from watchdesk.core.names import spoken_name
from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.core.vocabulary import (
    MEMBER_ROLES,
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    TRAINING_STATUSES,
    MemberStatus,
    PoliceContact,
    TrainingStatus,
    label,
)
from watchdesk.db.models import (
    Block,
    FollowUp,
    Member,
    Observation,
    WatchGroup,
)
from watchdesk.services._common import get_or_raise
from watchdesk.services.compliance import compliance_rows
from watchdesk.services.observation_search import ObservationFilter, conditions
from watchdesk.services.patrol_log import worked_shifts
from watchdesk.services.schedule import check_window
from watchdesk.services.schedule_facts import block_names


class Redaction(StrEnum):
    """How much of the members and reporters a precinct report leaves out."""

    STANDARD = "standard"  # names only with consent, addresses to the hundred block
    NONE = "none"  # everything, for the group's own use


REDACTIONS = tuple(Redaction)
DESCRIPTION_CHARS = 90
MAP_SNAP_M = 5


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        return Period(self.first - dt.timedelta(days=self.days), self.first - dt.timedelta(days=1))

    def describe(self) -> str:
        return dates.period(self.first, self.last)


@dataclass(frozen=True)
class GroupDetails:
    name: str
    watch_number: str
    precinct: str
    beat: str
    liaison: str  # name and badge
    timezone: str
    share_precision_m: int


class ObservationLine(NamedTuple):
    """One row of the table, already redacted and shortened."""

    day: str  # "Nov 07"
    time: str  # "21:40"
    category: str
    place: str
    description: str
    reported_by: str
    case_number: str
    status: str
    group: str = ""  # the watch group's name, for a report across groups


@dataclass(frozen=True)
class UncoveredShift:
    day: dt.date
    time: str
    place: str
    booked: int
    minimum: int


@dataclass(frozen=True)
class BlockPatrol:
    block: str
    shifts: int
    uncovered: int
    hours: float


@dataclass(frozen=True)
class TrainingProblem:
    who: str  # a name where consented, else the role
    block: str
    course: str
    status: str


@dataclass
class PrecinctFacts:
    group: GroupDetails
    period: Period
    redaction: str
    generated_at: dt.datetime
    observations: int = 0
    previous_observations: int = 0
    reported_to_police: int = 0
    with_case_number: int = 0
    open_follow_ups: int = 0
    by_category: list[tuple[str, int]] = field(default_factory=list)  # label, count
    by_week: list[tuple[dt.date, int]] = field(default_factory=list)  # Monday, count
    when: list[list[int]] = field(default_factory=lambda: [[0] * 24 for _ in range(7)])
    # How many observations at each (latitude, longitude, category code) of the map: shared
    # copies at the sharing precision, internal ones at MAP_SNAP_M (finer than a drawn dot).
    spots: Counter[tuple[float, float, str]] = field(default_factory=Counter)
    outlines: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    shifts_held: int = 0
    shifts_covered: int = 0
    uncovered: list[UncoveredShift] = field(default_factory=list)
    volunteer_hours: float = 0.0
    by_block: list[BlockPatrol] = field(default_factory=list)
    active_members: int = 0
    needing_training: int = 0
    trained: int = 0
    training_problems: list[TrainingProblem] = field(default_factory=list)
    # Across groups: each group's own facts, and these are their sums (``group`` describes all).
    parts: list[PrecinctFacts] = field(default_factory=list)

    @property
    def change(self) -> int:
        return self.observations - self.previous_observations

    @property
    def coverage_percent(self) -> float | None:
        if not self.shifts_held:
            return None
        return 100.0 * self.shifts_covered / self.shifts_held

    @property
    def training_percent(self) -> float | None:
        if not self.needing_training:
            return None
        return 100.0 * self.trained / self.needing_training

    @property
    def redacted(self) -> bool:
        return self.redaction != Redaction.NONE


def precinct_facts(
    session: Session,
    group_id: int | None,
    period: Period,
    now: dt.datetime,
    redaction: str = Redaction.STANDARD,
    progress: Progress | None = None,
) -> PrecinctFacts:
    """The group's facts; ``group_id`` None: every group's, added up (see the module)."""
    if redaction not in REDACTIONS:
        raise ValueError(f"redaction must be one of {', '.join(REDACTIONS)}")
    progress = progress or SilentProgress()
    if group_id is not None:
        return _group_facts(session, group_id, period, now, redaction, progress)
    groups = session.execute(
        select(WatchGroup.id, WatchGroup.name).order_by(
            WatchGroup.is_local.desc(), WatchGroup.name, WatchGroup.id
        )
    ).all()
    parts = [
        _group_facts(
            session, each, period, now, redaction, _GroupShare(progress, n, len(groups), name)
        )
        for n, (each, name) in enumerate(groups)
    ]
    return parts[0] if len(parts) == 1 else _added_up(parts, period, redaction, now)


class _GroupShare:
    """Progress of one group's facts within all groups': the bar moves a group at a time."""

    def __init__(self, whole: Progress, index: int, count: int, name: str) -> None:
        self.whole, self.index, self.count, self.name = whole, index, count, name

    def report(self, done: int, total: int, message: str = "") -> None:
        self.whole.report(self.index, self.count, f"{self.name}: {message}")

    def check_cancelled(self) -> None:
        self.whole.check_cancelled()


def _group_facts(
    session: Session,
    group_id: int,
    period: Period,
    now: dt.datetime,
    redaction: str,
    progress: Progress,
) -> PrecinctFacts:
    group = get_or_raise(session, WatchGroup, group_id, "watch group")
    facts = PrecinctFacts(_details(group), period, redaction, now)
    time_zone = ZoneInfo(group.timezone)
    progress.report(0, 4, "Counting observations")
    _observation_figures(session, group_id, facts)
    progress.check_cancelled()
    progress.report(1, 4, "Observations by week, hour and place")
    _observation_spread(session, group_id, facts, time_zone, progress)
    progress.report(2, 4, "Patrols")
    _patrol_figures(session, group_id, facts)
    progress.check_cancelled()
    progress.report(3, 4, "Training")
    _training_figures(session, group_id, facts, now.astimezone(time_zone).date())
    return facts


# Figures of every group that add up across groups.
_SUMMED = (
    "observations",
    "previous_observations",
    "reported_to_police",
    "with_case_number",
    "open_follow_ups",
    "shifts_held",
    "shifts_covered",
    "active_members",
    "needing_training",
    "trained",
)


def _in_category_order(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """(label, count) in the vocabulary's order of categories; unknown labels last."""
    order = [label(OBSERVATION_CATEGORIES, code) for code in OBSERVATION_CATEGORIES]
    return sorted(counts, key=lambda item: order.index(item[0]) if item[0] in order else len(order))


def _added_up(
    parts: list[PrecinctFacts], period: Period, redaction: str, now: dt.datetime
) -> PrecinctFacts:
    """Every group's facts added up. Per-block tables, uncovered shifts and training problems
    stay with their group (block names are each group's own)."""

    def joined(values: Iterable[str]) -> str:
        return ", ".join(dict.fromkeys(v for v in values if v))

    details = GroupDetails(
        name="All watch groups",
        watch_number=joined(p.group.watch_number for p in parts),
        precinct=joined(p.group.precinct for p in parts),
        beat=joined(p.group.beat for p in parts),
        liaison=joined(p.group.liaison for p in parts),
        timezone="",  # each part counts in its own
        share_precision_m=max((p.group.share_precision_m for p in parts), default=0),
    )
    total = PrecinctFacts(details, period, redaction, now, parts=parts)
    for name in _SUMMED:
        setattr(total, name, sum(getattr(p, name) for p in parts))
    total.volunteer_hours = round(sum(p.volunteer_hours for p in parts), 2)
    categories: Counter[str] = Counter()
    weeks: Counter[dt.date] = Counter()
    for part in parts:
        categories.update(dict(part.by_category))
        weeks.update(dict(part.by_week))
        total.spots.update(part.spots)
        total.outlines += part.outlines
        for day, hours in enumerate(part.when):
            for hour, n in enumerate(hours):
                total.when[day][hour] += n
    total.by_category = _in_category_order(categories.items())
    total.by_week = sorted(weeks.items())
    return total


def _details(group: WatchGroup) -> GroupDetails:
    liaison = group.liaison_name or ""
    if liaison and group.liaison_badge:
        liaison += f" (badge {group.liaison_badge})"
    return GroupDetails(
        group.name,
        group.watch_number or "",
        group.precinct or "",
        group.beat or "",
        liaison,
        group.timezone,
        group.share_precision_m,
    )


def _in_period(session: Session, group_id: int | None, period: Period) -> list[Any]:
    """The WHERE conditions of the period's observations (the Observations page's own filter)."""
    return conditions(session, group_id, ObservationFilter(first=period.first, last=period.last))


def _observation_figures(session: Session, group_id: int, facts: PrecinctFacts) -> None:
    def count(period: Period, *more: Any) -> int:
        where = _in_period(session, group_id, period)
        query = select(func.count()).select_from(Observation).where(*where, *more)
        return session.scalar(query) or 0

    facts.observations = count(facts.period)
    facts.previous_observations = count(facts.period.previous())
    facts.reported_to_police = count(facts.period, Observation.police_contact != PoliceContact.NONE)
    where = _in_period(session, group_id, facts.period)
    facts.open_follow_ups = (
        session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .join(Observation, Observation.id == FollowUp.observation_id)
            .where(*where, FollowUp.done_on.is_(None))
        )
        or 0
    )
    categories = session.execute(
        select(Observation.category, func.count()).where(*where).group_by(Observation.category)
    ).all()
    facts.by_category = _in_category_order(
        (label(OBSERVATION_CATEGORIES, code), n) for code, n in categories
    )
    facts.outlines = [
        (name, json.loads(boundary or "null"))
        for name, boundary in session.execute(
            select(Block.name, Block.boundary_geojson)
            .where(Block.group_id == group_id, Block.boundary_geojson.is_not(None))
            .order_by(Block.name)
        )
    ]


def _reporter(role: str | None, named: bool, name: str, redacted: bool) -> str:
    if role is None:
        return "Anonymous"
    if named or not redacted:
        return name
    return label(MEMBER_ROLES, role)


def _shorten(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= DESCRIPTION_CHARS else flat[: DESCRIPTION_CHARS - 1] + "…"


def _observation_spread(
    session: Session, group_id: int, facts: PrecinctFacts, time_zone: ZoneInfo, progress: Progress
) -> None:
    """Counts by week, by weekday and hour (local time), by map spot, and those with a case
    number, in one pass over the period's observations (streamed: a year of a large group is a
    million rows)."""
    where = _in_period(session, group_id, facts.period)
    query = select(
        Observation.occurred_at,
        Observation.category,
        Observation.latitude,
        Observation.longitude,
        Observation.case_number.is_not(None),
    ).where(*where)
    weeks: Counter[dt.date] = Counter()
    precision = facts.group.share_precision_m if facts.redacted else MAP_SNAP_M
    total = max(facts.observations, 1)
    rows = session.execute(query.execution_options(yield_per=20_000))
    for done, (occurred, category, lat, lon, has_case) in enumerate(rows):
        if done % 50_000 == 0:
            progress.check_cancelled()
            progress.report(done, total, "Observations by week, hour and place")
        local = occurred.astimezone(time_zone)
        day = local.date()
        weeks[day - dt.timedelta(days=day.weekday())] += 1
        facts.when[day.weekday()][local.hour] += 1
        facts.with_case_number += has_case
        if lat is not None and lon is not None:
            facts.spots[(*coarsen(lat, lon, precision), category)] += 1
    monday = facts.period.first - dt.timedelta(days=facts.period.first.weekday())
    while monday <= facts.period.last:
        facts.by_week.append((monday, weeks[monday]))
        monday += dt.timedelta(days=7)


def observation_lines(
    session: Session, group_id: int | None, period: Period, redaction: str = Redaction.STANDARD
) -> Iterator[ObservationLine]:
    """The table's rows in time order, redacted, read in batches as the pages are laid out
    (run inside the read transaction of the figures, so both see the same data). ``group_id``
    None: every group's, each at its own local time."""
    if group_id is not None:
        get_or_raise(session, WatchGroup, group_id, "watch group")  # a clear error if gone
    found = session.execute(select(WatchGroup.id, WatchGroup.name, WatchGroup.timezone)).all()
    short = short_names([name for _id, name, _tz in found])
    groups = {each: (short[name], ZoneInfo(timezone)) for each, name, timezone in found}
    redacted = redaction != Redaction.NONE
    query = (
        select(
            Observation.occurred_at,
            Observation.category,
            Observation.address_text,
            Block.name,
            Observation.description,
            Observation.case_number,
            Observation.status,
            Member.role,
            Member.consent_named_in_reports,
            Member.given_name,
            Member.family_name,
            Member.preferred_name,
            Observation.group_id,
        )
        .outerjoin(Block, Block.id == Observation.block_id)
        .outerjoin(Member, Member.id == Observation.reporter_member_id)
        .where(*_in_period(session, group_id, period))
        .order_by(Observation.occurred_at, Observation.id)
    )
    for row in session.execute(query.execution_options(yield_per=5_000)):
        (occurred, category, address, block, description, case, status) = row[:7]
        role, named, given, family, preferred, owner = row[7:]
        group_name, time_zone = groups[owner]
        local = occurred.astimezone(time_zone)
        place = address or ""
        if redacted and place:
            place = hundred_block(place)
        yield ObservationLine(
            dates.day_month(local.date()),
            dates.clock(local.time()),
            label(OBSERVATION_CATEGORIES, category),
            place or block or "",
            _shorten(description),
            _reporter(role, named, spoken_name(given or "", family or "", preferred), redacted),
            case or "",
            label(OBSERVATION_STATUSES, status),
            group_name,
        )


def short_names(names: Sequence[str]) -> dict[str, str]:
    """Each name without the words every name ends with ("… Neighborhood Watch"), so a narrow
    column says "Lents Park"; names stay whole when that would leave one empty."""
    words = [name.split() for name in names]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[-1 - common] for w in words}) == 1:
        common += 1
    if len(names) < 2 or common == 0:
        return {name: name for name in names}
    return {name: " ".join(w[:-common]) for name, w in zip(names, words, strict=True)}


def _patrol_figures(session: Session, group_id: int, facts: PrecinctFacts) -> None:
    period, now = facts.period, facts.generated_at
    check = check_window(session, group_id, period.first, period.last)
    gap_ids = {card.id for card in check.gaps}
    time_zone = ZoneInfo(facts.group.timezone)
    held = [c for c in check.cards if not c.cancelled and c.starts_at <= now]
    facts.shifts_held = len(held)
    facts.shifts_covered = sum(1 for c in held if c.id not in gap_ids)
    blocks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for card in held:
        counts = blocks[card.place or "No block"]
        counts[0] += 1
        if card.id in gap_ids:
            counts[1] += 1
            facts.uncovered.append(
                UncoveredShift(
                    card.local_date,
                    dates.time_range(card.starts_at, card.ends_at, time_zone),
                    card.place,
                    len(card.names),
                    card.minimum,
                )
            )
    names = block_names(session, group_id)
    hours: dict[str, float] = defaultdict(float)
    for worked in worked_shifts(session, group_id, period.first, period.last):
        block_id, route = worked.block_id, worked.route
        place = names.get(block_id, "") if block_id is not None else route or ""
        hours[place or "No block"] += worked.hours
    facts.volunteer_hours = round(sum(hours.values()), 2)
    for name in sorted(set(blocks) | set(hours)):
        shifts, uncovered = blocks.get(name, [0, 0])
        facts.by_block.append(BlockPatrol(name, shifts, uncovered, round(hours[name], 2)))


def _training_figures(
    session: Session, group_id: int, facts: PrecinctFacts, today: dt.date
) -> None:
    facts.active_members = (
        session.scalar(
            select(func.count()).where(
                Member.group_id == group_id, Member.status == MemberStatus.ACTIVE
            )
        )
        or 0
    )
    rows = compliance_rows(session, group_id, today)
    members: dict[int, bool] = {}
    for row in rows:
        current = row.status in (TrainingStatus.CURRENT, TrainingStatus.EXPIRING)
        members[row.member_id] = members.get(row.member_id, True) and current
        if row.status in (TrainingStatus.EXPIRED, TrainingStatus.MISSING):
            named = row.consent_named_in_reports or not facts.redacted
            who = row.member_name if named else label(MEMBER_ROLES, row.role)
            facts.training_problems.append(
                TrainingProblem(
                    who,
                    row.block_name or "",
                    row.course_title,
                    label(TRAINING_STATUSES, row.status),
                )
            )
    facts.needing_training = len(members)
    facts.trained = sum(members.values())

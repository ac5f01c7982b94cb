"""Build a whole demo watch group and write it with Core ``executemany`` in one transaction.

Rows are generated in Python with explicit integer ids (the database must be empty), so
children can point at parents without a round trip per record. ORM ``add_all`` would be
about 30 times slower for the large size (see docs/pitfalls.md).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert, select, text

from watchdesk.core.identity import uuid7
from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.core.recurrence import expand_weekly, weekday_mask
from watchdesk.core.training import add_months, expiry_date
from watchdesk.db.models import Base
from watchdesk.services.demo import vocab
from watchdesk.services.errors import ConflictError

Row = dict[str, Any]

TIMEZONE = "America/Los_Angeles"
# South-east Portland, Oregon: a real street grid, so map tiles line up with the blocks.
ORIGIN_LAT, ORIGIN_LON = 45.5150, -122.6420
BLOCK_DLAT, BLOCK_DLON = 0.0009, 0.0013  # about 100 m each way
BATCH = 20_000


@dataclass(frozen=True)
class DemoSize:
    block_columns: int
    block_rows: int
    households: int
    observations: int
    # Nights a week each block is patrolled (small: one; large: every night).
    patrol_nights_per_block: int


DEMO_SIZES = {
    "small": DemoSize(
        block_columns=4, block_rows=2, households=60, observations=1_000, patrol_nights_per_block=1
    ),
    "large": DemoSize(
        block_columns=25,
        block_rows=10,
        households=2_500,
        observations=1_000_000,
        patrol_nights_per_block=7,
    ),
}

CATEGORY_WEIGHTS = {
    "suspicious_person": 18,
    "suspicious_vehicle": 16,
    "burglary": 6,
    "theft": 14,
    "vandalism": 10,
    "drugs": 4,
    "disturbance": 10,
    "traffic": 10,
    "hazard": 8,
    "other": 4,
}
# Hours of the day by weight: most suspicious activity is reported in the evening and night.
EVENING_HOURS = [1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 6, 5, 3]
DAYTIME_HOURS = [0, 0, 0, 0, 0, 0, 1, 3, 5, 4, 3, 3, 3, 3, 4, 5, 5, 4, 3, 2, 1, 1, 0, 0]
WEEKDAY_WEIGHTS = [10, 10, 10, 11, 14, 16, 12]


@dataclass
class _Tables:
    """Rows waiting to be written, in dependency order."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> int:
        bucket = self.rows.setdefault(table, [])
        row.setdefault("id", len(bucket) + 1)
        bucket.append(row)
        return int(row["id"])


def ordinal(number: int) -> str:
    """30 -> '30th', 31 -> '31st', 32 -> '32nd', 113 -> '113th'."""
    if 11 <= number % 100 <= 13:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


class _Generator:
    def __init__(self, size: DemoSize, seed: int, today: dt.date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.today = today
        self.time_zone = ZoneInfo(TIMEZONE)
        self.now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=self.time_zone).astimezone(
            dt.UTC
        )
        self.start = today - dt.timedelta(days=365)
        self.t = _Tables()
        self.stamp = self.now

    # -- helpers ---------------------------------------------------------------------------
    def uid(self, moment: dt.datetime | None = None) -> str:
        when = moment or self.stamp
        return uuid7(int(when.timestamp() * 1000), self.rng.getrandbits(74))

    def record(self, when: dt.datetime | None = None, **values: Any) -> Row:
        moment = when or self.stamp
        return {
            "uuid": self.uid(moment),
            "created_at": moment,
            "updated_at": moment,
            "group_id": 1,
            **values,
        }

    def local(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.time_zone).astimezone(
            dt.UTC
        )

    def phone(self) -> str:
        # 555-01xx numbers are reserved for fiction.
        return f"+1503555{self.rng.randrange(100, 200):04d}"

    # -- the group and its blocks ------------------------------------------------------------
    def group(self) -> None:
        self.t.add(
            "watch_group",
            {
                "uuid": self.uid(),
                "created_at": self.stamp,
                "updated_at": self.stamp,
                "name": "Hawthorne Heights Neighborhood Watch",
                "watch_number": "NW-2417",
                "precinct": "Southeast Precinct",
                "beat": "Beat 22",
                "liaison_name": "Officer Dana Whitfield",
                "liaison_badge": "4471",
                "liaison_phone": "+15035550100",
                "liaison_email": "dana.whitfield@example.gov",
                "non_emergency_phone": "+15035550199",
                "meeting_place": "Sunnyside Community Hall, 3520 SE Yamhill St",
                "timezone": TIMEZONE,
                "center_latitude": ORIGIN_LAT + BLOCK_DLAT,
                "center_longitude": ORIGIN_LON + BLOCK_DLON * 2,
                "share_precision_m": 100,
                "is_local": True,
            },
        )

    def block_box(self, col: int, row: int) -> tuple[float, float, float, float]:
        south = ORIGIN_LAT + row * BLOCK_DLAT
        west = ORIGIN_LON + col * BLOCK_DLON
        return south, west, south + BLOCK_DLAT, west + BLOCK_DLON

    def street(self, row: int) -> str:
        return f"SE {vocab.STREETS[row % len(vocab.STREETS)]} St"

    def avenue(self, col: int) -> int:
        return 30 + col

    def blocks(self) -> None:
        for row in range(self.size.block_rows):
            for col in range(self.size.block_columns):
                south, west, north, east = self.block_box(col, row)
                ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
                boundary = json.dumps({"type": "Polygon", "coordinates": [ring]})
                number = row * self.size.block_columns + col + 1
                self.t.add(
                    "zone",
                    self.record(
                        name=f"Block {number}: {self.street(row)}, "
                        f"{ordinal(self.avenue(col))}-{ordinal(self.avenue(col) + 1)}",
                        kind="block",
                        boundary_geojson=boundary,
                    ),
                )

    def block_at(self, lat: float, lon: float) -> int | None:
        """The block whose boundary holds the point, as ``core.geo.contains`` decides a point
        on an edge (south and west edges in): the grid cell is only the first guess."""
        col = math.floor((lon - ORIGIN_LON) / BLOCK_DLON)
        row = math.floor((lat - ORIGIN_LAT) / BLOCK_DLAT)
        for r in (row, row - 1, row + 1):
            for c in (col, col - 1, col + 1):
                if 0 <= c < self.size.block_columns and 0 <= r < self.size.block_rows:
                    south, west, north, east = self.block_box(c, r)
                    if south <= lat < north and west <= lon < east:
                        return r * self.size.block_columns + c + 1
        return None

    # -- households and people ---------------------------------------------------------------
    def households(self) -> None:
        rng = self.rng
        blocks = self.size.block_columns * self.size.block_rows
        for index in range(self.size.households):
            block = index % blocks
            col, row = block % self.size.block_columns, block // self.size.block_columns
            south, west, north, _east = self.block_box(col, row)
            on_north_side = rng.random() < 0.5
            lat = (north - BLOCK_DLAT * 0.15) if on_north_side else (south + BLOCK_DLAT * 0.15)
            lon = west + BLOCK_DLON * (0.1 + 0.8 * rng.random())
            house_number = (
                self.avenue(col) * 100 + 2 * rng.randrange(1, 49) + (0 if on_north_side else 1)
            )
            street = self.street(row + 1 if on_north_side else row)
            concerns = rng.choice(
                [
                    None,
                    None,
                    None,
                    "elderly resident living alone",
                    "children home alone after school",
                    "resident uses a wheelchair",
                ]
            )
            household_id = self.t.add(
                "household",
                self.record(
                    zone_id=block + 1,
                    address_line=f"{house_number} {street}",
                    city="Portland",
                    postal_code="97214",
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    pets=rng.choice(
                        [None, None, "dog (friendly)", "two cats", "large dog in yard"]
                    ),
                    special_concerns=concerns,
                ),
            )
            for _ in range(rng.choice([0, 1, 1, 2])):
                make, model = rng.choice(vocab.CAR_MAKES)
                self.t.add(
                    "known_vehicle",
                    self.record(
                        household_id=household_id,
                        colour=rng.choice(vocab.COLOURS),
                        make=make,
                        model=model,
                        plate=self.plate(),
                        plate_state="OR",
                    ),
                )
            if rng.random() < 0.12:
                starts = self.today + dt.timedelta(days=rng.randrange(-20, 60))
                self.t.add(
                    "vacation_window",
                    self.record(
                        household_id=household_id,
                        starts_on=starts,
                        ends_on=starts + dt.timedelta(days=rng.randrange(3, 15)),
                        check_instructions="Collect mail; check back gate is latched.",
                    ),
                )

    def email(self, given: str, family: str) -> str:
        serial = len(self.t.rows.get("member", []))
        return f"{_ascii(given)}.{_ascii(family)}{serial}@example.org"

    def plate(self) -> str:
        letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
        return f"{letters}{self.rng.randrange(100, 1000)}"

    def members(self) -> None:
        rng = self.rng
        households = self.t.rows["household"]
        captains: set[int] = set()
        for household in households:
            family = rng.choice(vocab.FAMILY_NAMES)
            for person in range(rng.choice([1, 2, 2, 2, 3])):
                given = rng.choice(vocab.GIVEN_NAMES)
                block = household["zone_id"]
                if not self.t.rows.get("member"):
                    role = "coordinator"
                elif block not in captains:
                    role = "block_captain"
                    captains.add(block)
                else:
                    role = rng.choices(["patroller", "member", "alternate"], [4, 6, 1])[0]
                joined = self.start - dt.timedelta(days=rng.randrange(0, 1500))
                self.t.add(
                    "member",
                    self.record(
                        household_id=household["id"],
                        zone_id=block,
                        given_name=given,
                        family_name=family if person < 2 else rng.choice(vocab.FAMILY_NAMES),
                        preferred_name=None,
                        role=role,
                        status="inactive" if rng.random() < 0.06 else "active",
                        joined_on=joined,
                        languages=rng.choice(
                            [
                                "English",
                                "English",
                                "English, Spanish",
                                "English, Vietnamese",
                                "English, Mandarin",
                            ]
                        ),
                        phone_mobile=self.phone(),
                        phone_home=None,
                        phone_work=None,
                        email=self.email(given, family),
                        emergency_contact_name=None,
                        emergency_contact_phone=None,
                        background_check_on=joined
                        if role in ("block_captain", "coordinator")
                        else None,
                        captain_term_ends_on=(
                            self.today + dt.timedelta(days=rng.randrange(30, 700))
                            if role == "block_captain"
                            else None
                        ),
                        notes=None,
                        consent_share_with_precinct=rng.random() < 0.6,
                        consent_phone_tree=rng.random() < 0.85,
                        consent_printed_roster=rng.random() < 0.75,
                        consent_named_in_reports=rng.random() < 0.3,
                        merged_into_id=None,
                    ),
                )
        for member in rng.sample(self.t.rows["member"], k=max(1, len(self.t.rows["member"]) // 40)):
            starts = self.today + dt.timedelta(days=rng.randrange(-10, 40))
            self.t.add(
                "member_unavailability",
                self.record(
                    member_id=member["id"],
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=rng.randrange(2, 14)),
                    reason="Travelling",
                ),
            )

    # -- training ----------------------------------------------------------------------------
    COURSES = (
        ("Patrol orientation", 24, ("patroller", "block_captain", "alternate")),
        ("Observation and reporting", 12, ("patroller", "block_captain")),
        ("CPR and first aid", 24, ()),
        ("Block captain basics", None, ("block_captain",)),
    )

    def training(self) -> None:
        rng = self.rng
        members = [m for m in self.t.rows["member"] if m["role"] != "member"]
        for index, (title, months, roles) in enumerate(self.COURSES):
            course_id = self.t.add(
                "course",
                self.record(
                    title=title,
                    validity_months=months,
                    description=f"{title} for neighbourhood-watch volunteers.",
                ),
            )
            for role in roles:
                self.t.add("course_requirement", self.record(course_id=course_id, role=role))
            # Sessions every four months over the last 28 months, and one coming up.
            for offset in range(-28, 3, 4):
                day = add_months(self.today, offset) + dt.timedelta(days=7 * index + 3)
                starts = self.local(day, 18, 30)
                session_id = self.t.add(
                    "training_session",
                    self.record(
                        course_id=course_id,
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=2),
                        location="Sunnyside Community Hall",
                        capacity=30,
                        instructor="Officer Dana Whitfield"
                        if index < 2
                        else "Red Cross instructor",
                        notes=None,
                    ),
                )
                if not members:
                    continue
                attendees = rng.sample(members, k=min(len(members), rng.randrange(6, 16)))
                for member in attendees:
                    past = day < self.today
                    status = (
                        rng.choices(["present", "absent", "excused"], [8, 1, 1])[0]
                        if past
                        else "enrolled"
                    )
                    self.t.add(
                        "training_attendance",
                        self.record(session_id=session_id, member_id=member["id"], status=status),
                    )
                    if status == "present":
                        self.t.add(
                            "certification",
                            self.record(
                                member_id=member["id"],
                                course_id=course_id,
                                session_id=session_id,
                                completed_on=day,
                                expires_on=expiry_date(day, months),
                            ),
                        )

    # -- patrols -----------------------------------------------------------------------------
    def patrols(self, progress: Progress) -> None:
        rng = self.rng
        patrollers_by_block: dict[int, list[int]] = {}
        for member in self.t.rows["member"]:
            if member["status"] == "active" and member["role"] in (
                "patroller",
                "block_captain",
                "alternate",
                "coordinator",
            ):
                patrollers_by_block.setdefault(member["zone_id"], []).append(member["id"])
        everyone = [m for ids in patrollers_by_block.values() for m in ids]
        window_end = self.today + dt.timedelta(days=56)
        blocks = self.size.block_columns * self.size.block_rows
        for block in range(1, blocks + 1):
            nights = (
                sorted(rng.sample(range(7), self.size.patrol_nights_per_block))
                if self.size.patrol_nights_per_block < 7
                else list(range(7))
            )
            late = block % 3 == 0
            start, end = (
                (dt.time(22, 0), dt.time(1, 0)) if late else (dt.time(20, 0), dt.time(23, 0))
            )
            series_id = self.t.add(
                "shift_series",
                self.record(
                    zone_id=block,
                    route=None,
                    weekdays=weekday_mask(nights),
                    start_local=start,
                    end_local=end,
                    valid_from=self.start,
                    valid_until=None,
                    min_patrollers=2,
                    max_patrollers=3,
                    vehicle=None,
                    notes=None,
                ),
            )
            # Patrollers need the orientation course (course 1) to be current.
            self.t.add(
                "required_course", self.record(series_id=series_id, shift_id=None, course_id=1)
            )
            holiday = dt.date(self.today.year - 1, 12, 25)
            exceptions = frozenset({holiday, dt.date(self.today.year, 12, 25)})
            for day in sorted(exceptions):
                if self.start <= day <= window_end and day.weekday() in nights:
                    self.t.add(
                        "series_exception",
                        self.record(series_id=series_id, on_date=day, reason="Holiday"),
                    )
            pool = patrollers_by_block.get(block) or everyone
            for occurrence in expand_weekly(
                weekday_mask(nights),
                start,
                end,
                self.start,
                None,
                self.time_zone,
                self.start,
                window_end,
                exceptions,
            ):
                shift_id = self.t.add(
                    "shift",
                    self.record(
                        series_id=series_id,
                        zone_id=block,
                        route=None,
                        local_date=occurrence.local_date,
                        starts_at=occurrence.starts_at,
                        ends_at=occurrence.ends_at,
                        min_patrollers=2,
                        max_patrollers=3,
                        vehicle=None,
                        notes=None,
                        cancelled=False,
                    ),
                )
                self.staff(shift_id, occurrence.starts_at, occurrence.ends_at, pool, everyone)
            progress.check_cancelled()

    def staff(
        self,
        shift_id: int,
        starts: dt.datetime,
        ends: dt.datetime,
        pool: list[int],
        everyone: list[int],
    ) -> None:
        rng = self.rng
        past = ends < self.now
        # Future shifts are filled less the further out they are: coverage gaps to show.
        weights = [1, 3, 12, 2] if past else [2, 4, 6, 1]
        count = rng.choices([0, 1, 2, 3], weights)[0]
        candidates = pool if len(pool) >= count else everyone
        chosen = rng.sample(candidates, k=min(count, len(candidates)))
        completed = False
        for member_id in chosen:
            if past:
                status = rng.choices(["completed", "no_show"], [19, 1])[0]
            else:
                status = rng.choice(["scheduled", "confirmed"])
            completed = completed or status == "completed"
            self.t.add(
                "assignment",
                self.record(
                    shift_id=shift_id, member_id=member_id, status=status, override_reason=None
                ),
            )
        if completed:
            actual_start = starts + dt.timedelta(minutes=rng.randrange(-5, 15))
            actual_end = ends + dt.timedelta(minutes=rng.randrange(-20, 10))
            odometer = rng.randrange(20_000, 90_000)
            log_id = self.t.add(
                "patrol_log",
                self.record(
                    shift_id=shift_id,
                    actual_start=actual_start,
                    actual_end=actual_end,
                    odometer_start=odometer,
                    odometer_end=odometer + rng.randrange(3, 25),
                    hazards=rng.choice(
                        [
                            None,
                            None,
                            None,
                            "Streetlight out",
                            "Open garage door",
                            "Broken fence panel",
                        ]
                    ),
                    police_calls=rng.choices([0, 1], [12, 1])[0],
                    notes=None,
                ),
            )
            self.t.add(
                "patrol_log_entry",
                self.record(
                    log_id=log_id,
                    noted_at=actual_start + dt.timedelta(minutes=40),
                    location_text=rng.choice(vocab.STREETS) + " St",
                    note="All quiet",
                ),
            )

    # -- observations ------------------------------------------------------------------------
    def observations(self, progress: Progress) -> None:
        rng = self.rng
        size = self.size
        lat_span = size.block_rows * BLOCK_DLAT
        lon_span = size.block_columns * BLOCK_DLON
        hotspots = [
            (ORIGIN_LAT + lat_span * f, ORIGIN_LON + lon_span * g, s)
            for f, g, s in ((0.2, 0.15, 0.00025), (0.8, 0.7, 0.0002), (0.5, 0.95, 0.0003))
        ]
        categories = list(CATEGORY_WEIGHTS)
        category_weights = list(CATEGORY_WEIGHTS.values())
        members = [m["id"] for m in self.t.rows["member"]]
        repeat_plates = [self.plate() for _ in range(12)]
        days = (self.today - self.start).days
        case_seq = 0
        hours = range(24)
        sightings = []
        for _ in range(size.observations):
            category = rng.choices(categories, category_weights)[0]
            if rng.random() < 0.6:
                lat0, lon0, spread = rng.choice(hotspots)
                lat, lon = rng.gauss(lat0, spread), rng.gauss(lon0, spread)
            else:
                lat = ORIGIN_LAT + rng.random() * lat_span
                lon = ORIGIN_LON + rng.random() * lon_span
            # More reports recently, and more on Friday and Saturday nights.
            day = self.today - dt.timedelta(days=int(days * rng.random() ** 1.3))
            while rng.random() * 16 > WEEKDAY_WEIGHTS[day.weekday()]:
                day = day - dt.timedelta(days=1) if day > self.start else day + dt.timedelta(days=1)
            profile = DAYTIME_HOURS if category in ("traffic", "hazard") else EVENING_HOURS
            occurred = self.local(day, rng.choices(hours, profile)[0], rng.randrange(60))
            if occurred > self.now:
                occurred -= dt.timedelta(days=1)
            sightings.append((occurred, category, lat, lon))
        # Chronological ids and case numbers, as a real log has; it also keeps the time
        # indexes append-only while writing.
        sightings.sort()
        for index, (occurred, category, lat, lon) in enumerate(sightings):
            day = occurred.astimezone(self.time_zone).date()
            reported = min(self.now, occurred + dt.timedelta(minutes=rng.randrange(5, 600)))
            row_number = (lat - ORIGIN_LAT) / BLOCK_DLAT
            street = self.street(max(0, int(row_number)))
            avenue = ordinal(self.avenue(int((lon - ORIGIN_LON) / BLOCK_DLON)))
            police = rng.random() < (0.55 if category in ("burglary", "theft", "drugs") else 0.2)
            case_number = None
            if police and category != "hazard":
                case_seq += 1
                case_number = f"{occurred.year % 100:02d}-{900000 + case_seq:06d}"
            age_days = (self.today - day).days
            status = ("reported" if police else "open") if age_days < 45 else "closed"
            contact = (
                ("311" if category == "hazard" else rng.choice(["911", "non_emergency"]))
                if police
                else "none"
            )
            obs_id = self.t.add(
                "observation",
                self.record(
                    when=reported,
                    occurred_at=occurred,
                    reported_at=reported,
                    reporter_member_id=rng.choice(members)
                    if members and rng.random() < 0.8
                    else None,
                    patrol_log_id=None,
                    zone_id=self.block_at(round(lat, 6), round(lon, 6)),
                    address_text=f"near {avenue} and {street}",
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    category=category,
                    severity=rng.choices([1, 2, 3, 4], [5, 4, 2, 1])[0],
                    description=rng.choice(vocab.DESCRIPTIONS[category]).format(street=street),
                    status=status,
                    police_contact=contact,
                    police_contacted_at=reported if police else None,
                    case_number=case_number,
                    officer="Officer Dana Whitfield" if police and rng.random() < 0.3 else None,
                    police_outcome="Report taken" if police else None,
                ),
            )
            if category == "suspicious_person":
                self.person(obs_id, reported)
            elif category in ("suspicious_vehicle", "theft") and rng.random() < 0.7:
                self.vehicle(obs_id, reported, repeat_plates)
            if police and rng.random() < 0.25:
                self.t.add(
                    "follow_up",
                    self.record(
                        when=reported,
                        observation_id=obs_id,
                        due_on=day + dt.timedelta(days=14),
                        done_on=day + dt.timedelta(days=10) if age_days > 30 else None,
                        note="Ask the officer whether the case is still open.",
                        assigned_member_id=None,
                    ),
                )
            if index % 10_000 == 0:
                progress.check_cancelled()
                progress.report(index, size.observations, "observations")

    def person(self, obs_id: int, when: dt.datetime) -> None:
        rng = self.rng
        age = rng.choice([(16, 20), (20, 30), (30, 40), (40, 50)])
        self.t.add(
            "person_descriptor",
            self.record(
                when=when,
                observation_id=obs_id,
                sex=rng.choice(["male", "female", "unknown"]),
                age_min=age[0],
                age_max=age[1],
                height_min_in=2 * rng.randrange(30, 38),
                weight_min_lb=10 * rng.randrange(12, 25),
                build=rng.choice(vocab.BUILDS),
                complexion=None,
                hair=rng.choice(vocab.HAIR),
                facial_hair=None,
                glasses=None,
                headwear=rng.choice([None, "baseball cap", "beanie"]),
                clothing_top=rng.choice(vocab.TOPS),
                clothing_bottom=rng.choice(vocab.BOTTOMS),
                footwear=None,
                marks=rng.choice([None, None, "tattoo on left forearm"]),
                direction=rng.choice(vocab.DIRECTIONS),
            ),
        )

    def vehicle(self, obs_id: int, when: dt.datetime, repeat_plates: list[str]) -> None:
        rng = self.rng
        make, model = rng.choice(vocab.CAR_MAKES)
        plate = rng.choice(repeat_plates) if rng.random() < 0.3 else self.plate()
        if rng.random() < 0.15:
            plate = plate[:3] + "?" + plate[4:]
        colour = rng.choice(vocab.COLOURS)
        self.t.add(
            "vehicle_descriptor",
            self.record(
                when=when,
                observation_id=obs_id,
                colour=colour,
                second_colour=rng.choice(vocab.COLOURS) if rng.random() < 0.05 else None,
                year=rng.randrange(1998, 2026),
                make=make,
                model=model,
                body_style=rng.choice(vocab.BODY_STYLES),
                plate=plate,
                plate_state="OR",
                features=rng.choice([None, "dented rear bumper", "tinted windows", "roof rack"]),
                occupants=rng.randrange(0, 4),
                direction=rng.choice(vocab.DIRECTIONS),
            ),
        )

    # -- meetings ----------------------------------------------------------------------------
    def meetings(self) -> None:
        rng = self.rng
        active = [m["id"] for m in self.t.rows["member"] if m["status"] == "active"]
        for offset in range(-12, 3):
            first = add_months(self.today.replace(day=1), offset)
            second_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)
            starts = self.local(second_tuesday, 19)
            national_night_out = first.month == 8
            past = second_tuesday < self.today
            meeting_id = self.t.add(
                "meeting",
                self.record(
                    kind="national_night_out" if national_night_out else "community",
                    title=(
                        "National Night Out block party"
                        if national_night_out
                        else f"Monthly watch meeting, {second_tuesday:%B %Y}"
                    ),
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=90),
                    place="Sunnyside Community Hall, 3520 SE Yamhill St",
                    officer_briefing=(
                        "Car prowls up on Friday nights; lock vehicles and remove valuables."
                        if past
                        else None
                    ),
                    minutes="Minutes were read and approved." if past else None,
                ),
            )
            for position, title in enumerate(vocab.AGENDA):
                self.t.add(
                    "agenda_item",
                    self.record(
                        meeting_id=meeting_id,
                        position=position,
                        title=title,
                        presenter="Officer Dana Whitfield" if "Officer" in title else None,
                        duration_minutes=10,
                    ),
                )
            if past and active:
                for member_id in rng.sample(active, k=max(1, len(active) // 4)):
                    self.t.add(
                        "meeting_attendance",
                        self.record(meeting_id=meeting_id, member_id=member_id, status="present"),
                    )

    def build(self, progress: Progress) -> _Tables:
        self.group()
        self.blocks()
        self.households()
        self.members()
        self.training()
        self.patrols(progress)
        self.meetings()
        self.observations(progress)
        return self.t


def _ascii(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isascii() and ch.isalpha())


def database_is_empty(connection: Connection) -> bool:
    for table in Base.metadata.sorted_tables:
        if connection.execute(select(text("1")).select_from(table).limit(1)).first():
            return False
    return True


def _batches(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def generate_demo(
    connection: Connection,
    size: str = "small",
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty database (inside the caller's transaction); return rows per table."""
    progress = progress or SilentProgress()
    if size not in DEMO_SIZES:
        raise ValueError(f"unknown demo size {size!r}")
    if not database_is_empty(connection):
        raise ConflictError("the database already holds data; demo data goes into an empty one")
    today = today or dt.date.today()
    tables = _Generator(DEMO_SIZES[size], seed, today).build(progress)
    total = sum(len(rows) for rows in tables.rows.values())
    written = 0
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        rows = tables.rows.get(table.name, [])
        counts[table.name] = len(rows)
        for batch in _batches(rows):
            progress.check_cancelled()
            connection.execute(insert(table), batch)
            written += len(batch)
            progress.report(written, total, f"writing {table.name}")
    assert set(tables.rows) <= set(counts), "demo rows for a table the schema lacks"
    return counts

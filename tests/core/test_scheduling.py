import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchdesk.core.scheduling import (
    Away,
    Booking,
    Certificate,
    CourseStanding,
    MemberFacts,
    ShiftFacts,
    Staffing,
    assignment_problems,
    check_transition,
    course_problem,
    coverage_gaps,
    find_conflicts,
    staffing_state,
    suggest_fill,
    worked_hours,
)
from watchdesk.core.validation import ValidationError

UTC = dt.UTC
ORIENTATION = {1: "Patrol orientation"}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def shift(shift_id: int, day: int, start: int = 1, hours: int = 3, **extra: object) -> ShiftFacts:
    starts = at(day, start)
    return ShiftFacts(
        shift_id,
        dt.date(2026, 11, day),
        starts,
        starts + dt.timedelta(hours=hours),
        **extra,  # type: ignore[arg-type]
    )


def booking(member_id: int, s: ShiftFacts, override: str | None = None) -> Booking:
    assert s.shift_id is not None
    return Booking(member_id, s.shift_id, s.starts_at, s.ends_at, override)


def kinds(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.kind for p in problems]


def test_a_free_trained_active_member_has_no_problems() -> None:
    member = MemberFacts(1, "Ana", certificates=(Certificate(1, dt.date(2026, 1, 1), None),))
    assert assignment_problems(member, shift(10, 20, required=ORIENTATION), []) == []


def test_inactive_member_is_a_hard_problem() -> None:
    problems = assignment_problems(MemberFacts(1, "Ana", active=False), shift(10, 20), [])
    assert kinds(problems) == ["inactive"]
    assert problems[0].hard
    assert "Ana is inactive" in problems[0].message


def test_overlapping_shift_is_a_hard_problem_but_touching_ones_are_fine() -> None:
    member = MemberFacts(1, "Ana")
    evening = shift(10, 20, start=1, hours=3)
    overlapping = shift(11, 20, start=3, hours=3)
    following = shift(12, 20, start=4, hours=2)
    problems = assignment_problems(
        member, overlapping, [booking(1, evening)], {10: "Block 1 Fri 20:00"}
    )
    assert kinds(problems) == ["overlap"]
    assert problems[0].hard and "Block 1 Fri 20:00" in problems[0].message
    assert assignment_problems(member, following, [booking(1, evening)]) == []
    # Another member's booking or the same shift never counts.
    assert assignment_problems(member, overlapping, [booking(2, evening)]) == []
    assert assignment_problems(member, evening, [booking(1, evening)]) == []


@pytest.mark.parametrize("kind", ["vacation", "unavailable"])
def test_days_away_are_soft_problems(kind: str) -> None:
    away = Away(dt.date(2026, 11, 19), dt.date(2026, 11, 21), kind, "family visit")
    member = MemberFacts(1, "Ana", away=(away,))
    problems = assignment_problems(member, shift(10, 20), [])
    assert kinds(problems) == [kind]
    assert not problems[0].hard
    assert "2026-11-19 to 2026-11-21 (family visit)" in problems[0].message
    assert assignment_problems(member, shift(11, 22), []) == []


@pytest.mark.parametrize(
    ("certificates", "message"),
    [
        ((), "Patrol orientation not completed"),
        ((Certificate(1, dt.date(2024, 1, 1), dt.date(2026, 11, 1)),), "expired on 2026-11-01"),
        ((Certificate(1, dt.date(2026, 11, 25), None),), "not completed until 2026-11-25"),
        ((Certificate(2, dt.date(2026, 1, 1), None),), "Patrol orientation not completed"),
    ],
)
def test_training_not_current_on_the_shift_date(
    certificates: tuple[Certificate, ...], message: str
) -> None:
    member = MemberFacts(1, "Ana", certificates=certificates)
    problems = assignment_problems(member, shift(10, 20, required=ORIENTATION), [])
    assert kinds(problems) == ["training"]
    assert message in problems[0].message
    assert not problems[0].hard


def test_certificate_valid_through_its_expiry_day() -> None:
    cert = Certificate(1, dt.date(2025, 11, 20), dt.date(2026, 11, 20))
    member = MemberFacts(1, "Ana", certificates=(cert,))
    assert assignment_problems(member, shift(10, 20, required=ORIENTATION), []) == []
    assert kinds(assignment_problems(member, shift(11, 21, required=ORIENTATION), [])) == [
        "training"
    ]


def test_find_conflicts_reports_overlaps_on_both_shifts_and_lapsed_training() -> None:
    a, b, c = shift(1, 20, start=1), shift(2, 20, start=2), shift(3, 22, required=ORIENTATION)
    shifts = {s.shift_id: s for s in (a, b, c)}
    members = {7: MemberFacts(7, "Ana"), 8: MemberFacts(8, "Ben")}
    conflicts = find_conflicts(shifts, [booking(7, a), booking(7, b), booking(8, c)], members)
    found = {(x.shift_id, x.member_id, x.problem.kind) for x in conflicts}
    assert found == {(1, 7, "overlap"), (2, 7, "overlap"), (3, 8, "training")}


def test_an_override_silences_soft_problems_but_never_an_overlap() -> None:
    a, b = shift(1, 20, start=1, required=ORIENTATION), shift(2, 20, start=2)
    members = {7: MemberFacts(7, "Ana")}
    conflicts = find_conflicts(
        {1: a, 2: b}, [booking(7, a, "trained last week"), booking(7, b, "ok")], members
    )
    assert {(x.shift_id, x.problem.kind) for x in conflicts} == {(1, "overlap"), (2, "overlap")}


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
certificates = st.builds(
    lambda done, months: Certificate(
        1, done, None if months is None else done + dt.timedelta(days=30 * months)
    ),
    days,
    st.none() | st.integers(0, 30),
)


@given(st.lists(certificates, max_size=4), st.lists(days, min_size=1, max_size=20))
def test_a_course_standing_answers_as_the_rule_does_on_any_day(
    held: list[Certificate], asked: list[dt.date]
) -> None:
    # find_conflicts looks training up through CourseStanding; it must agree with the rule.
    standing = CourseStanding("Patrol orientation", tuple(held))
    for day in (
        asked + [c.completed_on for c in held] + [c.expires_on for c in held if c.expires_on]
    ):
        assert standing.on(day) == course_problem("Patrol orientation", held, day)


def test_members_with_the_same_training_get_the_same_lapses() -> None:
    lapsed = (Certificate(1, dt.date(2024, 1, 1), dt.date(2025, 1, 1)),)
    shifts = {
        10 + i: ShiftFacts(
            10 + i, dt.date(2026, 11, 2 + i), at(2 + i, 20), at(2 + i, 23), required=ORIENTATION
        )
        for i in range(3)
    }
    members = {
        7: MemberFacts(7, "Ana", certificates=lapsed),
        8: MemberFacts(8, "Ben", certificates=lapsed),
        9: MemberFacts(9, "Cy"),
    }
    bookings = [
        Booking(7, 10, at(2, 20), at(2, 23)),
        Booking(8, 11, at(3, 20), at(3, 23)),
        Booking(9, 12, at(4, 20), at(4, 23)),
    ]
    found = {
        (c.shift_id, c.member_id, c.problem.message)
        for c in find_conflicts(shifts, bookings, members)
    }
    assert found == {
        (10, 7, "Patrol orientation expired on 2025-01-01"),
        (11, 8, "Patrol orientation expired on 2025-01-01"),
        (12, 9, "Patrol orientation not completed"),
    }


def test_conflicts_of_inactive_and_away_members() -> None:
    a = shift(1, 20)
    away = Away(dt.date(2026, 11, 20), dt.date(2026, 11, 20), "vacation")
    members = {7: MemberFacts(7, "Ana", active=False), 8: MemberFacts(8, "Ben", away=(away,))}
    conflicts = find_conflicts({1: a}, [booking(7, a), booking(8, a)], members)
    assert {(x.member_id, x.problem.kind) for x in conflicts} == {(7, "inactive"), (8, "vacation")}


def test_staffing_states_and_gaps() -> None:
    assert staffing_state(0, 2) == "empty"
    assert staffing_state(1, 2) == "understaffed"
    assert staffing_state(2, 2) == "full"
    assert staffing_state(0, 0) == "full"
    later, earlier, full, cancelled = (
        Staffing(shift(1, 21), (5,)),
        Staffing(shift(2, 20), ()),
        Staffing(shift(3, 20, start=5), (5, 6)),
        Staffing(shift(4, 20, cancelled=True), ()),
    )
    gaps = coverage_gaps([later, earlier, full, cancelled])
    assert [g.shift.shift_id for g in gaps] == [2, 1]
    assert [g.needed for g in gaps] == [2, 1]


def test_assignment_workflow() -> None:
    check_transition("scheduled", "confirmed")
    check_transition("confirmed", "checked_in")
    check_transition("checked_in", "completed")
    check_transition("scheduled", "no_show")
    for old, new in [("completed", "scheduled"), ("no_show", "checked_in"), ("scheduled", "x")]:
        with pytest.raises(ValidationError):
            check_transition(old, new)
    with pytest.raises(ValidationError, match="cannot go from Completed to Scheduled"):
        check_transition("completed", "scheduled")


def test_worked_hours_prefer_the_log() -> None:
    assert worked_hours(at(20, 1), at(20, 4)) == 3
    assert worked_hours(at(20, 1), at(20, 4), at(20, 1, 10), at(20, 3, 40)) == 2.5
    # Half a log falls back on the schedule.
    assert worked_hours(at(20, 1), at(20, 4), at(20, 1, 10), None) == 3


def test_suggestions_skip_ineligible_busy_and_away_members() -> None:
    gap = shift(1, 20, required=ORIENTATION)
    trained = (Certificate(1, dt.date(2026, 1, 1), None),)
    busy_elsewhere = shift(2, 20, start=2)
    candidates = [
        MemberFacts(1, "Untrained"),
        MemberFacts(2, "Busy", certificates=trained),
        MemberFacts(
            3,
            "Away",
            certificates=trained,
            away=(Away(gap.local_date, gap.local_date, "unavailable"),),
        ),
        MemberFacts(4, "Inactive", active=False, certificates=trained),
        MemberFacts(5, "Free", certificates=trained),
        MemberFacts(6, "Already on it", certificates=trained),
    ]
    suggestions = suggest_fill(
        [Staffing(gap, (6,))], candidates, [booking(2, busy_elsewhere), booking(6, gap)], {}
    )
    assert [(s.shift_id, s.member_id) for s in suggestions] == [(1, 5)]


def test_suggestions_never_put_one_member_on_two_overlapping_gaps() -> None:
    one, two = shift(1, 20, start=1), shift(2, 20, start=2)
    suggestions = suggest_fill(
        [Staffing(one, ()), Staffing(two, ())],
        [MemberFacts(1, "Ana"), MemberFacts(2, "Ben")],
        [],
        {},
    )
    assert [(s.shift_id, s.member_id) for s in suggestions] == [(1, 1), (1, 2)]


@given(
    members=st.integers(min_value=2, max_value=12),
    nights=st.integers(min_value=1, max_value=20),
    minimum=st.integers(min_value=1, max_value=3),
    head_start=st.dictionaries(st.integers(0, 11), st.sampled_from([0.0, 3.0, 6.0]), max_size=4),
)
def test_suggestions_spread_hours_fairly(
    members: int, nights: int, minimum: int, head_start: dict[int, float]
) -> None:
    """Whenever someone is chosen, nobody who could also have taken the shift had fewer hours:
    no member goes above the fair share while others are available."""
    gaps = [
        Staffing(shift(i + 1, 1 + i, start=1, hours=3, minimum=minimum), ()) for i in range(nights)
    ]
    candidates = [MemberFacts(i, f"M{i:02}") for i in range(members)]
    start_hours = {i: head_start.get(i, 0.0) for i in range(members)}
    suggestions = suggest_fill(gaps, candidates, [], start_hours)
    assert len(suggestions) == nights * min(minimum, members)
    hours = dict(start_hours)
    by_shift: dict[int, list[int]] = {}
    for s in suggestions:
        by_shift.setdefault(s.shift_id, []).append(s.member_id)
    for gap in gaps:
        chosen = by_shift[gap.shift.shift_id or 0]
        others = [m for m in hours if m not in chosen]
        if others:
            assert max(hours[m] for m in chosen) <= min(hours[m] for m in others)
        for m in chosen:
            hours[m] += 3
    # Those who started level end within one shift of each other.
    level = [hours[m] for m in range(members) if start_hours[m] == 0.0]
    if len(level) == members:
        assert max(level) - min(level) <= 3


# -- shift length (issue 21) ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "minutes", "next_morning", "question"),
    [
        ((20, 0), (22, 0), 120, False, None),
        ((8, 0), (20, 0), 720, False, None),
        ((8, 0), (20, 30), 750, False, "Lasts 12 hours 30 minutes — is that right?"),
        ((6, 0), (23, 0), 1020, False, "Lasts 17 hours — is that right?"),
        ((22, 0), (6, 0), 480, True, "Ends the next morning: 8 hours — is that right?"),
        ((22, 0), (20, 0), 1320, True, "Ends the next morning: 22 hours — is that right?"),
        ((23, 30), (0, 15), 45, True, "Ends the next morning: 45 minutes — is that right?"),
        ((23, 0), (0, 0), 60, True, "Ends the next morning: 1 hour — is that right?"),
    ],
)
def test_long_and_overnight_shifts_are_asked_about(
    start: tuple[int, int],
    end: tuple[int, int],
    minutes: int,
    next_morning: bool,
    question: str | None,
) -> None:
    from watchdesk.core.scheduling import shift_length, shift_length_question

    length = shift_length(dt.time(*start), dt.time(*end))
    assert (length.minutes, length.next_morning) == (minutes, next_morning)
    assert shift_length_question(dt.time(*start), dt.time(*end)) == question

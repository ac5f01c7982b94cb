"""The Dashboard's to-do list equals what plain SQL finds in the demo database, with its rules
applied in the group's time zone."""

import datetime as dt

import pytest
from sqlalchemy import text

from tests.conftest import DEMO_TODAY
from watchdesk.db.engine import Database
from watchdesk.services.dashboard import (
    NEW_OBSERVATION_LINES,
    ShortShift,
    day_text,
    is_overdue,
    is_serious,
    not_reported,
    todo_list,
    todo_window,
)

# Sat Nov 21 2026, noon in Los Angeles (the demo group's time zone).
NOW = dt.datetime.combine(DEMO_TODAY, dt.time(20), tzinfo=dt.UTC)
THROUGH = dt.date(2026, 11, 29)  # the Sunday of next week
GROUP = 1


def sql(db: Database, query: str, **params: object) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def stored(moment: dt.datetime) -> str:
    """A UTC moment as the database stores it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def todo(demo_db: Database):  # type: ignore[no-untyped-def]
    with demo_db.read() as session:
        return todo_list(session, GROUP, NOW, since=None)


def test_short_and_uncovered_shifts_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        """
        SELECT id, min_patrollers - held, held FROM (
            SELECT s.id, s.starts_at, s.min_patrollers,
                   (SELECT count(*) FROM assignment a
                    WHERE a.shift_id = s.id AND a.status <> 'no_show') AS held
            FROM shift s
            WHERE s.group_id = :group AND NOT s.cancelled AND s.ends_at > :now
              AND s.local_date <= :through)
        WHERE held < min_patrollers ORDER BY starts_at, id""",
        group=GROUP,
        now=stored(NOW),
        through=THROUGH.isoformat(),
    )
    assert todo.through == THROUGH
    assert [(s.shift_id, s.missing, s.held) for s in todo.short_shifts] == expected
    assert len(expected) >= 2
    assert {s.state for s in todo.short_shifts} == {"Short", "Uncovered"}
    for shift in todo.short_shifts:
        assert shift.state == ("Uncovered" if shift.held == 0 else "Short")
        assert shift.text.startswith(f"{shift.state}: {day_text(shift.local_date)} ")
        noun = "patroller" if shift.missing == 1 else "patrollers"
        assert shift.text.endswith(f"— {shift.missing} {noun} missing")


def test_certifications_expired_or_expiring_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        """
        SELECT m.id, c.title, best.expires FROM member m
        JOIN course_requirement r ON r.role = m.role AND r.group_id = m.group_id
        JOIN course c ON c.id = r.course_id
        JOIN (SELECT member_id, course_id, max(coalesce(expires_on, '9999-12-31')) AS expires
              FROM certification GROUP BY member_id, course_id) best
          ON best.member_id = m.id AND best.course_id = r.course_id
        WHERE m.group_id = :group AND m.status = 'active' AND best.expires <= :limit""",
        group=GROUP,
        limit=(DEMO_TODAY + dt.timedelta(days=30)).isoformat(),
    )
    got = {(c.member_id, c.course_title, c.expires_on.isoformat()) for c in todo.certifications}
    assert got == set(expected) and expected
    assert {c.expired for c in todo.certifications} == {True, False}
    for certification in todo.certifications:
        assert certification.expired == (certification.expires_on < DEMO_TODAY)
    assert [c.expires_on for c in todo.certifications] == sorted(
        c.expires_on for c in todo.certifications
    )


def test_next_meeting_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        "SELECT id, title FROM meeting WHERE group_id = :group AND starts_at >= :now "
        "ORDER BY starts_at, id LIMIT 1",
        group=GROUP,
        now=stored(NOW),
    )
    assert todo.next_meeting is not None
    assert [(todo.next_meeting.meeting_id, todo.next_meeting.title)] == expected
    # Stored 03:00 UTC on Dec 9: the evening of Tue Dec 8 in Los Angeles.
    assert todo.next_meeting.local_start.date() == dt.date(2026, 12, 8)
    assert "Tue Dec 8 7:00 PM" in todo.next_meeting.text


def test_overdue_follow_ups_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        "SELECT id, observation_id FROM follow_up WHERE group_id = :group AND done_on IS NULL "
        "AND due_on < :today ORDER BY due_on, id",
        group=GROUP,
        today=DEMO_TODAY.isoformat(),
    )
    assert [(f.follow_up_id, f.record_id) for f in todo.overdue_follow_ups] == expected
    assert expected
    assert all(f.text.startswith(f"Due {day_text(f.due_on)}: ") for f in todo.overdue_follow_ups)


def test_houses_on_vacation_this_week_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        "SELECT v.id, (SELECT count(*) FROM member m WHERE m.household_id = v.household_id) "
        "FROM vacation_window v WHERE v.group_id = :group "
        "AND v.starts_on <= :sunday AND v.ends_on >= :today",
        group=GROUP,
        today=DEMO_TODAY.isoformat(),
        sunday="2026-11-22",
    )
    assert {h.vacation_id for h in todo.houses_away} == {v for v, _ in expected}
    assert expected
    residents = dict(expected)
    for house in todo.houses_away:
        assert (house.resident_id is not None) == (residents[house.vacation_id] > 0)


def test_serious_unreported_observations_match_sql(demo_db: Database, todo) -> None:  # type: ignore[no-untyped-def]
    expected = sql(
        demo_db,
        """
        SELECT id FROM observation WHERE group_id = :group AND status = 'open'
          AND police_contact = 'none' AND (severity >= 3 OR category = 'burglary')
        ORDER BY occurred_at DESC, id DESC""",
        group=GROUP,
    )
    assert [o.observation_id for o in todo.serious_unreported] == [i for (i,) in expected]
    assert expected
    assert any(o.category == "burglary" and o.severity < 3 for o in todo.serious_unreported)


def test_observations_recorded_since_a_moment_match_sql(demo_db: Database) -> None:
    since = NOW - dt.timedelta(days=20)
    expected = sql(
        demo_db,
        "SELECT id FROM observation WHERE group_id = :group AND created_at > :since "
        "ORDER BY occurred_at DESC, id DESC",
        group=GROUP,
        since=stored(since),
    )
    with demo_db.read() as session:
        todo = todo_list(session, GROUP, NOW, since=since)
    assert todo.new_observation_count == len(expected) > NEW_OBSERVATION_LINES
    assert todo.new_observations is not None
    assert [o.observation_id for o in todo.new_observations] == [
        i for (i,) in expected[:NEW_OBSERVATION_LINES]
    ]


def test_never_opened_before_lists_no_new_observations(todo) -> None:  # type: ignore[no-untyped-def]
    assert todo.since is None and todo.new_observations is None
    assert todo.new_observation_count == 0


def test_the_week_is_the_groups_week() -> None:
    """Sunday 11 PM in Los Angeles is Monday in UTC: the window is still this week's."""
    assert todo_window(dt.date(2026, 11, 22)) == (dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    assert todo_window(dt.date(2026, 11, 23)) == (dt.date(2026, 11, 23), dt.date(2026, 12, 6))


def test_a_late_sunday_evening_counts_in_the_groups_time_zone(demo_db: Database) -> None:
    sunday_night = dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC)  # 11 PM Sunday in LA
    with demo_db.read() as session:
        todo = todo_list(session, GROUP, sunday_night)
    assert (todo.today, todo.through) == (dt.date(2026, 11, 22), dt.date(2026, 11, 29))
    overdue = sql(
        demo_db,
        "SELECT count(*) FROM follow_up WHERE done_on IS NULL AND due_on < '2026-11-22'",
    )
    assert len(todo.overdue_follow_ups) == overdue[0][0]


def test_rules() -> None:
    assert is_serious(3, "suspicious_person") and is_serious(4, "other")
    assert is_serious(1, "burglary") and not is_serious(2, "theft")
    assert not_reported("open", "none")
    assert not not_reported("open", "911") and not not_reported("closed", "none")
    today = dt.date(2026, 12, 8)
    assert is_overdue(dt.date(2026, 12, 7), None, today)
    assert not is_overdue(today, None, today)
    assert not is_overdue(dt.date(2026, 12, 1), dt.date(2026, 12, 2), today)
    assert not is_overdue(None, None, today)
    assert day_text(today) == "Tue Dec 8"


def test_plural_words_on_shift_lines() -> None:
    short = ShortShift(1, dt.date(2026, 12, 8), dt.time(19), "Block 3", held=1, minimum=2)
    empty = ShortShift(2, dt.date(2026, 12, 8), dt.time(19), "Block 3", held=0, minimum=2)
    assert short.text == "Short: Tue Dec 8 7:00 PM · Block 3 — 1 patroller missing"
    assert empty.text == "Uncovered: Tue Dec 8 7:00 PM · Block 3 — 2 patrollers missing"


def test_empty_group_has_nothing_to_do(db: Database, group_id: int) -> None:
    with db.read() as session:
        todo = todo_list(session, group_id, NOW, since=NOW - dt.timedelta(days=1))
    assert (
        todo.short_shifts,
        todo.certifications,
        todo.next_meeting,
        todo.overdue_follow_ups,
        todo.houses_away,
        todo.serious_unreported,
        todo.new_observations,
        todo.new_observation_count,
    ) == ((), (), None, (), (), (), (), 0)

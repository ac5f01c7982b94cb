"""Dashboard figures equal what independent SQL finds in the demo database."""

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import text

from tests.conftest import DEMO_TODAY
from watchdesk.db.engine import Database
from watchdesk.services.dashboard import dashboard_figures, week_bounds

NOW = dt.datetime.combine(DEMO_TODAY, dt.time(20), tzinfo=dt.UTC)


def sql(db: Database, query: str, **params: object) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def stored(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def test_figures_match_sql(demo_db: Database) -> None:
    with demo_db.read() as session:
        figures = dashboard_figures(session, 1, NOW)

    assert (
        figures.active_members
        == sql(demo_db, "SELECT count(*) FROM member WHERE status = 'active'")[0][0]
    )

    _, start, end = week_bounds(
        NOW.astimezone(ZoneInfo("America/Los_Angeles")).date(), ZoneInfo("America/Los_Angeles")
    )
    shifts = sql(
        demo_db,
        """
        SELECT s.min_patrollers,
               (SELECT count(*) FROM assignment a WHERE a.shift_id = s.id
                  AND a.status <> 'no_show')
        FROM shift s WHERE s.starts_at >= :start AND s.starts_at < :end AND NOT s.cancelled""",
        start=stored(start),
        end=stored(end),
    )
    assert figures.shifts_this_week == len(shifts) > 0
    assert figures.understaffed_this_week == sum(1 for m, n in shifts if n < m)

    by_category = dict(
        sql(
            demo_db,
            """
        SELECT category, count(*) FROM observation
        WHERE occurred_at >= :since AND occurred_at <= :now GROUP BY category""",
            since=stored(NOW - dt.timedelta(days=30)),
            now=stored(NOW),
        )
    )
    assert figures.observations_30_days == by_category
    assert figures.observations_30_days_total > 50

    expiring = sql(
        demo_db,
        """
        SELECT count(*) FROM certification c JOIN member m ON m.id = c.member_id
        WHERE m.status = 'active' AND c.expires_on BETWEEN :today AND :limit
          AND NOT EXISTS (SELECT 1 FROM certification n WHERE n.member_id = c.member_id
                          AND n.course_id = c.course_id AND n.completed_on > c.completed_on)""",
        today=DEMO_TODAY.isoformat(),
        limit=(DEMO_TODAY + dt.timedelta(days=30)).isoformat(),
    )
    assert figures.certifications_expiring == expiring[0][0]


def test_empty_database_gives_zeros(db: Database, group_id: int) -> None:
    with db.read() as session:
        figures = dashboard_figures(session, group_id, NOW)
    assert (
        figures.active_members,
        figures.shifts_this_week,
        figures.certifications_expiring,
        figures.observations_30_days,
    ) == (0, 0, 0, {})

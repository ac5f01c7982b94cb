"""Plain ``sqlite3`` reads the tests compare reports with: independent of the program's ORM."""

from __future__ import annotations

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

from watchdesk.db.engine import Database

DEMO_TIME_ZONE = ZoneInfo("America/Los_Angeles")  # the demo group's time zone


def raw_rows(db: Database, query: str, *args: object) -> list[tuple[object, ...]]:
    path = db.engine.url.database
    assert path
    with sqlite3.connect(path) as connection:
        return connection.execute(query, args).fetchall()


def utc_text(day: dt.date, time_zone: ZoneInfo = DEMO_TIME_ZONE) -> str:
    """Local midnight of ``day`` as stored: UTC text."""
    moment = dt.datetime.combine(day, dt.time(), tzinfo=time_zone).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")

"""Local calendar days as UTC instants: users choose dates in their group's time zone, the
database stores UTC moments."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def local_midnight(day: dt.date, time_zone: ZoneInfo) -> dt.datetime:
    """The UTC instant at which ``day`` begins in ``time_zone``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=time_zone).astimezone(dt.UTC)


def day_span(
    first: dt.date | None, last: dt.date | None, time_zone: ZoneInfo
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start, end) in UTC of the local days ``first`` to ``last`` (None: open that side)."""
    start = local_midnight(first, time_zone) if first is not None else None
    end = local_midnight(last + dt.timedelta(days=1), time_zone) if last is not None else None
    return start, end

"""The Dashboard's figures."""

from __future__ import annotations

import datetime as dt

from watchdesk.db.engine import Database
from watchdesk.services.dashboard import DashboardFigures, dashboard_figures


def figures(db: Database, group_id: int | None, now: dt.datetime) -> DashboardFigures:
    """This week's patrols, recent observations, members and training of the group (every
    group's for None), as of ``now``."""
    with db.read() as session:
        return dashboard_figures(session, group_id, now)

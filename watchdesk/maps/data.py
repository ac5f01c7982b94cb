"""What a map shows, read from the database: observation points and block outlines as
:func:`watchdesk.maps.build.build_map` takes them (the reading itself is in
:mod:`watchdesk.services.observation_export`, which knows nothing of maps)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from watchdesk.core import dates
from watchdesk.maps.build import MapBlock, MapPoint
from watchdesk.services.observation_export import (
    block_outlines,
    group_time_zones,
    shared_observations,
)
from watchdesk.services.observation_search import ObservationFilter


def map_points(
    session: Session, group_id: int | None, where: ObservationFilter, shared: bool
) -> tuple[list[MapPoint], list[MapBlock], tuple[float, float]]:
    """Points, block outlines and centre for :func:`~watchdesk.maps.build.build_map`; exact
    locations for the app's own map, shared ones for a file that leaves the laptop.
    ``group_id`` None: every group's (the app's map of a liaison's file)."""
    time_zones_by_group = group_time_zones(session)
    points = []
    for item in shared_observations(session, group_id, where, shared):
        if item.point is None:
            continue
        local = item.line.occurred_at.astimezone(time_zones_by_group[item.line.group_id])
        points.append(
            MapPoint(
                item.line.id,
                item.point[0],
                item.point[1],
                item.line.category,
                dates.day(local.date()),
                local.hour * 60 + local.minute,
                item.address or "",
                item.line.description,
                item.line.case_number or "",
            )
        )
    blocks, centre = map_frame(session, group_id)
    if centre is None:
        centre = (points[0].latitude, points[0].longitude) if points else (0.0, 0.0)
    return points, blocks, centre


def map_frame(
    session: Session, group_id: int | None, leave_out: int | None = None
) -> tuple[list[MapBlock], tuple[float, float] | None]:
    """The group's block outlines (but the one ``leave_out``, being redrawn) and its centre
    (None when the group has none set); ``group_id`` None: every group's."""
    outlines, centre = block_outlines(session, group_id, leave_out)
    return [MapBlock(name, geometry) for name, geometry in outlines], centre

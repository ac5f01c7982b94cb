"""Observations leaving the laptop: GeoJSON (RFC 7946) and a standalone map (the CSV table
is in :mod:`watchdesk.services.spreadsheets`), always of exactly the filtered observations.
The map itself is laid out by :mod:`watchdesk.maps` (``maps.data`` reads its points through
here). Shared locations follow the group's precision setting
(points snapped to its grid, addresses to the hundred block); reporters are named only when
they consented to be; no member contact details ever."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchdesk.core.geo import coarsen, hundred_block
from watchdesk.core.progress import Progress
from watchdesk.core.vocabulary import (
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    POLICE_CONTACTS,
    SEVERITIES,
)
from watchdesk.db.models import Block, WatchGroup
from watchdesk.services.observation_search import (
    ObservationFilter,
    ObservationLine,
    filtered_lines,
)


@dataclass(frozen=True)
class Shared:
    """An observation as it may be shared outside the watch."""

    line: ObservationLine
    point: tuple[float, float] | None  # (latitude, longitude), coarsened
    address: str | None

    @property
    def category(self) -> str:
        return OBSERVATION_CATEGORIES.get(self.line.category, self.line.category)


def shared_observations(
    session: Session, group_id: int | None, where: ObservationFilter, shared: bool = True
) -> Iterable[Shared]:
    """The filtered observations at the group's sharing precision (or exact when not
    ``shared``: the app's own map never leaves the laptop)."""
    if shared and group_id is None:
        raise ValueError("observations leave the laptop one group at a time")
    precision = session.scalar(
        select(WatchGroup.share_precision_m).where(WatchGroup.id == group_id)
    )
    metres = int(precision or 0) if shared else 0
    for line in filtered_lines(session, group_id, where):
        point = None
        if line.latitude is not None and line.longitude is not None:
            point = coarsen(line.latitude, line.longitude, metres)
        address = line.address_text
        if address and metres > 0:
            address = hundred_block(address)
        yield Shared(line, point, address)


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _properties(item: Shared) -> dict[str, Any]:
    line = item.line
    properties: dict[str, Any] = {
        "id": line.uuid,
        "occurred_at": _utc_text(line.occurred_at),
        "category": line.category,
        "category_label": item.category,
        "severity": SEVERITIES.get(line.severity, str(line.severity)),
        "status": OBSERVATION_STATUSES.get(line.status, line.status),
        "block": line.block_name,
        "address": item.address,
        "description": line.description,
        "police_contact": POLICE_CONTACTS.get(line.police_contact, line.police_contact),
        "case_number": line.case_number,
    }
    if line.reporter:
        properties["reporter"] = line.reporter
    return properties


def geojson_document(
    session: Session, group_id: int, where: ObservationFilter, progress: Progress | None = None
) -> dict[str, Any]:
    """A FeatureCollection with one Feature per filtered observation (geometry null when no
    point was recorded), positions as [longitude, latitude] (RFC 7946)."""
    features = []
    for done, item in enumerate(shared_observations(session, group_id, where)):
        if progress is not None and done % 5000 == 0:
            progress.check_cancelled()
        geometry = (
            {"type": "Point", "coordinates": [item.point[1], item.point[0]]}
            if item.point is not None
            else None
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": _properties(item)})
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def group_time_zones(session: Session) -> dict[int, ZoneInfo]:
    """Each group's time zone, by group id: a map shows local days and times."""
    return {
        g: ZoneInfo(tz) for g, tz in session.execute(select(WatchGroup.id, WatchGroup.timezone))
    }


def block_outlines(
    session: Session, group_id: int | None, leave_out: int | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], tuple[float, float] | None]:
    """The (name, GeoJSON geometry) of the group's blocks that have a boundary (but the one
    ``leave_out``, being redrawn) and the group's centre (None when none is set);
    ``group_id`` None: every group's, centred on the middle of their centres."""
    query = select(Block.name, Block.boundary_geojson).where(Block.boundary_geojson.is_not(None))
    if group_id is not None:
        query = query.where(Block.group_id == group_id)
    if leave_out is not None:
        query = query.where(Block.id != leave_out)
    outlines = [(name, json.loads(boundary or "{}")) for name, boundary in session.execute(query)]
    centres = select(WatchGroup.center_latitude, WatchGroup.center_longitude).where(
        WatchGroup.center_latitude.is_not(None), WatchGroup.center_longitude.is_not(None)
    )
    if group_id is not None:
        centres = centres.where(WatchGroup.id == group_id)
    points = session.execute(centres).all()
    if not points:
        return outlines, None
    latitude = sum(p.center_latitude for p in points) / len(points)
    longitude = sum(p.center_longitude for p in points) / len(points)
    return outlines, (latitude, longitude)

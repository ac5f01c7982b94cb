"""What a map shows, read from the database; and services never load the map code."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import update

from tests.services.test_observation_export import recorded  # noqa: F401  (fixture)
from watchdesk.core.entities import BlockInput
from watchdesk.db.engine import Database
from watchdesk.db.models import WatchGroup
from watchdesk.maps.build import MapBlock
from watchdesk.maps.data import map_frame, map_points
from watchdesk.services.groups import create_block
from watchdesk.services.observation_search import ObservationFilter

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-122.64, 45.51], [-122.63, 45.51], [-122.63, 45.52], [-122.64, 45.51]]],
}


def test_points_are_exact_on_the_apps_map_and_coarsened_when_shared(
    db: Database,
    group_id: int,
    recorded: dict[str, int],  # noqa: F811
) -> None:
    with db.write() as session:
        session.execute(
            update(WatchGroup).where(WatchGroup.id == group_id).values(share_precision_m=500)
        )
    where = ObservationFilter(first=dt.date(2026, 11, 1), last=dt.date(2026, 11, 30))
    with db.read() as session:
        exact, _blocks, centre = map_points(session, group_id, where, shared=False)
        shared, _, _ = map_points(session, group_id, where, shared=True)
    # The observation with an address only has no point to draw.
    assert sorted(p.id for p in exact) == sorted(
        i for key, i in recorded.items() if key != "no_point"
    )
    assert {(p.latitude, p.longitude) for p in exact} == {(45.516529, -122.637722)}
    assert all((p.latitude, p.longitude) != (45.516529, -122.637722) for p in shared)
    assert centre == (45.516529, -122.637722)  # no centre set: the first point
    car = next(p for p in exact if p.id == recorded["car"])
    assert car.category == "suspicious_vehicle" and car.day.endswith("Nov 10, 2026")


def test_the_frame_leaves_out_the_block_being_redrawn(db: Database, group_id: int) -> None:
    with db.write() as session:
        kept = create_block(
            session, group_id, BlockInput("Alder St", boundary_geojson=json.dumps(SQUARE))
        ).id
        redrawn = create_block(
            session, group_id, BlockInput("Birch St", boundary_geojson=json.dumps(SQUARE))
        ).id
        create_block(session, group_id, BlockInput("No outline"))
    with db.read() as session:
        every, _ = map_frame(session, group_id)
        others, _ = map_frame(session, group_id, leave_out=redrawn)
    assert sorted(z.name for z in every) == ["Alder St", "Birch St"]
    assert others == [MapBlock("Alder St", SQUARE)]
    assert kept != redrawn


def test_services_import_no_map_report_or_exchange_code() -> None:
    """Not even inside a function: services are what maps, reports and exchange build on."""
    import watchdesk.services

    outside = ("watchdesk.maps", "watchdesk.reports", "watchdesk.exchange", "folium")
    found = []
    for path in Path(watchdesk.services.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [f"{path.name}: {n}" for n in names if n.startswith(outside)]
    assert found == []

"""Exports hold exactly the filtered observations, in RFC 7946 order, shared the way the group
allows: coarse points, hundred-block addresses, reporters only with consent."""

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import update

from watchdesk.core.entities import MemberInput, ObservationInput
from watchdesk.db.engine import Database
from watchdesk.db.models import WatchGroup
from watchdesk.exchange.csv_file import csv_text
from watchdesk.services.members import add_member
from watchdesk.services.observation_export import geojson_document
from watchdesk.services.observation_search import (
    ObservationFilter,
    count_observations,
    observation_ids,
)
from watchdesk.services.observations import record_observation
from watchdesk.services.spreadsheets import observations_table

NOW = dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def recorded(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        named = add_member(
            session, group_id, MemberInput("Ana", "Lopez", consent_named_in_reports=True)
        ).id
        private = add_member(session, group_id, MemberInput("Ben", "Okafor")).id
        ids = {}
        for key, day, category, reporter, text in (
            ("theft", 2, "theft", named, "Bike taken from 1234 porch"),
            ("car", 10, "suspicious_vehicle", private, '=HYPERLINK("x") blue van 7KX'),
            ("light", 15, "hazard", None, "Streetlight out"),
        ):
            ids[key] = record_observation(
                session,
                group_id,
                ObservationInput(
                    occurred_at=dt.datetime(2026, 11, day, 21, 0, tzinfo=dt.UTC),
                    category=category,
                    description=text,
                    address_text="1234 SE Queens St",
                    latitude=45.516529,
                    longitude=-122.637722,
                    reporter_member_id=reporter,
                ),
            ).id
        # One with an address only: no point to draw.
        ids["no_point"] = record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC),
                category="other",
                address_text="Queens St park",
            ),
        ).id
    return ids


def test_filters_apply_in_sql_and_agree_with_the_count(
    db: Database, group_id: int, recorded: dict[str, int]
) -> None:
    with db.read() as session:
        everything = ObservationFilter()
        assert count_observations(session, group_id, everything) == 4
        assert observation_ids(session, group_id, everything)[0] == recorded["no_point"]
        november = ObservationFilter(first=dt.date(2026, 11, 5), last=dt.date(2026, 11, 15))
        assert observation_ids(session, group_id, november) == [recorded["light"], recorded["car"]]
        assert observation_ids(session, group_id, ObservationFilter(text="7kx")) == [
            recorded["car"]
        ]
        assert observation_ids(session, group_id, ObservationFilter(text="50%")) == []
        assert count_observations(session, group_id, ObservationFilter(category="hazard")) == 1


def test_geojson_has_one_feature_per_filtered_observation_longitude_first(
    db: Database, group_id: int, recorded: dict[str, int]
) -> None:
    where = ObservationFilter(first=dt.date(2026, 11, 1), last=dt.date(2026, 11, 16))
    with db.read() as session:
        document = json.loads(json.dumps(geojson_document(session, group_id, where)))
        assert len(document["features"]) == count_observations(session, group_id, where) == 4
    by_category = {f["properties"]["category"]: f for f in document["features"]}
    lon, lat = by_category["theft"]["geometry"]["coordinates"]
    assert -123 < lon < -122 and 45 < lat < 46
    # Shared at the group's 100 m precision, not the house.
    assert (lat, lon) != (45.516529, -122.637722) and abs(lat - 45.516529) < 0.001
    assert by_category["theft"]["properties"]["address"] == "1200 block of SE Queens St"
    assert by_category["other"]["geometry"] is None
    assert by_category["theft"]["properties"]["reporter"] == "Ana Lopez"
    assert "reporter" not in by_category["suspicious_vehicle"]["properties"]
    assert by_category["theft"]["properties"]["occurred_at"] == "2026-11-02T21:00:00Z"
    assert "Okafor" not in json.dumps(document) and "email" not in json.dumps(document)


def test_precision_zero_shares_exact_points_and_addresses(
    db: Database, group_id: int, recorded: dict[str, int]
) -> None:
    with db.write() as session:
        session.execute(update(WatchGroup).values(share_precision_m=0))
    with db.read() as session:
        document = geojson_document(session, group_id, ObservationFilter(category="theft"))
    (feature,) = document["features"]
    assert feature["geometry"]["coordinates"] == [-122.637722, 45.516529]
    assert feature["properties"]["address"] == "1234 SE Queens St"


def test_csv_round_trips_and_never_runs_a_formula(
    db: Database, group_id: int, recorded: dict[str, int]
) -> None:
    with db.read() as session:
        table = observations_table(session, group_id, ObservationFilter(last=dt.date(2026, 11, 12)))
        data = csv_text(table.headers, table.rows)
    rows = list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff"))))
    assert len(rows) == 2
    van = next(r for r in rows if r["Category"] == "Suspicious vehicle")
    assert van["Description"].startswith("'=HYPERLINK")
    assert van["Reporter"] == ""
    assert float(van["Latitude"]) == pytest.approx(45.516529, abs=0.001)

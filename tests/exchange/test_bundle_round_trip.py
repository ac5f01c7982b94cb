"""Bundles leave one database and arrive in another exactly: every table compared in plain
SQL, twice-imported bundles change nothing, newer records win, groups live side by side."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import jsonschema
import pytest

from tests.exchange.conftest import group_uuid, snapshot, write_bundle_of
from watchdesk.core.progress import Cancelled, CancelToken, SilentProgress
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_export import PRIVATE_ENTITIES, WITHHELD_NAME
from watchdesk.exchange.format import ENTITIES
from watchdesk.exchange.schema import build_schema, shipped_schema
from watchdesk.ops.exchange import check_bundle, import_bundle


@pytest.fixture
def rich_demo(demo_template: Path, tmp_path: Path) -> Path:
    """The demo plus what it lacks: phone trees with a drill, a block inside another and a
    merged member (references within one file)."""
    path = tmp_path / "rich.sqlite"
    shutil.copy(demo_template, path)
    with sqlite3.connect(path) as connection:
        block, other = [r[0] for r in connection.execute("SELECT id FROM zone LIMIT 2")]
        people = [
            r[0] for r in connection.execute("SELECT id FROM member WHERE zone_id = ?", (block,))
        ][:3]
        stamp = "2026-11-20 10:00:00.000000"

        def add(table: str, uuid: str, **values: object) -> int:
            values |= {"uuid": uuid, "created_at": stamp, "updated_at": stamp, "group_id": 1}
            names = ", ".join(values)
            marks = ", ".join("?" * len(values))
            cursor = connection.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values())
            )
            return int(cursor.lastrowid or 0)

        for position, member in enumerate(people):
            caller = people[0] if position else None
            add(
                "phone_tree_entry",
                f"00000000-0000-7000-8000-00000000000{position}",
                zone_id=block,
                member_id=member,
                caller_member_id=caller,
                position=position,
            )
        drill = add(
            "phone_tree_drill",
            "00000000-0000-7000-8000-000000000010",
            zone_id=block,
            held_on="2026-11-01",
            minutes_to_complete=14,
        )
        add(
            "phone_tree_drill_contact",
            "00000000-0000-7000-8000-000000000011",
            drill_id=drill,
            member_id=people[1],
            reached=1,
        )
        connection.execute("UPDATE zone SET parent_zone_id = ? WHERE id = ?", (other, block))
        connection.execute(
            "UPDATE member SET merged_into_id = ? WHERE id = ?", (people[0], people[2])
        )
    return path


def test_full_bundle_round_trips_every_table(
    rich_demo: Path, empty_db: Database, tmp_path: Path
) -> None:
    bundle = write_bundle_of(rich_demo, tmp_path / "move.wdx", profile="full")
    summary = import_bundle(empty_db, bundle).value
    assert summary.new_group and summary.count("updated") == 0
    before, after = snapshot(rich_demo), snapshot(empty_db.path)
    for table in ENTITIES:
        assert after[table] == before[table], table
    assert len(after["phone_tree_entry"]) == 3 and len(after["phone_tree_drill_contact"]) == 1
    assert summary.count("added") == sum(len(rows) for rows in before.values())
    # Moved to an empty database: the group is this laptop's own.
    with sqlite3.connect(empty_db.path) as connection:
        assert connection.execute("SELECT is_local FROM watch_group").fetchone() == (1,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        # The full-text index followed the imported observations.
        assert connection.execute("SELECT count(*) FROM observation_fts").fetchone()[0] == 1000


def test_importing_twice_changes_nothing(full_bundle: Path, empty_db: Database) -> None:
    import_bundle(empty_db, full_bundle)
    first = snapshot(empty_db.path)
    again = import_bundle(empty_db, full_bundle).value
    assert again.count("added") == again.count("updated") == 0
    assert again.count("unchanged") == sum(len(rows) for rows in first.values())
    assert snapshot(empty_db.path) == first
    assert "Left alone: records this database already holds" in "\n".join(again.lines())


def test_a_record_is_replaced_only_by_a_newer_one(
    demo_template: Path, empty_db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "source.sqlite"
    shutil.copy(demo_template, source)
    import_bundle(empty_db, write_bundle_of(source, tmp_path / "v1.wdx", profile="full"))
    with sqlite3.connect(source) as connection:
        newer, older = [r[0] for r in connection.execute("SELECT uuid FROM observation LIMIT 2")]
        connection.execute(
            "UPDATE observation SET description = 'Seen again: grey van', "
            "updated_at = '2026-11-22 09:00:00.000000' WHERE uuid = ?",
            (newer,),
        )
        # Changed at the source, but the liaison's copy was edited later still.
        connection.execute(
            "UPDATE observation SET description = 'source edit', "
            "updated_at = '2026-11-22 09:00:00.000000' WHERE uuid = ?",
            (older,),
        )
    with sqlite3.connect(empty_db.path) as connection:
        connection.execute(
            "UPDATE observation SET description = 'liaison edit', "
            "updated_at = '2026-11-23 08:00:00.000000' WHERE uuid = ?",
            (older,),
        )
    summary = import_bundle(
        empty_db, write_bundle_of(source, tmp_path / "v2.wdx", profile="full")
    ).value
    observations = next(o for o in summary.outcomes if o.entity == "observation")
    assert (observations.added, observations.updated) == (0, 1)
    with sqlite3.connect(empty_db.path) as connection:
        text = dict(connection.execute("SELECT uuid, description FROM observation"))
        assert text[newer] == "Seen again: grey van"
        assert text[older] == "liaison edit"
        # ... and the search index follows the update.
        found = connection.execute(
            "SELECT count(*) FROM observation_fts WHERE observation_fts MATCH 'grey AND van "
            "AND again'"
        ).fetchone()[0]
        assert found >= 1


def test_two_groups_live_side_by_side(
    demo_template: Path, second_demo: Path, empty_db: Database, tmp_path: Path
) -> None:
    first = write_bundle_of(demo_template, tmp_path / "a.wdx", profile="full")
    second = write_bundle_of(second_demo, tmp_path / "b.wdx", profile="full")
    import_bundle(empty_db, first)
    import_bundle(empty_db, second)
    with sqlite3.connect(empty_db.path) as connection:
        groups = connection.execute(
            "SELECT name, is_local FROM watch_group ORDER BY name"
        ).fetchall()
        per_group = dict(
            connection.execute(
                "SELECT g.name, count(*) FROM observation o "
                "JOIN watch_group g ON g.id = o.group_id "
                "GROUP BY g.name"
            )
        )
    # The first moved into the empty file and is its own; the second arrived beside it.
    assert groups == [
        ("Hawthorne Heights Neighborhood Watch", 1),
        ("Lents Park Neighborhood Watch", 0),
    ]
    for source, name in ((demo_template, "Hawthorne"), (second_demo, "Lents")):
        with sqlite3.connect(source) as connection:
            count = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
        assert per_group[next(n for n in per_group if n.startswith(name))] == count
    # Each group's records are exactly its bundle's, whatever the other brought.
    for source in (demo_template, second_demo):
        uuid = group_uuid(source)
        here, there = snapshot(empty_db.path, uuid), snapshot(source, uuid)
        for table in ENTITIES:
            assert here[table] == there[table], table


def test_precinct_profile_leaves_private_details_behind(
    precinct_bundle: Path, demo_template: Path
) -> None:
    with zipfile.ZipFile(precinct_bundle) as bundle:
        names = set(bundle.namelist())
        text = {name: bundle.read(name).decode("utf-8") for name in names}
    assert {f"{entity}.json" for entity in PRIVATE_ENTITIES}.isdisjoint(names)
    with sqlite3.connect(demo_template) as connection:
        phones = [
            p
            for row in connection.execute(
                "SELECT phone_home, phone_mobile, phone_work, email FROM member"
            )
            for p in row
            if p
        ]
        addresses = [r[0] for r in connection.execute("SELECT address_line FROM household")]
        named = dict(connection.execute("SELECT uuid, consent_named_in_reports FROM member"))
        precision = connection.execute("SELECT share_precision_m FROM watch_group").fetchone()[0]
        exact = dict(connection.execute("SELECT uuid, latitude FROM observation"))
    # (The group's own file holds the liaison officer's work phone, which some demo member
    # numbers happen to share.)
    everything = "\n".join(t for name, t in text.items() if name != "watch_group.json")
    assert phones and not any(phone in everything for phone in phones)
    assert addresses and not any(address in everything for address in addresses)
    members = json.loads(text["member.json"])
    for member in members:
        assert member["email"] is None and member["household_uuid"] is None
        if not named[member["uuid"]]:
            assert member["family_name"] == WITHHELD_NAME
    assert any(named.values()) and not all(named.values())
    assert precision >= 100
    moved = [
        o
        for o in json.loads(text["observation.json"])
        if o["latitude"] is not None and o["latitude"] != exact[o["uuid"]]
    ]
    assert moved, "locations are rounded to the sharing precision"
    manifest = json.loads(text["manifest.json"])
    assert manifest["profile"] == "precinct" and "no member phone" in manifest["notice"]


def test_full_profile_says_so_in_the_file(full_bundle: Path) -> None:
    with zipfile.ZipFile(full_bundle) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["profile"] == "full"
    assert manifest["notice"].startswith("FULL PROFILE, NOT REDACTED")


@pytest.mark.parametrize("bundle_fixture", ["full_bundle", "precinct_bundle"])
def test_bundles_validate_with_the_shipped_schema_alone(
    bundle_fixture: str, request: pytest.FixtureRequest
) -> None:
    """Another program needs only the schema file and a standard validator."""
    schema = shipped_schema()
    bundle_path: Path = request.getfixturevalue(bundle_fixture)
    with zipfile.ZipFile(bundle_path) as bundle:
        for name in bundle.namelist():
            document = json.loads(bundle.read(name))
            definition = "manifest" if name == "manifest.json" else name[:-5] + "_file"
            validator = jsonschema.Draft7Validator(
                {**schema["definitions"][definition], "definitions": schema["definitions"]}
            )
            errors = list(validator.iter_errors(document))
            assert errors == [], (name, errors[:1])


def test_the_shipped_schema_is_up_to_date() -> None:
    """Regenerate with ``python -m watchdesk.exchange.schema`` after a model change."""
    assert shipped_schema() == build_schema()


def test_period_bundle_holds_the_period_and_imports_cleanly(
    demo_template: Path, empty_db: Database, tmp_path: Path
) -> None:
    import datetime as dt

    bundle = write_bundle_of(
        demo_template, tmp_path / "oct.wdx", first=dt.date(2026, 10, 1), last=dt.date(2026, 10, 31)
    )
    summary = import_bundle(empty_db, bundle).value
    assert summary.period == ("2026-10-01", "2026-10-31")
    with sqlite3.connect(demo_template) as connection:
        # Portland is UTC-7 in October.
        expected = connection.execute(
            "SELECT count(*) FROM observation WHERE occurred_at >= '2026-10-01 07:00:00' "
            "AND occurred_at < '2026-11-01 07:00:00'"
        ).fetchone()[0]
    with sqlite3.connect(empty_db.path) as connection:
        assert connection.execute("SELECT count(*) FROM observation").fetchone()[0] == expected
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        months = connection.execute("SELECT DISTINCT substr(starts_at, 1, 7) FROM shift").fetchall()
    assert expected > 0 and set(months) <= {("2026-10",), ("2026-11",)}


def test_dry_run_reports_the_same_and_writes_nothing(full_bundle: Path, demo_db: Database) -> None:
    before = snapshot(demo_db.path)
    with sqlite3.connect(demo_db.path) as connection:
        connection.execute(
            "UPDATE member SET notes = 'edited here', updated_at = "
            "'2020-01-01 00:00:00.000000' WHERE id = 1"
        )
    edited = snapshot(demo_db.path)
    preview = check_bundle(demo_db, full_bundle)
    assert preview.dry_run and snapshot(demo_db.path) == edited
    assert preview.count("updated") == 1 and preview.count("added") == 0
    real = import_bundle(demo_db, full_bundle).value
    assert [(o.entity, o.added, o.updated) for o in real.outcomes] == [
        (o.entity, o.added, o.updated) for o in preview.outcomes
    ]
    assert snapshot(demo_db.path) == before


def test_cancelling_an_import_leaves_nothing(full_bundle: Path, empty_db: Database) -> None:
    token = CancelToken()

    class CancelMidway(SilentProgress):
        def report(self, done: int, total: int, message: str = "") -> None:
            if message.startswith("Importing") and done > 2_000:
                token.cancel()

    with pytest.raises(Cancelled):
        import_bundle(empty_db, full_bundle, progress=CancelMidway(token))
    assert all(not rows for rows in snapshot(empty_db.path).values())


def test_cancelling_an_export_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    from watchdesk.exchange.bundle_export import ExportChoice
    from watchdesk.ops.exchange import export_bundle

    token = CancelToken()

    class CancelMidway(SilentProgress):
        def report(self, done: int, total: int, message: str = "") -> None:
            if done > 1_000:
                token.cancel()

    with pytest.raises(Cancelled):
        export_bundle(
            demo_db, ExportChoice(1, "full"), tmp_path / "b.wdx", None, CancelMidway(token)
        )
    assert not (tmp_path / "b.wdx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]

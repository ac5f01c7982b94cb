"""A real bundle mutated a thousand ways (bytes, ZIP entries, JSON values and types, the
manifest): every result is either a clean import or a clean refusal that changed nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.exchange.conftest import snapshot, write_bundle_of
from tests.exchange.forge import array_bytes, read_members, reseal
from watchdesk.db.engine import Database, create_database_engine
from watchdesk.db.opening import open_database
from watchdesk.exchange.bundle_read import BundleError
from watchdesk.ops.exchange import import_bundle

_TRIM = [
    "DELETE FROM observation WHERE id NOT IN (SELECT observation_id FROM vehicle_descriptor "
    "ORDER BY id LIMIT 3) AND id NOT IN (SELECT id FROM observation ORDER BY id LIMIT 3)",
    "DELETE FROM shift WHERE id NOT IN (SELECT shift_id FROM patrol_log ORDER BY id LIMIT 3)",
    "DELETE FROM shift_series WHERE id NOT IN (SELECT series_id FROM shift "
    "WHERE series_id IS NOT NULL)",
    "DELETE FROM training_session WHERE id NOT IN (SELECT id FROM training_session LIMIT 2)",
    "DELETE FROM meeting WHERE id NOT IN (SELECT id FROM meeting LIMIT 1)",
    "DELETE FROM member WHERE id NOT IN (SELECT member_id FROM assignment) AND id NOT IN "
    "(SELECT reporter_member_id FROM observation WHERE reporter_member_id IS NOT NULL) "
    "AND id NOT IN (SELECT id FROM member LIMIT 4)",
    "DELETE FROM household WHERE id NOT IN (SELECT household_id FROM member "
    "WHERE household_id IS NOT NULL)",
]


@pytest.fixture(scope="module")
def small_bundles(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """A database holding an older copy of a small group, and a newer bundle of it."""
    folder = tmp_path_factory.mktemp("mutations")
    source = folder / "small.sqlite"
    shutil.copy(demo_template, source)
    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        for statement in _TRIM:
            connection.execute(statement)
    older = write_bundle_of(source, folder / "older.wdx", profile="full")
    with sqlite3.connect(source) as connection:
        for table in ("observation", "member", "shift", "zone"):
            connection.execute(f"UPDATE {table} SET updated_at = '2027-01-01 00:00:00.000000'")
    newer = write_bundle_of(source, folder / "newer.wdx", profile="full")
    template = folder / "template.sqlite"
    database, _ = open_database(template)
    import_bundle(database, older)
    database.dispose()
    return template, newer


_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "..",
            "../../etc",
            "=1+1",
            "2026-02-30",
            "2026-01-01T00:00:00Z",
            "25:00:00",
            "01234567-89ab-7def-8123-456789abcdef",
            "\u0000",
            "a" * 400,
        ]
    ),
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn, members: dict[str, bytes]) -> tuple[str, bytes]:
    """(what was done, the bytes of a .wdx file). A changed file is resealed (sizes and
    checksums recomputed) half the time, so changes also reach the checks behind them."""
    names = sorted(members)
    kind = draw(
        st.sampled_from(
            ["value", "field", "records", "member-bytes", "entries", "manifest", "file-bytes"]
        )
    )
    result = dict(members)
    if kind in ("value", "field", "records"):
        name = draw(
            st.sampled_from([n for n in names if n != "manifest.json" and len(members[n]) > 4])
        )
        records: list[Any] = json.loads(members[name])
        if not records:
            return kind, _zip(result)
        index = draw(st.integers(0, len(records) - 1))
        if kind == "value":
            field = draw(st.sampled_from(sorted(records[index])))
            records[index][field] = draw(_json_values)
        elif kind == "field":
            if draw(st.booleans()):
                records[index].pop(draw(st.sampled_from(sorted(records[index]))))
            else:
                records[index][draw(st.text(min_size=1, max_size=12))] = draw(_json_values)
        else:
            action = draw(st.sampled_from(["drop", "duplicate", "swap", "replace"]))
            if action == "drop":
                records.pop(index)
            elif action == "duplicate":
                records.insert(index, dict(records[index]))
            elif action == "swap" and len(records) > 1:
                records[0], records[-1] = records[-1], records[0]
            else:
                records[index] = draw(_json_values)
        result[name] = array_bytes(records)
        result = reseal(result) if draw(st.booleans()) or kind != "records" else result
    elif kind == "member-bytes":
        name = draw(st.sampled_from(names))
        data = bytearray(members[name])
        start = draw(st.integers(0, max(len(data) - 1, 0)))
        end = min(len(data), start + draw(st.integers(0, 64)))
        data[start:end] = draw(st.binary(max_size=64))
        result[name] = bytes(data)
        if name != "manifest.json" and draw(st.booleans()):
            result = reseal(result, recount=False)
    elif kind == "entries":
        action = draw(st.sampled_from(["drop", "rename", "add"]))
        name = draw(st.sampled_from(names))
        if action == "drop":
            result.pop(name)
        elif action == "rename":
            new = draw(
                st.sampled_from(
                    [
                        "../zone.json",
                        "/zone.json",
                        "x/zone.json",
                        "zone.json",
                        "ZONE.JSON",
                        "zone.json ",
                        "a" * 300 + ".json",
                    ]
                )
            )
            result[new] = result.pop(name)
        else:
            # zipfile cuts a name at NUL: one starting with it would have no name at all.
            name = draw(st.text(min_size=1, max_size=20).filter(lambda n: n[0] != "\x00"))
            result[name] = draw(st.binary(max_size=200))
    elif kind == "manifest":
        manifest = json.loads(members["manifest.json"])
        key = draw(st.sampled_from(sorted(manifest)))
        if draw(st.booleans()):
            manifest[key] = draw(_json_values)
        else:
            manifest.pop(key)
        result["manifest.json"] = json.dumps(manifest).encode()
    else:
        data = bytearray(_zip(members))
        start = draw(st.integers(0, len(data) - 1))
        end = min(len(data), start + draw(st.integers(0, 256)))
        data[start:end] = draw(st.binary(max_size=256))
        return kind, bytes(data)
    return kind, _zip(result)


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_every_mutation_imports_cleanly_or_changes_nothing(
    data: st.DataObject, small_bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    template, newer = small_bundles
    members = read_members(newer)
    kind, content = data.draw(mutated(members))
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    database_file = work / "db.sqlite"
    shutil.copy(template, database_file)
    bundle = work / "case.wdx"
    bundle.write_bytes(content)
    db = Database(database_file, create_database_engine(database_file))
    before = snapshot(database_file)
    try:
        import_bundle(db, bundle)
    except BundleError as refused:
        message = str(refused)
        assert message and "\n" not in message
        assert snapshot(database_file) == before, message
        event(f"{kind}: refused")
    else:
        with sqlite3.connect(database_file) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            with zipfile.ZipFile(bundle) as archive:
                for name in archive.namelist():
                    if name == "manifest.json":
                        continue
                    table = name.removesuffix(".json")
                    for record in json.loads(archive.read(name)):
                        found = connection.execute(
                            f"SELECT 1 FROM {table} WHERE uuid = ?", (record["uuid"],)
                        ).fetchone()
                        assert found, (kind, name, record["uuid"])
        event(f"{kind}: imported")
    finally:
        db.dispose()
        shutil.rmtree(work)

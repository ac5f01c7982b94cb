"""Broken and hostile bundles: a clear one-line error, and the database exactly as it was."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.conftest import snapshot
from tests.exchange.forge import array_bytes, read_members, records_of, reseal, write_members
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_read import DEFAULT_LIMITS, BundleError
from watchdesk.ops.exchange import import_bundle

Members = dict[str, bytes]


def _edit_record(name: str, change: Callable[[dict[str, Any]], None], index: int = 0) -> Any:
    def forge(members: Members) -> Members:
        records = records_of(members, name)
        change(records[index])
        return reseal({**members, name: array_bytes(records)})

    return forge


def _set(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda record: record.__setitem__(field, value)


def _manifest(change: Callable[[dict[str, Any]], None]) -> Any:
    def forge(members: Members) -> Members:
        manifest = json.loads(members["manifest.json"])
        change(manifest)
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    return forge


def _altered_record(members: Members) -> Members:
    data = members["observation.json"].replace(b'"severity":1', b'"severity":2', 1)
    assert data != members["observation.json"]
    return {**members, "observation.json": data}


def _unknown_reference(members: Members) -> Members:
    return _edit_record(
        "observation.json", _set("zone_uuid", "01234567-89ab-7def-8123-456789abcdef")
    )(members)


def _out_of_order(members: Members) -> Members:
    records = records_of(members, "zone.json")
    records[0], records[1] = records[1], records[0]
    return reseal({**members, "zone.json": array_bytes(records)})


def _duplicate_uuid(members: Members) -> Members:
    records = records_of(members, "zone.json")
    records.insert(1, dict(records[0], name="Another block"))
    return reseal({**members, "zone.json": array_bytes(records)})


def _truncated_file(members: Members) -> Members:
    data = members["member.json"]
    return reseal({**members, "member.json": data[: len(data) // 2]}, recount=False)


def _nested_record(members: Members) -> Members:
    deep = b"[" * 100_000 + b"]" * 100_000
    data = members["zone.json"].replace(b"[\n", b"[\n" + deep + b",\n", 1)
    return reseal({**members, "zone.json": data}, recount=False)


def _huge_record(members: Members) -> Members:
    blob = os.urandom(3 * DEFAULT_LIMITS.record_bytes // 4).hex()  # random: no high ratio
    return _edit_record("zone.json", _set("notes", blob))(members)


def _broken_rule(members: Members) -> Members:
    # Reported before it occurred: a rule between two fields (even in a record not newer).
    return _edit_record("observation.json", _set("reported_at", "2001-01-01T00:00:00Z"))(members)


def _broken_database_rule(members: Members) -> Members:
    # A point with a latitude and no longitude: only the database's CHECK says so.
    def change(record: dict[str, Any]) -> None:
        record.update(latitude=45.5, longitude=None, updated_at="2030-01-01T00:00:00Z")

    return _edit_record("observation.json", change)(members)


def _bad_time_zone(members: Members) -> Members:
    return _edit_record("watch_group.json", _set("timezone", "Mars/Olympus_Mons"))(members)


def _bad_date(members: Members) -> Members:
    return _edit_record("meeting.json", _set("starts_at", "2026-13-45T10:00:00Z"))(members)


CASES: dict[str, tuple[Callable[[Members], Members], str]] = {
    "wrong format version": (_manifest(lambda m: m.update(format_version=2)), "format version 2"),
    "not a bundle's manifest": (_manifest(lambda m: m.update(format="other")), "not a WatchDesk"),
    "checksum mismatch": (_altered_record, "checksum does not match"),
    "manifest count wrong": (
        _manifest(lambda m: m["files"]["zone.json"].update(records=99)),
        "the manifest says 99",
    ),
    "schema: value out of range": (
        _edit_record("observation.json", _set("severity", 9)),
        "observation.json line 2: severity must be one of",
    ),
    "schema: wrong type": (
        _edit_record("observation.json", _set("severity", "high")),
        "severity must be",
    ),
    "schema: unknown field": (
        _edit_record("member.json", _set("password", "x")),
        "must not contain",
    ),
    "schema: missing field": (
        _edit_record("member.json", lambda r: r.pop("role")),
        "must contain",
    ),
    "schema: latitude beyond 90": (
        _edit_record("observation.json", _set("latitude", 123.0)),
        "latitude must be smaller than or equal to 90",
    ),
    "broken order of two fields": (
        _broken_rule,
        "observation.json line 2: reported_at must be on or after occurred_at",
    ),
    "broken database rule": (_broken_database_rule, "breaks the rule 'point complete'"),
    "unknown time zone": (_bad_time_zone, "is not a known time zone"),
    "impossible date": (_bad_date, "meeting.json line 2: month must be in 1..12"),
    "reference to nothing": (_unknown_reference, "is neither in the bundle nor in this database"),
    "records out of order": (_out_of_order, "increasing uuid order"),
    "the same uuid twice": (_duplicate_uuid, "increasing uuid order, each uuid once"),
    "truncated member file": (_truncated_file, "member.json"),
    "deeply nested JSON": (_nested_record, "nested too deeply"),
    "a very large JSON document": (_huge_record, "record too long"),
    "a file the format does not know": (
        lambda m: reseal({**m, "passwords.json": b"[\n]\n"}),
        "passwords.json: not a file this format knows",
    ),
    "missing file": (
        lambda m: {k: v for k, v in m.items() if k != "zone.json"},
        "zone.json is missing",
    ),
    "no manifest": (
        lambda m: {k: v for k, v in m.items() if k != "manifest.json"},
        "no manifest.json",
    ),
    "not JSON's whitespace before the array": (
        lambda m: reseal({**m, "agenda_item.json": b"\x0b" + m["agenda_item.json"]}),
        "agenda_item.json line 1: expected '['",
    ),
    "deeply nested manifest": (
        lambda m: {**m, "manifest.json": b"[" * 50 + b"]" * 50},
        "nested too deeply",
    ),
}


@pytest.fixture
def liaison(demo_db: Database) -> tuple[Database, dict[str, Any]]:
    """A database holding the demo group: a bad bundle must leave all of it alone."""
    return demo_db, snapshot(demo_db.path)


def _expect_refusal(db: Database, before: dict[str, Any], bundle: Path, words: str) -> None:
    with pytest.raises(BundleError) as caught:
        import_bundle(db, bundle)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and "Traceback" not in message
    assert snapshot(db.path) == before


@pytest.mark.parametrize("case", CASES)
def test_broken_bundle_is_refused_cleanly(
    case: str, full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    forge, words = CASES[case]
    # A newer copy of the demo group, so that a good bundle would change the database.
    members = read_members(full_bundle)
    bundle = write_members(tmp_path / "bad.wdx", forge(members))
    _expect_refusal(db, before, bundle, words)


def test_a_good_forged_bundle_imports(
    full_bundle: Path, empty_db: Database, tmp_path: Path
) -> None:
    """The forging itself keeps bundles valid: refusals above are for the damage alone."""
    bundle = write_members(tmp_path / "ok.wdx", reseal(read_members(full_bundle)))
    assert import_bundle(empty_db, bundle).value.count("added") > 4000


def _zip_with(tmp_path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    target = tmp_path / "bad.wdx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return target


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("../../etc/cron.d/evil.json", "unexpected file name inside"),
        ("/etc/passwd.json", "unexpected file name inside"),
        ("data/zone.json", "unexpected file name inside"),
        ("C:\\\\zone.json", "unexpected file name inside"),
    ],
)
def test_member_names_that_leave_the_folder_are_refused(
    entry: str, words: str, full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    members = list(read_members(full_bundle).items())
    bundle = _zip_with(tmp_path, [*members, (entry, b"[\n]\n")])
    _expect_refusal(db, before, bundle, words)


def test_symbolic_links_are_refused(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    members = read_members(full_bundle)
    link = zipfile.ZipInfo("zone.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    entries = [(n, d) for n, d in members.items() if n != "zone.json"]
    bundle = _zip_with(tmp_path, [*entries, (link, b"/etc/passwd")])
    _expect_refusal(db, before, bundle, "zone.json is a symbolic link")


def test_too_many_members_are_refused(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    members = list(read_members(full_bundle).items())
    extra = [(f"extra_{chr(97 + i // 26)}{chr(97 + i % 26)}.json", b"[]") for i in range(80)]
    bundle = _zip_with(tmp_path, members + extra)
    _expect_refusal(db, before, bundle, "too many for a bundle")


def test_a_zip_bomb_is_stopped_while_reading(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    """200 MB of the same byte squeezed to ~200 kB; the manifest even claims the size."""
    db, before = liaison
    members = read_members(full_bundle)
    bomb = b"[\n" + b" " * 200_000_000 + b"\n]\n"
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["zone.json"] = {"records": 0, "bytes": len(bomb), "sha256": "0" * 64}
    members = {**members, "zone.json": bomb, "manifest.json": json.dumps(manifest).encode()}
    bundle = write_members(tmp_path / "bomb.wdx", members)
    assert bundle.stat().st_size < 2_000_000
    _expect_refusal(db, before, bundle, "compressed too well")


def test_more_bytes_than_the_manifest_declares_are_refused(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    members = reseal(read_members(full_bundle))
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["member.json"]["bytes"] = 1_000
    members["manifest.json"] = json.dumps(manifest).encode()
    bundle = write_members(tmp_path / "long.wdx", members)
    _expect_refusal(db, before, bundle, "member.json: larger than its limit or its manifest entry")


def test_more_declared_bytes_than_the_total_limit_are_refused(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    members = reseal(read_members(full_bundle))
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["observation.json"]["bytes"] = DEFAULT_LIMITS.total_bytes + 1
    members["manifest.json"] = json.dumps(manifest).encode()
    bundle = write_members(tmp_path / "big.wdx", members)
    _expect_refusal(db, before, bundle, "over the limit")


@pytest.mark.parametrize("cut", [0.98, 0.5, 0.1])
def test_truncated_zip_is_refused(
    cut: float, full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    data = full_bundle.read_bytes()
    bundle = tmp_path / "cut.wdx"
    bundle.write_bytes(data[: int(len(data) * cut)])
    _expect_refusal(db, before, bundle, "cut.wdx")


def test_corrupt_zip_data_is_refused(
    full_bundle: Path, liaison: tuple[Database, Any], tmp_path: Path
) -> None:
    db, before = liaison
    data = bytearray(full_bundle.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = os.urandom(64)
    bundle = tmp_path / "corrupt.wdx"
    bundle.write_bytes(bytes(data))
    with pytest.raises(BundleError) as caught:
        import_bundle(db, bundle)
    assert "damaged" in str(caught.value) or "checksum" in str(caught.value)
    assert snapshot(db.path) == before


def test_a_file_that_is_no_zip_is_refused(liaison: tuple[Database, Any], tmp_path: Path) -> None:
    db, before = liaison
    bundle = tmp_path / "notes.wdx"
    bundle.write_text("just some notes", encoding="utf-8")
    _expect_refusal(db, before, bundle, "notes.wdx is not a WatchDesk bundle")


def test_a_record_of_another_group_is_not_taken_over(
    full_bundle: Path, demo_db: Database, second_demo: Path, tmp_path: Path
) -> None:
    """A bundle of group B that names one of group A's records cannot move or change it."""
    from tests.exchange.conftest import write_bundle_of

    other = read_members(write_bundle_of(second_demo, tmp_path / "b.wdx", profile="full"))
    mine = records_of(read_members(full_bundle), "zone.json")[0]
    blocks = records_of(other, "zone.json")
    blocks[0] = dict(blocks[0], uuid=mine["uuid"], updated_at="2030-01-01T00:00:00Z")
    blocks.sort(key=lambda z: z["uuid"])
    bundle = write_members(
        tmp_path / "takeover.wdx", reseal({**other, "zone.json": array_bytes(blocks)})
    )
    before = snapshot(demo_db.path)
    _expect_refusal(demo_db, before, bundle, "another group in this database")

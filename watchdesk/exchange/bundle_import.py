"""Importing an exchange bundle: everything checked, then written in one transaction.

Records are matched by UUID: one not here is added; one here is replaced only when the
bundle's ``updated_at`` is newer, and otherwise left alone, so importing a bundle twice changes
nothing. Every record lands in the bundle's group (created on first import); a record that
exists here in another group, or a reference to a record that is neither in the bundle nor in
this database's copy of the group, stops the import. Any error rolls everything back.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy.engine import Connection

from watchdesk.core.entities import check_timezone
from watchdesk.core.geo import boundary_from_json
from watchdesk.core.progress import Progress
from watchdesk.core.validation import ValidationError
from watchdesk.exchange.bundle_read import BundleError, BundleReader
from watchdesk.exchange.format import EntitySpec, FieldSpec, entity_specs

T = TypeVar("T")

BATCH = 2_000
_LOOKUP_CHUNK = 900  # host parameters per IN (...) lookup


@dataclass
class EntityOutcome:
    entity: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportSummary:
    group_uuid: str
    group_name: str
    profile: str
    period: tuple[str | None, str | None]
    created_at: str
    program: str
    new_group: bool = False
    dry_run: bool = False
    outcomes: list[EntityOutcome] = field(default_factory=list)

    def count(self, what: str) -> int:
        return sum(getattr(outcome, what) for outcome in self.outcomes)

    def lines(self) -> list[str]:
        """What happened (or would happen), for the CLI and the preview."""
        group = "new group" if self.new_group else "group already here"
        first, last = self.period
        period = f"{first or 'the start'} to {last or 'the end'}"
        lines = [
            f"Bundle of {self.group_name} ({group}), {self.profile} profile, "
            f"records from {period}, written {self.created_at} by {self.program}.",
            f"{self.count('added')} added, {self.count('updated')} updated, "
            f"{self.count('unchanged')} left alone.",
        ]
        if self.count("unchanged"):
            lines.append(
                "Left alone: records this database already holds in the same or a newer "
                "version (the bundle's updated_at is not later)."
            )
        for outcome in self.outcomes:
            if outcome.total:
                lines.append(
                    f"  {outcome.entity}: {outcome.added} added, {outcome.updated} updated, "
                    f"{outcome.unchanged} left alone"
                )
        return lines


def _stored_date(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


def _stored_time(text: str) -> str:
    return dt.time.fromisoformat(text).isoformat("microseconds")


def _stored_datetime(text: str) -> str:
    return dt.datetime.fromisoformat(text[:-1]).isoformat(" ", "microseconds")


# The text SQLAlchemy's SQLite types store (``YYYY-MM-DD HH:MM:SS.ffffff`` for a UTC moment),
# made in one step: parsing checks the value (no 30 February), formatting gives the stored
# form. Booleans, numbers and strings go in as they are.
STORED_FORMS: dict[str, Callable[[str], str]] = {
    "date": _stored_date,
    "time": _stored_time,
    "datetime": _stored_datetime,
}


def _check_boundary(text: str) -> str:
    boundary_from_json(text)
    return text


# Rules the schema cannot say (given present values; each returns the value unchanged).
_EXTRA_CHECKS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("watch_group", "timezone"): check_timezone,
    ("zone", "boundary_geojson"): _check_boundary,
}


class _Columns:
    """How one entity's records become rows: converters, SQL, references."""

    def __init__(self, spec: EntitySpec, new_group_local: bool) -> None:
        self.spec = spec
        self.table = spec.table.name
        self.converters: list[Callable[[Any], Any] | None] = []
        for spec_field in spec.fields:
            check = _EXTRA_CHECKS.get((spec.name, spec_field.name))
            self.converters.append(check or STORED_FORMS.get(spec_field.kind))
        self.grouped = spec.name != "watch_group"
        columns = [f.column for f in spec.fields]
        self.updated_at = columns.index("updated_at")
        # (start, end, strict, message) as positions in a row
        self.orders = [
            (
                columns.index(rule.start),
                columns.index(rule.end),
                rule.strict,
                f"{rule.end} must be {'after' if rule.strict else 'on or after'} {rule.start}",
            )
            for rule in spec.orders
        ]
        self.references = [
            (index, f) for index, f in enumerate(spec.fields) if f.target is not None
        ]
        # Records of the group carry its id; the group record itself whether it is this file's own.
        self.is_local = int(new_group_local)
        names = ["id", "group_id" if self.grouped else "is_local", *columns]
        marks = ", ".join("?" * len(names))
        self.insert_sql = f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({marks})"
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.update_sql = f"UPDATE {self.table} SET {assignments} WHERE id = ?"

    def row(self, record: dict[str, Any]) -> list[Any]:
        values = []
        for spec_field, convert in zip(self.spec.fields, self.converters, strict=True):
            value = record[spec_field.name]
            if convert is not None and value is not None:
                value = convert(value)
            values.append(value)
        # Stored forms compare as the values do (ISO text for times and dates).
        for start, end, strict, message in self.orders:
            first, last = values[start], values[end]
            if (
                first is not None
                and last is not None
                and (last < first or (strict and last == first))
            ):
                raise ValueError(message)
        return values


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (``itertools.batched`` arrives with Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass
class _Pending:
    """A reference to a record of the same file, set once the whole file is in."""

    line: int
    row_id: int
    field: FieldSpec
    target_uuid: str


class BundleImport:
    """One import inside the caller's write transaction (``connection``)."""

    def __init__(self, connection: Connection, reader: BundleReader, progress: Progress) -> None:
        self.cursor: sqlite3.Cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.reader = reader
        self.progress = progress
        manifest = reader.manifest
        self.summary = ImportSummary(
            group_uuid=manifest["group"]["uuid"],
            group_name=manifest["group"]["name"],
            profile=manifest["profile"],
            period=(manifest["period"]["from"], manifest["period"]["to"]),
            created_at=manifest["created_at"],
            program=manifest["program"],
        )
        self.group_id: int | None = None
        self.group_is_new = False
        self.total = sum(entry["records"] for entry in manifest["files"].values())
        self.done = 0
        # uuid -> id of this import's records, for the tables later files refer to: most
        # references then need no lookup (a million observations' descriptors).
        self.known: dict[str, dict[str, int]] = {}
        self.last_reader: dict[str, str] = {}

    def run(self) -> ImportSummary:
        specs = entity_specs()
        known = {spec.file_name for spec in specs}
        unknown = sorted(set(self.reader.manifest["files"]) - known)
        if unknown:
            raise BundleError(f"{unknown[0]}: not a file this format knows")
        if not self.reader.has("watch_group.json"):
            raise BundleError("the bundle has no watch_group.json")
        self.group_is_new = self._lookup_group() is None
        any_group = self.cursor.execute("SELECT 1 FROM watch_group LIMIT 1").fetchone()
        # A full bundle into an empty database moves the group here: it becomes this laptop's.
        local = self.group_is_new and any_group is None and self.summary.profile == "full"
        present = [spec for spec in specs if self.reader.has(spec.file_name)]
        for spec in present:
            for reference in spec.references:
                assert reference.target is not None
                self.last_reader[reference.target] = spec.name
        for spec in present:
            self._entity(spec, _Columns(spec, local))
        self.summary.new_group = self.group_is_new
        return self.summary

    def _lookup_group(self) -> int | None:
        row = self.cursor.execute(
            "SELECT id FROM watch_group WHERE uuid = ?", (self.summary.group_uuid,)
        ).fetchone()
        return None if row is None else int(row[0])

    # -- one entity --------------------------------------------------------------------------
    def _entity(self, spec: EntitySpec, columns: _Columns) -> None:
        outcome = EntityOutcome(spec.name)
        self.summary.outcomes.append(outcome)
        next_id = self.cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {columns.table}")
        self._next_id = int(next_id.fetchone()[0]) + 1
        pending: list[_Pending] = []
        records = self.reader.records(spec.file_name, spec.name)
        for batch in _batched(records, BATCH):
            self.progress.check_cancelled()
            self._batch(spec, columns, batch, outcome, pending)
            self.done += len(batch)
            self.progress.report(self.done, self.total, f"Importing {spec.file_name}")
        if spec.name == "watch_group":
            if outcome.total != 1:
                raise BundleError("watch_group.json must hold exactly the bundle's group")
            self.group_id = self._lookup_group()
        self._resolve_pending(spec, pending)
        for table, reader in self.last_reader.items():
            if reader == spec.name:
                self.known.pop(table, None)  # no later file refers to it

    def _batch(
        self,
        spec: EntitySpec,
        columns: _Columns,
        batch: list[tuple[int, dict[str, Any]]],
        outcome: EntityOutcome,
        pending: list[_Pending],
    ) -> None:
        rows: list[tuple[int, str, list[Any]]] = []
        for line, record in batch:
            if spec.name == "watch_group" and record["uuid"] != self.summary.group_uuid:
                raise BundleError(f"watch_group.json line {line}: not the manifest's group")
            try:
                rows.append((line, record["uuid"], columns.row(record)))
            except (ValueError, ValidationError) as exc:
                raise BundleError(f"{spec.file_name} line {line}: {_reason(exc)}") from None
        self_refs = self._resolve_references(spec, columns, rows)
        # A group new here has no records here: a UUID taken by another group's record
        # then fails the insert (the uuid is UNIQUE) and is reported as such.
        existing = {} if self.group_is_new else self._existing(columns, [u for _, u, _ in rows])
        remember = self.known.setdefault(spec.name, {}) if spec.name in self.last_reader else None
        inserts: list[tuple[int, list[Any]]] = []
        updates: list[tuple[int, list[Any]]] = []
        for line, uuid, values in rows:
            found = existing.get(uuid)
            if found is None:
                row_id = self._next_id
                self._next_id += 1
                owner = self.group_id if columns.grouped else columns.is_local
                inserts.append((line, [row_id, owner, *values]))
                outcome.added += 1
            else:
                row_id, group_id, stored_updated = found
                if columns.grouped and group_id != self.group_id:
                    raise BundleError(
                        f"{spec.file_name} line {line}: record {uuid} belongs to another "
                        "group in this database"
                    )
                if values[columns.updated_at] > stored_updated:
                    updates.append((line, [*values, row_id]))
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
                    self_refs.pop(line, None)  # left alone, references and all
            if remember is not None:
                remember[uuid] = row_id
            for reference, target in self_refs.get(line, ()):
                pending.append(_Pending(line, row_id, reference, target))
        self._write(spec, columns, inserts, updates)

    def _resolve_references(
        self, spec: EntitySpec, columns: _Columns, rows: list[tuple[int, str, list[Any]]]
    ) -> dict[int, list[tuple[FieldSpec, str]]]:
        """Replace referenced UUIDs by ids of this database's records of the same group;
        references within the same file are returned, to be set once the file is in."""
        later: dict[int, list[tuple[FieldSpec, str]]] = {}
        for index, spec_field in columns.references:
            assert spec_field.target is not None
            if spec_field.target == spec.name:
                for line, _uuid, values in rows:
                    if values[index] is not None:
                        later.setdefault(line, []).append((spec_field, values[index]))
                        values[index] = None
                continue
            wanted = {values[index] for _, _, values in rows if values[index] is not None}
            ids = self._ids(spec_field.target, wanted)
            for line, _uuid, values in rows:
                target = values[index]
                if target is None:
                    continue
                if target not in ids:
                    raise _dangling(spec, line, spec_field.name, target)
                values[index] = ids[target]
        return later

    def _ids(self, table: str, uuids: set[str]) -> dict[str, int]:
        """Ids of the group's records with these UUIDs: this import's from memory, others
        (a group already here) from the database."""
        known = self.known.get(table, {})
        found = {uuid: known[uuid] for uuid in uuids if uuid in known}
        if self.group_is_new or len(found) == len(uuids):
            return found
        for chunk in _batched(sorted(uuids - found.keys()), _LOOKUP_CHUNK):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT uuid, id FROM {table} WHERE group_id = ? AND uuid IN ({marks})"
            found.update(self.cursor.execute(query, (self.group_id, *chunk)).fetchall())
        return found

    def _existing(self, columns: _Columns, uuids: list[str]) -> dict[str, tuple[int, int, str]]:
        group = "group_id" if columns.grouped else "id"
        found: dict[str, tuple[int, int, str]] = {}
        for chunk in _batched(uuids, _LOOKUP_CHUNK):
            marks = ", ".join("?" * len(chunk))
            query = (
                f"SELECT uuid, id, {group}, updated_at FROM {columns.table} WHERE uuid IN ({marks})"
            )
            for uuid, row_id, group_id, updated in self.cursor.execute(query, chunk):
                found[uuid] = (row_id, group_id, updated)
        return found

    def _write(
        self,
        spec: EntitySpec,
        columns: _Columns,
        inserts: list[tuple[int, list[Any]]],
        updates: list[tuple[int, list[Any]]],
    ) -> None:
        cursor = self.cursor
        cursor.execute("SAVEPOINT bundle_batch")
        try:
            cursor.executemany(columns.insert_sql, [values for _, values in inserts])
            cursor.executemany(columns.update_sql, [values for _, values in updates])
        except sqlite3.IntegrityError as exc:
            cursor.execute("ROLLBACK TO bundle_batch")
            cursor.execute("RELEASE bundle_batch")
            raise self._explain(spec, columns, inserts, updates, exc) from None
        cursor.execute("RELEASE bundle_batch")

    def _explain(
        self,
        spec: EntitySpec,
        columns: _Columns,
        inserts: list[tuple[int, list[Any]]],
        updates: list[tuple[int, list[Any]]],
        error: sqlite3.IntegrityError,
    ) -> BundleError:
        """Find the record a batch failed on (one by one, then undone) and say why."""
        cursor = self.cursor
        cursor.execute("SAVEPOINT bundle_find")
        try:
            for sql, rows in ((columns.insert_sql, inserts), (columns.update_sql, updates)):
                for line, values in rows:
                    try:
                        cursor.execute(sql, values)
                    except sqlite3.IntegrityError as exc:
                        reason = _rule(exc, columns.table)
                        return BundleError(f"{spec.file_name} line {line}: {reason}")
        finally:
            cursor.execute("ROLLBACK TO bundle_find")
            cursor.execute("RELEASE bundle_find")
        first = (inserts or updates)[0][0]
        return BundleError(f"{spec.file_name} from line {first}: {_rule(error, columns.table)}")

    def _resolve_pending(self, spec: EntitySpec, pending: list[_Pending]) -> None:
        if not pending:
            return
        table = spec.table.name
        ids = self._ids(table, {p.target_uuid for p in pending})
        for item in pending:
            if item.target_uuid not in ids:
                raise _dangling(spec, item.line, item.field.name, item.target_uuid)
            self.cursor.execute(
                f"UPDATE {table} SET {item.field.column} = ? WHERE id = ?",
                (ids[item.target_uuid], item.row_id),
            )


def _dangling(spec: EntitySpec, line: int, name: str, target: str) -> BundleError:
    return BundleError(
        f"{spec.file_name} line {line}: {name} {target} is neither in the bundle nor in this "
        "database's copy of the group"
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{name} {text}" for name, text in exc.errors.items())
    return str(exc) or type(exc).__name__


_CHECK = re.compile(r"CHECK constraint failed: ck_(?P<name>[a-z_0-9]+)$")
_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>.+)$")


def _rule(exc: sqlite3.IntegrityError, table: str) -> str:
    text = str(exc)
    check = _CHECK.match(text)
    if check:
        rule = check["name"].removeprefix(f"{table}_").replace("_", " ")
        return f"breaks the rule '{rule}'"
    unique = _UNIQUE.match(text)
    if unique:
        names = ", ".join(c.split(".")[-1] for c in unique["columns"].split(", "))
        if names == "uuid":
            return "its uuid belongs to a record of another group in this database"
        return f"another record here has the same {names}"
    return text

"""Row changes of one write transaction, recorded so the user action can be undone and redone.

While a recording is open, temporary triggers (this connection only) note the first image of
every row the transaction touches, including rows changed by foreign-key actions (ON DELETE
CASCADE / SET NULL fire triggers too). When the recording ends, each touched row's image before
the transaction is paired with its image now. Replaying the "before" images undoes the
transaction; replaying the "after" images redoes it. A replay first checks that every row is
still as the transaction left it, so an undo never overwrites someone else's later change.

The full-text tables are left out: their own triggers keep them in step with the rows replayed.
The triggers are made once per connection and stay switched off between recordings: a write
that is not recorded (an import of a million rows) pays one look at an empty table per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from watchdesk.db.base import Base
from watchdesk.db.engine import not_a_change, total_changes

Values = tuple[Any, ...]

_TOUCHED = "temp.wd_touched"


class ReplayConflict(Exception):
    """A row is no longer as the recorded action left it; nothing was replayed."""

    def __init__(self, table: str, row_id: int) -> None:
        super().__init__(f"{table} {row_id} was changed since")
        self.table = table
        self.row_id = row_id


@dataclass(frozen=True)
class RowChange:
    """One row's image before and after a transaction (None: the row did not exist)."""

    table: str
    row_id: int
    before: Values | None
    after: Values | None


@dataclass(frozen=True)
class RowChanges:
    """What one transaction did to the rows, in a form that can be replayed either way."""

    rows: tuple[RowChange, ...]

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(change.table for change in self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def recorded_tables() -> list[Table]:
    """The tables whose rows are recorded, parents before children."""
    import watchdesk.db.models  # noqa: F401  (registers the tables)

    return list(Base.metadata.sorted_tables)


def _columns(table: Table) -> list[str]:
    """The table's columns, ``id`` first."""
    return ["id", *(column.name for column in table.columns if column.name != "id")]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _before_table(table: Table) -> str:
    return f"temp.wd_before_{table.name}"


_SWITCH = "wd_recording"  # a row here while a recording is open on the connection


def _trigger_sql(table: Table) -> list[str]:
    # Trigger bodies may not qualify the tables they write: the temp names are unique. No
    # "OR IGNORE": a foreign-key action's own conflict policy would override it.
    name = table.name
    touched = _TOUCHED.removeprefix("temp.")
    before = _before_table(table).removeprefix("temp.")
    old = ", ".join(f"OLD.{_quoted(c)}" for c in _columns(table))

    def first_touch(row: str) -> str:
        return f"NOT EXISTS (SELECT 1 FROM {touched} WHERE tbl = '{name}' AND row_id = {row}.id)"

    def note(row: str, existed: int) -> str:
        return (
            f"INSERT INTO {touched} SELECT '{name}', {row}.id, {existed} WHERE {first_touch(row)};"
        )

    keep_old = f"INSERT INTO {before} SELECT {old} WHERE {first_touch('OLD')}; {note('OLD', 1)}"
    on = f"ON main.{_quoted(name)} WHEN EXISTS (SELECT 1 FROM {_SWITCH})"
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS wd_insert_{name} AFTER INSERT {on} "
        f"BEGIN {note('NEW', 0)} END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS wd_update_{name} AFTER UPDATE {on} "
        f"BEGIN {keep_old} {note('NEW', 0)} END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS wd_delete_{name} AFTER DELETE {on} "
        f"BEGIN {keep_old} END",
    ]


def _prepare(connection: Connection, tables: list[Table]) -> None:
    """Give the connection its recording tables and triggers, once: they stay for the
    connection's life, switched off (a write that is not recorded pays one look at an empty
    table per row). Made again if a schema change on this connection dropped any."""
    run = connection.exec_driver_sql
    wanted = 3 * len(tables)
    present = run(
        "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name GLOB 'wd_*'"
    ).scalar()
    if present == wanted:
        return
    run(f"CREATE TEMP TABLE IF NOT EXISTS {_SWITCH} (on_ INTEGER)")
    run(
        f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED.removeprefix('temp.')} "
        "(tbl TEXT NOT NULL, row_id INTEGER NOT NULL, existed INTEGER NOT NULL, "
        "PRIMARY KEY (tbl, row_id))"
    )
    for table in tables:
        before = _before_table(table).removeprefix("temp.")
        # Untyped columns keep every value exactly as stored.
        listed = ", ".join(_quoted(c) for c in _columns(table))
        run(f"CREATE TEMP TABLE IF NOT EXISTS {before} ({listed})")
        for statement in _trigger_sql(table):
            run(statement)


class Recording:
    """Open on a connection inside its write transaction; :meth:`finish` before the commit.
    If the transaction rolls back instead, the switch goes back off with it."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._tables = recorded_tables()
        _prepare(connection, self._tables)
        self._changes_before = total_changes(connection)
        connection.exec_driver_sql(f"INSERT INTO {_SWITCH} VALUES (1)")

    def finish(self) -> RowChanges:
        """Pair each touched row's first image with its image now, and stop recording."""
        run = self._connection.exec_driver_sql
        run(f"DELETE FROM {_SWITCH}")
        touched: dict[str, list[tuple[int, bool]]] = {}
        for table_name, row_id, existed in run(f"SELECT tbl, row_id, existed FROM {_TOUCHED}"):
            touched.setdefault(table_name, []).append((row_id, bool(existed)))
        run(f"DELETE FROM {_TOUCHED}")
        if not touched:  # the switch's own two writes are not a change to the file
            not_a_change(self._connection, self._changes_before)
        changes: list[RowChange] = []
        for table in self._tables:
            rows = touched.get(table.name)
            if not rows:
                continue
            columns = _columns(table)
            kept = run(f"SELECT * FROM {_before_table(table)}")
            before = {values[0]: tuple(values) for values in kept}
            run(f"DELETE FROM {_before_table(table)}")
            now = _current(self._connection, table, [row_id for row_id, _ in rows], columns)
            for row_id, existed in rows:
                old = before.get(row_id) if existed else None
                new = now.get(row_id)
                if old != new:
                    changes.append(RowChange(table.name, row_id, old, new))
        return RowChanges(tuple(changes))


def _current(
    connection: Connection, table: Table, row_ids: Sequence[int], columns: list[str]
) -> dict[int, Values]:
    """The rows of ``table`` with these ids as they are now, by id."""
    found: dict[int, Values] = {}
    listed = ", ".join(_quoted(c) for c in columns)
    for start in range(0, len(row_ids), 500):
        chunk = list(row_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        query = f"SELECT {listed} FROM main.{_quoted(table.name)} WHERE id IN ({marks})"
        for values in connection.exec_driver_sql(query, tuple(chunk)):
            found[values[0]] = tuple(values)
    return found


def replay(connection: Connection, changes: RowChanges) -> RowChanges:
    """Put every row of ``changes`` back to its ``before`` image, inside the caller's write
    transaction; returns what the replay itself changed (the way back).

    Raises :class:`ReplayConflict` (the caller rolls back) when a row is not as ``after``
    says, or when the replay would touch a row outside ``changes`` (a later record that
    depends on one being removed).
    """
    tables = {table.name: table for table in recorded_tables()}
    order = list(tables)
    by_table: dict[str, list[RowChange]] = {}
    for change in changes.rows:
        by_table.setdefault(change.table, []).append(change)
    for name, rows in by_table.items():
        table = tables[name]
        now = _current(connection, table, [c.row_id for c in rows], _columns(table))
        for change in rows:
            if now.get(change.row_id) != change.after:
                raise ReplayConflict(name, change.row_id)

    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    recording = Recording(connection)
    # Rows to remove, children first; then rows to restore, parents first.
    for name in reversed(order):
        for change in by_table.get(name, ()):
            if change.before is None:
                connection.exec_driver_sql(
                    f"DELETE FROM main.{_quoted(name)} WHERE id = ?", (change.row_id,)
                )
    for name in order:
        table = tables[name]
        columns = _columns(table)
        for change in by_table.get(name, ()):
            if change.before is not None:
                _restore(connection, table, columns, change.row_id, change.before)
    done = recording.finish()
    expected = {(c.table, c.row_id) for c in changes.rows}
    for change in done.rows:
        if (change.table, change.row_id) not in expected:
            raise ReplayConflict(change.table, change.row_id)
    return done


def _restore(
    connection: Connection, table: Table, columns: list[str], row_id: int, values: Values
) -> None:
    name = _quoted(table.name)
    exists = connection.exec_driver_sql(
        f"SELECT 1 FROM main.{name} WHERE id = ?", (row_id,)
    ).first()
    if exists is None:
        listed = ", ".join(_quoted(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(f"INSERT INTO main.{name} ({listed}) VALUES ({marks})", values)
    else:
        assignments = ", ".join(f"{_quoted(c)} = ?" for c in columns[1:])
        connection.exec_driver_sql(
            f"UPDATE main.{name} SET {assignments} WHERE id = ?", (*values[1:], row_id)
        )

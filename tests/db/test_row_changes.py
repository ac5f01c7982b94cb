"""Recording a transaction's row changes and replaying them: the mechanism behind undo."""

from __future__ import annotations

import sqlite3

import pytest

from watchdesk.db.engine import Database
from watchdesk.db.row_changes import Recording, ReplayConflict, RowChanges, replay
from watchdesk.ops.history import CannotUndo, replay_step
from watchdesk.ops.result import UndoStep
from watchdesk.ops.transaction import undoable


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in id order (the full-text tables included)."""
    path = db.engine.url.database
    assert path
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE '%fts_%'"
            )
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def record(db: Database, *statements: tuple[str, tuple[object, ...]]) -> RowChanges:
    with db.write() as session:
        connection = session.connection()
        recording = Recording(connection)
        for sql, args in statements:
            connection.exec_driver_sql(sql, args)
        return recording.finish()


def copy_row_sql(table: str, uuid: str, **values: str) -> str:
    """SQL that copies the table's first row under a new id and ``uuid``, with ``values``
    (SQL literals) in place of its own."""
    from watchdesk.db.row_changes import recorded_tables

    (found,) = [t for t in recorded_tables() if t.name == table]
    columns = [c.name for c in found.columns if c.name not in ("id", "uuid")]
    chosen = [values.get(c, c) for c in columns]
    return (
        f"INSERT INTO {table} (uuid, {', '.join(columns)}) SELECT '{uuid}', {', '.join(chosen)}"
        f" FROM {table} ORDER BY id LIMIT 1"
    )


def first_id(db: Database, query: str) -> int:
    with db.read() as session:
        found = session.connection().exec_driver_sql(query).scalar()
    assert isinstance(found, int)
    return found


def test_a_cascading_delete_is_recorded_whole_and_replayed_both_ways(demo_db: Database) -> None:
    shift_id = first_id(
        demo_db,
        "SELECT shift_id FROM patrol_log WHERE shift_id IN (SELECT shift_id FROM assignment)",
    )
    before = snapshot(demo_db)

    changes = record(demo_db, ("DELETE FROM shift WHERE id = ?", (shift_id,)))

    after = snapshot(demo_db)
    assert {"shift", "assignment", "patrol_log"} <= changes.tables  # ON DELETE CASCADE rows
    assert all(change.after is None for change in changes.rows)
    with demo_db.write() as session:
        back = replay(session.connection(), changes)
    assert snapshot(demo_db) == before
    with demo_db.write() as session:
        replay(session.connection(), back)
    assert snapshot(demo_db) == after


def test_inserts_and_updates_are_paired_with_their_first_and_last_images(
    demo_db: Database,
) -> None:
    db = demo_db
    before = snapshot(db)

    changes = record(
        db,
        ("UPDATE watch_group SET name = 'Maple 2'", ()),
        ("UPDATE watch_group SET name = 'Maple 3'", ()),
        (copy_row_sql("zone", "z-1", name="'Block Z'"), ()),
    )

    by_table = {change.table: change for change in changes.rows}
    assert by_table["watch_group"].before is not None
    assert "Hawthorne Heights Neighborhood Watch" in by_table["watch_group"].before
    assert by_table["watch_group"].after is not None
    assert "Maple 3" in by_table["watch_group"].after
    assert by_table["zone"].before is None
    with db.write() as session:
        replay(session.connection(), changes)
    assert snapshot(db) == before


def test_a_row_changed_since_refuses_the_replay_and_changes_nothing(demo_db: Database) -> None:
    member_id = first_id(demo_db, "SELECT min(id) FROM member")
    changes = record(demo_db, ("UPDATE member SET notes = 'first' WHERE id = ?", (member_id,)))
    with demo_db.write() as session:  # someone else edits the same member afterwards
        session.connection().exec_driver_sql(
            "UPDATE member SET notes = 'second' WHERE id = ?", (member_id,)
        )
    before = snapshot(demo_db)

    with pytest.raises(ReplayConflict, match=f"member {member_id}"), demo_db.write() as session:
        replay(session.connection(), changes)
    assert snapshot(demo_db) == before


def test_an_undo_that_would_remove_a_record_others_depend_on_is_refused(
    demo_db: Database,
) -> None:
    with undoable(demo_db, "Add shift") as action:
        action.session.connection().exec_driver_sql(
            copy_row_sql("shift", "new-shift", series_id="NULL")
        )
    step = action.result(None).undo
    assert step is not None and step.name == "Add shift"
    shift_id = first_id(demo_db, "SELECT id FROM shift WHERE uuid = 'new-shift'")
    member_id = first_id(demo_db, "SELECT min(id) FROM member")
    with demo_db.write() as session:  # an assignment made outside the history (the CLI, say)
        session.connection().exec_driver_sql(
            copy_row_sql("assignment", "late", shift_id=str(shift_id), member_id=str(member_id))
        )
    before = snapshot(demo_db)

    with pytest.raises(CannotUndo, match="Cannot undo “Add shift”"):
        replay_step(demo_db, step)
    assert snapshot(demo_db) == before


def test_writes_outside_a_recording_are_not_recorded(db: Database) -> None:
    record(db, ("UPDATE watch_group SET name = name", ()))
    with db.write() as session:  # the same pooled connection: its triggers stay, switched off
        connection = session.connection()
        connection.exec_driver_sql("UPDATE watch_group SET name = 'Elm'")
        noted = connection.exec_driver_sql("SELECT count(*) FROM temp.wd_touched").scalar()
        switched_on = connection.exec_driver_sql("SELECT count(*) FROM temp.wd_recording").scalar()
    assert (noted, switched_on) == (0, 0)


def test_triggers_dropped_by_a_schema_change_are_made_again(demo_db: Database) -> None:
    record(demo_db, ("UPDATE watch_group SET name = name", ()))
    with demo_db.write() as session:
        session.connection().exec_driver_sql("DROP TRIGGER temp.wd_update_member")
    changes = record(demo_db, ("UPDATE member SET notes = 'again' WHERE id = 1", ()))
    assert changes.tables == {"member"}


def test_an_action_that_fails_records_nothing_and_writes_nothing(demo_db: Database) -> None:
    before = snapshot(demo_db)
    with pytest.raises(sqlite3.IntegrityError), undoable(demo_db, "Bad") as action:
        connection = action.session.connection()
        connection.exec_driver_sql("UPDATE member SET notes = 'half' WHERE id = 1")
        connection.connection.driver_connection.execute(  # type: ignore[union-attr]
            "INSERT INTO member (id) VALUES (1)"
        )
    assert snapshot(demo_db) == before


def test_an_action_that_changes_nothing_has_no_undo_step(demo_db: Database) -> None:
    with undoable(demo_db, "Nothing") as action:
        action.session.connection().exec_driver_sql("UPDATE member SET notes = notes")
    result = action.result(7)
    assert result.value == 7
    assert result.undo is None
    assert not result.changes


def test_undo_then_redo_of_an_observation_keeps_its_full_text_search(
    demo_db: Database,
) -> None:
    observation_id = first_id(demo_db, "SELECT min(id) FROM observation")
    with undoable(demo_db, "Delete observation") as action:
        action.session.connection().exec_driver_sql(
            "DELETE FROM observation WHERE id = ?", (observation_id,)
        )
    step = action.result(None).undo
    assert isinstance(step, UndoStep)

    def found() -> int:
        return first_id(
            demo_db,
            f"SELECT count(*) FROM observation_fts WHERE rowid = {observation_id}",
        )

    assert found() == 0
    redo = replay_step(demo_db, step).value
    assert found() == 1
    replay_step(demo_db, redo, "redo")
    assert found() == 0


def test_an_undoable_action_that_changes_nothing_is_not_a_change_to_the_file(
    demo_db: Database,
) -> None:
    demo_db.backup("manual")
    assert not demo_db.changed_since_backup
    with undoable(demo_db, "Nothing") as action:
        action.session.connection().exec_driver_sql("UPDATE member SET notes = notes WHERE 0")
    assert action.result(None).undo is None
    assert not demo_db.changed_since_backup  # no periodic backup for browsing patrols

    with undoable(demo_db, "Something") as action:
        action.session.connection().exec_driver_sql("UPDATE member SET notes = 'x' WHERE id = 1")
    assert demo_db.changed_since_backup

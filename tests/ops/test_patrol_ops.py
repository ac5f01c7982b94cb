"""The Patrols page's actions called directly (no Qt): what each writes, which kinds of
records it says it changed, its name in Edit > Undo, and undo and redo by replaying its step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.sql import raw_rows
from watchdesk.core.entities import BlockInput, MemberInput, ShiftDraft
from watchdesk.core.recurrence import weekday_mask
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.ops import patrols as patrol_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.history import replay_step
from watchdesk.ops.result import OpResult, UndoStep
from watchdesk.services import groups, members, patrols
from watchdesk.services.patrol_log import LogInput

# Before every shift in these tests: nothing is history yet.
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
TODAY = NOW.date()
FRI = dt.date(2026, 11, 20)
TABLES = (
    "shift_series",
    "series_exception",
    "shift",
    "required_course",
    "assignment",
    "patrol_log",
    "patrol_log_entry",
)


@pytest.fixture
def ids(db: Database, group_id: int) -> dict[str, int]:
    with db.write() as session:
        found = {"block": groups.create_block(session, group_id, BlockInput(name="Block 1")).id}
        for given in ("Ana", "Ben", "Cy"):
            found[given] = members.add_member(
                session, group_id, MemberInput(given_name=given, family_name="Lee")
            ).id
    return found


def draft(block: int, **changes: object) -> ShiftDraft:
    values: dict[str, object] = {
        "local_date": FRI,
        "start": dt.time(20),
        "end": dt.time(23),
        "block_id": block,
    }
    values.update(changes)
    return ShiftDraft(**values)  # type: ignore[arg-type]


Rows = dict[str, list[tuple[object, ...]]]


def snapshot(db: Database) -> Rows:
    """Every row of the tables the Patrols page writes, read with plain SQL."""
    return {t: sorted(raw_rows(db, f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def count(db: Database, query: str, *args: object) -> int:
    value = raw_rows(db, query, *args)[0][0]
    assert isinstance(value, int)
    return value


def undo_then_redo(db: Database, before: Rows, result: OpResult[Any]) -> None:
    """Undo puts every row back as it was before the action; redo as it was after."""
    assert result.undo is not None
    after = snapshot(db)
    back = replay_step(db, result.undo).value
    assert snapshot(db) == before
    again = replay_step(db, back, "redo").value
    assert snapshot(db) == after
    assert isinstance(again, UndoStep)


def test_add_shift_with_patrollers_is_one_step(db: Database, group_id: int, ids: dict[str, int]):
    before = snapshot(db)
    result = patrol_ops.add_shift(
        db, group_id, draft(ids["block"]), TODAY, [(ids["Ana"], None), (ids["Ben"], None)]
    )
    assert result.undo is not None and result.undo.name == "Add shift Fri Nov 20 8:00 PM"
    assert result.changes.kinds == {Kind.SHIFTS, Kind.ASSIGNMENTS}
    assert raw_rows(db, "SELECT id, local_date, route FROM shift") == [
        (result.value, "2026-11-20", None)
    ]
    assert count(db, "SELECT count(*) FROM assignment WHERE shift_id = ?", result.value) == 2
    undo_then_redo(db, before, result)


def test_adding_a_series_expands_it_past_the_next_eight_weeks(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    """The action itself expands the series (not the screen showing it): a series begun
    eight months ago still has its shifts through eight weeks from today."""
    before = snapshot(db)
    first = dt.date(2026, 3, 6)  # a Friday
    today = dt.date(2026, 11, 20)
    result = patrol_ops.add_shift(
        db,
        group_id,
        draft(ids["block"], local_date=first, repeat_weekdays=weekday_mask([4])),
        today,
    )
    assert result.undo is not None
    assert result.undo.name == "Add weekly shifts from Fri Mar 6 8:00 PM"
    assert result.changes.kinds == {Kind.SHIFTS}
    last = raw_rows(db, "SELECT max(local_date) FROM shift")[0][0]
    assert isinstance(last, str) and dt.date.fromisoformat(last) >= today + dt.timedelta(weeks=8)
    assert count(db, "SELECT count(*) FROM shift_series") == 1
    assert count(db, "SELECT count(*) FROM shift WHERE series_id IS NULL") == 0
    undo_then_redo(db, before, result)
    assert count(db, "SELECT count(*) FROM shift") > 30


def test_extending_a_series_is_an_edit_that_undoes(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    fridays = weekday_mask([4])
    until = FRI + dt.timedelta(weeks=3)
    with db.write() as session:
        shift_id = patrols.create_shifts(
            session,
            group_id,
            draft(ids["block"], repeat_weekdays=fridays, repeat_until=until),
        )[0]
    assert count(db, "SELECT count(*) FROM shift") == 4
    before = snapshot(db)
    longer = draft(
        ids["block"], repeat_weekdays=fridays, repeat_until=until + dt.timedelta(weeks=4)
    )
    result = patrol_ops.edit_shift(db, shift_id, longer, "future", NOW)
    assert (
        result.undo is not None and result.undo.name == "Edit weekly shifts from Fri Nov 20 8:00 PM"
    )
    assert result.changes.kinds == {Kind.SHIFTS}
    assert result.value is not None and result.value.created == 4
    assert count(db, "SELECT count(*) FROM shift") == 8
    assert raw_rows(db, "SELECT valid_until FROM shift_series") == [
        ((until + dt.timedelta(weeks=4)).isoformat(),)
    ]
    undo_then_redo(db, before, result)


def test_editing_one_shift_and_its_patrollers_is_one_step(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        shift_id = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
        ana = patrols.assign_member(session, shift_id, ids["Ana"])
    before = snapshot(db)
    later = draft(ids["block"], start=dt.time(21), end=dt.time(23, 30), route="Queens St")
    result = patrol_ops.edit_shift(db, shift_id, later, "one", NOW, [ana], [(ids["Ben"], None)])
    assert result.undo is not None and result.undo.name == "Edit shift Fri Nov 20 8:00 PM"
    assert result.changes.kinds == {Kind.SHIFTS, Kind.ASSIGNMENTS}
    assert raw_rows(db, "SELECT route FROM shift") == [("Queens St",)]
    assert raw_rows(db, "SELECT member_id FROM assignment") == [(ids["Ben"],)]
    undo_then_redo(db, before, result)


def test_patrollers_changed_without_the_shift_are_named_for_who(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        shift_id = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
    added = patrol_ops.edit_shift(db, shift_id, None, "one", NOW, (), [(ids["Ana"], None)])
    assert added.undo is not None
    assert added.undo.name == "Assign Ana Lee to shift Fri Nov 20 8:00 PM"
    assert added.changes.kinds == {Kind.ASSIGNMENTS}
    ana = raw_rows(db, "SELECT id FROM assignment")[0][0]
    assert isinstance(ana, int)
    before = snapshot(db)
    removed = patrol_ops.unassign(db, ana, NOW)
    assert removed.undo is not None
    assert removed.undo.name == "Unassign Ana Lee from shift Fri Nov 20 8:00 PM"
    assert count(db, "SELECT count(*) FROM assignment") == 0
    undo_then_redo(db, before, removed)
    before = snapshot(db)
    ben = patrol_ops.assign(db, shift_id, ids["Ben"], NOW)
    assert ben.undo is not None and ben.undo.name == "Assign Ben Lee to shift Fri Nov 20 8:00 PM"
    assert raw_rows(db, "SELECT member_id FROM assignment WHERE id = ?", ben.value) == [
        (ids["Ben"],)
    ]
    undo_then_redo(db, before, ben)
    # Nothing changed, nothing to undo.
    assert patrol_ops.edit_shift(db, shift_id, None, "one", NOW).undo is None


def test_cancel_and_uncancel_a_series_shift(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        shift_id = patrols.create_shifts(
            session, group_id, draft(ids["block"], repeat_weekdays=weekday_mask([4]))
        )[0]
    before = snapshot(db)
    cancelled = patrol_ops.set_cancelled(db, shift_id, True, NOW)
    assert cancelled.undo is not None and cancelled.undo.name == "Cancel shift Fri Nov 20 8:00 PM"
    assert cancelled.changes.kinds == {Kind.SHIFTS}
    assert raw_rows(db, "SELECT cancelled FROM shift WHERE id = ?", shift_id) == [(1,)]
    assert raw_rows(db, "SELECT on_date FROM series_exception") == [("2026-11-20",)]
    undo_then_redo(db, before, cancelled)
    before = snapshot(db)
    back = patrol_ops.set_cancelled(db, shift_id, False, NOW)
    assert back.undo is not None and back.undo.name == "Uncancel shift Fri Nov 20 8:00 PM"
    assert raw_rows(db, "SELECT cancelled FROM shift WHERE id = ?", shift_id) == [(0,)]
    assert count(db, "SELECT count(*) FROM series_exception") == 0
    undo_then_redo(db, before, back)


def test_expanding_series_further_ahead(db: Database, group_id: int, ids: dict[str, int]):
    with db.write() as session:
        patrols.create_shifts(
            session, group_id, draft(ids["block"], repeat_weekdays=weekday_mask([4]))
        )
    shifts = count(db, "SELECT count(*) FROM shift")
    before = snapshot(db)
    through = FRI + dt.timedelta(weeks=40)
    result = patrol_ops.extend_series(db, group_id, through)
    assert result.undo is not None
    assert result.undo.name == f"Add weekly shifts through {through:%b} {through.day}, 2027"
    assert result.value == count(db, "SELECT count(*) FROM shift") - shifts > 0
    undo_then_redo(db, before, result)
    # Already that far: nothing written, nothing to undo.
    again = patrol_ops.extend_series(db, group_id, through)
    assert again.value == 0 and again.undo is None and not again.changes


def test_suggested_fills_are_accepted_in_one_step(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        first = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
        second = patrols.create_shifts(
            session, group_id, draft(ids["block"], local_date=FRI + dt.timedelta(days=1))
        )[0]
    before = snapshot(db)
    chosen = [(first, ids["Ana"]), (first, ids["Ben"]), (second, ids["Ana"]), (second, ids["Cy"])]
    result = patrol_ops.accept_suggestions(db, chosen)
    assert result.value == 4
    assert result.undo is not None and result.undo.name == "Assign 4 suggested patrollers"
    assert result.changes.kinds == {Kind.ASSIGNMENTS}
    assert sorted(raw_rows(db, "SELECT shift_id, member_id FROM assignment")) == sorted(chosen)
    undo_then_redo(db, before, result)


def test_a_refused_suggestion_leaves_nothing_half_done(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        shift_id = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
    with pytest.raises(ValidationError, match="full"):
        patrol_ops.accept_suggestions(
            db, [(shift_id, ids["Ana"]), (shift_id, ids["Ben"]), (shift_id, ids["Cy"])]
        )
    assert count(db, "SELECT count(*) FROM assignment") == 0


def test_check_in_and_out_start_and_stop_the_log(
    db: Database, group_id: int, ids: dict[str, int]
) -> None:
    with db.write() as session:
        shift_id = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
        ana = patrols.assign_member(session, shift_id, ids["Ana"])
    before = snapshot(db)
    evening = dt.datetime(2026, 11, 21, 1, 5, tzinfo=dt.UTC)
    result = patrol_ops.set_status(db, ana, "checked_in", evening)
    assert result.undo is not None and result.undo.name == "Check in Ana Lee"
    assert result.changes.kinds == {Kind.ASSIGNMENTS, Kind.PATROL_LOGS}
    assert [line.status for line in result.value.lines] == ["checked_in"]
    assert result.value.log.actual_start == evening
    assert raw_rows(db, "SELECT status FROM assignment") == [("checked_in",)]
    assert raw_rows(db, "SELECT actual_start, actual_end FROM patrol_log") == [
        ("2026-11-21 01:05:00.000000", None)
    ]
    undo_then_redo(db, before, result)
    before = snapshot(db)
    out = patrol_ops.set_status(db, ana, "completed", evening + dt.timedelta(hours=2))
    assert out.undo is not None and out.undo.name == "Check out Ana Lee"
    assert raw_rows(db, "SELECT actual_end FROM patrol_log") == [("2026-11-21 03:05:00.000000",)]
    undo_then_redo(db, before, out)


def test_saving_a_patrol_log_is_one_step(db: Database, group_id: int, ids: dict[str, int]):
    with db.write() as session:
        shift_id = patrols.create_shifts(session, group_id, draft(ids["block"]))[0]
    before = snapshot(db)
    start = dt.datetime(2026, 11, 21, 1, 5, tzinfo=dt.UTC)
    data = LogInput(
        start, start + dt.timedelta(hours=2), 41200, 41212, "Streetlight out", 1, "Quiet"
    )
    notes = [(start + dt.timedelta(hours=1), "Queens St", "All quiet")]
    result = patrol_ops.save_patrol_log(db, shift_id, data, NOW, notes)
    assert result.undo is not None
    assert result.undo.name == "Save patrol log of shift Fri Nov 20 8:00 PM"
    assert result.changes.kinds == {Kind.PATROL_LOGS}
    assert raw_rows(
        db, "SELECT odometer_start, odometer_end, hazards, police_calls FROM patrol_log"
    ) == [(41200, 41212, "Streetlight out", 1)]
    assert raw_rows(db, "SELECT location_text, note FROM patrol_log_entry") == [
        ("Queens St", "All quiet")
    ]
    undo_then_redo(db, before, result)

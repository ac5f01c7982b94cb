"""The GUI's one runner of operations: the file's undo history and the change notices."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.sql import raw_rows
from tests.ui.conftest import MakeWindow
from watchdesk.core.entities import MemberInput
from watchdesk.db.engine import Database
from watchdesk.ops import members as member_ops
from watchdesk.ops.changes import Changes, Kind
from watchdesk.ops.transaction import cleared


def names(db: Database) -> list[object]:
    return [row[0] for row in raw_rows(db, "SELECT given_name FROM member WHERE notes = 'op'")]


def add_ann(_db: Database) -> MemberInput:
    return MemberInput(given_name="Ann", family_name="Lee", notes="op")


def test_an_action_is_undone_and_redone_from_the_edit_menu(
    demo_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(demo_db)
    operations = window.context.operations  # type: ignore[union-attr]
    data = add_ann(demo_db)

    added: list[int] = []
    operations.perform(
        window, "add", lambda _p: member_ops.add_member(demo_db, 1, data), added.append
    )

    assert names(demo_db) == ["Ann"]
    assert added and window.action_undo.isEnabled()
    assert window.action_undo.text() == "&Undo Add Ann Lee"
    window.action_undo.trigger()
    assert names(demo_db) == []
    assert window.action_redo.text() == "&Redo Add Ann Lee"
    window.action_redo.trigger()
    assert names(demo_db) == ["Ann"]
    assert raw_rows(demo_db, "SELECT id FROM member WHERE notes = 'op'") == [(added[0],)]


def test_an_undo_refused_says_why_and_leaves_the_history(
    demo_db: Database, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_db)
    operations = window.context.operations  # type: ignore[union-attr]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    operations.perform(
        window, "add", lambda _p: member_ops.add_member(demo_db, 1, add_ann(demo_db))
    )
    with demo_db.write() as session:  # another program edits the member afterwards
        session.connection().exec_driver_sql("UPDATE member SET notes = 'op' || '!' ")

    before = raw_rows(demo_db, "SELECT count(*), group_concat(notes) FROM member")
    window.action_undo.trigger()

    assert told == [
        "Cannot undo “Add Ann Lee”: a member it changed has been changed since. Nothing was"
        " changed."
    ]
    assert raw_rows(demo_db, "SELECT count(*), group_concat(notes) FROM member") == before
    assert not window.action_undo.isEnabled()  # the step is gone: the history stays true


def test_an_action_that_cannot_be_undone_empties_the_history(
    demo_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(demo_db)
    operations = window.context.operations  # type: ignore[union-attr]
    operations.perform(
        window, "add", lambda _p: member_ops.add_member(demo_db, 1, add_ann(demo_db))
    )
    assert window.action_undo.isEnabled()

    operations.perform(window, "import", lambda _p: cleared(None, Changes.everything()))

    assert not window.action_undo.isEnabled()


def test_changes_refresh_the_page_shown_and_mark_the_others_stale(
    demo_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(demo_db)
    window.navigation.setCurrentRow(1)  # Members
    members, dashboard = window.record_pages[1], window.record_pages[0]
    assert members.isVisible() and not dashboard.isVisible()
    members.stale = dashboard.stale = False
    refreshed: list[str] = []
    members.refresh = lambda: refreshed.append("members")  # type: ignore[method-assign]
    dashboard.refresh = lambda: refreshed.append("dashboard")  # type: ignore[method-assign]
    operations = window.context.operations  # type: ignore[union-attr]

    operations.announce(Changes.of(Kind.MEETINGS))  # not shown on the Members page
    assert refreshed == [] and not members.stale and dashboard.stale

    operations.announce(Changes.of(Kind.MEMBERS))
    assert refreshed == ["members"]  # the hidden dashboard waits until it is shown
    window.navigation.setCurrentRow(0)
    assert refreshed == ["members", "dashboard"]

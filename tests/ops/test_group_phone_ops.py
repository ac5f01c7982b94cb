"""The group's phone settings: set by an undoable action, used by every member form."""

from __future__ import annotations

import pytest

from tests.db.test_row_changes import snapshot
from watchdesk.core.entities import MemberInput
from watchdesk.core.validation import PhoneDefaults, ValidationError
from watchdesk.db.engine import Database
from watchdesk.ops import groups as group_ops
from watchdesk.ops import members as member_ops
from watchdesk.ops.changes import Kind
from watchdesk.ops.history import replay_step


def test_setting_the_area_code_is_one_undoable_step(db: Database, group_id: int) -> None:
    before = snapshot(db)
    result = group_ops.set_phone_defaults(db, group_id, "503", "us")

    assert result.undo is not None and result.undo.name == "Set area code 503"
    assert result.changes.kinds == {Kind.GROUPS}
    assert (result.value.area_code, result.value.phone_region) == ("503", "US")
    assert group_ops.phone_settings(db, group_id) == PhoneDefaults("US", "503")
    replay_step(db, result.undo)
    assert snapshot(db) == before
    assert group_ops.phone_settings(db, group_id) == PhoneDefaults("US", None)


def test_a_bad_area_code_changes_nothing(db: Database, group_id: int) -> None:
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        group_ops.set_phone_defaults(db, group_id, "12", "Narnia")
    assert set(caught.value.errors) == {"area_code", "phone_region"}
    assert snapshot(db) == before


def test_members_phones_take_the_groups_area_code(db: Database, group_id: int) -> None:
    typed = MemberInput(given_name="Ann", family_name="Lee", phone_mobile="555-0123")
    with pytest.raises(ValidationError) as caught:
        member_ops.add_member(db, group_id, typed)
    assert "has no area code" in caught.value.errors["phone_mobile"]

    group_ops.set_phone_defaults(db, group_id, "503", "US")
    ann = member_ops.add_member(db, group_id, typed).value
    assert member_ops.member_form(db, ann).phone_mobile == "+15035550123"
    typed.phone_home = "555-0199"
    member_ops.update_member(db, ann, typed)
    assert member_ops.member_form(db, ann).phone_home == "+15035550199"
    group = group_ops.group(db, group_id)
    assert group.area_code == "503" and group.phone_region == "US"


def test_roster_import_completes_local_numbers_and_refuses_future_dates(
    db: Database, group_id: int
) -> None:
    from sqlalchemy import text

    from watchdesk.core.roster import guess_mapping, read_csv
    from watchdesk.services.roster_import import apply_import, plan_import

    data = (
        "First Name,Last,Phone,Joined\r\n"
        "Ana,Peña,555-0101,2024-03-07\r\n"
        "Tom,Lee,555-0102,2999-01-01\r\n"
    ).encode()
    group_ops.set_phone_defaults(db, group_id, "503", "US")
    table = read_csv(data)
    with db.write() as session:
        plan = plan_import(session, group_id, table, guess_mapping(table.headers))
        apply_import(session, plan)
    assert (plan.count("add"), plan.count("skip")) == (1, 1)
    (skipped,) = plan.skipped
    assert "The joined date cannot be in the future" in skipped.reason
    with db.read() as session:
        stored = session.execute(text("SELECT given_name, phone_mobile FROM member")).all()
    assert [tuple(row) for row in stored] == [("Ana", "+15035550101")]

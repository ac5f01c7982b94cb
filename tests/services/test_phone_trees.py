"""Phone trees from the roster: consent, inactive members, reordering, drills."""

import pytest
from sqlalchemy import text

from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.services import members
from watchdesk.services.phone_trees import (
    generate_tree,
    head_calls,
    list_drills,
    log_drill,
    phone_tree,
    save_tree,
)


def names(people: object) -> list[str]:
    return [p.name for p in people]  # type: ignore[attr-defined]


def test_generated_from_consenting_block_members_with_fan_out(
    db: Database, phone_block: dict[str, int]
) -> None:
    with db.write() as session:
        tree = generate_tree(session, phone_block["block"], fan_out=3)
    assert tree.head is not None and tree.head.name == "Cat Captain"
    assert names(line.person for line in tree.lines) == [
        "Al Able",
        "Bea Baker",
        "Cy Cole",
        "Di Dunn",
        "Ed Eames",
    ]
    assert names(head_calls(tree)) == ["Al Able", "Bea Baker", "Cy Cole"]
    assert names(tree.lines[0].calls) == ["Di Dunn", "Ed Eames"]
    assert tree.reports_back is not None and tree.reports_back.name == "Ed Eames"
    with db.read() as session:
        stored = session.execute(
            text("SELECT count(*) FROM phone_tree_entry WHERE zone_id = :z"),
            {"z": phone_block["block"]},
        ).scalar()
    assert stored == 6  # head + five; "No Consent" and the other block's member are not in it


def test_inactive_or_withdrawn_members_drop_out_and_others_move_up(
    db: Database, phone_block: dict[str, int]
) -> None:
    with db.write() as session:
        generate_tree(session, phone_block["block"], fan_out=2)
        members.set_member_active(session, phone_block["Al"], False)
        session.execute(
            text("UPDATE member SET consent_phone_tree = 0 WHERE id = :id"),
            {"id": phone_block["Cat"]},
        )
    with db.read() as session:
        tree = phone_tree(session, phone_block["block"], fan_out=2)
    # The captain withdrew: the next in line by role (none) -> first consenting member heads.
    assert tree.head is not None and tree.head.name not in ("Cat Captain", "Al Able")
    assert "Al Able" not in names(line.person for line in tree.lines)
    assert all(len(line.calls) <= 2 for line in tree.lines)


def test_reordering_is_saved_and_refuses_outsiders(
    db: Database, phone_block: dict[str, int]
) -> None:
    with db.write() as session:
        tree = generate_tree(session, phone_block["block"])
        order = list(reversed(tree.order))
        assert tree.head is not None
        save_tree(session, phone_block["block"], tree.head.member_id, order, 1)
    with db.read() as session:
        again = phone_tree(session, phone_block["block"], fan_out=1)
    assert again.order == order
    assert again.lines[1].caller.member_id == order[0]
    before = again.order
    for outsider in (phone_block["No"], phone_block["Far"]):
        with pytest.raises(ValidationError), db.write() as session:
            save_tree(session, phone_block["block"], phone_block["Cat"], [*order, outsider], 1)
    with db.read() as session:
        assert phone_tree(session, phone_block["block"], fan_out=1).order == before


def test_drills_are_logged_with_who_was_reached(db: Database, phone_block: dict[str, int]) -> None:
    with db.write() as session:
        log_drill(
            session,
            phone_block["block"],
            "3/7/2026",
            18,
            {phone_block["Al"]: True, phone_block["Bea"]: False, phone_block["Cy"]: True},
            "Bea's phone was off",
        )
    with db.read() as session:
        (drill,) = list_drills(session, phone_block["block"])
    assert (
        drill.held_on.isoformat(),
        drill.minutes_to_complete,
        drill.reached,
        drill.contacted,
    ) == (
        "2026-03-07",
        18,
        2,
        3,
    )
    with pytest.raises(ValidationError), db.write() as session:
        log_drill(session, phone_block["block"], "", 5, {})

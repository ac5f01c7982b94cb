"""Every reader of assignments applies the one no-show rule (``core.scheduling.is_no_show``):
a member marked no-show no longer holds the shift; one never checked in still does."""

import datetime as dt

from watchdesk.core.entities import BlockInput, MemberInput, ShiftDraft
from watchdesk.db.engine import Database
from watchdesk.services import dashboard, groups, members, patrol_log, patrols, schedule
from watchdesk.services.schedule_facts import bookings_between

FRI = dt.date(2026, 11, 20)  # 20:00-23:00 New York: 01:00-04:00 UTC on the 21st
START = dt.datetime(2026, 11, 21, 1, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 11, 21, 6, tzinfo=dt.UTC)


def test_a_no_show_releases_the_member_everywhere(db: Database, group_id: int) -> None:
    with db.write() as session:
        block = groups.create_block(session, group_id, BlockInput(name="Block 1")).id
        ana, ben, cy = (
            members.add_member(session, group_id, MemberInput(given_name=n, family_name="Lee")).id
            for n in ("Ana", "Ben", "Cy")
        )
        draft = ShiftDraft(FRI, dt.time(20), dt.time(23), block_id=block)
        first = patrols.create_shifts(session, group_id, draft)[0]
        second = patrols.create_shifts(session, group_id, draft)[0]
        patrols.assign_member(session, first, ana)  # never checked in
        missed = patrols.assign_member(session, first, ben)
        patrols.set_status(session, missed, "no_show", START)
        # Released: Ben may take the other shift at the same time (no overlap), and his
        # place on the first one is free again (it holds at most two).
        patrols.assign_member(session, second, ben)
        patrols.assign_member(session, first, cy)
        patrols.unassign(session, patrols._assignment_id(session, first, cy))

    with db.read() as session:
        booked = bookings_between(session, group_id, START, AFTER)
        check = schedule.check_window(session, group_id, FRI, FRI)
        # Seen on the Dashboard an hour before the shifts start.
        todo = dashboard.todo_list(session, group_id, START - dt.timedelta(hours=1))
        hours = patrol_log.volunteer_hours(session, group_id, FRI, FRI)
    assert sorted((b.member_id, b.shift_id) for b in booked) == [(ana, first), (ben, second)]
    assert {c.id: (c.assigned, c.state) for c in check.cards} == {
        first: (1, "understaffed"),
        second: (1, "understaffed"),
    }
    assert not check.conflicts
    assert [(s.shift_id, s.state, s.missing) for s in todo.short_shifts] == [
        (first, "Short", 1),
        (second, "Short", 1),
    ]
    # Ana was never checked in and the shift is over: she still held it, but gave no hours
    # on record (only completed assignments are hours).
    assert hours == []

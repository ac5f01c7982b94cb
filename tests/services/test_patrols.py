"""Shifts, series edits, assignments, the patrol log and hours, through the services."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from watchdesk.core.entities import BlockInput, CourseInput, HouseholdInput, MemberInput, ShiftDraft
from watchdesk.core.recurrence import weekday_mask
from watchdesk.core.validation import ValidationError
from watchdesk.db.engine import Database
from watchdesk.db.models import Assignment, Certification, PatrolLog, Shift, ShiftSeries
from watchdesk.services import groups, households, members, patrol_log, patrols, schedule, training
from watchdesk.services.errors import NotFoundError
from watchdesk.services.households import VacationInput

NY = ZoneInfo("America/New_York")
# Before every shift in these tests: nothing is history yet.
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
FRI = dt.date(2026, 11, 20)


@pytest.fixture
def block(db: Database, group_id: int) -> int:
    with db.write() as session:
        return groups.create_block(session, group_id, BlockInput(name="Block 1")).id


def add_member(db: Database, group_id: int, name: str) -> int:
    with db.write() as session:
        return members.add_member(
            session, group_id, MemberInput(given_name=name, family_name="Lee")
        ).id


def draft(block: int, **changes: object) -> ShiftDraft:
    values: dict[str, object] = {
        "local_date": FRI,
        "start": dt.time(20),
        "end": dt.time(23),
        "block_id": block,
    }
    values.update(changes)
    return ShiftDraft(**values)  # type: ignore[arg-type]


def one_shift(db: Database, group_id: int, block: int, **changes: object) -> int:
    with db.write() as session:
        return patrols.create_shifts(session, group_id, draft(block, **changes))[0]


def local_hours(db: Database, shift_id: int) -> tuple[str, str]:
    with db.read() as session:
        shift = session.get(Shift, shift_id)
        assert shift is not None
        return (
            shift.starts_at.astimezone(NY).strftime("%Y-%m-%d %H:%M"),
            shift.ends_at.astimezone(NY).strftime("%Y-%m-%d %H:%M"),
        )


def test_single_shift_is_stored_in_utc_and_shown_local(
    db: Database, group_id: int, block: int
) -> None:
    shift_id = one_shift(db, group_id, block, end=dt.time(1))
    assert local_hours(db, shift_id) == ("2026-11-20 20:00", "2026-11-21 01:00")
    with db.read() as session:
        shift = session.get(Shift, shift_id)
        assert shift is not None and shift.starts_at == dt.datetime(2026, 11, 21, 1, tzinfo=dt.UTC)
        assert shift.local_date == FRI


def test_shift_needs_a_place_and_sane_staffing(db: Database, group_id: int) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as session:
        patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(FRI, dt.time(20), dt.time(20), min_patrollers=3, max_patrollers=2),
        )
    assert set(caught.value.errors) == {"end", "max_patrollers", "block_id"}
    with db.read() as session:
        assert session.scalar(select(func.count(Shift.id))) == 0


def test_series_across_dst_keeps_local_times(db: Database, group_id: int, block: int) -> None:
    # Fridays 20:00-23:00 from Oct 23 to Nov 13: New York falls back on Nov 1.
    with db.write() as session:
        ids = patrols.create_shifts(
            session,
            group_id,
            draft(
                block,
                local_date=dt.date(2026, 10, 23),
                repeat_weekdays=weekday_mask([4]),
                repeat_until=dt.date(2026, 11, 13),
                exceptions=(dt.date(2026, 11, 6),),
            ),
        )
    shown = [local_hours(db, i) for i in ids]
    assert shown == [
        ("2026-10-23 20:00", "2026-10-23 23:00"),
        ("2026-10-30 20:00", "2026-10-30 23:00"),
        ("2026-11-13 20:00", "2026-11-13 23:00"),
    ]
    with db.read() as session:
        utc = [session.get(Shift, i).starts_at.hour for i in ids]  # type: ignore[union-attr]
    assert utc == [0, 0, 1]  # EDT then EST


def make_series(db: Database, group_id: int, block: int, weeks: int = 4) -> list[int]:
    with db.write() as session:
        return patrols.create_shifts(
            session,
            group_id,
            draft(
                block,
                local_date=dt.date(2026, 11, 6),
                repeat_weekdays=weekday_mask([4]),
                repeat_until=dt.date(2026, 11, 6) + dt.timedelta(weeks=weeks - 1),
            ),
        )


def test_edit_one_occurrence_leaves_the_others(db: Database, group_id: int, block: int) -> None:
    ids = make_series(db, group_id, block)
    with db.write() as session:
        summary = patrols.edit_shift(
            session,
            ids[1],
            draft(block, local_date=dt.date(2026, 11, 13), start=dt.time(21), end=dt.time(23, 30)),
            "one",
            NOW,
        )
    assert summary.updated == 1
    assert local_hours(db, ids[1]) == ("2026-11-13 21:00", "2026-11-13 23:30")
    assert [local_hours(db, i)[0][-5:] for i in (ids[0], ids[2], ids[3])] == ["20:00"] * 3


def test_edit_future_splits_the_series_and_keeps_the_past(
    db: Database, group_id: int, block: int
) -> None:
    ids = make_series(db, group_id, block)
    ana = add_member(db, group_id, "Ana")
    with db.write() as session:
        patrols.assign_member(session, ids[0], ana)
        patrols.assign_member(session, ids[2], ana)
        patrols.assign_member(session, ids[3], ana)
    # The first Friday was patrolled: it is history.
    with db.write() as session:
        assignment = session.scalar(select(Assignment.id).where(Assignment.shift_id == ids[0]))
        assert assignment is not None
        patrols.set_status(
            session, assignment, "checked_in", dt.datetime(2026, 11, 7, 1, tzinfo=dt.UTC)
        )
    new = draft(
        block,
        local_date=dt.date(2026, 11, 13),
        start=dt.time(19),
        end=dt.time(22),
        repeat_weekdays=weekday_mask([4, 5]),
        repeat_until=dt.date(2026, 11, 28),
    )
    with db.read() as session:
        preview = patrols.preview_edit(session, ids[1], new, "future", NOW)
    with db.write() as session:
        summary = patrols.edit_shift(session, ids[1], new, "future", NOW)
    assert summary == preview
    # Fri 13, 20, 27 updated in place (keeping Ana's assignments); Sat 14, 21, 28 new.
    assert (summary.updated, summary.created, summary.removed) == (3, 3, 0)
    assert local_hours(db, ids[0]) == ("2026-11-06 20:00", "2026-11-06 23:00")
    assert local_hours(db, ids[2]) == ("2026-11-20 19:00", "2026-11-20 22:00")
    with db.read() as session:
        series = session.scalars(select(ShiftSeries).order_by(ShiftSeries.id)).all()
        assert [s.valid_until for s in series] == [dt.date(2026, 11, 12), dt.date(2026, 11, 28)]
        kept = session.scalar(
            select(func.count()).where(Assignment.member_id == ana, Assignment.shift_id.in_(ids))
        )
        assert kept == 3
        dates = session.scalars(
            select(Shift.local_date)
            .where(Shift.series_id == series[1].id)
            .order_by(Shift.local_date)
        ).all()
        assert [d.day for d in dates] == [13, 14, 20, 21, 27, 28]


def test_edit_future_that_drops_dates_reports_lost_assignments(
    db: Database, group_id: int, block: int
) -> None:
    ids = make_series(db, group_id, block)
    ana = add_member(db, group_id, "Ana")
    with db.write() as session:
        patrols.assign_member(session, ids[3], ana)
    saturdays = draft(
        block,
        local_date=dt.date(2026, 11, 13),
        repeat_weekdays=weekday_mask([5]),
        repeat_until=dt.date(2026, 11, 27),
    )
    with db.write() as session:
        summary = patrols.edit_shift(session, ids[1], saturdays, "future", NOW)
    assert (summary.updated, summary.created, summary.removed, summary.unassigned) == (0, 2, 3, 1)
    assert "1 assignment on removed dates dropped" in summary.describe()


def test_a_started_shift_cannot_be_edited_or_cancelled(
    db: Database, group_id: int, block: int
) -> None:
    shift_id = one_shift(db, group_id, block)
    later = dt.datetime(2026, 11, 21, 2, tzinfo=dt.UTC)
    for action in (
        lambda s: patrols.edit_shift(s, shift_id, draft(block, start=dt.time(19)), "one", later),
        lambda s: patrols.set_cancelled(s, shift_id, True, later),
    ):
        with pytest.raises(ValidationError, match="never changed"), db.write() as session:
            action(session)
    assert local_hours(db, shift_id)[0].endswith("20:00")


def test_cancelled_occurrence_is_skipped_when_the_series_extends(
    db: Database, group_id: int, block: int
) -> None:
    with db.write() as session:
        ids = patrols.create_shifts(
            session,
            group_id,
            draft(block, local_date=dt.date(2026, 11, 6), repeat_weekdays=weekday_mask([4])),
        )
        patrols.set_cancelled(session, ids[-1], True, NOW, "Thanksgiving weekend")
        added = patrols.extend_series(session, group_id, dt.date(2027, 6, 30))
    assert added > 0
    with db.read() as session:
        last_date = session.get(Shift, ids[-1]).local_date  # type: ignore[union-attr]
        on_that_day = session.scalar(select(func.count()).where(Shift.local_date == last_date))
        assert on_that_day == 1
        assert session.get(Shift, ids[-1]).cancelled  # type: ignore[union-attr]


def test_assignment_refusals_and_recorded_override(db: Database, group_id: int, block: int) -> None:
    with db.write() as session:
        course = training.add_course(session, group_id, CourseInput(title="Patrol orientation"))
    shift_id = one_shift(db, group_id, block, required_course_ids=(course.id,), max_patrollers=3)
    ana, ben, cy, di = (add_member(db, group_id, n) for n in ("Ana", "Ben", "Cy", "Di"))
    with db.write() as session:
        session.add(
            Certification(
                group_id=group_id,
                member_id=ana,
                course_id=course.id,
                completed_on=dt.date(2026, 1, 1),
                expires_on=None,
            )
        )
        patrols.assign_member(session, shift_id, ana)
    with pytest.raises(ValidationError) as caught, db.write() as session:
        patrols.assign_member(session, shift_id, ben)
    assert "Patrol orientation not completed" in caught.value.errors["member_id"]
    assert "Give a reason" in caught.value.errors["member_id"]
    with db.write() as session:
        patrols.assign_member(session, shift_id, ben, "Trained on 11/18, paperwork pending")
    with db.read() as session:
        reasons = dict(
            session.execute(select(Assignment.member_id, Assignment.override_reason)).all()
        )
    assert reasons == {ana: None, ben: "Trained on 11/18, paperwork pending"}
    # Inactive: refused even with a reason.
    with db.write() as session:
        members.set_member_active(session, cy, False)
    with pytest.raises(ValidationError, match="inactive"), db.write() as session:
        patrols.assign_member(session, shift_id, cy, "please")
    with pytest.raises(ValidationError, match="already on this shift"), db.write() as session:
        patrols.assign_member(session, shift_id, ana)
    # Full at the maximum.
    with db.write() as session:
        patrols.assign_member(session, shift_id, di, "ok")
        eve = members.add_member(
            session, group_id, MemberInput(given_name="Eve", family_name="Lee")
        ).id
    with pytest.raises(ValidationError, match=r"full \(3 of 3\)"), db.write() as session:
        patrols.assign_member(session, shift_id, eve, "ok")


def test_overlap_vacation_and_unavailability(db: Database, group_id: int, block: int) -> None:
    first = one_shift(db, group_id, block)
    overlapping = one_shift(db, group_id, block, start=dt.time(22), end=dt.time(0))
    ana, ben = add_member(db, group_id, "Ana"), add_member(db, group_id, "Ben")
    with db.write() as session:
        patrols.assign_member(session, first, ana)
    with (
        pytest.raises(ValidationError, match="already on the Fri, Nov 20 8:00 PM shift"),
        db.write() as session,
    ):
        patrols.assign_member(session, overlapping, ana, "override does not help")
    with db.write() as session:
        patrols.add_unavailability(session, ben, FRI, FRI, "night shift at work")
    with (
        pytest.raises(ValidationError, match="unavailable 2026-11-20 to 2026-11-20"),
        db.write() as session,
    ):
        patrols.assign_member(session, first, ben)
    with db.read() as session:
        problems = patrols.draft_problems(session, group_id, ben, draft(block))
    assert [p.kind for p in problems] == ["unavailable"]
    # A household away on vacation takes its residents off the rota.
    cy = add_member(db, group_id, "Cy")
    with db.write() as session:
        home = members.add_household(session, group_id, HouseholdInput(address_line="12 Queens St"))
        data = members.member_input(session, cy)
        data.household_id = home.id
        members.update_member(session, cy, data)
        households.add_vacation(session, home.id, VacationInput(FRI - dt.timedelta(days=2), FRI))
    with pytest.raises(ValidationError, match="on vacation"), db.write() as session:
        patrols.assign_member(session, first, cy)
    with db.write() as session:
        patrols.assign_member(session, first, cy, "back early")


def test_swap_trades_two_members_shifts(db: Database, group_id: int, block: int) -> None:
    friday = one_shift(db, group_id, block)
    saturday = one_shift(db, group_id, block, local_date=dt.date(2026, 11, 21))
    ana, ben = add_member(db, group_id, "Ana"), add_member(db, group_id, "Ben")
    with db.write() as session:
        a = patrols.assign_member(session, friday, ana)
        b = patrols.assign_member(session, saturday, ben)
        patrols.swap(session, a, b)
    with db.read() as session:
        placed = dict(session.execute(select(Assignment.shift_id, Assignment.member_id)).all())
    assert placed == {friday: ben, saturday: ana}


def test_check_in_and_out_run_the_patrol_log_clock(db: Database, group_id: int, block: int) -> None:
    shift_id = one_shift(db, group_id, block)
    ana, ben = add_member(db, group_id, "Ana"), add_member(db, group_id, "Ben")
    start = dt.datetime(2026, 11, 21, 1, 5, tzinfo=dt.UTC)
    end = dt.datetime(2026, 11, 21, 3, 50, tzinfo=dt.UTC)
    with db.write() as session:
        a = patrols.assign_member(session, shift_id, ana)
        b = patrols.assign_member(session, shift_id, ben)
        patrols.set_status(session, a, "checked_in", start)
        patrols.set_status(session, b, "no_show", start)
        patrols.set_status(session, a, "completed", end)
    with pytest.raises(ValidationError, match="cannot go from Completed"), db.write() as session:
        patrols.set_status(session, a, "scheduled", end)
    with db.read() as session:
        log = session.scalar(select(PatrolLog))
        assert log is not None and (log.actual_start, log.actual_end) == (start, end)
        hours = patrol_log.volunteer_hours(
            session, group_id, dt.date(2026, 11, 1), dt.date(2026, 11, 30)
        )
    assert [(h.name, h.shifts, h.hours) for h in hours] == [("Lee, Ana", 1, 2.75)]


def test_patrol_log_entries_and_linked_observations(
    db: Database, group_id: int, block: int
) -> None:
    from watchdesk.core.entities import ObservationInput
    from watchdesk.services import observations

    shift_id = one_shift(db, group_id, block)
    with db.write() as session:
        seen = observations.record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=dt.datetime(2026, 11, 21, 2, 40, tzinfo=dt.UTC),
                category="hazard",
                description="Streetlight out",
                address_text="Queens St & 3rd Ave",
            ),
        )
        patrol_log.save_log(
            session,
            shift_id,
            patrol_log.LogInput(
                odometer_start=41200, odometer_end=41212, hazards="Streetlight out", police_calls=1
            ),
        )
        patrol_log.add_entry(
            session,
            shift_id,
            dt.datetime(2026, 11, 21, 2, 40, tzinfo=dt.UTC),
            "Queens St",
            "All quiet",
        )
        patrol_log.link_observation(session, shift_id, seen.id, True)
    with db.read() as session:
        view = patrol_log.patrol_log(session, shift_id)
    assert view.data.odometer_end == 41212 and view.data.police_calls == 1
    assert [(e.location_text, e.note) for e in view.entries] == [("Queens St", "All quiet")]
    assert [(o.id, o.linked) for o in view.observations] == [(seen.id, True)]
    with pytest.raises(ValidationError) as caught, db.write() as session:
        patrol_log.save_log(
            session, shift_id, patrol_log.LogInput(odometer_start=10, odometer_end=5)
        )
    assert "odometer_end" in caught.value.errors
    with db.read() as session:
        assert patrol_log.patrol_log(session, shift_id).data.odometer_end == 41212


def test_gaps_conflicts_and_suggestions_for_a_window(
    db: Database, group_id: int, block: int
) -> None:
    ids = make_series(db, group_id, block, weeks=4)
    people = [add_member(db, group_id, n) for n in ("Ana", "Ben", "Cy", "Di")]
    with db.write() as session:
        patrols.assign_member(session, ids[0], people[0])
        patrols.assign_member(session, ids[0], people[1])
        patrols.assign_member(session, ids[1], people[2])
        # Ana goes inactive after being scheduled: a conflict to show.
        members.set_member_active(session, people[0], False)
    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    with db.read() as session:
        check = schedule.check_window(session, group_id, first, last)
        suggestions = schedule.suggest_assignments(session, group_id, first, last)
    assert [c.state for c in check.cards] == ["full", "understaffed", "empty", "empty"]
    assert [g.id for g in check.gaps] == ids[1:]
    assert [(c.shift_id, c.member_id, c.problem.kind) for c in check.conflicts] == [
        (ids[0], people[0], "inactive")
    ]
    # 1 + 2 + 2 places to fill from Ben, Cy, Di (Ana is inactive); hours spread evenly.
    assert len(suggestions) == 5
    assert people[0] not in {s.member_id for s in suggestions}
    counts = {p: sum(s.member_id == p for s in suggestions) for p in people[1:]}
    assert sorted(counts.values()) == [1, 2, 2]
    with db.write() as session:
        for s in suggestions:
            patrols.assign_member(session, s.shift.id, s.member_id)
    with db.read() as session:
        assert [g.id for g in schedule.check_window(session, group_id, first, last).gaps] == []


def test_labels_that_name_shifts_and_patrollers_in_actions(
    db: Database, group_id: int, block: int
) -> None:
    evening = one_shift(db, group_id, block)  # 8 PM in New York: Nov 21 already in UTC
    # Just after midnight, the night before clocks go back (UTC-4, not UTC-5 as on Nov 20).
    night = one_shift(
        db, group_id, block, local_date=dt.date(2026, 10, 31), start=dt.time(0, 5), end=dt.time(2)
    )
    noon = one_shift(db, group_id, block, start=dt.time(12), end=dt.time(14))
    ana = add_member(db, group_id, "Ana")
    with db.write() as session:
        assignment_id = patrols.assign_member(session, evening, ana)
    with db.read() as session:
        assert patrols.shift_label(session, evening) == "Fri Nov 20 8:00 PM"
        assert patrols.shift_label(session, night) == "Sat Oct 31 12:05 AM"
        assert patrols.shift_label(session, noon) == "Fri Nov 20 12:00 PM"
        assert patrols.shift_of(session, assignment_id) == evening
        assert patrols.patroller_label(session, assignment_id) == "Ana Lee"
        with pytest.raises(NotFoundError, match="no assignment with id 99"):
            patrols.shift_of(session, 99)
        with pytest.raises(NotFoundError, match="no shift with id 99"):
            patrols.shift_label(session, 99)

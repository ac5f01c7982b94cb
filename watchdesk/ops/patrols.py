"""Shifts, series, assignments, check-in and patrol logs: the actions of the Patrols page and
the reads it shows.

Every action is one undoable step named for what it did ("Add shift Tue Dec 8 7:00 PM",
"Assign 4 suggested patrollers", "Check in Ana Reyes"). A weekly series is expanded into
concrete shifts by the action that adds or changes it, so the shifts a calendar, a rota or the
command line sees are there whichever of them made the series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from watchdesk.core.entities import ShiftDraft
from watchdesk.core.scheduling import Problem
from watchdesk.core.words import count as counted
from watchdesk.db.engine import Database
from watchdesk.ops import members as member_ops
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import patrol_log as log_service
from watchdesk.services import patrols as patrol_service
from watchdesk.services import schedule as schedule_service
from watchdesk.services.groups import get_group, list_blocks
from watchdesk.services.patrol_log import HoursLine, LogInput, PatrolLogView
from watchdesk.services.patrols import AssignmentLine, EditSummary, ShiftDetail, when
from watchdesk.services.schedule import ScheduleCheck, SuggestedAssignment
from watchdesk.services.training import list_courses

# Series are kept expanded at least this far past today, whichever action made or changed them.
EXPAND_AHEAD = dt.timedelta(weeks=8)

# What each status change is called in Edit > Undo: "Check in Ana Reyes".
STATUS_NAMES = {
    "scheduled": "Unconfirm {}",
    "confirmed": "Confirm {}",
    "checked_in": "Check in {}",
    "completed": "Check out {}",
    "no_show": "Mark {} as no-show",
}


# -- shifts and series -------------------------------------------------------------------------
def add_shift(
    db: Database,
    group_id: int,
    draft: ShiftDraft,
    today: dt.date,
    added: Sequence[tuple[int, str | None]] = (),
) -> OpResult[int]:
    """A shift, or a weekly series expanded into its shifts (at least through
    ``EXPAND_AHEAD`` past ``today``), with the members ``added`` (id, override reason) on
    the first one. Returns the (first) shift's id."""
    start = when(draft.local_date, draft.start)
    name = f"Add weekly shifts from {start}" if draft.repeat_weekdays else f"Add shift {start}"
    with undoable(db, name) as action:
        ids = patrol_service.create_shifts(action.session, group_id, draft)
        # The service expands a new series half a year from its first date; one begun long
        # ago is expanded to the weeks ahead too (as every series is when a week is shown).
        ahead = today + EXPAND_AHEAD
        if draft.repeat_weekdays and draft.local_date + patrol_service.HORIZON < ahead:
            patrol_service.extend_series(action.session, group_id, ahead)
        for member_id, reason in added:
            patrol_service.assign_member(action.session, ids[0], member_id, reason)
    return action.result(ids[0])


def edit_shift(
    db: Database,
    shift_id: int,
    draft: ShiftDraft | None,
    scope: str,
    now: dt.datetime,
    removed: Sequence[int] = (),
    added: Sequence[tuple[int, str | None]] = (),
) -> OpResult[EditSummary | None]:
    """The shift editor's save, as one step: the shift changed as ``draft`` says (None: not
    changed) for this occurrence (``scope='one'``) or from it on (``'future'``, which may
    extend or shorten the series, or turn a single shift into one: the shifts it adds are
    expanded half a year past this one, which has not started), the assignments
    ``removed`` taken off and the members ``added`` put on."""
    with undoable(db, "Edit shift") as action:
        session = action.session
        start = patrol_service.shift_label(session, shift_id)
        summary = None
        names = {line.id: line.name for line in patrol_service.assignment_lines(session, shift_id)}
        if draft is not None:
            summary = patrol_service.edit_shift(session, shift_id, draft, scope, now)
        for assignment_id in removed:
            patrol_service.unassign(session, assignment_id)
        for member_id, reason in added:
            patrol_service.assign_member(session, shift_id, member_id, reason)
        added_names = [
            line.name
            for line in patrol_service.assignment_lines(session, shift_id)
            if line.member_id in {m for m, _ in added}
        ]
        action.rename(
            _edit_name(start, draft, scope, [names.get(i, "") for i in removed], added_names)
        )
    return action.result(summary)


def _edit_name(
    start: str,
    draft: ShiftDraft | None,
    scope: str,
    removed: list[str],
    added: list[str],
) -> str:
    if draft is not None:
        if scope == "future" and draft.repeat_weekdays:
            return f"Edit weekly shifts from {start}"
        return f"Edit shift {start}"
    if added and not removed:
        who = added[0] if len(added) == 1 else counted(len(added), "patroller")
        return f"Assign {who} to shift {start}"
    if removed and not added:
        who = removed[0] if len(removed) == 1 else counted(len(removed), "patroller")
        return f"Unassign {who} from shift {start}"
    return f"Change patrollers of shift {start}"


def set_cancelled(
    db: Database, shift_id: int, cancelled: bool, now: dt.datetime, reason: str = ""
) -> OpResult[None]:
    """Cancel one shift (its series skips the date) or bring it back."""
    with undoable(db, "Cancel shift") as action:
        start = patrol_service.shift_label(action.session, shift_id)
        patrol_service.set_cancelled(action.session, shift_id, cancelled, now, reason)
        action.rename(f"Cancel shift {start}" if cancelled else f"Uncancel shift {start}")
    return action.result(None)


def extend_series(db: Database, group_id: int, through: dt.date) -> OpResult[int]:
    """Expand the group's weekly series into shifts through ``through`` (for a week, a rota
    or a calendar shown that far ahead); returns how many shifts were added. Nothing is
    recorded when every series already reaches that far."""
    name = f"Add weekly shifts through {through:%b} {through.day}, {through.year}"
    with undoable(db, name) as action:
        added = patrol_service.extend_series(action.session, group_id, through)
    return action.result(added)


# -- assignments -------------------------------------------------------------------------------
def assign(
    db: Database, shift_id: int, member_id: int, now: dt.datetime, reason: str | None = None
) -> OpResult[int]:
    """Put one member on a shift (``reason``: why despite days away or lapsed training);
    returns the assignment id."""
    with undoable(db, "Assign patroller") as action:
        start = patrol_service.shift_label(action.session, shift_id)
        assignment_id = patrol_service.assign_member(action.session, shift_id, member_id, reason)
        who = patrol_service.patroller_label(action.session, assignment_id)
        action.rename(f"Assign {who} to shift {start}")
    return action.result(assignment_id)


def unassign(db: Database, assignment_id: int, now: dt.datetime) -> OpResult[None]:
    """Take one scheduled or confirmed member off a shift."""
    with undoable(db, "Unassign patroller") as action:
        shift_id = patrol_service.shift_of(action.session, assignment_id)
        start = patrol_service.shift_label(action.session, shift_id)
        who = patrol_service.patroller_label(action.session, assignment_id)
        patrol_service.unassign(action.session, assignment_id)
        action.rename(f"Unassign {who} from shift {start}")
    return action.result(None)


def accept_suggestions(db: Database, chosen: Sequence[tuple[int, int]]) -> OpResult[int]:
    """Put the suggested (shift id, member id) pairs on their shifts, all in one step;
    returns how many were assigned."""
    name = f"Assign {counted(len(chosen), 'suggested patroller')}"
    with undoable(db, name) as action:
        for shift_id, member_id in chosen:
            patrol_service.assign_member(action.session, shift_id, member_id)
    return action.result(len(chosen))


@dataclass(frozen=True)
class StatusAnswer:
    """After a status change: the shift's patrollers and its log (check-in starts its clock)."""

    lines: tuple[AssignmentLine, ...]
    log: LogInput = field(default_factory=LogInput)


def set_status(
    db: Database, assignment_id: int, status: str, now: dt.datetime
) -> OpResult[StatusAnswer]:
    """Move an assignment along: confirm, check in, check out, no-show."""
    with undoable(db, "Change status") as action:
        session = action.session
        shift_id = patrol_service.shift_of(session, assignment_id)
        patrol_service.set_status(session, assignment_id, status, now)
        lines = tuple(patrol_service.assignment_lines(session, shift_id))
        who = next((line.name for line in lines if line.id == assignment_id), "patroller")
        action.rename(STATUS_NAMES.get(status, "Change status of {}").format(who))
        answer = StatusAnswer(lines, log_service.patrol_log(session, shift_id).data)
    return action.result(answer)


# -- patrol log --------------------------------------------------------------------------------
def save_patrol_log(
    db: Database,
    shift_id: int,
    data: LogInput,
    now: dt.datetime,
    new_entries: Sequence[tuple[dt.datetime, str, str]] = (),
    removed_entries: Sequence[int] = (),
    links: dict[int, bool] | None = None,
) -> OpResult[None]:
    """The patrol log dialog's save: the log, its timed notes added and removed, and the
    observations linked to the patrol or no longer, as one step."""
    with undoable(db, "Save patrol log") as action:
        session = action.session
        start = patrol_service.shift_label(session, shift_id)
        log_service.save_log(session, shift_id, data)
        for entry_id in removed_entries:
            log_service.remove_entry(session, entry_id)
        for noted_at, place, note in new_entries:
            log_service.add_entry(session, shift_id, noted_at, place, note)
        for observation_id, linked in (links or {}).items():
            log_service.link_observation(session, shift_id, observation_id, linked)
        action.rename(f"Save patrol log of shift {start}")
    return action.result(None)


# -- reads -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PatrolChoices:
    """What the page's pickers offer: the group's time zone, blocks, courses and members."""

    timezone: str
    blocks: list[tuple[int, str]]
    courses: list[tuple[int, str]]
    members: list[tuple[int, str]]


def choices(db: Database, group_id: int, today: dt.date) -> PatrolChoices:
    with db.read() as session:
        group = get_group(session, group_id)
        blocks = [(z.id, z.name) for z in list_blocks(session, group_id)]
        courses = [(c.id, c.title) for c in list_courses(session, group_id)]
    members = member_ops.active_member_choices(db, group_id, today)
    return PatrolChoices(group.timezone, blocks, courses, members)


def schedule(
    db: Database,
    group_id: int,
    first: dt.date,
    last: dt.date,
    block_id: int | None = None,
    member_id: int | None = None,
) -> ScheduleCheck:
    """The shifts of [first, last] with their staffing, the gaps and the conflicts."""
    with db.read() as session:
        return schedule_service.check_window(session, group_id, first, last, block_id, member_id)


def shift_detail(db: Database, shift_id: int, now: dt.datetime) -> ShiftDetail:
    with db.read() as session:
        return patrol_service.shift_detail(session, shift_id, now)


def eligible_members(
    db: Database, group_id: int, draft: ShiftDraft, shift_id: int | None
) -> list[tuple[int, str, list[Problem]]]:
    """(id, name, what speaks against them) of the active members, for the shift drafted."""
    with db.read() as session:
        found = patrol_service.eligible_members(session, group_id, draft, shift_id)
    return [(m.member_id, m.name, problems) for m, problems in found]


def preview_edit(
    db: Database, shift_id: int, draft: ShiftDraft, scope: str, now: dt.datetime
) -> EditSummary:
    with db.read() as session:
        return patrol_service.preview_edit(session, shift_id, draft, scope, now)


def patrol_log(db: Database, shift_id: int) -> PatrolLogView:
    with db.read() as session:
        return log_service.patrol_log(session, shift_id)


def suggestions(
    db: Database, group_id: int, first: dt.date, last: dt.date, now: dt.datetime
) -> list[SuggestedAssignment]:
    with db.read() as session:
        return schedule_service.suggest_assignments(session, group_id, first, last, now)


def volunteer_hours(db: Database, group_id: int, first: dt.date, last: dt.date) -> list[HoursLine]:
    with db.read() as session:
        return log_service.volunteer_hours(session, group_id, first, last)

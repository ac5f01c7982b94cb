"""Observations: recording and editing them (with the people and vehicles seen and their
follow-ups), and the reads the Observations and Map pages show."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from watchdesk.core.entities import ObservationInput, clean_observation
from watchdesk.core.validation import ValidationError
from watchdesk.core.vocabulary import OBSERVATION_CATEGORIES, OBSERVATION_STATUSES, label
from watchdesk.db.base import utcnow
from watchdesk.db.engine import Database
from watchdesk.ops.result import OpResult
from watchdesk.ops.transaction import undoable
from watchdesk.services import observations as observation_service
from watchdesk.services.groups import get_group
from watchdesk.services.households import PlateMatch, find_plate
from watchdesk.services.observation_detail import ObservationDetail, observation_detail
from watchdesk.services.observation_search import (
    ObservationFilter,
    ObservationLine,
    count_observations,
    observation_ids,
    observation_page,
)


def _what(session: Session, group_id: int, data: ObservationInput) -> str:
    """The category and the group's local day: "suspicious vehicle, Dec 8"."""
    local = data.occurred_at.astimezone(ZoneInfo(get_group(session, group_id).timezone))
    category = label(OBSERVATION_CATEGORIES, data.category)
    return f"{category[:1].lower()}{category[1:]}, {local:%b} {local.day}"


def _cleaned(data: ObservationInput) -> dict[str, Any] | None:
    try:
        return clean_observation(data, utcnow() + dt.timedelta(days=1))
    except ValidationError:
        return None


def _edit_name(what: str, old: ObservationInput, new: ObservationInput) -> str:
    """Name an edit by what it changed: a follow-up added or done, the status, or the rest."""
    before, after = _cleaned(old), _cleaned(new)
    if before is None or after is None:
        return f"Edit observation: {what}"
    old_steps, new_steps = before.pop("follow_ups"), after.pop("follow_ups")
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if changed == {"status"}:
        return f"Mark {what} {label(OBSERVATION_STATUSES, str(after['status'])).lower()}"
    if changed or old_steps == new_steps:
        return f"Edit observation: {what}"
    if len(new_steps) > len(old_steps) and new_steps[: len(old_steps)] == old_steps:
        added = len(new_steps) - len(old_steps)
        return f"Add {'a follow-up' if added == 1 else f'{added} follow-ups'} to {what}"
    if len(new_steps) == len(old_steps):
        differ = [(o, n) for o, n in zip(old_steps, new_steps, strict=True) if o != n]
        if len(differ) == 1:
            o, n = differ[0]
            if {k for k in o.keys() | n.keys() if o.get(k) != n.get(k)} == {"done_on"}:
                verb = "Mark follow-up done" if n.get("done_on") else "Reopen follow-up"
                return f"{verb}: {n['note']} ({what})"
    return f"Edit follow-ups of {what}"


# -- actions -----------------------------------------------------------------------------------
def record_observation(db: Database, group_id: int, data: ObservationInput) -> OpResult[int]:
    """A new observation with its people, vehicles and follow-ups; returns its id."""
    with undoable(db, "Record observation") as action:
        row = observation_service.record_observation(action.session, group_id, data)
        action.rename(f"Record observation: {_what(action.session, group_id, data)}")
    return action.result(row.id)


def update_observation(db: Database, observation_id: int, data: ObservationInput) -> OpResult[int]:
    """Save the observation as edited (its people, vehicles and follow-ups replaced by the
    form's); the undo step is named by what changed ("Add a follow-up to …")."""
    with undoable(db, "Edit observation") as action:
        old = observation_service.observation_input(action.session, observation_id)
        row = observation_service.update_observation(action.session, observation_id, data)
        action.rename(_edit_name(_what(action.session, row.group_id, data), old, data))
    return action.result(observation_id)


# -- reads -------------------------------------------------------------------------------------
def observation_rows(
    db: Database, group_id: int, where: ObservationFilter, start: int, size: int, total: int
) -> list[ObservationLine]:
    """Rows ``start`` to ``start + size`` of the ``total`` matching ``where``, in its order."""
    with db.read() as session:
        return observation_page(session, group_id, where, start, size, total)


def count(db: Database, group_id: int | None, where: ObservationFilter) -> int:
    with db.read() as session:
        return count_observations(session, group_id, where)


def find(db: Database, group_id: int | None, where: ObservationFilter) -> list[int]:
    """Ids of the observations matching ``where`` (words, dates, …), in its order."""
    with db.read() as session:
        return observation_ids(session, group_id, where)


def details(db: Database, observation_id: int) -> ObservationDetail:
    with db.read() as session:
        return observation_detail(session, observation_id)


def observation_form(db: Database, observation_id: int) -> ObservationInput:
    """The observation as its form edits it."""
    with db.read() as session:
        return observation_service.observation_input(session, observation_id)


def plate_owners(db: Database, group_id: int | None, text: str, limit: int = 3) -> list[PlateMatch]:
    """Neighbours' vehicles whose plate looks like ``text`` (``?``: any one character)."""
    with db.read() as session:
        return find_plate(session, group_id, text, limit=limit)

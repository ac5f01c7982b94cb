"""Small helpers shared by the service modules."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from watchdesk.core.validation import ValidationError
from watchdesk.db.base import Base, GroupOwnedMixin
from watchdesk.services.errors import NotFoundError

M = TypeVar("M", bound=Base)
R = TypeVar("R")


def get_or_raise(session: Session, model: type[M], record_id: int, what: str) -> M:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"no {what} with id {record_id}")
    return record


def apply(record: Base, values: dict[str, object]) -> None:
    for name, value in values.items():
        setattr(record, name, value)


def check_in_group(
    session: Session,
    group_id: int,
    references: dict[str, tuple[type[GroupOwnedMixin], object, str]],
) -> None:
    """Each ``field: (model, id, message)`` with an id must name a record of ``group_id``."""
    for field, (model, record_id, message) in references.items():
        if record_id is None:
            continue
        record = session.get(model, record_id)
        if record is None or record.group_id != group_id:
            raise ValidationError.single(field, message)


def plain_row(row_type: type[R], record: Any, **computed: object) -> R:
    """The plain row for ``record``: each field the row dataclass declares is copied from the
    record's attribute of that name, unless given in ``computed``."""
    values = {
        field.name: computed[field.name] if field.name in computed else getattr(record, field.name)
        for field in fields(row_type)  # type: ignore[arg-type]
    }
    return row_type(**values)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cycle collector while building many short-lived values that hold no
    cycles. With the GUI's and SQLAlchemy's objects alive its full passes cost a year's
    schedule check a third of its time (measured in benchmarks/bench_patrols.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

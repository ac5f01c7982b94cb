"""Small helpers shared by the service modules."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from watchdesk.db.base import Base
from watchdesk.services.errors import NotFoundError

M = TypeVar("M", bound=Base)


def get_or_raise(session: Session, model: type[M], record_id: int, what: str) -> M:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"no {what} with id {record_id}")
    return record


def apply(record: Base, values: dict[str, object]) -> None:
    for name, value in values.items():
        setattr(record, name, value)

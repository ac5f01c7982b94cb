"""Helpers that turn the vocabularies of ``core`` into CHECK constraints.

Each single-column rule also says what it allows in the constraint's ``info`` (``column`` and
JSON Schema keywords: ``enum``, ``minimum``, ``maximum``, ``pattern``), from which the exchange
format's schema is generated; rules between two columns give their ``order``. A bundle is so
checked against the same rules as the database.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def one_of(column: str, codes: Iterable[object], name: str | None = None) -> CheckConstraint:
    """``column`` holds one of ``codes``: a ``StrEnum`` of ``core.vocabulary`` (its members'
    plain values, in order) or the keys of a mapping."""
    plain = [str(code) if isinstance(code, str) else code for code in codes]
    values = ", ".join(repr(code) if isinstance(code, str) else str(code) for code in plain)
    return CheckConstraint(
        f"{column} IN ({values})",
        name=name or f"{column}_valid",
        info={"column": column, "enum": plain},
    )


def after(start: str, end: str, name: str = "end_after_start") -> CheckConstraint:
    return CheckConstraint(
        f"{end} IS NULL OR {start} IS NULL OR {end} > {start}",
        name=name,
        info={"order": (start, end), "strict": True},
    )


def not_before(start: str, end: str, name: str) -> CheckConstraint:
    return CheckConstraint(
        f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}",
        name=name,
        info={"order": (start, end), "strict": False},
    )


def non_negative(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR {column} >= 0",
        name=f"{column}_non_negative",
        info={"column": column, "minimum": 0},
    )


def latitude(column: str = "latitude") -> CheckConstraint:
    return between(column, -90, 90, f"{column}_range")


def longitude(column: str = "longitude") -> CheckConstraint:
    return between(column, -180, 180, f"{column}_range")


def not_blank(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"length(trim({column})) > 0",
        name=f"{column}_not_blank",
        info={"column": column, "pattern": r"\S"},
    )


def between(column: str, low: float, high: float, name: str) -> CheckConstraint:
    """NULL or within [low, high]."""
    return CheckConstraint(
        f"{column} IS NULL OR {column} BETWEEN {low} AND {high}",
        name=name,
        info={"column": column, "minimum": low, "maximum": high},
    )


def upper_case(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} = upper({column})",
        name=f"{column}_upper",
        info={"column": column, "pattern": "^[^a-z]*$"},
    )

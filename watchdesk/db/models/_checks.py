"""Helpers that turn the vocabularies of ``core`` into CHECK constraints."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def one_of(column: str, codes: Iterable[object], name: str | None = None) -> CheckConstraint:
    values = ", ".join(repr(code) if isinstance(code, str) else str(code) for code in codes)
    return CheckConstraint(f"{column} IN ({values})", name=name or f"{column}_valid")


def after(start: str, end: str, name: str = "end_after_start") -> CheckConstraint:
    return CheckConstraint(f"{end} IS NULL OR {start} IS NULL OR {end} > {start}", name=name)


def not_before(start: str, end: str, name: str) -> CheckConstraint:
    return CheckConstraint(f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}", name=name)


def non_negative(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR {column} >= 0", name=f"{column}_non_negative")


def latitude(column: str = "latitude") -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR {column} BETWEEN -90 AND 90", name=f"{column}_range"
    )


def longitude(column: str = "longitude") -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR {column} BETWEEN -180 AND 180", name=f"{column}_range"
    )


def not_blank(column: str) -> CheckConstraint:
    return CheckConstraint(f"length(trim({column})) > 0", name=f"{column}_not_blank")

"""Counted words as people write them: "1 patroller", "2 patrollers", "0 shifts"."""

from __future__ import annotations

_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural(noun: str) -> str:
    """The regular English plural: shift -> shifts, box -> boxes, entry -> entries."""
    if noun.endswith(_SIBILANT_ENDINGS):
        return noun + "es"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def count(n: int, noun: str, irregular: str | None = None, thousands: bool = False) -> str:
    """``n`` and the noun, singular for exactly one: ``count(1, "patroller")`` is
    "1 patroller", ``count(2, "person", "people")`` is "2 people"; ``thousands`` writes
    "1,250 members"."""
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun if n == 1 else irregular or plural(noun)}"

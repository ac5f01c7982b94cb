"""Licence plates as typed by witnesses: partial, spaced, with ``?`` for an unread character."""

from __future__ import annotations

import re

from watchdesk.core.validation import ValidationError

_ALLOWED = re.compile(r"^[A-Z0-9?*]*$")


def normalise_plate(text: str | None) -> str | None:
    """Upper case without spaces or dashes: ' abc-123 ' -> 'ABC123'; blank -> None."""
    if text is None:
        return None
    plate = re.sub(r"[\s\-·.]", "", text).upper()
    if not plate:
        return None
    if not _ALLOWED.fullmatch(plate):
        raise ValidationError.single("plate", "use letters, digits and ? for an unknown character")
    if len(plate) > 15:
        raise ValidationError.single("plate", "is longer than any plate (15 characters)")
    return plate


def plate_like_pattern(partial: str) -> str | None:
    """A SQL LIKE pattern finding stored plates that contain ``partial``; ``?`` matches any
    one character and ``*`` any run. None when there is nothing to search for."""
    plate = normalise_plate(partial)
    if plate is None or not plate.strip("?*"):
        return None
    return "%" + plate.replace("?", "_").replace("*", "%") + "%"


def plates_agree(first: str, second: str) -> bool:
    """Two plates as read could be the same plate: equal length, and every character equal
    or unread (``?``) in either. "7KX?23" agrees with "7KX123" but not with "7KX12"."""
    return len(first) == len(second) and all(
        a == b or "?" in (a, b) for a, b in zip(first, second, strict=True)
    )

"""How a member's name is shown: the preferred name when they gave one."""

from __future__ import annotations


def spoken_name(given: str, family: str, preferred: str | None = None) -> str:
    """'Bea Baker' — for sentences, trees and detail panes."""
    return f"{preferred or given} {family}"


def listed_name(given: str, family: str, preferred: str | None = None) -> str:
    """'Baker, Bea' — for lists sorted by family name."""
    return f"{family}, {preferred or given}"

"""Errors services raise for conditions users can fix (shown as messages, not tracebacks)."""

from __future__ import annotations


class NotFoundError(LookupError):
    """The record the user asked for does not exist (or not in this group)."""


class ConflictError(ValueError):
    """The action contradicts what is stored (e.g. demo data into a database with data)."""

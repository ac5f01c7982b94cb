"""Tell environment errors (disk full, read-only, locked, corrupt) from bugs.

The first kind gets a plain message for the user; anything else is a bug, logged in full.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

_KNOWN = (
    ("database or disk is full", "the disk is full; free some space and try again"),
    ("readonly database", "the database file is read-only; check its permissions"),
    (
        "database is locked",
        "the database stayed busy for 10 s while another program wrote to it (an import?); "
        "nothing was written: try again when it is done",
    ),
    ("disk image is malformed", "the database file is damaged; restore it from a backup"),
    ("file is not a database", "the file is not a database or is damaged"),
    ("unable to open database", "the database file cannot be opened; check the path"),
)


def describe_environment_error(exc: BaseException) -> str | None:
    """A user-facing sentence for a known SQLite environment error, else None."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(original).lower()
    for fragment, message in _KNOWN:
        if fragment in text:
            return message
    return None

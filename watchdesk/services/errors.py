"""Errors services raise for conditions users can fix (shown as messages, not tracebacks)."""

from __future__ import annotations


class NotFoundError(LookupError):
    """The record the user asked for does not exist (or not in this group)."""


class ConflictError(ValueError):
    """The action contradicts what is stored (e.g. demo data into a database with data)."""


class FileRefusedError(ValueError):
    """A file the user gave cannot be used: broken, hostile or of the wrong kind."""


def user_error_types() -> tuple[type[BaseException], ...]:
    """Every error that means "the user can fix this", for the CLI and the GUI to report
    as a message rather than a bug (imported late: some pull in SQLAlchemy)."""
    from watchdesk.core.validation import ValidationError
    from watchdesk.db.backup import BackupError
    from watchdesk.db.opening import DatabaseOpenError

    return (
        ValidationError,
        DatabaseOpenError,
        BackupError,
        ConflictError,
        NotFoundError,
        FileRefusedError,
    )

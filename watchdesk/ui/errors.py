"""Unexpected exceptions: logged in full, shown to the user as a dialog (never a crash)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def message_for(error: BaseException) -> tuple[str, bool]:
    """The text to show and whether it is a bug (True) rather than a user/environment error."""
    from watchdesk.db.errors import describe_environment_error
    from watchdesk.services.errors import user_error_types

    if isinstance(error, user_error_types()):
        return str(error), False
    known = describe_environment_error(error)
    if known:
        return known[0].upper() + known[1:] + ".", False
    return f"Something went wrong: {shortened(str(error))}", True


def shortened(text: str, limit: int = 300) -> str:
    """At most ``limit`` characters of an unexpected error (a database error quotes whole SQL
    statements): the message box stays smaller than a 1024x600 screen; the log has it all."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def show_error(parent: QWidget | None, error: BaseException, log_path: str = "") -> None:
    text, is_bug = message_for(error)
    if is_bug:
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        if log_path:
            text += f"\n\nThe details were written to {log_path}."
    QMessageBox.warning(parent, "WatchDesk", text)


def install_excepthook(log_path: str) -> None:
    """Route uncaught exceptions in slots to the log and a dialog instead of aborting."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught exception", exc_info=(kind, value, tb))
        if QApplication.instance() is not None:
            show_error(QApplication.activeWindow(), value, log_path)

    sys.excepthook = hook

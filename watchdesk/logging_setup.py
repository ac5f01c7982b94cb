"""One rotating log file in the per-user log folder, for the GUI and the CLI alike."""

from __future__ import annotations

import logging
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

from watchdesk.paths import log_folder

LOG_NAME = "watchdesk.log"


def configure_logging() -> Path:
    """Send WatchDesk's log records to the rotating file; return the file's path."""
    try:
        folder = log_folder()
    except OSError:  # no usable log folder (unwritable, or one other users can write to)
        folder = Path(tempfile.mkdtemp(prefix="watchdesk-log-"))
    path = folder / LOG_NAME
    root = logging.getLogger()
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path

"""Where WatchDesk keeps its files by default (per-user folders from platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "WatchDesk"
DB_ENV = "WATCHDESK_DB"


def default_database_path() -> Path:
    """``WATCHDESK_DB`` if set, else ``watchdesk.sqlite`` in the per-user data folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    folder = platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=True)
    return folder / "watchdesk.sqlite"


def tile_folder() -> Path:
    """Map tiles stored on this computer for printed maps (``reports.tiles``): used when it
    exists; never created or filled by WatchDesk."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "tiles"


def log_folder() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False, ensure_exists=True)

"""Benchmarks stay out of the user's own things (issue 20).

:func:`isolate` points HOME and the XDG user folders at a fresh temporary folder for the whole
run, before Qt reads its settings or platformdirs is asked for a folder; every process a
benchmark starts inherits them. The app's QSettings (the page it was last closed on, the
window's geometry), its log and its default database are then the run's own: a user who last
closed WatchDesk on the Members page no longer makes the start-up benchmark wait for dashboard
figures that never come.

The one thing kept between runs is the large demo the benchmarks share (minutes to make):
``WATCHDESK_BENCH_CACHE`` if set, else the benchmarks' own ``watchdesk-bench`` cache folder,
resolved before HOME moves. WatchDesk itself never reads it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# The per-user folders Qt (QSettings, QStandardPaths), platformdirs and keyring look in.
USER_FOLDERS = ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
CACHE_ENV = "WATCHDESK_BENCH_CACHE"
# Set once the run is isolated: the run's temporary folder.
ISOLATED_ENV = "WATCHDESK_BENCH_HOME"


def user_folders(home: Path) -> dict[str, str]:
    """HOME and the XDG user folders inside ``home`` (created), as environment variables."""
    folders = {"HOME": str(home), **{name: str(home / name.lower()) for name in USER_FOLDERS}}
    for folder in folders.values():
        Path(folder).mkdir(parents=True, exist_ok=True)
    return folders


def isolate() -> Path:
    """Point this process (and so its children) at a fresh HOME and XDG folders, removed at
    exit; returns the folder. Call it before anything reads Qt settings or platformdirs."""
    already = os.environ.get(ISOLATED_ENV)
    if already:
        return Path(already)
    if CACHE_ENV not in os.environ:
        from platformdirs import user_cache_path

        os.environ[CACHE_ENV] = str(user_cache_path("watchdesk-bench"))
    home = Path(tempfile.mkdtemp(prefix="watchdesk-bench-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update(user_folders(home / "run"))
    os.environ[ISOLATED_ENV] = str(home)
    return home


def fresh_user_folders() -> dict[str, str]:
    """Another set of empty user folders inside the run's folder, for one child process
    (each start of the app begins with no settings, whatever ran before it)."""
    home = Path(tempfile.mkdtemp(prefix="child-", dir=isolate()))
    return user_folders(home)


def cache_folder() -> Path:
    """Where the benchmarks keep what they make once and reuse (the large demo)."""
    isolate()
    return Path(os.environ[CACHE_ENV])

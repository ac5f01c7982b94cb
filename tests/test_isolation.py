"""Tests stay out of the user's own things: HOME and the XDG user folders point into a
temporary folder of each test, for this process and every process it starts (issue 20)."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
import tempfile
from pathlib import Path

import platformdirs
import pytest

from tests.conftest import USER_FOLDERS
from watchdesk import paths

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
TEMP = Path(tempfile.gettempdir()).resolve()

# What a child process sees: its environment, platformdirs' folders and Qt's settings file.
PROBE = """
import json, os, platformdirs
from pathlib import Path
from PySide6.QtCore import QSettings
from watchdesk import paths
from watchdesk.ui.settings import APPLICATION, ORGANIZATION
print(json.dumps({
    "env": {name: os.environ.get(name) for name in ("HOME", *%r)},
    "home": str(Path.home()),
    "data": str(platformdirs.user_data_path("WatchDesk", appauthor=False)),
    "config": str(platformdirs.user_config_path("WatchDesk", appauthor=False)),
    "database": str(paths.default_database_path()),
    "logs": str(paths.log_folder()),
    "settings": QSettings(ORGANIZATION, APPLICATION).fileName(),
}))
"""


def _inside(path: str | Path | None, folder: Path) -> bool:
    return path is not None and Path(path).resolve().is_relative_to(folder.resolve())


def test_home_and_user_folders_are_this_tests_own(private_home: Path) -> None:
    assert private_home.resolve().is_relative_to(TEMP)
    assert not REAL_HOME.resolve().is_relative_to(private_home.resolve())
    for name in ("HOME", *USER_FOLDERS):
        assert _inside(os.environ[name], private_home), name
    assert _inside(Path.home(), private_home)
    assert _inside(Path("~").expanduser(), private_home)


def test_platformdirs_and_watchdesk_paths_resolve_there(private_home: Path) -> None:
    for folder in (
        platformdirs.user_data_path("WatchDesk", appauthor=False),
        platformdirs.user_config_path("WatchDesk", appauthor=False),
        platformdirs.user_cache_path("WatchDesk", appauthor=False),
        platformdirs.user_state_path("WatchDesk", appauthor=False),
        platformdirs.user_log_path("WatchDesk", appauthor=False),
        paths.default_database_path(),
        paths.log_folder(),
        paths.tile_folder(),
    ):
        assert _inside(folder, private_home), folder


def test_app_settings_are_fresh_and_kept_there(private_home: Path) -> None:
    from PySide6.QtCore import QSettings

    from watchdesk.ui.settings import APPLICATION, ORGANIZATION, Settings

    settings = Settings()
    assert settings.last_page() == 0  # no page left open by an earlier test (or the user)
    settings.set_last_page(1)
    settings.sync()
    written = Path(QSettings(ORGANIZATION, APPLICATION).fileName())
    assert _inside(written, private_home) and written.exists()
    assert "last_page=1" in written.read_text()


@pytest.mark.parametrize("order", ["first", "second"])
def test_a_setting_never_reaches_the_next_test(order: str) -> None:
    from watchdesk.ui.settings import Settings

    assert Settings().last_page() == 0, f"the {order} test saw a page left by another"
    Settings().set_last_page(3)
    Settings().sync()


def test_child_processes_inherit_the_private_folders(private_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (USER_FOLDERS,)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    for name, value in seen.pop("env").items():
        assert _inside(value, private_home), (name, value)
    for name, value in seen.items():
        assert _inside(value, private_home), (name, value)


def test_the_cli_looks_for_its_default_database_there(private_home: Path) -> None:
    """``watchdesk check`` without ``--db`` looks in the per-user data folder: the test's
    own (and says the file is not there yet)."""
    done = subprocess.run(
        [sys.executable, "-m", "watchdesk", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=private_home,
        check=False,
    )
    database = paths.default_database_path()
    assert _inside(database, private_home)
    assert f"{database} does not exist" in done.stdout + done.stderr


def test_every_test_has_a_deadline(pytestconfig: pytest.Config) -> None:
    """pytest-timeout stops a test that waits for ever (a wait loop with no end of its own)."""
    assert float(pytestconfig.getini("timeout")) > 0


# -- benchmarks ------------------------------------------------------------------------------
BENCH_PROBE = (
    "from benchmarks.isolation import isolate, cache_folder\n"
    "home = isolate()\n"
    "import json, os\n"
    "print(json.dumps({'run': str(home), 'cache': str(cache_folder())}))\n"
) + PROBE


def test_a_benchmark_run_has_user_folders_of_its_own(tmp_path: Path) -> None:
    """As a user would start it (their own HOME and XDG folders), a benchmark run points every
    user folder at a fresh temporary folder, removed when the run ends."""
    user = tmp_path / "user"
    environment = dict(os.environ, HOME=str(user))
    for name in USER_FOLDERS:
        environment[name] = str(user / name.lower())
    environment.pop("WATCHDESK_BENCH_HOME", None)
    environment.pop("WATCHDESK_BENCH_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", BENCH_PROBE % (USER_FOLDERS,)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    run = Path(first["run"])
    assert run.resolve().is_relative_to(TEMP) and not run.exists()  # removed at exit
    for name, value in second.pop("env").items():
        assert _inside(value, run), (name, value)
    for name, value in second.items():
        assert _inside(value, run), (name, value)
    # Only the large demo the benchmarks share is kept in the user's cache folder.
    assert Path(first["cache"]) == user / "xdg_cache_home" / "watchdesk-bench"
    assert not (user / "xdg_config_home").exists() and not (user / "xdg_state_home").exists()


def test_a_benchmark_wait_gives_up_with_a_clear_error() -> None:
    from benchmarks.common import BenchmarkError, wait_until

    steps: list[int] = []
    with pytest.raises(BenchmarkError, match=r"gave up after 0\.05 s waiting for the figures"):
        wait_until(lambda: False, "the figures", 0.05, lambda: steps.append(1))
    assert steps


def test_a_benchmark_child_that_hangs_is_stopped_and_named() -> None:
    from benchmarks.common import BenchmarkError, run_child

    hang = (
        "import sys, time; print('waiting for figures', file=sys.stderr, flush=True); "
        "time.sleep(60)"
    )
    with pytest.raises(BenchmarkError, match=r"did not finish in 0\.5 s:\nwaiting for figures"):
        run_child([sys.executable, "-c", hang], timeout=0.5)
    with pytest.raises(BenchmarkError, match=r"exited 3:\nno figures"):
        run_child(
            [sys.executable, "-c", "import sys; print('no figures', file=sys.stderr); sys.exit(3)"],
            5,
        )

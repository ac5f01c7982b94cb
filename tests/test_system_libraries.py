"""A system library Qt needs that is missing at start-up gives one line naming the Debian
package to install (exit 2), not an unexpected error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from watchdesk.system_libraries import DEBIAN_PACKAGES, explain_missing_library

ROOT = Path(__file__).resolve().parents[1]
LOADER_SAYS = "{}: cannot open shared object file: No such file or directory"


def test_a_missing_library_names_its_package() -> None:
    error = ImportError(LOADER_SAYS.format("libEGL.so.1"))
    assert explain_missing_library(error) == (
        "WatchDesk needs the system library libEGL.so.1: install it with: "
        "sudo apt-get install libegl1"
    )
    xcb = OSError(LOADER_SAYS.format("libxcb-cursor.so.0"))
    assert explain_missing_library(xcb) == (
        "WatchDesk needs the system library libxcb-cursor.so.0: install it with: "
        "sudo apt-get install libxcb-cursor0"
    )
    unknown = explain_missing_library(ImportError(LOADER_SAYS.format("libfoo.so.3")))
    assert unknown is not None and "libfoo.so.3" in unknown and "apt-file search" in unknown


def test_other_errors_are_not_taken_for_a_missing_library() -> None:
    assert explain_missing_library(ImportError("No module named 'PySide6'")) is None
    assert explain_missing_library(RuntimeError(LOADER_SAYS.format("libGL.so.1"))) is None


def _listed_packages() -> set[str]:
    lines = (ROOT / "packaging" / "debian-packages.txt").read_text().splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def test_every_package_named_is_one_make_installs() -> None:
    listed = _listed_packages()
    assert set(DEBIAN_PACKAGES.values()) <= listed
    assert listed - set(DEBIAN_PACKAGES.values()) == {"fonts-dejavu-core"}  # a font, no .so


def _start(tmp_path: Path, prepare: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start the app (``watchdesk --db FILE``) in a new process after running ``prepare``."""
    script = textwrap.dedent(prepare) + textwrap.dedent(
        f"""
        from watchdesk.cli import main
        sys.exit(main(["--db", {str(tmp_path / "watch.sqlite")!r}]))
        """
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    environment.update(env)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=tmp_path,
    )


def test_a_missing_qt_library_at_start_up_names_the_package(tmp_path: Path) -> None:
    # As on a bare machine: importing QtGui fails in the dynamic loader.
    prepare = """
        import sys

        class NoEGL:
            def find_spec(self, name, path=None, target=None):
                if name in ("PySide6.QtGui", "PySide6.QtWidgets"):
                    raise ImportError(
                        "libEGL.so.1: cannot open shared object file: No such file or directory"
                    )
                return None

        sys.meta_path.insert(0, NoEGL())
        """
    result = _start(tmp_path, prepare, {"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "WatchDesk needs the system library libEGL.so.1: install it with: "
        "sudo apt-get install libegl1\n"
    )
    assert not (tmp_path / "watch.sqlite").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_a_missing_xcb_library_is_caught_before_qt_aborts(tmp_path: Path) -> None:
    # Qt itself would abort the process (qFatal) when its xcb plugin cannot load; WatchDesk
    # loads the plugin first, and the loader's error names the library.
    prepare = """
        import ctypes
        import sys

        def no_xcb_cursor(name, *args, **kwargs):
            if name.endswith("libqxcb.so"):
                raise OSError(
                    "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
                )
            raise AssertionError(name)

        ctypes.CDLL = no_xcb_cursor
        """
    env = {"DISPLAY": ":99", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    result = _start(tmp_path, prepare, env)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "WatchDesk needs the system library libxcb-cursor.so.0: install it with: "
        "sudo apt-get install libxcb-cursor0\n"
    )


def _make_system_packages(tmp_path: Path, absent: set[str]) -> subprocess.CompletedProcess[str]:
    """``make system-packages`` as a user who is not root, on a Debian where every package
    is installed but those in ``absent`` (fake ``dpkg-query`` and ``id`` first on the PATH).
    libglib2.0-0 is there as Debian 13 has it: provided by libglib2.0-0t64."""
    listed = _listed_packages() - absent
    lines = [f"ii  {p} " for p in sorted(listed - {"libglib2.0-0"})]
    if "libglib2.0-0" in listed:
        lines.append("ii  libglib2.0-0t64 libglib2.0-0 (= 2.84.4-3), libglib2.0-0-dbg")
    lines.append(f"rc  {sorted(absent)[0]} " if absent else "un  nothing ")
    fakes = tmp_path / "bin"
    fakes.mkdir(exist_ok=True)
    (fakes / "installed.txt").write_text("\n".join(lines) + "\n")
    dpkg = fakes / "dpkg-query"
    dpkg.write_text(f"#!/bin/sh\ncat '{fakes / 'installed.txt'}'\n")
    identity = fakes / "id"
    identity.write_text("#!/bin/sh\necho 1000\n")
    for fake in (dpkg, identity):
        fake.chmod(0o755)
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "system-packages"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=f"{fakes}{os.pathsep}{os.environ['PATH']}"),
        timeout=60,
    )


@pytest.mark.skipif(
    not (shutil.which("make") and shutil.which("sh")), reason="needs make and a POSIX shell"
)
def test_make_names_exactly_the_missing_packages_in_one_command(tmp_path: Path) -> None:
    missing = _make_system_packages(tmp_path, {"libegl1", "libxcb-cursor0"})
    assert missing.returncode != 0
    assert "    sudo apt-get install libegl1 libxcb-cursor0\n" in missing.stdout
    assert "Installing" not in missing.stdout
    nothing = _make_system_packages(tmp_path, set())
    assert nothing.returncode == 0, nothing.stderr
    assert nothing.stdout == ""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import USER_FOLDERS

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run the real entry point (``python -m watchdesk``) in a subprocess. It inherits the
    test's private HOME and XDG folders (tests/conftest.py); ``env`` may point them elsewhere,
    but only into a temporary folder."""

    def run(
        *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ, **(env or {}))
        temporary = Path(tempfile.gettempdir()).resolve()
        for name in ("HOME", *USER_FOLDERS):
            folder = Path(environment[name]).resolve()
            assert folder.is_relative_to(temporary), f"{name}={folder}: not a test folder"
        return subprocess.run(
            [*prefix, sys.executable, "-m", "watchdesk", *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            cwd=tmp_path,
        )

    return run

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run the real entry point (``python -m watchdesk``) in a subprocess."""

    def run(
        *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ, **(env or {}))
        return subprocess.run(
            [*prefix, sys.executable, "-m", "watchdesk", *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            cwd=tmp_path,
        )

    return run

"""The log file: in the per-user log folder, or a private temporary one when that folder
cannot be used (so a command still runs and can name its log)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from watchdesk.logging_setup import LOG_NAME, configure_logging


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_the_log_goes_to_the_user_log_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_handlers: None
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = configure_logging()
    assert path.parent.is_relative_to(tmp_path / "state") and path.name == LOG_NAME


def test_an_unusable_log_folder_falls_back_to_a_private_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_handlers: None
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # other users could plant files: platformdirs refuses it
    monkeypatch.setenv("XDG_STATE_HOME", str(shared))

    path = configure_logging()

    assert not path.is_relative_to(shared)
    assert path.parent.stat().st_mode & 0o077 == 0
    logging.getLogger("watchdesk.test").warning("written")
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingFileHandler):
            handler.flush()
    assert "written" in path.read_text(encoding="utf-8")

"""Databases in sync-client folders or on network shares are recognised and explained."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from watchdesk.storage_risk import mounted_from, storage_warning, sync_service

MOUNTS = [("/", "ext4"), ("/mnt/share", "cifs"), ("/mnt/share/local", "ext4"), ("/home", "nfs4")]


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (PureWindowsPath(r"C:\Users\ana\OneDrive\Watch\watch.sqlite"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\ana\OneDrive - Contoso\watch.sqlite"), "OneDrive"),
        (PurePosixPath("/Users/ana/Dropbox/watch.sqlite"), "Dropbox"),
        (
            PurePosixPath("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/w.sqlite"),
            "iCloud Drive",
        ),
        (PurePosixPath("/Volumes/GoogleDrive/My Drive/watch.sqlite"), "Google Drive"),
        (PurePosixPath("/home/ana/Documents/watch.sqlite"), None),
        (PurePosixPath("/home/ana/dropbox-notes.sqlite"), None),  # a file name, not a folder
        (PurePosixPath("/home/ana/MyDropboxBackup/watch.sqlite"), None),
    ],
)
def test_sync_folders_are_recognised_by_name(path: PurePosixPath, service: str | None) -> None:
    assert sync_service(path) == service


def test_the_longest_mount_point_decides_the_file_system() -> None:
    assert mounted_from(PurePosixPath("/mnt/share/watch.sqlite"), MOUNTS) == "cifs"
    assert mounted_from(PurePosixPath("/mnt/share/local/watch.sqlite"), MOUNTS) == "ext4"
    assert mounted_from(PurePosixPath("/mnt/shared/watch.sqlite"), MOUNTS) == "ext4"
    assert mounted_from(PurePosixPath("/home/ana/watch.sqlite"), MOUNTS) == "nfs4"


def test_warnings_explain_the_risk(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "watch.sqlite"
    warning = storage_warning(synced, mounts=[])
    assert warning is not None and "is in a Dropbox folder" in warning
    assert "copy taken mid-write is damaged" in warning
    shared = storage_warning(Path("/mnt/share/watch.sqlite"), mounts=MOUNTS)
    assert shared is not None and "is on a network share (cifs)" in shared
    assert storage_warning(tmp_path / "watch.sqlite", mounts=MOUNTS[:1]) is None


def test_the_cli_warns_on_stderr_and_carries_on(demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Contoso"
    folder.mkdir()
    database = folder / "watch.sqlite"
    shutil.copy(demo_template, database)
    result = subprocess.run(
        [sys.executable, "-m", "watchdesk", "--db", str(database), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: ") and "is in a OneDrive folder" in result.stderr

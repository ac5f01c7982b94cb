"""Is the database kept where another program copies it behind WatchDesk's back?

Sync clients (OneDrive, Dropbox, iCloud Drive, Google Drive) upload a file while it is being
written and download other computers' copies over it; network file systems get SQLite's file
locks wrong. Either can damage the file or lose work, so the user is warned (not refused:
it is their laptop). Recognised by the folder names the clients create and, on Linux, by the
file system the folder is mounted from.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath

# Folder names (lower case) the sync clients create, and the service's name.
SYNC_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "icloud drive": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
}
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afpfs", "davfs", "fuse.rclone", "9p"}
)
ADVICE = (
    "WatchDesk writes its file in place; a copy taken mid-write is damaged, and another "
    "computer's copy can overwrite this one's work. Keep the file on this computer's own disk "
    "and move records with bundles or backups."
)


def sync_service(path: PurePath) -> str | None:
    """The sync client whose folder holds ``path``, if any."""
    for part in path.parts[:-1]:
        name = part.lower()
        for folder, service in SYNC_FOLDERS.items():
            # OneDrive names business folders "OneDrive - Company".
            if name == folder or name.startswith(f"{folder} - "):
                return service
    return None


def mounted_from(path: PurePath, mounts: Sequence[tuple[str, str]]) -> str | None:
    """The file system type of the longest mount point holding ``path``."""
    best: tuple[int, str] | None = None
    for point, kind in mounts:
        mount = PurePath(point)
        if (path == mount or mount in path.parents) and (best is None or len(point) > best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def linux_mounts(table: Path = Path("/proc/mounts")) -> list[tuple[str, str]]:
    try:
        lines = table.read_text().splitlines()
    except OSError:
        return []
    return [
        (f[1].replace("\\040", " "), f[2]) for f in (line.split() for line in lines) if len(f) > 2
    ]


def storage_warning(path: Path, mounts: Sequence[tuple[str, str]] | None = None) -> str | None:
    """A warning for a database in a synced folder or on a network share, else None."""
    where = path.expanduser().resolve()
    service = sync_service(where)
    if service is not None:
        return f"{path} is in a {service} folder. {ADVICE}"
    if str(path).startswith(("\\\\", "//")):
        return f"{path} is on a network share. {ADVICE}"
    kind = mounted_from(where, linux_mounts() if mounts is None else mounts)
    if kind in NETWORK_FILE_SYSTEMS:
        return f"{path} is on a network share ({kind}). {ADVICE}"
    return None

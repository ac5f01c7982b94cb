"""Making broken and hostile bundles out of real ones."""

from __future__ import annotations

import contextlib
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any


def read_members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def records_of(members: dict[str, bytes], name: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(members[name])
    return loaded


def array_bytes(records: list[Any]) -> bytes:
    """A file in the bundle's layout: one element per line."""
    lines = [json.dumps(record, ensure_ascii=False, separators=(",", ":")) for record in records]
    return ("[\n" + ",\n".join(lines) + ("\n]\n" if lines else "]\n")).encode("utf-8")


def reseal(members: dict[str, bytes], recount: bool = True) -> dict[str, bytes]:
    """Recompute the manifest's sizes and checksums (and record counts) for the files as
    they are now, so a change reaches the checks after the checksums."""
    manifest = json.loads(members["manifest.json"])
    files = {}
    for name, data in members.items():
        if name == "manifest.json":
            continue
        entry = manifest["files"].get(name, {"records": 0})
        records = entry["records"]
        if recount:
            with contextlib.suppress(ValueError, TypeError, RecursionError):
                records = len(json.loads(data))
        files[name] = {
            "records": records,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    manifest["files"] = files
    return {**members, "manifest.json": json.dumps(manifest, indent=2).encode("utf-8")}


def write_members(
    target: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(target, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target

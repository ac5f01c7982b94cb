"""Writing exported files so a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(target: Path, mode: str = "wb", **options: Any) -> Iterator[IO[Any]]:
    """A stream next to ``target`` that takes its place, synced, once the block ends without
    an error; on an error (or Cancel) the partial file is removed."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(target: Path, data: bytes) -> Path:
    """Write ``data`` next to ``target`` and move it into place in one step."""
    with atomic_output(target) as stream:
        stream.write(data)
    return target

"""Record identity across export/import: time-ordered UUIDs (RFC 9562 version 7).

Version 7 UUIDs begin with the creation time in milliseconds, so new records land at the end
of the unique index instead of at random pages: bulk inserts stay fast on large files.
"""

from __future__ import annotations

import os
import time
import uuid

_RANDOM_BITS = 74  # 128 - 48 (time) - 4 (version) - 2 (variant)


def uuid7(unix_ms: int | None = None, random_bits: int | None = None) -> str:
    """A version-7 UUID; pass both arguments for reproducible identities (demo data)."""
    ms = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    rand = int.from_bytes(os.urandom(10)) if random_bits is None else random_bits
    rand &= (1 << _RANDOM_BITS) - 1
    rand_a, rand_b = rand >> 62, rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))

import uuid

from watchdesk.core.identity import uuid7


def test_uuid7_is_a_valid_version_7_uuid() -> None:
    value = uuid.UUID(uuid7())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_sorts_by_time_and_is_reproducible() -> None:
    earlier = uuid7(1_700_000_000_000, 123)
    later = uuid7(1_700_000_000_001, 0)
    assert earlier < later
    assert uuid7(1_700_000_000_000, 123) == earlier
    assert len({uuid7() for _ in range(1000)}) == 1000

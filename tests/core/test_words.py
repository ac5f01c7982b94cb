import pytest

from watchdesk.core.words import count, plural


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "patroller", "1 patroller"),
        (2, "patroller", "2 patrollers"),
        (0, "shift", "0 shifts"),
        (-1, "hour", "-1 hours"),
        (3, "address", "3 addresses"),
        (2, "entry", "2 entries"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
        (1, "y", "1 y"),
    ],
)
def test_count_is_singular_for_exactly_one(n: int, noun: str, expected: str) -> None:
    assert count(n, noun) == expected


def test_irregular_plurals_are_given() -> None:
    assert count(1, "person", "people") == "1 person"
    assert count(4, "person", "people") == "4 people"
    assert count(2, "child", "children") == "2 children"
    assert plural("box") == "boxes" and plural("key") == "keys"


def test_thousands_are_grouped_on_request() -> None:
    assert count(1250, "member", thousands=True) == "1,250 members"
    assert count(1250, "member") == "1250 members"
    assert count(1, "member", thousands=True) == "1 member"

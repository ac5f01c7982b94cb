"""Phone tree rules: fan-out, report-back, skipping people who cannot be reached."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchdesk.core.phonetree import (
    build_links,
    calls_of,
    effective_callers,
    reports_back,
)
from watchdesk.core.validation import ValidationError

CAPTAIN = 100


def test_captain_calls_the_first_n_and_each_caller_the_next_n() -> None:
    links = build_links(CAPTAIN, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], fan_out=3)
    assert calls_of(links) == {CAPTAIN: [1, 2, 3], 1: [4, 5, 6], 2: [7, 8, 9], 3: [10]}
    assert [link.position for link in links] == list(range(1, 11))
    assert reports_back([1, 2, 3]) == 3
    assert reports_back([]) is None


def test_fan_out_of_one_is_a_chain() -> None:
    assert calls_of(build_links(CAPTAIN, [1, 2, 3], fan_out=1)) == {CAPTAIN: [1], 1: [2], 2: [3]}


def test_unreachable_callers_are_skipped_to_the_next_one_up() -> None:
    links = build_links(CAPTAIN, list(range(1, 14)), fan_out=3)
    # 1 calls 4, 5, 6; 4 calls 13. With 1 and 4 unreachable, the captain calls 5 and 6 and
    # then 13 as well.
    callers = effective_callers(links, unreachable={1, 4})
    assert callers[5] == CAPTAIN and callers[6] == CAPTAIN and callers[13] == CAPTAIN
    assert callers[7] == 2
    assert 1 not in callers and 4 not in callers


def test_bad_orders_and_fan_outs_are_refused() -> None:
    with pytest.raises(ValueError, match="captain"):
        build_links(CAPTAIN, [1, CAPTAIN])
    with pytest.raises(ValueError, match="twice"):
        build_links(CAPTAIN, [1, 1])
    with pytest.raises(ValidationError):
        build_links(CAPTAIN, [1], fan_out=0)


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=6))
def test_everyone_is_called_once_and_nobody_calls_more_than_n(count: int, fan_out: int) -> None:
    order = list(range(1, count + 1))
    links = build_links(CAPTAIN, order, fan_out)
    assert sorted(link.member_id for link in links) == order
    assert all(len(called) <= fan_out for called in calls_of(links).values())
    # Callers are always called before the people they call (the message can travel).
    position = {link.member_id: link.position for link in links}
    assert all(position.get(link.caller_id, 0) < link.position for link in links)

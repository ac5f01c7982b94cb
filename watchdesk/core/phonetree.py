"""Calling-tree rules, independent of storage.

A block's tree is an ordered list of people under the block captain. With fan-out N the
captain calls the first N; after that, the k-th person in the list calls the N people at
positions N + k*N ... N + k*N + N - 1. The last person called reports back to the captain, so
the captain knows the message went all the way round. If someone cannot be reached, their
caller carries on with the people they would have called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_FAN_OUT = 3
MAX_FAN_OUT = 10


@dataclass(frozen=True)
class Link:
    member_id: int
    caller_id: int  # the captain for the first N
    position: int  # 1-based place in the calling order


def check_fan_out(fan_out: int) -> int:
    from watchdesk.core.validation import ValidationError

    if not 1 <= fan_out <= MAX_FAN_OUT:
        raise ValidationError.single("fan_out", f"must be between 1 and {MAX_FAN_OUT}")
    return fan_out


def build_links(
    captain_id: int, order: Sequence[int], fan_out: int = DEFAULT_FAN_OUT
) -> list[Link]:
    """Who calls whom for people called in ``order`` (the captain must not be in it)."""
    check_fan_out(fan_out)
    if captain_id in order:
        raise ValueError("the captain heads the tree and is not in the calling order")
    if len(set(order)) != len(order):
        raise ValueError("someone appears twice in the calling order")
    links = []
    for index, member_id in enumerate(order):
        caller = captain_id if index < fan_out else order[(index - fan_out) // fan_out]
        links.append(Link(member_id, caller, index + 1))
    return links


def reports_back(order: Sequence[int]) -> int | None:
    """The person who calls the captain back at the end (the last one called)."""
    return order[-1] if order else None


def calls_of(links: Sequence[Link]) -> dict[int, list[int]]:
    """Caller -> the people they call, in order."""
    result: dict[int, list[int]] = {}
    for link in links:
        result.setdefault(link.caller_id, []).append(link.member_id)
    return result


def effective_callers(links: Sequence[Link], unreachable: set[int]) -> dict[int, int]:
    """Who actually calls each reachable person when some cannot be reached: the nearest
    caller up the tree who was reached (the captain is always reached)."""
    caller_of = {link.member_id: link.caller_id for link in links}
    result = {}
    for link in links:
        if link.member_id in unreachable:
            continue
        caller = link.caller_id
        while caller in unreachable:
            caller = caller_of[caller]
        result[link.member_id] = caller
    return result

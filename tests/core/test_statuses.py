"""The vocabularies as enums, and the one no-show rule (issue 20)."""

from enum import StrEnum

import pytest

from watchdesk.core import vocabulary
from watchdesk.core.scheduling import (
    HISTORY,
    ON_PATROL,
    PENDING,
    RELEASED,
    TRANSITIONS,
    holds_shift,
    is_no_show,
)
from watchdesk.core.vocabulary import (
    ASSIGNMENT_STATUSES,
    AssignmentStatus,
    MemberStatus,
    label,
)

# Each enum and the labels built from it.
LABELLED = [
    (vocabulary.MemberRole, vocabulary.MEMBER_ROLES),
    (vocabulary.MemberStatus, vocabulary.MEMBER_STATUSES),
    (vocabulary.BlockKind, vocabulary.BLOCK_KINDS),
    (vocabulary.ObservationCategory, vocabulary.OBSERVATION_CATEGORIES),
    (vocabulary.ObservationCategory, vocabulary.CATEGORY_COLOURS),
    (vocabulary.ObservationStatus, vocabulary.OBSERVATION_STATUSES),
    (vocabulary.PoliceContact, vocabulary.POLICE_CONTACTS),
    (vocabulary.AssignmentStatus, vocabulary.ASSIGNMENT_STATUSES),
    (vocabulary.AttendanceStatus, vocabulary.ATTENDANCE_STATUSES),
    (vocabulary.MeetingKind, vocabulary.MEETING_KINDS),
    (vocabulary.TrainingStatus, vocabulary.TRAINING_STATUSES),
]


@pytest.mark.parametrize(("codes", "labels"), LABELLED)
def test_every_code_has_a_label_keyed_by_the_plain_code(
    codes: type[StrEnum], labels: dict[str, str]
) -> None:
    assert list(labels) == [code.value for code in codes]
    assert all(type(key) is str for key in labels)
    assert all(labels[code] for code in codes)  # a member looks up its own label


def test_members_are_the_stored_strings() -> None:
    assert MemberStatus.ACTIVE == "active"
    assert f"{MemberStatus.ACTIVE}" == "active"
    assert "no_show" in {AssignmentStatus.NO_SHOW}
    assert label(ASSIGNMENT_STATUSES, AssignmentStatus.NO_SHOW) == "No-show"
    assert label(ASSIGNMENT_STATUSES, "from_a_newer_version") == "from_a_newer_version"


def test_a_label_missing_is_refused_when_the_module_loads() -> None:
    with pytest.raises(ValueError, match="MemberStatus"):
        vocabulary._labelled(MemberStatus, {MemberStatus.ACTIVE: "Active"})


# -- the no-show rule -----------------------------------------------------------------------
@pytest.mark.parametrize("status", list(AssignmentStatus))
def test_only_a_marked_no_show_is_a_no_show(status: AssignmentStatus) -> None:
    expected = status is AssignmentStatus.NO_SHOW
    assert is_no_show(status) is expected
    assert is_no_show(status.value) is expected  # as read from the database
    assert holds_shift(status) is not expected


@pytest.mark.parametrize("status", ["No-show", "NO_SHOW", "no-show", "noshow", " no_show", ""])
def test_near_misses_are_not_no_shows(status: str) -> None:
    # The rule compares stored codes exactly; labels and spellings are not codes.
    assert not is_no_show(status)


def test_a_status_from_a_newer_version_still_holds_the_shift() -> None:
    assert holds_shift("on_standby")


def test_released_is_the_rule_for_sql() -> None:
    assert frozenset({"no_show"}) == RELEASED
    assert {s for s in AssignmentStatus if not holds_shift(s)} == RELEASED


def test_pending_and_history_split_every_status() -> None:
    assert set(AssignmentStatus) == PENDING | HISTORY
    assert not PENDING & HISTORY
    assert RELEASED <= HISTORY  # a no-show is history: the shift was missed
    assert ON_PATROL <= HISTORY
    assert not ON_PATROL & RELEASED


def test_no_show_is_reachable_until_completed_and_is_final() -> None:
    assert set(TRANSITIONS) == set(AssignmentStatus)
    reaching = {old for old, allowed in TRANSITIONS.items() if AssignmentStatus.NO_SHOW in allowed}
    assert reaching == {"scheduled", "confirmed", "checked_in"}
    assert TRANSITIONS[AssignmentStatus.NO_SHOW] == frozenset()
    assert TRANSITIONS[AssignmentStatus.COMPLETED] == frozenset()

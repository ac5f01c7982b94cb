import datetime as dt

import pytest

from watchdesk.core.entities import (
    GroupInput,
    MemberInput,
    ObservationInput,
    clean_group,
    clean_member,
    clean_observation,
)
from watchdesk.core.validation import ValidationError

NOW = dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC)


def test_member_is_cleaned() -> None:
    clean = clean_member(
        MemberInput(
            given_name=" Zoë ",
            family_name="O'Brien",
            email="ZOE@EXAMPLE.ORG",
            phone_mobile="(503) 555-0101",
            joined_on="3/7/2024",
            role="patroller",
        )
    )
    assert clean["given_name"] == "Zoë"
    assert clean["email"] == "zoe@example.org"
    assert clean["phone_mobile"] == "+15035550101"
    assert clean["joined_on"] == dt.date(2024, 3, 7)


def test_member_errors_name_each_field() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_member(MemberInput(given_name="", family_name="Lee", email="nope", role="boss"))
    assert set(caught.value.errors) == {"given_name", "email", "role"}


def test_group_needs_a_known_time_zone_and_a_whole_centre_point() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_group(GroupInput(name="Watch", timezone="Mars/Olympus", center_latitude=45.0))
    assert set(caught.value.errors) == {"timezone", "center_longitude"}


def test_observation_rules() -> None:
    good = ObservationInput(
        occurred_at=NOW - dt.timedelta(hours=1), category="theft", address_text="12 Elm St"
    )
    assert clean_observation(good, NOW)["category"] == "theft"
    future = ObservationInput(
        occurred_at=NOW + dt.timedelta(hours=2), category="theft", address_text="12 Elm St"
    )
    with pytest.raises(ValidationError) as caught:
        clean_observation(future, NOW)
    assert "occurred_at" in caught.value.errors
    reported_without_police = ObservationInput(
        occurred_at=NOW,
        category="theft",
        latitude=45.0,
        longitude=-122.0,
        status="reported",
        case_number="26-1",
    )
    with pytest.raises(ValidationError) as caught:
        clean_observation(reported_without_police, NOW)
    assert {"status", "police_contact"} <= set(caught.value.errors)
    nowhere = ObservationInput(occurred_at=NOW, category="theft")
    with pytest.raises(ValidationError) as caught:
        clean_observation(nowhere, NOW)
    assert "address_text" in caught.value.errors


def test_a_time_zone_folder_is_not_a_time_zone() -> None:
    from watchdesk.core.entities import check_timezone

    # "America" is a folder of tzdata: ZoneInfo raised IsADirectoryError (a traceback).
    with pytest.raises(ValidationError, match="not a known time zone"):
        check_timezone("America")

"""What a volunteer types: local phone numbers, joined dates, plain messages (issue 21)."""

from __future__ import annotations

import datetime as dt

import pytest

from watchdesk.core.entities import MemberInput, clean_member
from watchdesk.core.roster import guess_mapping, parse_row
from watchdesk.core.validation import (
    PhoneDefaults,
    ValidationError,
    check_area_code,
    check_phone_region,
    normalise_email,
    normalise_phone,
    parse_date,
)

NO_AREA_CODE = "555-0123 has no area code: add it, or set the group's area code in Preferences"


def message(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    (text,) = caught.value.errors.values()
    return text


@pytest.mark.parametrize("typed", ["555-0123", "5550123", "555.0123", "555 0123"])
def test_a_seven_digit_number_takes_the_area_code(typed: str) -> None:
    assert normalise_phone(typed, area_code="503") == "+15035550123"


def test_a_number_stored_without_area_code_by_an_earlier_version_is_completed() -> None:
    assert normalise_phone("+15550123", area_code="503") == "+15035550123"
    assert "has no area code" in message(normalise_phone, "+15550123")


def test_a_seven_digit_number_keeps_its_extension() -> None:
    assert normalise_phone("555-0123 x12", area_code="971") == "+19715550123;ext=12"


def test_a_seven_digit_number_without_area_code_is_refused_not_stored_as_plus_1() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone("555-0123", "phone_mobile")
    assert caught.value.errors == {"phone_mobile": NO_AREA_CODE}


@pytest.mark.parametrize("typed", ["(503) 555-0123", "503-555-0123", "+1 503 555 0123"])
def test_ten_digit_and_plus_one_numbers_ignore_the_area_code(typed: str) -> None:
    assert normalise_phone(typed, area_code="971") == "+15035550123"
    assert normalise_phone(typed) == "+15035550123"


def test_a_number_from_abroad_is_kept() -> None:
    assert normalise_phone("+44 20 7946 0958", area_code="503") == "+442079460958"


def test_wrong_numbers_of_digits_say_which_way() -> None:
    assert message(normalise_phone, "12") == "12 has too few digits for a phone number"
    assert "too many digits" in message(normalise_phone, "503555012345678")
    assert message(normalise_phone, "call me").startswith("call me is not a phone number")


def test_area_code_and_region_settings_are_checked() -> None:
    assert check_area_code(" (503) ") == "503"
    assert check_area_code("") is None
    for bad in ("50", "5034", "abc", "103"):
        assert "is not an area code: use 3 digits" in message(check_area_code, bad)
    assert check_phone_region("ca") == "CA"
    assert check_phone_region("") == "US"
    assert "is not a country code" in message(check_phone_region, "Narnia")


def test_member_phones_use_the_groups_area_code() -> None:
    typed = MemberInput("Ann", "Lee", phone_mobile="555-0123", emergency_contact_phone="555-0199")
    clean = clean_member(typed, PhoneDefaults("US", "503"))
    assert clean["phone_mobile"] == "+15035550123"
    assert clean["emergency_contact_phone"] == "+15035550199"
    with pytest.raises(ValidationError) as caught:
        clean_member(typed)
    assert caught.value.errors["phone_mobile"] == NO_AREA_CODE


def test_a_new_member_is_a_member_not_a_coordinator() -> None:
    assert clean_member(MemberInput("Ann", "Lee"))["role"] == "member"


def test_joined_date_cannot_be_in_the_future() -> None:
    today = dt.date(2026, 12, 6)
    data = MemberInput("Ann", "Lee", joined_on="2026-12-07")
    with pytest.raises(ValidationError) as caught:
        clean_member(data, today=today)
    assert caught.value.errors == {
        "joined_on": "The joined date cannot be in the future: today is 2026-12-06"
    }
    assert (
        clean_member(MemberInput("Ann", "Lee", joined_on="12/6/2026"), today=today)["joined_on"]
        == today
    )


def test_roster_rows_refuse_future_dates_and_complete_local_numbers() -> None:
    header = ["Name", "Email", "Mobile", "Joined"]
    mapping = guess_mapping(header)
    today = dt.date(2026, 12, 6)
    row = parse_row(2, ["Lee, Ann", "", "555-0123", "2027-01-01"], mapping, None, today)
    assert row.errors == {
        "phone_mobile": NO_AREA_CODE,
        "joined_on": "The joined date cannot be in the future: today is 2026-12-06",
    }
    row = parse_row(
        3,
        ["Lee, Ann", "", "555-0123", "2026-01-01"],
        mapping,
        PhoneDefaults(area_code="503"),
        today,
    )
    assert row.errors == {} and row.member["phone_mobile"] == "+15035550123"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ann", "That email address needs an @, as in name@example.org"),
        ("ann@", "That email address is not valid: check the part after @"),
        ("ann@example", "That email address is not valid: check the part after @"),
        ("@example.org", "That email address is not valid: check the part before @"),
    ],
)
def test_email_messages_are_short_and_plain(typed: str, expected: str) -> None:
    assert message(normalise_email, typed) == expected


def test_date_message_shows_both_forms() -> None:
    assert message(parse_date, "31/31/2024") == (
        "31/31/2024 is not a date: write it as 2026-03-07 or 3/7/2026"
    )

import datetime as dt

import pytest

from watchdesk.core.validation import (
    ErrorCollector,
    ValidationError,
    check_latitude,
    check_longitude,
    display_phone,
    normalise_email,
    normalise_phone,
    parse_date,
    required_text,
)


@pytest.mark.parametrize(
    "typed", ["(503) 555-0142", "503.555.0142", "+1 503 555 0142", "503-555-0142", "5035550142"]
)
def test_us_phone_formats_normalise_to_e164(typed: str) -> None:
    assert normalise_phone(typed) == "+15035550142"


def test_phone_extension_is_kept() -> None:
    assert normalise_phone("503-555-0142 x12") == "+15035550142;ext=12"


@pytest.mark.parametrize("bad", ["12", "call me", "555-01"])
def test_bad_phone_names_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone(bad, "phone_mobile")
    assert set(caught.value.errors) == {"phone_mobile"}


def test_blank_phone_is_none_and_displays_nationally() -> None:
    assert normalise_phone("  ") is None
    assert display_phone("+15035550142") == "(503) 555-0142"
    assert display_phone("+442071838750").startswith("+44")


def test_email_is_lower_cased_and_checked_without_network() -> None:
    assert normalise_email("  Ana.Peña@Example.ORG ") == "ana.peña@example.org"
    with pytest.raises(ValidationError) as caught:
        normalise_email("ana@", "email")
    assert "email" in caught.value.errors


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/7/2024", dt.date(2024, 3, 7)),
        ("12/31/99", dt.date(1999, 12, 31)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_dates_in_iso_and_us_forms(typed: str, expected: dt.date | None) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("bad", ["2023-02-29", "13/1/2024", "yesterday"])
def test_impossible_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(bad, "joined_on")


def test_coordinates_out_of_range() -> None:
    assert check_latitude(45.5) == 45.5
    with pytest.raises(ValidationError):
        check_latitude(90.01)
    with pytest.raises(ValidationError):
        check_longitude(-180.5)


def test_collector_reports_every_field() -> None:
    errors = ErrorCollector()
    with errors.field("given_name"):
        required_text("  ", "given_name")
    with errors.field("email"):
        normalise_email("not-an-email")
    with pytest.raises(ValidationError) as caught:
        errors.raise_if_any()
    assert set(caught.value.errors) == {"given_name", "email"}
    assert "given_name: is required" in str(caught.value)

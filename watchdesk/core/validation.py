"""Validation and normalisation of the values users type.

Every check raises or collects a :class:`ValidationError` that names each field and what is
wrong with it, so the GUI can show the message next to the field and the CLI can print it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_PHONE_REGION = "US"


class ValidationError(ValueError):
    """One or more fields hold values that cannot be accepted."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class ErrorCollector:
    """Gathers field errors so a form can report all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    @contextmanager
    def field(self, name: str) -> Iterator[None]:
        """Record a ValidationError raised inside the block under ``name``."""
        try:
            yield
        except ValidationError as exc:
            for message in exc.errors.values():
                self.errors.setdefault(name, message)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def required_text(value: str | None, field: str, max_length: int = 200) -> str:
    """Strip surrounding space; refuse empty or over-long text."""
    text = (value or "").strip()
    if not text:
        raise ValidationError.single(field, "is required")
    if len(text) > max_length:
        raise ValidationError.single(field, f"must be at most {max_length} characters")
    return text


def optional_text(value: str | None, field: str, max_length: int = 2000) -> str | None:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError.single(field, f"must be at most {max_length} characters")
    return text or None


@dataclass(frozen=True)
class PhoneDefaults:
    """How a group's members write phone numbers: the country they dial from (``region``) and
    the area code a 7-digit local number is completed with (None: such numbers are refused)."""

    region: str = DEFAULT_PHONE_REGION
    area_code: str | None = None


_AREA_CODE = re.compile(r"^[2-9]\d{2}$")


def check_area_code(value: str | None, field: str = "area_code") -> str | None:
    """Three digits, not starting with 0 or 1 (``503``); None when blank."""
    text = re.sub(r"[\s()]", "", value or "")
    if not text:
        return None
    if not _AREA_CODE.match(text):
        raise ValidationError.single(field, f"{text} is not an area code: use 3 digits, as in 503")
    return text


def check_phone_region(value: str | None, field: str = "phone_region") -> str:
    """A two-letter country code phone numbers are read in (``US``, ``CA``, ``MX``)."""
    import phonenumbers

    text = (value or "").strip().upper() or DEFAULT_PHONE_REGION
    if text not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError.single(
            field, f"{text} is not a country code: use two letters, as in US"
        )
    return text


def normalise_phone(
    value: str | None,
    field: str = "phone",
    region: str = DEFAULT_PHONE_REGION,
    area_code: str | None = None,
) -> str | None:
    """Return the number in E.164 form (``+15035550142``), or None when blank.

    Accepts the formats people type: ``(503) 555-0142``, ``503.555.0142``, ``+1 503 555 0142``,
    with an optional extension (``x12``). A local number without its area code (``555-0142``)
    is completed with ``area_code``, or refused when there is none: stored as it is, it would
    be a number no phone can dial.
    """
    import phonenumbers  # imported when first needed: keeps app start-up short

    text = (value or "").strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, region)
        reason = phonenumbers.is_possible_number_with_reason(number)
        if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
            home = phonenumbers.country_code_for_region(region)
            if not area_code or number.country_code != home:
                raise ValidationError.single(
                    field,
                    f"{text} has no area code: add it, or set the group's area code in Preferences",
                )
            # "555-0123" as typed, or "+15550123" as earlier versions stored it.
            extension = number.extension
            local = phonenumbers.national_significant_number(number)
            number = phonenumbers.parse(area_code + local, region)
            number.extension = extension
            reason = phonenumbers.is_possible_number_with_reason(number)
    except phonenumbers.NumberParseException:
        raise ValidationError.single(
            field, f"{text} is not a phone number: type digits, as in (503) 555-0123"
        ) from None
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        few = reason in (
            phonenumbers.ValidationResult.TOO_SHORT,
            phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        )
        amount = "too few" if few else "too many"
        raise ValidationError.single(field, f"{text} has {amount} digits for a phone number")
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        formatted += f";ext={number.extension}"
    return formatted


@lru_cache(maxsize=8192)
def display_phone(e164: str | None, region: str = DEFAULT_PHONE_REGION) -> str:
    """Format a stored number for people: national form at home, international abroad.
    Cached: tables format the same numbers on every repaint."""
    import phonenumbers

    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164.replace(";ext=", " ext. "), region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(value: str | None, field: str = "email") -> str | None:
    """Return the address lower-cased, or None when blank. No network look-up."""
    from email_validator import EmailNotValidError, validate_email

    text = (value or "").strip()
    if not text:
        return None
    try:
        info = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError.single(field, _email_problem(text, str(exc))) from None
    return info.normalized.lower()


def _email_problem(text: str, detail: str) -> str:
    """The library's reason in a few plain words."""
    if "@" not in text:
        return "That email address needs an @, as in name@example.org"
    if "after the @" in detail:
        return "That email address is not valid: check the part after @"
    if "before the @" in detail:
        return "That email address is not valid: check the part before @"
    return "That email address is not valid: check it for spaces, dots and typing mistakes"


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def parse_date(value: str | dt.date | None, field: str = "date") -> dt.date | None:
    """Parse ISO (2024-03-07) or US month/day/year (3/7/2024, 3/7/24) dates."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    match = _US_DATE.match(text)
    try:
        if match:
            month, day, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000 if year < 70 else 1900
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError.single(
            field, f"{text} is not a date: write it as 2026-03-07 or 3/7/2026"
        ) from None


def not_in_future(
    day: dt.date | None, today: dt.date, field: str, what: str = "That date"
) -> dt.date | None:
    """Refuse a day after ``today`` (a joined date, a date something happened)."""
    if day is not None and day > today:
        raise ValidationError.single(
            field, f"{what} cannot be in the future: today is {today.isoformat()}"
        )
    return day


def check_latitude(value: float | None, field: str = "latitude") -> float | None:
    if value is None:
        return None
    if not -90.0 <= value <= 90.0:
        raise ValidationError.single(field, "must be between -90 and 90 degrees")
    return float(value)


def check_longitude(value: float | None, field: str = "longitude") -> float | None:
    if value is None:
        return None
    if not -180.0 <= value <= 180.0:
        raise ValidationError.single(field, "must be between -180 and 180 degrees")
    return float(value)


def check_choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise ValidationError.single(field, f"must be one of: {', '.join(choices)}")
    return value


def check_non_negative(value: int | None, field: str) -> int | None:
    if value is not None and value < 0:
        raise ValidationError.single(field, "cannot be negative")
    return value

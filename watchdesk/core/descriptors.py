"""Person and vehicle descriptions in the terms of the paper suspicious-activity forms: banded
heights and weights, short picklists, and the wording a report prints for each field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from watchdesk.core.plates import normalise_plate
from watchdesk.core.validation import ErrorCollector, ValidationError, optional_text

# Lower bound of each 2-inch height band, 4'0" to 7'0", and of each 10-lb weight band.
HEIGHT_BANDS: tuple[int, ...] = tuple(range(48, 86, 2))
WEIGHT_BANDS: tuple[int, ...] = tuple(range(80, 400, 10))

SEXES = ("Male", "Female", "Unknown")
BUILDS = ("Thin", "Slim", "Medium", "Athletic", "Heavy", "Large")
COMPLEXIONS = ("Light", "Fair", "Medium", "Olive", "Brown", "Dark")
HAIR = ("Bald", "Black", "Brown", "Blond", "Red", "Grey", "White", "Dyed")
FACIAL_HAIR = ("None", "Moustache", "Beard", "Goatee", "Stubble")
GLASSES = ("None", "Glasses", "Sunglasses")
BODY_STYLES = ("Sedan", "Coupe", "Hatchback", "SUV", "Pickup", "Van", "Minivan", "Motorcycle")
COLOURS = (
    "Black",
    "White",
    "Silver",
    "Grey",
    "Red",
    "Blue",
    "Green",
    "Brown",
    "Tan",
    "Yellow",
    "Orange",
    "Gold",
)


def _feet(inches: int) -> str:
    return f"{inches // 12}'{inches % 12}\""


def height_band_text(lower: int) -> str:
    """70 -> 5'10"-6'0"."""
    return f"{_feet(lower)}–{_feet(lower + 2)}"


def weight_band_text(lower: int) -> str:
    return f"{lower}–{lower + 10} lb"


def age_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}" if low != high else str(low)
    if low is not None:
        return f"{low} or older"
    return f"up to {high}" if high is not None else ""


PERSON_FIELDS: tuple[tuple[str, str], ...] = (
    ("sex", "Sex"),
    ("age", "Age"),
    ("height_min_in", "Height"),
    ("weight_min_lb", "Weight"),
    ("build", "Build"),
    ("complexion", "Complexion"),
    ("hair", "Hair"),
    ("facial_hair", "Facial hair"),
    ("glasses", "Glasses"),
    ("headwear", "Headwear"),
    ("clothing_top", "Top"),
    ("clothing_bottom", "Bottom"),
    ("footwear", "Footwear"),
    ("marks", "Marks / tattoos"),
    ("direction", "Direction of travel"),
)

VEHICLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("colour", "Colour"),
    ("year", "Year"),
    ("make", "Make"),
    ("model", "Model"),
    ("body_style", "Body style"),
    ("plate", "Plate"),
    ("features", "Features"),
    ("occupants", "Occupants"),
    ("direction", "Direction of travel"),
)


def person_lines(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, text) for each field seen, in form order; blanks left out."""
    shown = dict(values)
    shown["age"] = age_text(values.get("age_min"), values.get("age_max"))  # type: ignore[arg-type]
    height, weight = values.get("height_min_in"), values.get("weight_min_lb")
    shown["height_min_in"] = height_band_text(height) if isinstance(height, int) else None
    shown["weight_min_lb"] = weight_band_text(weight) if isinstance(weight, int) else None
    return [(label, str(shown[key])) for key, label in PERSON_FIELDS if shown.get(key)]


def vehicle_lines(values: Mapping[str, object]) -> list[tuple[str, str]]:
    shown = dict(values)
    if values.get("second_colour"):
        shown["colour"] = f"{values.get('colour') or '?'} / {values['second_colour']} (two-tone)"
    if values.get("plate"):
        state = f" ({values['plate_state']})" if values.get("plate_state") else ""
        shown["plate"] = f"{values['plate']}{state}"
    return [
        (label, str(shown[key]))
        for key, label in VEHICLE_FIELDS
        if shown.get(key) not in (None, "")
    ]


@dataclass
class PersonSeen:
    sex: str = ""
    age_min: int | None = None
    age_max: int | None = None
    height_min_in: int | None = None  # lower bound of a band in HEIGHT_BANDS
    weight_min_lb: int | None = None  # lower bound of a band in WEIGHT_BANDS
    build: str = ""
    complexion: str = ""
    hair: str = ""
    facial_hair: str = ""
    glasses: str = ""
    headwear: str = ""
    clothing_top: str = ""
    clothing_bottom: str = ""
    footwear: str = ""
    marks: str = ""
    direction: str = ""


@dataclass
class VehicleSeen:
    colour: str = ""
    second_colour: str = ""  # two-tone
    year: int | None = None
    make: str = ""
    model: str = ""
    body_style: str = ""
    plate: str = ""  # full or partial, '?' for an unread character
    plate_state: str = ""
    features: str = ""
    occupants: int | None = None
    direction: str = ""


@dataclass
class FollowUpInput:
    note: str
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    assigned_member_id: int | None = None


def _texts(data: object, errors: ErrorCollector, prefix: str, out: dict[str, object]) -> None:
    for item in fields(data):  # type: ignore[arg-type]
        value = getattr(data, item.name)
        if isinstance(value, str) and item.name != "plate":
            with errors.field(f"{prefix}{item.name}"):
                out[item.name] = optional_text(value, item.name, 300)


def clean_person(data: PersonSeen, prefix: str = "") -> dict[str, object]:
    """Column values for one person; field names in errors start with ``prefix``."""
    errors = ErrorCollector()
    out: dict[str, object] = {}
    _texts(data, errors, prefix, out)
    for name, bands in (("height_min_in", HEIGHT_BANDS), ("weight_min_lb", WEIGHT_BANDS)):
        value = getattr(data, name)
        if value is not None and value not in bands:
            errors.add(f"{prefix}{name}", "pick one of the bands")
        out[name] = value
    for name in ("age_min", "age_max"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= 120:
            errors.add(f"{prefix}{name}", "must be between 0 and 120")
        out[name] = value
    if data.age_min is not None and data.age_max is not None and data.age_max < data.age_min:
        errors.add(f"{prefix}age_max", "must not be below the lower age")
    errors.raise_if_any()
    if not any(v not in (None, "") for v in out.values()):
        raise ValidationError.single(f"{prefix}sex", "describe the person or remove them")
    return out


def clean_vehicle(data: VehicleSeen, prefix: str = "") -> dict[str, object]:
    errors = ErrorCollector()
    out: dict[str, object] = {}
    _texts(data, errors, prefix, out)
    with errors.field(f"{prefix}plate"):
        out["plate"] = normalise_plate(data.plate)
    if isinstance(out.get("plate_state"), str):
        out["plate_state"] = str(out["plate_state"]).upper()
    if data.year is not None and not 1900 <= data.year <= dt.date.today().year + 1:
        errors.add(f"{prefix}year", "is not a plausible model year")
    out["year"] = data.year
    if data.occupants is not None and not 0 <= data.occupants <= 60:
        errors.add(f"{prefix}occupants", "must be between 0 and 60")
    out["occupants"] = data.occupants
    errors.raise_if_any()
    if not any(v not in (None, "") for v in out.values()):
        raise ValidationError.single(f"{prefix}colour", "describe the vehicle or remove it")
    return out


def clean_follow_up(data: FollowUpInput, prefix: str = "") -> dict[str, object]:
    errors = ErrorCollector()
    out: dict[str, object] = {
        "due_on": data.due_on,
        "done_on": data.done_on,
        "assigned_member_id": data.assigned_member_id,
    }
    with errors.field(f"{prefix}note"):
        out["note"] = optional_text(data.note, "note", 2000)
    if not out["note"]:
        errors.add(f"{prefix}note", "say what is to be done")
    errors.raise_if_any()
    return out

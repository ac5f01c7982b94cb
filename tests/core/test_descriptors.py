"""Descriptions as the paper forms take them: bands, picklists, plates with unread characters."""

import pytest

from watchdesk.core.descriptors import (
    HEIGHT_BANDS,
    PersonSeen,
    VehicleSeen,
    clean_person,
    clean_vehicle,
    height_band_text,
    person_lines,
    vehicle_lines,
    weight_band_text,
)
from watchdesk.core.plates import plates_agree
from watchdesk.core.validation import ValidationError


def test_bands_read_the_way_the_forms_print_them() -> None:
    assert height_band_text(70) == "5'10\"–6'0\""
    assert weight_band_text(170) == "170–180 lb"
    assert (
        height_band_text(HEIGHT_BANDS[0]) == "4'0\"–4'2\""
        and height_band_text(HEIGHT_BANDS[-1]) == "7'0\"–7'2\""
    )


def test_a_person_must_sit_in_a_band_and_have_a_sensible_age_range() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_person(PersonSeen(height_min_in=71, weight_min_lb=175, age_min=40, age_max=30), "p: ")
    assert set(caught.value.errors) == {"p: height_min_in", "p: weight_min_lb", "p: age_max"}
    with pytest.raises(ValidationError, match="describe the person"):
        clean_person(PersonSeen(hair="   "))
    clean = clean_person(PersonSeen(sex="Male", height_min_in=70, hair=" Grey "))
    assert clean["hair"] == "Grey" and clean["height_min_in"] == 70
    assert person_lines(clean) == [("Sex", "Male"), ("Height", "5'10\"–6'0\""), ("Hair", "Grey")]


def test_a_vehicle_plate_is_normalised_and_two_tone_colours_are_printed() -> None:
    clean = clean_vehicle(VehicleSeen(colour="Blue", second_colour="White", plate=" 7kx-?23 "))
    assert clean["plate"] == "7KX?23"
    lines = dict(vehicle_lines({**clean, "plate_state": "OR"}))
    assert lines["Colour"] == "Blue / White (two-tone)" and lines["Plate"] == "7KX?23 (OR)"
    with pytest.raises(ValidationError) as caught:
        clean_vehicle(VehicleSeen(plate="7K$", year=1850, occupants=-1), "v: ")
    assert set(caught.value.errors) == {"v: plate", "v: year", "v: occupants"}


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("7KX123", "7KX123", True),
        ("7KX?23", "7KX123", True),
        ("7KX123", "??X12?", True),
        ("7KX123", "7KX124", False),
        ("7KX?23", "7KX12", False),
    ],
)
def test_plates_agree_when_every_read_character_matches(
    first: str, second: str, agree: bool
) -> None:
    assert plates_agree(first, second) is agree
    assert plates_agree(second, first) is agree

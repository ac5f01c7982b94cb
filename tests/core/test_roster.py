"""Reading real-world roster files: encodings, separators, quoting, names, headers."""

from __future__ import annotations

import datetime as dt

import pytest

from watchdesk.core.roster import (
    RosterFileError,
    apply_overrides,
    check_mapping,
    decode,
    guess_mapping,
    parse_row,
    read_csv,
    split_name,
)
from watchdesk.core.validation import ValidationError

ROWS = [
    ["Name", "E-mail", "Phone #", "Street Address", "Block", "Joined", "Favourite colour"],
    [
        "Peña, Ana",
        "ANA@EXAMPLE.ORG",
        "(503) 555-0101",
        "12 Elm St, Apt 2",
        "Block 1",
        "3/7/2024",
        "blue",
    ],
    ["Zoë Müller", "zoe@example.org", "503.555.0102", "14 Elm St", "Block 1", "", "red"],
]


def as_csv(rows: list[list[str]], sep: str = ",", newline: str = "\r\n") -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if any(ch in text for ch in f'{sep}"\n') else text

    return newline.join(sep.join(cell(c) for c in row) for row in rows) + newline


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("sep", [",", ";"])
def test_every_encoding_and_separator_reads_the_same(encoding: str, sep: str) -> None:
    table = read_csv(as_csv(ROWS, sep).encode(encoding))
    assert table.headers == ROWS[0]
    assert [cells for _, cells in table.rows] == ROWS[1:]


def test_quoted_newlines_blank_rows_and_row_numbers() -> None:
    text = 'first,last,notes\n\n"Ana","Peña","Gate code 1234,\nring twice"\n,,\nTom,Lee,\n'
    table = read_csv(text.encode())
    assert [number for number, _ in table.rows] == [3, 5]
    assert table.rows[0][1][2] == "Gate code 1234,\nring twice"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n ,, \r\n", "empty"),
        (b"Name,Email\r\n", "no members"),
        (b"\x00\x01\x02binary\x00junk", "not a text"),
    ],
)
def test_unreadable_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(RosterFileError, match=message):
        read_csv(data)


def test_decode_prefers_utf8_then_windows_1252() -> None:
    assert decode("Peña".encode()) == "Peña"
    assert decode("Peña – “quoted”".encode("cp1252")) == "Peña – “quoted”"


def test_headers_are_guessed_and_can_be_corrected() -> None:
    mapping = guess_mapping(ROWS[0])
    assert mapping == {
        0: "full_name",
        1: "email",
        2: "phone_mobile",
        3: "address_line",
        4: "block",
        5: "joined_on",
    }
    assert guess_mapping(["First Name", "Last", "Cell", "ZIP Code"]) == {
        0: "given_name",
        1: "family_name",
        2: "phone_mobile",
        3: "postal_code",
    }
    corrected = apply_overrides(ROWS[0], mapping, {"Favourite colour": "notes", "5": "ignore"})
    assert corrected[6] == "notes" and 4 not in corrected
    with pytest.raises(ValidationError, match="no column"):
        apply_overrides(ROWS[0], mapping, {"Shoe size": "notes"})
    with pytest.raises(ValidationError, match="not a roster field"):
        apply_overrides(ROWS[0], mapping, {"Name": "shoe_size"})
    with pytest.raises(ValidationError, match="no name column"):
        check_mapping({1: "email"})


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Peña, Ana", ("Ana", "Peña")),
        ("Ana María Peña", ("Ana María", "Peña")),
        ("  O'Brien ,  Sean ", ("Sean", "O'Brien")),
    ],
)
def test_names(full: str, expected: tuple[str, str]) -> None:
    assert split_name(full) == expected


def test_rows_are_cleaned_or_carry_their_errors() -> None:
    mapping = guess_mapping(ROWS[0])
    good = parse_row(2, ROWS[1], mapping)
    assert good.errors == {}
    assert good.member["given_name"] == "Ana" and good.member["family_name"] == "Peña"
    assert good.member["email"] == "ana@example.org"
    assert good.member["phone_mobile"] == "+15035550101"
    assert good.member["joined_on"] == dt.date(2024, 3, 7)
    assert good.address_line == "12 Elm St, Apt 2" and good.block == "Block 1"
    bad = parse_row(4, ["Solo", "x@", "12", "", "", "31/31/2024", ""], mapping)
    assert set(bad.errors) == {"full_name", "email", "phone_mobile", "joined_on"}
    assert bad.errors["full_name"] == "'Solo' needs a first and a last name"

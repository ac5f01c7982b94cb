"""Reading the roster spreadsheets coordinators arrive with, and turning rows into members.

Real exports are messy: UTF-8 with or without BOM, Windows-1252, CRLF, commas or semicolons,
quoted fields with commas and newlines, blank rows, extra columns, a "Name" column holding
"Last, First", US phone formats, upper-case emails, dates like 3/7/2024. This module reads
them into a plain :class:`Table`, guesses which column is which, and validates each row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from watchdesk.core.entities import MemberInput, clean_member
from watchdesk.core.validation import ErrorCollector, PhoneDefaults, ValidationError, optional_text
from watchdesk.core.vocabulary import MEMBER_ROLES, MemberRole

IGNORE = "ignore"

ROSTER_FIELDS: dict[str, str] = {
    "given_name": "First name",
    "family_name": "Last name",
    "full_name": 'Name ("Last, First" or "First Last")',
    "email": "Email",
    "phone_mobile": "Mobile phone",
    "phone_home": "Home phone",
    "phone_work": "Work phone",
    "address_line": "Street address",
    "city": "City",
    "postal_code": "ZIP / postal code",
    "block": "Block",
    "role": "Role",
    "joined_on": "Joined on",
    "notes": "Notes",
    IGNORE: "(ignore this column)",
}

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "given_name": ("first", "firstname", "givenname", "fname", "forename"),
    "family_name": ("last", "lastname", "surname", "familyname", "lname"),
    "full_name": ("name", "fullname", "membername", "member", "resident"),
    "email": ("email", "emailaddress", "mail"),
    "phone_mobile": (
        "phone",
        "phonenumber",
        "mobile",
        "mobilephone",
        "cell",
        "cellphone",
        "tel",
        "telephone",
    ),
    "phone_home": ("homephone", "home", "landline"),
    "phone_work": ("workphone", "work", "officephone"),
    "address_line": (
        "address",
        "streetaddress",
        "street",
        "addressline1",
        "address1",
        "homeaddress",
    ),
    "city": ("city", "town"),
    "postal_code": ("zip", "zipcode", "postalcode", "postcode"),
    "block": ("block", "blocknumber", "blockno", "zone", "area"),
    "role": ("role", "position", "title"),
    "joined_on": ("joined", "joinedon", "datejoined", "membersince", "since", "startdate"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
_HEADER_TO_FIELD = {alias: name for name, aliases in _SYNONYMS.items() for alias in aliases}

MAX_ROWS = 100_000


class RosterFileError(ValueError):
    """The file cannot be read as a roster at all (nothing is imported)."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    # (spreadsheet row number, cell values); the header is row 1.
    rows: list[tuple[int, list[str]]]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1 (never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def read_csv(data: bytes) -> Table:
    text = decode(data)
    if not text.strip():
        raise RosterFileError("the file is empty")
    if "\x00" in text:
        raise RosterFileError("the file is not a text spreadsheet (CSV)")
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    return _to_table(list(reader))


def read_xlsx(data: bytes) -> Table:
    """First sheet of a workbook, read-only (openpyxl parses XML through defusedxml)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise RosterFileError(f"the workbook cannot be read: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        records = [
            [_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    return _to_table(records)


def _cell_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_table(records: list[list[str]]) -> Table:
    numbered = [
        (index + 1, [cell.strip() for cell in record]) for index, record in enumerate(records)
    ]
    non_blank = [(number, cells) for number, cells in numbered if any(cells)]
    if not non_blank:
        raise RosterFileError("the file is empty")
    (_, headers), *rows = non_blank
    if not rows:
        raise RosterFileError("the file has a header row but no members")
    if len(rows) > MAX_ROWS:
        raise RosterFileError(f"the file has more than {MAX_ROWS:,} rows")
    return Table(headers=headers, rows=rows)


def read_roster(name: str, data: bytes) -> Table:
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    return read_csv(data)


def _normalise_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> roster field, for headers we recognise; each field used once."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        field_name = _HEADER_TO_FIELD.get(_normalise_header(header))
        if field_name and field_name not in used:
            mapping[index] = field_name
            used.add(field_name)
    return mapping


def apply_overrides(
    headers: list[str], mapping: dict[int, str], overrides: dict[str, str]
) -> dict[int, str]:
    """Apply ``COLUMN=FIELD`` choices (column by header text or 1-based number)."""
    result = dict(mapping)
    for column, field_name in overrides.items():
        if field_name not in ROSTER_FIELDS:
            raise ValidationError.single(
                "map", f"'{field_name}' is not a roster field ({', '.join(ROSTER_FIELDS)})"
            )
        index = _column_index(headers, column)
        for other, name in list(result.items()):
            if name == field_name and other != index and field_name != IGNORE:
                del result[other]
        result[index] = field_name
    return {index: name for index, name in result.items() if name != IGNORE}


def _column_index(headers: list[str], column: str) -> int:
    wanted = column.strip().casefold()
    for index, header in enumerate(headers):
        if header.casefold() == wanted:
            return index
    if column.isdigit() and 1 <= int(column) <= len(headers):
        return int(column) - 1
    raise ValidationError.single("map", f"the file has no column '{column}'")


def check_mapping(mapping: dict[int, str]) -> None:
    fields = set(mapping.values())
    if "full_name" not in fields and not {"given_name", "family_name"} <= fields:
        raise ValidationError.single(
            "map",
            "no name column found: map a column to full_name, or to given_name and "
            'family_name (e.g. --map "Member=full_name")',
        )


@dataclass
class RosterRow:
    row_number: int
    member: dict[str, object] = field(default_factory=dict)
    address_line: str | None = None
    city: str | None = None
    postal_code: str | None = None
    block: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


def split_name(full: str) -> tuple[str, str]:
    """ "Peña, Ana" -> ("Ana", "Peña"); "Ana María Peña" -> ("Ana María", "Peña")."""
    text = " ".join(full.split())
    if "," in text:
        family, _, given = text.partition(",")
        return given.strip(), family.strip()
    given, _, family = text.rpartition(" ")
    return given.strip(), family.strip()


def role_code(text: str) -> str:
    wanted = _normalise_header(text)
    if not wanted:
        return MemberRole.MEMBER
    for code, label in MEMBER_ROLES.items():
        if wanted in (_normalise_header(code), _normalise_header(label)):
            return code
    if wanted in ("captain", "blockcaptain"):
        return MemberRole.BLOCK_CAPTAIN
    raise ValidationError.single("role", f"'{text}' is not a role ({', '.join(MEMBER_ROLES)})")


def parse_row(
    row_number: int,
    cells: list[str],
    mapping: dict[int, str],
    phones: PhoneDefaults | None = None,
    today: dt.date | None = None,
) -> RosterRow:
    """One row of the file as a member; ``phones`` and ``today`` as for ``clean_member``."""
    values = {name: cells[index] if index < len(cells) else "" for index, name in mapping.items()}
    result = RosterRow(row_number=row_number)
    errors = ErrorCollector()
    given, family = values.get("given_name", ""), values.get("family_name", "")
    from_full_name = bool(values.get("full_name")) and not (given and family)
    if from_full_name:
        given, family = split_name(values["full_name"])
    role: str = MemberRole.MEMBER
    with errors.field("role"):
        role = role_code(values.get("role", ""))
    member = MemberInput(
        given_name=given,
        family_name=family,
        role=role,
        email=values.get("email", ""),
        phone_mobile=values.get("phone_mobile", ""),
        phone_home=values.get("phone_home", ""),
        phone_work=values.get("phone_work", ""),
        joined_on=values.get("joined_on") or None,
        notes=values.get("notes", ""),
    )
    try:
        result.member = clean_member(member, phones, today)
    except ValidationError as exc:
        for name, message in exc.errors.items():
            if from_full_name and name in ("given_name", "family_name"):
                errors.add("full_name", f"'{values['full_name']}' needs a first and a last name")
            else:
                errors.add(name, message)
    for name in ("address_line", "city", "postal_code", "block"):
        with errors.field(name):
            setattr(result, name, optional_text(values.get(name), name, 300))
    result.errors = errors.errors
    return result

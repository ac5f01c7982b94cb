"""Blank person and vehicle description forms for volunteers to carry: the picklists of the
recording form (``core.descriptors``) as tick boxes, lines to write on, and what to do first."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Table, TableStyle

from watchdesk.core.descriptors import (
    BODY_STYLES,
    BUILDS,
    COLOURS,
    COMPLEXIONS,
    FACIAL_HAIR,
    GLASSES,
    HAIR,
    SEXES,
)
from watchdesk.core.validation import display_phone
from watchdesk.reports.base import (
    HEADER_FILL,
    RULE,
    inch,
    markup,
    spacer,
    text,
    title_block,
)

BOX = "☐"  # U+2610 BALLOT BOX, in DejaVu Sans
DIRECTIONS = ("North", "South", "East", "West")
PLATE_CHARACTERS = 8
WIDTH = 7.3 * inch
LABEL_WIDTH = 1.65 * inch


GAP = "\u00a0" * 4  # no-break spaces: a paragraph would collapse ordinary ones


def _ticks(options: Sequence[str]) -> str:
    return GAP.join(f"{BOX}\u00a0{option}" for option in options)


def _form(rows: Sequence[tuple[str, str]], height: float = 0.28 * inch) -> Table:
    """Label | printed choices or a blank line to write on."""
    data = [[text(caption, "cell_bold"), text(choices)] for caption, choices in rows]
    grid = Table(
        data, colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH], rowHeights=[height] * len(data)
    )
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return grid


def _first_steps(non_emergency_phone: str) -> Flowable:
    phone = display_phone(non_emergency_phone)
    number = f", {escape(phone)}" if phone else ""
    call = f" Not urgent: call the non-emergency line{number}."
    return markup(
        "<b>If a crime is happening or someone is in danger, call 911 first.</b> Do not "
        "approach, confront or follow anyone. Write down what you saw as soon as you can, "
        f"while it is fresh; leave blank what you did not see.{call}",
        "note",
    )


def _when_where() -> Table:
    return _form(
        [
            ("Date and time", ""),
            ("Location", ""),
            ("What happened", ""),
            ("", ""),
            ("", ""),
        ]
    )


def _police_and_you() -> list[Flowable]:
    return [
        spacer(8),
        _form(
            [
                ("Police called", _ticks(("911", "Non-emergency line", "3-1-1", "Not yet"))),
                ("Case number", ""),
                ("Your name, phone", ""),
            ]
        ),
        spacer(6),
        text(
            "Give this form to your block captain, or enter it in WatchDesk as an observation.",
            "small",
        ),
    ]


def person_form(non_emergency_phone: str) -> list[Flowable]:
    rows = [
        ("Sex", _ticks(SEXES)),
        ("Age (about)", ""),
        ("Height", "_____ ft _____ in" + GAP + "(a door frame is about 6 ft 8 in)"),
        ("Weight (about)", "_____ lb"),
        ("Build", _ticks(BUILDS)),
        ("Complexion", _ticks(COMPLEXIONS)),
        ("Hair", _ticks(HAIR)),
        ("Hair length, style", ""),
        ("Facial hair", _ticks(FACIAL_HAIR)),
        ("Glasses", _ticks(GLASSES)),
        ("Hat / headwear", ""),
        ("Top (colour, type)", ""),
        ("Bottom", ""),
        ("Shoes", ""),
        ("Marks, scars, tattoos", ""),
        ("Carrying", ""),
        ("Left going", _ticks(DIRECTIONS) + GAP + "on foot / bicycle / vehicle: ________"),
    ]
    return [
        *title_block("Suspicious person", "Description form — one person per form"),
        _first_steps(non_emergency_phone),
        spacer(6),
        _when_where(),
        spacer(8),
        text("The person", "heading"),
        _form(rows),
        *_police_and_you(),
    ]


def _plate_boxes() -> Table:
    cells = [[text("") for _ in range(PLATE_CHARACTERS)] + [text("State:", "cell_bold"), text("")]]
    widths = [0.42 * inch] * PLATE_CHARACTERS + [0.7 * inch, 0.8 * inch]
    boxes = Table(cells, colWidths=widths, rowHeights=[0.38 * inch])
    boxes.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (PLATE_CHARACTERS - 1, 0), 0.8, RULE),
                ("LINEBELOW", (-1, 0), (-1, 0), 0.8, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return boxes


def vehicle_form(non_emergency_phone: str) -> list[Flowable]:
    rows = [
        ("Colour", _ticks(COLOURS[:6])),
        ("", _ticks(COLOURS[6:]) + GAP + f"{BOX}\u00a0Two-tone: ________"),
        ("Body style", _ticks(BODY_STYLES[:5])),
        ("", _ticks(BODY_STYLES[5:]) + GAP + f"{BOX}\u00a0Other: ________"),
        ("Year (about)", ""),
        ("Make", ""),
        ("Model", ""),
        ("Dents, stickers, tint, roof rack", ""),
        ("People inside", "_____" + GAP + "(describe them on a person form)"),
        ("Left going", _ticks(DIRECTIONS) + GAP + "on street: ________"),
    ]
    return [
        *title_block("Suspicious vehicle", "Description form — one vehicle per form"),
        _first_steps(non_emergency_phone),
        spacer(6),
        _when_where(),
        spacer(8),
        text("The vehicle", "heading"),
        text(
            "Licence plate: one letter or digit per box; write ? for any you could not read.",
            "body",
        ),
        spacer(4),
        _plate_boxes(),
        spacer(8),
        _form(rows),
        *_police_and_you(),
    ]

"""Sign-in sheets (training sessions, meetings): pre-filled names and blank lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from watchdesk.core.progress import Progress
from watchdesk.reports.base import ReportSpec, build_pdf, inch, table, title_block
from watchdesk.services.attendance import SignInSheet

BLANK_LINES = 10


def sign_in_story(
    title: str, details: Sequence[str], names: Sequence[tuple[str, str]], blank_lines: int
) -> list[Flowable]:
    """``names``: (name, block) of people expected; ``blank_lines`` more for walk-ins."""
    story = title_block(title, " · ".join(d for d in details if d))
    rows = [(name, block, "", "") for name, block in names]
    rows += [("", "", "", "")] * blank_lines
    widths = (2.2 * inch, 1.8 * inch, 1.4 * inch, 1.9 * inch)
    story.append(
        table(("Name", "Block", "Phone (optional)", "Signature"), rows, widths, 0.34 * inch)
    )
    return story


def build_sign_in_pdf(sheet: SignInSheet, target: Path, progress: Progress | None = None) -> Path:
    spec = ReportSpec(
        "Sign-in sheet",
        sheet.group_name,
        footer_note="Names only: phone numbers are written in by those who wish",
        time_zone=sheet.time_zone,
    )
    story = sign_in_story(sheet.title, sheet.details, sheet.names, sheet.blank_lines)
    return build_pdf(target, spec, story, progress)

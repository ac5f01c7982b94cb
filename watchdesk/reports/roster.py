"""The roster / contact list by block, for block captains' binders."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether

from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.core.validation import display_phone
from watchdesk.core.vocabulary import MEMBER_ROLES, label
from watchdesk.core.words import count as counted
from watchdesk.reports.base import ReportSpec, build_pdf, inch, spacer, table, text, title_block
from watchdesk.services.rosters import PrintedRoster

WIDTHS = (1.6 * inch, 1.0 * inch, 1.5 * inch, 1.25 * inch, 1.95 * inch)


def build_roster_pdf(roster: PrintedRoster, target: Path, progress: Progress | None = None) -> Path:
    progress = progress or SilentProgress()
    note = (
        f"{counted(roster.left_out, 'member')} not listed: no consent to a printed roster"
        if roster.left_out
        else "Everyone listed agreed to appear in a printed roster"
    )
    spec = ReportSpec(
        "Roster and contact list", roster.group_name, footer_note=note, time_zone=roster.time_zone
    )
    story: list[Flowable] = title_block(
        "Roster and contact list",
        f"{roster.group_name} · {counted(roster.listed, 'member')} in "
        f"{counted(len(roster.blocks), 'block')} · "
        "For watch members only — please do not share.",
    )
    for done, block in enumerate(roster.blocks):
        progress.report(done, len(roster.blocks), block.name)
        progress.check_cancelled()
        rows = [
            (
                entry.name,
                label(MEMBER_ROLES, entry.role),
                entry.address or "",
                display_phone(entry.phone),
                entry.email or "",
            )
            for entry in block.entries
        ]
        heading = text(f"{block.name} ({len(rows)})", "heading")
        grid = table(("Name", "Role", "Address", "Phone", "Email"), rows, WIDTHS)
        # Short blocks stay on one page with their heading; long ones flow (header repeats).
        story += [KeepTogether([heading, grid])] if len(rows) < 25 else [heading, grid]
        story.append(spacer())
    if not roster.blocks:
        story.append(text("No member has agreed to appear in a printed roster yet.", "body"))
    return build_pdf(target, spec, story, progress)

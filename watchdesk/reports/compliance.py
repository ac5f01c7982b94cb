"""Training compliance for the coordinator's follow-up calls: who needs which course."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from watchdesk.core import dates
from watchdesk.core.progress import Progress
from watchdesk.core.vocabulary import MEMBER_ROLES, TRAINING_STATUSES, label
from watchdesk.reports.base import ReportSpec, build_pdf, inch, table, text, title_block
from watchdesk.services.compliance import ComplianceRow


def _day(value: dt.date | None) -> str:
    return dates.date(value) if value else ""


def build_compliance_pdf(
    group_name: str,
    rows: Sequence[ComplianceRow],
    today: dt.date,
    scope: str,
    target: Path,
    progress: Progress | None = None,
    time_zone: str = "",
) -> Path:
    spec = ReportSpec(
        "Training compliance",
        group_name,
        footer_note="Internal: for the watch's coordinators, not for distribution",
        landscape=True,
        time_zone=time_zone,
    )
    counts = {code: sum(1 for r in rows if r.status == code) for code in TRAINING_STATUSES}
    summary = ", ".join(
        f"{counts[code]} {TRAINING_STATUSES[code].lower()}"
        for code in ("missing", "expired", "expiring", "current")
    )
    story: list[Flowable] = title_block(
        "Training compliance", f"{group_name} · as of {dates.date(today)} · {scope} · {summary}"
    )
    body = [
        (
            row.block_name or "",
            row.member_name,
            label(MEMBER_ROLES, row.role),
            row.course_title,
            label(TRAINING_STATUSES, row.status),
            _day(row.completed_on),
            _day(row.expires_on) if row.completed_on else "",
        )
        for row in rows
    ]
    widths = (2.0 * inch, 1.6 * inch, 1.2 * inch, 1.9 * inch, 1.0 * inch, 1.0 * inch, 1.0 * inch)
    header = ("Block", "Member", "Role", "Course", "Status", "Completed", "Expires")
    story.append(table(header, body, widths))
    if not rows:
        story.append(text("Nobody matches: everyone shown is up to date.", "body"))
    return build_pdf(target, spec, story, progress)

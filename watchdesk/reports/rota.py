"""The printable patrol rota: one week per page, every shift with the names on it.

Shifts short of their minimum are marked for black-and-white print: a grey band across the
row, a heavy rule around it and the words "NEEDS 1 MORE" or "UNCOVERED" in bold, so they
stand out on a photocopy as well as on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, TableStyle

from watchdesk.core import dates
from watchdesk.core.progress import Progress
from watchdesk.core.words import count as counted
from watchdesk.reports.base import ReportSpec, build_pdf, inch, table, text, title_block
from watchdesk.services.schedule import ShiftCard

GAP_FILL = colors.Color(0.82, 0.82, 0.82)


@dataclass(frozen=True)
class RotaWeek:
    monday: dt.date
    cards: tuple[ShiftCard, ...]


def weeks_of(cards: Sequence[ShiftCard], first: dt.date, last: dt.date) -> list[RotaWeek]:
    """Every week (Monday to Sunday) touching [first, last], with its shifts, even when empty."""
    monday = first - dt.timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        sunday = monday + dt.timedelta(days=6)
        shown = tuple(c for c in cards if monday <= c.local_date <= sunday)
        weeks.append(RotaWeek(monday, shown))
        monday += dt.timedelta(days=7)
    return weeks


def staffing_text(card: ShiftCard) -> str:
    if card.cancelled:
        return "Cancelled"
    if card.assigned == 0 and card.minimum > 0:
        return "UNCOVERED"
    if card.assigned < card.minimum:
        return f"NEEDS {card.minimum - card.assigned} MORE"
    return f"{card.assigned} of {card.minimum}"


def _time_range(card: ShiftCard, time_zone: ZoneInfo) -> str:
    start = card.starts_at.astimezone(time_zone)
    end = card.ends_at.astimezone(time_zone)
    after_midnight = " (+1)" if end.date() > start.date() else ""
    return f"{dates.time_range(start, end, time_zone)}{after_midnight}"


# The time column fits a 12-hour range ("10:30 PM–12:30 AM (+1)") on one line in landscape.
LANDSCAPE_WIDTHS = (1.1 * inch, 1.8 * inch, 1.9 * inch, 3.4 * inch, 1.4 * inch)
PORTRAIT_WIDTHS = (1.0 * inch, 1.5 * inch, 1.55 * inch, 2.0 * inch, 1.25 * inch)


def week_story(
    week: RotaWeek,
    time_zone: ZoneInfo,
    heading_style: str = "heading",
    widths: tuple[float, ...] = LANDSCAPE_WIDTHS,
) -> list[Flowable]:
    sunday = week.monday + dt.timedelta(days=6)
    gaps = sum(1 for c in week.cards if not c.cancelled and c.assigned < c.minimum)
    heading = f"Week of {dates.period(week.monday, sunday)}"
    count = len(week.cards)
    summary = counted(count, "shift")
    if gaps:
        summary += f", {gaps} short of patrollers"
    story: list[Flowable] = [text(heading, heading_style), text(summary, "small")]
    if not week.cards:
        story.append(text("No patrols are scheduled this week.", "body"))
        return story
    rows = []
    day_seen: set[dt.date] = set()
    for card in week.cards:
        day = "" if card.local_date in day_seen else dates.day(card.local_date, short=True)
        day_seen.add(card.local_date)
        rows.append(
            (
                day,
                _time_range(card, time_zone),
                card.place,
                ", ".join(card.names) or "—",
                text(staffing_text(card), "cell_bold" if card.assigned < card.minimum else "cell"),
            )
        )
    grid = table(("Day", "Time", "Block / route", "Patrollers", "Staffing"), rows, widths)
    marks: list[tuple[object, ...]] = []
    for position, card in enumerate(week.cards, start=1):
        if card.cancelled:
            marks.append(("TEXTCOLOR", (0, position), (-1, position), colors.grey))
        elif card.assigned < card.minimum:
            marks += [
                ("BACKGROUND", (1, position), (-1, position), GAP_FILL),
                ("BOX", (1, position), (-1, position), 1.6, colors.black),
            ]
    grid.setStyle(TableStyle(marks))
    story.append(grid)
    return story


def build_rota_pdf(
    group_name: str,
    timezone: str,
    weeks: Sequence[RotaWeek],
    target: Path,
    progress: Progress | None = None,
) -> Path:
    time_zone = ZoneInfo(timezone)
    first, last = weeks[0].monday, weeks[-1].monday + dt.timedelta(days=6)
    spec = ReportSpec(
        "Patrol rota",
        group_name,
        footer_note=f"Times are local ({timezone}). Grey rows need more patrollers.",
        landscape=True,
        time_zone=timezone,
    )
    story: list[Flowable] = title_block(
        "Patrol rota", f"{group_name} · {dates.period(first, last)}"
    )
    for number, week in enumerate(weeks):
        if number:
            story.append(PageBreak())
        story += week_story(week, time_zone)
    return build_pdf(target, spec, story, progress)

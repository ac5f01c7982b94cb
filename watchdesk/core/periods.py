"""Report periods: the presets a report is usually built for (last month, this month, last
quarter, year to date) as first and last day, and the short name of a period used in file
names ("2026-11", "2026-q3", "2026-01-01-to-2026-12-06")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final, Literal

Preset = Literal["last_month", "this_month", "last_quarter", "year_to_date", "custom"]

# In the order offered, with the words shown.
PRESETS: Final[dict[Preset, str]] = {
    "last_month": "Last month",
    "this_month": "This month",
    "last_quarter": "Last quarter",
    "year_to_date": "Year to date",
    "custom": "Custom",
}


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def preset_period(preset: Preset, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day (both included) of ``preset`` seen from ``today``; None for
    "custom", whose dates the user types.

    "This month" is the whole calendar month (its remaining days are simply empty), so a
    report of it names the month; "year to date" ends today."""
    if preset == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_month":
        return today.replace(day=1), _month_end(today.year, today.month)
    if preset == "last_quarter":
        last = _quarter_start(today) - dt.timedelta(days=1)
        return _quarter_start(last), last
    if preset == "year_to_date":
        return dt.date(today.year, 1, 1), today
    return None


def period_name(first: dt.date, last: dt.date) -> str:
    """The period in a file name: a whole month "2026-11", a whole quarter "2026-q3", a whole
    year "2026", a single day "2026-12-06", anything else "2026-01-01-to-2026-12-06"."""
    if first.day == 1 and last == _month_end(first.year, first.month):
        return f"{first.year}-{first.month:02d}"
    if first == _quarter_start(first) and last == _month_end(first.year, first.month + 2):
        return f"{first.year}-q{(first.month - 1) // 3 + 1}"
    if (first.month, first.day) == (1, 1) and last == dt.date(first.year, 12, 31):
        return str(first.year)
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}-to-{last.isoformat()}"


def slug(text: str) -> str:
    """``text`` as a file-name word: lower case ASCII letters and digits joined by hyphens
    ("Lents Park Precinct" -> "lents-park-precinct"; "Café Ñandú" -> "cafe-nandu")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def report_file_name(
    stem: str,
    period: tuple[dt.date, dt.date] | None = None,
    group: str | None = None,
) -> str:
    """A report's default file name: the group's slug (when the file holds several groups),
    the report, the period: "lents-park-precinct-2026-11.pdf"."""
    words = [slug(group)] if group and slug(group) else []
    words.append(stem)
    if period is not None:
        words.append(period_name(*period))
    return "-".join(words) + ".pdf"

"""Dates and times as people read them: one style for screens, PDFs and the command line.

Every shown date has a four-digit year and the locale's order or the month's name (never
"10 12 2026"); clocks are 12- or 24-hour as the locale says; moments are shown in the
group's time zone with its abbreviation ("Dec 6, 2026, 6:03 PM PST"). The patterns are the
locale's own (CLDR, through Babel); ``locale`` is a name such as "en_US" or "es".

Stored and exchanged values (CSV, iCalendar, JSON, file names) stay ISO 8601: they are data,
not display, and never go through this module.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as cldr

DEFAULT_LOCALE = "en_US"

# CLDR separates a clock from "PM" and a range's ends with narrow or thin no-break spaces,
# which PDF fonts and some terminals lack: they are shown as ordinary spaces.
_SPACES = str.maketrans({"\u202f": " ", "\u2009": " ", "\u00a0": " "})


@lru_cache(maxsize=32)
def _locale(name: str | None) -> Locale:
    """The Babel locale for ``name`` ("en_US", "en-GB", "es"); an unknown or empty name (Qt's
    "C") is the default, en_US."""
    if name and name not in ("C", "POSIX"):
        try:
            return Locale.parse(name.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            pass
    return Locale.parse(DEFAULT_LOCALE)


def _plain(text: str) -> str:
    return text.translate(_SPACES)


def _zone(time_zone: ZoneInfo | str | None) -> ZoneInfo | None:
    if not time_zone or isinstance(time_zone, ZoneInfo):
        return time_zone or None
    return ZoneInfo(time_zone)


def _local(moment: dt.datetime, time_zone: ZoneInfo | str | None) -> dt.datetime:
    """``moment`` (aware; a naive one is taken as UTC) in ``time_zone`` (None or "": this
    computer's zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    zone = _zone(time_zone)
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


@lru_cache(maxsize=4096)  # long tables repeat the same days and times
def date(day: dt.date, locale: str | None = DEFAULT_LOCALE) -> str:
    """A calendar date: "Dec 8, 2026" (en_US), "8 Dec 2026" (en_GB)."""
    return _plain(cldr.format_date(day, "medium", locale=_locale(locale)))


@lru_cache(maxsize=4096)  # long tables repeat the same days and times
def day(day: dt.date, locale: str | None = DEFAULT_LOCALE, *, short: bool = False) -> str:
    """A date with its weekday: "Tue, Dec 8, 2026"; ``short`` leaves the year out for a
    column that shows one week or one year: "Tue, Dec 8"."""
    skeleton = "MMMEd" if short else "yMMMEd"
    return _plain(cldr.format_skeleton(skeleton, day, locale=_locale(locale)))


def long_day(day: dt.date, locale: str | None = DEFAULT_LOCALE) -> str:
    """A date written out: "Tuesday, December 8, 2026"."""
    return _plain(cldr.format_date(day, "full", locale=_locale(locale)))


@lru_cache(maxsize=4096)  # long tables repeat the same days and times
def day_month(day: dt.date, locale: str | None = DEFAULT_LOCALE) -> str:
    """A date without year, for axes and lists under a heading that says the year:
    "Dec 8"."""
    return _plain(cldr.format_skeleton("MMMd", day, locale=_locale(locale)))


@lru_cache(maxsize=4096)  # long tables repeat the same days and times
def clock(value: dt.time, locale: str | None = DEFAULT_LOCALE) -> str:
    """A wall-clock time: "6:03 PM" (en_US), "18:03" (en_GB)."""
    return _plain(cldr.format_time(value, "short", locale=_locale(locale)))


def time_of_day(
    moment: dt.datetime,
    time_zone: ZoneInfo | str | None,
    locale: str | None = DEFAULT_LOCALE,
) -> str:
    """The local clock time of a stored (UTC) moment: "6:03 PM"."""
    return clock(_local(moment, time_zone).time(), locale)


def time_range(
    start: dt.datetime,
    end: dt.datetime,
    time_zone: ZoneInfo | str | None,
    locale: str | None = DEFAULT_LOCALE,
) -> str:
    """The local clock times of a span: "6:00 PM–10:00 PM"."""
    return f"{time_of_day(start, time_zone, locale)}–{time_of_day(end, time_zone, locale)}"


def _join(date_text: str, time_text: str, locale: str | None) -> str:
    pattern = str(cldr.get_datetime_format("medium", locale=_locale(locale)))
    # CLDR's pattern may quote literal text ("{1} 'at' {0}"); medium patterns rarely do.
    return pattern.replace("'", "").replace("{1}", date_text).replace("{0}", time_text)


def moment(
    moment: dt.datetime,
    time_zone: ZoneInfo | str | None,
    locale: str | None = DEFAULT_LOCALE,
    *,
    weekday: bool = False,
    zone_name: bool = True,
) -> str:
    """A stored (UTC) moment in the group's time zone: "Dec 6, 2026, 6:03 PM PST";
    ``weekday`` adds the day's name ("Sun, Dec 6, 2026, 6:03 PM PST"), ``zone_name=False``
    leaves the zone's abbreviation out (where the page says the zone once)."""
    local = _local(moment, time_zone)
    shown_day = day(local.date(), locale) if weekday else date(local.date(), locale)
    text = _join(shown_day, clock(local.time(), locale), locale)
    abbreviation = local.tzname() if zone_name else None
    return f"{text} {abbreviation}" if abbreviation else text


def period(first: dt.date, last: dt.date, locale: str | None = DEFAULT_LOCALE) -> str:
    """A span of days: "Dec 1 – 7, 2026", "Nov 30 – Dec 6, 2026" (one day: "Dec 1, 2026")."""
    if first == last:
        return date(first, locale)
    return _plain(cldr.format_interval(first, last, "yMMMd", locale=_locale(locale)))


def pattern(kind: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """The locale's CLDR pattern behind each style, for widgets that format dates themselves
    (the GUI's date edits): "date" ("MMM d, y"), "day" ("E, MMM d, y"), "time" ("h:mm a")
    or "moment" (day and time: "E, MMM d, y, h:mm a")."""
    chosen = _locale(locale)
    date_pattern = chosen.date_formats["medium"].pattern
    time_pattern = chosen.time_formats["short"].pattern
    day_pattern = chosen.datetime_skeletons["yMMMEd"].pattern
    patterns = {
        "date": date_pattern,
        "day": day_pattern,
        "time": time_pattern,
        "moment": _join(day_pattern, time_pattern, locale),
    }
    return _plain(str(patterns[kind]))

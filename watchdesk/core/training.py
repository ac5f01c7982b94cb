"""Certification expiry and status."""

from __future__ import annotations

import calendar
import datetime as dt

from watchdesk.core.vocabulary import TrainingStatus

EXPIRING_SOON_DAYS = 30


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(completed_on: dt.date, validity_months: int | None) -> dt.date | None:
    """The last day a certification is valid, or None when the course never expires."""
    if validity_months is None:
        return None
    return add_months(completed_on, validity_months)


def certification_status(expires_on: dt.date | None, on: dt.date) -> TrainingStatus:
    """Current, expiring (within 30 days) or expired on the given day."""
    if expires_on is None:
        return TrainingStatus.CURRENT
    if expires_on < on:
        return TrainingStatus.EXPIRED
    if expires_on <= on + dt.timedelta(days=EXPIRING_SOON_DAYS):
        return TrainingStatus.EXPIRING
    return TrainingStatus.CURRENT

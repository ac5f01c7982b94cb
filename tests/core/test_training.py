import datetime as dt

import pytest

from watchdesk.core.training import add_months, certification_status, expiry_date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 48, dt.date(2028, 2, 29)),
        (dt.date(2024, 11, 30), 3, dt.date(2025, 2, 28)),
        (dt.date(2024, 12, 15), 1, dt.date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_expiry_and_status() -> None:
    assert expiry_date(dt.date(2025, 3, 1), None) is None
    expires = expiry_date(dt.date(2025, 3, 1), 12)
    assert expires == dt.date(2026, 3, 1)
    assert certification_status(expires, dt.date(2026, 1, 1)) == "current"
    assert certification_status(expires, dt.date(2026, 2, 15)) == "expiring"
    assert certification_status(expires, dt.date(2026, 3, 1)) == "expiring"
    assert certification_status(expires, dt.date(2026, 3, 2)) == "expired"
    assert certification_status(None, dt.date(2090, 1, 1)) == "current"

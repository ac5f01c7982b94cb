"""Chart details that only show with large groups."""

from __future__ import annotations

from reportlab.graphics.shapes import String

from watchdesk.reports.figures import when_grid


def test_the_when_grid_writes_large_counts_short_enough_for_a_cell() -> None:
    counts = [[0] * 24 for _ in range(7)]
    counts[0][1], counts[2][3], counts[4][5], counts[6][7] = 5, 9_999, 10_449, 123_456
    texts = {item.text for item in when_grid(counts).contents if isinstance(item, String)}
    assert {"5", "9999", "10.4k", "123k"} <= texts
    assert "10449" not in texts and "0" not in texts  # empty hours stay blank

"""A page for an area whose full screens are still being built: it says what the area is for
and shows what the database really holds for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from watchdesk.services.overview import AreaCounts, area_counts
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import show_error

Summary = Callable[[AreaCounts], str]


class AreaPage(QWidget):
    def __init__(self, context: AppContext, title: str, purpose: str, summary: Summary) -> None:
        super().__init__()
        self.context = context
        self.summary = summary
        self.setObjectName(title)
        heading = QLabel(title)
        heading.setObjectName("page_title")
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        heading.setFont(font)
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        self.counts = QLabel("…")
        self.counts.setObjectName("area_counts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.purpose)
        layout.addSpacing(12)
        layout.addWidget(self.counts)
        layout.addStretch(1)

    def refresh(self) -> None:
        db, group_id = self.context.db, self.context.group_id

        def load(_progress: object) -> AreaCounts:
            with db.read() as session:
                return area_counts(session, group_id)

        self.context.runner.start(
            "area counts",
            load,
            lambda counts: self.counts.setText(self.summary(counts)),
            lambda error: show_error(self, error, self.context.log_path),
        )


AREAS: tuple[tuple[str, str, Summary], ...] = (
    (
        "Reports",
        "Printable PDFs for the precinct and for volunteers: activity reports, meeting "
        "packets, rotas, rosters and sign-in sheets. The report builder is being built.",
        lambda c: (
            f"Data available: {c.observations:,} observations, {c.shifts:,} shifts, "
            f"{c.members:,} members."
        ),
    ),
)

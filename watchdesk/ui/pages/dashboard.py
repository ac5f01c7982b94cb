"""The first page: this week's patrols, recent observations, members and training at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from watchdesk.core.vocabulary import OBSERVATION_CATEGORIES, label
from watchdesk.ops import dashboard as dashboard_ops
from watchdesk.ops.changes import Kind
from watchdesk.services.dashboard import DashboardFigures
from watchdesk.ui.context import AppContext
from watchdesk.ui.forms import shown_date
from watchdesk.ui.pages.page import Page


class FigureCard(QFrame):
    """A big number with a caption and an optional detail line."""

    def __init__(self, caption: str, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("…")
        self.value.setObjectName(f"{object_name}_value")
        font = self.value.font()
        font.setPointSize(font.pointSize() * 2 + 4)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.detail = QLabel("")
        self.detail.setObjectName(f"{object_name}_detail")
        self.detail.setWordWrap(True)
        for widget in (self.value, self.caption, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_value(self, value: int, detail: str = "") -> None:
        self.value.setText(f"{value:,}")
        self.detail.setText(detail)


class DashboardPage(Page):
    title = "Dashboard"
    shows = frozenset(Kind)
    loaded = Signal(object)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "dashboard")
        self.figures: DashboardFigures | None = None
        self.heading = QLabel(self.title)
        self.heading.setObjectName("page_title")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 6)
        self.heading.setFont(font)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("dashboard_subtitle")
        self.members = FigureCard("Active members", "active_members")
        self.shifts = FigureCard("Patrol shifts this week", "shifts_week")
        self.observations = FigureCard("Observations, last 30 days", "observations_30")
        self.expiring = FigureCard("Certifications expiring within 30 days", "certs_expiring")
        grid = QGridLayout()
        grid.addWidget(self.members, 0, 0)
        grid.addWidget(self.shifts, 0, 1)
        grid.addWidget(self.observations, 1, 0)
        grid.addWidget(self.expiring, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        db, group_id, now = self.context.db, self.context.group_id, self.context.clock()

        self.context.operations.query(
            self, "dashboard", lambda _p: dashboard_ops.figures(db, group_id, now), self._show
        )

    def _show(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.subtitle.setText(f"{figures.group_name} · week of {shown_date(figures.week_start)}")
        self.members.show_value(figures.active_members)
        understaffed = figures.understaffed_this_week
        self.shifts.show_value(
            figures.shifts_this_week,
            f"{understaffed} understaffed" if understaffed else "all at minimum staffing",
        )
        by_category = sorted(figures.observations_30_days.items(), key=lambda kv: (-kv[1], kv[0]))
        self.observations.show_value(
            figures.observations_30_days_total,
            "\n".join(
                f"{label(OBSERVATION_CATEGORIES, code)}: {count}" for code, count in by_category
            )
            or "none recorded",
        )
        self.expiring.show_value(figures.certifications_expiring)
        self.loaded.emit(figures)

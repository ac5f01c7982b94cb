"""Review of suggested patrollers for the coverage gaps: only ticked ones are assigned."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.services.schedule import SuggestedAssignment
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import shown_clock, shown_day


class SuggestionsDialog(FormDialog):
    """The coordinator reviews suggested assignments; only ticked ones are made."""

    track_changes = False  # nothing typed: ticks only

    def __init__(
        self, parent: QWidget, suggestions: list[SuggestedAssignment], time_zone: ZoneInfo
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.setWindowTitle("Suggested patrollers")
        self.suggestions = suggestions
        self.list = QListWidget()
        self.list.setObjectName("suggestion_list")
        for suggestion in suggestions:
            start = suggestion.shift.starts_at.astimezone(time_zone)
            item = QListWidgetItem(
                f"{shown_day(start.date(), short=True)} {shown_clock(start)}  "
                f"{suggestion.shift.place}  ←  {suggestion.member_name}"
            )
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        note = QLabel(
            "Each gap gets eligible, available members, choosing whoever has given the fewest "
            "hours in these weeks. Untick any you do not want."
        )
        note.setWordWrap(True)
        buttons = self.button_box(self.accept, QDialogButtonBox.StandardButton.Ok, "Assign ticked")
        body = QVBoxLayout()
        body.addWidget(note)
        body.addWidget(self.list, 1)
        self.set_body(body, buttons, scroll=False)
        self.resize(560, 420)

    def chosen(self) -> list[SuggestedAssignment]:
        return [
            s
            for i, s in enumerate(self.suggestions)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

"""Review of suggested patrollers for the coverage gaps: only ticked ones are assigned."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.services.schedule import SuggestedAssignment
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import named_button, shown_clock, shown_day


def _when(suggestion: SuggestedAssignment, time_zone: ZoneInfo) -> str:
    """The shift's start as the app writes it, e.g. 'Fri Dec 11 8:00 PM'."""
    start = suggestion.shift.starts_at.astimezone(time_zone)
    return f"{shown_day(start.date(), short=True)} {shown_clock(start)}"


def assigned_summary(made: list[SuggestedAssignment], time_zone: ZoneInfo) -> str:
    """What accepting did, e.g. 'Assigned 2 patrollers: Ana Reyes (Fri Dec 11 8:00 PM,
    Block 4), Ben Reyes (Sat Dec 12 8:00 PM, Block 4)'."""
    count = len(made)
    people = ", ".join(f"{s.member_name} ({_when(s, time_zone)}, {s.shift.place})" for s in made)
    return f"Assigned {count} patroller{'' if count == 1 else 's'}: {people}"


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
            item = QListWidgetItem(
                f"{_when(suggestion, time_zone)}  {suggestion.shift.place}  ←  "
                f"{suggestion.member_name}"
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
        ticks = QHBoxLayout()
        ticks.addWidget(named_button("Select all", "suggestions_all", lambda: self._tick_all(True)))
        ticks.addWidget(
            named_button("Select none", "suggestions_none", lambda: self._tick_all(False))
        )
        ticks.addStretch(1)
        body.addLayout(ticks)
        self.set_body(body, buttons, scroll=False)
        self.resize(560, 420)

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen(self) -> list[SuggestedAssignment]:
        return [
            s
            for i, s in enumerate(self.suggestions)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

"""The first page: what to do this week and next, each line opening the record it names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from watchdesk.core.progress import Progress
from watchdesk.core.words import count as counted
from watchdesk.ops import dashboard as dashboard_ops
from watchdesk.ops.changes import Kind
from watchdesk.services.dashboard import Todo, day_text
from watchdesk.services.patrols import when
from watchdesk.ui.context import AppContext
from watchdesk.ui.pages._base import RecordPage

# Where a line's record is: (the kind of page that shows it, its id).
RECORD_ROLE = Qt.ItemDataRole.UserRole


class _Line(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def record_id(self) -> int | None: ...
    @property
    def text(self) -> str: ...


class DashboardPage(RecordPage):
    title = "Dashboard"
    shows = frozenset(Kind)
    loaded = Signal(object)
    # A line was clicked: show the record (its Kind and id) on its page.
    record_requested = Signal(object, int)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "dashboard")
        self.todo: Todo | None = None
        # When the file was opened before this time: the "since you last opened" section
        # lists what was recorded after it. Now is remembered for the next opening.
        self.since: dt.datetime | None = None
        settings = context.settings
        if settings is not None:
            self.since = settings.last_opened(context.db.path)
            settings.set_last_opened(context.db.path, context.clock())

        self.heading = QLabel("To do")
        self.heading.setObjectName("page_title")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 6)
        self.heading.setFont(font)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("dashboard_subtitle")
        self.tree = QTreeWidget()
        self.tree.setObjectName("todo_tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(lambda item, _column: self.open_line(item))
        self.tree.itemActivated.connect(lambda item, _column: self.open_line(item))
        self.packet_button: QPushButton | None = None
        self.sections: dict[str, QTreeWidgetItem] = {}
        hint = QLabel("Click a line to open its record.")
        hint.setObjectName("dashboard_hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)

    def refresh(self) -> None:
        group_id = self.context.group_id
        if group_id is None:
            return
        db, now, since = self.context.db, self.context.clock(), self.since
        self.context.operations.query(
            self, "dashboard", lambda _p: dashboard_ops.todo(db, group_id, now, since), self._show
        )

    # -- showing -----------------------------------------------------------------------------
    def _show(self, todo: Todo) -> None:
        self.todo = todo
        self.subtitle.setText(
            f"{todo.group_name} · today {day_text(todo.today)}, through {day_text(todo.through)}"
        )
        self.tree.clear()
        self.sections = {}
        self.packet_button = None
        self._section("shifts", "Short or uncovered shifts", todo.short_shifts)
        self._section("certifications", "Certifications expired or expiring", todo.certifications)
        meeting = self._section(
            "meeting",
            "Next meeting",
            [todo.next_meeting] if todo.next_meeting else [],
            counted=False,
            empty="None scheduled",
        )
        if todo.next_meeting is not None:
            self.packet_button = QPushButton("Print packet…")
            self.packet_button.setObjectName("print_packet")
            self.packet_button.clicked.connect(self.print_packet)
            line = meeting.child(0)
            assert line is not None
            self.tree.setItemWidget(line, 1, self.packet_button)
        self._section("follow_ups", "Overdue follow-ups", todo.overdue_follow_ups)
        self._section("vacations", "Houses on vacation watch this week", todo.houses_away)
        self._section(
            "serious", "Serious observations not reported to police", todo.serious_unreported
        )
        self._new_observations(todo)
        self.tree.expandAll()
        self.loaded.emit(todo)

    def _section(
        self,
        key: str,
        caption: str,
        lines: Sequence[_Line],
        *,
        counted: bool = True,
        count: int | None = None,
        empty: str = "",
    ) -> QTreeWidgetItem:
        shown = len(lines) if count is None else count
        header = QTreeWidgetItem([f"{caption} ({shown})" if counted else caption])
        font = header.font(0)
        font.setBold(True)
        header.setFont(0, font)
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(header)
        self.sections[key] = header
        for line in lines:
            item = QTreeWidgetItem([line.text])
            if line.record_id is not None:
                item.setData(0, RECORD_ROLE, (line.kind, line.record_id))
                item.setToolTip(0, "Click to open")
            header.addChild(item)
        if not lines and empty:
            note = QTreeWidgetItem([empty])
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            header.addChild(note)
        return header

    def _new_observations(self, todo: Todo) -> None:
        caption = "Observations recorded since you last opened this file"
        if todo.new_observations is None or todo.since is None:
            self._section(
                "new", caption, [], counted=False, empty="This is the first time it is opened here."
            )
            return
        local = todo.since.astimezone()
        caption += f", {when(local.date(), local.time())}"
        header = self._section(
            "new", caption, todo.new_observations, count=todo.new_observation_count
        )
        more = todo.new_observation_count - len(todo.new_observations)
        if more > 0:
            note = QTreeWidgetItem([f"… and {counted(more, 'older one')} on the Observations page"])
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            header.addChild(note)

    def lines(self, key: str) -> list[QTreeWidgetItem]:
        """The lines of a section that open a record."""
        header = self.sections[key]
        children = (header.child(i) for i in range(header.childCount()))
        return [c for c in children if c is not None and c.data(0, RECORD_ROLE) is not None]

    # -- acting ------------------------------------------------------------------------------
    def open_line(self, item: QTreeWidgetItem) -> None:
        record = item.data(0, RECORD_ROLE)
        if record is None or not self.isVisible():  # a click that also activates: once
            return
        kind, record_id = record
        self.record_requested.emit(Kind(kind), int(record_id))

    def print_packet(self) -> None:
        if self.todo is None or self.todo.next_meeting is None:
            return
        day = self.todo.next_meeting.local_start.date()
        target = self.choose_pdf("Save the meeting packet", f"meeting-packet-{day}.pdf")
        if target is not None:
            self.write_packet(target)

    def write_packet(self, target: Path) -> None:
        """Build the next meeting's packet into ``target`` (off the GUI thread)."""
        if self.todo is None or self.todo.next_meeting is None:
            return
        from watchdesk.ops import reports

        db, group_id, now = self.context.db, self.group(), self.context.clock()
        day = self.todo.next_meeting.local_start.date()

        def job(progress: Progress) -> Path:
            return reports.build_meeting_packet(db, group_id, day, target, now, progress)

        self.save_file("meeting packet", job, dialog=True)

"""The Reports page: choose a report, its period and options; it is laid out off the GUI thread
with a progress bar and Cancel; when done, open the PDF or show its folder. The last choices are
remembered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.progress import Progress
from watchdesk.ops import reports
from watchdesk.ops.groups import groups_to_show
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import message_for, show_error
from watchdesk.ui.forms import date_edit, from_qdate, named_button, to_qdate
from watchdesk.ui.pages._base import RecordPage
from watchdesk.ui.widgets.inline_task import InlineTask

DEFAULT_DAYS = 30
# (context, group or None for every group, first, last, internal copy, target, progress)
Job = Callable[[AppContext, int | None, dt.date, dt.date, bool, Path, Progress], Path]


def _one(group_id: int | None) -> int:
    """The group of a one-group report (``build`` passes None only to ``across_groups``)."""
    assert group_id is not None
    return group_id


def _tiles(context: AppContext) -> Path | None:
    """The map tile folder chosen in Preferences (None: the data folder's)."""
    return context.settings.tile_folder() if context.settings else None


@dataclass(frozen=True)
class ReportKind:
    title: str
    file_name: str
    help: str
    # "period": built for [from, to]; "meeting": for the meeting on or after one date (passed
    # as both); "none": no dates.
    dates: Literal["period", "meeting", "none"]
    redactable: bool
    build: Job
    across_groups: bool = False  # under "All groups", built over every group of the file


REPORTS: dict[str, ReportKind] = {
    "precinct": ReportKind(
        "Precinct activity report",
        "precinct-report.pdf",
        "For the precinct: summary against the previous period, charts, map, patrols, "
        "training and every observation. Redacted unless you ask for an internal copy.",
        dates="period",
        redactable=True,
        build=lambda c, g, first, last, internal, target, p: reports.build_precinct_report(
            c.db,
            g,
            first,
            last,
            target,
            "none" if internal else "standard",
            progress=p,
            tiles=_tiles(c),
        ),
        across_groups=True,
    ),
    "rota": ReportKind(
        "Patrol rota",
        "rota.pdf",
        "One week per page with the names on each shift; shifts short of patrollers marked.",
        dates="period",
        redactable=False,
        build=lambda c, g, first, last, _i, target, p: reports.build_rota(
            c.db, _one(g), first, last, target, p
        ),
    ),
    "roster": ReportKind(
        "Roster and contact list",
        "roster.pdf",
        "By block, with contact details only for members who agreed to a printed roster.",
        dates="none",
        redactable=False,
        build=lambda c, g, _f, _l, _i, target, p: reports.build_roster(c.db, _one(g), target, p),
    ),
    "phonetree": ReportKind(
        "Phone trees",
        "phone-trees.pdf",
        "Each block's calling tree on its own page (members who agreed to the phone tree).",
        dates="none",
        redactable=False,
        build=lambda c, g, _f, _l, _i, target, p: reports.build_phone_trees(
            c.db, _one(g), target, progress=p
        ),
    ),
    "packet": ReportKind(
        "Meeting packet",
        "meeting-packet.pdf",
        "For the next meeting: agenda, the last 30 days, block map, four weeks of rota with "
        "gaps, trainings, phone trees, a sign-in sheet and blank description forms.",
        dates="meeting",
        redactable=False,
        build=lambda c, g, day, _l, _i, target, p: reports.build_meeting_packet(
            c.db, _one(g), day, target, progress=p, tiles=_tiles(c)
        ),
    ),
}


class ReportsPage(RecordPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Reports")
        self.written: Path | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("report_kind")
        for code, report in REPORTS.items():
            self.kind.addItem(report.title, code)
        self.help = QLabel()
        self.help.setObjectName("report_help")
        self.help.setWordWrap(True)
        self.scope = QLabel()  # under "All groups": which groups the report covers
        self.scope.setObjectName("report_scope")
        self.scope.setWordWrap(True)
        self.first = date_edit("report_from")
        self.last = date_edit("report_to")
        self.meeting_day = date_edit("report_meeting")
        self.internal = QCheckBox("Internal copy: not redacted (names and exact addresses)")
        self.internal.setObjectName("report_internal")
        self.build_button = named_button("Build PDF…", "report_build", self.build)
        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.running = InlineTask("report", self.status, "Cancelled; nothing was saved.")
        self.running.running_changed.connect(lambda busy: self.build_button.setDisabled(busy))
        self.open_button = named_button("Open PDF", "report_open", self.open_pdf)
        self.folder_button = named_button("Show in folder", "report_folder", self.show_folder)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)

        self.period_row = period = QHBoxLayout()
        for widget in (self.first, QLabel("to"), self.last):
            period.addWidget(widget)
        period.addStretch(1)
        self.form = form = QFormLayout()
        form.addRow("Report", self.kind)
        form.addRow("Period", period)
        self.meeting_row = meeting = QHBoxLayout()
        meeting.addWidget(self.meeting_day)
        meeting.addStretch(1)
        form.addRow("Meeting on or after", meeting)
        form.addRow("Options", self.internal)
        self.build_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        running = QHBoxLayout()
        running.addWidget(self.build_button, 0, Qt.AlignmentFlag.AlignLeft)
        running.addWidget(self.running, 1)
        done = QHBoxLayout()
        done.addWidget(self.open_button)
        done.addWidget(self.folder_button)
        done.addStretch(1)
        # A column of readable width on a wide window.
        content = QWidget()
        content.setMaximumWidth(720)
        column = QVBoxLayout(content)
        column.addWidget(QLabel("<h2>Reports</h2>"))
        column.addLayout(form)
        column.addWidget(self.help)
        column.addWidget(self.scope)
        column.addSpacing(8)
        column.addLayout(running)
        column.addWidget(self.status)
        column.addLayout(done)
        layout = QVBoxLayout(self)
        layout.addWidget(content)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._restore()

    # -- choices -----------------------------------------------------------------------------
    def _restore(self) -> None:
        today = self.today()
        choices = self.context.settings.report_choices() if self.context.settings else {}
        position = self.kind.findData(choices.get("kind", "precinct"))
        self.kind.setCurrentIndex(max(0, position))
        first = _day(choices.get("from")) or today - dt.timedelta(days=DEFAULT_DAYS - 1)
        last = _day(choices.get("to")) or today
        self.first.setDate(to_qdate(first))
        self.last.setDate(to_qdate(last))
        self.meeting_day.setDate(to_qdate(max(_day(choices.get("meeting")) or today, today)))
        self.internal.setChecked(choices.get("internal") == "yes")
        self.folder = choices.get("folder", "")
        self._kind_changed()

    def _remember(self, target: Path) -> None:
        if self.context.settings is None:
            return
        self.context.settings.set_report_choices(
            {
                "kind": str(self.kind.currentData()),
                "from": from_qdate(self.first.date()).isoformat(),
                "to": from_qdate(self.last.date()).isoformat(),
                "meeting": from_qdate(self.meeting_day.date()).isoformat(),
                "internal": "yes" if self.internal.isChecked() else "no",
                "folder": str(target.parent),
            }
        )

    def _kind_changed(self) -> None:
        report = REPORTS[str(self.kind.currentData())]
        self.help.setText(report.help)
        for edit in (self.first, self.last):
            edit.setEnabled(report.dates == "period")
        self.form.setRowVisible(self.period_row, report.dates != "meeting")
        self.form.setRowVisible(self.meeting_row, report.dates == "meeting")
        self.internal.setEnabled(report.redactable)
        self.refresh()

    def refresh(self) -> None:
        """Say which groups the chosen report covers when "All groups" is chosen."""
        report = REPORTS[str(self.kind.currentData())]
        self.scope.setVisible(self.context.all_groups)
        if not self.context.all_groups or self.context.group_id is None:
            return
        if report.across_groups:
            self.scope.setText("Covers every watch group in this file, added up and one by one.")
        else:
            group, _groups = groups_to_show(self.context.db, self.context.group_id)
            name = group.name if group is not None else ""
            self.scope.setText(f"This report is for one group: {name}.")

    # -- building ----------------------------------------------------------------------------
    def build(self) -> None:
        if self.context.group_id is None:
            return
        report = REPORTS[str(self.kind.currentData())]
        every_group = self.context.all_groups and report.across_groups
        group_id = None if every_group else self.context.group_id
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        if report.dates == "meeting":
            first = last = from_qdate(self.meeting_day.date())
        if report.dates == "period" and first > last:
            self.status.setText("The start date is after the end date.")
            return
        suggested = str(Path(self.folder or Path.home()) / report.file_name)
        chosen, _ = QFileDialog.getSaveFileName(self, report.title, suggested, "PDF (*.pdf)")
        if not chosen:
            return
        target = Path(chosen)
        self._remember(target)
        internal = report.redactable and self.internal.isChecked()
        context = self.context

        def job(progress: Progress) -> Path:
            return report.build(context, group_id, first, last, internal, target, progress)

        self.written = None
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
        self.status.setText(f"Building the {report.title.lower()}…")
        self.context.operations.query(
            self, "report", job, self._built, inline=self.running, failed=self._failed
        )

    def _built(self, path: Path) -> None:
        self.written = path
        self.status.setText(f"Saved {path}")
        for button in (self.open_button, self.folder_button):
            button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        message, is_bug = message_for(error)
        if is_bug:
            self.status.setText("The report could not be built; nothing was saved.")
            show_error(self, error, self.context.log_path)
        else:  # e.g. no meeting on that date: said where the user is looking
            self.status.setText(f"{message[0].upper()}{message[1:]}. Nothing was saved.")

    def open_pdf(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def show_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None

"""The first screen of an empty database: create your watch group, import bundles (a precinct
liaison's way in), or explore demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import GroupInput
from watchdesk.core.validation import ValidationError
from watchdesk.ops import setup
from watchdesk.services.rows import GroupRow
from watchdesk.ui.context import AppContext
from watchdesk.ui.errors import show_error
from watchdesk.ui.forms import FieldErrors

COMMON_TIME_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "Europe/London",
)


class WelcomePage(QWidget):
    """Emits ``ready`` once the database holds a group, and ``import_requested`` when a
    liaison asks to import bundles (the window runs File > Import bundle)."""

    ready = Signal()
    import_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context

        heading = QLabel("Welcome to WatchDesk")
        font = heading.font()
        font.setPointSize(font.pointSize() + 8)
        heading.setFont(font)
        intro = QLabel(
            "This database is empty. Create your watch group to start your roster, "
            "patrol rota and observation log — or explore WatchDesk with a "
            "realistic demo neighbourhood first."
        )
        intro.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setObjectName("group_name")
        self.name.setPlaceholderText("e.g. Maple Street Neighborhood Watch")
        self.precinct = QLineEdit()
        self.precinct.setObjectName("group_precinct")
        self.beat = QLineEdit()
        self.liaison = QLineEdit()
        self.liaison.setPlaceholderText("Officer's name")
        self.timezone = QComboBox()
        self.timezone.setObjectName("group_timezone")
        self.timezone.setEditable(True)
        self.timezone.addItems(COMMON_TIME_ZONES)  # editable: any IANA name is accepted
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "Group name", "name", self.name)
        self.errors.add_row(form, "Precinct", "precinct", self.precinct)
        self.errors.add_row(form, "Beat", "beat", self.beat)
        self.errors.add_row(form, "Liaison officer", "liaison_name", self.liaison)
        self.errors.add_row(form, "Time zone", "timezone", self.timezone)
        self.create_button = QPushButton("Create your watch group")
        self.create_button.setObjectName("create_group")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)
        create_box = QGroupBox("Create your watch group")
        create_layout = QVBoxLayout(create_box)
        create_layout.addLayout(form)
        create_layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)

        self.demo_button = QPushButton("Explore with demo data")
        self.demo_button.setObjectName("explore_demo")
        self.demo_button.clicked.connect(self.explore_demo)
        demo_box = _offer(
            "Just looking?",
            "Fills this database with a made-up neighbourhood: 8 blocks, about "
            "120 members, a year of patrols and about 1,000 observations.",
            self.demo_button,
        )

        self.liaison_button = QPushButton("I am a precinct liaison: import bundles")
        self.liaison_button.setObjectName("import_bundles")
        self.liaison_button.clicked.connect(self.import_requested)
        liaison_box = _offer(
            "Precinct liaison?",
            "Bring in the bundles (.wdx) your watch groups sent you; this file then holds "
            "their records, one group each, and the precinct report can cover them all.",
            self.liaison_button,
        )

        side = QVBoxLayout()
        side.addWidget(liaison_box)
        side.addWidget(demo_box)
        columns = QHBoxLayout()
        columns.addWidget(create_box, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addStretch(1)

    def submit(self) -> None:
        data = GroupInput(
            name=self.name.text(),
            precinct=self.precinct.text(),
            beat=self.beat.text(),
            liaison_name=self.liaison.text(),
            timezone=self.timezone.currentText().strip(),
        )
        db = self.context.db
        self.create_button.setEnabled(False)
        self.context.operations.perform(
            self,
            "create group",
            lambda _progress: setup.create_group(db, data),
            self._created,
            failed=self._not_created,
        )

    def _created(self, group: GroupRow) -> None:
        self.create_button.setEnabled(True)
        self.errors.clear()
        self.context.group_id = group.id
        self.ready.emit()

    def _not_created(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.errors.show(error)
        else:
            show_error(self, error, self.context.log_path)

    def explore_demo(self) -> None:
        db = self.context.db
        self.demo_button.setEnabled(False)
        self.context.operations.perform(
            self,
            "creating demo data",
            lambda progress: setup.generate_demo(db, "small", seed=1, progress=progress),
            lambda _counts: self._demo_done(),
            dialog=True,
            blocks_window=True,
            failed=self._demo_failed,
            cancelled=self._demo_cancelled,
        )

    def _demo_done(self) -> None:
        self.demo_button.setEnabled(True)
        self.context.group_id = None
        self.ready.emit()

    def _demo_failed(self, error: BaseException) -> None:
        self.demo_button.setEnabled(True)
        show_error(self, error, self.context.log_path)

    def _demo_cancelled(self) -> None:
        self.demo_button.setEnabled(True)


def _offer(title: str, text: str, button: QPushButton) -> QGroupBox:
    """A box on the welcome page: what a choice does, and its button."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignRight)
    return box

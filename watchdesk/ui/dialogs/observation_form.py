"""Record or edit an observation, quickly, after the fact: what and where first, then the people
and vehicles seen (the banded picklists of the paper forms), then police contact and follow-ups.

A plate typed in a vehicle says at once whether it is a neighbour's registered car. The point
can be typed or picked on the map (``pick_point``, given by the page when a map is available).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core import descriptors as d
from watchdesk.core.entities import ObservationInput, clean_observation
from watchdesk.core.validation import ValidationError, parse_date
from watchdesk.core.vocabulary import (
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    POLICE_CONTACTS,
    SEVERITIES,
)
from watchdesk.ui.dialogs.base import FormDialog, FormScroll
from watchdesk.ui.forms import (
    FieldErrors,
    OptionalMoment,
    optional_number,
    save_cancel,
    style_date_edit,
)

Choice = tuple[int, str]
PlateCheck = Callable[[str], str]
PickPoint = Callable[[Callable[[float, float], None]], None]


def _combo(name: str, choices: Sequence[tuple[object, str]], editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(editable)
    for value, text in choices:
        combo.addItem(text, value)
    return combo


def _picklist(name: str, words: Sequence[str]) -> QComboBox:
    """A short list to pick from that also takes what the witness actually said."""
    return _combo(name, [("", "")] + [(w, w) for w in words], editable=True)


def _select(combo: QComboBox, value: object) -> None:
    position = combo.findData(value)
    if position >= 0:
        combo.setCurrentIndex(position)
    elif combo.isEditable() and isinstance(value, str):
        combo.setEditText(value)


def _value(combo: QComboBox) -> Any:
    if combo.isEditable():
        return combo.currentText().strip()
    return combo.currentData()


def _number(edit: QLineEdit) -> float | str | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # refused by clean_observation with the field's own message


def _spin(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


class _Panel(QWidget):
    """One person or vehicle: a form of picklists and short texts."""

    def __init__(self) -> None:
        super().__init__()
        self.form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {}

    def add(self, caption: str, name: str, widget: QWidget) -> None:
        self.widgets[name] = widget
        self.form.addRow(caption, widget)

    def text(self, caption: str, name: str, hint: str = "") -> None:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        self.add(caption, name, edit)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QComboBox):
                out[name] = _value(widget)
            elif isinstance(widget, QSpinBox):
                out[name] = _spin(widget)
        return out

    def load(self, values: dict[str, Any]) -> None:
        for name, widget in self.widgets.items():
            value = values.get(name)
            if isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QComboBox):
                _select(widget, value if value is not None else "")
            elif isinstance(widget, QSpinBox):
                widget.setValue(-1 if value is None else int(value))


class PersonPanel(_Panel):
    def __init__(self, person: d.PersonSeen | None = None) -> None:
        super().__init__()
        self.add("Sex", "sex", _picklist("sex", d.SEXES))
        self.add("Age from", "age_min", optional_number("age_min", None, 120))
        self.add("Age to", "age_max", optional_number("age_max", None, 120))
        heights = [(None, "")] + [(b, d.height_band_text(b)) for b in d.HEIGHT_BANDS]
        self.add("Height", "height_min_in", _combo("height_min_in", heights))
        weights = [(None, "")] + [(b, d.weight_band_text(b)) for b in d.WEIGHT_BANDS]
        self.add("Weight", "weight_min_lb", _combo("weight_min_lb", weights))
        for name, caption, words in (
            ("build", "Build", d.BUILDS),
            ("complexion", "Complexion", d.COMPLEXIONS),
            ("hair", "Hair", d.HAIR),
            ("facial_hair", "Facial hair", d.FACIAL_HAIR),
            ("glasses", "Glasses", d.GLASSES),
        ):
            self.add(caption, name, _picklist(name, words))
        for name, caption, hint in (
            ("headwear", "Headwear", "cap, hood, none"),
            ("clothing_top", "Top", "colour and kind, outermost first"),
            ("clothing_bottom", "Bottom", "jeans, shorts…"),
            ("footwear", "Footwear", ""),
            ("marks", "Marks / tattoos", "scars, tattoos, limp"),
            ("direction", "Direction of travel", "e.g. north on SE 33rd"),
        ):
            self.text(caption, name, hint)
        if person is not None:
            self.load(vars(person))

    def seen(self) -> d.PersonSeen:
        return d.PersonSeen(**self.values())


class VehiclePanel(_Panel):
    def __init__(self, check_plate: PlateCheck, vehicle: d.VehicleSeen | None = None) -> None:
        super().__init__()
        self.check_plate = check_plate
        self.add("Colour", "colour", _picklist("colour", d.COLOURS))
        self.add("Second colour", "second_colour", _picklist("second_colour", d.COLOURS))
        self.add("Year", "year", optional_number("year", None, 2100))
        year = self.widgets["year"]
        assert isinstance(year, QSpinBox)
        year.setMinimum(1899)  # 1899 is the "not recorded" value
        year.setSpecialValueText("not recorded")
        self.text("Make", "make", "Ford")
        self.text("Model", "model", "Transit")
        self.add("Body style", "body_style", _picklist("body_style", d.BODY_STYLES))
        self.text("Plate", "plate", "as read; ? for a character not seen")
        self.known = QLabel()
        self.known.setObjectName("known_vehicle")
        self.known.setWordWrap(True)
        self.form.addRow("", self.known)
        self.text("Plate state", "plate_state", "OR")
        self.text("Features", "features", "dents, stickers, tint, roof rack")
        self.add("Occupants", "occupants", optional_number("occupants", None, 60))
        self.text("Direction of travel", "direction", "")
        plate = self.widgets["plate"]
        assert isinstance(plate, QLineEdit)
        plate.textChanged.connect(self._plate_changed)
        if vehicle is not None:
            self.load(vars(vehicle))

    def values(self) -> dict[str, Any]:
        out = super().values()
        if out["year"] is not None and out["year"] < 1900:
            out["year"] = None
        return out

    def load(self, values: dict[str, Any]) -> None:
        super().load({**values, "year": values.get("year") or 1899})

    def _plate_changed(self, text: str) -> None:
        self.known.setText(self.check_plate(text) if text.strip() else "")

    def seen(self) -> d.VehicleSeen:
        return d.VehicleSeen(**self.values())


class _Parts(QWidget):
    """Tabs of people or vehicles with Add and Remove."""

    def __init__(self, noun: str, make: Callable[[], _Panel]) -> None:
        super().__init__()
        self.noun = noun
        self.make = make
        self.tabs = QTabWidget()
        self.tabs.setObjectName(f"{noun}_tabs")
        add = QPushButton(f"Add {noun}")
        add.setObjectName(f"add_{noun}")
        add.clicked.connect(lambda: self.add())
        remove = QPushButton(f"Remove this {noun}")
        remove.setObjectName(f"remove_{noun}")
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def add(self, panel: _Panel | None = None) -> _Panel:
        panel = panel or self.make()
        self.tabs.addTab(panel, "")
        self.tabs.setCurrentWidget(panel)
        self._renumber()
        return panel

    def remove_current(self) -> None:
        index = self.tabs.currentIndex()
        if index >= 0:
            self.tabs.removeTab(index)
            self._renumber()

    def _renumber(self) -> None:
        for index in range(self.tabs.count()):
            self.tabs.setTabText(index, f"{self.noun.capitalize()} {index + 1}")

    def panels(self) -> list[_Panel]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]


class ObservationDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        timezone: str,
        now: dt.datetime,
        blocks: Sequence[Choice],
        members: Sequence[Choice],
        check_plate: PlateCheck,
        observation: ObservationInput | None = None,
        pick_point: PickPoint | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit observation" if observation else "Record an observation")
        self.time_zone = ZoneInfo(timezone)
        self.now = now
        self.result_input: ObservationInput | None = None
        self.errors = FieldErrors()
        self.tabs = QTabWidget()

        main = QWidget()
        form = QFormLayout(main)
        self.occurred = QDateTimeEdit()
        self.occurred.setObjectName("occurred_at")
        style_date_edit(self.occurred)
        self.occurred.setCalendarPopup(True)
        self._set_moment(now)
        self.errors.add_row(form, "When", "occurred_at", self.occurred)
        self.category = _combo("category", list(OBSERVATION_CATEGORIES.items()))
        self.errors.add_row(form, "Category", "category", self.category)
        self.severity = _combo("severity", list(SEVERITIES.items()))
        self.errors.add_row(form, "Severity", "severity", self.severity)
        self.address = QLineEdit()
        self.address.setObjectName("address_text")
        self.address.setPlaceholderText("e.g. 3300 block SE Belmont St, or 'behind the school'")
        self.errors.add_row(form, "Where", "address_text", self.address)
        self.latitude = QLineEdit()
        self.latitude.setObjectName("latitude")
        self.latitude.setPlaceholderText("45.5152")
        self.longitude = QLineEdit()
        self.longitude.setObjectName("longitude")
        self.longitude.setPlaceholderText("-122.6784")
        point = QWidget()
        point_row = QHBoxLayout(point)
        point_row.setContentsMargins(0, 0, 0, 0)
        point_row.addWidget(self.latitude)
        point_row.addWidget(self.longitude)
        self.pick_button = QPushButton("Pick on map…")
        self.pick_button.setObjectName("pick_on_map")
        self.pick_button.setEnabled(pick_point is not None)
        if pick_point is not None:
            self.pick_button.clicked.connect(lambda: pick_point(self.set_point))
        point_row.addWidget(self.pick_button)
        self.errors.add_row(form, "Point (lat, lon)", "latitude", point)
        self.errors.labels["longitude"] = self.errors.labels["latitude"]
        self.block = _combo("block", [(None, "(from the point on the map)"), *blocks])
        self.errors.add_row(form, "Block", "block_id", self.block)
        self.reporter = _combo("reporter", [(None, "Anonymous"), *members])
        self.errors.add_row(form, "Reported by", "reporter_member_id", self.reporter)
        self.status = _combo("status", list(OBSERVATION_STATUSES.items()))
        self.errors.add_row(form, "Status", "status", self.status)
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setPlaceholderText("What happened, in the order it happened.")
        self.errors.add_row(form, "Description", "description", self.description)
        self.tabs.addTab(FormScroll(main), "What and where")

        self.people = _Parts("person", PersonPanel)
        self.tabs.addTab(FormScroll(self.people), "People")
        self.vehicles = _Parts("vehicle", lambda: VehiclePanel(check_plate))
        self.tabs.addTab(FormScroll(self.vehicles), "Vehicles")
        self.check_plate = check_plate

        police = QWidget()
        police_form = QFormLayout(police)
        self.police_contact = _combo("police_contact", list(POLICE_CONTACTS.items()))
        self.errors.add_row(police_form, "Police contacted", "police_contact", self.police_contact)
        self.contacted_at = OptionalMoment(
            "police_contacted_at", None, now.astimezone(self.time_zone)
        )
        self.errors.add_row(police_form, "When", "police_contacted_at", self.contacted_at)
        self.case_number = QLineEdit()
        self.case_number.setObjectName("case_number")
        self.errors.add_row(police_form, "Case number", "case_number", self.case_number)
        self.officer = QLineEdit()
        self.officer.setObjectName("officer")
        self.errors.add_row(police_form, "Officer", "officer", self.officer)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("police_outcome")
        self.outcome.setFixedHeight(60)
        self.errors.add_row(police_form, "Outcome", "police_outcome", self.outcome)
        self.follow_ups = QTableWidget(0, 3)
        self.follow_ups.setObjectName("follow_ups")
        self.follow_ups.setHorizontalHeaderLabels(["To do", "Due", "Done"])
        self.follow_ups.horizontalHeader().setStretchLastSection(False)
        self.follow_ups.setColumnWidth(0, 300)
        add_follow_up = QPushButton("Add follow-up")
        add_follow_up.setObjectName("add_follow_up")
        add_follow_up.clicked.connect(lambda: self.add_follow_up(d.FollowUpInput("")))
        police_form.addRow("Follow-ups", self.follow_ups)
        police_form.addRow("", add_follow_up)
        self.tabs.addTab(FormScroll(police), "Police and follow-up")

        self.summary = QLabel()
        self.summary.setObjectName("error_summary")
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setWordWrap(True)
        self.summary.hide()
        body = QVBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addWidget(self.summary)
        # Each tab scrolls on its own: the tab bar stays in sight.
        self.set_body(body, save_cancel(self, self.submit), scroll=False)
        self.resize(640, 620)
        if observation is not None:
            self.load(observation)

    # -- values ------------------------------------------------------------------------------
    def _set_moment(self, moment: dt.datetime) -> None:
        local = moment.astimezone(self.time_zone)
        self.occurred.setDateTime(
            QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)
        )

    def set_point(self, latitude: float, longitude: float) -> None:
        self.latitude.setText(f"{latitude:.6f}")
        self.longitude.setText(f"{longitude:.6f}")

    def extra_state(self) -> object:
        """How many people and vehicles, and the follow-ups' cells (a table, not editors)."""
        cells = tuple(
            (self.follow_ups.item(row, column) or QTableWidgetItem()).text()
            for row in range(self.follow_ups.rowCount())
            for column in range(3)
        )
        return len(self.people.panels()), len(self.vehicles.panels()), cells

    def add_follow_up(self, follow_up: d.FollowUpInput) -> None:
        row = self.follow_ups.rowCount()
        self.follow_ups.insertRow(row)
        for column, value in enumerate((follow_up.note, follow_up.due_on, follow_up.done_on)):
            text = value.isoformat() if isinstance(value, dt.date) else value or ""
            self.follow_ups.setItem(row, column, QTableWidgetItem(text))

    def _follow_up_inputs(self) -> tuple[d.FollowUpInput, ...]:
        out = []
        for row in range(self.follow_ups.rowCount()):
            texts = [(self.follow_ups.item(row, c) or QTableWidgetItem()).text() for c in range(3)]
            if not any(t.strip() for t in texts):
                continue
            due = parse_date(texts[1], f"follow-up {row + 1}: due")
            done = parse_date(texts[2], f"follow-up {row + 1}: done")
            out.append(d.FollowUpInput(texts[0], due, done))
        return tuple(out)

    def load(self, data: ObservationInput) -> None:
        self._set_moment(data.occurred_at)
        for combo, value in (
            (self.category, data.category),
            (self.severity, data.severity),
            (self.block, data.block_id),
            (self.reporter, data.reporter_member_id),
            (self.status, data.status),
            (self.police_contact, data.police_contact),
        ):
            _select(combo, value)
        self.address.setText(data.address_text)
        if data.latitude is not None and data.longitude is not None:
            self.set_point(data.latitude, data.longitude)
        self.description.setPlainText(data.description)
        self.contacted_at.set_value(
            data.police_contacted_at.astimezone(self.time_zone)
            if data.police_contacted_at
            else None
        )
        self.case_number.setText(data.case_number)
        self.officer.setText(data.officer)
        self.outcome.setPlainText(data.police_outcome)
        for person in data.people:
            self.people.add(PersonPanel(person))
        for vehicle in data.vehicles:
            self.vehicles.add(VehiclePanel(self.check_plate, vehicle))
        for follow_up in data.follow_ups:
            self.add_follow_up(follow_up)
        self.tabs.setCurrentIndex(0)

    def current_input(self) -> ObservationInput:
        local = self.occurred.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        return ObservationInput(
            occurred_at=local.replace(second=0, microsecond=0, tzinfo=self.time_zone),
            category=str(self.category.currentData()),
            severity=int(self.severity.currentData()),
            address_text=self.address.text(),
            latitude=_number(self.latitude),  # type: ignore[arg-type]
            longitude=_number(self.longitude),  # type: ignore[arg-type]
            block_id=self.block.currentData(),
            reporter_member_id=self.reporter.currentData(),
            status=str(self.status.currentData()),
            description=self.description.toPlainText(),
            police_contact=str(self.police_contact.currentData()),
            police_contacted_at=self.contacted_at.value(self.time_zone),
            case_number=self.case_number.text(),
            officer=self.officer.text(),
            police_outcome=self.outcome.toPlainText(),
            people=tuple(p.seen() for p in self.people.panels()),  # type: ignore[attr-defined]
            vehicles=tuple(v.seen() for v in self.vehicles.panels()),  # type: ignore[attr-defined]
            follow_ups=self._follow_up_inputs(),
        )

    def submit(self) -> None:
        try:
            data = self.current_input()
            clean_observation(data, self.now)
        except ValidationError as error:
            self._show_errors(error)
            return
        self.result_input = data
        self.accept()

    def _show_errors(self, error: ValidationError) -> None:
        """Messages next to the main fields; the rest (people, vehicles, follow-ups) listed
        below the tabs, and the first tab with a problem brought forward."""
        leftover = self.errors.show(error)
        self.summary.setText("\n".join(_readable(line) for line in leftover))
        self.summary.setVisible(bool(leftover))
        first = next(iter(error.errors))
        tab = 0
        if first.startswith("person"):
            tab = 1
        elif first.startswith("vehicle"):
            tab = 2
        elif first.startswith("follow-up") or first in ("police_contact", "case_number"):
            tab = 3
        self.tabs.setCurrentIndex(tab)


def _readable(line: str) -> str:
    """'person 2: height_min_in: pick one of the bands' -> 'Person 2, height: pick one...'"""
    for field, caption in (
        *d.PERSON_FIELDS,
        *d.VEHICLE_FIELDS,
        ("age_min", "age from"),
        ("age_max", "age to"),
        ("second_colour", "second colour"),
    ):
        line = line.replace(f": {field}:", f", {caption.lower()}:")
    return line[:1].upper() + line[1:]

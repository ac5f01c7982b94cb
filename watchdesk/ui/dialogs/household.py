"""A household: address, pets, special concerns, known vehicles and vacation windows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import HouseholdInput, clean_household
from watchdesk.services.households import VacationInput, VehicleInput
from watchdesk.services.member_directory import VacationLine, VehicleLine
from watchdesk.ui.dialogs.base import NOT_FORM, FormDialog
from watchdesk.ui.forms import FieldErrors, save_cancel, shown_period


class HouseholdDialog(FormDialog):
    """Edits the household's own fields; vehicles and vacations are added and removed at
    once through the callbacks (each its own small transaction)."""

    def __init__(
        self,
        parent: QWidget | None,
        blocks: Sequence[tuple[int, str]],
        household: HouseholdInput | None,
        vehicles: Sequence[VehicleLine] = (),
        vacations: Sequence[VacationLine] = (),
        add_vehicle: Callable[[VehicleInput], VehicleLine | None] | None = None,
        remove_vehicle: Callable[[int], None] | None = None,
        add_vacation: Callable[[VacationInput], VacationLine | None] | None = None,
        remove_vacation: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Household")
        self.result_input: HouseholdInput | None = None
        self.errors = FieldErrors()
        form = QFormLayout()
        self.address = QLineEdit()
        self.address.setObjectName("address_line")
        self.city = QLineEdit()
        self.postal_code = QLineEdit()
        self.block = QComboBox()
        self.block.addItem("(no block)", None)
        for block_id, name in blocks:
            self.block.addItem(name, block_id)
        self.pets = QLineEdit()
        self.pets.setObjectName("pets")
        self.concerns = QPlainTextEdit()
        self.concerns.setObjectName("special_concerns")
        self.concerns.setFixedHeight(50)
        self.errors.add_row(form, "Street address", "address_line", self.address)
        self.errors.add_row(form, "City", "city", self.city)
        self.errors.add_row(form, "Postal code", "postal_code", self.postal_code)
        self.errors.add_row(form, "Block", "block_id", self.block)
        self.errors.add_row(form, "Pets", "pets", self.pets)
        self.errors.add_row(form, "Special concerns", "special_concerns", self.concerns)
        if household is not None:
            self.address.setText(household.address_line)
            self.city.setText(household.city)
            self.postal_code.setText(household.postal_code)
            self.block.setCurrentIndex(max(self.block.findData(household.block_id), 0))
            self.pets.setText(household.pets)
            self.concerns.setPlainText(household.special_concerns)
        self._household = household
        self.entry_fields: list[QLineEdit] = []  # a vehicle's or an away window's, to Add

        self.pending = QLabel()
        self.pending.setObjectName("pending_rows")
        self.pending.setStyleSheet("color: #b00020;")
        self.pending.setWordWrap(True)
        self.pending.hide()
        body = QVBoxLayout()
        body.addLayout(form)
        if add_vehicle is not None and remove_vehicle is not None:
            body.addWidget(self._vehicle_box(vehicles, add_vehicle, remove_vehicle))
        if add_vacation is not None and remove_vacation is not None:
            body.addWidget(self._vacation_box(vacations, add_vacation, remove_vacation))
        body.addWidget(self.pending)
        self.set_body(body, save_cancel(self, self.submit))

    def _vehicle_box(
        self,
        vehicles: Sequence[VehicleLine],
        add: Callable[[VehicleInput], VehicleLine | None],
        remove: Callable[[int], None],
    ) -> QGroupBox:
        box = QGroupBox("Known vehicles")
        self.vehicle_list = QListWidget()
        self.vehicle_list.setObjectName("vehicles")
        for vehicle in vehicles:
            self._add_item(self.vehicle_list, vehicle.id, vehicle.describe())
        entry = QHBoxLayout()
        self.vehicle_fields = {}
        for name, hint in (
            ("colour", "Colour"),
            ("make", "Make"),
            ("model", "Model"),
            ("plate", "Plate"),
            ("plate_state", "State"),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"vehicle_{name}")
            edit.setPlaceholderText(hint)
            self.vehicle_fields[name] = edit
            entry.addWidget(edit)

        def on_add() -> None:
            line = add(VehicleInput(**{k: e.text() for k, e in self.vehicle_fields.items()}))
            if line is not None:
                self._add_item(self.vehicle_list, line.id, line.describe())
                for edit in self.vehicle_fields.values():
                    edit.clear()

        box = self._list_box(box, self.vehicle_list, entry, on_add, remove, "add_vehicle")
        self.enter_clicks(self._add_button(box, "add_vehicle"), *self.vehicle_fields.values())
        self.entry_fields.extend(self.vehicle_fields.values())
        return box

    def _vacation_box(
        self,
        vacations: Sequence[VacationLine],
        add: Callable[[VacationInput], VacationLine | None],
        remove: Callable[[int], None],
    ) -> QGroupBox:
        box = QGroupBox("Away (house-watch checks)")
        self.vacation_list = QListWidget()
        self.vacation_list.setObjectName("vacations")
        for window in vacations:
            self._add_item(self.vacation_list, window.id, _describe_vacation(window))
        entry = QHBoxLayout()
        self.vacation_from = QLineEdit()
        self.vacation_from.setObjectName("vacation_from")
        self.vacation_from.setPlaceholderText("From (date)")
        self.vacation_to = QLineEdit()
        self.vacation_to.setObjectName("vacation_to")
        self.vacation_to.setPlaceholderText("To (date)")
        self.vacation_notes = QLineEdit()
        self.vacation_notes.setPlaceholderText("What to check (mail, lights, …)")
        for edit in (self.vacation_from, self.vacation_to, self.vacation_notes):
            entry.addWidget(edit)

        def on_add() -> None:
            line = add(
                VacationInput(
                    self.vacation_from.text(), self.vacation_to.text(), self.vacation_notes.text()
                )
            )
            if line is not None:
                self._add_item(self.vacation_list, line.id, _describe_vacation(line))
                for edit in (self.vacation_from, self.vacation_to, self.vacation_notes):
                    edit.clear()

        box = self._list_box(box, self.vacation_list, entry, on_add, remove, "add_vacation")
        fields = (self.vacation_from, self.vacation_to, self.vacation_notes)
        self.enter_clicks(self._add_button(box, "add_vacation"), *fields)
        self.entry_fields.extend(fields)
        return box

    @staticmethod
    def _add_button(box: QGroupBox, name: str) -> QPushButton:
        button = box.findChild(QPushButton, name)
        assert isinstance(button, QPushButton)
        return button

    @staticmethod
    def _add_item(target: QListWidget, record_id: int, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(256, record_id)
        target.addItem(item)

    @staticmethod
    def _list_box(
        box: QGroupBox,
        items: QListWidget,
        entry: QHBoxLayout,
        on_add: Callable[[], None],
        remove: Callable[[int], None],
        name: str,
    ) -> QGroupBox:
        add_button = QPushButton("Add")
        add_button.setObjectName(name)
        add_button.clicked.connect(on_add)
        entry.addWidget(add_button)
        remove_button = QPushButton("Remove selected")

        def on_remove() -> None:
            item = items.currentItem()
            if item is not None:
                remove(int(item.data(256)))
                items.takeItem(items.row(item))

        remove_button.clicked.connect(on_remove)
        column = QVBoxLayout(box)
        column.addWidget(items)
        column.addLayout(entry)
        column.addWidget(remove_button)
        items.setMaximumHeight(90)
        # Added and removed at once: the list is stored already, not a change to save.
        items.setProperty(NOT_FORM, True)
        return box

    def current_input(self) -> HouseholdInput:
        base = self._household
        return HouseholdInput(
            address_line=self.address.text(),
            unit=base.unit if base else "",
            city=self.city.text(),
            postal_code=self.postal_code.text(),
            latitude=base.latitude if base else None,
            longitude=base.longitude if base else None,
            block_id=self.block.currentData(),
            pets=self.pets.text(),
            special_concerns=self.concerns.toPlainText(),
            notes=base.notes if base else "",
        )

    def _unadded(self) -> list[QLineEdit]:
        """Fields of a vehicle or an away window typed but not yet added."""
        return [edit for edit in self.entry_fields if edit.text().strip()]

    def submit(self) -> None:
        unadded = self._unadded()
        self.pending.setVisible(bool(unadded))
        if unadded:
            self.pending.setText("Press Add to keep what is typed below, or clear it first.")
            unadded[0].setFocus()
            return
        data = self.current_input()
        if self.errors.valid(clean_household, data):
            self.result_input = data
            self.accept()


def _describe_vacation(window: VacationLine) -> str:
    text = shown_period(window.starts_on, window.ends_on)
    return f"{text}: {window.check_instructions}" if window.check_instructions else text

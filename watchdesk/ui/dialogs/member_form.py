"""Add or edit a member: inline messages next to each field, consent flags in plain sight,
and a warning (not a refusal) when the member looks like someone already on the roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.entities import MemberInput, clean_member
from watchdesk.core.validation import PhoneDefaults
from watchdesk.core.vocabulary import MEMBER_ROLES, MemberRole
from watchdesk.services.duplicates import PossibleDuplicate
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, OptionalDate

Choice = tuple[int, str]
FindDuplicates = Callable[[MemberInput], list[PossibleDuplicate]]

CONSENTS = (
    ("consent_share_with_precinct", "Share contact details with the precinct"),
    ("consent_phone_tree", "Appear in the phone tree"),
    ("consent_printed_roster", "Appear in the printed roster"),
    ("consent_named_in_reports", "Be named (not just by role) in reports"),
)


def _combo(name: str, choices: Sequence[Choice], none_label: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(none_label, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    position = combo.findData(value)
    combo.setCurrentIndex(max(position, 0))


class MemberDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        blocks: Sequence[Choice],
        households: Sequence[Choice],
        find_duplicates: FindDuplicates,
        member: MemberInput | None = None,
        phones: PhoneDefaults | None = None,
    ) -> None:
        """``phones``: the group's phone settings (a 7-digit number takes its area code)."""
        super().__init__(parent)
        self.phones = phones or PhoneDefaults()
        self.setWindowTitle("Edit member" if member else "Add member")
        self.find_duplicates = find_duplicates
        self.result_input: MemberInput | None = None
        self._duplicates_shown_for: MemberInput | None = None

        self.edits: dict[str, QLineEdit] = {}
        self.errors = FieldErrors()
        form = QFormLayout()
        for field, caption, hint in (
            ("given_name", "First name", ""),
            ("family_name", "Last name", ""),
            ("preferred_name", "Preferred name", "optional"),
            ("email", "Email", "name@example.org"),
            ("phone_mobile", "Mobile phone", "(503) 555-0123"),
            ("phone_home", "Home phone", ""),
            ("phone_work", "Work phone", ""),
            ("joined_on", "Joined", ""),
            ("languages", "Languages", "e.g. English, Spanish"),
            ("emergency_contact_name", "Emergency contact", ""),
            ("emergency_contact_phone", "Emergency phone", ""),
        ):
            if field == "joined_on":  # a date edit in the one date style, may stay unrecorded
                self.joined = OptionalDate("joined_on", dt.date.today())
                self.errors.add_row(form, caption, field, self.joined)
                continue
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setPlaceholderText(hint)
            self.edits[field] = edit
            self.errors.add_row(form, caption, field, edit)
            if field == "family_name":
                self.role = QComboBox()
                self.role.setObjectName("role")
                for code, text in MEMBER_ROLES.items():
                    self.role.addItem(text, code)
                _select(self.role, MemberRole.MEMBER)  # a new member is not a coordinator
                self.errors.add_row(form, "Role", "role", self.role)
        self.block = _combo("block", blocks, "(no block)")
        self.errors.add_row(form, "Block", "block_id", self.block)
        self.household = _combo("household", households, "(no household)")
        self.errors.add_row(form, "Household", "household_id", self.household)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(60)
        self.errors.add_row(form, "Notes", "notes", self.notes)

        consent_box = QGroupBox("Consent (every report and export obeys these)")
        consent_layout = QVBoxLayout(consent_box)
        self.consents: dict[str, QCheckBox] = {}
        for field, caption in CONSENTS:
            box = QCheckBox(caption)
            box.setObjectName(field)
            self.consents[field] = box
            consent_layout.addWidget(box)

        self.duplicates = QLabel()
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #8a5300;")
        self.duplicates.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("save")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.adopt_buttons(self.buttons)

        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addWidget(consent_box, 2)
        body = QVBoxLayout()
        body.addLayout(columns)
        body.addWidget(self.duplicates)
        self.set_body(body, self.buttons)
        if member is not None:
            self.load(member)

    def load(self, member: MemberInput) -> None:
        for field, edit in self.edits.items():
            value = getattr(member, field)
            edit.setText(value.isoformat() if isinstance(value, dt.date) else value or "")
        joined = member.joined_on
        self.joined.set_value(dt.date.fromisoformat(joined) if isinstance(joined, str) else joined)
        _select(self.role, member.role)
        _select(self.block, member.block_id)
        _select(self.household, member.household_id)
        self.notes.setPlainText(member.notes)
        for field, box in self.consents.items():
            box.setChecked(bool(getattr(member, field)))

    def current_input(self) -> MemberInput:
        texts: dict[str, Any] = {field: edit.text() for field, edit in self.edits.items()}
        joined = self.joined.value()
        consents: dict[str, Any] = {field: box.isChecked() for field, box in self.consents.items()}
        return MemberInput(
            **texts,
            joined_on=joined,
            role=str(self.role.currentData()),
            block_id=self.block.currentData(),
            household_id=self.household.currentData(),
            notes=self.notes.toPlainText(),
            **consents,
        )

    def submit(self) -> None:
        data = self.current_input()
        if not self.errors.valid(lambda typed: clean_member(typed, self.phones), data):
            return
        if self._duplicates_shown_for != data:
            found = self.find_duplicates(data)
            if found:
                lines = "\n".join(f"• {d.name} ({d.reason})" for d in found)
                self.duplicates.setText(
                    f"This may be someone already on the roster:\n{lines}\n"
                    "Press Save again to keep both, or Cancel and merge them from the list."
                )
                self.duplicates.show()
                self.save_button.setText("Save anyway")
                self._duplicates_shown_for = data
                return
        self.result_input = data
        self.accept()

"""Never lose what a user typed: Enter saves (through the dialog's own checks), Esc, Cancel and
the close button ask Save / Discard / Cancel when something changed, and every dialog's default
button is its Save or OK, driven through real widgets and keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from watchdesk.core.entities import ShiftDraft
from watchdesk.db.engine import Database
from watchdesk.exchange.bundle_import import ImportSummary
from watchdesk.services.households import VehicleInput
from watchdesk.services.member_directory import VehicleLine
from watchdesk.services.patrol_log import LogInput, PatrolLogView
from watchdesk.services.patrols import AssignmentLine
from watchdesk.services.phone_trees import phone_tree
from watchdesk.ui import unsaved
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs import base
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.dialogs.block_form import BlockDialog
from watchdesk.ui.dialogs.bundle import BundleExportDialog, BundlePreviewDialog
from watchdesk.ui.dialogs.guide import GuideDialog
from watchdesk.ui.dialogs.household import HouseholdDialog
from watchdesk.ui.dialogs.map_pick import DrawBoundaryDialog, PickPointDialog
from watchdesk.ui.dialogs.meeting import MeetingDialog
from watchdesk.ui.dialogs.member_form import MemberDialog
from watchdesk.ui.dialogs.observation_form import ObservationDialog
from watchdesk.ui.dialogs.patrol_log import PatrolLogDialog
from watchdesk.ui.dialogs.phone_tree import PhoneTreeDialog
from watchdesk.ui.dialogs.preferences import Preferences, PreferencesDialog
from watchdesk.ui.dialogs.restore import RestoreDialog
from watchdesk.ui.dialogs.roster_import import RosterImportDialog
from watchdesk.ui.dialogs.shift_editor import ShiftEditor
from watchdesk.ui.dialogs.shortcuts import ShortcutsDialog
from watchdesk.ui.dialogs.suggestions import SuggestionsDialog
from watchdesk.ui.dialogs.training import CourseDialog, SessionDialog
from watchdesk.ui.screens import available_area
from watchdesk.ui.tasks import TaskRunner

Answer = QMessageBox.StandardButton
REAL_QUESTION = unsaved.ask  # the one question, before any test replaces it


class Asked:
    """Stands in for the Save / Discard / Cancel question: counts the questions and answers
    with ``answer``."""

    def __init__(self) -> None:
        self.answer = Answer.Cancel
        self.times = 0

    def __call__(self, parent: object) -> QMessageBox.StandardButton:
        self.times += 1
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Asked]:
    question = Asked()
    monkeypatch.setattr(base, "ask_unsaved", question)
    yield question


def member_dialog(qtbot: QtBot) -> MemberDialog:
    dialog = MemberDialog(None, [(1, "Block 1")], [(7, "12 Elm St")], lambda data: [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def field(dialog: QDialog, name: str) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, name)
    assert isinstance(edit, QLineEdit), name
    return edit


def type_name(qtbot: QtBot, dialog: QDialog, given: str = "Ann", family: str = "Lee") -> None:
    qtbot.keyClicks(field(dialog, "given_name"), given)
    qtbot.keyClicks(field(dialog, "family_name"), family)


def test_enter_in_a_one_line_field_saves_what_was_typed(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "email"), "ann@example.org")
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.result_input is not None
    assert (dialog.result_input.given_name, dialog.result_input.family_name) == ("Ann", "Lee")
    assert dialog.result_input.email == "ann@example.org"
    assert asked.times == 0


def test_enter_on_an_invalid_form_keeps_it_open_with_the_message(
    qtbot: QtBot, asked: Asked
) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "email"), "ann@@example")
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible() and dialog.result_input is None
    error = dialog.findChild(QLabel, "error_email")
    assert error is not None and not error.isHidden() and error.text()
    assert field(dialog, "given_name").text() == "Ann"
    assert field(dialog, "email").text() == "ann@@example"


def test_enter_in_the_notes_is_a_new_line(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    notes = dialog.findChild(QPlainTextEdit, "notes")
    qtbot.keyClicks(notes, "first")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "second")
    assert dialog.isVisible()
    assert notes.toPlainText() == "first\nsecond"


def test_esc_with_changes_asks_and_each_answer_does_what_it_says(
    qtbot: QtBot, asked: Asked
) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)

    asked.answer = Answer.Cancel
    qtbot.keyClick(field(dialog, "family_name"), Qt.Key.Key_Escape)
    assert asked.times == 1
    assert dialog.isVisible() and dialog.result_input is None
    assert (field(dialog, "given_name").text(), field(dialog, "family_name").text()) == (
        "Ann",
        "Lee",
    )

    # Save goes through the form's checks: a bad e-mail keeps the dialog open, nothing lost.
    qtbot.keyClicks(field(dialog, "email"), "ann@@example")
    asked.answer = Answer.Save
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Escape)
    assert asked.times == 2
    assert dialog.isVisible() and dialog.result_input is None
    assert field(dialog, "email").text() == "ann@@example"

    field(dialog, "email").clear()
    qtbot.keyClick(field(dialog, "email"), Qt.Key.Key_Escape)
    assert asked.times == 3
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.result_input is not None and dialog.result_input.given_name == "Ann"


def test_esc_then_discard_rejects(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    asked.answer = Answer.Discard
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 1
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.result_input is None


def test_esc_without_changes_closes_at_once(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 0
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_typing_back_what_was_there_is_no_change(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    qtbot.keyClicks(field(dialog, "given_name"), "A")
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Backspace)
    qtbot.keyClick(field(dialog, "given_name"), Qt.Key.Key_Escape)
    assert asked.times == 0 and not dialog.isVisible()


def test_cancel_button_with_changes_asks(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    asked.answer = Answer.Cancel
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert asked.times == 1 and dialog.isVisible()
    asked.answer = Answer.Discard
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert asked.times == 2 and not dialog.isVisible()
    assert dialog.result_input is None


def test_close_button_with_changes_asks(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    dialog.findChild(QLineEdit, "email").setFocus()
    asked.answer = Answer.Cancel
    assert not dialog.close()
    assert asked.times == 1 and dialog.isVisible()
    assert field(dialog, "family_name").text() == "Lee"
    asked.answer = Answer.Save
    assert dialog.close()
    assert asked.times == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_input is not None and dialog.result_input.family_name == "Lee"


def test_the_real_question_is_qts_save_discard_cancel(qtbot: QtBot) -> None:
    dialog = member_dialog(qtbot)
    type_name(qtbot, dialog)
    seen: list[object] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.standardButtons())
        seen.append(box.defaultButton() is box.button(Answer.Save))
        box.button(Answer.Cancel).click()

    QTimer.singleShot(0, answer)
    assert REAL_QUESTION(dialog, "your changes") == Answer.Cancel
    assert seen == [Answer.Save | Answer.Discard | Answer.Cancel, True]
    assert dialog.isVisible() and field(dialog, "given_name").text() == "Ann"


def test_close_button_without_changes_closes_at_once(qtbot: QtBot, asked: Asked) -> None:
    dialog = member_dialog(qtbot)
    assert dialog.close()
    assert asked.times == 0 and dialog.result() == QDialog.DialogCode.Rejected


# -- every dialog ---------------------------------------------------------------------------


def make_dialog(kind: str, db: Database, group_id: int, tmp_path: Path) -> FormDialog:
    """Each dialog under watchdesk/ui/dialogs with the least it needs to open."""
    today = dt.date(2026, 11, 21)
    now = dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC)
    tz = "America/Los_Angeles"
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    page = tmp_path / "map.html"
    page.write_text("<html><body>map</body></html>")
    if kind == "BundleExportDialog":
        return BundleExportDialog(None, "Elm Street Watch", today)
    if kind == "BundlePreviewDialog":
        summary = ImportSummary("uuid", "Elm Street Watch", "full", (None, None), "now", "test")
        return BundlePreviewDialog(None, "elm.wdbundle", summary)
    if kind == "HouseholdDialog":
        return HouseholdDialog(
            None,
            [(1, "Block 1")],
            None,
            add_vehicle=lambda vehicle: None,
            remove_vehicle=lambda record_id: None,
            add_vacation=lambda window: None,
            remove_vacation=lambda record_id: None,
        )
    if kind == "PickPointDialog":
        return PickPointDialog(None, page, context.tile_url, context.tile_referer)
    if kind == "DrawBoundaryDialog":
        return DrawBoundaryDialog(None, page, context.tile_url, context.tile_referer)
    if kind == "MeetingDialog":
        return MeetingDialog(None, tz, today)
    if kind == "MemberDialog":
        return MemberDialog(None, [(1, "Block 1")], [(7, "12 Elm St")], lambda data: [])
    if kind == "ObservationDialog":
        return ObservationDialog(None, tz, now, [(1, "Block 1")], [(3, "Ann Lee")], lambda p: "")
    if kind == "PatrolLogDialog":
        view = PatrolLogView(shift_id=1, log_id=None, data=LogInput(), entries=(), observations=())
        line = AssignmentLine(1, 3, "Ann Lee", "scheduled", None)
        return PatrolLogDialog(
            None, "Fri Nov 21, 20:00", ZoneInfo(tz), now, now + dt.timedelta(hours=2), view,
            [line], lambda assignment_id, status: None,
        )  # fmt: skip
    if kind == "PhoneTreeDialog":
        return PhoneTreeDialog(None, context, [])
    if kind == "RestoreDialog":
        return RestoreDialog(None, tmp_path / "watch.wdb", context.operations)
    if kind == "RosterImportDialog":
        return RosterImportDialog(None, context)
    if kind == "ShiftEditor":
        start = ShiftDraft(today, dt.time(20), dt.time(22))
        return ShiftEditor(None, [(1, "Block 1")], [(5, "Basics")], lambda draft: [], start)
    if kind == "SuggestionsDialog":
        return SuggestionsDialog(None, [], ZoneInfo(tz))  # type: ignore[arg-type]
    if kind == "CourseDialog":
        return CourseDialog(None)
    if kind == "SessionDialog":
        return SessionDialog(None, tz, today)
    if kind == "BlockDialog":
        return BlockDialog(None, None, lambda corners: None)
    if kind == "GuideDialog":
        return GuideDialog(None)
    if kind == "ShortcutsDialog":
        return ShortcutsDialog(None, [("Ctrl+Z", "Undo"), ("F1", "User guide")])
    if kind == "PreferencesDialog":
        return PreferencesDialog(None, Preferences(area_code="503"), has_group=True)
    raise AssertionError(f"no way to open {kind}: add it here")


def dialog_classes() -> list[str]:
    """Every concrete dialog class defined in watchdesk/ui/dialogs/."""
    import importlib
    import pkgutil

    import watchdesk.ui.dialogs as package

    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, QDialog)
                and value.__module__ == module.__name__
                and not name.startswith("_")
                and value is not FormDialog
            ):
                found.add(name)
    return sorted(found)


ALL_DIALOGS = dialog_classes()


def test_every_dialog_is_covered() -> None:
    assert len(ALL_DIALOGS) >= 16  # fourteen modules; training and map_pick have two each
    assert {"MemberDialog", "ShiftEditor", "PhoneTreeDialog", "RestoreDialog"} <= set(ALL_DIALOGS)


@pytest.mark.parametrize("kind", ALL_DIALOGS)
def test_save_or_ok_is_the_only_default_and_the_buttons_fit_a_small_screen(
    qtbot: QtBot, kind: str, db: Database, group_id: int, tmp_path: Path, asked: Asked
) -> None:
    dialog = make_dialog(kind, db, group_id, tmp_path)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FormDialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    boxes = dialog.findChildren(QDialogButtonBox)
    assert len(boxes) == 1, "one button box, its accept button the default"
    box = boxes[0]
    accept = [
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    ]
    assert accept and accept[0] is dialog.accept_button()
    assert accept[0].isDefault() and accept[0].autoDefault()
    for button in dialog.findChildren(QPushButton):
        if button is not accept[0]:
            assert not button.autoDefault(), f"{button.text()!r} would take Enter"
            assert not button.isDefault(), button.text()

    screen = available_area(dialog)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()

    dialog.resize(dialog.sizeHint().boundedTo(QSize(1024, 560)))
    qtbot.wait(1)
    assert dialog.minimumSizeHint().height() <= 560 and dialog.minimumSizeHint().width() <= 1024
    assert dialog.height() <= 600 and dialog.width() <= 1024
    corner = box.mapTo(dialog, QPoint(box.width() - 1, box.height() - 1))
    assert QRect(0, 0, 1024, 600).contains(box.mapTo(dialog, QPoint(0, 0)))
    assert QRect(0, 0, 1024, 600).contains(corner)
    assert dialog.rect().contains(corner), "the buttons are inside the window"

    # Nothing typed: Esc closes without asking.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.times == 0
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def inside_the_screen(dialog: QDialog, box: QWidget) -> None:
    """The dialog, its frame and title bar, and its buttons lie inside a 1024x600 screen."""
    screen = QRect(0, 0, 1024, 600)
    assert dialog.width() + 16 <= screen.width() and dialog.height() + 48 <= screen.height()
    corner = box.mapTo(dialog, QPoint(box.width() - 1, box.height() - 1))
    assert dialog.rect().contains(box.mapTo(dialog, QPoint(0, 0)))
    assert dialog.rect().contains(corner), "the buttons are inside the window"


@pytest.mark.parametrize("kind", ALL_DIALOGS)
def test_each_dialog_opens_at_its_own_size_inside_a_1024x600_screen(
    qtbot: QtBot,
    kind: str,
    db: Database,
    group_id: int,
    tmp_path: Path,
    asked: Asked,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A 1024x600 laptop screen, as a dialog asks for the room it has.
    monkeypatch.setattr(FormDialog, "available_area", lambda self: QRect(0, 0, 1024, 600))
    dialog = make_dialog(kind, db, group_id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()  # no resize: the size the dialog chooses for itself on that screen
    qtbot.waitExposed(dialog)
    (box,) = dialog.findChildren(QDialogButtonBox)
    inside_the_screen(dialog, box)
    assert box.isVisible() and all(button.isVisible() for button in box.buttons())


def test_a_long_error_message_fits_a_small_screen_with_its_button_in_sight(
    qtbot: QtBot,
) -> None:
    """The app's message boxes (here an unexpected error with its log file) stay on screen."""
    from watchdesk.ui.errors import show_error

    seen: list[tuple[QSize, bool]] = []

    def look_then_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look_then_close)
            return
        (buttons,) = box.findChildren(QDialogButtonBox)
        corner = buttons.mapTo(box, QPoint(buttons.width() - 1, buttons.height() - 1))
        seen.append((box.size(), box.rect().contains(corner)))
        box.done(0)

    words = " ".join(f"column_{n} of table observation_follow_up" for n in range(40))
    error = RuntimeError(f"(sqlite3.OperationalError) no such column: {words}")
    QTimer.singleShot(0, look_then_close)
    show_error(None, error, log_path="/home/coordinator/.local/state/WatchDesk/log/watchdesk.log")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    size, buttons_inside = seen[0]
    assert size.width() + 16 <= 1024 and size.height() + 48 <= 600, size
    assert buttons_inside


TYPED_FIELDS = {
    "BundleExportDialog": None,  # nothing to type: choices only
    "BundlePreviewDialog": None,
    "CourseDialog": "course_title",
    "DrawBoundaryDialog": None,
    "HouseholdDialog": "pets",
    "MeetingDialog": "meeting_title",
    "MemberDialog": "given_name",
    "ObservationDialog": "address_text",
    "PatrolLogDialog": "log_hazards",
    "PhoneTreeDialog": "drill_notes",
    "PickPointDialog": None,
    "RestoreDialog": None,
    "RosterImportDialog": None,
    "SessionDialog": "session_place",
    "ShiftEditor": "shift_route",
    "SuggestionsDialog": None,
    "BlockDialog": "block_name",
    "GuideDialog": None,  # read only: its search box is no change
    "ShortcutsDialog": None,
    "PreferencesDialog": "tile_folder",
}


@pytest.mark.parametrize("kind", [k for k in ALL_DIALOGS if TYPED_FIELDS.get(k)])
def test_typing_then_esc_asks_and_cancel_keeps_the_text(
    qtbot: QtBot, kind: str, db: Database, group_id: int, tmp_path: Path, asked: Asked
) -> None:
    dialog = make_dialog(kind, db, group_id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = field(dialog, str(TYPED_FIELDS[kind]))
    qtbot.keyClicks(edit, "typed by hand")
    asked.answer = Answer.Cancel
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert asked.times == 1 and dialog.isVisible()
    assert edit.text().endswith("typed by hand")
    asked.answer = Answer.Discard
    assert dialog.close()
    assert asked.times == 2 and dialog.result() == QDialog.DialogCode.Rejected


def test_every_dialog_is_listed_for_typing() -> None:
    assert set(ALL_DIALOGS) == set(TYPED_FIELDS)


# -- rows with their own Add, tables, and dialogs that act at once --------------------------


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_in_a_vehicle_field_adds_it_and_save_refuses_one_not_added(
    qtbot: QtBot, asked: Asked
) -> None:
    added: list[VehicleInput] = []

    def add_vehicle(vehicle: VehicleInput) -> VehicleLine:
        added.append(vehicle)
        return VehicleLine(len(added), vehicle.colour, vehicle.make, "", vehicle.plate, "")

    dialog = HouseholdDialog(
        None, [], None, add_vehicle=add_vehicle, remove_vehicle=lambda record_id: None
    )
    shown(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "vehicle_colour"), "Red")
    qtbot.keyClicks(field(dialog, "vehicle_plate"), "7ABC12")
    qtbot.keyClick(field(dialog, "vehicle_plate"), Qt.Key.Key_Return)
    assert [(v.colour, v.plate) for v in added] == [("Red", "7ABC12")]
    assert dialog.isVisible() and field(dialog, "vehicle_plate").text() == ""
    assert dialog.vehicle_list.count() == 1

    qtbot.keyClicks(field(dialog, "address_line"), "12 Elm St")
    qtbot.keyClicks(field(dialog, "vehicle_make"), "Honda")
    qtbot.keyClick(field(dialog, "address_line"), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_input is None
    assert dialog.pending.isVisible() and "Add" in dialog.pending.text()
    assert field(dialog, "vehicle_make").text() == "Honda"
    field(dialog, "vehicle_make").clear()
    qtbot.keyClick(field(dialog, "address_line"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_input is not None and dialog.result_input.address_line == "12 Elm St"
    assert asked.times == 0


def test_a_vehicle_added_at_once_is_not_a_change_to_ask_about(qtbot: QtBot, asked: Asked) -> None:
    def add_vehicle(vehicle: VehicleInput) -> VehicleLine:
        return VehicleLine(1, vehicle.colour, "", "", "", "")

    dialog = HouseholdDialog(
        None, [], None, add_vehicle=add_vehicle, remove_vehicle=lambda record_id: None
    )
    shown(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "vehicle_colour"), "Red")
    qtbot.keyClick(field(dialog, "vehicle_colour"), Qt.Key.Key_Enter)
    assert dialog.vehicle_list.count() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.times == 0 and not dialog.isVisible()


def patrol_log_dialog(act: object) -> PatrolLogDialog:
    now = dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC)
    view = PatrolLogView(shift_id=1, log_id=None, data=LogInput(), entries=(), observations=())
    line = AssignmentLine(1, 3, "Ann Lee", "scheduled", None)
    return PatrolLogDialog(
        None, "Fri", ZoneInfo("UTC"), now, now + dt.timedelta(hours=2), view, [line], act
    )  # type: ignore[arg-type]


def test_enter_in_a_timed_note_adds_it_and_the_note_is_a_change(qtbot: QtBot, asked: Asked) -> None:
    dialog = shown(qtbot, patrol_log_dialog(lambda assignment_id, status: None))
    qtbot.keyClicks(field(dialog, "log_entry_place"), "Queens St")
    qtbot.keyClicks(field(dialog, "log_entry_note"), "All quiet")
    qtbot.keyClick(field(dialog, "log_entry_note"), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.entries.rowCount() == 1
    assert field(dialog, "log_entry_note").text() == ""

    # A note typed but not added: Save says so and keeps it.
    qtbot.keyClicks(field(dialog, "log_entry_note"), "Light out at 14")
    dialog.accept_button().click()
    assert dialog.isVisible() and dialog.unadded.isVisible()
    assert field(dialog, "log_entry_note").text() == "Light out at 14"

    field(dialog, "log_entry_note").clear()
    asked.answer = Answer.Save
    qtbot.keyClick(field(dialog, "log_hazards"), Qt.Key.Key_Escape)
    assert asked.times == 1
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.result_edit is not None
    assert [note for _when, _place, note in dialog.result_edit.new_entries] == ["All quiet"]


def test_a_check_in_written_at_once_is_not_a_change_to_ask_about(
    qtbot: QtBot, asked: Asked
) -> None:
    started = dt.datetime(2026, 11, 21, 20, 3, tzinfo=dt.UTC)

    def act(assignment_id: int, status: str) -> tuple[list[AssignmentLine], LogInput]:
        line = AssignmentLine(assignment_id, 3, "Ann Lee", status, None)
        return [line], LogInput(actual_start=started)

    dialog = shown(qtbot, patrol_log_dialog(act))
    dialog.people.selectRow(0)
    qtbot.mouseClick(dialog.action_buttons["checked_in"], Qt.MouseButton.LeftButton)
    assert dialog.actual_start.recorded.isChecked()
    qtbot.keyClick(field(dialog, "log_hazards"), Qt.Key.Key_Escape)
    assert asked.times == 0 and not dialog.isVisible()


def test_enter_in_a_follow_up_cell_ends_the_edit_not_the_dialog(qtbot: QtBot, asked: Asked) -> None:
    now = dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC)
    dialog = ObservationDialog(None, "UTC", now, [], [], lambda plate: "")
    shown(qtbot, dialog)
    dialog.tabs.setCurrentIndex(3)
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_follow_up"), Qt.MouseButton.LeftButton)
    table = dialog.follow_ups
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "Call the city about the light")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "Call the city about the light")
    assert dialog.isVisible() and dialog.result_input is None
    asked.answer = Answer.Cancel
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert asked.times == 1 and dialog.isVisible()


def test_phone_tree_enter_logs_the_drill_and_save_stores_a_new_order(
    qtbot: QtBot, db: Database, group_id: int, phone_block: dict[str, int], asked: Asked
) -> None:
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)
    dialog = PhoneTreeDialog(None, context, [(phone_block["block"], "Block 4")])
    shown(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "drill_notes"), "evening drill")
    qtbot.keyClick(field(dialog, "drill_notes"), Qt.Key.Key_Return)
    assert dialog.isVisible() and "reached" in dialog.drills.text()
    qtbot.keyClick(field(dialog, "drill_notes"), Qt.Key.Key_Escape)  # logged: nothing pending
    assert asked.times == 0 and not dialog.isVisible()

    dialog = PhoneTreeDialog(None, context, [(phone_block["block"], "Block 4")])
    shown(qtbot, dialog)
    before = dialog.current_order()
    dialog.order.setCurrentRow(4)
    qtbot.mouseClick(dialog.findChild(QPushButton, "move_up"), Qt.MouseButton.LeftButton)
    asked.answer = Answer.Save
    assert not dialog.isHidden()
    dialog.close()
    assert asked.times == 1 and dialog.result() == QDialog.DialogCode.Accepted
    with db.read() as session:
        stored = phone_tree(session, phone_block["block"], fan_out=dialog.fan_out.value())
    order = [line.person.member_id for line in stored.lines]
    assert order != before and order == [*before[:3], before[4], before[3]]


def test_shift_editor_enter_saves_and_the_reason_field_adds(qtbot: QtBot, asked: Asked) -> None:
    start = ShiftDraft(dt.date(2026, 11, 21), dt.time(20), dt.time(22), route="Elm loop")
    dialog = ShiftEditor(None, [], [], lambda draft: [], start)
    shown(qtbot, dialog)
    qtbot.keyClicks(field(dialog, "shift_vehicle"), "Van 2")
    qtbot.keyClick(field(dialog, "shift_vehicle"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_edit is not None and dialog.result_edit.draft.vehicle == "Van 2"


def test_bundle_export_choice_is_a_change_and_cancel_asks(qtbot: QtBot, asked: Asked) -> None:
    dialog = shown(qtbot, BundleExportDialog(None, "Elm Street Watch", dt.date(2026, 11, 21)))
    dialog.full.setChecked(True)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    asked.answer = Answer.Discard
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert asked.times == 1 and dialog.result() == QDialog.DialogCode.Rejected


def test_suggestions_close_without_asking_and_enter_assigns(qtbot: QtBot, asked: Asked) -> None:
    dialog = shown(qtbot, SuggestionsDialog(None, [], ZoneInfo("UTC")))  # type: ignore[arg-type]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and asked.times == 0


def test_roster_columns_as_guessed_are_no_change_but_a_changed_one_is(
    qtbot: QtBot, db: Database, group_id: int, tmp_path: Path, asked: Asked
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text('Name,E-mail\n"Lee, Bo",bo@example.org\n')
    context = AppContext(db=db, runner=TaskRunner(synchronous=True), group_id=group_id)

    dialog = RosterImportDialog(None, context)
    assert dialog.load(roster)
    shown(qtbot, dialog)
    qtbot.keyClick(dialog.mapping, Qt.Key.Key_Escape)
    assert asked.times == 0 and not dialog.isVisible()

    dialog = RosterImportDialog(None, context)
    assert dialog.load(roster)
    shown(qtbot, dialog)
    combo = dialog.mapping.cellWidget(1, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(0)  # (ignore) the e-mail column
    asked.answer = Answer.Cancel
    qtbot.keyClick(dialog.mapping, Qt.Key.Key_Escape)
    assert asked.times == 1 and dialog.isVisible()


@pytest.mark.parametrize("kind", [k for k, field in TYPED_FIELDS.items() if field is not None])
def test_typing_at_once_lands_in_the_first_field(
    qtbot: QtBot, kind: str, db: Database, group_id: int, tmp_path: Path, asked: Asked
) -> None:
    """A form just opened has its first field focused: keys typed at once are not lost."""
    dialog = make_dialog(kind, db, group_id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    focused = dialog.focusWidget()  # what has the keyboard once the window is active
    assert focused is not None
    assert not isinstance(focused, QAbstractButton | QScrollArea), focused
    assert base.editor_value(focused) is not None, f"{focused} is not a field"
    if isinstance(focused, QLineEdit):
        qtbot.keyClicks(focused, "503")  # digits: every first field takes them
        assert "503" in focused.text()

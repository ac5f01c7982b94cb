"""Edit > Preferences: the group's phone settings (stored in the file, an undoable edit) and
this computer's choices (map tiles, backups, language, report defaults; in QSettings)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.validation import (
    ErrorCollector,
    ValidationError,
    check_area_code,
    check_phone_region,
)
from watchdesk.ui.context import DEFAULT_TILE_URL
from watchdesk.ui.dialogs.base import FormDialog
from watchdesk.ui.forms import FieldErrors, named_button
from watchdesk.ui.settings import Settings

if TYPE_CHECKING:
    from watchdesk.services.rows import GroupRow
    from watchdesk.ui.context import AppContext

LANGUAGE_NOTE = "More languages are coming: Spanish is next. Until then WatchDesk speaks English."


@dataclass(frozen=True)
class Preferences:
    """What the dialog shows and gives back."""

    area_code: str = ""
    phone_region: str = "US"
    tile_url: str = DEFAULT_TILE_URL
    tile_folder: str = ""
    backup_minutes: int = 10
    report_internal: bool = False
    report_folder: str = ""


def current_preferences(settings: Settings, group: GroupRow | None) -> Preferences:
    reports = settings.report_choices()
    folder = settings.tile_folder()
    return Preferences(
        area_code=(group.area_code or "") if group else "",
        phone_region=group.phone_region if group else "US",
        tile_url=settings.tile_url(),
        tile_folder=str(folder) if folder else "",
        backup_minutes=settings.backup_minutes(),
        report_internal=reports.get("internal") == "yes",
        report_folder=reports.get("folder", ""),
    )


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid);")
    return label


class PreferencesDialog(FormDialog):
    def __init__(self, parent: QWidget | None, shown: Preferences, has_group: bool) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.shown = shown
        self.result_preferences: Preferences | None = None
        self.errors = FieldErrors()
        body = QVBoxLayout()

        phones, form = self._section("Phone numbers", "phones")
        self.area_code = self._line("area_code", shown.area_code, "e.g. 503")
        self.area_code.setMaxLength(5)
        self.errors.add_row(form, "Area code", "area_code", self.area_code)
        self.phone_region = self._line("phone_region", shown.phone_region, "US")
        self.phone_region.setMaxLength(2)
        self.errors.add_row(form, "Country", "phone_region", self.phone_region)
        form.addRow(
            _note(
                "A number typed with 7 digits (555-0123) takes this area code. Without one, "
                "such numbers are refused. Saved in this file for the whole group."
                if has_group
                else "Open a file with a watch group to set its area code."
            )
        )
        phones.setEnabled(has_group)
        body.addWidget(phones)

        tiles, form = self._section("Map tiles", "tiles")
        self.tile_url = self._line("tile_url", shown.tile_url, DEFAULT_TILE_URL)
        self.errors.add_row(form, "Tile address", "tile_url", self.tile_url)
        self.tile_folder = self._line("tile_folder", shown.tile_folder, "the data folder's tiles")
        self.errors.add_row(
            form, "Tile folder", "tile_folder", self._with_chooser(self.tile_folder)
        )
        form.addRow(
            _note(
                "The address maps on screen load tiles from (https only; blank for "
                "OpenStreetMap), used from the next time the file is opened. Printed maps use "
                "tiles already in the folder; WatchDesk never downloads them."
            )
        )
        body.addWidget(tiles)

        backups, form = self._section("Backups", "backups")
        self.backup_minutes = QSpinBox()
        self.backup_minutes.setObjectName("backup_minutes")
        self.backup_minutes.setRange(2, 24 * 60)
        self.backup_minutes.setSuffix(" minutes")
        self.backup_minutes.setValue(shown.backup_minutes)
        self.errors.add_row(form, "While editing, every", "backup_minutes", self.backup_minutes)
        body.addWidget(backups)

        language, form = self._section("Language", "language")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("English", "en")
        self.language.setEnabled(False)
        self.language.setToolTip(LANGUAGE_NOTE)
        self.errors.add_row(form, "Language", "language", self.language)
        body.addWidget(language)

        reports, form = self._section("Report defaults", "report_defaults")
        self.redaction = QComboBox()
        self.redaction.setObjectName("report_redaction")
        self.redaction.addItem("Standard: redacted (names and exact addresses hidden)", False)
        self.redaction.addItem("Internal copy: not redacted", True)
        self.redaction.setCurrentIndex(1 if shown.report_internal else 0)
        self.errors.add_row(form, "Precinct report", "report_redaction", self.redaction)
        self.report_folder = self._line("report_folder", shown.report_folder, str(Path.home()))
        self.errors.add_row(
            form, "Save reports in", "report_folder", self._with_chooser(self.report_folder)
        )
        body.addWidget(reports)

        self.set_body(body, self.button_box(self.submit))

    def _section(self, title: str, name: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        box.setObjectName(name)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return box, form

    def _line(self, name: str, text: str, hint: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        return edit

    def _with_chooser(self, edit: QLineEdit) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)

        def choose() -> None:
            folder = QFileDialog.getExistingDirectory(self, "Choose a folder", edit.text())
            if folder:
                edit.setText(folder)

        row.addWidget(named_button("Choose…", f"{edit.objectName()}_choose", choose))
        return holder

    def current(self) -> Preferences:
        return replace(
            self.shown,
            area_code=self.area_code.text().strip(),
            phone_region=self.phone_region.text().strip().upper() or "US",
            tile_url=self.tile_url.text().strip() or DEFAULT_TILE_URL,
            tile_folder=self.tile_folder.text().strip(),
            backup_minutes=self.backup_minutes.value(),
            report_internal=bool(self.redaction.currentData()),
            report_folder=self.report_folder.text().strip(),
        )

    def submit(self) -> None:
        chosen = self.current()
        errors = ErrorCollector()
        with errors.field("area_code"):
            check_area_code(chosen.area_code)
        with errors.field("phone_region"):
            check_phone_region(chosen.phone_region)
        if not chosen.tile_url.startswith("https://"):
            errors.add("tile_url", "Use an https:// address, or leave it blank for OpenStreetMap")
        try:
            errors.raise_if_any()
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.result_preferences = chosen
        self.accept()


def save_choices(settings: Settings, chosen: Preferences) -> None:
    """This computer's choices, into the settings."""
    settings.set_tile_url(chosen.tile_url)
    settings.set_tile_folder(Path(chosen.tile_folder) if chosen.tile_folder else None)
    settings.set_backup_minutes(chosen.backup_minutes)
    settings.set_report_choices(
        {"internal": "yes" if chosen.report_internal else "no", "folder": chosen.report_folder}
    )
    settings.sync()


def edit_preferences(parent: QWidget, settings: Settings, context: AppContext | None) -> bool:
    """Show the dialog; on Save, keep the choices and set the group's phone settings (an
    undoable edit: "Set area code 503"). True when saved."""
    from watchdesk.ops import groups as group_ops  # the data layer loads after the window

    group_id = context.group_id if context is not None else None
    group = group_ops.group(context.db, group_id) if context and group_id is not None else None
    before = current_preferences(settings, group)
    dialog = PreferencesDialog(parent, before, group is not None)
    if not dialog.exec() or dialog.result_preferences is None:
        return False
    chosen = dialog.result_preferences
    save_choices(settings, chosen)
    if context is None:
        return True
    context.tile_url = settings.tile_url()
    phones = (chosen.area_code, chosen.phone_region)
    if group_id is not None and phones != (before.area_code, before.phone_region):
        db = context.db
        context.operations.perform_now(
            parent,
            lambda: group_ops.set_phone_defaults(
                db, group_id, chosen.area_code, chosen.phone_region
            ),
        )
    return True

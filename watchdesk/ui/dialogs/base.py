"""What every dialog does with the keyboard and on closing, decided once, so nothing typed is lost.

- The accept button of the dialog's QDialogButtonBox (Save, OK, Import…) is the default button:
  Enter in a one-line field goes through exactly the path of clicking it, validation included
  (a refused form stays open with its messages). No other push button is ever default, so a
  Cancel first in the box, or an "Add" button that had the focus, no longer catches Enter.
  Multi-line fields keep Enter as a new line; a field can send Enter to its own row's button.
- Esc, Cancel and the window's close button all come to ``reject()``. When the form differs
  from what it showed when it opened, the coordinator is asked (``ask_unsaved``): Save (the
  accept path, which may refuse and keep the dialog open), Discard, or Cancel (keep editing).
- A tall form sits in a scroll area and a dialog never opens taller than the screen, so the
  buttons stay reachable on a 1024x600 laptop.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QGroupBox,
    QLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.ui import unsaved
from watchdesk.ui.screens import available_area

Answer = QMessageBox.StandardButton

# A widget with this property set to True is not part of the form (a filter or a choice of
# what to show): changing it is not a change to save.
NOT_FORM = "watchdeskNotForm"


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """The one Save / Discard / Cancel question (``ui.unsaved``), about a form's changes."""
    return unsaved.ask(parent, "your changes")


def editor_value(widget: QWidget) -> Hashable | None:
    """The value a user can change in ``widget``, or None when it is not an editor."""
    if isinstance(widget, QLineEdit):
        # A spin box's or an editable combo box's own line is read through its owner.
        owner = widget.parentWidget()
        if widget.isReadOnly() or isinstance(owner, QAbstractSpinBox | QComboBox):
            return None
        return ("text", widget.text())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else ("text", widget.toPlainText())
    if isinstance(widget, QComboBox):
        return ("choice", widget.currentIndex(), widget.currentText())
    if isinstance(widget, QDateTimeEdit):
        return ("moment", widget.dateTime().toString(Qt.DateFormat.ISODate))
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return ("number", widget.value())
    if isinstance(widget, QCheckBox | QRadioButton):
        return ("ticked", widget.isChecked())
    if isinstance(widget, QGroupBox):
        return ("ticked", widget.isChecked()) if widget.isCheckable() else None
    if isinstance(widget, QListWidget):
        items = (widget.item(row) for row in range(widget.count()))
        return (
            "items",
            tuple((item.text(), item.data(Qt.ItemDataRole.CheckStateRole)) for item in items),
        )
    return None


class FormScroll(QScrollArea):
    """Scrolls a form that is taller than the window, but asks for the form's whole size (a
    plain QScrollArea asks for at most 24 lines) and can shrink to a few lines."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.setObjectName("form_scroll")
        # The scroll area itself never takes the keyboard: the first keys typed into a form
        # just opened would go nowhere.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)
        self.form = form

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        form = self.form.sizeHint()
        return QSize(form.width() + self._bar(), form.height())

    def minimumSizeHint(self) -> QSize:
        form = self.form.minimumSizeHint()
        lines = 10 * self.fontMetrics().height()
        return QSize(form.width() + self._bar(), min(form.height(), lines))


class FormDialog(QDialog):
    """A dialog whose accept button is the default and that asks before dropping changes.

    Subclasses build their widgets, then call :meth:`set_body` (or :meth:`adopt_buttons` when
    laying out themselves). The form's state is every editor's value (:func:`editor_value`) plus
    :meth:`extra_state`, for what the editors do not show (a drawn boundary, added rows)."""

    #: False for pickers and previews, where nothing is typed: they close without asking.
    track_changes: ClassVar[bool] = True

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._buttons: QDialogButtonBox | None = None
        self._baseline: dict[object, object] | None = None
        self._enter_targets: dict[QWidget, QAbstractButton] = {}
        self._shown = False

    # -- building --------------------------------------------------------------------------
    def button_box(
        self,
        submit: Callable[[], object],
        accept: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
        accept_text: str = "",
        cancel: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Cancel,
    ) -> QDialogButtonBox:
        """``accept`` (runs ``submit``, which accepts when the form is valid) and ``cancel``."""
        box = QDialogButtonBox(accept | cancel)
        if accept_text:
            box.button(accept).setText(accept_text)
        box.accepted.connect(submit)
        box.rejected.connect(self.reject)
        return self.adopt_buttons(box)

    def adopt_buttons(self, box: QDialogButtonBox) -> QDialogButtonBox:
        """Make ``box``'s first accept-role push button this dialog's default button."""
        self._buttons = box
        self._settle_buttons()
        return box

    def set_body(
        self, body: QLayout | QWidget, footer: QWidget | QLayout, scroll: bool = True
    ) -> QVBoxLayout:
        """Lay the dialog out as ``body`` (in a scroll area unless ``scroll`` is False) above
        ``footer``, the row holding the buttons."""
        if isinstance(body, QLayout):
            holder = QWidget()
            holder.setLayout(body)
            body.setContentsMargins(0, 0, 0, 0)
            body = holder
        layout = QVBoxLayout(self)
        layout.addWidget(FormScroll(body) if scroll else body, 1)
        if isinstance(footer, QLayout):
            layout.addLayout(footer)
        else:
            layout.addWidget(footer)
        return layout

    def enter_clicks(self, button: QAbstractButton, *fields: QWidget) -> None:
        """Enter in one of ``fields`` clicks ``button`` (a row's own "Add") instead of Save."""
        for field in fields:
            self._enter_targets[field] = button
            field.installEventFilter(self)

    def accept_button(self) -> QPushButton | None:
        box = self._buttons
        if box is None:
            return None
        for button in box.buttons():
            role = box.buttonRole(button)
            if role == QDialogButtonBox.ButtonRole.AcceptRole and isinstance(button, QPushButton):
                return button
        return None

    def _settle_buttons(self) -> None:
        accept = self.accept_button()
        others = set(self.findChildren(QPushButton))
        if self._buttons is not None:
            others.update(b for b in self._buttons.buttons() if isinstance(b, QPushButton))
        for button in others:
            if button is not accept and button.window() in (self, button):
                button.setAutoDefault(False)
                button.setDefault(False)
        if accept is not None:
            accept.setAutoDefault(True)
            # Set again even when already set: default set before the button was in this
            # dialog is not known to the dialog, which then picks a default of its own.
            accept.setDefault(False)
            accept.setDefault(True)

    # -- changes ---------------------------------------------------------------------------
    def extra_state(self) -> object:
        """What the form holds beyond its editors' values; None when nothing."""
        return None

    def form_state(self) -> dict[object, object]:
        state: dict[object, object] = {}
        for widget in self.findChildren(QWidget):
            if widget.window() is not self or self._not_form(widget):
                continue  # another window (a calendar popup, a question) or a filter
            value = editor_value(widget)
            if value is not None:
                state[widget] = value
        state["extra"] = self.extra_state()
        return state

    def _not_form(self, widget: QWidget) -> bool:
        part: QWidget | None = widget
        while part is not None and part is not self:
            if part.property(NOT_FORM):
                return True
            part = part.parentWidget()
        return False

    def mark_clean(self, *widgets: QWidget) -> None:
        """Take the form as it is now (or just these widgets, and all their editors) as saved."""
        state = self.form_state()
        if not widgets or self._baseline is None:
            self._baseline = state
            return
        for widget in widgets:
            for part in [widget, *widget.findChildren(QWidget)]:
                if part in state:
                    self._baseline[part] = state[part]

    def is_dirty(self) -> bool:
        return (
            self.track_changes
            and self._baseline is not None
            and self.form_state() != self._baseline
        )

    # -- closing ---------------------------------------------------------------------------
    def may_close(self) -> bool:
        """True when the dialog can be dropped: no changes, or the user chose Discard. On Save
        the accept path runs (and closes the dialog if the form is valid)."""
        if not self.isVisible() or not self.is_dirty():
            return True
        answer = ask_unsaved(self)
        if answer == Answer.Discard:
            return True
        if answer == Answer.Save:
            # The accept path, checks and all: a refused form, or an accept button not yet
            # enabled (nothing chosen), keeps the dialog open with everything in it.
            button = self.accept_button()
            if button is not None and button.isEnabled():
                button.click()
        return False

    def reject(self) -> None:
        if self.may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # As QDialog does (through the reject() above): stay open when rejecting did not close.
        if self.isVisible():
            self.reject()
        if self.isVisible():
            event.ignore()
        else:
            event.accept()

    # -- keys and showing -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        target = self._enter_targets.get(watched) if isinstance(watched, QWidget) else None
        if (
            target is not None
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if target.isEnabled():
                target.click()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        self._settle_buttons()
        if not event.spontaneous() and not self._shown:
            self._shown = True
            if self._baseline is None:  # unless the dialog said what is saved (mark_clean)
                self.mark_clean()
            self._fit_screen()
        super().showEvent(event)
        if not event.spontaneous():
            self._focus_first_field()

    def _focus_first_field(self) -> None:
        """Typing starts in the form's first field, unless the dialog chose another."""
        focused = self.focusWidget()
        if focused is not None and not isinstance(focused, QAbstractButton):
            return
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                editor_value(widget) is not None
                and not isinstance(widget, QAbstractButton)
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                # As Qt does for a dialog's first field: typing replaces what it holds.
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def available_area(self) -> QRect:
        """The room the dialog has on its screen."""
        return available_area(self)

    def _fit_screen(self) -> None:
        area = self.available_area()
        if area.isEmpty():
            return
        room = area.size() - QSize(16, 48)  # the window's frame
        if self.width() > room.width() or self.height() > room.height():
            self.resize(self.size().boundedTo(room).expandedTo(self.minimumSizeHint()))

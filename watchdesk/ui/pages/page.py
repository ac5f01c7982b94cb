"""The contract between the main window and every page."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from watchdesk.ops.changes import Changes, Kind
from watchdesk.ui import unsaved

if TYPE_CHECKING:
    from watchdesk.ui.context import AppContext


class Page(QWidget):
    """A page of the main window.

    - ``title``: the name in the navigation list.
    - ``shows``: the kinds of records the page shows; an action that changes one of them
      makes the page stale, and a stale page refreshes when it is (or becomes) visible.
    - ``refresh()``: read what is shown again (off the GUI thread, through ops).
    - ``record_noun`` and ``new_record()`` (Ctrl+N), ``searchable`` and ``focus_search()``
      (Ctrl+F), ``show_record(id)`` (the Dashboard's to-do lines).
    - ``unsaved_changes()``, ``save_unsaved()``, ``discard_unsaved()``: typed work not yet
      saved, asked about before the page is left, another record chosen, the group or file
      switched, or the window closed.
    Edits go through ``context.operations``, which keeps the file's one undo history.
    """

    title: ClassVar[str] = ""
    shows: ClassVar[frozenset[Kind]] = frozenset()
    # What Ctrl+N makes on this page ("member"); empty where the page makes no records.
    record_noun: ClassVar[str] = ""
    # Whether Ctrl+F has a search field to go to.
    searchable: ClassVar[bool] = False

    def __init__(self, context: AppContext, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.context = context
        self.stale = True
        context.operations.changed.connect(self.changes_announced)

    def refresh(self) -> None:
        """Read what the page shows again."""

    def new_record(self) -> None:
        """Ctrl+N: start a new record of the page's kind (pages with a ``record_noun``)."""

    def focus_search(self) -> None:
        """Ctrl+F: put the keyboard in the page's search field (``searchable`` pages)."""

    def show_record(self, record_id: int) -> None:
        """Show one record of the page's kind (a line of the Dashboard's to-do list)."""

    def mark_stale(self) -> None:
        """What the page shows may be out of date (another group chosen, say)."""
        self.stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh()

    def changes_announced(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.mark_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_if_stale()

    # -- typed work not yet saved ----------------------------------------------------------
    def unsaved_changes(self) -> str | None:
        """What is typed but not saved ("the minutes of the Dec 8 meeting"), or None."""
        return None

    def save_unsaved(self) -> bool:
        """Save the typed work; False when it could not be saved (the user was told why)."""
        return True

    def discard_unsaved(self) -> None:
        """Drop the typed work (the user chose Discard)."""

    def settle_unsaved(self) -> bool:
        """Before leaving: ask Save / Discard / Cancel if work is unsaved. True to go on."""
        what = self.unsaved_changes()
        if what is None:
            return True
        answer = unsaved.ask(self, what)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_unsaved()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_unsaved()
            return True
        return False

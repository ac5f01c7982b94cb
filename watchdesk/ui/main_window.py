"""The main window: navigation on the left, one page at a time on the right, and the menus."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from watchdesk import __version__
from watchdesk.ui.context import AppContext
from watchdesk.ui.screens import available_area
from watchdesk.ui.settings import Settings

if TYPE_CHECKING:
    from watchdesk.ops.changes import Kind
    from watchdesk.services.rows import GroupRow
    from watchdesk.ui.bundle_actions import BundleActions
    from watchdesk.ui.dialogs.guide import GuideDialog
    from watchdesk.ui.pages.dashboard import DashboardPage
    from watchdesk.ui.pages.page import Page
    from watchdesk.ui.pages.welcome import WelcomePage

# Pages that show every group when "All groups" is chosen; the others show one group.
# Pages that can show every group; Reports says itself which reports do.
ALL_GROUP_PAGES = frozenset({"Map", "Reports"})
ALL_GROUPS = -1  # the group bar's data for "All groups"

# What a window manager's frame and title bar take from a screen around a window's contents.
WINDOW_FRAME = QSize(16, 48)

PAGE_NAMES = (
    "Dashboard",
    "Members",
    "Patrols",
    "Observations",
    "Map",
    "Training",
    "Meetings",
    "Reports",
)

# The page that shows a record of each kind by its id (``MainWindow.show_record``).
RECORD_PAGES: dict[str, str] = {
    "members": "Members",
    "shifts": "Patrols",
    "observations": "Observations",
    "training": "Training",
    "meetings": "Meetings",
}


def fit_to_screen(wanted: QRect, available: QRect) -> QRect:
    """A window made to fit ``available`` (a screen's area without its panels): ``wanted`` is
    the window's place (its frame's top left corner, as ``QWidget.pos``) and the size of its
    contents; the answer is the same, the contents shrunk and the frame moved until contents
    and frame (``WINDOW_FRAME``) lie inside ``available``."""
    room = available.size() - WINDOW_FRAME
    size = wanted.size().boundedTo(room)
    left = min(max(wanted.left(), available.left()), available.left() + room.width() - size.width())
    top = min(max(wanted.top(), available.top()), available.top() + room.height() - size.height())
    return QRect(left, top, size.width(), size.height())


def full_pages() -> dict[str, Callable[[AppContext], Page]]:
    """The pages after the Dashboard, by name (each is built when a database is open)."""
    from watchdesk.ui.pages.map import MapPage
    from watchdesk.ui.pages.meetings import MeetingsPage
    from watchdesk.ui.pages.members import MembersPage
    from watchdesk.ui.pages.observations import ObservationsPage
    from watchdesk.ui.pages.patrols import PatrolsPage
    from watchdesk.ui.pages.reports import ReportsPage
    from watchdesk.ui.pages.training import TrainingPage

    return {
        "Members": MembersPage,
        "Patrols": PatrolsPage,
        "Training": TrainingPage,
        "Meetings": MeetingsPage,
        "Observations": ObservationsPage,
        "Map": MapPage,
        "Reports": ReportsPage,
    }


def preferences_keys() -> list[QKeySequence]:
    """Edit > Preferences' shortcut: the platform's own, and Ctrl+, everywhere (the standard
    one is empty on most Linux desktops)."""
    keys = [QKeySequence(QKeySequence.StandardKey.Preferences), QKeySequence("Ctrl+,")]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique


class MainWindow(QMainWindow):
    """Painted at once; the pages arrive with :meth:`attach` once the database is open.

    Splitting the two keeps start-up short: the data layer (SQLAlchemy, the models) loads
    after the first paint instead of before it.
    """

    # Asks the application to open another database file (File > New / Open).
    open_requested = Signal(Path, bool)
    restore_requested = Signal(Path)  # a backup chosen to replace the open file
    # Emitted once, after the window has first been painted.
    first_painted = Signal()
    preferences_saved = Signal()  # Edit > Preferences saved: the backup interval may differ

    def __init__(self, settings: Settings, log_path: str = "") -> None:
        super().__init__()
        self._painted = False
        self.settings = settings
        self.log_path = log_path
        self.context: AppContext | None = None
        self.bundles: BundleActions | None = None
        self.dashboard: DashboardPage | None = None
        self.welcome: WelcomePage | None = None
        # In PAGE_NAMES order, the Dashboard first; a page is built when first shown (None
        # until then): building all eight made the first Dashboard wait for seven pages.
        self.record_pages: list[Page | None] = []
        self._shown_row = -1
        self.setWindowTitle("WatchDesk")
        self.setMinimumSize(760, 520)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.addItems(PAGE_NAMES)
        self.navigation.setFixedWidth(170)
        self.navigation.setStyleSheet("QListWidget::item { padding: 7px 10px; }")
        self.navigation.setEnabled(False)
        self.pages = QStackedWidget()
        self.status_page = QLabel("Opening the database…")
        self.status_page.setObjectName("status_page")
        self.status_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_page.setWordWrap(True)
        self.pages.addWidget(self.status_page)

        body = QWidget()
        row = QHBoxLayout(body)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.body = body
        self._build_menus()
        self._build_group_bar()
        self._connect_signals()

        geometry = settings.window_geometry()
        restored = geometry is not None and self.restoreGeometry(geometry)
        if not restored:
            self.resize(1100, 720)
        # Never larger than the screen (a 1024x600 laptop, or a file last used on a big one).
        area = available_area(self)
        if not area.isEmpty() and not (self.isMaximized() or self.isFullScreen()):
            fitted = fit_to_screen(QRect(self.pos(), self.size()), area)
            self.resize(fitted.size())
            if restored:
                self.move(fitted.topLeft())

    def attach(self, context: AppContext) -> None:
        """Build the pages over an open database and show the first one."""
        from watchdesk.ui.pages.dashboard import DashboardPage
        from watchdesk.ui.pages.welcome import WelcomePage

        self.context = context
        if context.settings is None:
            context.settings = self.settings
        self.setWindowTitle(f"WatchDesk — {context.db.path.name}")
        self.pages.removeWidget(self.status_page)
        self.dashboard = DashboardPage(context)
        self.dashboard.record_requested.connect(self.show_record)
        self.record_pages = [self.dashboard, *([None] * (len(PAGE_NAMES) - 1))]
        self.pages.addWidget(self.dashboard)
        for _name in PAGE_NAMES[1:]:
            self.pages.addWidget(QWidget())  # stands in until the page is first shown
        # One history for the file: Edit > Undo takes back the last action, whatever page
        # it was made on (an action can change what several pages show).
        self.undo_group.addStack(context.operations.history)
        self.undo_group.setActiveStack(context.operations.history)
        self.welcome = WelcomePage(context)
        self.pages.addWidget(self.welcome)
        self.welcome.ready.connect(self.load_group)
        self.welcome.import_requested.connect(self.import_bundle)
        self.pages.addWidget(self.status_page)
        self.action_backup.setEnabled(True)
        self.action_restore.setEnabled(True)
        from watchdesk.ui.bundle_actions import BundleActions

        self.bundles = BundleActions(self, context, self.load_group)
        # The file's path stays in the status bar; passing messages ("Saved …") show beside it.
        self.file_label = QLabel(str(context.db.path))
        self.file_label.setObjectName("file_path")
        self.statusBar().addPermanentWidget(self.file_label)
        self.load_group()

    def shut_out(self) -> None:
        """The file behind the pages is being replaced (a restore): nothing here can be used."""
        self.body.setEnabled(False)
        self.menuBar().setEnabled(False)

    def show_no_database(self, reason: str) -> None:
        self.status_page.setText(f"{reason}\n\nUse File > Open or File > New to choose a database.")
        self.pages.setCurrentWidget(self.status_page)

    # -- wiring ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        # Ctrl+N makes a record of the page's kind; a new file is the rarer Ctrl+Shift+N.
        self.action_new_record = self._action(file_menu, "New &record…", self.new_record)
        self.action_new_record.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.action_new_record.setStatusTip(
            "New record of the page's kind: member, shift, observation, meeting…"
        )
        self.action_new_record.setEnabled(False)
        self.action_new = self._action(file_menu, "&New database…", self.new_database)
        self.action_new.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.action_new.setStatusTip("New database file")
        self.action_open = self._action(
            file_menu, "&Open database…", self.open_database, QKeySequence.StandardKey.Open
        )
        self.action_backup = self._action(file_menu, "&Back up now", self.backup_now)
        self.action_backup.setEnabled(False)
        self.action_restore = self._action(
            file_menu, "&Restore from backup…", self.restore_from_backup
        )
        self.action_restore.setEnabled(False)
        file_menu.addSeparator()
        self.action_import_bundle = self._action(file_menu, "&Import bundle…", self.import_bundle)
        self.action_export_bundle = self._action(file_menu, "&Export bundle…", self.export_bundle)
        for action in (self.action_import_bundle, self.action_export_bundle):
            action.setEnabled(False)
        file_menu.addSeparator()
        self.action_quit = self._action(
            file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit
        )
        # Undo/redo act on the page shown (each page with edits keeps its own history).
        self.undo_group = QUndoGroup(self)  # holds the open file's one history
        edit_menu = self.menuBar().addMenu("&Edit")
        self.edit_menu = edit_menu  # Find goes in after Redo (_build_help_and_go)
        self.action_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.action_undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.action_redo = self.undo_group.createRedoAction(self, "&Redo")
        # Both usual keys, whatever the platform's own choice (Ctrl+Y on some, Ctrl+Shift+Z on
        # others).
        self.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.action_undo)
        edit_menu.addAction(self.action_redo)
        edit_menu.addSeparator()
        self.action_preferences = self._action(edit_menu, "&Preferences…", self.edit_preferences)
        self.action_preferences.setShortcuts(preferences_keys())
        help_menu = self.menuBar().addMenu("&Help")
        self.action_about = self._action(help_menu, "&About WatchDesk", self.show_about)
        self._build_help_and_go(help_menu)

    def _build_help_and_go(self, help_menu: QMenu) -> None:
        """Help > User guide (F1) and Keyboard shortcuts; Edit > Find (Ctrl+F) on the page
        shown; Go > the pages (Ctrl+1 to Ctrl+8, in the navigation's order)."""
        self.action_find = QAction("&Find on this page", self)
        self.action_find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.action_find.triggered.connect(self.focus_search)
        self.action_find.setStatusTip("Find: into the search field of the page shown")
        self.action_find.setEnabled(False)
        actions = self.edit_menu.actions()
        after_redo = actions.index(self.action_redo) + 1
        before = actions[after_redo] if after_redo < len(actions) else None
        self.edit_menu.insertSeparator(before)  # type: ignore[arg-type]
        self.edit_menu.insertAction(before, self.action_find)  # type: ignore[arg-type]

        go_menu = QMenu("&Go", self)
        self.menuBar().insertMenu(help_menu.menuAction(), go_menu)
        self.page_actions: list[QAction] = []
        for row, name in enumerate(PAGE_NAMES):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.setStatusTip(f"Go to the {name} page")
            action.triggered.connect(lambda _checked=False, row=row: self.go_to_page(row))
            go_menu.addAction(action)
            self.page_actions.append(action)

        first = help_menu.actions()[0] if help_menu.actions() else None
        self.action_guide = QAction("User &guide", self)
        self.action_guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action_guide.triggered.connect(self.show_guide)
        self.action_shortcuts = QAction("&Keyboard shortcuts", self)
        self.action_shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.insertAction(first, self.action_guide)  # type: ignore[arg-type]
        help_menu.insertAction(first, self.action_shortcuts)  # type: ignore[arg-type]
        help_menu.insertSeparator(first)  # type: ignore[arg-type]
        self.guide: GuideDialog | None = None
        self.pages.currentChanged.connect(lambda _index: self._update_page_actions())

    def edit_preferences(self) -> None:
        from watchdesk.ui.dialogs.preferences import edit_preferences

        if edit_preferences(self, self.settings, self.context):
            self.preferences_saved.emit()

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_group_bar(self) -> None:
        """The group shown; only there when the file holds several (a liaison's)."""
        self.group_bar = QToolBar("Watch group")
        self.group_bar.setObjectName("group_bar")
        self.group_bar.setMovable(False)
        self.group_choice = QComboBox()
        self.group_choice.setObjectName("group_choice")
        self.group_choice.setMinimumWidth(280)
        self.group_bar.addWidget(QLabel(" Watch group: "))
        self.group_bar.addWidget(self.group_choice)
        self.group_note = QLabel()
        self.group_note.setObjectName("group_note")
        self.group_bar.addWidget(self.group_note)
        self.addToolBar(self.group_bar)
        self.group_bar.setVisible(False)
        self.group_choice.activated.connect(self._group_chosen)

    def _group_chosen(self, index: int) -> None:
        group_id = self.group_choice.itemData(index)
        if self.context is None or group_id is None:
            return
        if not self.settle_unsaved():
            self._show_chosen_group()
            return
        self.context.all_groups = group_id == ALL_GROUPS
        if not self.context.all_groups:
            self.context.group_id = group_id
        self.setWindowTitle(f"WatchDesk — {self.group_choice.itemText(index)}")
        for page in self.built_pages():
            page.stale = True
        self.show_page(self.navigation.currentRow())

    def _show_chosen_group(self) -> None:
        """Put the group bar back on the group shown (a switch was called off)."""
        context = self.context
        if context is not None:
            shown = ALL_GROUPS if context.all_groups else context.group_id
            self.group_choice.setCurrentIndex(self.group_choice.findData(shown))

    def _explain_group(self) -> None:
        """Under "All groups", say which group a one-group page is showing."""
        context = self.context
        note = ""
        one_group_page = self.current_page_name() not in ALL_GROUP_PAGES
        if context is not None and context.all_groups and one_group_page:
            index = self.group_choice.findData(context.group_id)
            note = f"  This page shows one group: {self.group_choice.itemText(index)}"
        self.group_note.setText(note)

    def _connect_signals(self) -> None:
        # Navigation (the welcome page's "ready" is wired in attach, where it is built)
        self.navigation.currentRowChanged.connect(self.show_page)

    # -- pages -------------------------------------------------------------------------------
    def load_group(self) -> None:
        """Pick the group to show; an empty database shows the welcome page instead."""
        from watchdesk.ops.groups import groups_to_show

        assert self.context is not None
        db, chosen = self.context.db, self.context.group_id
        self.context.operations.query(
            self, "open group", lambda _progress: groups_to_show(db, chosen), self._show_group
        )

    def _show_group(self, found: tuple[GroupRow | None, list[GroupRow]]) -> None:
        assert self.context is not None and self.welcome is not None
        group, groups = found
        self.group_choice.clear()
        for each in groups:
            name = each.name if each.is_local else f"{each.name} (imported)"
            self.group_choice.addItem(name, each.id)
        if len(groups) > 1:
            self.group_choice.addItem("All groups", ALL_GROUPS)
        self.group_bar.setVisible(len(groups) > 1)
        self.action_import_bundle.setEnabled(True)
        self.action_export_bundle.setEnabled(group is not None)
        if group is None:
            self.navigation.setEnabled(False)
            self.pages.setCurrentWidget(self.welcome)
            return
        self.context.group_id = group.id
        for page in self.built_pages():
            page.stale = True
        shown = ALL_GROUPS if self.context.all_groups and len(groups) > 1 else group.id
        self.context.all_groups = shown == ALL_GROUPS
        self.group_choice.setCurrentIndex(self.group_choice.findData(shown))
        self.setWindowTitle(f"WatchDesk — {group.name}")
        self.navigation.setEnabled(True)
        last = self.settings.last_page()
        row = last if 0 <= last < len(PAGE_NAMES) else 0
        if self.navigation.currentRow() == row:
            self.show_page(row)
        else:
            self.navigation.setCurrentRow(row)

    def show_page(self, row: int) -> None:
        if row < 0 or not self.navigation.isEnabled():
            return
        if row != self._shown_row and not self.settle_unsaved():
            # Stay on the page with the unsaved work.
            # Once the click that chose the other page is over (its mouse release would
            # select that page's row again).
            QTimer.singleShot(0, self._show_shown_row)
            return
        page = self.page_at(row)
        page.stale = True  # choosing a page reads it again
        self._shown_row = row
        self.pages.setCurrentIndex(row)
        page.refresh_if_stale()
        self.settings.set_last_page(row)
        self._explain_group()

    def _show_shown_row(self) -> None:
        """Put the navigation list back on the page shown (a page change was called off)."""
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(self._shown_row)
        self.navigation.blockSignals(False)

    def show_record(self, kind: Kind, record_id: int) -> None:
        """Switch to the page that shows records of ``kind`` and show the record there."""
        name = RECORD_PAGES.get(kind)
        if name is None:
            return
        row = PAGE_NAMES.index(name)
        self.navigation.setCurrentRow(row)
        if self._shown_row != row:  # unsaved work kept the user where they were
            return
        self.page_at(row).show_record(record_id)

    def show_on_map(self, observation_id: int) -> None:
        """The Map page, centred on one observation ("Show on map")."""
        from watchdesk.ui.pages.map import MapPage

        row = PAGE_NAMES.index("Map")
        self.navigation.setCurrentRow(row)
        page = self.page_at(row)
        if self._shown_row == row and isinstance(page, MapPage):
            page.show_observation(observation_id, centre=True)

    def page_at(self, row: int) -> Page:
        """The page of navigation ``row``, built the first time it is asked for."""
        page = self.record_pages[row]
        if page is None:
            from watchdesk.ui.pages.observations import ObservationsPage

            assert self.context is not None
            page = full_pages()[PAGE_NAMES[row]](self.context)
            if isinstance(page, ObservationsPage):
                page.map_requested.connect(self.show_on_map)
            stand_in = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            if stand_in is not None:
                self.pages.removeWidget(stand_in)
                stand_in.deleteLater()
            self.record_pages[row] = page
        return page

    def built_pages(self) -> list[Page]:
        return [page for page in self.record_pages if page is not None]

    def current_record_page(self) -> Page | None:
        widget = self.pages.currentWidget()
        return next((page for page in self.built_pages() if page is widget), None)

    def settle_unsaved(self) -> bool:
        """Before the page, group or file changes, or the window closes: typed work not yet
        saved on the page shown is saved or discarded as the user says. False: stay."""
        page = self.current_record_page()
        return page is None or page.settle_unsaved()

    def current_page_name(self) -> str:
        widget = self.pages.currentWidget()
        if widget is self.welcome:
            return "Welcome"
        if widget is self.status_page:
            return "Status"
        return PAGE_NAMES[self.pages.currentIndex()]

    # -- keys on the page shown ---------------------------------------------------------------
    def _update_page_actions(self) -> None:
        """Edit > Find and File > New record follow the page shown."""
        page = self.current_record_page()
        self.action_find.setEnabled(page is not None and page.searchable)
        noun = page.record_noun if page is not None else ""
        self.action_new_record.setEnabled(bool(noun))
        self.action_new_record.setText(f"New {noun}…" if noun else "New &record…")

    def go_to_page(self, row: int) -> None:
        """Ctrl+1 to Ctrl+8: the page at ``row`` of the navigation list."""
        if self.navigation.isEnabled():
            self.navigation.setCurrentRow(row)

    def focus_search(self) -> None:
        """Ctrl+F: into the search field of the page shown."""
        page = self.current_record_page()
        if page is not None and page.searchable:
            page.focus_search()

    def new_record(self) -> None:
        """Ctrl+N: a new record of the page's kind (a member, a shift, an observation…)."""
        page = self.current_record_page()
        if page is not None and page.record_noun:
            page.new_record()

    # -- help menu ---------------------------------------------------------------------------
    def show_guide(self) -> GuideDialog:
        """F1: the user guide, opened at the section about the page shown."""
        from watchdesk.ui.dialogs.guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self)
        name = self.current_page_name()
        self.guide.show_section("Getting started" if name in ("Welcome", "Status") else name)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def show_shortcuts(self) -> None:
        from watchdesk.ui.dialogs.shortcuts import ShortcutsDialog, shortcut_rows

        ShortcutsDialog(self, shortcut_rows(self)).exec()

    # -- file menu ---------------------------------------------------------------------------
    def new_database(self) -> None:
        if not self.settle_unsaved():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "New WatchDesk database", "", "WatchDesk databases (*.sqlite)"
        )
        if path:
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(".sqlite")
            self.open_requested.emit(target, True)

    def open_database(self) -> None:
        if not self.settle_unsaved():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Open WatchDesk database", "", "WatchDesk databases (*.sqlite);;All files (*)"
        )
        if path:
            self.open_requested.emit(Path(path), False)

    def import_bundle(self) -> None:
        if self.bundles is not None:
            self.bundles.import_bundle()

    def export_bundle(self) -> None:
        if self.bundles is not None:
            self.bundles.export_bundle()

    def backup_now(self) -> None:
        from watchdesk.ops.backups import backup_now

        if self.context is None:
            return
        db = self.context.db

        def done(path: Path) -> None:
            QMessageBox.information(self, "Backup", f"Backup written and verified:\n{path}")

        self.context.operations.query(self, "backup", lambda _progress: backup_now(db), done)

    def restore_from_backup(self) -> None:
        from watchdesk.ui.dialogs.restore import RestoreDialog
        from watchdesk.ui.forms import shown_moment

        if self.context is None or not self.settle_unsaved():
            return
        dialog = RestoreDialog(self, self.context.db.path, self.context.operations)
        if not dialog.exec() or (chosen := dialog.chosen()) is None:
            return
        taken = shown_moment(chosen.taken_at, None)  # the computer's zone, as files are
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace the open file with the backup of {taken}? Changes since then are not "
            "lost: the file as it is now is kept as a backup first.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(chosen.path)

    def show_about(self) -> None:
        QMessageBox.about(self, "About WatchDesk", self.about_text())

    def about_text(self) -> str:
        database = self.context.db.path if self.context else "none open"
        return (
            f"WatchDesk {__version__}\n\n"
            f"Database: {database}\n"
            f"SQLite {sqlite3.sqlite_version}\n"
            f"Log file: {self.log_path}"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.settle_unsaved():
            event.ignore()
            return
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)

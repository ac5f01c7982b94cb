"""Help > User guide (F1): the guide shipped with the program, with its headings as a table of
contents and a search box (Ctrl+F).

The text is ``resources/guide/user-guide.md`` (the package ``watchdesk.resources``), shown
through ``QTextDocument``'s Markdown reader; ``docs/user-guide.md`` is the same file for readers
of the repository. The table of contents is read from the document's heading blocks, so it
always matches the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchdesk.resources import resource_path
from watchdesk.ui.dialogs.base import FormDialog

GUIDE_FILE = "guide/user-guide.md"


def slug(heading: str) -> str:
    """A heading as a link names it: "Undo and unsaved work" -> "undo-and-unsaved-work"."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -")
    return kept.replace(" ", "-")


def guide_text() -> str:
    """The guide's Markdown, as installed with the program."""
    return resource_path(GUIDE_FILE).read_text(encoding="utf-8")


class GuideDialog(FormDialog):
    """The user guide beside the window (not modal: read it while you work). Enter in the
    search box finds the next place; Close (the default button) and Esc close it."""

    track_changes = False  # read only: the search box is no change to save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle("WatchDesk User Guide")
        self.resize(960, 680)

        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenLinks(False)  # its links go to its own sections
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.setMarkdown(guide_text())

        self.contents = QTreeWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.setHeaderHidden(True)
        self.contents.itemActivated.connect(self._heading_chosen)
        self.contents.itemClicked.connect(self._heading_chosen)
        self._fill_contents()

        self.search = QLineEdit()
        self.search.setObjectName("guide_search")
        self.search.setPlaceholderText("Find in the guide (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _text: self.find_next(from_top=True))
        self.found = QLabel()
        self.found.setObjectName("guide_found")
        previous_button = QPushButton("Previous")
        previous_button.setObjectName("guide_previous")
        previous_button.setAutoDefault(False)
        previous_button.clicked.connect(self.find_previous)
        next_button = QPushButton("Next")
        next_button.setObjectName("guide_next")
        next_button.setAutoDefault(False)
        next_button.clicked.connect(lambda: self.find_next())
        buttons = self.button_box(
            self.accept,
            QDialogButtonBox.StandardButton.Ok,
            "Close",
            cancel=QDialogButtonBox.StandardButton.NoButton,
        )
        self.enter_clicks(next_button, self.search)

        find_row = QHBoxLayout()
        find_row.addWidget(self.search, 1)
        find_row.addWidget(previous_button)
        find_row.addWidget(next_button)
        find_row.addWidget(self.found)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 710])
        body = QVBoxLayout()
        body.addLayout(find_row)
        body.addWidget(splitter, 1)
        self.set_body(body, buttons, scroll=False)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        again = QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self)
        again.activated.connect(lambda: self.find_next())
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self)
        back.activated.connect(self.find_previous)

    # -- contents ------------------------------------------------------------------------
    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of each heading of the guide, in order."""
        return [(block.blockFormat().headingLevel(), block.text()) for block in self._heads()]

    def _heads(self) -> list[QTextBlock]:
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                found.append(block)
            block = block.next()
        return found

    def _fill_contents(self) -> None:
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for block in self._heads():
            level = block.blockFormat().headingLevel()
            while parents and parents[-1][0] >= level:
                parents.pop()
            item = QTreeWidgetItem([block.text()])
            item.setData(0, Qt.ItemDataRole.UserRole, block.position())
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.contents.addTopLevelItem(item)
            parents.append((level, item))
        self.contents.expandAll()

    def contents_titles(self) -> list[str]:
        """Every heading listed in the table of contents, depth first."""
        titles: list[str] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            titles.append(item.text(0))
            for index in range(item.childCount()):
                walk(item.child(index))

        for index in range(self.contents.topLevelItemCount()):
            walk(self.contents.topLevelItem(index))
        return titles

    def _heading_chosen(self, item: QTreeWidgetItem) -> None:
        self._scroll_to(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _scroll_to(self, position: int) -> None:
        """Put the heading at ``position`` at the top of the text."""
        document = self.browser.document()
        block = document.findBlock(position)
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        top = document.documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def show_section(self, title: str) -> bool:
        """Show the section whose heading is ``title`` (False when the guide has none)."""
        for block in self._heads():
            if block.text() == title:
                self._scroll_to(block.position())
                for item in self.contents.findItems(
                    title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
                ):
                    self.contents.setCurrentItem(item)
                return True
        return False

    def _link_clicked(self, url: QUrl) -> None:
        """A link to a section (``#privacy``, as on GitHub) goes to that heading."""
        wanted = url.fragment()
        for block in self._heads():
            if slug(block.text()) == wanted:
                self._scroll_to(block.position())
                return

    # -- search --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def find_next(self, from_top: bool = False) -> bool:
        return self._find(QTextDocument.FindFlag(0), from_top)

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward, False)

    def _find(self, flags: QTextDocument.FindFlag, from_top: bool) -> bool:
        """Select the next (or previous) place the search text occurs, wrapping around."""
        words = self.search.text().strip()
        if not words:
            self.found.clear()
            return False
        if from_top:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if self.browser.find(words, flags):
            self.found.clear()
            return True
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        self.browser.moveCursor(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        if self.browser.find(words, flags):
            self.found.setText("Wrapped around")
            return True
        self.found.setText("Not found")
        return False

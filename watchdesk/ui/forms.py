"""Form helpers: an error label under each field, filled from a ValidationError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QStyle,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core import dates
from watchdesk.core.validation import ValidationError
from watchdesk.ui.dialogs.base import FormDialog

T = TypeVar("T")


class FieldErrors:
    """Keeps one hidden red label per field and shows the messages of a ValidationError."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, caption: str, field: str, editor: QWidget) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)  # a long message takes more lines, never more width
        error.setTextFormat(Qt.TextFormat.PlainText)  # typed "<Block 4>" shows as typed
        error.hide()
        column.addWidget(error)
        self.labels[field] = error
        form.addRow(caption, holder)

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> list[str]:
        """Show each message next to its field; return messages for fields with no label."""
        self.clear()
        leftover = []
        for field, message in error.errors.items():
            label = self.labels.get(field)
            if label is None:
                leftover.append(f"{field}: {message}")
                continue
            label.setText(message)
            label.show()
        return leftover

    def valid(self, clean: Callable[[T], object], data: T) -> bool:
        """Check ``data`` with its ``clean_*`` rule: True if it passes; otherwise every message
        is shown (one for a field without its own label goes under the first field)."""
        try:
            clean(data)
        except ValidationError as error:
            leftover = self.show(error)
            if leftover and self.labels:
                first = next(iter(self.labels.values()))
                first.setText("\n".join(filter(None, [first.text(), *leftover])))
                first.show()
            return False
        self.clear()
        return True


def named_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with an object name (tests and style sheets find it) wired to ``slot``.
    It never becomes the default button: Enter in a field stays with the dialog's Save."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def save_cancel(dialog: FormDialog, submit: Callable[[], object]) -> QDialogButtonBox:
    """Save (runs ``submit``, which accepts when the form is valid; the default button, so
    Enter in a one-line field saves) and Cancel."""
    return dialog.button_box(submit)


def locale_name() -> str:
    """The locale dates are shown in (Qt's default locale: "en_US"; "C" means en_US)."""
    name = QLocale().name()
    return dates.DEFAULT_LOCALE if name in ("C", "POSIX", "") else name


def shown_date(day: dt.date) -> str:
    """A date on screen: "Dec 8, 2026" (en_US), "8 Dec 2026" (en_GB)."""
    return dates.date(day, locale_name())


def shown_day(day: dt.date, *, short: bool = False) -> str:
    """A date with its weekday on screen: "Tue, Dec 8, 2026" (``short``: "Tue, Dec 8")."""
    return dates.day(day, locale_name(), short=short)


def shown_period(first: dt.date, last: dt.date) -> str:
    """A span of days on screen: "Dec 1 – 7, 2026"."""
    return dates.period(first, last, locale_name())


def shown_clock(value: dt.time | dt.datetime) -> str:
    """A wall-clock time on screen (of a moment already local): "6:03 PM" or "18:03"."""
    return dates.clock(value.time() if isinstance(value, dt.datetime) else value, locale_name())


def shown_moment(moment: dt.datetime, time_zone: ZoneInfo | str | None) -> str:
    """A stored moment on screen in ``time_zone`` (None: this computer's):
    "Tue, Dec 8, 2026, 7:00 PM"."""
    return dates.moment(moment, time_zone, locale_name(), weekday=True, zone_name=False)


# CLDR pattern letters as Qt writes them (a year always has four digits).
_QT_FIELDS = {"y": "yyyy", "u": "yyyy", "M": "M", "L": "M", "d": "d", "h": "h", "H": "H"}
_QT_FIELDS |= {"K": "h", "k": "H", "m": "m", "s": "s", "a": "AP", "b": "AP", "B": "AP"}


def qt_format(cldr: str) -> str:
    """A CLDR pattern ("MMM d, y, h:mm a") as a Qt display format ("MMM d, yyyy, h:mm AP")."""
    out: list[str] = []
    position = 0
    while position < len(cldr):
        char = cldr[position]
        if char == "'":
            end = cldr.find("'", position + 1)
            end = len(cldr) - 1 if end < 0 else end
            out.append(cldr[position : end + 1] if end > position + 1 else "''")
            position = end + 1
        elif char.isascii() and char.isalpha():
            run = len(cldr) - position - len(cldr[position:].lstrip(char))
            position += run
            if char in ("E", "c", "e"):
                out.append("dddd" if run >= 4 else "ddd")
            elif char in ("M", "L", "d", "h", "H", "K", "k", "m", "s"):
                out.append(_QT_FIELDS[char] * min(run, 4 if char in "ML" else 2))
            elif char in _QT_FIELDS:
                out.append(_QT_FIELDS[char])
        else:
            start = position
            while position < len(cldr) and not (
                cldr[position] == "'" or (cldr[position].isascii() and cldr[position].isalpha())
            ):
                position += 1
            out.append(cldr[start:position])
    return "".join(out).strip(" ,")


def style_date_edit(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Show ``edit`` (a QDateEdit, QTimeEdit or QDateTimeEdit) in the one date style: the
    locale's order or month name, a four-digit year, its 12- or 24-hour clock."""
    locale = locale_name()
    if isinstance(edit, QTimeEdit):
        edit.setDisplayFormat(qt_format(dates.pattern("time", locale)))
    elif isinstance(edit, QDateEdit):
        edit.setDisplayFormat(qt_format(dates.pattern("date", locale)))
    else:
        edit.setDisplayFormat(qt_format(dates.pattern("moment", locale)))
    return edit


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar to pick from, shown as Nov 21, 2026 (en_US)."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    style_date_edit(edit)
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    day = value.toPython()
    assert isinstance(day, dt.date)
    return day


class OptionalMoment(QWidget):
    """A local date and time that may be left unrecorded."""

    def __init__(self, name: str, value: dt.datetime | None, default: dt.datetime) -> None:
        super().__init__()
        self.recorded = QCheckBox("recorded")
        self.recorded.setObjectName(f"{name}_recorded")
        self.edit = QDateTimeEdit()
        self.edit.setObjectName(name)
        style_date_edit(self.edit)
        self.edit.setEnabled(False)
        self.recorded.toggled.connect(self.edit.setEnabled)
        self._show(value or default)
        self.recorded.setChecked(value is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.recorded)

    def _show(self, value: dt.datetime) -> None:
        self.edit.setDateTime(
            QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)
        )

    def set_value(self, value: dt.datetime | None) -> None:
        if value is not None:
            self._show(value)
        self.recorded.setChecked(value is not None)

    def value(self, time_zone: ZoneInfo) -> dt.datetime | None:
        if not self.recorded.isChecked():
            return None
        local = self.edit.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        return local.replace(second=0, microsecond=0, tzinfo=time_zone).astimezone(dt.UTC)


class OptionalDate(QWidget):
    """A date that may be left unrecorded: a date edit in the one style and a "recorded" box."""

    def __init__(self, name: str, default: dt.date) -> None:
        super().__init__()
        self.edit = date_edit(name)
        self.edit.setDate(to_qdate(default))
        self.edit.setEnabled(False)
        self.recorded = QCheckBox("recorded")
        self.recorded.setObjectName(f"{name}_recorded")
        self.recorded.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.recorded)

    def set_value(self, value: dt.date | None) -> None:
        if value is not None:
            self.edit.setDate(to_qdate(value))
        self.recorded.setChecked(value is not None)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.recorded.isChecked() else None


def optional_number(name: str, value: int | None, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(-1, maximum)
    box.setSpecialValueText("not recorded")
    box.setValue(-1 if value is None else value)
    return box


def filter_combo(name: str, everything: str, choices: dict[str, str]) -> QComboBox:
    """A filter over a vocabulary: "All …" (no filter, data None), then each label."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for code, text in choices.items():
        combo.addItem(text, code)
    return combo


def record_table(
    name: str,
    model: QAbstractItemModel,
    widths: Sequence[int],
    on_activate: Callable[[], object],
) -> QTableView:
    """A read-only, row-selecting, sortable table of records, one line per row, that calls
    ``on_activate`` on a double click. Fixed column widths: sizing to contents would read
    every page of a large paged model."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.doubleClicked.connect(lambda _index: on_activate())
    return table


class FlowLayout(QLayout):
    """A row of buttons and fields that wraps onto more lines when the page is too narrow for
    it (a 1024x600 screen), instead of forcing the window wider or cutting buttons off.

    Used like a QHBoxLayout: ``addWidget(widget, stretch)`` and ``addStretch(stretch)``. On each
    line, room left over is shared among the items with a stretch (a stretch spacer pushes what
    follows it to the right, as in a box layout); every item keeps at least its minimum width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []

    # -- items -----------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:
        super().addWidget(widget)
        self._stretch[-1] = stretch

    def addStretch(self, stretch: int = 1) -> None:
        policy = QSizePolicy.Policy
        self.addItem(QSpacerItem(0, 0, policy.Expanding, policy.Minimum))
        self._stretch[-1] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._stretch.pop(index)
        return self._items.pop(index)

    # -- sizes -----------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def minimumSize(self) -> QSize:
        """The widest single item: everything else can go on lines of its own."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = self._shown()
        width = sum(item.sizeHint().width() for item in items)
        width += self._gap() * max(0, len(items) - 1)
        height = max((item.sizeHint().height() for item in items), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # -- laying out ------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or item.spacerItem()]

    def _gap(self) -> int:
        gap = self.spacing()
        if gap >= 0:
            return gap
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); return the height they take."""
        area = rect.marginsRemoved(self.contentsMargins())
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, int, int]]] = [[]]  # (item, width, stretch)
        used = 0
        for item, stretch in zip(self._items, self._stretch, strict=True):
            if item.isEmpty() and not item.spacerItem():
                continue
            width = max(item.minimumSize().width(), min(item.sizeHint().width(), area.width()))
            line = lines[-1]
            if line and used + gap + width > area.width():
                lines.append([])
                line, used = lines[-1], 0
            used += (gap if line else 0) + width
            line.append((item, width, stretch))
        y = bottom = area.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item, _width, _stretch in line)
            total = sum(width for _item, width, _stretch in line) + gap * (len(line) - 1)
            room = max(0, area.width() - total)
            stretches = sum(stretch for _item, _width, stretch in line)
            x = area.x()
            for item, width, stretch in line:
                if stretches:
                    width += room * stretch // stretches
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + gap
            bottom = y + height
            y = bottom + gap
        margins = self.contentsMargins()
        return bottom - area.y() + margins.top() + margins.bottom()

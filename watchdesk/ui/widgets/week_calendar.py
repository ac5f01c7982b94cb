"""A week of patrol shifts drawn as days x hours.

A watch's day runs from 06:00 to 06:00 the next morning, so an evening shift that crosses
midnight stays in one piece in the column of the evening it belongs to. Shifts that overlap
share their column side by side. Colours give the staffing state (green full, amber
understaffed, red empty) and the text repeats it ("1/2"), for colour-blind users and print.

Mouse: click an empty slot to create a shift there, click a shift to select it, double-click
it to edit. Keyboard: arrows move the cursor by day and half hour (selecting the shift under
it), Enter edits the selected shift or creates one at the cursor, Page Up/Down change week.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from watchdesk.core.words import count as counted
from watchdesk.services.schedule import ShiftCard
from watchdesk.ui.forms import shown_clock, shown_day

DAY_STARTS = 6  # hours after local midnight
SLOT_MINUTES = 30
HEADER = 34
GUTTER = 46
MIN_HOUR_HEIGHT = 11  # the whole day still fits a 1024x600 screen, under the page's buttons

T = TypeVar("T")

COLOURS = {
    # state: (fill, border)
    "full": (QColor("#d3ecd9"), QColor("#2e7d32")),
    "understaffed": (QColor("#ffe2a8"), QColor("#a15c00")),
    "empty": (QColor("#f8c9c9"), QColor("#b3261e")),
    "cancelled": (QColor("#e4e6ea"), QColor("#8a919c")),
}


def watch_day(moment: dt.datetime, time_zone: ZoneInfo) -> tuple[dt.date, float]:
    """The watch day a moment falls in and its offset in hours from that day's 06:00."""
    local = moment.astimezone(time_zone).replace(tzinfo=None)
    shifted = local - dt.timedelta(hours=DAY_STARTS)
    offset = shifted.hour + shifted.minute / 60
    return shifted.date(), offset


def _in_lanes(items: Sequence[tuple[float, float, T]]) -> list[tuple[int, float, float, T]]:
    """Each (start, end, card), sorted by start, goes in the lowest lane free by its start.
    Heaps of busy and free lanes keep a day of a big group's hundreds of shifts quick."""
    busy: list[tuple[float, int]] = []  # (end, lane)
    free: list[int] = []
    placed = []
    for start, end, card in items:
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        lane = heapq.heappop(free) if free else len(busy)
        heapq.heappush(busy, (end, lane))
        placed.append((lane, start, end, card))
    return placed


def state_of(card: ShiftCard) -> str:
    return "cancelled" if card.cancelled else card.state


class WeekCalendar(QWidget):
    create_requested = Signal(object, object)  # local date, local start time
    edit_requested = Signal(int)  # shift id
    selection_changed = Signal(object)  # shift id or None
    week_requested = Signal(int)  # -1 previous week, +1 next week

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("week_calendar")
        self.setAccessibleName("Week calendar of patrol shifts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.time_zone = ZoneInfo("UTC")
        self.cards: list[ShiftCard] = []
        self.rects: dict[int, QRectF] = {}
        self.selected_id: int | None = None
        # Keyboard cursor: (day 0-6, slot 0-47 from 06:00).
        self.focus_slot = (0, (20 - DAY_STARTS) * 60 // SLOT_MINUTES)

    # -- data ---------------------------------------------------------------------------------
    def set_week(self, monday: dt.date, cards: Sequence[ShiftCard], time_zone: ZoneInfo) -> None:
        self.monday, self.time_zone = monday, time_zone
        self.cards = list(cards)
        if self.selected_id not in {c.id for c in self.cards}:
            self.selected_id = None
        self._layout()
        self.update()

    def card(self, shift_id: int) -> ShiftCard | None:
        return next((c for c in self.cards if c.id == shift_id), None)

    def sizeHint(self) -> QSize:
        return QSize(7 * 120 + GUTTER, HEADER + 24 * 24)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 60 + GUTTER, HEADER + 24 * MIN_HOUR_HEIGHT)

    @property
    def hour_height(self) -> float:
        """The whole watch day always fits: no scrolling, the day names stay in sight."""
        return max(MIN_HOUR_HEIGHT, (self.height() - HEADER - 1) / 24)

    def resizeEvent(self, event: object) -> None:
        self._layout()

    # -- geometry -----------------------------------------------------------------------------
    def _day_width(self) -> float:
        return max(1.0, (self.width() - GUTTER) / 7)

    def slot_rect(self, day: int, slot: int) -> QRect:
        """Where a half-hour slot is drawn (also what tests click)."""
        x = GUTTER + day * self._day_width()
        y = HEADER + slot * self.hour_height * SLOT_MINUTES / 60
        return QRect(
            int(x) + 1, int(y) + 1, int(self._day_width()) - 2, int(self.hour_height / 2) - 2
        )

    def slot_at(self, point: QPoint) -> tuple[int, int] | None:
        if point.x() < GUTTER or point.y() < HEADER:
            return None
        day = int((point.x() - GUTTER) // self._day_width())
        slot = int((point.y() - HEADER) // (self.hour_height * SLOT_MINUTES / 60))
        if 0 <= day < 7 and 0 <= slot < 24 * 60 // SLOT_MINUTES:
            return day, slot
        return None

    def slot_time(self, day: int, slot: int) -> tuple[dt.date, dt.time]:
        """Local date and start time of a slot (slots after midnight belong to the next date)."""
        start = dt.datetime.combine(self.monday + dt.timedelta(days=day), dt.time(DAY_STARTS))
        moment = start + dt.timedelta(minutes=slot * SLOT_MINUTES)
        return moment.date(), moment.time()

    def shift_at(self, point: QPoint) -> int | None:
        for shift_id, rect in self.rects.items():
            if rect.contains(point.toPointF()):
                return shift_id
        return None

    def _layout(self) -> None:
        """Place each shift in its day column; overlapping shifts share it in lanes."""
        self.rects = {}
        width, hour = self._day_width(), self.hour_height
        per_day: dict[int, list[tuple[float, float, ShiftCard]]] = {}
        for card in self.cards:
            day, offset = watch_day(card.starts_at, self.time_zone)
            index = (day - self.monday).days
            if not 0 <= index < 7:
                continue
            hours = (card.ends_at - card.starts_at).total_seconds() / 3600
            end = min(24.0, offset + hours)
            per_day.setdefault(index, []).append((offset, end, card))
        for index, items in per_day.items():
            placed = _in_lanes(sorted(items, key=lambda item: (item[0], item[2].id)))
            lanes = 1 + max(lane for lane, *_ in placed)
            lane_width = (width - 6) / lanes
            for lane, start, end, card in placed:
                x = GUTTER + index * width + 3 + lane * lane_width
                y = HEADER + start * hour
                height = max(hour / 2, (end - start) * hour)
                self.rects[card.id] = QRectF(x, y, max(2.0, lane_width - 2), height - 2)

    # -- drawing ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        width = self._day_width()
        grid = QColor("#d6dbe1")
        text = palette.text().color()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        painter.setFont(small)
        today = dt.datetime.now(self.time_zone).date()
        for day in range(7):
            date = self.monday + dt.timedelta(days=day)
            x = GUTTER + day * width
            header = QRectF(x, 0, width, HEADER)
            if date == today:
                painter.fillRect(header, QColor("#e3ecf7"))
            painter.setPen(text)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, shown_day(date, short=True))
            painter.setPen(grid)
            painter.drawLine(int(x), 0, int(x), self.height())
        step = self.hour_height
        every = 1 if step >= QFontMetrics(small).height() else 2  # hour labels must not touch
        for hour in range(25):
            y = int(HEADER + hour * step)
            painter.setPen(grid)
            painter.drawLine(GUTTER, y, self.width(), y)
            if hour < 24 and hour % every == 0:
                painter.setPen(QColor("#5f6b7a"))
                label = f"{(hour + DAY_STARTS) % 24:02d}:00"
                painter.drawText(
                    QRect(0, y, GUTTER - 6, int(step)), Qt.AlignmentFlag.AlignRight, label
                )
        self._paint_cursor(painter)
        metrics = QFontMetrics(small)
        for card in self.cards:
            rect = self.rects.get(card.id)
            if rect is not None:
                self._paint_card(painter, card, rect, metrics)
        painter.end()

    def _paint_cursor(self, painter: QPainter) -> None:
        if not self.hasFocus():
            return
        painter.setPen(QPen(QColor("#1d4e89"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.slot_rect(*self.focus_slot))

    def _paint_card(
        self, painter: QPainter, card: ShiftCard, rect: QRectF, metrics: QFontMetrics
    ) -> None:
        fill, border = COLOURS[state_of(card)]
        selected = card.id == self.selected_id
        if rect.width() < 6 and not selected:
            # A sliver among hundreds of lanes (all blocks of a big group): a plain bar in the
            # border colour reads better and paints several times faster than a rounded card.
            painter.fillRect(rect, border)
            return
        painter.setBrush(fill)
        painter.setPen(QPen(QColor("#1d4e89") if selected else border, 3 if selected else 1))
        painter.drawRoundedRect(rect, 3, 3)
        if rect.width() < 28:
            return
        start = card.starts_at.astimezone(self.time_zone)
        staffing = "cancelled" if card.cancelled else f"{card.assigned}/{card.minimum}"
        if card.problems:
            staffing += " ⚠"
        lines = [f"{shown_clock(start)} {card.place}", staffing, *card.names]
        inner = rect.adjusted(3, 2, -3, -2)
        painter.setPen(QColor("#1f2933"))
        y = inner.top()
        for line in lines:
            if y + metrics.height() > inner.bottom() + 1:
                break
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(QRectF(inner.left(), y, inner.width(), metrics.height()), shown)
            y += metrics.height()

    # -- interaction --------------------------------------------------------------------------
    def select(self, shift_id: int | None) -> None:
        if shift_id != self.selected_id:
            self.selected_id = shift_id
            self.selection_changed.emit(shift_id)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        point = event.position().toPoint()
        shift_id = self.shift_at(point)
        slot = self.slot_at(point)
        if slot is not None:
            self.focus_slot = slot
        if shift_id is not None:
            self.select(shift_id)
        elif slot is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(None)
            self.create_requested.emit(*self.slot_time(*slot))
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        shift_id = self.shift_at(event.position().toPoint())
        if shift_id is not None:
            self.edit_requested.emit(shift_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        day, slot = self.focus_slot
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in moves:
            step_day, step_slot = moves[Qt.Key(key)]
            self.focus_slot = (min(6, max(0, day + step_day)), min(47, max(0, slot + step_slot)))
            centre = self.slot_rect(*self.focus_slot).center()
            self.select(self.shift_at(centre))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected_id is not None:
                self.edit_requested.emit(self.selected_id)
            else:
                self.create_requested.emit(*self.slot_time(day, slot))
        elif key == Qt.Key.Key_PageUp:
            self.week_requested.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.week_requested.emit(1)
        else:
            super().keyPressEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            shift_id = self.shift_at(event.pos())
            card = self.card(shift_id) if shift_id is not None else None
            if card is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(card), self)
            return True
        return super().event(event)  # type: ignore[arg-type]

    def describe(self, card: ShiftCard) -> str:
        start = card.starts_at.astimezone(self.time_zone)
        end = card.ends_at.astimezone(self.time_zone)
        state = "Cancelled" if card.cancelled else card.state.capitalize()
        names = ", ".join(card.names) or "nobody yet"
        text = (
            f"{card.place}\n{shown_day(start.date(), short=True)} "
            f"{shown_clock(start)}–{shown_clock(end)}\n"
            f"{state}: {card.assigned} of {card.minimum} needed ({names})"
        )
        if card.problems:
            text += f"\n{counted(card.problems, 'conflict')} to look at"
        return text

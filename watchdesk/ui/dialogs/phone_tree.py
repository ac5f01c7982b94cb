"""A block's phone tree: generate it, reorder by drag-and-drop or Move up/down, save, print,
and log a drill. Save (or Enter) keeps what is pending, a new order and a drill typed in, and
closes; Close asks first when something is pending."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from watchdesk.core.phonetree import DEFAULT_FAN_OUT, MAX_FAN_OUT, build_links, calls_of
from watchdesk.core.validation import display_phone
from watchdesk.ops import phone_trees as tree_ops
from watchdesk.services.phone_trees import PhoneTree
from watchdesk.ui import unsaved
from watchdesk.ui.context import AppContext
from watchdesk.ui.dialogs.base import NOT_FORM, FormDialog
from watchdesk.ui.forms import shown_date

ID_ROLE = Qt.ItemDataRole.UserRole


class PhoneTreeDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, context: AppContext, blocks: list[tuple[int, str]]
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.tree: PhoneTree | None = None
        self.shown_tree: tuple[list[int], int] = ([], DEFAULT_FAN_OUT)  # as stored
        self.setWindowTitle("Phone trees")
        self.resize(760, 560)
        self.block = QComboBox()
        self.block.setObjectName("tree_block")
        self.block.setProperty(NOT_FORM, True)  # which block to show, not a change
        for block_id, name in blocks:
            self.block.addItem(name, block_id)
        self.fan_out = QSpinBox()
        self.fan_out.setObjectName("fan_out")
        self.fan_out.setRange(1, MAX_FAN_OUT)
        self.fan_out.setValue(DEFAULT_FAN_OUT)
        self.fan_out.setProperty(NOT_FORM, True)  # a change of the tree: see tree_changed
        self.head = QLabel()
        self.head.setObjectName("tree_head")
        self.order = QListWidget()
        self.order.setObjectName("tree_order")
        self.order.setProperty(NOT_FORM, True)  # see tree_changed
        # Drag-and-drop reorders the calling order; callers follow from the order.
        self.order.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.order.model().rowsMoved.connect(self._order_changed)
        self.calls = QLabel()
        self.calls.setObjectName("tree_calls")
        self.calls.setWordWrap(True)
        self.calls.setTextFormat(Qt.TextFormat.PlainText)
        self.calls.setAlignment(Qt.AlignmentFlag.AlignTop)

        top = QHBoxLayout()
        top.addWidget(QLabel("Block"))
        top.addWidget(self.block, 1)
        top.addWidget(QLabel("Each person calls at most"))
        top.addWidget(self.fan_out)
        buttons = QVBoxLayout()
        for text, name, slot in (
            ("Move up", "move_up", lambda: self.move_selected(-1)),
            ("Move down", "move_down", lambda: self.move_selected(1)),
            ("Start afresh", "generate_tree", self.generate),
            ("Save order", "save_tree", self.save),
            ("Print all blocks…", "print_trees", self.print_trees),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.order, 2)
        middle.addLayout(buttons)
        middle.addWidget(self.calls, 2)

        drill_box = QGroupBox("Log a drill (tick who was reached)")
        drill_form = QFormLayout(drill_box)
        self.drill_date = QLineEdit(dt.date.today().isoformat())
        self.drill_date.setObjectName("drill_date")
        self.drill_minutes = QSpinBox()
        self.drill_minutes.setObjectName("drill_minutes")
        self.drill_minutes.setRange(0, 24 * 60)
        self.drill_minutes.setSuffix(" min")
        self.drill_notes = QLineEdit()
        self.drill_notes.setObjectName("drill_notes")
        log_button = QPushButton("Log drill")
        log_button.setObjectName("log_drill")
        log_button.clicked.connect(self.log_drill)
        self.drills = QLabel()
        self.drills.setObjectName("drills")
        drill_form.addRow("Date", self.drill_date)
        drill_form.addRow("Minutes to complete", self.drill_minutes)
        drill_form.addRow("Notes", self.drill_notes)
        drill_form.addRow(log_button, self.drills)
        self.drill_box = drill_box
        # Enter in the drill's fields logs the drill.
        self.enter_clicks(log_button, self.drill_date, self.drill_minutes, self.drill_notes)
        self.drill_blank = self.drill_state()

        body = QVBoxLayout()
        body.addLayout(top)
        body.addWidget(self.head)
        body.addLayout(middle, 1)
        body.addWidget(drill_box)
        box = self.button_box(self.finish, cancel=QDialogButtonBox.StandardButton.Close)
        self.set_body(body, box)
        self.block.currentIndexChanged.connect(self._block_chosen)
        self.fan_out.valueChanged.connect(self._order_changed)
        self.load()

    # -- data --------------------------------------------------------------------------------
    def _block_chosen(self) -> None:
        """Another block: an order moved on screen is saved or dropped as the user says."""
        tree = self.tree
        if tree is not None and tree.head is not None and self.tree_changed():
            answer = unsaved.ask(self, f"the phone tree order of {tree.block_name}")
            if answer == unsaved.Button.Cancel or (
                answer == unsaved.Button.Save and not self.save()
            ):
                self.block.blockSignals(True)
                self.block.setCurrentIndex(self.block.findData(tree.block_id))
                self.block.blockSignals(False)
                return
        self.load()

    def block_id(self) -> int | None:
        value = self.block.currentData()
        return int(value) if value is not None else None

    def load(self) -> None:
        block_id = self.block_id()
        if block_id is None:
            return
        self._show(tree_ops.tree_of(self.context.db, block_id, self.fan_out.value()))

    def generate(self) -> None:
        db, block_id, fan_out = self.context.db, self.block_id(), self.fan_out.value()
        if block_id is not None:
            self._show(
                self.context.operations.perform_now(
                    self, lambda: tree_ops.make_tree(db, block_id, fan_out)
                )
            )

    def save(self) -> bool:
        """Store the order on screen (of the block it shows); False (after saying why) when
        it could not be."""
        tree = self.tree
        if tree is None or tree.head is None:
            return False
        db, block_id, head = self.context.db, tree.block_id, tree.head.member_id
        order, fan_out = self.current_order(), self.fan_out.value()
        saved = self.context.operations.perform_now(
            self, lambda: tree_ops.save_order(db, block_id, head, order, fan_out)
        )
        if saved is not None and self.block_id() == block_id:
            self._show(saved)
        return saved is not None

    # -- what is pending ---------------------------------------------------------------------
    def tree_changed(self) -> bool:
        """The order or the fan-out on screen is not the one stored."""
        return (self.current_order(), self.fan_out.value()) != self.shown_tree

    def drill_state(self) -> tuple[str, int, str]:
        return self.drill_date.text(), self.drill_minutes.value(), self.drill_notes.text()

    def extra_state(self) -> object:
        return self.tree_changed()

    def finish(self) -> None:
        """Save: store a changed order, log a drill typed in, then close."""
        tree = self.tree
        storable = tree is not None and tree.head is not None
        if storable and self.tree_changed() and not self.save():
            return
        if self.drill_state() != self.drill_blank and not self.log_drill():
            return
        self.accept()

    def _show(self, tree: PhoneTree | None) -> None:
        if tree is None:
            return
        self.tree = tree
        self.shown_tree = ([line.person.member_id for line in tree.lines], tree.fan_out)
        self.order.clear()
        if tree.head is None:
            self.head.setText("Nobody in this block has agreed to be in the phone tree.")
        else:
            phone = display_phone(tree.head.phone)
            self.head.setText(f"Head of the tree: {tree.head.name} {phone}".rstrip())
        for line in tree.lines:
            item = QListWidgetItem(line.person.name)
            item.setData(ID_ROLE, line.person.member_id)
            item.setCheckState(Qt.CheckState.Checked)
            self.order.addItem(item)
        self._order_changed()
        self._show_drills()

    def current_order(self) -> list[int]:
        return [int(self.order.item(i).data(ID_ROLE)) for i in range(self.order.count())]

    def move_selected(self, step: int) -> None:
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(row)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)
        self._order_changed()

    def _order_changed(self) -> None:
        """Show who calls whom for the order on screen (saved only with Save order)."""
        tree = self.tree
        if tree is None or tree.head is None:
            self.calls.clear()
            return
        names = {i: self.order.item(p).text() for p, i in enumerate(self.current_order())}
        names[tree.head.member_id] = tree.head.name
        links = build_links(tree.head.member_id, self.current_order(), self.fan_out.value())
        lines = [
            f"{names[caller]} calls {', '.join(names[m] for m in called)}"
            for caller, called in calls_of(links).items()
        ]
        order = self.current_order()
        if order:
            lines.append(f"{names[order[-1]]} reports back to {tree.head.name}.")
        self.calls.setText("\n".join(lines))

    # -- drills and printing -----------------------------------------------------------------
    def log_drill(self) -> bool:
        block_id = self.block_id()
        if block_id is None:
            return False
        reached = {
            int(self.order.item(i).data(ID_ROLE)): self.order.item(i).checkState()
            == Qt.CheckState.Checked
            for i in range(self.order.count())
        }
        day, minutes = self.drill_date.text(), self.drill_minutes.value()
        notes, db = self.drill_notes.text(), self.context.db
        logged = self.context.operations.perform_now(
            self, lambda: tree_ops.log_drill(db, block_id, day, minutes, reached, notes)
        )
        if logged is None:
            return False
        self._show_drills()
        self.drill_blank = self.drill_state()
        self.mark_clean(self.drill_box)
        return True

    def _show_drills(self) -> None:
        block_id = self.block_id()
        if block_id is None:
            return
        drills = tree_ops.drills_of(self.context.db, block_id)
        self.drills.setText(
            "; ".join(
                f"{shown_date(d.held_on)}: {d.reached}/{d.contacted} reached"
                + (f" in {d.minutes_to_complete} min" if d.minutes_to_complete is not None else "")
                for d in drills[:3]
            )
            or "No drills logged yet."
        )

    def print_trees(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save phone trees", "phone-trees.pdf", "PDF (*.pdf)"
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, target: Path) -> None:
        from watchdesk.ops.reports import build_phone_trees

        db, group_id, fan_out = self.context.db, self.context.group_id, self.fan_out.value()
        assert group_id is not None
        self.context.operations.query(
            self,
            "phone tree PDF",
            lambda progress: build_phone_trees(db, group_id, target, fan_out, progress),
            lambda _path: None,
        )

"""Phone trees, one block per page: who calls whom, what to do when someone does not answer,
who reports back, and lines to log a drill."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, PageBreak

from watchdesk.core.progress import Progress, SilentProgress
from watchdesk.core.validation import display_phone
from watchdesk.reports.base import (
    ReportSpec,
    build_pdf,
    inch,
    markup,
    spacer,
    table,
    text,
    title_block,
)
from watchdesk.services.phone_trees import Person, PhoneTree


def _who(person: Person) -> str:
    phone = display_phone(person.phone)
    return f"{person.name}, {phone}" if phone else person.name


def tree_story(tree: PhoneTree, drill_log: bool = True) -> list[Flowable]:
    """One block's tree (also used by the meeting packet, without the drill log)."""
    story: list[Flowable] = [text(tree.block_name, "heading")]
    if tree.head is None:
        return [
            *story,
            text("Nobody in this block has agreed to be in the phone tree yet.", "body"),
        ]
    reports = tree.reports_back.name if tree.reports_back else tree.head.name
    story.append(
        markup(
            f"<b>Starts with:</b> {escape(_who(tree.head))}, who calls the first "
            f"{tree.fan_out}. Each person calls at most {tree.fan_out}.<br/>"
            "<b>If someone does not answer:</b> leave a message, then call the people "
            "<i>they</i> would have called, so the message keeps moving.<br/>"
            f"<b>Last caller:</b> {escape(reports)} calls {escape(tree.head.name)} back to "
            "say the tree is complete.",
            "note",
        )
    )
    rows = [
        (
            str(line.position),
            line.person.name,
            display_phone(line.person.phone),
            line.caller.name,
            ", ".join(p.name for p in line.calls) or "—",
        )
        for line in tree.lines
    ]
    widths = (0.35 * inch, 1.7 * inch, 1.25 * inch, 1.6 * inch, 2.4 * inch)
    story.append(table(("#", "Name", "Phone", "Called by", "Then calls"), rows, widths))
    if not drill_log:
        return story
    story += [
        spacer(14),
        text("Drill log", "heading"),
        table(
            ("Date", "Started", "Finished", "Reached / total", "Notes"),
            [("", "", "", "", "")] * 3,
            (1.1 * inch, 0.9 * inch, 0.9 * inch, 1.2 * inch, 3.2 * inch),
            row_height=0.32 * inch,
        ),
    ]
    return story


def build_phonetree_pdf(
    group_name: str,
    trees: list[PhoneTree],
    target: Path,
    progress: Progress | None = None,
    time_zone: str = "",
) -> Path:
    progress = progress or SilentProgress()
    spec = ReportSpec(
        "Phone trees",
        group_name,
        footer_note="Only members who agreed to the phone tree are listed",
        time_zone=time_zone,
    )
    story: list[Flowable] = []
    for done, tree in enumerate(trees):
        progress.report(done, len(trees), tree.block_name)
        progress.check_cancelled()
        if done:
            story.append(PageBreak())
        story += title_block("Phone tree", f"{group_name} · {tree.block_name}")
        story += tree_story(tree)[1:]  # the title block already names the block
    if not trees:
        story += title_block("Phone tree", group_name)
        story.append(text("This group has no blocks yet.", "body"))
    return build_pdf(target, spec, story, progress)

"""The meeting packet: agenda, the last 30 days, the block map, the next four weeks of rota with
gaps marked, upcoming trainings, each block's phone tree, the sign-in sheet pre-filled from the
roster, and blank person and vehicle description forms. Portrait, printed double-sided or not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, TableStyle

from watchdesk.core import dates
from watchdesk.core.progress import Progress
from watchdesk.core.streets import Street
from watchdesk.core.validation import display_phone
from watchdesk.core.words import count as counted
from watchdesk.reports.base import (
    ReportSpec,
    build_pdf,
    fields_box,
    inch,
    spacer,
    table,
    text,
    title_block,
)
from watchdesk.reports.blank_forms import person_form, vehicle_form
from watchdesk.reports.figures import category_chart, map_figure
from watchdesk.reports.phonetree import tree_story
from watchdesk.reports.precinct import summary_box
from watchdesk.reports.rota import PORTRAIT_WIDTHS, week_story, weeks_of
from watchdesk.services.packet import MeetingPacket

TITLE = "Meeting packet"
SIGN_IN_BLANK_LINES = 12
FOOTER = (
    "For watch members: contact details only of members who agreed; observations as shared "
    "with the precinct"
)


def _clock(moment: dt.datetime) -> str:
    """The wall-clock time of a moment already in the group's zone."""
    return dates.clock(moment.time())


def _agenda(packet: MeetingPacket) -> list[Flowable]:
    meeting = packet.meeting
    when = f"{dates.long_day(meeting.starts)}, {_clock(meeting.starts)}"
    if meeting.ends is not None:
        when += f" to {_clock(meeting.ends)}"
    story: list[Flowable] = [
        *title_block(meeting.title, f"{packet.group_name} · {TITLE}"),
        fields_box(
            [("When", when), ("Where", meeting.place), ("Kind", meeting.kind)],
            pairs=1,
            label_width=1.1 * inch,
        ),
        text("Agenda", "heading"),
    ]
    if packet.agenda:
        rows = [
            (
                _clock(line.starts) if line.starts else "",
                line.title,
                line.presenter,
                f"{line.minutes} min" if line.minutes else "",
            )
            for line in packet.agenda
        ]
        story.append(
            table(
                ("Time", "Item", "Presenter", "Length"),
                rows,
                (0.85 * inch, 3.75 * inch, 1.9 * inch, 0.8 * inch),
            )
        )
    else:
        story.append(text("No agenda has been set for this meeting yet.", "body"))
    if meeting.officer_briefing:
        story += [text("Officer's briefing", "heading"), text(meeting.officer_briefing, "body")]
    story += [spacer(10), text("Notes", "heading")]
    story.append(table(("",), [("",)] * 6, (7.3 * inch,), row_height=0.3 * inch))
    return story


def _last_days(
    packet: MeetingPacket, tiles: Path | None, streets: Sequence[Street], streets_note: str
) -> list[Flowable]:
    facts = packet.summary
    story: list[Flowable] = [
        PageBreak(),
        text(f"The last {counted(facts.period.days, 'day')}: {facts.period.describe()}", "heading"),
        summary_box(facts),
    ]
    if facts.by_category:
        story += [
            spacer(8),
            KeepTogether(
                [text("Observations by category", "cell_bold"), category_chart(facts.by_category)]
            ),
        ]
    note = f"Blocks, and the period's observations to about {facts.group.share_precision_m} m."
    if streets_note:
        note = f"{note} {streets_note[0].upper()}{streets_note[1:]}."
    figure = map_figure(facts.outlines, facts.spots, note, tiles, streets=streets)
    if figure is not None:
        story += [CondPageBreak(5.2 * inch), KeepTogether([text("Block map", "heading"), figure])]
    return story


def _rota(packet: MeetingPacket) -> list[Flowable]:
    time_zone = ZoneInfo(packet.timezone)
    gaps = sum(1 for c in packet.rota if not c.cancelled and c.assigned < c.minimum)
    summary = (
        f"{counted(gaps, 'shift')} need{'s' if gaps == 1 else ''} more patrollers (grey rows): "
        "sign up at the meeting."
        if gaps
        else "Every shift has its minimum number of patrollers."
    )
    story: list[Flowable] = [
        PageBreak(),
        text(f"Patrol rota: {dates.period(packet.rota_first, packet.rota_last)}", "heading"),
        text(summary, "body"),
        spacer(4),
    ]
    for week in weeks_of(packet.rota, packet.rota_first, packet.rota_last):
        story += [
            CondPageBreak(1.5 * inch),
            *week_story(week, time_zone, "cell_bold", PORTRAIT_WIDTHS),
        ]
        story.append(spacer(6))
    return story


def _trainings(packet: MeetingPacket) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(2 * inch), text("Upcoming trainings", "heading")]
    if not packet.trainings:
        return [*story, text("No training sessions are scheduled in the next eight weeks.", "body")]
    rows = [
        (
            f"{dates.day_month(t.starts)}, {_clock(t.starts)}",
            t.course,
            t.location,
            t.instructor,
            t.places,
        )
        for t in packet.trainings
    ]
    return [
        *story,
        table(
            ("When", "Course", "Where", "Instructor", "Places"),
            rows,
            (1.25 * inch, 1.85 * inch, 1.6 * inch, 1.4 * inch, 1.2 * inch),
        ),
    ]


def _phone_trees(packet: MeetingPacket) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        text("Phone trees", "title"),
        text("Only members who agreed to be in the phone tree are listed.", "subtitle"),
    ]
    for tree in packet.trees:
        story += [CondPageBreak(2.2 * inch), *tree_story(tree, drill_log=False), spacer(6)]
    if not packet.trees:
        story.append(text("This group has no blocks yet.", "body"))
    return story


def _sign_in(packet: MeetingPacket) -> list[Flowable]:
    left_off = packet.left_off_sign_in
    details = f"{packet.meeting.title} · {dates.long_day(packet.meeting.starts)}"
    if left_off:
        details += (
            f" · {counted(left_off, 'member')} not printed (no consent to a "
            "printed roster): please write your name on a blank line"
        )
    rows = [(line.name, line.address, display_phone(line.phone), "") for line in packet.sign_in]
    rows += [("", "", "", "")] * SIGN_IN_BLANK_LINES
    sheet = table(
        ("Name", "Address", "Phone", "Signature"),
        rows,
        (1.9 * inch, 2.0 * inch, 1.2 * inch, 2.2 * inch),
    )
    # Room to sign on every line, and a long name or address still fits (rows grow).
    sheet.setStyle(
        TableStyle([("TOPPADDING", (0, 1), (-1, -1), 6), ("BOTTOMPADDING", (0, 1), (-1, -1), 6)])
    )
    return [PageBreak(), *title_block("Sign-in sheet", details), sheet]


def packet_story(
    packet: MeetingPacket,
    tiles: Path | None = None,
    streets: Sequence[Street] = (),
    streets_note: str = "",
) -> list[Flowable]:
    return [
        *_agenda(packet),
        *_last_days(packet, tiles, streets, streets_note),
        *_rota(packet),
        *_trainings(packet),
        *_phone_trees(packet),
        *_sign_in(packet),
        PageBreak(),
        *person_form(packet.non_emergency_phone),
        PageBreak(),
        *vehicle_form(packet.non_emergency_phone),
    ]


def build_packet_pdf(
    packet: MeetingPacket,
    target: Path,
    progress: Progress | None = None,
    tiles: Path | None = None,
    streets: Sequence[Street] = (),
    streets_note: str = "",
) -> Path:
    spec = ReportSpec(
        f"{TITLE}, {dates.day_month(packet.meeting.starts)}",
        packet.group_name,
        footer_note=FOOTER,
        generated_at=packet.summary.generated_at,
        time_zone=packet.timezone,
    )
    if progress is not None:
        progress.report(0, 0, "Laying out the packet")
    return build_pdf(target, spec, packet_story(packet, tiles, streets, streets_note), progress)

"""The precinct activity report: cover, summary figures against the previous period, charts,
a map drawn without network, every observation of the period, patrols and training.

What may be printed was decided by ``services.precinct`` (redaction); this module lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Table, TableStyle

from watchdesk.core import dates
from watchdesk.core.progress import Progress
from watchdesk.core.streets import Street
from watchdesk.core.words import count as counted
from watchdesk.reports.base import (
    ACCENT,
    ReportSpec,
    build_pdf,
    fields_box,
    inch,
    markup,
    spacer,
    table,
    text,
)
from watchdesk.reports.figures import category_chart, map_figure, weekly_chart, when_grid
from watchdesk.reports.rows_table import RowsTable
from watchdesk.services.precinct import MAP_SNAP_M, ObservationLine, PrecinctFacts

TITLE = "Neighborhood watch activity report"
OBSERVATION_COLUMNS = (
    ("Date", 0.5),
    ("Time", 0.4),
    ("Category", 0.95),
    ("Location", 1.35),
    ("Description", 1.85),
    ("Reported by", 0.85),
    ("Police case", 0.7),
    ("Status", 0.5),
)
# Across groups the group comes first; narrower places and descriptions make room for it.
GROUP_OBSERVATION_COLUMNS = (
    ("Group", 0.85),
    ("Date", 0.45),
    ("Time", 0.37),
    ("Category", 0.85),
    ("Location", 1.1),
    ("Description", 1.5),
    ("Reported by", 0.8),
    ("Police case", 0.68),
    ("Status", 0.5),
)


def _precision(facts: PrecinctFacts) -> str:
    """ "100 m", or across groups whose sharing precisions differ "50–200 m, each group's own"."""
    metres = sorted({part.group.share_precision_m for part in facts.parts or [facts]})
    if len(metres) == 1:
        return f"{metres[0]} m"
    return f"{metres[0]}–{metres[-1]} m, each group's own"


def redaction_note(facts: PrecinctFacts) -> str:
    if not facts.redacted:
        return "INTERNAL COPY, NOT REDACTED: names and exact addresses. Do not distribute."
    return (
        "Redacted: no member phone, email or home address; reporters by role unless they "
        f"agreed to be named; locations to the hundred block (map ~{_precision(facts)})"
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _change(facts: PrecinctFacts) -> str:
    before, change = facts.previous_observations, facts.change
    days = facts.period.days
    if before == 0:
        return f"{before} in the previous {counted(days, 'day')}"
    return (
        f"{change:+d} ({100 * change / before:+.0f}%) against {before} in the previous "
        f"{counted(days, 'day')}"
    )


def _time_zone(facts: PrecinctFacts) -> str:
    """The group's time zone; across groups, theirs if they share one (else this computer's)."""
    zones = (
        {facts.group.timezone} if facts.group.timezone else {p.group.timezone for p in facts.parts}
    )
    return zones.pop() if len(zones) == 1 else ""


def _cover(facts: PrecinctFacts) -> list[Flowable]:
    group = facts.group
    generated = dates.moment(facts.generated_at, _time_zone(facts))
    period = ("Period", f"{facts.period.describe()} ({counted(facts.period.days, 'day')})")
    if facts.parts:
        details = [
            ("Watch groups", f"{len(facts.parts)}"),
            ("Precinct", group.precinct),
            period,
            ("Generated", generated),
        ]
    else:
        details = [
            ("Watch group", group.name),
            ("Watch number", group.watch_number),
            ("Precinct", group.precinct),
            ("Beat", group.beat),
            ("Liaison officer", group.liaison),
            period,
            ("Generated", generated),
        ]
    story: list[Flowable] = [
        spacer(1.2 * inch if not facts.parts else 0.6 * inch),
        markup(
            f'<font color="#{ACCENT.hexval()[2:]}">Activity report for the precinct</font>',
            "subtitle",
        ),
        text(group.name, "title"),
        text(TITLE, "subtitle"),
        spacer(18),
        fields_box(details, pairs=1, label_width=1.6 * inch, width=6.2 * inch),
    ]
    if facts.parts:
        story += [spacer(12), _groups_table(facts)]
    story += [spacer(18), text(redaction_note(facts), "note")]
    if facts.observations == 0:
        story.append(
            text("Nothing to report: no observations were recorded in this period.", "note")
        )
    story.append(PageBreak())
    return story


def _groups_table(facts: PrecinctFacts) -> Table:
    """The groups a report across groups covers, with who to call about each."""
    rows = [
        (g.name, g.watch_number, g.beat, g.liaison, f"{part.observations:,}")
        for part in facts.parts
        for g in [part.group]
    ]
    return table(
        ("Watch group", "Watch number", "Beat", "Liaison officer", "Observations"),
        rows,
        (1.8 * inch, 0.9 * inch, 0.75 * inch, 1.6 * inch, 1.15 * inch),
    )


def _by_group(facts: PrecinctFacts) -> list[Flowable]:
    """Each group's headline figures side by side (their sums are the summary above)."""
    rows = [
        (
            part.group.name,
            f"{part.observations:,}",
            f"{part.reported_to_police:,}",
            f"{part.shifts_held:,}",
            _percent(part.coverage_percent),
            f"{part.volunteer_hours:,.1f}",
            _percent(part.training_percent),
        )
        for part in facts.parts
    ]
    widths = (2.1, 1.15, 0.8, 0.7, 0.85, 0.8, 0.8)
    return [
        spacer(8),
        text("By watch group", "cell_bold"),
        spacer(3),
        table(
            ("Watch group", "Observations", "To police", "Shifts", "Coverage", "Hours", "Trained"),
            rows,
            [w * inch for w in widths],
        ),
    ]


def summary_box(facts: PrecinctFacts) -> Table:
    """The period's figures, each with its definition's wording (also in the meeting packet)."""
    cases = facts.with_case_number
    figures = [
        ("Observations", f"{facts.observations:,}   {_change(facts)}"),
        (
            "Reported to police",
            f"{facts.reported_to_police:,}, {cases:,} with a police case number",
        ),
        ("Open follow-ups", f"{facts.open_follow_ups:,} on this period's observations"),
        ("Patrol shifts held", f"{facts.shifts_held:,}"),
        (
            "Coverage",
            f"{_percent(facts.coverage_percent)} of shifts at minimum staffing "
            f"({facts.shifts_covered:,} of {facts.shifts_held:,})",
        ),
        ("Volunteer hours", f"{facts.volunteer_hours:,.1f}"),
        ("Active members", f"{facts.active_members:,}"),
        (
            "Training compliance",
            f"{_percent(facts.training_percent)} of members who need training are current "
            f"({facts.trained:,} of {facts.needing_training:,})",
        ),
    ]
    return fields_box(figures, pairs=1, label_width=1.6 * inch)


def _charts(facts: PrecinctFacts) -> list[Flowable]:
    if facts.observations == 0:
        return [
            text("Observations", "heading"),
            text("No observations were recorded in this period.", "body"),
        ]
    pair = Table(
        [
            [text("By category", "cell_bold"), text("By week", "cell_bold")],
            [category_chart(facts.by_category), weekly_chart(facts.by_week)],
        ],
        colWidths=[3.65 * inch, 3.65 * inch],
    )
    pair.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [
        text("Observations", "heading"),
        pair,
        KeepTogether(
            [
                text("When: weekday and hour of day (local time)", "cell_bold"),
                spacer(4),
                when_grid(facts.when),
            ]
        ),
    ]


def _map(
    facts: PrecinctFacts, tiles: Path | None, streets: Sequence[Street], streets_note: str
) -> list[Flowable]:
    note = (
        f"Locations rounded to about {_precision(facts)}."
        if facts.redacted
        else f"Locations to about {MAP_SNAP_M} m; exact addresses in the table."
    )
    if streets_note:
        note = f"{note} {streets_note[0].upper()}{streets_note[1:]}."
    figure = map_figure(facts.outlines, facts.spots, note, tiles, streets=streets)
    if figure is None:
        return []
    return [
        CondPageBreak(5.2 * inch),
        KeepTogether([text("Map of the period's observations", "heading"), figure]),
    ]


def _observation_table(
    facts: PrecinctFacts, lines: Iterable[ObservationLine], progress: Progress | None
) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        text(f"Every observation of the period ({facts.observations:,})", "heading"),
    ]
    if not facts.observations:
        return [*story, text("None.", "body")]
    columns = GROUP_OBSERVATION_COLUMNS if facts.parts else OBSERVATION_COLUMNS
    header = [title for title, _w in columns]
    widths = [w * inch for _t, w in columns]
    if facts.parts:
        rows: Iterable[Sequence[str]] = ((line.group, *line[:-1]) for line in lines)
    else:
        rows = (line[:-1] for line in lines)
    return [*story, RowsTable.of(header, rows, widths, facts.observations, progress)]


def _patrols(facts: PrecinctFacts) -> list[Flowable]:
    # Tables drawn as RowsTable: a year of a large group has thousands of uncovered shifts
    # and members missing courses, which platypus' Table lays out slowly.
    story: list[Flowable] = [
        CondPageBreak(2.5 * inch),
        text("Patrols", "heading"),
        text(
            f"{counted(facts.shifts_held, 'shift', thousands=True)} held, "
            f"{len(facts.uncovered):,} below minimum staffing; "
            f"{facts.volunteer_hours:,.1f} volunteer hours.",
            "body",
        ),
        spacer(6),
    ]
    if facts.by_block:
        body = [
            (b.block, f"{b.shifts:,}", f"{b.uncovered:,}", f"{b.hours:,.1f}")
            for b in facts.by_block
        ]
        story.append(
            RowsTable.of(
                ("Block or route", "Shifts", "Uncovered", "Hours"),
                body,
                (3.9 * inch, 1.1 * inch, 1.1 * inch, 1.2 * inch),
            )
        )
    if facts.uncovered:
        story += [spacer(8), text("Shifts below minimum staffing", "cell_bold"), spacer(3)]
        body = [
            (
                dates.day(u.day, short=True),
                u.time,
                u.place,
                f"{u.booked} of {u.minimum}",
            )
            for u in facts.uncovered
        ]
        story.append(
            RowsTable.of(
                ("Date", "Time", "Block or route", "Booked"),
                body,
                (1.3 * inch, 1.2 * inch, 3.7 * inch, 1.1 * inch),
            )
        )
    return story


def _training(facts: PrecinctFacts) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(2 * inch),
        text("Training", "heading"),
        text(
            f"{facts.trained:,} of {counted(facts.needing_training, 'member', thousands=True)} "
            "who need training have every "
            f"required course current ({_percent(facts.training_percent)}).",
            "body",
        ),
        spacer(6),
    ]
    if facts.training_problems:
        who = "Member" if not facts.redacted else "Member (named with consent, else role)"
        body = [(p.who, p.block, p.course, p.status) for p in facts.training_problems]
        story.append(
            RowsTable.of(
                (who, "Block", "Course", "Status"),
                body,
                (2.1 * inch, 2.4 * inch, 1.9 * inch, 0.9 * inch),
            )
        )
    return story


def precinct_story(
    facts: PrecinctFacts,
    lines: Iterable[ObservationLine],
    progress: Progress | None = None,
    tiles: Path | None = None,
    streets: Sequence[Street] = (),
    streets_note: str = "",
) -> list[Flowable]:
    """``lines``: the period's observations in time order (``services.precinct.
    observation_lines``), pulled as the table's pages are laid out; ``tiles``: a folder of
    map tiles for the map's background (``reports.tiles``); ``streets``: street lines drawn
    on the map (``streets_note``: why a streets file was not drawn)."""
    story = [*_cover(facts), text("Summary", "heading"), summary_box(facts)]
    if facts.parts:
        story += _by_group(facts)
    story += [*_charts(facts), *_map(facts, tiles, streets, streets_note)]
    for part in facts.parts or [facts]:
        story += _group_section(part) if facts.parts else [*_patrols(part), *_training(part)]
    return [*story, *_observation_table(facts, lines, progress)]


def _group_section(part: PrecinctFacts) -> list[Flowable]:
    """One group's own figures, patrols and training in a report across groups."""
    group = part.group
    details = [
        ("Watch number", group.watch_number),
        ("Beat", group.beat),
        ("Precinct", group.precinct),
        ("Liaison officer", group.liaison),
    ]
    return [
        PageBreak(),
        text(group.name, "heading"),
        fields_box(details),
        spacer(6),
        summary_box(part),
        *_patrols(part),
        *_training(part),
    ]


def build_precinct_pdf(
    facts: PrecinctFacts,
    lines: Iterable[ObservationLine],
    target: Path,
    progress: Progress | None = None,
    tiles: Path | None = None,
    streets: Sequence[Street] = (),
    streets_note: str = "",
) -> Path:
    spec = ReportSpec(
        TITLE if facts.redacted else f"{TITLE} — INTERNAL, NOT REDACTED",
        facts.group.name,
        footer_note=redaction_note(facts),
        footer_alert=not facts.redacted,
        generated_at=facts.generated_at,
        time_zone=_time_zone(facts),
    )
    if progress is not None:
        progress.report(0, 0, "Laying out the report")
    return build_pdf(
        target, spec, precinct_story(facts, lines, progress, tiles, streets, streets_note), progress
    )

"""One observation as a filled-in suspicious activity report for the precinct: when and where,
what was seen (people and vehicles in the terms of the paper forms), police contact, earlier
sightings and follow-ups. The reporter is named only with their consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, KeepTogether

from watchdesk.core import dates
from watchdesk.core.progress import Progress
from watchdesk.core.vocabulary import (
    OBSERVATION_CATEGORIES,
    OBSERVATION_STATUSES,
    POLICE_CONTACTS,
    SEVERITIES,
    label,
)
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
from watchdesk.services.observation_detail import ObservationDetail


@dataclass(frozen=True)
class ObservationReport:
    detail: ObservationDetail
    group_name: str
    precinct: str | None
    timezone: str
    reported_at: dt.datetime | None


def _section(heading: str, *flowables: Flowable) -> KeepTogether:
    return KeepTogether([text(heading, "heading"), *flowables])


def observation_story(report: ObservationReport) -> list[Flowable]:
    detail, line = report.detail, report.detail.line
    time_zone = ZoneInfo(report.timezone)

    def when(moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        return dates.moment(moment, time_zone, weekday=True)

    point = (
        f"{line.latitude:.5f}, {line.longitude:.5f}"
        if line.latitude is not None and line.longitude is not None
        else ""
    )
    reporter = line.reporter or (
        "Withheld (the reporter has not agreed to be named)" if detail.reporter else "Anonymous"
    )
    precinct = report.precinct or ""
    if precinct and "precinct" not in precinct.lower():
        precinct = f"Precinct {precinct}"
    subtitle = " · ".join(p for p in (report.group_name, precinct) if p)
    story: list[Flowable] = title_block("Suspicious activity report", subtitle)
    story.append(fields_box([("Report ID", line.uuid)], pairs=1))
    story.append(
        fields_box(
            [
                ("Occurred", when(line.occurred_at)),
                ("Recorded", when(report.reported_at)),
                ("Category", label(OBSERVATION_CATEGORIES, line.category)),
                ("Severity", SEVERITIES.get(line.severity, str(line.severity))),
                ("Status", label(OBSERVATION_STATUSES, line.status)),
                ("Block", line.block_name or ""),
                ("Point (lat, lon)", point),
            ]
        )
    )
    story.append(
        fields_box([("Location", line.address_text or ""), ("Reported by", reporter)], pairs=1)
    )
    story.append(_section("What happened", text(line.description or "—", "body")))
    for number, person in enumerate(detail.people, start=1):
        story.append(_section(f"Person {number}", fields_box(person or [("Description", "")])))
    for number, vehicle in enumerate(detail.vehicles, start=1):
        known = (
            "Yes: " + "; ".join(n.describe() for n in vehicle.neighbours)
            if vehicle.neighbours
            else "No"
        )
        rows = [
            *vehicle.lines,
            ("Neighbour's vehicle", known),
            ("Repeat sightings", vehicle.summary),
        ]
        parts: list[Flowable] = [fields_box(rows)]
        if vehicle.earlier:
            parts += [
                spacer(4),
                table(
                    ("Earlier sighting", "Vehicle", "Plate", "Matched by"),
                    [
                        (
                            when(s.occurred_at),
                            s.vehicle,
                            s.plate or "",
                            "plate" if s.by_plate else "colour, make, model",
                        )
                        for s in vehicle.earlier
                    ],
                    (2.3 * inch, 2.6 * inch, 1.0 * inch, 1.4 * inch),
                ),
            ]
        story.append(_section(f"Vehicle {number}", *parts))
    story.append(
        _section(
            "Police contact",
            fields_box(
                [
                    ("Contacted by", label(POLICE_CONTACTS, line.police_contact)),
                    ("When", when(detail.police_contacted_at)),
                    ("Case number", line.case_number or ""),
                    ("Officer", detail.officer or ""),
                    ("Outcome", detail.police_outcome or ""),
                ]
            ),
        )
    )
    if detail.follow_ups:
        follow_ups = [
            (
                f.note,
                dates.date(f.due_on) if f.due_on else "",
                dates.date(f.done_on) if f.done_on else "open",
            )
            for f in detail.follow_ups
        ]
        story.append(
            _section(
                "Follow-ups",
                table(("To do", "Due", "Done"), follow_ups, (4.9 * inch, 1.2 * inch, 1.2 * inch)),
            )
        )
    story.append(
        KeepTogether(
            [
                spacer(14),
                table(
                    ("Prepared by (name)", "Signature", "Date"),
                    [("", "", "")],
                    (2.8 * inch, 3.0 * inch, 1.5 * inch),
                    row_height=0.35 * inch,
                ),
            ]
        )
    )
    return story


def build_observation_pdf(
    report: ObservationReport, target: Path, progress: Progress | None = None
) -> Path:
    spec = ReportSpec(
        "Suspicious activity report",
        report.group_name,
        footer_note="Reporters are named only with their consent",
        time_zone=report.timezone,
    )
    return build_pdf(target, spec, observation_story(report), progress)

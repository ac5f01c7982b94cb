"""Reports and exports: each one call that reads what it needs in one read transaction, then
lays it out or writes the file. The CLI and the GUI (``operations.query``, with progress and
Cancel) both call these.

They are reads: they never change a record, so they leave the undo history alone and do not
mark the file changed. The one pre-work that writes is shared by every view of a period's
shifts (the rota, the calendar file, the shifts table, the meeting packet): weekly series are
expanded through the period's end first, and only when a series is behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from watchdesk.core.phonetree import DEFAULT_FAN_OUT
from watchdesk.core.progress import Progress
from watchdesk.core.streets import Street, StreetsError, parse_streets
from watchdesk.db.engine import Database
from watchdesk.paths import tile_folder
from watchdesk.services.groups import get_group
from watchdesk.services.observation_search import ObservationFilter

if TYPE_CHECKING:
    from watchdesk.maps.build import PickMode


STREETS_MAX_BYTES = 256 * 1024 * 1024  # a big city's centre lines are tens of megabytes


def read_streets(path: Path | None) -> tuple[list[Street], str]:
    """The street lines of the user's streets file (none without one), and why the file
    could not be used ("" when it could): a map is still drawn without them."""
    if path is None:
        return [], ""
    try:
        if path.stat().st_size > STREETS_MAX_BYTES:
            return [], f"the streets file {path.name} is too large to draw"
        return parse_streets(path.read_bytes()), ""
    except OSError as error:
        return [], f"the streets file {path.name} could not be read ({error.strerror or error})"
    except StreetsError as error:
        return [], f"{error} ({path.name})"


# -- the shared pre-work -----------------------------------------------------------------------
def expand_series(db: Database, group_id: int, through: dt.date) -> int:
    """Make shifts of the group's weekly series up to ``through`` (a period printed or
    exported far ahead is then complete); returns how many were added. Writes only when a
    series is behind."""
    from watchdesk.services.patrols import extend_series
    from watchdesk.services.schedule import series_behind

    with db.read() as session:
        if not series_behind(session, group_id, through):
            return 0
    with db.write() as session:
        return extend_series(session, group_id, through)


# -- printed reports ---------------------------------------------------------------------------
def build_roster(
    db: Database, group_id: int, target: Path, progress: Progress | None = None
) -> Path:
    from watchdesk.reports.roster import build_roster_pdf
    from watchdesk.services.rosters import printed_roster

    with db.read() as session:
        roster = printed_roster(session, group_id)
    return build_roster_pdf(roster, target, progress)


def build_phone_trees(
    db: Database,
    group_id: int,
    target: Path,
    fan_out: int = DEFAULT_FAN_OUT,
    progress: Progress | None = None,
) -> Path:
    from watchdesk.reports.phonetree import build_phonetree_pdf
    from watchdesk.services.phone_trees import trees_for_group

    with db.read() as session:
        group = get_group(session, group_id)
        trees = trees_for_group(session, group_id, fan_out)
    return build_phonetree_pdf(group.name, trees, target, progress, time_zone=group.timezone)


def build_sign_in_sheet(
    db: Database, training_session_id: int, target: Path, progress: Progress | None = None
) -> Path:
    """Sign-in sheet of a training session."""
    from watchdesk.reports.signin import build_sign_in_pdf
    from watchdesk.services.attendance import training_sign_in

    with db.read() as session:
        sheet = training_sign_in(session, training_session_id)
    return build_sign_in_pdf(sheet, target, progress)


def build_meeting_sign_in(
    db: Database, meeting_id: int, target: Path, progress: Progress | None = None
) -> Path:
    """Sign-in sheet of a meeting or event."""
    from watchdesk.reports.signin import build_sign_in_pdf
    from watchdesk.services.attendance import meeting_sign_in

    with db.read() as session:
        sheet = meeting_sign_in(session, meeting_id)
    return build_sign_in_pdf(sheet, target, progress)


def build_rota(
    db: Database,
    group_id: int,
    first: dt.date,
    last: dt.date,
    target: Path,
    progress: Progress | None = None,
) -> Path:
    """The printable rota for [first, last], one week per page (series expanded through
    ``last`` first, so a rota printed far ahead is complete)."""
    from watchdesk.reports.rota import build_rota_pdf, weeks_of
    from watchdesk.services.schedule import check_window

    expand_series(db, group_id, last)
    with db.read() as session:
        group = get_group(session, group_id)
        cards = check_window(session, group_id, first, last).cards
    return build_rota_pdf(
        group.name, group.timezone, weeks_of(cards, first, last), target, progress
    )


def write_calendar(
    db: Database,
    group_id: int,
    first: dt.date,
    last: dt.date,
    target: Path,
    now: dt.datetime,
    member_email: str | None = None,
) -> int:
    """Write the iCalendar file of [first, last] (series expanded through ``last`` first);
    returns how many shifts it holds."""
    from watchdesk.files import write_atomically
    from watchdesk.services.calendar_feed import schedule_calendar

    expand_series(db, group_id, last)
    with db.read() as session:
        data = schedule_calendar(session, group_id, first, last, now, member_email)
    write_atomically(target, data)
    return data.count(b"BEGIN:VEVENT")


def build_observation_report(
    db: Database, uuid: str, target: Path, progress: Progress | None = None
) -> Path:
    """One observation (found by the id printed on reports and exports) as a filled-in
    suspicious activity report."""
    from watchdesk.reports.observation import ObservationReport, build_observation_pdf
    from watchdesk.services.observation_detail import filed, observation_detail, observation_id_for

    with db.read() as session:
        observation_id = observation_id_for(session, uuid)
        group_id, reported_at = filed(session, observation_id)
        group = get_group(session, group_id)
        report = ObservationReport(
            observation_detail(session, observation_id),
            group.name,
            group.precinct,
            group.timezone,
            reported_at,
        )
    return build_observation_pdf(report, target, progress)


def build_precinct_report(
    db: Database,
    group_id: int | None,
    first: dt.date,
    last: dt.date,
    target: Path,
    redaction: str = "standard",
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    tiles: Path | None = None,
    streets: Path | None = None,
) -> Path:
    """The precinct activity report of the group (None: of every group in the file, a
    liaison's) for local dates [first, last]; the map is drawn over tiles from ``tiles``
    (default: ``paths.tile_folder``) when that folder has them, and the lines of the
    ``streets`` GeoJSON file when given."""
    from watchdesk.reports.precinct import build_precinct_pdf
    from watchdesk.services.precinct import Period, observation_lines, precinct_facts

    period = Period(first, last)
    # One read transaction for the figures and the table's rows (pulled page by page).
    with db.read() as session:
        facts = precinct_facts(
            session, group_id, period, now or dt.datetime.now(dt.UTC), redaction, progress
        )
        lines = observation_lines(session, group_id, period, redaction)
        return build_precinct_pdf(
            facts, lines, target, progress, tiles or tile_folder(), *read_streets(streets)
        )


def build_meeting_packet(
    db: Database,
    group_id: int,
    on_or_after: dt.date,
    target: Path,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    tiles: Path | None = None,
    streets: Path | None = None,
) -> Path:
    """The packet of the group's meeting on or after the local date ``on_or_after`` (series
    are expanded through the four weeks of rota first)."""
    from watchdesk.reports.packet import build_packet_pdf
    from watchdesk.services.packet import ROTA_DAYS, meeting_day, meeting_packet

    with db.read() as session:
        day = meeting_day(session, group_id, on_or_after)
    expand_series(db, group_id, day + dt.timedelta(days=ROTA_DAYS - 1))
    with db.read() as session:
        packet = meeting_packet(
            session, group_id, on_or_after, now or dt.datetime.now(dt.UTC), progress=progress
        )
    return build_packet_pdf(
        packet, target, progress, tiles or tile_folder(), *read_streets(streets)
    )


# -- files for other programs ------------------------------------------------------------------
def write_observations(
    db: Database,
    group_id: int,
    where: ObservationFilter,
    kind: str,
    target: Path,
    progress: Progress | None = None,
) -> int:
    """Write the filtered observations as ``kind`` ("geojson", "csv" or "map": a standalone
    HTML map that works offline) with shared locations; returns how many it holds."""
    from watchdesk.files import write_atomically
    from watchdesk.services import observation_export as export

    with db.read() as session:
        if kind == "geojson":
            document = export.geojson_document(session, group_id, where, progress)
            data, count = export.geojson_bytes(document), len(document["features"])
        elif kind == "csv":
            from watchdesk.exchange.csv_file import write_csv
            from watchdesk.services.spreadsheets import observations_table

            table = observations_table(session, group_id, where)
            return write_csv(target, table.headers, table.rows, progress)
        else:
            from watchdesk.maps.build import build_map
            from watchdesk.maps.data import map_points

            points, blocks, centre = map_points(session, group_id, where, shared=True)
            html = build_map(points, blocks, centre, heat=False, progress=progress)
            data, count = html.encode("utf-8"), len(points)
    write_atomically(target, data)
    return count


@dataclass(frozen=True)
class SpreadsheetWritten:
    count: int
    left_out: int = 0
    left_out_reason: str = ""


def write_spreadsheet(
    db: Database,
    group_id: int,
    table: str,
    target: Path,
    first: dt.date | None = None,
    last: dt.date | None = None,
    all_fields: bool = False,
    progress: Progress | None = None,
) -> SpreadsheetWritten:
    """Write one of ``spreadsheets.TABLES`` as CSV to ``target``. The shifts of a period
    ending on ``last`` are those the rota of that period prints: series are expanded first."""
    from watchdesk.exchange.csv_file import write_csv
    from watchdesk.services import spreadsheets

    if table == "shifts" and last is not None:
        expand_series(db, group_id, last)
    with db.read() as session:
        if table == "members":
            rows = spreadsheets.members_table(session, group_id, all_fields)
        elif table == "observations":
            where = ObservationFilter(first=first, last=last, descending=False)
            rows = spreadsheets.observations_table(session, group_id, where)
        elif table == "shifts":
            rows = spreadsheets.shifts_table(session, group_id, first, last)
        elif table == "attendance":
            rows = spreadsheets.attendance_table(session, group_id, first, last)
        else:
            raise ValueError(f"no table {table!r}")
        count = write_csv(target, rows.headers, rows.rows, progress)
    return SpreadsheetWritten(count, rows.left_out, rows.left_out_reason)


@dataclass(frozen=True)
class AppMap:
    """What the app's map page holds: the observations' ids, and its offline fallback."""

    ids: frozenset[int]
    streets: int = 0  # streets near the map from the streets file
    local_tiles: bool = False  # a tile folder on this computer to fall back on


# -- the app's own map pages -------------------------------------------------------------------
def write_app_map(
    db: Database,
    group_id: int | None,
    where: ObservationFilter,
    heat: bool,
    tile_url: str,
    target: Path,
    progress: Progress | None = None,
    local_tiles: Path | None = None,
    streets: list[Street] | None = None,
) -> AppMap:
    """The app's own map page of the filtered observations (exact points: it stays on the
    laptop, with the bridge to the app); returns the ids on it. Should the tiles fail, it
    shows the ``local_tiles`` folder's tiles and the ``streets`` (see ``read_streets``)."""
    from watchdesk.files import write_atomically
    from watchdesk.maps.build import Tiles, build_map, offline_fallback
    from watchdesk.maps.data import map_points

    if progress is not None:
        progress.report(0, 1, "Reading observations")
    with db.read() as session:
        points, blocks, centre = map_points(session, group_id, where, shared=False)
    if progress is not None:
        progress.check_cancelled()
    tiles = Tiles(url=tile_url)
    offline = offline_fallback(points, blocks, centre, local_tiles, streets or [])
    html = build_map(
        points, blocks, centre, tiles, heat=heat, in_app=True, progress=progress, offline=offline
    )
    write_atomically(target, html.encode("utf-8"))
    ids = frozenset(point.id for point in points)
    return AppMap(ids, len(offline.streets), offline.tile_folder is not None)


def write_pick_map(
    db: Database,
    group_id: int,
    tile_url: str,
    target: Path,
    mode: PickMode = "point",
    leave_out: int | None = None,
) -> Path:
    """A map of the group's blocks (but ``leave_out``, being redrawn), and no observations, on
    which a click picks a point or the next corner of a block."""
    from watchdesk.files import write_atomically
    from watchdesk.maps.build import Tiles, build_map
    from watchdesk.maps.data import map_frame

    with db.read() as session:
        blocks, centre = map_frame(session, group_id, leave_out)
    tiles = Tiles(url=tile_url)
    html = build_map([], blocks, centre or (0.0, 0.0), tiles, in_app=True, pick=mode)
    write_atomically(target, html.encode("utf-8"))
    return target

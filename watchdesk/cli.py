"""The ``watchdesk`` command: the app, and the same operations (``watchdesk.ops``) for scripting.

Exit codes: 0 success; 2 bad input, a bad file or a missing system library (naming the
Debian package to install), with a one-line message on stderr; 1 an unexpected error, with
the path of the log file that holds the details.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from watchdesk import __version__
from watchdesk.core.words import count as counted
from watchdesk.paths import default_database_path

if TYPE_CHECKING:
    from watchdesk.db.engine import Database
    from watchdesk.db.opening import OpenReport
    from watchdesk.exchange.bundle_import import ImportSummary

log = logging.getLogger(__name__)

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit status 2."""


class TextProgress:
    """Progress on stderr for long commands (throttled, only on a terminal)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._last = 0.0
        self._enabled = sys.stderr.isatty()

    def report(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if not self._enabled or (now - self._last < 0.25 and done < total):
            return
        self._last = now
        if total <= 0:  # a step of unknown length
            sys.stderr.write(f"\r{self.label}: ...  {message[:40]:<40}")
            sys.stderr.flush()
            return
        percent = 100 * done // total
        sys.stderr.write(f"\r{self.label}: {percent:3d}% {message[:40]:<40}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def check_cancelled(self) -> None:
        return None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="watchdesk",
        description="Records, rotas and precinct reports for neighborhood-watch coordinators.",
    )
    parser.add_argument("--version", action="version", version=f"WatchDesk {__version__}")
    parser.add_argument(
        "--db", type=Path, help="database file (default: $WATCHDESK_DB or the per-user data folder)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the app (the default)")

    demo = commands.add_parser("demo", help="fill an empty database with demo data")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the day the demo treats as today (default: today)",
    )

    commands.add_parser("check", help="integrity check and schema status")

    backup = commands.add_parser("backup", help="write a verified copy of the database")
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="backup file (default: a dated file in the backups folder)",
    )
    restore = commands.add_parser(
        "restore", help="put a backup in place of the database (the current file is kept)"
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    salvage = commands.add_parser(
        "salvage", help="copy what can still be read from a damaged file into CSV files"
    )
    salvage.add_argument("damaged", type=Path, metavar="FILE", help="the damaged database")
    salvage.add_argument("-o", "--output", type=Path, metavar="FOLDER", required=True)
    importing = commands.add_parser("import", help="bring records in from a file")
    kinds = importing.add_subparsers(dest="what", metavar="WHAT", required=True)
    roster = kinds.add_parser("roster", help="members from a CSV or XLSX roster")
    roster.add_argument("file", type=Path, metavar="FILE")
    roster.add_argument(
        "--dry-run", action="store_true", help="show what would happen; write nothing"
    )
    roster.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="say which field a column holds (repeatable); FIELD 'ignore' skips a column",
    )
    bundle_in = kinds.add_parser(
        "bundle", help="another WatchDesk's exchange bundle (.wdx): all or nothing, by UUID"
    )
    bundle_in.add_argument("file", type=Path, metavar="FILE")
    bundle_in.add_argument(
        "--dry-run", action="store_true", help="check it and show what would happen; write nothing"
    )
    report = commands.add_parser("report", help="write a printable PDF")
    reports = report.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, help_text in (
        ("roster", "roster and contact list by block (obeys consent flags)"),
        ("phonetree", "phone trees, one block per page"),
        ("signin", "sign-in sheet for a training session"),
        ("rota", "patrol rota, one week per page"),
        ("observation", "one observation as a filled-in suspicious activity report"),
        ("precinct", "activity report of a period for the precinct (redacted by default)"),
        ("packet", "meeting packet: agenda, last 30 days, rota, phone trees, sign-in, forms"),
    ):
        one = reports.add_parser(name, help=help_text)
        one.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
        if name == "phonetree":
            one.add_argument(
                "--fan-out", type=int, default=3, help="most people one caller calls (default 3)"
            )
        if name == "signin":
            one.add_argument("--session", type=int, required=True, metavar="ID")
        if name == "rota":
            _period_arguments(one, required=True)
        if name == "observation":
            one.add_argument("--id", dest="uuid", required=True, metavar="UUID")
        if name in ("packet", "precinct"):
            one.add_argument(
                "--tiles",
                type=Path,
                metavar="DIR",
                help="map tiles on this computer ({z}/{x}/{y}.png) drawn under the map "
                "(default: the tiles folder in WatchDesk's data folder, if any)",
            )
        if name == "packet":
            one.add_argument(
                "--date",
                dest="day",
                type=_date,
                required=True,
                metavar="DATE",
                help="the packet is for the group's first meeting on or after this date",
            )
        if name == "precinct":
            _period_arguments(one, required=True)
            which = one.add_mutually_exclusive_group()
            which.add_argument(
                "--group", metavar="NAME", help="the watch group (default: this one)"
            )
            which.add_argument(
                "--all-groups",
                action="store_true",
                help="every group in the file (a liaison's): totals, each group, one table",
            )
            one.add_argument(
                "--redact",
                choices=("standard", "none"),
                default="standard",
                help="'none' prints names and exact addresses: an internal copy, marked so",
            )
    export = commands.add_parser("export", help="write records to a file for other programs")
    exports = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    ics = exports.add_parser("ics", help="patrol shifts as an iCalendar (.ics) file")
    ics.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
    ics.add_argument("--member", metavar="EMAIL", help="only this member's shifts")
    _period_arguments(ics, required=False)
    for kind, text in OBSERVATION_EXPORTS.items():
        observed = exports.add_parser(kind, help=f"observations as {text}")
        observed.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
        observed.add_argument("--from", dest="first", type=_date, metavar="DATE")
        observed.add_argument("--to", dest="last", type=_date, metavar="DATE")
    table = exports.add_parser(
        "csv", help="a table for spreadsheets: members, observations, shifts or attendance"
    )
    table.add_argument(
        "table", choices=SPREADSHEET_TABLES, metavar="TABLE", help="|".join(SPREADSHEET_TABLES)
    )
    table.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
    table.add_argument("--from", dest="first", type=_date, metavar="DATE")
    table.add_argument("--to", dest="last", type=_date, metavar="DATE")
    table.add_argument(
        "--all-fields",
        action="store_true",
        help="members: everyone and every field, ignoring consent (for the group's own use)",
    )
    bundle = exports.add_parser("bundle", help="an exchange bundle (.wdx) for another WatchDesk")
    bundle.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
    bundle.add_argument("--from", dest="first", type=_date, metavar="DATE")
    bundle.add_argument("--to", dest="last", type=_date, metavar="DATE")
    bundle.add_argument(
        "--profile",
        choices=("precinct", "full"),
        default="precinct",
        help="precinct (default): redacted by the consent flags; full: everything, to move "
        "the group to another computer",
    )
    bundle.add_argument("--group", metavar="NAME", help="the watch group (default: this one)")
    return parser


def _period_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    default = "" if required else " (default: today)"
    parser.add_argument(
        "--from",
        dest="first",
        type=_date,
        required=required,
        metavar="DATE",
        help=f"first day, YYYY-MM-DD{default}",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_date,
        required=required,
        metavar="DATE",
        help="last day, YYYY-MM-DD" + ("" if required else " (default: 8 weeks after --from)"),
    )


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    first = args.first or dt.date.today()
    last = args.last or first + dt.timedelta(weeks=8)
    if last < first:
        raise UserError(f"--to {last} is before --from {first}")
    return first, last


def _open_database(
    args: argparse.Namespace, create: bool = True, path: Path | None = None
) -> tuple[Database, OpenReport]:
    """The ``--db`` file (or ``path``, already resolved from it), opened. The CLI takes no
    window lock (a script may import while the app is open), so a damaged file a window has
    open is left where it is."""
    from watchdesk.db.opening import open_database
    from watchdesk.instance import open_elsewhere

    path = path or _database_path(args)
    return open_database(path, create=create, open_elsewhere=open_elsewhere)


def _database_path(args: argparse.Namespace) -> Path:
    from watchdesk.storage_risk import storage_warning

    path = Path(args.db).expanduser() if args.db else default_database_path()
    warning = storage_warning(path) if args.command not in (None, "gui") else None
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return path


def cmd_gui(args: argparse.Namespace) -> int:
    from watchdesk.app import run_app  # Qt loads only for the GUI

    return run_app(_database_path(args))


def cmd_demo(args: argparse.Namespace) -> int:
    from watchdesk.ops.setup import generate_demo

    db, _ = _open_database(args)
    try:
        started = time.perf_counter()
        counts = generate_demo(
            db, args.size, args.seed, args.as_of, TextProgress("demo data")
        ).value
        elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    print(
        f"Demo data ({args.size}, seed {args.seed}) written to {db.path} in {elapsed:.1f} s: "
        f"{counted(counts['member'], 'member')}, {counted(counts['household'], 'household')}, "
        f"{counted(counts['zone'], 'block')}, {counted(counts['shift'], 'shift')}, "
        f"{counted(counts['observation'], 'observation')}, "
        f"{counted(counts['meeting'], 'meeting')}."
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from watchdesk.ops.backups import check_file

    path = _database_path(args)
    report = check_file(path)
    if report.healthy:
        print(f"{path}: healthy (integrity ok, schema {report.revision})")
        return EXIT_OK
    for problem in report.problems:
        print(f"{path}: {problem}")
    return EXIT_UNEXPECTED


def cmd_backup(args: argparse.Namespace) -> int:
    from watchdesk.ops.backups import backup_to

    path = _database_path(args)
    target = backup_to(path, args.output)
    print(f"Backup of {path} written and verified: {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from watchdesk.instance import check_not_open
    from watchdesk.ops.backups import restore

    path = _database_path(args)
    backup = args.backup.expanduser()
    check_not_open(path)  # a window's file is never replaced under it
    aside = restore(path, backup)
    print(f"Restored {path} from {backup} (verified).")
    if aside is not None:
        print(f"The file as it was is kept as {aside}.")
    return EXIT_OK


def cmd_salvage(args: argparse.Namespace) -> int:
    from watchdesk.db.opening import check_is_watchdesk
    from watchdesk.ops.exchange import salvage

    damaged, folder = args.damaged.expanduser(), args.output.expanduser()
    check_is_watchdesk(damaged)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UserError(f"{folder} is not an empty folder")
    for line in salvage(damaged, folder).lines():
        print(line)
    return EXIT_OK


def _read_input(path: Path) -> bytes:
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None


def _group_or_fail(db: Database) -> int:
    from watchdesk.ops.setup import own_group

    group = own_group(db)
    if group is None:
        raise UserError(f"{db.path} has no watch group yet: create one in the app first")
    return group.id


def cmd_import_roster(args: argparse.Namespace) -> int:
    from watchdesk.core.roster import (
        RosterFileError,
        apply_overrides,
        guess_mapping,
        read_roster,
    )
    from watchdesk.ops.roster import import_roster, preview_roster_import

    overrides = {}
    for choice in args.map:
        column, sep, field_name = choice.partition("=")
        if not sep:
            raise UserError(f"--map takes COLUMN=FIELD, not '{choice}'")
        overrides[column] = field_name.strip()
    data = _read_input(args.file)
    try:
        table = read_roster(args.file.name, data)
    except RosterFileError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    mapping = apply_overrides(table.headers, guess_mapping(table.headers), overrides)
    db, _ = _open_database(args, create=False)
    try:
        group_id = _group_or_fail(db)
        if args.dry_run:
            plan = preview_roster_import(db, group_id, table, mapping)
        else:
            plan = import_roster(db, group_id, table, mapping).value
    finally:
        db.dispose()
    columns = ", ".join(f"{table.headers[i]!r} -> {name}" for i, name in sorted(mapping.items()))
    print(f"Columns: {columns}")
    print(
        f"Roster import from {args.file}: {plan.count('add')} added, "
        f"{plan.count('update')} updated, {plan.count('skip')} skipped."
    )
    for planned in plan.skipped:
        print(f"  row {planned.row.row_number} skipped: {planned.reason}")
    if args.dry_run:
        print("Dry run: nothing was written.")
    return EXIT_OK


def cmd_import_bundle(args: argparse.Namespace) -> int:
    """Into an existing database, or into a new one (a liaison's first import): a new file is
    built under a temporary name beside it and renamed into place only once the import is
    written, so a bundle that fails its checks leaves no file behind (nor does a dry run)."""
    from watchdesk.ops.exchange import check_bundle, import_bundle

    path = _database_path(args)
    new = not path.exists()
    if args.file.is_dir():
        raise UserError(f"{args.file} is a folder, not a bundle")
    if not args.file.exists():
        raise UserError(f"{args.file} does not exist")
    progress = TextProgress("Bundle import")
    if not new:
        db, _ = _open_database(args, create=False, path=path)
        try:
            if args.dry_run:
                summary = check_bundle(db, args.file, progress)
            else:
                summary = import_bundle(db, args.file, progress).value
        finally:
            db.dispose()
    else:
        summary = _import_into_new_database(path, args.file, args.dry_run, progress)
        if not args.dry_run:
            print(f"Created {path}.")
    print(f"Bundle import from {args.file}:")
    for line in summary.lines():
        print(line)
    if args.dry_run:
        print("Dry run: nothing was written.")
    return EXIT_OK


def _import_into_new_database(
    path: Path, bundle: Path, dry_run: bool, progress: TextProgress
) -> ImportSummary:
    import os
    import shutil
    import tempfile

    from watchdesk.db.opening import open_database
    from watchdesk.ops.exchange import check_bundle, import_bundle

    if not path.parent.is_dir():
        raise UserError(f"the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise UserError(f"cannot create {path}: the folder is not writable")
    building = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        temporary = building / path.name
        db, _ = open_database(temporary, create=True)
        try:
            if dry_run:
                return check_bundle(db, bundle, progress)
            # Its before-import backup (of an empty file) goes with the temporary folder.
            summary = import_bundle(db, bundle, progress).value
        finally:
            db.dispose()
        if path.exists():  # made by someone else meanwhile: never replaced
            raise UserError(f"{path} appeared during the import; nothing was written to it")
        os.replace(temporary, path)
        return summary
    finally:
        shutil.rmtree(building, ignore_errors=True)


IMPORTERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "roster": cmd_import_roster,
    "bundle": cmd_import_bundle,
}


def cmd_report(args: argparse.Namespace) -> int:
    from watchdesk.ops import reports

    target = _output(args.output, ".pdf")
    db, _ = _open_database(args, create=False)
    try:
        if args.what == "signin":
            reports.build_sign_in_sheet(db, args.session, target)
        elif args.what == "observation":
            reports.build_observation_report(db, args.uuid, target)
        elif args.what == "rota":
            first, last = _period(args)
            reports.build_rota(db, _group_or_fail(db), first, last, target)
        elif args.what == "precinct":
            first, last = _period(args)
            group_id = _chosen_group(db, args.group)  # fails clearly on an empty file
            progress = TextProgress("Precinct report")
            reports.build_precinct_report(
                db,
                None if args.all_groups else group_id,
                first,
                last,
                target,
                args.redact,
                progress=progress,
                tiles=args.tiles,
            )
        elif args.what == "packet":
            progress = TextProgress("Meeting packet")
            reports.build_meeting_packet(
                db, _group_or_fail(db), args.day, target, progress=progress, tiles=args.tiles
            )
        else:
            group_id = _group_or_fail(db)
            if args.what == "roster":
                reports.build_roster(db, group_id, target)
            else:
                reports.build_phone_trees(db, group_id, target, fan_out=args.fan_out)
    finally:
        db.dispose()
    print(f"Wrote {target}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    return IMPORTERS[args.what](args)


def _output(path: Path, suffix: str) -> Path:
    target = path.expanduser()
    if target.suffix.lower() != suffix:
        raise UserError(f"{target}: name the file ….{suffix.lstrip('.')}")
    if not target.parent.is_dir():
        raise UserError(f"{target.parent} is not a folder")
    return target


def cmd_export_ics(args: argparse.Namespace) -> int:
    from watchdesk.core import dates
    from watchdesk.ops.reports import write_calendar

    target = _output(args.output, ".ics")
    first, last = _period(args)
    db, _ = _open_database(args, create=False)
    try:
        now = dt.datetime.now(dt.UTC)
        events = write_calendar(db, _group_or_fail(db), first, last, target, now, args.member)
    finally:
        db.dispose()
    print(f"Wrote {target}: {counted(events, 'shift')}, {dates.period(first, last)}")
    return EXIT_OK


# Kind -> what the file holds. Locations are shared at the group's precision.
OBSERVATION_EXPORTS = {
    "geojson": "GeoJSON (RFC 7946) for GIS tools",
    "map": "a standalone HTML map that works offline",
}
_SUFFIXES = {"geojson": (".geojson", ".json"), "map": (".html",)}
SPREADSHEET_TABLES = ("members", "observations", "shifts", "attendance")


def cmd_export_observations(args: argparse.Namespace) -> int:
    from watchdesk.ops.reports import write_observations
    from watchdesk.services.observation_search import ObservationFilter

    suffix = args.output.suffix.lower()
    allowed = _SUFFIXES[args.what]
    target = _output(args.output, suffix if suffix in allowed else allowed[0])
    first, last = _optional_period(args)
    where = ObservationFilter(first=first, last=last)
    db, _ = _open_database(args, create=False)
    try:
        count = write_observations(db, _group_or_fail(db), where, args.what, target)
    finally:
        db.dispose()
    print(f"Wrote {target}: {counted(count, 'observation')} ({where.describe()})")
    return 0


def _optional_period(args: argparse.Namespace) -> tuple[dt.date | None, dt.date | None]:
    if args.first and args.last and args.last < args.first:
        raise UserError(f"--to {args.last} is before --from {args.first}")
    return args.first, args.last


def _chosen_group(db: Database, name: str | None) -> int:
    if not name:
        return _group_or_fail(db)
    from watchdesk.ops.setup import group_named

    return group_named(db, name)


def cmd_export_csv(args: argparse.Namespace) -> int:
    from watchdesk.ops.reports import write_spreadsheet

    target = _output(args.output, ".csv")
    first, last = _optional_period(args)
    if args.table == "members" and (first or last):
        raise UserError("--from/--to do not apply to members (the roster as it is today)")
    if args.all_fields and args.table != "members":
        raise UserError("--all-fields applies to members only")
    db, _ = _open_database(args, create=False)
    try:
        written = write_spreadsheet(
            db, _group_or_fail(db), args.table, target, first, last, args.all_fields
        )
    finally:
        db.dispose()
    print(f"Wrote {target}: {counted(written.count, f'{args.table} row')}")
    if written.left_out:
        print(
            f"{counted(written.left_out, 'member')} left out: they {written.left_out_reason} "
            "(--all-fields includes everyone)"
        )
    return EXIT_OK


def cmd_export_bundle(args: argparse.Namespace) -> int:
    from watchdesk.exchange.bundle_export import ExportChoice
    from watchdesk.ops.exchange import FULL_WARNING, export_bundle

    target = _output(args.output, ".wdx")
    first, last = _optional_period(args)
    if args.profile == "full":
        print(f"watchdesk: warning: {FULL_WARNING}", file=sys.stderr)
    db, _ = _open_database(args, create=False)
    try:
        choice = ExportChoice(_chosen_group(db, args.group), args.profile, first, last)
        manifest = export_bundle(db, choice, target, progress=TextProgress("Bundle"))
    finally:
        db.dispose()
    records = sum(entry["records"] for entry in manifest["files"].values())
    print(
        f"Wrote {target}: {manifest['group']['name']}, {args.profile} profile, "
        f"{counted(records, 'record')} in {counted(len(manifest['files']), 'file')}"
    )
    return EXIT_OK


EXPORTERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ics": cmd_export_ics,
    "csv": cmd_export_csv,
    "bundle": cmd_export_bundle,
    **dict.fromkeys(OBSERVATION_EXPORTS, cmd_export_observations),
}


def cmd_export(args: argparse.Namespace) -> int:
    return EXPORTERS[args.what](args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "salvage": cmd_salvage,
    "import": cmd_import,
    "report": cmd_report,
    "export": cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from watchdesk.logging_setup import configure_logging
    from watchdesk.services.errors import user_error_types

    log_path = configure_logging()
    if args.command not in (None, "gui"):  # e.g. "waited 2.1 s for another program…"
        waits = logging.StreamHandler(sys.stderr)
        waits.setFormatter(logging.Formatter("watchdesk: %(message)s"))
        logging.getLogger("watchdesk.waits").addHandler(waits)
    handler = COMMANDS[args.command or "gui"]
    user_errors: tuple[type[BaseException], ...] = (UserError, *user_error_types())
    try:
        return handler(args)
    except user_errors as exc:
        print(f"watchdesk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("watchdesk: interrupted; nothing was written", file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as exc:
        from watchdesk.db.errors import describe_environment_error
        from watchdesk.system_libraries import explain_missing_library

        missing = explain_missing_library(exc)  # e.g. Qt's libEGL.so.1 on a bare machine
        if missing:
            log.warning("%s: %s", args.command, exc)
            print(missing, file=sys.stderr)
            return EXIT_BAD_INPUT
        message = describe_environment_error(exc)
        if message:
            log.warning("%s: %s", args.command, exc)
            print(f"watchdesk: {message}", file=sys.stderr)
            return EXIT_BAD_INPUT
        log.exception("unexpected error in %s", args.command)
        print(f"watchdesk: unexpected error: {exc} (details in {log_path})", file=sys.stderr)
        return EXIT_UNEXPECTED

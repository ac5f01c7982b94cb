"""The command line: exit 0 on success, 2 with one line for bad input or files, never a
traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.pdf import pdf_text
from watchdesk import __version__


def one_line_error(result: object) -> str:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"WatchDesk {__version__}"


def test_demo_check_and_backup(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "watch.sqlite"
    demo = cli("--db", str(path), "demo", "--seed", "3", "--as-of", "2026-11-21")
    assert demo.returncode == 0, demo.stderr
    assert "1000 observations" in demo.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    again = cli("--db", str(path), "demo")
    assert again.returncode == 2
    assert "already holds data" in one_line_error(again)

    check = cli("--db", str(path), "check")
    assert check.returncode == 0 and "healthy" in check.stdout

    backup = cli("--db", str(path), "backup", "-o", str(tmp_path / "copy.sqlite"))
    assert backup.returncode == 0, backup.stderr
    with sqlite3.connect(tmp_path / "copy.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM observation").fetchone()[0] == 1000
    twice = cli("--db", str(path), "backup", "-o", str(tmp_path / "copy.sqlite"))
    assert twice.returncode == 2 and "already exists" in one_line_error(twice)

    default = cli("--db", str(path), "backup")
    assert default.returncode == 0
    assert list((tmp_path / "watch-backups").glob("watch-*-manual.sqlite"))


def test_database_from_the_environment(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite"
    result = cli("demo", "--as-of", "2026-11-21", env={"WATCHDESK_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()


@pytest.mark.parametrize("command", ["check", "backup", "demo"])
def test_bad_files_exit_2_with_one_line(cli: Run, tmp_path: Path, command: str) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n" * 10)
    cases = {
        "missing": (tmp_path / "missing" / "x.sqlite", "does not exist"),
        "folder": (tmp_path, "is a folder"),
        "not a database": (text_file, "not a WatchDesk database"),
    }
    for path, message in cases.values():
        before = path.read_bytes() if path.is_file() else None
        result = cli("--db", str(path), command)
        assert result.returncode == 2, (path, result.stderr)
        assert message in one_line_error(result)
        if before is not None:
            assert path.read_bytes() == before


def test_damaged_file_fails_check_with_exit_1(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    assert cli("--db", str(path), "demo", "--as-of", "2026-11-21").returncode == 0
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 5, page * 9):  # overwrite a few pages past the header
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    result = cli("--db", str(path), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "damaged.sqlite" in result.stdout


def test_bad_arguments_exit_2(cli: Run, tmp_path: Path) -> None:
    result = cli("--db", str(tmp_path / "x.sqlite"), "demo", "--size", "huge")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    result = cli("--db", str(tmp_path / "x.sqlite"), "demo", "--as-of", "31/31/2026")
    assert result.returncode == 2 and "not a date" in result.stderr


def _without_privileges() -> tuple[str, ...]:
    """Run a command that obeys file permissions. Root ignores them, so as root the command
    keeps its user (it can still read the checkout and the venv, wherever they are, e.g. in
    a private /root) but runs without any capability: it is then held to the owner's
    permissions like anyone else."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without setpriv: cannot test missing permissions")
    return (setpriv, "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all")


def test_no_write_permission_exits_2_and_changes_nothing(cli: Run, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    try:
        path = shared / "readonly.sqlite"
        assert cli("--db", str(path), "demo", "--as-of", "2026-11-21").returncode == 0
        path.chmod(0o444)
        shared.chmod(0o555)
        before = path.read_bytes()
        result = cli("--db", str(path), "demo", prefix=_without_privileges())
        assert result.returncode == 2, result.stderr
        assert "cannot write" in one_line_error(result)
        assert path.read_bytes() == before
    finally:
        shared.chmod(0o755)


def test_unexpected_errors_exit_1_with_the_log_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from watchdesk import cli as cli_module

    def broken(_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli_module.COMMANDS, "check", broken)
    assert cli_module.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "unexpected error: a bug" in err and "watchdesk.log" in err
    log_file = Path(err.split("details in ")[1].rstrip(")\n"))
    assert "RuntimeError: a bug" in log_file.read_text()


def test_environment_errors_are_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from watchdesk import cli as cli_module

    def full_disk(_args: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(cli_module.COMMANDS, "check", full_disk)
    assert cli_module.main(["check"]) == 2
    assert "the disk is full" in capsys.readouterr().err


def test_report_commands_write_pdfs_and_refuse_bad_targets(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    demo_file = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, demo_file)
    for what in ("roster", "phonetree"):
        target = tmp_path / f"{what}.pdf"
        result = cli("--db", str(demo_file), "report", what, "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert f"Wrote {target}" in result.stdout
        assert len(PdfReader(target).pages) >= 2
    result = cli("--db", str(demo_file), "report", "roster", "-o", str(tmp_path / "no" / "x.pdf"))
    assert result.returncode == 2 and "is not a folder" in result.stderr
    result = cli(
        "--db",
        str(demo_file),
        "report",
        "signin",
        "--session",
        "999999",
        "-o",
        str(tmp_path / "s.pdf"),
    )
    assert result.returncode == 2 and "no training session with id 999999" in result.stderr
    assert not (tmp_path / "s.pdf").exists()

    with sqlite3.connect(demo_file) as conn:
        uuid, case = conn.execute(
            "SELECT uuid, case_number FROM observation WHERE case_number IS NOT NULL LIMIT 1"
        ).fetchone()
    sar = tmp_path / "sar.pdf"
    result = cli("--db", str(demo_file), "report", "observation", "--id", uuid, "-o", str(sar))
    assert result.returncode == 0, result.stderr
    assert case in pdf_text(sar)[0] and uuid in pdf_text(sar)[0]
    result = cli("--db", str(demo_file), "report", "observation", "--id", "x1", "-o", str(sar))
    assert result.returncode == 2 and "no observation with the id x1" in result.stderr


def test_report_precinct_for_a_named_group_and_its_refusals(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    demo_file = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, demo_file)
    base = ("--db", str(demo_file), "report", "precinct")
    period = ("--from", "2026-11-01", "--to", "2026-11-21")
    target = tmp_path / "precinct.pdf"
    group = ("--group", "hawthorne heights neighborhood watch")
    result = cli(*base, *period, *group, "-o", str(target))
    assert result.returncode == 0, result.stderr
    pages = pdf_text(target)
    assert "Hawthorne Heights Neighborhood Watch" in pages[0] and "Nov 1 – 21, 2026" in pages[0]
    assert all("Redacted: no member phone" in page for page in pages)

    internal = tmp_path / "internal.pdf"
    result = cli(*base, *period, "--redact", "none", "-o", str(internal))
    assert result.returncode == 0, result.stderr
    assert all("INTERNAL COPY, NOT REDACTED" in page for page in pdf_text(internal))

    refused = tmp_path / "refused.pdf"
    for args, message in (
        (("--group", "Elm Street Watch", *period), "no watch group called 'Elm Street Watch'"),
        (("--from", "2026-11-21", "--to", "2026-11-01"), "is before --from"),
        (("--from", "2026-11-31", "--to", "2026-12-01"), "2026-11-31"),
        ((*period, "--redact", "some"), "invalid choice"),
    ):
        result = cli(*base, *args, "-o", str(refused))
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert not refused.exists()


def test_report_packet_for_the_next_meeting_and_its_refusals(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    demo_file = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, demo_file)
    base = ("--db", str(demo_file), "report", "packet")
    target = tmp_path / "packet.pdf"
    result = cli(*base, "--date", "2026-12-09", "-o", str(target))
    assert result.returncode == 0, result.stderr
    pages = pdf_text(target)
    assert pages[0].startswith("Monthly watch meeting, January 2027")
    assert "Sign-in sheet" in " ".join(pages) and "Suspicious vehicle" in pages[-1]

    refused = tmp_path / "refused.pdf"
    for args, message in (
        (("--date", "2027-06-01"), "no meeting on or after 2027-06-01"),
        (("--date", "next tuesday"), "'next tuesday' is not a date"),
        ((), "the following arguments are required: --date"),
    ):
        result = cli(*base, *args, "-o", str(refused))
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2  # argparse adds its usage line
        assert not refused.exists()


def test_export_ics_and_rota_from_the_command_line(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    import sqlite3

    from icalendar import Calendar
    from pypdf import PdfReader

    demo_file = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, demo_file)
    ics = tmp_path / "rota.ics"
    period = ("--from", "2026-11-23", "--to", "2026-12-20")
    result = cli("--db", str(demo_file), "export", "ics", "-o", str(ics), *period)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(demo_file) as connection:
        expected = connection.execute(
            "SELECT count(*) FROM shift WHERE local_date BETWEEN '2026-11-23' AND '2026-12-20'"
        ).fetchone()[0]
        email = connection.execute(
            "SELECT m.email FROM member m JOIN assignment a ON a.member_id = m.id "
            "JOIN shift s ON s.id = a.shift_id WHERE s.local_date >= '2026-11-23' "
            "AND a.status <> 'no_show' AND m.email IS NOT NULL LIMIT 1"
        ).fetchone()[0]
    assert expected > 0
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == expected
    assert f"{expected} shifts, Nov 23 – Dec 20, 2026" in result.stdout  # not 2026-11-23
    mine = tmp_path / "mine.ics"
    result = cli(
        "--db", str(demo_file), "export", "ics", "-o", str(mine), "--member", email, *period
    )
    assert result.returncode == 0, result.stderr
    assert 0 < len(Calendar.from_ical(mine.read_bytes()).walk("VEVENT")) < expected

    rota = tmp_path / "rota.pdf"
    result = cli("--db", str(demo_file), "report", "rota", "-o", str(rota), *period)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(rota).pages) >= 4

    for bad, message in (
        (("export", "ics", "-o", str(tmp_path / "x.ics"), "--member", "no@x.org"), "no member"),
        (("export", "ics", "-o", str(tmp_path / "x.txt")), "name the file"),
        (
            (
                "report",
                "rota",
                "-o",
                str(tmp_path / "x.pdf"),
                "--from",
                "2026-12-20",
                "--to",
                "2026-11-01",
            ),
            "is before --from",
        ),
        (
            (
                "report",
                "rota",
                "-o",
                str(tmp_path / "x.pdf"),
                "--from",
                "2026-12-40",
                "--to",
                "2026-11-01",
            ),
            "is not a date",
        ),
    ):
        result = cli("--db", str(demo_file), *bad)
        assert result.returncode == 2, result
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.ics").exists() and not (tmp_path / "x.pdf").exists()


def test_export_observations_as_geojson_csv_and_an_offline_map(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    import csv
    import json
    import re
    import sqlite3

    demo_file = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, demo_file)
    period = ("--from", "2026-10-01", "--to", "2026-10-31")
    with sqlite3.connect(demo_file) as connection:
        # October in Portland is UTC-7: local dates [Oct 1, Oct 31] in UTC.
        expected = connection.execute(
            "SELECT count(*) FROM observation WHERE occurred_at >= '2026-10-01 07:00:00' "
            "AND occurred_at < '2026-11-01 07:00:00'"
        ).fetchone()[0]
    assert expected > 0
    geojson = tmp_path / "october.geojson"
    result = cli("--db", str(demo_file), "export", "geojson", "-o", str(geojson), *period)
    assert result.returncode == 0, result.stderr
    document = json.loads(geojson.read_text("utf-8"))
    assert document["type"] == "FeatureCollection" and len(document["features"]) == expected
    assert f"{expected} observations (Oct 1 – 31, 2026)" in result.stdout

    table = tmp_path / "october.csv"
    exported = cli(
        "--db", str(demo_file), "export", "csv", "observations", "-o", str(table), *period
    )
    assert exported.returncode == 0, exported.stderr
    assert len(list(csv.DictReader(table.read_text("utf-8-sig").splitlines()))) == expected

    page = tmp_path / "october.html"
    result = cli("--db", str(demo_file), "export", "map", "-o", str(page), *period)
    assert result.returncode == 0, result.stderr
    html = page.read_text("utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html, re.I)
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", html, re.S).group(1))  # type: ignore[union-attr]
    assert 0 < len(rows) <= expected

    result = cli("--db", str(demo_file), "export", "map", "-o", str(tmp_path / "map.pdf"))
    assert result.returncode == 2 and "name the file" in result.stderr
    assert not (tmp_path / "map.pdf").exists()

"""``export bundle``, ``import bundle`` and ``export csv`` through the real entry point."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

from tests.cli.conftest import Run
from tests.pdf import pdf_text


def _counts(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        groups = connection.execute("SELECT count(*) FROM watch_group").fetchone()[0]
        observations = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    return groups, observations


def test_bundle_from_one_database_to_another(
    cli: Run, demo_template: Path, second_demo: Path, tmp_path: Path
) -> None:
    source = tmp_path / "lents.sqlite"
    shutil.copy(second_demo, source)
    liaison = tmp_path / "liaison.sqlite"
    shutil.copy(demo_template, liaison)
    bundle = tmp_path / "lents.wdx"
    exported = cli("--db", str(source), "export", "bundle", "-o", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert "precinct profile" in exported.stdout and exported.stderr == ""
    with zipfile.ZipFile(bundle) as archive:
        assert "member.json" in archive.namelist() and "household.json" not in archive.namelist()

    before = _counts(liaison)
    dry = cli("--db", str(liaison), "import", "bundle", str(bundle), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Lents Park Neighborhood Watch (new group), precinct profile" in dry.stdout
    assert "Dry run: nothing was written." in dry.stdout
    assert _counts(liaison) == before

    real = cli("--db", str(liaison), "import", "bundle", str(bundle))
    assert real.returncode == 0, real.stderr
    groups, observations = _counts(liaison)
    assert groups == 2 and observations == before[1] + _counts(source)[1]
    again = cli("--db", str(liaison), "import", "bundle", str(bundle))
    assert "0 added, 0 updated" in again.stdout and "(group already here)" in again.stdout
    assert _counts(liaison) == (groups, observations)

    # The liaison's precinct report over both groups.
    report = (
        "--db",
        str(liaison),
        "report",
        "precinct",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-21",
    )
    target = tmp_path / "all.pdf"
    made = cli(*report, "--all-groups", "-o", str(target))
    assert made.returncode == 0, made.stderr
    cover = pdf_text(target)[0]
    assert "All watch groups" in cover and "Watch groups 2" in cover
    assert (
        "Hawthorne Heights Neighborhood Watch" in cover and "Lents Park Neighborhood Watch" in cover
    )
    both = cli(*report, "--all-groups", "--group", "Lents Park", "-o", str(tmp_path / "no.pdf"))
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    assert not (tmp_path / "no.pdf").exists()


def test_full_bundle_warns_on_stderr(cli: Run, demo_template: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "move.wdx"
    result = cli(
        "--db", str(demo_template), "export", "bundle", "--profile", "full", "-o", str(bundle)
    )
    assert result.returncode == 0
    assert "warning: A full bundle holds every member's phone numbers" in result.stderr
    with zipfile.ZipFile(bundle) as archive:
        assert "household.json" in archive.namelist()


def test_bad_bundles_and_arguments_get_one_line(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, database)
    before = database.read_bytes()
    corrupt = tmp_path / "corrupt.wdx"
    corrupt.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    cases = [
        (("import", "bundle", str(tmp_path / "missing.wdx")), "missing.wdx does not exist"),
        (("import", "bundle", str(corrupt)), "corrupt.wdx"),
        (("import", "bundle", str(tmp_path)), "is a folder"),
        (("export", "bundle", "-o", str(tmp_path / "x.zip")), "name the file ….wdx"),
        (
            ("export", "bundle", "-o", str(tmp_path / "x.wdx"), "--group", "Nobody"),
            "no watch group called 'Nobody'",
        ),
        (
            ("export", "csv", "members", "-o", str(tmp_path / "m.csv"), "--from", "2026-01-01"),
            "do not apply to members",
        ),
        (
            ("export", "csv", "shifts", "-o", str(tmp_path / "s.csv"), "--all-fields"),
            "--all-fields applies to members only",
        ),
    ]
    for arguments, words in cases:
        result = cli("--db", str(database), *arguments)
        assert result.returncode == 2, (arguments, result.stderr)
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert database.read_bytes() == before
    assert not (tmp_path / "x.wdx").exists()


def test_export_csv_members_says_who_was_left_out(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    with sqlite3.connect(demo_template) as connection:
        left_out = connection.execute(
            "SELECT count(*) FROM member WHERE NOT consent_printed_roster "
            "AND merged_into_id IS NULL"
        ).fetchone()[0]
    target = tmp_path / "members.csv"
    result = cli("--db", str(demo_template), "export", "csv", "members", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert f"{left_out} members left out" in result.stdout
    assert target.read_bytes().startswith(b"\xef\xbb\xbfID,Family name,Given name")


def test_the_shifts_csv_of_a_period_ahead_holds_the_shifts_the_rota_prints(
    cli: Run, demo_template: Path, tmp_path: Path
) -> None:
    """The demo's weekly series are made into shifts through mid-January 2027: a March CSV
    expands them first, exactly as the March rota does, whichever is asked for first."""
    import csv

    period = ("--from", "2027-03-01", "--to", "2027-03-31")
    tables = []
    for rota_first in (False, True):
        database = tmp_path / f"watch-{rota_first}.sqlite"
        shutil.copy(demo_template, database)
        db = ("--db", str(database))
        if rota_first:
            rota = cli(*db, "report", "rota", *period, "-o", str(tmp_path / "rota.pdf"))
            assert rota.returncode == 0, rota.stderr
        target = tmp_path / f"shifts-{rota_first}.csv"
        written = cli(*db, "export", "csv", "shifts", *period, "-o", str(target))
        assert written.returncode == 0, written.stderr
        with target.open(encoding="utf-8-sig", newline="") as stream:
            rows = [row[1:] for row in csv.reader(stream)]  # the ID differs between files
        with sqlite3.connect(database) as connection:
            stored = connection.execute(
                "SELECT count(*) FROM shift WHERE local_date BETWEEN '2027-03-01' AND '2027-03-31'"
            ).fetchone()[0]
        assert len(rows) - 1 == stored > 20
        tables.append(rows)
    assert tables[0] == tables[1]


def test_a_liaisons_first_import_creates_the_database(
    cli: Run, demo_template: Path, second_demo: Path, tmp_path: Path
) -> None:
    from tests.exchange.conftest import write_bundle_of

    bundles = []
    for source, name in ((demo_template, "hawthorne"), (second_demo, "lents")):
        copy = tmp_path / f"{name}.sqlite"
        shutil.copy(source, copy)
        bundles.append(write_bundle_of(copy, tmp_path / f"{name}.wdx"))
    folder = tmp_path / "precinct"
    folder.mkdir()
    liaison = folder / "liaison.sqlite"

    dry = cli("--db", str(liaison), "import", "bundle", str(bundles[0]), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Hawthorne Heights Neighborhood Watch (new group)" in dry.stdout
    assert "Dry run: nothing was written." in dry.stdout
    assert list(folder.iterdir()) == []

    first = cli("--db", str(liaison), "import", "bundle", str(bundles[0]))
    assert first.returncode == 0, first.stderr
    assert f"Created {liaison}." in first.stdout
    second = cli("--db", str(liaison), "import", "bundle", str(bundles[1]))
    assert second.returncode == 0, second.stderr
    assert "Created" not in second.stdout
    with sqlite3.connect(liaison) as connection:
        groups = connection.execute("SELECT name, is_local FROM watch_group ORDER BY id").fetchall()
        observations = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    assert groups == [
        ("Hawthorne Heights Neighborhood Watch", 0),
        ("Lents Park Neighborhood Watch", 0),
    ]
    assert observations == _counts(demo_template)[1] + _counts(second_demo)[1]
    # Only the database (and the backup taken before the second import) is left in the folder.
    assert sorted(p.name for p in folder.iterdir()) == ["liaison-backups", "liaison.sqlite"]
    checked = cli("--db", str(liaison), "check")
    assert checked.returncode == 0 and "healthy" in checked.stdout, checked.stdout


def test_a_bad_bundle_into_a_new_path_leaves_no_file(cli: Run, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.wdx"
    corrupt.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    folder = tmp_path / "precinct"
    folder.mkdir()
    liaison = folder / "liaison.sqlite"
    for arguments, words in (
        ((str(corrupt),), "corrupt.wdx"),
        ((str(corrupt), "--dry-run"), "corrupt.wdx"),
        ((str(tmp_path / "missing.wdx"),), "missing.wdx does not exist"),
    ):
        result = cli("--db", str(liaison), "import", "bundle", *arguments)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert list(folder.iterdir()) == []  # neither the file nor its temporary folder
    nowhere = cli("--db", str(tmp_path / "no" / "x.sqlite"), "import", "bundle", str(corrupt))
    assert (
        nowhere.returncode == 2
        and "the folder" in nowhere.stderr
        and "does not exist" in (nowhere.stderr)
    )

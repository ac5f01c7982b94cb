"""`watchdesk import roster`: summary, dry run, and clean refusals that write nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from watchdesk.db.backup_set import list_backups

ROSTER = (
    "Name,E-mail,Phone #,Street Address,Block,Member since\r\n"
    '"Peña, Ana",ANA@EXAMPLE.ORG,(971) 555-0101,"12 Elm St, Apt 2",Block 1,3/7/2024\r\n'
    '"O\'Brien, Sean",sean@example.org,971.555.0102,14 Elm St,Block 1,\r\n'
    "Solo,solo@,12,,,\r\n"
)


@pytest.fixture
def database(cli: Run, tmp_path: Path) -> Path:
    path = tmp_path / "watch.sqlite"
    assert cli("--db", str(path), "demo", "--as-of", "2026-11-21").returncode == 0
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_prints_a_summary_with_reasons(cli: Run, database: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER.encode("cp1252"))
    result = cli("--db", str(database), "import", "roster", str(roster))
    assert result.returncode == 0, result.stderr
    assert "2 added, 0 updated, 1 skipped." in result.stdout
    assert "row 4 skipped: full_name: 'Solo' needs a first and a last name" in result.stdout
    again = cli("--db", str(database), "import", "roster", str(roster))
    assert "0 added, 2 updated, 1 skipped." in again.stdout
    reasons = [b.reason for b in list_backups(database)]
    assert reasons == ["before-import", "before-import"]  # one before each import


def test_dry_run_writes_nothing(cli: Run, database: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    before = digest(database)
    result = cli("--db", str(database), "import", "roster", str(roster), "--dry-run")
    assert result.returncode == 0
    assert "2 added" in result.stdout and "nothing was written" in result.stdout
    assert digest(database) == before
    assert list_backups(database) == []


def test_column_mapping_from_the_command_line(cli: Run, database: Path, tmp_path: Path) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text("Who;Reach me at\nLee, Kim;kim@example.org\n", encoding="utf-8")
    refused = cli("--db", str(database), "import", "roster", str(roster))
    assert refused.returncode == 2 and "no name column" in refused.stderr
    result = cli(
        "--db",
        str(database),
        "import",
        "roster",
        str(roster),
        "--map",
        "Who=full_name",
        "--map",
        "Reach me at=email",
    )
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Name,Email\r\n", "no members"),
        (b"PK\x03\x04 not really a workbook", "workbook cannot be read"),
    ],
)
def test_unreadable_files_exit_2_and_change_nothing(
    cli: Run, database: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    roster = tmp_path / "broken.csv"
    roster.write_bytes(content)
    before = digest(database)
    result = cli("--db", str(database), "import", "roster", str(roster))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert digest(database) == before


def test_missing_roster_or_database(cli: Run, database: Path, tmp_path: Path) -> None:
    missing = cli("--db", str(database), "import", "roster", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    no_db = cli("--db", str(tmp_path / "absent.sqlite"), "import", "roster", str(roster))
    assert no_db.returncode == 2 and "does not exist" in no_db.stderr
    assert not (tmp_path / "absent.sqlite").exists()

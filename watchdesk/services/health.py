"""Health of a database file: integrity, references and schema revision, read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from watchdesk.core.words import count as counted
from watchdesk.db.engine import connect_read_only
from watchdesk.db.migrate import head_revision
from watchdesk.db.opening import check_is_watchdesk


@dataclass
class HealthReport:
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_file(path: Path) -> HealthReport:
    """Inspect without writing: raises DatabaseOpenError for a file that is not ours."""
    check_is_watchdesk(path)
    report = HealthReport(revision=None, head=head_revision())
    try:
        with connect_read_only(path) as conn:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                report.problems.append("integrity check failed: " + "; ".join(integrity[:5]))
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                report.problems.append(
                    f"{counted(len(broken), 'row')} referring to records that do not exist"
                )
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name='alembic_version'").fetchone():
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                report.revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"the file cannot be read: {exc}")
        return report
    if report.revision != report.head:
        report.problems.append(
            f"schema is at {report.revision or 'no revision'}, this program uses {report.head}"
        )
    return report

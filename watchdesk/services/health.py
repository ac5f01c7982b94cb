"""Health of an open database file: integrity, references and schema revision."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from watchdesk.db.engine import Database
from watchdesk.db.migrate import current_revision, head_revision


@dataclass
class HealthReport:
    integrity: str
    broken_references: int
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(db: Database) -> HealthReport:
    with db.engine.connect() as conn:
        rows = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    revision = current_revision(db.engine)
    report = HealthReport(integrity="; ".join(rows), broken_references=len(broken),
                          revision=revision, head=head_revision())
    if rows != ["ok"]:
        report.problems.append(f"integrity check failed: {report.integrity[:500]}")
    if broken:
        report.problems.append(f"{len(broken)} rows refer to records that do not exist")
    if revision != report.head:
        report.problems.append(f"schema is at {revision}, the program expects {report.head}")
    return report

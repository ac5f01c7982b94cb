"""Watch groups and their blocks (the schema calls a block a "zone")."""

from __future__ import annotations

from watchdesk.db.engine import Database
from watchdesk.services.groups import default_group, list_groups, list_zones
from watchdesk.services.rows import GroupRow, ZoneRow


def blocks(db: Database, group_id: int | None) -> list[ZoneRow]:
    """The group's blocks in name order (every group's for None)."""
    with db.read() as session:
        return list_zones(session, group_id)


def groups_to_show(db: Database, preferred: int | None) -> tuple[GroupRow | None, list[GroupRow]]:
    """Every group in the file, and the one to show: ``preferred`` if it is still there,
    else the file's own group; None when the file holds no group yet."""
    with db.read() as session:
        groups = list_groups(session)
        kept = [g for g in groups if g.id == preferred]
        return (kept[0] if kept else default_group(session)), groups

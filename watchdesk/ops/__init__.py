"""Operations: one function per user action.

Each takes the open :class:`~watchdesk.db.engine.Database`, owns its transactions (a read
never takes the write lock), does its own pre-work (series expansion, a backup before an
import) and returns an :class:`~watchdesk.ops.result.OpResult`: the value, the kinds of
records that changed, and the step that undoes it. The GUI and the CLI call only these.
"""

from watchdesk.ops.changes import Changes, Kind
from watchdesk.ops.result import OpResult, UndoStep

__all__ = ["Changes", "Kind", "OpResult", "UndoStep"]

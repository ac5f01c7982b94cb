"""Pure rules of WatchDesk: no Qt, no SQLAlchemy, no other project imports."""

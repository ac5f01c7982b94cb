"""Use cases: one function per user action, given a Session. They flush, never commit."""

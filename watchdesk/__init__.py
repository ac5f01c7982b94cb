"""WatchDesk: records, rotas and reports for neighborhood-watch coordinators."""

__version__ = "0.1.0"

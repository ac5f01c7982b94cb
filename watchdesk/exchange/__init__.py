"""Files that carry records between WatchDesk databases and to other programs: the exchange
bundle (``.wdx``, see ``docs/exchange-format.md``) and spreadsheet (CSV) tables."""

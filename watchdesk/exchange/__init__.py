"""Files that carry records between WatchDesk databases and to other programs: the exchange
bundle (``.wdx``, see ``docs/exchange-format.md``) and spreadsheet (CSV) tables.

``format``/``schema`` define the bundle; ``bundle_write``/``bundle_read`` handle the ZIP (the
reader assumes a hostile file); ``bundle_export``/``bundle_import`` move records between a
bundle and the database (bulk SQL, for speed); ``jobs`` runs whole exports and imports for the
CLI and the GUI.
"""

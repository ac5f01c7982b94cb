"""Printable PDFs (reportlab). ``base`` holds what every report shares: fonts, styles,
escaping of user text, the page template with "Page X of Y", and atomic writing."""

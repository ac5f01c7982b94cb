"""Reading back the PDFs the tests produce."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> list[str]:
    """Each page's text with runs of whitespace (cell wrapping) as single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]

"""Shared report machinery.

- Fonts: DejaVu Sans (Debian ``fonts-dejavu-core``) is embedded so names such as "Nguyễn" or
  "Zoë" print; reportlab's built-in Helvetica only covers Latin-1 and is the fallback.
- All user text goes through :func:`text` (escaped for Paragraph markup) — a name like
  "O'Brien & Sons <Block 4>" prints literally and no ``<img>`` can make reportlab fetch anything.
- reportlab is told to trust no host and no URL scheme.
- Files are written next to the target and renamed into place: a cancelled or failed build
  never leaves half a PDF under the chosen name.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFZCompress,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from watchdesk.core import dates
from watchdesk.core.progress import Progress, SilentProgress

rl_config.trustedHosts = None
rl_config.trustedSchemes = []

FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"))
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
HEADER_FILL = colors.HexColor("#e6ebf1")
ACCENT = colors.HexColor("#1d4e89")
ALERT = colors.HexColor("#b00020")


def _register_fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu when installed, else Helvetica."""
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
                pdfmetrics.registerFontFamily(
                    "DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold"
                )
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, BOLD = _register_fonts()


def _style(name: str, **options: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": 9.5,
        "leading": 12,
        "textColor": INK,
        "alignment": TA_LEFT,
    }
    return ParagraphStyle(name, **{**base, **options})


STYLES = {
    "title": _style("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=4),
    "subtitle": _style("subtitle", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=10),
    "heading": _style(
        "heading",
        fontName=BOLD,
        fontSize=13,
        leading=16,
        spaceBefore=10,
        spaceAfter=6,
        textColor=ACCENT,
    ),
    "body": _style("body"),
    "small": _style("small", fontSize=8, leading=10, textColor=MUTED),
    "cell": _style("cell", fontSize=9, leading=11),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=9, leading=11),
    "note": _style(
        "note",
        fontSize=9,
        leading=12,
        backColor=colors.HexColor("#f4f6f9"),
        borderPadding=6,
        spaceBefore=6,
        spaceAfter=6,
    ),
}


def text(value: object, style: str = "cell") -> Paragraph:
    """A paragraph of user text, escaped so it prints exactly as typed."""
    shown = "" if value is None else str(value)
    return Paragraph(escape(shown).replace("\n", "<br/>"), STYLES[style])


def markup(trusted: str, style: str = "body") -> Paragraph:
    """A paragraph of the program's own markup (never user text unless passed through
    :func:`escape` first)."""
    return Paragraph(trusted, STYLES[style])


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    row_height: float | None = None,
) -> Table:
    """A ruled table whose header repeats on every page; cells are escaped text unless
    they are already flowables."""
    head = [text(title, "cell_bold") for title in header]
    body = [[c if isinstance(c, Flowable) else text(c) for c in row] for row in rows]
    result = Table(
        [head, *body],
        colWidths=list(widths),
        repeatRows=1,
        rowHeights=None if row_height is None else [None] + [row_height] * len(body),
    )
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


@dataclass
class ReportSpec:
    """What goes around every page: the title line, the footer note (e.g. what was left out
    for privacy), and when it was generated, shown in the group's ``time_zone`` (an IANA
    name; empty: this computer's zone)."""

    title: str
    group_name: str
    footer_note: str = ""
    footer_alert: bool = False  # the note is a warning (e.g. an unredacted copy): in red
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    landscape: bool = False
    time_zone: str = ""

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(LETTER) if self.landscape else LETTER


class _WrittenOnce(PDFStream):
    """A page body, compressed as the page was finished; its bytes are let go as soon as they
    are in the file's buffer (the file is assembled in memory: no second copy per page)."""

    def format(self, document: Any) -> bytes:
        try:
            return bytes(super().format(document))
        finally:
            self.content = b""


class _NumberedCanvas(Canvas):
    """Each page is compressed as soon as it is finished, so a report of tens of thousands of
    pages is never held uncompressed. The footer ("Page X of Y" needs Y) is each page's second,
    small content stream, added when the document is saved."""

    def __init__(self, *args: Any, spec: ReportSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spec = spec
        self._bodies: list[tuple[PDFPage, PDFObjectReference]] = []
        self._code: list[str]

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        # Balanced in q/Q: the footer stream that follows starts from the default state.
        body = PDFZCompress.encode(f"q\n{page.stream}Q\n")
        page.stream = None
        filtered = PDFDictionary({"Filter": PDFArray([PDFName(PDFZCompress.pdfname)])})
        self._bodies.append((page, self._doc.Reference(_WrittenOnce(filtered, body))))

    def save(self) -> None:
        if self._code:
            self.showPage()
        total = len(self._bodies)
        for number, (page, body) in enumerate(self._bodies, start=1):
            self._code = []
            self._furniture(number, total, page.pagewidth, page.pageheight)
            footer = PDFStream(content="q\n" + "\n".join(self._code) + "\nQ\n")
            footer.filters = [PDFZCompress]
            page.Contents = PDFArray([body, self._doc.Reference(footer)])
        self._code = []
        super().save()

    def _furniture(self, number: int, total: int, width: float, height: float) -> None:
        spec = self._spec
        margin = 0.6 * inch
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(margin, height - 0.5 * inch, width - margin, height - 0.5 * inch)
        self.line(margin, 0.55 * inch, width - margin, 0.55 * inch)
        self.setFillColor(MUTED)
        self.setFont(FONT, 8)
        self.drawString(margin, height - 0.42 * inch, f"{spec.group_name} — {spec.title}")
        self.drawRightString(width - margin, 0.38 * inch, f"Page {number} of {total}")
        stamp = dates.moment(spec.generated_at, spec.time_zone or None)
        self.drawString(margin, 0.38 * inch, f"Generated by WatchDesk {stamp}")
        if spec.footer_note:
            # Its own line: what was left out (or that nothing was) is read on every page.
            if spec.footer_alert:
                self.setFillColor(ALERT)
                self.setFont(BOLD, 8)
            font = BOLD if spec.footer_alert else FONT
            note = spec.footer_note
            while note and stringWidth(note, font, 8) > width - 2 * margin:
                note = note[:-2] + "…"
            self.drawString(margin, 0.25 * inch, note)
        self.restoreState()


class _CancellableDoc(SimpleDocTemplate):
    def __init__(self, *args: Any, progress: Progress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._progress = progress

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self._progress.check_cancelled()
        super().handle_flowable(flowables)


def build_pdf(
    target: Path,
    spec: ReportSpec,
    story: list[Flowable],
    progress: Progress | None = None,
) -> Path:
    """Lay out ``story`` into ``target`` atomically; raises ``Cancelled`` if cancelled."""
    progress = progress or SilentProgress()
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    os.close(handle)
    try:
        document = _CancellableDoc(
            temporary,
            progress=progress,
            pagesize=spec.pagesize,
            leftMargin=0.6 * inch,
            rightMargin=0.6 * inch,
            topMargin=0.7 * inch,
            bottomMargin=0.75 * inch,
            title=f"{spec.title} — {spec.group_name}",
            author="WatchDesk",
            creator="WatchDesk",
        )
        document.build(story, canvasmaker=partial(_NumberedCanvas, spec=spec))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def fields_box(
    rows: Sequence[tuple[str, str]],
    pairs: int = 2,
    label_width: float = 1.25 * inch,
    width: float = 7.3 * inch,
) -> Table:
    """A form-like box of ``pairs`` label/value pairs a line, filled left to right; an empty
    value shows as a dash."""
    value_width = width / pairs - label_width
    cells = [
        cell for caption, value in rows for cell in (text(caption, "cell_bold"), text(value or "—"))
    ]
    cells += [text("")] * (-len(cells) % (2 * pairs))
    data = [cells[i : i + 2 * pairs] for i in range(0, len(cells), 2 * pairs)]
    box = Table(data, colWidths=[label_width, value_width] * pairs)
    box.setStyle(
        TableStyle(
            [
                *[("BACKGROUND", (2 * i, 0), (2 * i, -1), HEADER_FILL) for i in range(pairs)],
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


def title_block(title: str, subtitle: str) -> list[Flowable]:
    return [text(title, "title"), text(subtitle, "subtitle")]


def spacer(height: float = 8) -> Spacer:
    return Spacer(1, height)

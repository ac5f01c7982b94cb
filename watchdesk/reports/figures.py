"""Charts and the map figure of the printed reports, drawn with reportlab's own graphics (no
matplotlib, nothing fetched). Text in a drawing is plain text, never markup."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Image,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth

from watchdesk.core import dates
from watchdesk.core.streets import Street, clip_streets
from watchdesk.core.vocabulary import CATEGORY_COLOURS, OBSERVATION_CATEGORIES
from watchdesk.reports.base import ACCENT, BOLD, FONT, INK, MUTED, RULE
from watchdesk.reports.tiles import tile_background

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_METRES_PER_DEGREE = 111_320.0


def _axis_style(axis: Any, size: float = 7.5) -> None:
    axis.labels.fontName = FONT
    axis.labels.fontSize = size
    axis.labels.fillColor = INK
    axis.strokeColor = RULE


def _nice_top(value: int) -> int:
    """A round axis maximum at or above ``value``."""
    if value <= 5:
        return 5
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def category_chart(counts: Sequence[tuple[str, int]], width: float = 3.5 * inch) -> Drawing:
    """Observations by category, one horizontal bar each, the count at the bar's end."""
    bar_height = 13
    height = max(1, len(counts)) * bar_height + 30
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 1.25 * inch, 18
    chart.width, chart.height = width - chart.x - 24, height - 28
    # Top to bottom in vocabulary order: the chart draws its first bar at the bottom.
    chart.data = [[n for _label, n in reversed(counts)]]
    chart.categoryAxis.categoryNames = [name for name, _n in reversed(counts)]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_top(max((n for _l, n in counts), default=0))
    _axis_style(chart.categoryAxis)
    _axis_style(chart.valueAxis, 7)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    drawing.add(chart)
    return drawing


def weekly_chart(weeks: Sequence[tuple[dt.date, int]], width: float = 3.5 * inch) -> Drawing:
    """Observations by week (weeks start on Monday)."""
    height = 2.1 * inch
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 38, height - 44
    chart.data = [[n for _day, n in weeks]]
    every = max(1, math.ceil(len(weeks) / 9))
    chart.categoryAxis.categoryNames = [
        dates.day_month(day) if i % every == 0 else "" for i, (day, _n) in enumerate(weeks)
    ]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_top(max((n for _d, n in weeks), default=0))
    _axis_style(chart.categoryAxis, 6.5)
    _axis_style(chart.valueAxis, 7)
    chart.categoryAxis.labels.angle = 30 if len(weeks) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(weeks) > 6 else "n"
    drawing.add(chart)
    drawing.add(
        String(28, 4, "Week beginning (Monday)", fontName=FONT, fontSize=6.5, fillColor=MUTED)
    )
    return drawing


def _compact(count: int) -> str:
    """A count that fits a grid cell: 9999 in full, then 10.4k, 123k."""
    if count < 10_000:
        return str(count)
    return f"{count / 1000:.1f}k" if count < 99_950 else f"{round(count / 1000)}k"


def when_grid(counts: Sequence[Sequence[int]], width: float = 7.3 * inch) -> Drawing:
    """Weekday x hour of day: a cell per hour, darker the more observations, with the count."""
    left, top_band = 30, 14
    cell = (width - left) / 24
    height = top_band + 7 * cell + 4
    drawing = Drawing(width, height)
    most = max((n for row in counts for n in row), default=0)
    for hour in range(24):
        drawing.add(
            String(
                left + hour * cell + cell / 2,
                height - 10,
                f"{hour:02d}",
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for day, row in enumerate(counts):
        y = height - top_band - (day + 1) * cell
        drawing.add(
            String(0, y + cell / 2 - 3, WEEKDAYS[day], fontName=FONT, fontSize=7.5, fillColor=INK)
        )
        for hour, n in enumerate(row):
            share = n / most if most else 0.0
            fill = colors.linearlyInterpolatedColor(colors.white, ACCENT, 0, 1, share)
            drawing.add(
                Rect(
                    left + hour * cell,
                    y,
                    cell,
                    cell,
                    fillColor=fill,
                    strokeColor=RULE,
                    strokeWidth=0.3,
                )
            )
            if n:
                drawing.add(
                    String(
                        left + hour * cell + cell / 2,
                        y + cell / 2 - 2.5,
                        _compact(n),
                        fontName=FONT,
                        fontSize=6,
                        textAnchor="middle",
                        fillColor=colors.white if share > 0.55 else INK,
                    )
                )
    return drawing


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def map_figure(
    outlines: Sequence[tuple[str, dict[str, Any]]],
    counts: Mapping[tuple[float, float, str], int],
    note: str,
    tiles: Path | None = None,
    width: float = 7.3 * inch,
    height: float = 4.6 * inch,
    *,
    streets: Sequence[Street] = (),
) -> Drawing | None:
    """Block outlines and observations (``counts``: how many at each latitude, longitude and
    category), drawn to scale (equirectangular, fine at a neighbourhood's size) with a legend,
    a scale bar and a north arrow, over map tiles from the ``tiles`` folder when it has them
    (``reports.tiles``) and with the ``streets`` as thin grey named lines when given. None
    with nothing to draw."""
    rings = [(name, ring) for name, geometry in outlines for ring in _rings(geometry)]
    lats = [p[1] for _n, ring in rings for p in ring] + [spot[0] for spot in counts]
    lons = [p[0] for _n, ring in rings for p in ring] + [spot[1] for spot in counts]
    if not lats:
        return None
    legend_width = 1.55 * inch
    plot_w, plot_h = width - legend_width - 8, height - 8
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-5)
    span_y = max(north - south, 1e-5)
    scale = 0.92 * min(plot_w / span_x, plot_h / span_y)  # points per degree of latitude
    x0 = 4 + (plot_w - span_x * scale) / 2
    y0 = 4 + (plot_h - span_y * scale) / 2

    def at(lat: float, lon: float) -> tuple[float, float]:
        return x0 + (lon - west) * squeeze * scale, y0 + (lat - south) * scale

    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0,
            0,
            plot_w + 8,
            height,
            fillColor=colors.HexColor("#f7f8fa"),
            strokeColor=RULE,
            strokeWidth=0.5,
        )
    )
    extent = (  # south, west, north, east of the plot
        south - (y0 - 4) / scale,
        west - (x0 - 4) / (squeeze * scale),
        south + (plot_h + 4 - y0) / scale,
        west + (plot_w + 4 - x0) / (squeeze * scale),
    )
    background = tile_background(
        tiles,
        *extent,
        width_px=round(plot_w * 200 / 72),  # enough for 200 dpi
    )
    if background is not None:
        drawing.add(Image(4, 4, plot_w, plot_h, background.image))
        note = f"{note} {background.attribution}"
    # Over a background, outlines only: a filled block would hide the streets.
    fill = None if background else colors.HexColor("#e8eef6")
    for _name, ring in rings:
        points = [c for lon, lat, *_ in ring for c in at(lat, lon)]
        drawing.add(Polygon(points, fillColor=fill, strokeColor=ACCENT, strokeWidth=0.9))
    if streets:  # over the blocks' light fill, under their names and the observations
        _streets(drawing, clip_streets(streets, *extent), at)
    for name, geometry in outlines:
        outer = _rings(geometry)[:1]
        if outer:
            ring = outer[0]
            lat = sum(p[1] for p in ring[:-1]) / max(1, len(ring) - 1)
            lon = sum(p[0] for p in ring[:-1]) / max(1, len(ring) - 1)
            x, y = at(lat, lon)
            drawing.add(
                String(
                    x,
                    y,
                    name.split(":")[0][:24],
                    fontName=FONT,
                    fontSize=6,
                    fillColor=ACCENT,
                    textAnchor="middle",
                )
            )
    # Rounded locations coincide: one circle per spot, sized by how many, in the colour of
    # the commonest category there.
    spots: dict[tuple[float, float], Counter[str]] = defaultdict(Counter)
    for (lat, lon, category), count in counts.items():
        spots[(lat, lon)][category] += count
    for (lat, lon), categories in sorted(spots.items(), key=lambda s: -s[1].total()):
        x, y = at(lat, lon)
        count = categories.total()
        radius = min(9.0, 2.2 + 1.3 * math.sqrt(count - 1))
        fill = colors.HexColor(CATEGORY_COLOURS.get(categories.most_common(1)[0][0], "#7f7f7f"))
        drawing.add(Circle(x, y, radius, fillColor=fill, strokeColor=colors.white, strokeWidth=0.4))
        if count > 1 and radius >= 4.5:
            drawing.add(
                String(
                    x,
                    y - 2,
                    str(count),
                    fontName=BOLD,
                    fontSize=5.5,
                    fillColor=colors.white,
                    textAnchor="middle",
                )
            )
    _scale_bar(drawing, scale, 10, 10)
    _north_arrow(drawing, plot_w - 6, height - 30)
    _legend(drawing, {c for _lat, _lon, c in counts}, plot_w + 16, height - 12, note)
    return drawing


STREET_GREY = colors.HexColor("#9a9a9a")
STREET_LABELS = 60  # at most this many street names on one map
LABEL_SIZE = 4.5


def _streets(
    drawing: Drawing,
    streets: Sequence[Street],
    at: Any,
) -> None:
    """Street lines in thin grey; each street's name once, along its longest stretch on the
    map, at the first place along it where the name fits on one straight piece and covers no
    other name."""
    longest: dict[str, tuple[float, list[tuple[float, float]]]] = {}
    for street in streets:
        for run in street.lines:
            points = [at(lat, lon) for lon, lat in run]
            drawing.add(
                PolyLine(
                    [c for point in points for c in point],
                    strokeColor=STREET_GREY,
                    strokeWidth=0.5,
                )
            )
            length = sum(math.dist(a, b) for a, b in pairwise(points))
            if street.name and length > longest.get(street.name, (0.0, []))[0]:
                longest[street.name] = (length, points)
    taken: list[tuple[float, float]] = []  # points along the names already placed
    ranked = sorted(longest.items(), key=lambda item: -item[1][0])
    for name, (_length, points) in ranked[:STREET_LABELS]:
        half = stringWidth(name, FONT, LABEL_SIZE) / 2 + 2
        for a, b in sorted(pairwise(points), key=lambda s: -math.dist(*s)):
            segment = math.dist(a, b)
            if segment < 2 * half:
                break  # the longer pieces were tried: no room for the name
            angle = math.atan2(b[1] - a[1], b[0] - a[0])
            if angle > math.pi / 2:
                angle -= math.pi
            elif angle < -math.pi / 2:
                angle += math.pi
            cos, sin = math.cos(angle), math.sin(angle)
            placed = False
            for share in (0.5, 0.3, 0.7, 0.15, 0.85):
                along = min(max(share * segment, half), segment - half)
                x = a[0] + (b[0] - a[0]) * along / segment
                y = a[1] + (b[1] - a[1]) * along / segment
                samples = [(x + cos * d, y + sin * d) for d in _steps(half)]
                if any(math.dist(p, q) < LABEL_SIZE * 1.6 for p in samples for q in taken):
                    continue
                taken.extend(samples)
                label = Group(
                    String(
                        0,
                        1.2,
                        name,
                        fontName=FONT,
                        fontSize=LABEL_SIZE,
                        fillColor=MUTED,
                        textAnchor="middle",
                    )
                )
                label.transform = (cos, sin, -sin, cos, x, y)
                drawing.add(label)
                placed = True
                break
            if placed:
                break


def _steps(half: float) -> list[float]:
    """Offsets from a label's middle to points along it, about every 4 points."""
    count = max(1, int(half // 4))
    return [half * i / count for i in range(-count, count + 1)]


def _scale_bar(drawing: Drawing, points_per_degree: float, x: float, y: float) -> None:
    points_per_metre = points_per_degree / _METRES_PER_DEGREE
    metres = 10 ** int(math.log10(max(1.0, 1.2 * inch / points_per_metre)))
    for step in (5, 2, 1):
        if step * metres * points_per_metre <= 1.4 * inch:
            metres *= step
            break
    length = metres * points_per_metre
    drawing.add(Line(x, y, x + length, y, strokeColor=INK, strokeWidth=1.2))
    for end in (x, x + length):
        drawing.add(Line(end, y - 2, end, y + 2, strokeColor=INK, strokeWidth=1))
    shown = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    drawing.add(String(x + length + 4, y - 2.5, shown, fontName=FONT, fontSize=7, fillColor=INK))


def _north_arrow(drawing: Drawing, x: float, y: float) -> None:
    drawing.add(Polygon([x, y + 16, x - 4, y + 4, x + 4, y + 4], fillColor=INK, strokeColor=INK))
    drawing.add(
        String(x, y - 6, "N", fontName=BOLD, fontSize=8, fillColor=INK, textAnchor="middle")
    )


def _legend(drawing: Drawing, shown: set[str], x: float, top: float, note: str) -> None:
    """Categories on the map, circle size, outlines, and how exact the locations are."""
    y = top
    drawing.add(String(x, y, "Observations", fontName=BOLD, fontSize=7.5, fillColor=INK))
    for code, name in OBSERVATION_CATEGORIES.items():
        if code not in shown:
            continue
        y -= 11
        drawing.add(
            Circle(
                x + 3,
                y + 2.5,
                2.6,
                fillColor=colors.HexColor(CATEGORY_COLOURS[code]),
                strokeColor=colors.HexColor("#222222"),
                strokeWidth=0.25,
            )
        )
        drawing.add(String(x + 10, y, name, fontName=FONT, fontSize=7, fillColor=INK))
    y -= 11
    drawing.add(
        String(
            x, y, "Bigger circle: more at one spot", fontName=FONT, fontSize=6.5, fillColor=MUTED
        )
    )
    y -= 14
    drawing.add(
        Rect(x, y, 10, 6, fillColor=colors.HexColor("#e8eef6"), strokeColor=ACCENT, strokeWidth=0.9)
    )
    drawing.add(String(x + 14, y, "Block outline", fontName=FONT, fontSize=7, fillColor=INK))
    for line in _wrap_words(note, 30):
        y -= 11
        drawing.add(String(x, y, line, fontName=FONT, fontSize=6.5, fillColor=MUTED))


def _wrap_words(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines

"""Charts as inline SVG: horizontal bars, a line over time, an age-sex pyramid.

Pure functions from counts to markup. Every label is escaped (labels come from
leaked cells, which are hostile); the markup needs no script, font or image,
so the report opens with no network. Each chart carries ``role="img"`` and a
``<title>``, and a ``data-chart`` attribute the browser test looks for.

>>> svg = bar_chart("Reasons", [("<b>", 3), ("travel", 1)])
>>> "&lt;b&gt;" in svg and "<b>" not in svg
True
>>> svg.count("<rect")
2
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

_BAR, _GAP, _LABEL_W, _PLOT_W, _NUM_W = 18, 6, 190, 320, 70
_INK, _ACCENT, _ACCENT2, _MUTED = "#222", "#2b5d8a", "#b5523b", "#888"


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _truncate(label: str, limit: int = 30) -> str:
    """LABEL cut to LIMIT half-width cells (a Chinese character takes two) with an ellipsis.

    >>> _truncate("abcdef", 4)
    'abc…'
    >>> _truncate("宗教极端人员", 6)
    '宗教…'
    """
    if sum(map(_width, label)) <= limit:
        return label
    out, used = "", 1
    for ch in label:
        if used + _width(ch) > limit:
            break
        out, used = out + ch, used + _width(ch)
    return out + "…"


def _frame(kind: str, title: str, width: int, height: int, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" data-chart="{kind}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">'
            f"<title>{escape(title)}</title>")
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every piece of body is escaped


def bar_chart(title: str, items: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per (label, count), longest scaled to the plot width.

    >>> 'width="320.0"' in bar_chart("t", [("a", 4), ("b", 2)])
    True
    """
    top = max((n for _, n in items), default=0) or 1
    body: list[str] = []
    for k, (label, count) in enumerate(items):
        y = k * (_BAR + _GAP)
        width = _PLOT_W * count / top
        body += [f'<text x="{_LABEL_W - 6}" y="{y + 13}" text-anchor="end" fill="{_INK}">'
                 f"{escape(_truncate(label))}</text>",
                 f'<rect x="{_LABEL_W}" y="{y}" width="{width:.1f}" height="{_BAR}" fill="{_ACCENT}"/>',
                 f'<text x="{_LABEL_W + width + 4:.1f}" y="{y + 13}" fill="{_INK}">{count:,}</text>']
    height = max(len(items), 1) * (_BAR + _GAP)
    return _frame("bar", title, _LABEL_W + _PLOT_W + _NUM_W, height, body)


def line_chart(title: str, points: Sequence[tuple[str, int]]) -> Markup:
    """A line of counts over ordered periods (e.g. months), first and last period labelled.

    >>> line_chart("t", [("2017-01", 2), ("2017-02", 5)]).count("<circle")
    2
    """
    width, height, pad = 560, 200, 36
    top = max((n for _, n in points), default=0) or 1
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    xy = [(pad + k * step, height - pad - (height - 2 * pad) * n / top) for k, (_, n) in enumerate(points)]
    axis = height - pad
    body = [f'<line x1="{pad}" y1="{axis}" x2="{width - pad}" y2="{axis}" stroke="{_MUTED}"/>',
            f'<text x="4" y="{pad - 8}" fill="{_INK}">{top:,}</text>']
    if xy:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        body.append(f'<polyline points="{path}" fill="none" stroke="{_ACCENT}" stroke-width="2"/>')
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{_ACCENT}"/>' for x, y in xy]
        body += [f'<text x="{pad}" y="{height - 12}" fill="{_INK}">{escape(points[0][0])}</text>',
                 f'<text x="{width - pad}" y="{height - 12}" text-anchor="end" fill="{_INK}">'
                 f"{escape(points[-1][0])}</text>"]
    return _frame("line", title, width, height, body)


@dataclass(frozen=True)
class Band:
    """One age band of a pyramid: its label and the count of men and of women."""

    label: str
    men: int
    women: int


def pyramid(title: str, bands: Sequence[Band]) -> Markup:
    """An age-sex pyramid: men to the left, women to the right, the oldest band on top.

    >>> svg = pyramid("t", [Band("20-29", 3, 1), Band("30-39", 2, 2)])
    >>> svg.count("<rect")
    4
    """
    half, mid, row = 200, 260, _BAR + _GAP
    top = max((max(b.men, b.women) for b in bands), default=0) or 1
    body = [f'<text x="{mid - 50}" y="12" text-anchor="end" fill="{_INK}">men</text>',
            f'<text x="{mid + 50}" y="12" fill="{_INK}">women</text>']
    for k, band in enumerate(reversed(bands)):
        y = 20 + k * row
        men, women, text_y = half * band.men / top, half * band.women / top, y + 13
        body += [f'<rect x="{mid - 30 - men:.1f}" y="{y}" width="{men:.1f}" height="{_BAR}" '
                 f'fill="{_ACCENT}"/>',
                 f'<rect x="{mid + 30}" y="{y}" width="{women:.1f}" height="{_BAR}" fill="{_ACCENT2}"/>',
                 f'<text x="{mid}" y="{text_y}" text-anchor="middle" fill="{_INK}">'
                 f"{escape(band.label)}</text>",
                 f'<text x="{mid - 34 - men:.1f}" y="{text_y}" text-anchor="end" fill="{_INK}">'
                 f"{band.men:,}</text>",
                 f'<text x="{mid + 34 + women:.1f}" y="{text_y}" fill="{_INK}">{band.women:,}</text>']
    return _frame("pyramid", title, 2 * mid, 20 + max(len(bands), 1) * row, body)

"""Server-side SVG charts: pure functions from numbers to markup (no JavaScript, no library).

Charts are decoration for sighted users: the SVG is `aria-hidden` and every chart has a data
table beside it (with the same drill-down links) that screen readers and keyboards use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BAR_H, GAP, LABEL_W, WIDTH = 22, 6, 150, 560
PALETTE = ("#1f5fa8", "#2e7d32", "#b35c00", "#6a1b9a", "#00695c", "#8d2a2a")


@dataclass
class Bar:
    label: str
    value: float
    href: str = ""
    text: str = ""  # the value as shown (e.g. "93.2%"); defaults to the number
    count: int | None = None  # the size of the list behind `href` (a rate: its numerator)
    of: int | None = None  # a rate's denominator

    def __post_init__(self) -> None:
        # Formatted once here: the template's localized number filters cost ~0.2 ms per cell.
        if not self.text:
            self.text = f"{self.value:,.0f}"
            if self.count is None:
                self.count = int(self.value)

    @property
    def data_attrs(self) -> SafeString:
        """`data-count` / `data-of` of the link (what the drill-down test compares)."""
        out = format_html(' data-count="{}"', self.count) if self.count is not None else ""
        if self.of is not None:
            out += format_html(' data-of="{}"', self.of)
        return mark_safe(out)  # noqa: S308  (built by format_html)


def _empty(message: str = "자료 없음") -> SafeString:
    return format_html('<p class="chart-empty">{}</p>', message)


def bar_chart(bars: list[Bar], *, max_value: float | None = None, color: str = PALETTE[0]) -> SafeString:
    """Horizontal bars, one per row, each a link to the list behind it."""
    if not bars:
        return _empty()
    top = max_value or max((b.value for b in bars), default=0) or 1
    plot_w = WIDTH - LABEL_W - 70
    height = len(bars) * (BAR_H + GAP) + GAP
    rows = []
    for i, b in enumerate(bars):
        y = GAP + i * (BAR_H + GAP)
        w = max(0.0, b.value / top * plot_w)
        text = b.text
        rect = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
            '<text x="{}" y="{}" class="v">{}</text>',
            LABEL_W,
            y,
            f"{w:.1f}",
            BAR_H,
            color,
            f"{LABEL_W + w + 6:.1f}",
            y + BAR_H - 6,
            text,
        )
        label = format_html(
            '<text x="{}" y="{}" text-anchor="end">{}</text>', LABEL_W - 8, y + BAR_H - 6, b.label[:14]
        )
        body = label + rect
        if b.href:
            body = format_html('<a href="{}" tabindex="-1"{}>{}</a>', b.href, b.data_attrs, body)
        rows.append(body)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" aria-hidden="true" focusable="false">{}</svg>',
        WIDTH,
        height,
        mark_safe("".join(rows)),  # noqa: S308  (each row built by format_html)
    )


def line_chart(points: list[tuple[str, float]], *, color: str = PALETTE[0]) -> SafeString:
    """A line over time with the first, middle and last labels on the axis."""
    if not points:
        return _empty()
    w, h, pad_l, pad_b, pad_t = WIDTH, 200, 48, 28, 12
    top = max(v for _, v in points) or 1
    n = len(points)
    step = (w - pad_l - 10) / max(n - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad_l + i * step, pad_t + (h - pad_t - pad_b) * (1 - v / top)

    coords = " ".join("{:.1f},{:.1f}".format(*xy(i, v)) for i, (_, v) in enumerate(points))
    ticks = sorted({0, n // 2, n - 1})

    def anchor(i: int) -> str:  # the last label ends at the right edge instead of being cut off
        return "end" if i == n - 1 and n > 1 else "middle"

    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}">{}</text>',
        ((f"{xy(i, 0)[0]:.1f}", h - 8, anchor(i), points[i][0]) for i in ticks),
    )
    dots = (
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="2.5" fill="{}"></circle>',
            ((*(f"{c:.1f}" for c in xy(i, v)), color) for i, (_, v) in enumerate(points)),
        )
        if n <= 62
        else ""
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" aria-hidden="true" focusable="false">'
        '<line x1="{l}" y1="{b}" x2="{w}" y2="{b}" stroke="#767676"></line>'
        '<text x="{tl}" y="{t}" text-anchor="end">{top}</text>'
        '<text x="{tl}" y="{b}" text-anchor="end">0</text>'
        '<polyline fill="none" stroke="{c}" stroke-width="2" points="{pts}"></polyline>{dots}{labels}</svg>',
        w=w,
        h=h,
        l=pad_l,
        b=h - pad_b,
        tl=pad_l - 6,
        t=pad_t + 10,
        top=f"{top:,.0f}",
        c=color,
        pts=coords,
        dots=dots,
        labels=labels,
    )


def percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"

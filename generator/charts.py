"""Inline SVG charts drawn at build time: no script, no network, styled by the theme's CSS."""

from __future__ import annotations


from .site import MONTHS

WIDTH, HEIGHT = 720, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 14, 26


MAX_MONTHS = 240        # twenty years of monthly bars; a longer span is drawn by year (or decade, ...)
MAX_BARS = 120
FIRST, LAST = "0001-01", "9999-12"   # the months a date can have


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def _span_months(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1


def timeline_unit(counts: tuple[tuple[str, int], ...]) -> str:
    """What one bar of the timeline counts: "month", "year", or "10 years" (and so on) for long spans,
    so that no chart holds more than a few hundred bars however far apart its dates are."""
    if not counts or _span_months(counts[0][0], counts[-1][0]) <= MAX_MONTHS:
        return "month"
    years = int(counts[-1][0][:4]) - int(counts[0][0][:4]) + 1
    width = next(w for w in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000) if years / w <= MAX_BARS)
    return "year" if width == 1 else f"{width} years"


def _bars(counts: tuple[tuple[str, int], ...]) -> list[tuple[str, str, int]]:
    """(name for the tooltip, short axis label, articles) for every bar, gaps included."""
    unit = timeline_unit(counts)
    by_month = dict(counts)
    if unit == "month":
        months = _month_range(counts[0][0], counts[-1][0])
        # Pad a short span so a single month still reads as a chart, centred, within the calendar.
        while len(months) < 12:
            grow_left = (len(months) % 2 or months[-1] == LAST) and months[0] != FIRST
            months = _month_range(_shift(months[0], -1), months[-1]) if grow_left else \
                _month_range(months[0], _shift(months[-1], 1))
        label_every = max(1, round(len(months) / 8))
        return [(f"{MONTHS[int(m[5:]) - 1]} {m[:4]}",
                 (m[:4] if m.endswith("-01") or len(months) > 24 else f"{MONTHS[int(m[5:]) - 1][:3]} {m[2:4]}")
                 if i % label_every == 0 or m.endswith("-01") and len(months) > 24 else "",
                 by_month.get(m, 0)) for i, m in enumerate(months)]
    width = 1 if unit == "year" else int(unit.split()[0])
    totals: dict[int, int] = {}
    for month, count in counts:
        start = int(month[:4]) // width * width
        totals[start] = totals.get(start, 0) + count
    starts = list(range(min(totals), max(totals) + 1, width))
    label_every = max(1, round(len(starts) / 8))
    return [(f"{y:04d}" if width == 1 else f"{max(y, 1):04d}–{min(y + width - 1, 9999):04d}",
             f"{max(y, 1):04d}" if i % label_every == 0 else "", totals.get(y, 0)) for i, y in enumerate(starts)]


def timeline_svg(counts: tuple[tuple[str, int], ...], *, label: str) -> str:
    """Bars of articles per month (or per year, for long spans; see timeline_unit) from the first
    to the last, gaps included; "" without dates."""
    from xml.sax.saxutils import escape  # here, not at the top: it imports urllib.request, which a quick edit never needs
    if not counts:
        return ""
    bars = _bars(counts)
    peak = max(count for _, _, count in bars)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(bars)
    bar = max(1.0, step * 0.72)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="timeline__axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<text class="timeline__label" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text class="timeline__label" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, (name, text, count) in enumerate(bars):
        x = LEFT + i * step + (step - bar) / 2
        if count:
            h = max(2.0, plot_h * count / peak)
            parts.append(f'<rect class="timeline__bar" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" rx="1.5"><title>{escape(name)}: {count} article{"s" if count != 1 else ""}</title></rect>')
        if text:
            parts.append(f'<text class="timeline__label" x="{LEFT + i * step + step / 2:.1f}" y="{HEIGHT - 8}" '
                         f'text-anchor="middle">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _shift(month: str, delta: int) -> str:
    year, m = int(month[:4]), int(month[5:7]) - 1 + delta
    year += m // 12
    return f"{year:04d}-{m % 12 + 1:02d}"

"""Inline SVG charts drawn at build time: no script, no network, styled by the theme's CSS."""

from __future__ import annotations


from .site import MONTHS

WIDTH, HEIGHT = 720, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 14, 26


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def timeline_svg(counts: tuple[tuple[str, int], ...], *, label: str) -> str:
    """Bars of articles per month from the first month to the last, gaps included; "" without dates."""
    from xml.sax.saxutils import escape  # here, not at the top: it imports urllib.request, which a quick edit never needs
    if not counts:
        return ""
    by_month = dict(counts)
    months = _month_range(counts[0][0], counts[-1][0])
    # Pad a short span so a single month still reads as a chart, centred.
    while len(months) < 12:
        months = _month_range(_shift(months[0], -1), months[-1]) if len(months) % 2 else _month_range(months[0], _shift(months[-1], 1))
    peak = max(by_month.values())
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(months)
    bar = max(1.0, step * 0.72)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="timeline__axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<text class="timeline__label" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text class="timeline__label" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    label_every = max(1, round(len(months) / 8))
    for i, month in enumerate(months):
        count = by_month.get(month, 0)
        x = LEFT + i * step + (step - bar) / 2
        name = f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"
        if count:
            h = max(2.0, plot_h * count / peak)
            parts.append(f'<rect class="timeline__bar" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" rx="1.5"><title>{escape(name)}: {count} article{"s" if count != 1 else ""}</title></rect>')
        if i % label_every == 0 or month.endswith("-01") and len(months) > 24:
            text = month[:4] if month.endswith("-01") or len(months) > 24 else f"{MONTHS[int(month[5:]) - 1][:3]} {month[2:4]}"
            parts.append(f'<text class="timeline__label" x="{LEFT + i * step + step / 2:.1f}" y="{HEIGHT - 8}" '
                         f'text-anchor="middle">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _shift(month: str, delta: int) -> str:
    year, m = int(month[:4]), int(month[5:7]) - 1 + delta
    year += m // 12
    return f"{year:04d}-{m % 12 + 1:02d}"

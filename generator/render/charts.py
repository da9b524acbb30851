"""Pictures drawn at build time: the timeline of an entity's articles and the entities it appears with.

Both are HTML with inline SVG: no script, no network, styled by the theme's CSS (light and dark). The
marks are SVG stretched to the width of the page; the words are HTML placed over them, so they keep
their size on a phone and on a wide screen.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass
from html import escape

from ..content.i18n import Language

# A timeline has at most about this many bars: months up to three years, quarters up to fifteen, then
# years, or runs of years (a page stays small whatever the dates: 0001 and 9999 make 50 bars).
MONTHS_UP_TO, QUARTERS_UP_TO, BARS = 36, 60, 50
TICKS = 8  # about as many year labels as a phone's width holds


@dataclass(frozen=True)
class _Bucket:
    start: dt.date
    count: int
    at: int = 0      # months since year 0 (the start's, unless the start is clamped to year 1)


def timeline_html(counts: tuple[tuple[str, int], ...], lang: Language, *, label: str) -> str:
    """Bars of articles per month (per quarter, year or run of years over longer spans), first to last,
    gaps included; "" without dates. `counts` holds ("YYYY-MM", articles) in order."""
    if not counts:
        return ""
    months = [(int(key[:4]), int(key[5:7]), count) for key, count in counts]
    (first_y, first_m, _), (last_y, last_m, _) = months[0], months[-1]
    span = (last_y - first_y) * 12 + last_m - first_m + 1
    step = 1 if span <= MONTHS_UP_TO else 3 if span <= QUARTERS_UP_TO * 3 else 12 * math.ceil(span / 12 / BARS)
    buckets = _buckets(months, step)
    peak = max(b.count for b in buckets)
    total = sum(count for _, _, count in months)
    bars = [_bar(i, len(buckets), bucket.count, peak, bucket.start, step, lang)
            for i, bucket in enumerate(buckets) if bucket.count]
    busiest = max(buckets, key=lambda b: b.count)
    if (first_y, first_m) == (last_y, last_m):
        summary = lang.ngettext("{count} article in {first}", "{count} articles in {first}", total,
                                first=lang.month(first_y, first_m))
    else:
        summary = lang.ngettext("{count} article, {first} to {last}; most in {busiest} ({peak})",
                                "{count} articles, {first} to {last}; most in {busiest} ({peak})", total,
                                first=lang.month(first_y, first_m), last=lang.month(last_y, last_m),
                                busiest=_bucket_name(busiest, step, lang), peak=lang.number(peak))
    caption = (lang.gettext("Articles per month") if step == 1 else lang.gettext("Articles per quarter") if step == 3
               else lang.gettext("Articles per year") if step == 12
               else lang.gettext("Articles per {count} years", count=step // 12))
    return (f'<div class="timeline" dir="ltr" role="img" aria-label="{escape(label)}: {escape(summary)}">'
            f'<div class="timeline__plot"><span class="timeline__peak" aria-hidden="true">{escape(lang.number(peak))}</span>'
            f'<svg class="timeline__bars" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg"><line class="timeline__grid" x1="0" y1="0.5" x2="100" '
            f'y2="0.5" vector-effect="non-scaling-stroke"/>{"".join(bars)}</svg></div>'
            f'<div class="timeline__axis" aria-hidden="true">{_ticks(buckets[0].at, len(buckets), step, lang)}</div>'
            f'<p class="timeline__caption" aria-hidden="true">{escape(caption)}</p></div>')


def _buckets(months: list[tuple[int, int, int]], step: int) -> list[_Bucket]:
    """One bucket of `step` months each, from the first article's to the last's, empty ones included."""
    counts: dict[int, int] = {}  # months since year 0 -> articles
    for year, month, count in months:
        index = year * 12 + month - 1
        start = index - index % step
        counts[start] = counts.get(start, 0) + count
    first, last = min(counts), max(counts)
    if step == 1 and last - first < 11:
        # A short span is padded to a year, centred, so one month still reads as a chart; within the
        # years 1 to 9999 that dates can have.
        first = min(max(first - (11 - (last - first)) // 2, 12), 9999 * 12 + 11 - 11)
        last = first + 11
    return [_Bucket(start, counts.get(at, 0), at) for at, start in _starts(first, last, step)]


# Thousands of timelines span the same months: their dates, labels and axes are made once.
@functools.lru_cache(maxsize=1 << 12)
def _starts(first: int, last: int, step: int) -> tuple[tuple[int, dt.date], ...]:
    return tuple((at, dt.date(max(1, at // 12), at % 12 + 1, 1)) for at in range(first, last + 1, step))


@functools.lru_cache(maxsize=1 << 16)
def _bar(i: int, bars: int, count: int, peak: int, start: dt.date, step: int, lang: Language) -> str:
    """Bar `i` of `bars`: `count` articles of the timeline's `peak`, in the `step` months from `start`."""
    slot = 100 / bars
    height = max(3.0, 100 * count / peak)
    return (f'<rect class="timeline__bar" x="{i * slot + slot * 0.12:.3f}" y="{100 - height:.2f}" '
            f'width="{slot * 0.76:.3f}" height="{height:.2f}"><title>{escape(_bucket_name(_Bucket(start, count), step, lang))}: '
            f'{escape(lang.ngettext("{count} article", "{count} articles", count))}</title></rect>')


def _bucket_name(bucket: _Bucket, step: int, lang: Language) -> str:
    day = bucket.start
    if step == 1:
        return lang.month(day.year, day.month)
    if step == 3:
        return lang.quarter(day)
    if step == 12:
        return str(day.year)
    return f"{day.year}–{min(9999, day.year + step // 12 - 1)}"


@functools.lru_cache(maxsize=1 << 12)
def _ticks(first: int, count: int, step: int, lang: Language) -> str:
    """Labels under the `count` bars of `step` months from month `first` (since year 0): each year once,
    where it starts; months by name over a short span."""
    ticks = []
    starts = [day for _, day in _starts(first, first + (count - 1) * step, step)]
    slot = 100 / count
    first_year = starts[0].year
    every = _nice_step(starts[-1].year - first_year + 1)
    short = step == 1 and count <= 12
    for i, day in enumerate(starts):
        centre = (i + 0.5) * slot
        if step == 1 and (short or day.month in (1, 4, 7, 10)):
            minor = " timeline__tick--minor" if short and i % 2 else ""
            ticks.append(f'<span class="timeline__tick timeline__tick--month{minor}" style="left:{centre:.2f}%">'
                         f'{escape(lang.month_abbr(day.year, day.month))}</span>')
        starts_year = day.month == 1
        # The first year goes under the first bar when its January is off the chart, unless the next
        # year's label follows too closely to read.
        first_shown = i == 0 and day.month != 1 and (12 - day.month + 1) / step >= 3
        labelled = (day.year - first_year) % every == 0 if step <= 12 else i % math.ceil(count / TICKS) == 0
        if (starts_year or first_shown) and labelled:
            ticks.append(f'<span class="timeline__tick timeline__tick--year" style="left:{centre:.2f}%">{day.year}</span>')
    return "".join(ticks)


def _nice_step(years: int) -> int:
    """Label every year, or every 2, 5, 10 ... so that at most TICKS years are labelled."""
    for every in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000):
        if math.ceil(years / every) <= TICKS:
            return every
    return 5000


# --- who appears with whom ----------------------------------------------------------------------

RING = 12         # neighbours drawn around the entity (a phone shows the first 8)


def cooccurrence_html(center_name: str, center_type: str, neighbours, link, lang: Language) -> str:
    """The entity in the middle and the ones it shares most articles with around it: each a link, its
    dot (the stylesheet's, sized by --size) sized by the articles shared, its line as thick.
    `neighbours` holds (EntityLink, shared)."""
    ring = list(neighbours)[:RING]
    if not ring:
        return ""
    top = max(count for _, count in ring)
    lines, nodes = [], []
    # The ring's places in the order the names take them: the first four at the compass points, the
    # next four between, so the eight a phone shows are spread evenly too.
    for (x, y), (other, count) in zip(_ring(len(ring)), ring):
        weight = math.sqrt(count / top)
        size = 14 + 26 * weight
        hidden = " cograph--extra" if len(lines) >= 8 else ""
        lines.append(f'<line class="cograph__edge{hidden}" x1="50" y1="50" x2="{x}" y2="{y}" '
                     f'style="stroke-width:{1 + 5 * weight:.1f}px"/>')
        title = _together(count, lang)
        nodes.append(f'<a class="cograph__node cograph__node--{escape(other.type)}{hidden}" href="{escape(link(other.url))}" '
                     f'style="left:{x}%;top:{y}%;--size:{size:.0f}px" title="{title}">'
                     f'<span class="cograph__name">{escape(other.name)}'
                     f'<span class="visually-hidden"> ({title})</span></span></a>')
    center = (f'<span class="cograph__node cograph__node--center cograph__node--{escape(center_type)}" '
              f'style="left:50%;top:50%;--size:46px">'
              f'<span class="cograph__name">{escape(center_name)}</span></span>')
    return (f'<div class="cograph" dir="ltr"><svg class="cograph__edges" viewBox="0 0 100 100" preserveAspectRatio="none" '
            f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{"".join(lines)}</svg>'
            f'{center}{"".join(nodes)}</div>')


@functools.lru_cache(maxsize=RING + 1)
def _ring(count: int) -> tuple[tuple[str, str], ...]:
    """Where the ring's `count` names go, in rank order: (x, y) as the picture writes them."""
    places = _spread(count)
    at = []
    for rank in range(count):
        angle = -math.pi / 2 + 2 * math.pi * places[rank] / count
        at.append((f"{50 + 38 * math.cos(angle):.2f}", f"{50 + 36 * math.sin(angle):.2f}"))
    return tuple(at)


@functools.lru_cache(maxsize=1 << 10)
def _together(count: int, lang: Language) -> str:
    return escape(lang.ngettext("{count} article together", "{count} articles together", count))


def _spread(count: int) -> list[int]:
    """Positions 0..count-1 on a ring, in an order where every prefix is spread around it."""
    order: list[int] = []
    for step in (4, 8, 16, 32):
        for i in range(step):
            place = round(i * count / step) % count
            if place not in order:
                order.append(place)
    order += [p for p in range(count) if p not in order]
    return order[:count]

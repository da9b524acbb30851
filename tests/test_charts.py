"""The pictures drawn at build time: the timeline and who appears with whom."""

import re

from generator.content.config import default_theme
from generator.content.i18n import language


def timeline(counts, code="en"):
    from generator.render.charts import timeline_html
    return timeline_html(tuple(counts), language(code, (default_theme(),)), label="Articles")


def ticks(html: str) -> list[str]:
    return re.findall(r'class="timeline__tick[^"]*" style="left:[\d.]+%">([^<]+)<', html)


def test_a_timeline_reads_from_one_month_to_twenty_years_without_repeating_a_year():
    one = timeline([("2016-02", 3)])
    assert one.count('class="timeline__bar"') == 1 and "Feb" in ticks(one) and "2016" in ticks(one)
    for counts in ([("2007-11", 1), ("2009-10", 2)], [("2001-01", 1), ("2012-06", 3)],
                   [("1990-01", 1), ("2010-12", 5)], [("0001-01", 1), ("9999-12", 1)]):
        html = timeline(counts)
        years = [t for t in ticks(html) if t.isdigit()]
        assert len(years) == len(set(years)) and 1 <= len(years) <= 8, years
        assert html.count("<rect") <= 60
        assert len(html) < 8000  # dates 0001 and 9999 no longer make an 800 KB page
    # Months by name over a short span, never "Aug 15", which reads as a day.
    assert not any(re.fullmatch(r"[A-Z][a-z]+ \d\d", t) for t in ticks(timeline([("2015-08", 1), ("2016-05", 2)])))
    assert "févr." in ticks(timeline([("2016-02", 3)], "fr"))


def test_the_co_occurrence_picture_links_each_entity_sized_by_shared_articles():
    from generator.render.charts import cooccurrence_html
    from generator.render.entity_pages import EntityLink
    others = [(EntityLink(f"e{i}", f"Name {i}", "person", f"entities/e{i}.html", 9), 12 - i) for i in range(15)]
    html = cooccurrence_html("Centre", "place", others, lambda u: u.split("/")[-1], language("en", (default_theme(),)))
    assert html.count('<a class="cograph__node') == 12  # at most a ring's worth
    assert 'href="e0.html"' in html and 'href="e12.html"' not in html
    sizes = [int(s) for s in re.findall(r"--size:(\d+)px", html)]
    assert sizes[1] > sizes[-1]  # the first neighbour shares most and is drawn largest
    assert html.count("cograph--extra") == 2 * 4  # a phone shows the first eight

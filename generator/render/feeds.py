"""Machine-readable output: Atom feeds, sitemap.xml, robots.txt and JSON-LD, all from values, never from HTML."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Iterable, Sequence

from ..content import urls
from ..content.articles import Article

FEED_SIZE = 50
ATOM_NS = "http://www.w3.org/2005/Atom"


def _timestamp(day: dt.date | None, moment: dt.datetime | None = None) -> str:
    """An article's time for machines: a time without a timezone is UTC, a date alone its midnight UTC."""
    if moment is not None:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return moment.isoformat()
    if day is None:
        return "1970-01-01T00:00:00Z"
    return f"{day.isoformat()}T00:00:00Z"


def _instant(day: dt.date, moment: dt.datetime | None) -> dt.datetime:
    """The same time as _timestamp, as a value that compares across timezones."""
    if moment is not None:
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def newest_time(articles: Sequence[Article]) -> dt.datetime | None:
    """The time of the newest dated article, for a feed with no dated entry; `articles` newest first."""
    if not articles or articles[0].date is None:
        return None
    first = articles[0].date
    same_day = (a for a in articles if a.date == first)   # sorted by day only: the latest time may be any of them
    return max((_instant(a.date, a.datetime) for a in same_day))


def _feed_link(base_url: str, feed_url: str, target: str) -> str:
    """Absolute with a base_url; otherwise relative to the feed file, which Atom readers resolve."""
    return urls.absolute(base_url, target) or urls.relative(feed_url, target)


def _entry_id(base_url: str, slug: str) -> str:
    return urls.absolute(base_url, urls.article(slug)) or f"urn:dossier:article:{slug}"


def atom_feed(*, title: str, feed_url: str, page_url: str, base_url: str, articles: Sequence[Article],
              summaries: dict[str, str], generator: str, built: dt.datetime | None = None) -> str:
    from xml.sax.saxutils import (  # here: it imports urllib.request, which a quick edit never needs
        escape,
        quoteattr,
    )
    """An Atom 1.0 feed of the newest dated articles; an undated one has no time to give a feed reader.

    `updated` is the newest entry's time, from the content, so builds are reproducible; `built` is the
    time for a feed with no dated entry.
    """
    chosen = [a for a in articles if a.date][:FEED_SIZE]
    newest = max(chosen, key=lambda a: _instant(a.date, a.datetime), default=None)
    updated = _timestamp(newest.date, newest.datetime) if newest else (
        _timestamp(None, built) if built else "1970-01-01T00:00:00Z")
    feed_id = urls.absolute(base_url, feed_url) or f"urn:dossier:feed:{feed_url}"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_feed_link(base_url, feed_url, feed_url))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_feed_link(base_url, feed_url, page_url))}/>',
        f"  <generator>{escape(generator)}</generator>",
    ]
    folder = feed_url[:feed_url.rfind("/") + 1] + "x"    # links are relative to the feed's folder
    for article in chosen:
        lines.append(_entry(base_url, folder, article.slug, article.page_url, article.title, article.date,
                            article.datetime, article.authors or ((article.source,) if article.source else ()),
                            article.tags, summaries.get(article.slug, "")))
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


# An article is an entry of the site's feed, its tags' and each of its entities' (thousands of feeds):
# its entry is written once per folder of feeds, from the values it shows.
@functools.lru_cache(maxsize=1 << 16)
def _entry(base_url: str, feed_url: str, slug: str, page_url: str, title: str, day: dt.date, moment: dt.datetime | None,
           authors: tuple[str, ...], tags: tuple[str, ...], summary: str) -> str:
    from xml.sax.saxutils import escape, quoteattr
    lines = [
        "  <entry>",
        f"    <title>{escape(title)}</title>",
        f"    <id>{escape(_entry_id(base_url, slug))}</id>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(_feed_link(base_url, feed_url, page_url))}/>',
        f"    <updated>{_timestamp(day, moment)}</updated>",
        f"    <published>{_timestamp(day, moment)}</published>",
    ]
    lines += [f"    <author><name>{escape(author)}</name></author>" for author in authors]
    lines += [f"    <category term={quoteattr(tag)}/>" for tag in tags]
    if summary:
        lines.append(f"    <summary>{escape(summary)}</summary>")
    lines.append("  </entry>")
    return "\n".join(lines)


def sitemap(base_url: str, pages: Iterable[tuple[str, dt.date | None]]) -> str:
    from xml.sax.saxutils import escape
    """Every indexable page, at its absolute address (so only with a base_url)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, day in sorted(pages):
        loc = urls.absolute(base_url, "" if url == urls.HOME else url)
        lines.append(f"  <url><loc>{escape(loc)}</loc>" + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(base_url: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"Sitemap: {urls.absolute(base_url, 'sitemap.xml')}\n"
    return text


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block; '<' is escaped so text cannot close the script."""
    # Compact output: it is for machines, and without `indent` json uses its C encoder.
    return json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).replace("<", "\\u003c")


SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place", "other": "Thing"}


def entity_ld(entity, *, url: str = "", description: str = "") -> dict:
    data = {"@type": SCHEMA_TYPES.get(entity.type, "Thing"), "name": entity.name}
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.same_as:
        data["sameAs"] = list(entity.same_as)
    if url:
        data["url"] = url
    if description:
        data["description"] = description
    return data


def article_ld(article: Article, *, canonical: str, summary: str, about=(), mentions=()) -> dict:
    data: dict = {"@type": "NewsArticle", "headline": article.title[:110]}
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    if summary:
        data["description"] = summary
    if article.date:
        data["datePublished"] = _timestamp(article.date, article.datetime) if article.datetime else article.date.isoformat()
    if article.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in article.authors]
    elif article.source:
        data["author"] = [{"@type": "Organization", "name": article.source}]
    if article.publisher or article.source:
        data["publisher"] = {"@type": "Organization", "name": article.publisher or article.source}
    if article.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source}
    if article.place:
        data["locationCreated"] = {"@type": "Place", "name": article.place}
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.url:
        data["isBasedOn"] = article.url
    if article.lang:
        data["inLanguage"] = article.lang
    if about:
        data["about"] = [entity_ld(e) for e in about]
    if mentions:
        data["mentions"] = [entity_ld(e) for e in mentions]
    return data

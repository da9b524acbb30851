"""Template-facing views: plain frozen values that templates read, built from the Site when a page is rendered."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import urls
from ..content.articles import Article
from ..content.config import language_of
from ..content.i18n import Language
from ..content.site import Group


@dataclass(frozen=True)
class Link:
    name: str
    url: str                 # root-relative; templates call link(url)
    count: int = 0


@dataclass(frozen=True)
class ArticleSummary:
    """An article as it appears in lists."""

    slug: str
    url: str
    title: str
    date: str                # ISO, or ""
    date_display: str
    source: str
    place: str
    summary: str


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int
    newer: str | None        # root-relative URL of the previous page of the list
    older: str | None
    numbers: tuple[tuple[int, str], ...]   # a bounded window of (page number, url)


@dataclass(frozen=True)
class PageInfo:
    url: str                 # root-relative URL of this page
    kind: str                # home, article, tag, source, year, month, tags, sources, archive, search, 404, ...
    title: str               # the page's own title (without the site title)
    description: str
    canonical: str           # absolute URL, or "" without base_url
    root: str                # relative path to the site root: "" or "../"
    breadcrumbs: tuple[Link, ...]
    og_type: str = "website"


def article_summary(article: Article, summary: str, lang: Language) -> ArticleSummary:
    return ArticleSummary(
        slug=article.slug, url=article.page_url, title=article.title,
        date=article.date.isoformat() if article.date else "", date_display=lang.date(article.date),
        source=article.source, place=article.place, summary=summary,
    )


def group_links(groups: tuple[Group, ...], url_for, limit: int | None = None) -> tuple[Link, ...]:
    """Links to groups, biggest first when limited (for bounded navigation), else in the groups' order."""
    chosen = groups
    if limit is not None:
        chosen = tuple(sorted(groups, key=lambda g: (-len(g.slugs), g.name.casefold()))[:limit])
    return tuple(Link(g.name, url_for(g.key), len(g.slugs)) for g in chosen)


def pagination(url_for_page, page: int, pages: int, window: int = 2) -> Pagination:
    first, last = max(1, page - window), min(pages, page + window)
    numbers = {1, pages, *range(first, last + 1)}
    return Pagination(
        page=page, pages=pages,
        newer=url_for_page(page - 1) if page > 1 else None,
        older=url_for_page(page + 1) if page < pages else None,
        numbers=tuple((n, url_for_page(n)) for n in sorted(numbers)),
    )


def page_info(config, url: str, kind: str, title: str, description: str, crumbs: tuple[Link, ...] = (),
              og_type: str = "website") -> PageInfo:
    home = (Link(language_of(config).gettext("Home"), urls.HOME),) if kind != "home" else ()
    return PageInfo(
        url=url, kind=kind, title=title, description=description,
        canonical=urls.absolute(config.base_url, "" if url == urls.HOME else url),
        root=urls.root_prefix(url), breadcrumbs=home + crumbs, og_type=og_type,
    )

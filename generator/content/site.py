"""Assemble parsed articles into a Site: the lists (tags, sources, archives) and the checks that need all articles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import urls
from .articles import Article
from .errors import Problem, error


@dataclass(frozen=True)
class Group:
    """A named list of articles: a tag, a source, a year or a month. Holds slugs, newest first."""

    key: str            # slug, "2016" or "2016-02"
    name: str           # as shown: "Security", "Fars News Agency", "2016", "February 2016"
    slugs: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    articles: tuple[Article, ...]              # newest first
    by_slug: dict[str, Article]
    by_path: dict[str, str]                    # content-relative source path -> page URL
    tags: tuple[Group, ...]                    # by name
    sources: tuple[Group, ...]
    years: tuple[Group, ...]                   # newest first
    months: tuple[Group, ...]                  # newest first
    neighbours: dict[str, tuple[str | None, str | None]]   # slug -> (older slug, newer slug)
    pages: tuple = ()                          # standalone pages (standalone.Page), by weight and title


def _groups(pairs: list[tuple[str, str, str]], *, sort_by_name: bool = True) -> tuple[Group, ...]:
    """pairs of (key, display name, slug), in article order; the first spelling of a name wins."""
    names: dict[str, str] = {}
    members: dict[str, dict[str, None]] = defaultdict(dict)   # ordered sets: a source holds every article
    for key, name, slug in pairs:
        names.setdefault(key, name)
        members[key][slug] = None
    keys = sorted(names, key=lambda k: (names[k].casefold(), k)) if sort_by_name else sorted(names, reverse=True)
    return tuple(Group(k, names[k], tuple(members[k])) for k in keys)


def assemble(articles: list[Article]) -> tuple[Site, list[Problem]]:
    """Order articles, build every list, and refuse two articles on one URL (output_plan.py checks the rest)."""
    problems: list[Problem] = []
    ordered = sorted(articles, key=lambda a: a.sort_key)
    by_slug: dict[str, Article] = {}
    for article in ordered:
        other = by_slug.get(article.slug)
        if other is not None:
            first, second = sorted([other.display_path, article.display_path])
            problems.append(error(second, article.lines.get("slug", 1),
                                  f"{first} and {second} both make the page {article.page_url}"))
            continue
        by_slug[article.slug] = article
    kept = [a for a in ordered if by_slug.get(a.slug) is a]

    tags = _groups([(urls.slugify(t), t, a.slug) for a in kept for t in a.tags])
    sources = _groups([(urls.slugify(a.source), a.source, a.slug) for a in kept if a.source])
    years = _groups([(f"{a.date.year:04d}", f"{a.date.year:04d}", a.slug) for a in kept if a.date], sort_by_name=False)
    # Months are named in the site's language where they are shown (i18n.Language.month).
    months = _groups([(f"{a.date.year:04d}-{a.date.month:02d}", f"{a.date.year:04d}-{a.date.month:02d}", a.slug)
                      for a in kept if a.date], sort_by_name=False)

    dated = [a.slug for a in kept if a.date]
    neighbours = {}
    for i, slug in enumerate(dated):
        older = dated[i + 1] if i + 1 < len(dated) else None
        newer = dated[i - 1] if i > 0 else None
        neighbours[slug] = (older, newer)
    site = Site(
        articles=tuple(kept), by_slug=by_slug, by_path={a.path: a.page_url for a in kept},
        tags=tags, sources=sources, years=years, months=months, neighbours=neighbours,
    )
    return site, problems

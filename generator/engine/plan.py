"""The output plan: every path a build will write and what makes it, known before a page is rendered.

Two makers of one path, a path that another needs as a folder, or a name too long for a file
system are content errors on the file that asked for it (Zola's `find_path_collisions`), so no
page is ever written over another, and nothing is found out halfway through writing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..content import urls
from ..content.articles import display_name
from ..content.errors import Problem, error
from ..content.site import Site
from ..entities.weave import Weave
from ..render.entity_pages import KIND_PAGE, entity_page_url
from ..render.markup import RenderedBody

ALIAS = 4                    # the rank of redirects, the last makers to get a path


@dataclass(frozen=True)
class Claim:
    """One maker of one output path. `rank` orders makers of a path: the lowest keeps it."""

    url: str
    what: str               # as messages name it: 'the home page', 'alias "old/x.html"'
    path: str | None = None # the file that asked for it, if any
    line: int | None = None
    rank: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path or ""


FIXED = ((urls.HOME, "the home page"), (urls.SEARCH, "the search page"), (urls.NOT_FOUND, "the page for missing pages"),
         (urls.TAGS, "the list of tags"), (urls.SOURCES, "the list of sources"), (urls.ARCHIVE, "the archive"),
         (urls.ENTITIES, "the list of entities"), (urls.FEED, "the site feed"), (urls.SITEMAP, "the sitemap"),
         (urls.ENTITIES_JSON, "the entity data"), (urls.ROBOTS, "robots.txt"))


def output_problems(site: Site, weave: Weave, page_size: int, bodies: dict[str, RenderedBody],
                    copied: list[tuple[str, Path, str]]) -> list[Problem]:
    """The problems of this build's plan; `copied` is (url, file, kind) of each file copied as it is,
    kind being "theme", "static" or "image"."""
    shows = {}
    for article in site.articles:
        for asset in bodies[article.slug].assets:
            shows.setdefault(urls.asset(asset), (article, asset))
    makers = []
    for url, file, kind in copied:
        if kind == "image":
            article, asset = shows[url]
            makers.append((url, f"the image {asset}", article.display_path, article.line_of(asset)))
        else:
            shown = display_name(file, None)
            makers.append((url, f"the {kind} file {shown}", shown if kind == "static" else None, None))
    return plan_problems(plan_claims(site, weave, page_size, makers))


def plan_claims(site: Site, weave: Weave, page_size: int, copied: Iterable[tuple[str, str, str | None, int | None]] = ()
                ) -> Iterator[Claim]:
    """Every output path of the build (the search index's files aside) with its maker, in a fixed order.

    `copied` holds (url, what, path, line) of the files copied as they are: theme assets, static files, images.
    """
    for url, what in FIXED:
        yield Claim(url, what)
    for article in site.articles:
        yield Claim(article.page_url, f"the page of {article.display_path}", article.display_path,
                    article.lines.get("slug", 1), 1)
    owners = {}
    for article in site.articles:
        for tag in article.tags:
            owners.setdefault(("tag", urls.slugify(tag)), (f'tag "{tag}"', article, "tags"))
        if article.source:
            owners.setdefault(("source", urls.slugify(article.source)), (f'source "{article.source}"', article, "source"))
        if article.date:
            owners.setdefault(("year", article.date.year), (f"the year {article.date.year:04d}", article, "date"))
            owners.setdefault(("month", article.date.year, article.date.month),
                              (f"the month {article.date.year:04d}-{article.date.month:02d}", article, "date"))
    groups = [("tag", site.tags, lambda g, n: urls.tag(g.key, n)), ("source", site.sources, lambda g, n: urls.source(g.key, n)),
              ("year", site.years, lambda g, n: urls.year(int(g.key), n)),
              ("month", site.months, lambda g, n: urls.month(int(g.key[:4]), int(g.key[5:]), n))]
    for kind, found, url_of in groups:
        for group in found:
            key = (kind, group.key) if kind in ("tag", "source") else \
                (kind, int(group.key)) if kind == "year" else (kind, int(group.key[:4]), int(group.key[5:]))
            what, article, field = owners[key]
            for number in range(1, _pages(len(group.slugs), page_size) + 1):
                yield Claim(url_of(group, number), f"the page of {what}", article.display_path,
                            article.lines.get(field, 1), 2)
            if kind == "tag":
                yield Claim(urls.tag_feed(group.key), f"the feed of {what}", article.display_path,
                            article.lines.get(field, 1), 2)
    for entity in weave.entities.values():
        slugs = weave.entity_articles.get(entity.id, ())
        path, line = (entity.path, 1) if entity.path else _first_mention(site, slugs, entity.name)
        for number in range(1, _pages(len(slugs), page_size) + 1):
            yield Claim(entity_page_url(entity.id, number), f'the page of entity "{entity.name}"', path, line, 2)
        yield Claim(urls.entity_feed(entity.id), f'the feed of entity "{entity.name}"', path, line, 2)
    kinds = Counter(entity.type for entity in weave.entities.values())
    for kind, count in sorted(kinds.items()):
        for number in range(1, _pages(count, KIND_PAGE) + 1):
            yield Claim(urls.entity_kind(kind, number), f"the list of every {kind} entity")
    for url, what, path, line in copied:
        yield Claim(url, what, path, line, 3)
    for page in site.pages:
        yield Claim(page.url, f"the page {page.path}", page.path, page.line, 2)
    for article in site.articles:
        for alias in article.aliases:
            yield Claim(urls.alias(alias), f'alias "{alias}"', article.display_path, article.lines.get("aliases", 1), ALIAS)


def _pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def _first_mention(site: Site, slugs: tuple[str, ...], name: str) -> tuple[str | None, int | None]:
    """A discovered entity has no file: blame the oldest article it comes from, where it names it."""
    if not slugs:
        return None, None
    article = site.by_slug[slugs[-1]]
    return article.display_path, article.line_of(name)


def plan_problems(claims: Iterable[Claim]) -> list[Problem]:
    """Every path with two makers, every maker whose path runs through another's file, every name too long."""
    problems = []
    # Keyed without case: on macOS and Windows "Old/Page.html" and "old/page.html" are one file.
    by_url: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: c.rank):   # stable: equal ranks keep the plan's order
        kept = by_url.get(claim.url.lower())
        if kept is None:
            by_url[claim.url.lower()] = claim
            if not _fits(claim.url):
                problems.append(_blame(claim, None, f"{claim.what} makes {claim.url}, a name too long for a file system "
                                                    f"(at most {urls.MAX_NAME_BYTES} bytes a name)"))
        elif kept.rank == claim.rank == ALIAS and kept.path == claim.path and kept.url == claim.url:
            continue   # one article's two spellings of one old address: the same redirect
        else:
            own = kept.rank == 1 and kept.path == claim.path
            problems.append(_blame(claim, kept, f"{claim.what} makes {claim.url}, which is "
                                                f"{'this article’s own page' if own else 'already ' + _named(kept)}"
                                                f"{_case_note(claim.url, kept.url)}"))
    for key, claim in sorted(by_url.items()):
        parts = key.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            holder = by_url.get(folder)
            if holder is not None or folder == urls.SEARCH_INDEX:
                shown = claim.url[:len(folder)]
                problems.append(_blame(claim, holder, f"{claim.what} makes {claim.url}, but {shown} is the search "
                                                      "index's folder" if holder is None else
                                       f"{claim.what} makes {claim.url}, which needs {shown} to be a folder, "
                                       f"but {holder.url} is {_named(holder)}{_case_note(shown, holder.url)}"))
                break
    return problems


def _case_note(url: str, other: str) -> str:
    return "" if url == other else " where case does not count (macOS, Windows)"


def _fits(url: str) -> bool:
    return all(len(part.encode("utf-8")) <= urls.MAX_NAME_BYTES for part in url.split("/"))


def _named(claim: Claim) -> str:
    """A maker as another's message names it, with its place."""
    if claim.path is None:
        return claim.what
    if claim.path in claim.what:
        return claim.what.replace(claim.path, claim.where)
    return f"{claim.what} ({claim.where})"


def _blame(claim: Claim, other: Claim | None, message: str) -> Problem:
    """The problem goes on the maker that has a file; on the other one when this one has none."""
    if claim.path is None and other is not None and other.path is not None:
        return error(other.path, other.line, message)
    return error(claim.path or claim.url, claim.line, message)

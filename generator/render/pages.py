"""Every page of the site, as (url, html) pairs: home, articles, lists, indexes, search, 404 and redirects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from markupsafe import Markup

from ..content import urls
from ..content.articles import Article
from ..content.site import Site
from ..entities.discovery import ENTITY_TYPES
from ..entities.weave import Weave
from .charts import timeline_html
from .entity_pages import entity_link
from .feeds import article_ld, atom_feed, json_ld, newest_time
from .markup import BodyRenderer, RenderedBody, shorten
from .templates import Renderer, list_pages
from .views import ArticleSummary, Link, group_links, page_info


@dataclass(frozen=True)
class ArticleView:
    """Context name `article` on article.html."""

    summary: ArticleSummary
    body_html: str
    toc: tuple[tuple[int, str, str], ...]
    authors: tuple[str, ...]
    publisher: str
    original_url: str
    tags: tuple[Link, ...]
    source_link: Link | None
    month_link: Link | None
    words: int
    minutes: int
    lang: str
    extra: dict
    older: ArticleSummary | None
    newer: ArticleSummary | None
    explicit_summary: bool      # False when the summary is the shortened first paragraph, already shown below


def build_pages(renderer: Renderer, site: Site, bodies: dict[str, RenderedBody],
                summaries: dict[str, ArticleSummary], weave: Weave, *, keep_articles: bool = True
                ) -> Iterator[tuple[str, str]]:
    """Every page but the entities'. An article page whose facts (article_facts) are the last build's is
    kept without making its context, unless `keep_articles` is False (the caller needs every context)."""
    config, _ = renderer.config, renderer.lang.gettext
    size = config.list_page_size

    def listed(slugs) -> list[ArticleSummary]:
        return [summaries[s] for s in slugs]

    # Home: the latest articles only; the archive holds the rest.
    latest = [summaries[a.slug] for a in site.articles[: config.home_articles]]
    yield urls.HOME, renderer.render("home.html", page_info(config, urls.HOME, "home", config.title, config.description),
                                     articles=latest, total=len(site.articles), entity_count=len(weave.entities),
                                     source_count=len(site.sources))

    for article in site.articles:
        if not renderer.claim(1)[0]:
            yield article.page_url, None
            continue
        body = bodies[article.slug]
        key = renderer.page_key("article.html", article.page_url,
                                article_facts(renderer, site, article, body, summaries, weave)) if renderer.reuse else ""
        yield article.page_url, (keep_articles and renderer.unchanged(article.page_url, key)) or \
            render_article(renderer, site, article, body, summaries, weave, facts_key=key)

    tags_crumb = Link(_("Tags"), urls.TAGS)
    for group in site.tags:
        yield from _list(renderer, "tag", _("Tagged “{name}”", name=group.name), _("Articles tagged {name}", name=group.name),
                         (tags_crumb,), listed(group.slugs), lambda n, k=group.key: urls.tag(k, n), size,
                         feed=urls.tag_feed(group.key))
    sources_crumb = Link(_("Sources"), urls.SOURCES)
    for group in site.sources:
        yield from _list(renderer, "source", group.name, _("Articles from {name}", name=group.name),
                         (sources_crumb,), listed(group.slugs), lambda n, k=group.key: urls.source(k, n), size)
    archive_crumb = Link(_("Archive"), urls.ARCHIVE)
    months_by_year: dict[str, list[Link]] = {}
    month_names = {g.key: renderer.lang.month(int(g.key[:4]), int(g.key[5:])) for g in site.months}
    for group in site.months:
        months_by_year.setdefault(group.key[:4], []).append(
            Link(month_names[group.key], urls.month(int(group.key[:4]), int(group.key[5:])), len(group.slugs)))
    for group in site.years:
        y = int(group.key)
        yield from _list(renderer, "year", group.name, _("Articles from {name}", name=group.name), (archive_crumb,),
                         listed(group.slugs), lambda n, y=y: urls.year(y, n), size,
                         months=tuple(sorted(months_by_year.get(group.key, []), key=lambda l: l.url)))
    for group in site.months:
        y, m = int(group.key[:4]), int(group.key[5:])
        crumbs = (archive_crumb, Link(group.key[:4], urls.year(y)))
        yield from _list(renderer, "month", month_names[group.key], _("Articles from {name}", name=month_names[group.key]), crumbs,
                         listed(group.slugs), lambda n, y=y, m=m: urls.month(y, m, n), size)

    yield urls.TAGS, renderer.render(
        "groups.html", page_info(config, urls.TAGS, "tags", _("Tags"), _("Every tag, with its number of articles")),
        groups=group_links(site.tags, urls.tag), heading=_("Tags"))
    yield urls.SOURCES, renderer.render(
        "groups.html", page_info(config, urls.SOURCES, "sources", _("Sources"), _("Every source, with its number of articles")),
        groups=group_links(site.sources, urls.source), heading=_("Sources"))
    undated = sum(1 for a in site.articles if a.date is None)
    yield urls.ARCHIVE, renderer.render(
        "archive.html", page_info(config, urls.ARCHIVE, "archive", _("Archive"), _("Articles by year and month")),
        years=tuple((Link(g.name, urls.year(int(g.key)), len(g.slugs)),
                     tuple(sorted(months_by_year.get(g.key, []), key=lambda l: l.url))) for g in site.years),
        undated=undated,
        timeline=timeline_html(tuple((g.key, len(g.slugs)) for g in reversed(site.months)), renderer.lang,
                               label=_("Articles over time")))
    yield from _feeds(renderer, site, summaries)
    yield urls.SEARCH, renderer.render(
        "search.html", page_info(config, urls.SEARCH, "search", _("Search"), _("Search {title}", title=config.title)))
    yield from _standalone_pages(renderer, site)
    yield urls.NOT_FOUND, renderer.render(
        "404.html", page_info(config, urls.NOT_FOUND, "404", _("Page not found"), _("This page does not exist.")))

    for article in site.articles:
        for target in dict.fromkeys(urls.alias(alias) for alias in article.aliases):   # "a.html", "./a.html": one page
            info = page_info(config, target, "redirect", article.title, _("This page moved to {title}", title=article.title))
            yield target, renderer.render("redirect.html", info, target=article.page_url,
                                          target_canonical=urls.absolute(config.base_url, article.page_url))


def _standalone_pages(renderer: Renderer, site: Site) -> Iterator[tuple[str, object]]:
    """About, Contact ...: content/pages/*.md, each with its body and no lists (standalone.py)."""
    markdown = None
    for page in site.pages:
        if not renderer.mine():
            yield page.url, None
            continue
        if markdown is None:
            markdown = BodyRenderer(renderer.config.markdown)
        body = markdown.render(page.body, source_path=page.path, page_url=page.url)
        info = page_info(renderer.config, page.url, "page", page.title, page.summary or shorten(body.first_paragraph, 240))
        yield page.url, renderer.render_claimed("page.html", info, body_html=body.html, toc=body.toc, lang=page.lang)


def _feeds(renderer: Renderer, site: Site, summaries: dict[str, ArticleSummary]) -> Iterator[tuple[str, str]]:
    """The site feed and one per tag, so a reader can follow a topic."""
    config = renderer.config
    texts = {slug: s.summary for slug, s in summaries.items()}
    common = dict(base_url=config.base_url, summaries=texts, generator=renderer.view.generator,
                  built=renderer.built or newest_time(site.articles))
    yield urls.FEED, None if not renderer.mine() else atom_feed(title=config.title, feed_url=urls.FEED, page_url=urls.HOME,
                               articles=site.articles, **common)
    for group in site.tags:
        yield urls.tag_feed(group.key), None if not renderer.mine() else atom_feed(
            title=f"{config.title}: {group.name}", feed_url=urls.tag_feed(group.key), page_url=urls.tag(group.key),
            articles=[site.by_slug[s] for s in group.slugs], **common)


def sitemap_pages(site: Site, page_urls) -> list[tuple[str, object]]:
    """Pages worth indexing, with the article date as lastmod; no 404, redirects or feeds."""
    redirects = {urls.alias(a) for article in site.articles for a in article.aliases}
    dates = {a.page_url: a.date for a in site.articles}
    return [(u, dates.get(u)) for u in page_urls
            if u.endswith(".html") and u != urls.NOT_FOUND and u not in redirects]


def _list(renderer, kind, title, description, crumbs, summaries, url_for_page, size, **context):
    return list_pages(renderer, kind=kind, title=title, description=description, crumbs=crumbs,
                      summaries=summaries, url_for_page=url_for_page, size=size, **context)


@dataclass(frozen=True)
class RelatedView:
    article: ArticleSummary
    shared: tuple[Link, ...]     # the shared entities that put it there, rarest first
    heading: Markup = Markup()   # its card's title and meta line (the theme's related_heading macro)


def reading_minutes(words: int) -> int:
    return max(1, round(words / 220))


def article_facts(renderer: Renderer, site: Site, article: Article, body: RenderedBody,
                  summaries: dict[str, ArticleSummary], weave: Weave) -> tuple:
    """Everything render_article reads, as digests where a value is shared by many pages: its key.
    The mentions the body holds are in it too, though the page does not show them: the quick edit
    path keeps them in the page's record, which a kept page carries over from the last build."""
    fact = renderer.fact
    older, newer = site.neighbours.get(article.slug, (None, None))
    ids = tuple(i for i in weave.article_entities.get(article.slug, ()) if i in weave.entities)
    related = tuple((r.key, fact(summaries[r.key]), tuple(i for i in r.shared if i in weave.entities))
                    for r in weave.related.get(article.slug, ()))
    shown = set(ids).union(*(shared for _, _, shared in related))
    # Of an entity, the page shows its name and type, and JSON-LD its aliases and links (not its description).
    entities = tuple((e.id, e.name, e.type, e.aliases, e.same_as) for e in (weave.entities[i] for i in sorted(shown)))
    return (fact(article), body.html, body.toc, body.words, body.assets,
            tuple(fact(summaries[s]) if s else None for s in (article.slug, older, newer)),
            ids, weave.declared.get(article.slug, ()), entities, related,
            sorted(weave.mentions.get(article.slug, {}).items()))


def render_article(renderer: Renderer, site: Site, article: Article, body: RenderedBody,
                   summaries: dict[str, ArticleSummary], weave: Weave, facts_key: str = "") -> str:
    """Context: `article` (ArticleView), `entities` (EntityLink list, "In this article") and `entity_chips` (their
    chips, from the theme's entity_chip macro, as one piece of HTML),
    `related` (RelatedView list) and `jsonld`."""
    summary = summaries[article.slug]
    older, newer = site.neighbours.get(article.slug, (None, None))
    month_link = None
    crumbs: tuple[Link, ...] = (Link(renderer.lang.gettext("Archive"), urls.ARCHIVE),)
    if article.date:
        y, m = article.date.year, article.date.month
        month_link = Link(renderer.lang.month(y, m), urls.month(y, m))
        crumbs += (Link(f"{y:04d}", urls.year(y)), month_link)
    words = body.words
    view = ArticleView(
        summary=summary, body_html=body.html, toc=body.toc, authors=article.authors,
        publisher=article.publisher, original_url=article.url,
        tags=tuple(Link(t, urls.tag(urls.slugify(t))) for t in article.tags),
        source_link=Link(article.source, urls.source(urls.slugify(article.source))) if article.source else None,
        month_link=month_link, words=words, minutes=reading_minutes(words),
        lang=article.lang, extra=article.extra,
        older=summaries[older] if older else None, newer=summaries[newer] if newer else None,
        explicit_summary=bool(article.summary),
    )
    info = page_info(renderer.config, article.page_url, "article", article.title, summary.summary, crumbs,
                     og_type="article")
    ids = [i for i in weave.article_entities.get(article.slug, ()) if i in weave.entities]
    declared = set(weave.declared.get(article.slug, ()))
    about = [weave.entities[i] for i in ids if i in declared]
    ld = json_ld(article_ld(article, canonical=info.canonical, summary=summary.summary, about=about,
                            mentions=[weave.entities[i] for i in ids if i not in declared]))
    entities = sorted((entity_link(weave, i, counted=False) for i in ids), key=lambda e: (ENTITY_TYPES.index(e.type), e.name.casefold()))
    related = tuple(
        RelatedView(summaries[r.key], tuple(Link(weave.entities[i].name, urls.entity(i)) for i in r.shared if i in weave.entities),
                    renderer.fragment(article.page_url, "related_heading", summaries[r.key], key=r.key))
        for r in weave.related.get(article.slug, ()))
    _ = renderer.lang.gettext
    chips = renderer.fragments(article.page_url, "entity_chip", ((e, None) for e in entities),
                               lambda e, _count: {"title": _(e.type_label)}, key=lambda e, _count: e.id)
    return renderer.render_claimed("article.html", info, facts_key=facts_key, article=view, entities=tuple(entities),
                                   entity_chips=chips,
                                   related=related, jsonld=ld)

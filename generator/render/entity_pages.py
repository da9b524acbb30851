"""Entity pages, the entities index, per-entity feeds and entities.json: the site's web of people, organisations and places."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Iterator

from markupsafe import Markup

from ..content import urls
from ..content.site import Site
from ..core.cache import digest
from ..entities.discovery import ENTITY_TYPES
from ..entities.weave import Weave
from .charts import cooccurrence_html, timeline_html
from .feeds import FEED_SIZE, atom_feed, entity_ld, json_ld, newest_time
from .markup import BodyRenderer
from .outputs import Output
from .templates import Renderer
from .views import ArticleSummary, Link, page_info, pagination

TYPE_LABELS = {"person": "Person", "organization": "Organisation", "place": "Place", "other": "Other"}
INDEX_SHOWS = 48     # names of each kind on the entities index
KIND_PAGE = 300      # names a page on a kind's own pages
TYPE_PLURALS = {"person": "People", "organization": "Organisations", "place": "Places", "other": "Other names"}


@dataclass(frozen=True)
class EntityLink:
    """An entity as a chip or list item: name, type and how many articles hold it."""

    id: str
    name: str
    type: str
    url: str
    count: int

    @property
    def type_label(self) -> str:
        """In English: templates translate it."""
        return TYPE_LABELS.get(self.type, "Other")


@dataclass(frozen=True)
class Mention:
    """One article on an entity page: the article, how often it names the entity, and where first."""

    article: ArticleSummary
    count: int
    sentence: str
    heading: Markup = Markup()    # the card's title and meta line (the theme's mention_heading macro)


@dataclass(frozen=True)
class EntityView:
    id: str
    name: str
    type: str
    type_label: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    description_html: str
    article_count: int
    mention_count: int
    feed_url: str
    timeline_html: str      # the timeline picture (charts.timeline_html), "" without dates
    from_file: bool


def entity_link(weave: Weave, entity_id: str, counted: bool = True) -> EntityLink:
    """A link to an entity's page; `counted` adds how many articles it is in. Pages that do not show that
    count leave it out: it changes with any article about the entity, and the page would change with it."""
    entity = weave.entities[entity_id]
    return EntityLink(entity.id, entity.name, entity.type, urls.entity(entity.id),
                      len(weave.entity_articles.get(entity.id, ())) if counted else 0)


def entity_pages(renderer: Renderer, site: Site, weave: Weave, summaries: dict[str, ArticleSummary],
                 describe: BodyRenderer) -> Iterator[tuple[str, str]]:
    config, lang = renderer.config, renderer.lang
    _ = lang.gettext
    built = renderer.built or newest_time(site.articles)   # for the feed of an entity named only in undated articles
    size = config.list_page_size
    crumbs = (Link(_("Entities"), urls.ENTITIES),)
    for entity in weave.entities.values():
        slugs = weave.entity_articles.get(entity.id, ())
        pages = max(1, math.ceil(len(slugs) / size))
        claims = renderer.claim(pages + 1)   # its pages and its feed
        if not any(claims):
            for number in range(1, pages + 1):
                yield entity_page_url(entity.id, number), None
            yield urls.entity_feed(entity.id), None
            continue
        together = tuple(
            (entity_link(weave, other, counted=False), count) for other, count in weave.cooccurring.get(entity.id, ())
            if other in weave.entities)
        # Everything the entity's pages are made from, below: when the last build's pages were made from
        # the same, they are kept and none of their context is made.
        facts = digest(entity, slugs, tuple(renderer.fact(summaries[s]) for s in slugs),
                       tuple(weave.mentions.get(s, {}).get(entity.id) for s in slugs),
                       weave.timeline.get(entity.id, ()), together)
        keys = [renderer.page_key("entity.html", entity_page_url(entity.id, n), (facts, pages)) for n in range(1, pages + 1)]
        kept = [renderer.unchanged(entity_page_url(entity.id, n), keys[n - 1]) if claims[n - 1] else None
                for n in range(1, pages + 1)]
        if all(k is not None for k, mine in zip(kept, claims) if mine):
            for number in range(1, pages + 1):
                yield entity_page_url(entity.id, number), kept[number - 1]
            yield from _entity_feed(renderer, site, entity, slugs, summaries, built, claims[-1])
            continue
        here = urls.entity(entity.id)  # every page of the entity is in the same folder
        rows = []
        for s in slugs:
            found = weave.mentions.get(s, {}).get(entity.id)
            count = found.count if found is not None else 0
            rows.append(Mention(summaries[s], count, found.first_sentence if found is not None else "",
                                renderer.fragment(here, "mention_heading", summaries[s], count, key=(s, count))))
        description = describe.render(entity.description, source_path=entity.path or "", page_url=urls.entity(entity.id)).html \
            if entity.description else ""
        view = EntityView(
            id=entity.id, name=entity.name, type=entity.type, type_label=_(TYPE_LABELS.get(entity.type, "Other")),
            aliases=entity.aliases, same_as=entity.same_as, description_html=description,
            article_count=len(slugs), mention_count=sum(r.count for r in rows),
            feed_url=urls.entity_feed(entity.id),
            timeline_html=timeline_html(weave.timeline.get(entity.id, ()), lang,
                                      label=_("Articles mentioning {name} over time", name=entity.name)),
            from_file=entity.path is not None,
        )
        chips = renderer.fragments(here, "entity_chip", together, lambda _other, count: {"count_title": lang.ngettext(
            "{count} article together", "{count} articles together", count)}, key=lambda other, count: (other.id, count))
        picture = cooccurrence_html(entity.name, entity.type, together, urls.page_link(here), lang)
        description_text = lang.ngettext("{type}: {name}, mentioned in {count} article",
                                         "{type}: {name}, mentioned in {count} articles", len(slugs),
                                         type=view.type_label, name=entity.name)
        for number in range(1, pages + 1):
            url = entity_page_url(entity.id, number)
            if not claims[number - 1]:
                yield url, None
                continue
            title = entity.name if number == 1 else _("{title} (page {number})", title=entity.name, number=number)
            info = page_info(config, url, "entity", title, description_text,
                             crumbs + (Link(_(TYPE_PLURALS[entity.type]), f"{urls.ENTITIES}#{entity.type}"),))
            ld = json_ld(entity_ld(entity, url=info.canonical, description=description_text))
            yield url, kept[number - 1] or renderer.render_claimed(
                "entity.html", info, facts_key=keys[number - 1], entity=view,
                mentions=rows[(number - 1) * size: number * size],
                together=together, together_chips=chips, cograph=picture, jsonld=ld, first_page=number == 1,
                pagination=pagination(lambda n, i=entity.id: entity_page_url(i, n), number, pages))
        yield from _entity_feed(renderer, site, entity, slugs, summaries, built, claims[-1])

    yield from _entity_indexes(renderer, weave)


def _entity_feed(renderer: Renderer, site: Site, entity, slugs, summaries, built, mine: bool
                 ) -> Iterator[tuple[str, object]]:
    """The Atom feed of one entity's articles (None when another worker makes it). It is keyed by the
    articles it shows, so an unchanged feed is kept without being written out again."""
    config, url = renderer.config, urls.entity_feed(entity.id)
    if not mine:
        yield url, None
        return
    shown = [site.by_slug[s] for s in slugs if site.by_slug[s].date][:FEED_SIZE]
    key = renderer.page_key("atom", url, (entity.name, tuple(renderer.fact(a) for a in shown),
                                          tuple(renderer.fact(summaries[a.slug]) for a in shown),
                                          None if shown else built)) if renderer.reuse else ""
    kept = renderer.unchanged(url, key)
    if kept is not None:
        yield url, kept
        return
    text = atom_feed(title=f"{config.title}: {entity.name}", feed_url=url, page_url=urls.entity(entity.id),
                     base_url=config.base_url, articles=shown, summaries={a.slug: summaries[a.slug].summary for a in shown},
                     generator=renderer.view.generator, built=built)
    yield url, Output(url, key, text) if key else text


def _entity_indexes(renderer: Renderer, weave: Weave) -> Iterator[tuple[str, object]]:
    """The entities index shows the names in most articles of each kind; every name of a kind is on
    that kind's pages, a bounded number a page, so no page grows with the archive."""
    config, lang = renderer.config, renderer.lang
    _ = lang.gettext
    groups, kinds = [], []
    for kind in ENTITY_TYPES:
        members = sorted((entity_link(weave, e.id) for e in weave.entities.values() if e.type == kind),
                         key=lambda link: (-link.count, link.name.casefold(), link.id))
        if members:
            groups.append(KindGroup(kind, _(TYPE_PLURALS[kind]), tuple(members[:INDEX_SHOWS]), len(members),
                                    urls.entity_kind(kind)))
            kinds.append((kind, members))
    info = page_info(config, urls.ENTITIES, "entities", _("People, organisations and places"),
                     lang.ngettext("The {count} person, organisation or place that the articles share",
                                   "The {count} people, organisations and places that the articles share",
                                   len(weave.entities)))
    yield urls.ENTITIES, renderer.render("entities.html", info, groups=tuple(groups))
    crumbs = (Link(_("Entities"), urls.ENTITIES),)
    for kind, members in kinds:
        pages = math.ceil(len(members) / KIND_PAGE)
        label = _(TYPE_PLURALS[kind])
        for number in range(1, pages + 1):
            title = label if number == 1 else _("{title} (page {number})", title=label, number=number)
            info = page_info(config, urls.entity_kind(kind, number), "entities", title,
                             lang.ngettext("{count} name of this kind in the articles",
                                           "{count} names of this kind in the articles", len(members)), crumbs)
            yield info.url, renderer.render(
                "entity_kind.html", info, kind=kind, total=len(members),
                members=tuple(members[(number - 1) * KIND_PAGE: number * KIND_PAGE]),
                pagination=pagination(lambda n, k=kind: urls.entity_kind(k, n), number, pages))


@dataclass(frozen=True)
class KindGroup:
    """One kind on the entities index: its names in most articles, and where the rest are."""
    kind: str
    label: str
    top: tuple[EntityLink, ...]
    total: int
    url: str


def entity_page_url(entity_id: str, page: int) -> str:
    return urls.entity(entity_id) if page <= 1 else f"entities/{entity_id}-page-{page}.html"


def entities_json(site: Site, weave: Weave) -> str:
    """The export for downstream tools, in exactly the documented form, keys and lists in a stable order."""
    data = {
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "same_as": list(e.same_as),
             "url": urls.entity(e.id), "articles": [urls.article(s) for s in weave.entity_articles.get(e.id, ())]}
            for e in weave.entities.values()
        ],
        "articles": [
            {"url": a.page_url, "path": a.path, "title": a.title, "date": a.date.isoformat() if a.date else None,
             "entities": [i for i in weave.article_entities.get(a.slug, ()) if i in weave.entities]}
            for a in sorted(site.articles, key=lambda a: a.page_url)
        ],
    }
    # One record per line: readable and diffable, and each line goes through json's C encoder.
    def records(name: str) -> str:
        return ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in data[name])
    return f'{{"entities": [\n{records("entities")}\n ],\n "articles": [\n{records("articles")}\n ]}}\n'


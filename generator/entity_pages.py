"""Entity pages, the entities index, per-entity feeds and entities.json: the site's web of people, organisations and places."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Iterator

from . import urls
from .charts import timeline_svg, timeline_unit
from .entities import ENTITY_TYPES
from .feeds import atom_feed, entity_ld, json_ld
from .markup import BodyRenderer
from .render import Renderer
from .site import Site
from .views import ArticleSummary, Link, page_info, pagination
from .weave import Weave

TYPE_LABELS = {"person": "Person", "organization": "Organisation", "place": "Place", "other": "Other"}
TYPE_PLURALS = {"person": "People", "organization": "Organisations", "place": "Places", "other": "Other names"}


@dataclass(frozen=True)
class EntityLink:
    """An entity as a chip or list item: name, type and how many articles hold it."""

    id: str
    name: str
    type: str
    url: str
    count: int


@dataclass(frozen=True)
class Mention:
    """One article on an entity page: the article, how often it names the entity, and where first."""

    article: ArticleSummary
    count: int
    sentence: str


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
    timeline_svg: str
    timeline_caption: str       # "Articles per month", or per year (or more) when the dates span decades
    from_file: bool


def entity_link(weave: Weave, entity_id: str) -> EntityLink:
    entity = weave.entities[entity_id]
    return EntityLink(entity.id, entity.name, entity.type, urls.entity(entity.id),
                      len(weave.entity_articles.get(entity.id, ())))


def entity_pages(renderer: Renderer, site: Site, weave: Weave, summaries: dict[str, ArticleSummary],
                 describe: BodyRenderer) -> Iterator[tuple[str, str]]:
    config = renderer.config
    size = config.list_page_size
    crumbs = (Link("Entities", urls.ENTITIES),)
    for entity in weave.entities.values():
        slugs = weave.entity_articles.get(entity.id, ())
        pages = max(1, math.ceil(len(slugs) / size))
        claims = renderer.claim(pages + 1)   # its pages and its feed
        if not any(claims):
            for number in range(1, pages + 1):
                yield entity_page_url(entity.id, number), None
            yield urls.entity_feed(entity.id), None
            continue
        rows = [Mention(summaries[s], weave.mentions.get(s, {}).get(entity.id).count
                        if entity.id in weave.mentions.get(s, {}) else 0,
                        weave.mentions[s][entity.id].first_sentence if entity.id in weave.mentions.get(s, {}) else "")
                for s in slugs]
        description = describe.render(entity.description, source_path=entity.path or "", page_url=urls.entity(entity.id)).html \
            if entity.description else ""
        timeline = weave.timeline.get(entity.id, ())
        unit = timeline_unit(timeline)
        view = EntityView(
            id=entity.id, name=entity.name, type=entity.type, type_label=TYPE_LABELS.get(entity.type, "Other"),
            aliases=entity.aliases, same_as=entity.same_as, description_html=description,
            article_count=len(slugs), mention_count=sum(r.count for r in rows),
            feed_url=urls.entity_feed(entity.id),
            timeline_svg=timeline_svg(timeline, label=f"Articles mentioning {entity.name}, by {unit}"),
            timeline_caption=f"Articles per {unit}",
            from_file=entity.path is not None,
        )
        together = tuple(
            (entity_link(weave, other), count) for other, count in weave.cooccurring.get(entity.id, ())
            if other in weave.entities)
        description_text = (f"{view.type_label}: {entity.name}, mentioned in {len(slugs)} "
                            f"article{'s' if len(slugs) != 1 else ''}")
        for number in range(1, pages + 1):
            url = entity_page_url(entity.id, number)
            if not claims[number - 1]:
                yield url, None
                continue
            title = entity.name if number == 1 else f"{entity.name} (page {number})"
            info = page_info(config, url, "entity", title, description_text,
                             crumbs + (Link(TYPE_PLURALS[entity.type], f"{urls.ENTITIES}#{entity.type}"),))
            ld = json_ld(entity_ld(entity, url=info.canonical, description=description_text))
            yield url, renderer.render_claimed(
                "entity.html", info, entity=view, mentions=rows[(number - 1) * size: number * size],
                together=together, jsonld=ld, first_page=number == 1,
                pagination=pagination(lambda n, i=entity.id: entity_page_url(i, n), number, pages))
        yield urls.entity_feed(entity.id), None if not claims[-1] else atom_feed(
            title=f"{config.title}: {entity.name}", feed_url=urls.entity_feed(entity.id),
            page_url=urls.entity(entity.id), base_url=config.base_url,
            articles=[site.by_slug[s] for s in slugs],
            summaries={s: summaries[s].summary for s in slugs}, generator=renderer.view.generator,
            built=renderer.built)

    groups = []
    for kind in ENTITY_TYPES:
        members = sorted((entity_link(weave, e.id) for e in weave.entities.values() if e.type == kind),
                         key=lambda link: (-link.count, link.name.casefold(), link.id))
        if members:
            groups.append((kind, TYPE_PLURALS[kind], tuple(members)))
    info = page_info(config, urls.ENTITIES, "entities", "People, organisations and places",
                     f"The {len(weave.entities)} people, organisations and places that the articles share")
    yield urls.ENTITIES, renderer.render("entities.html", info, groups=tuple(groups))


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


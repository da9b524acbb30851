"""The entity stage: find the entities, and after linking, relate articles and entities to each other (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..content.articles import Article
from ..content.config import EntitiesConfig
from ..content.errors import Problem, warning
from ..core.cache import BuildCache, digest
from ..core.parallel import merge_in_order, run_sharded
from ..core.progress import Progress
from . import gazetteer
from .discovery import (
    ArticleNames,
    ArticleText,
    Entity,
    EntityIndex,
    EntitySpec,
    build_entity_index_from,
    extract_article,
    unused_entity_files,
)
from .files import entity_problem_line
from .mentions import MentionMatcher, MentionStat
from .relations import (
    RelatedArticle,
    cooccurring_entities,
    entity_articles,
    monthly_timeline,
    related_articles,
    touched_by,
)
from .text import discovery_text, headline_text


@dataclass(frozen=True)
class Weave:
    """Everything the pages need to know about entities, linked by id and article slug."""

    entities: dict[str, Entity]                              # id -> entity, only those with a page
    article_entities: dict[str, tuple[str, ...]]             # slug -> entity ids, in order of first mention
    declared: dict[str, tuple[str, ...]]                     # slug -> ids named in front matter
    mentions: dict[str, dict[str, MentionStat]]              # slug -> id -> count and first sentence
    entity_articles: dict[str, tuple[str, ...]]              # id -> slugs, newest first
    related: dict[str, tuple[RelatedArticle, ...]]           # slug -> related articles, best first
    cooccurring: dict[str, tuple[tuple[str, int], ...]]      # id -> (other id, shared articles)
    timeline: dict[str, tuple[tuple[str, int], ...]]         # id -> (("2016-02", n), ...)

    @staticmethod
    def empty() -> "Weave":
        return Weave({}, {}, {}, {}, {}, {}, {}, {})


def index_entities(articles: Sequence[Article], specs: Sequence[EntitySpec], config: EntitiesConfig,
                   cache: BuildCache | None = None, jobs: int = 1) -> tuple[EntityIndex, MentionMatcher]:
    """Discover and merge the entities; reuses the last build's index when no input to it changed."""
    caching = cache is not None and cache.enabled
    # Discovery reads the body only through discovery_text(), so the body itself keys it; it takes the
    # articles in slug order (build_entity_index_from), so a date that moves one in the list does not.
    key = digest(sorted((a.slug, a.display_path, a.title, a.body, a.entities, a.entities_line) for a in articles),
                 specs, config) if caching else ""
    if key and cache.entities is not None and cache.entities[0] == key:
        index = cache.entities[1]
    else:
        names = extract_all(articles, config, cache if caching else None, jobs)
        merging = Progress("merging entities")
        index = build_entity_index_from(names, specs, discover=config.discover, min_articles=config.min_articles,
                                        ignore=config.ignore)
        merging.done()
    if key:
        cache.entities = (key, index)
    return index, MentionMatcher(index.surface_forms, index.local_forms)


def extract_all(articles: Sequence[Article], config: EntitiesConfig, cache: BuildCache | None, jobs: int = 1
                ) -> list[tuple[ArticleText, ArticleNames]]:
    """Each article's candidate names, in worker processes; an unchanged body reuses the last build's.

    The corpus-wide merge reads no text, so the ArticleText handed to it carries none.
    """
    texts = [ArticleText(key=a.slug, title=a.title, text="", declared=a.entities, path=a.display_path,
                         declared_line=a.entities_line, own=tuple(n for n in (a.source, a.publisher) if n))
             for a in articles]
    if not config.discover:
        return [(t, ArticleNames()) for t in texts]
    previous = cache.article_names if cache is not None else {}
    keys = [digest(a.title, a.body) for a in articles]
    todo = sorted({k: a for k, a in zip(keys, articles) if k not in previous}.items())
    if todo:
        gazetteer.place_names()  # loaded once here, before the workers fork, instead of once in each
        gazetteer.GIVEN_NAMES.lists()

    progress = Progress("finding names", len(todo))

    def shard(index: int, count: int) -> list[tuple[int, ArticleNames]]:
        done = []
        for i in range(index, len(todo), count):
            done.append((i, extract_article(ArticleText(key=todo[i][1].slug, title="", text=article_text(todo[i][1])))))
            if index == 0:
                progress.step(count)
        return done

    fresh = dict(zip((k for k, _ in todo), merge_in_order(run_sharded(shard, jobs, items=len(todo)))))
    progress.done()
    current = {k: previous.get(k) or fresh[k] for k in keys}
    if cache is not None:
        cache.article_names = current
    return [(t, current[k]) for t, k in zip(texts, keys)]


def article_text(article: Article) -> str:
    """What discovery reads of an article: its headline (when in sentence case) and its body's words."""
    headline = headline_text(article.title)
    body = discovery_text(article.body)
    return f"{headline}\n\n{body}" if headline else body


def relate(index: EntityIndex, matcher: MentionMatcher, articles: Sequence[Article],
           mentions: Mapping[str, Mapping[str, MentionStat]], spec_lines: Mapping[str, dict[str, int]] | None = None,
           jobs: int = 1, previous: dict | None = None) -> tuple[Weave, list[Problem], dict]:
    """Combine linked mentions, title mentions and declared entities into the site's relations.

    Also returns what the next call may take as `previous`: with it, only the related lists and the
    co-occurrences an edit can change (relations.touched_by) are worked out again."""
    article_entities: dict[str, tuple[str, ...]] = {}
    for article in articles:
        ids = list(mentions.get(article.slug, {}))
        ids += [entity_id for _, _, entity_id in matcher.find(article.title, article.slug)]
        ids += index.declared.get(article.slug, ())
        article_entities[article.slug] = tuple(dict.fromkeys(ids))
    dates = {a.slug: a.date for a in articles}
    related, cooccurring = _relations(article_entities, dates, jobs, previous)
    by_entity = entity_articles(article_entities, dates)
    known = index.by_id()
    # Entity files always get a page; discovered entities only when some article really holds them.
    shown = {e.id: e for e in index.entities if e.id in by_entity or e.path}
    lines = spec_lines or {}
    problems = [_as_problem(p, lines) for p in index.problems]
    problems += [_as_problem(p, lines) for p in unused_entity_files(index, set(by_entity))]
    weave = Weave(
        entities=dict(sorted(shown.items())),
        article_entities={slug: tuple(i for i in ids if i in known) for slug, ids in article_entities.items()},
        declared={slug: ids for slug, ids in index.declared.items()},
        mentions={slug: dict(stats) for slug, stats in mentions.items()},
        entity_articles=by_entity,
        related=related, cooccurring=cooccurring,
        timeline=monthly_timeline(by_entity, dates),
    )
    if previous and previous["sets"] == article_entities and previous["dates"] == dates:
        return weave, problems, previous
    return weave, problems, {"sets": article_entities, "dates": dates, "related": related, "cooccurring": cooccurring}


def _relations(article_entities: dict[str, tuple[str, ...]], dates: dict, jobs: int, previous: dict | None
               ) -> tuple[dict, dict]:
    """Related articles and co-occurrences: from scratch, or the previous ones with what changed redone."""
    touched = touched_by(previous["sets"], article_entities, previous["dates"], dates) if previous else None
    if touched is None:
        return related_articles(article_entities, dates, jobs=jobs), cooccurring_entities(article_entities, jobs=jobs)
    articles, entities = touched
    related = dict(previous["related"])
    related.update(related_articles(article_entities, dates, jobs=jobs, only=articles))
    cooccurring = {e: value for e, value in previous["cooccurring"].items() if e not in entities}
    cooccurring.update(cooccurring_entities(article_entities, jobs=jobs, only=entities))
    return related, dict(sorted(cooccurring.items()))


def _as_problem(problem, spec_lines: Mapping[str, dict[str, int]]) -> Problem:
    line = problem.line if problem.line is not None else entity_problem_line(spec_lines.get(problem.path, {}), problem.kind)
    return warning(problem.path, line, problem.message)

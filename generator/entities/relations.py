"""Relations between articles and entities: who appears where, with whom, when, and which articles are related."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Callable, Iterable, Mapping, TypeVar

from ..core.parallel import merge_in_order, run_sharded

T = TypeVar("T")

# Entities in more than this share of the articles (and in more than COMMON_MIN articles) say
# little about relatedness and would make the pair count quadratic, so related_articles skips them.
# Past COMMON_MAX articles an entity is skipped whatever the share: 5% of 100,000 articles is 5,000,
# and walking lists that long for every article made relating a 100,000-article archive quadratic
# (eight minutes of the build). Archives under 20,000 articles never reach it.
COMMON_SHARE = 0.05
COMMON_MIN = 50
COMMON_MAX = 1000


@dataclass(frozen=True)
class RelatedArticle:
    key: str
    score: float
    shared: tuple[str, ...]


def _newest_first(keys: Iterable[str], dates: Mapping[str, date | None]) -> list[str]:
    """Newest first, undated last, ties by key."""
    def order(key: str) -> tuple[int, int, str]:
        day = dates.get(key)
        return (0, -day.toordinal(), key) if day else (1, 0, key)
    return sorted(keys, key=order)


def entity_articles(article_entities: Mapping[str, Iterable[str]],
                    dates: Mapping[str, date | None]) -> dict[str, tuple[str, ...]]:
    """Entity id -> keys of the articles that mention or declare it, newest first."""
    articles: dict[str, set[str]] = defaultdict(set)
    for key, entity_ids in article_entities.items():
        for entity_id in entity_ids:
            articles[entity_id].add(key)
    return {entity_id: tuple(_newest_first(keys, dates)) for entity_id, keys in sorted(articles.items())}


def inverse_document_frequency(article_entities: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """idf = log((N + 1) / df): the +1 keeps an entity found in every article of a small site above zero."""
    frequency: Counter = Counter()
    for entity_ids in article_entities.values():
        frequency.update(set(entity_ids))
    total = len(article_entities)
    return {entity_id: math.log((total + 1) / df) for entity_id, df in sorted(frequency.items())}


def related_articles(article_entities: Mapping[str, Iterable[str]], dates: Mapping[str, date | None], *,
                     limit: int = 5, jobs: int = 1, only: Iterable[str] | None = None
                     ) -> dict[str, tuple[RelatedArticle, ...]]:
    """For each article (or each of `only`), the articles sharing the rarest entities with it, best first.

    Score is the sum of the idf of the shared entities; ties go to the newer article, then the key.
    Shared ids are listed rarest first, then by id. Each article's list is independent of the others',
    so `jobs` worker processes share the articles.
    """
    if only is not None and not only:
        return {}
    entity_sets = {key: frozenset(ids) for key, ids in article_entities.items()}
    idf = inverse_document_frequency(entity_sets)
    ceiling = _common_ceiling(len(entity_sets))
    postings: dict[str, list[str]] = defaultdict(list)
    for key in sorted(entity_sets):
        for entity_id in entity_sets[key]:
            postings[entity_id].append(key)
    useful = {entity_id for entity_id, keys in postings.items() if len(keys) <= ceiling}
    rank_of_date = {key: i for i, key in enumerate(_newest_first(entity_sets, dates))}

    def related(key: str) -> tuple[RelatedArticle, ...]:
        scores: defaultdict[str, float] = defaultdict(float)
        for entity_id in sorted(entity_sets[key] & useful):  # sorted: the float sums come out the same
            weight = idf[entity_id]
            for other in postings[entity_id]:
                scores[other] += weight
        scores.pop(key, None)
        if not scores or limit <= 0:
            return ()
        # Only articles scoring at least the limit-th best score can make the list; rank just those.
        floor = heapq.nlargest(limit, scores.values())[-1] - 1e-9
        best = sorted((-round(score, 9), rank_of_date[other], other) for other, score in scores.items()
                      if score >= floor)[:limit]
        return tuple(
            RelatedArticle(other, -negative, tuple(sorted(entity_sets[key] & entity_sets[other] & useful,
                                                          key=lambda e: (-idf[e], e))))
            for negative, _, other in best)

    return _each(sorted(entity_sets if only is None else only), related, jobs)


def useful_entities(article_entities: Mapping[str, Iterable[str]]) -> set[str]:
    """The entities related_articles weighs: those in few enough articles."""
    frequency: Counter = Counter()
    for entity_ids in article_entities.values():
        frequency.update(set(entity_ids))
    ceiling = _common_ceiling(len(article_entities))
    return {entity_id for entity_id, df in frequency.items() if df <= ceiling}


def _common_ceiling(articles: int) -> float:
    """How many articles an entity may be in and still relate them: above it, it is too common to say much."""
    return min(COMMON_MAX, max(COMMON_MIN, COMMON_SHARE * articles))


def touched_by(before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]],
               dates_before: Mapping[str, date | None], dates_after: Mapping[str, date | None]
               ) -> tuple[set[str], set[str]] | None:
    """What an edit can change of the relations: (articles whose related list may differ, entities whose
    co-occurrence may differ); None when it may change them all (an article added or removed changes
    every entity's weight).

    An article's list reads only the articles that share a weighed entity with it, their dates, and the
    weights of its entities; a weight changes only with the number of articles holding the entity.
    """
    if before.keys() != after.keys():
        return None
    changed = {key for key in after if set(before[key]) != set(after[key]) or dates_before.get(key) != dates_after.get(key)}
    if not changed:
        return set(), set()
    entities = set().union(*(set(before[key]) | set(after[key]) for key in changed))
    weighed = entities & (useful_entities(before) | useful_entities(after))
    articles = set(changed)
    for key, ids in after.items():
        if key not in articles and not weighed.isdisjoint(ids):
            articles.add(key)
    together = {e for key in changed if set(before[key]) != set(after[key]) for e in set(before[key]) | set(after[key])}
    return articles, together


def cooccurring_entities(article_entities: Mapping[str, Iterable[str]], *,
                         limit: int = 10, jobs: int = 1, only: Iterable[str] | None = None
                         ) -> dict[str, tuple[tuple[str, int], ...]]:
    """Entity id (each, or each of `only`) -> the entities appearing in the most articles with it, as
    (id, article count)."""
    # Each entity keeps its articles' id tuples and counts them in one call; only the top ones are ranked.
    articles_of: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in sorted(article_entities):
        ids = tuple(sorted(set(article_entities[key])))
        for entity_id in ids:
            articles_of[entity_id].append(ids)

    def together(entity_id: str) -> tuple[tuple[str, int], ...]:
        counter = Counter(chain.from_iterable(articles_of[entity_id]))
        del counter[entity_id]
        ranked = heapq.nsmallest(limit, ((-n, other) for other, n in counter.items()))
        return tuple((other, -negative) for negative, other in ranked)

    return _each(sorted(articles_of if only is None else set(only) & articles_of.keys()), together, jobs)


def _each(keys: list[str], work: Callable[[str], T], jobs: int) -> dict[str, T]:
    """{key: work(key)} in key order, the keys shared among `jobs` worker processes."""
    def shard(index: int, count: int) -> list[tuple[int, T]]:
        return [(i, work(keys[i])) for i in range(index, len(keys), count)]

    return dict(zip(keys, merge_in_order(run_sharded(shard, jobs, items=len(keys)))))


def monthly_timeline(entity_articles_map: Mapping[str, Iterable[str]],
                     dates: Mapping[str, date | None]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Entity id -> (("2016-02", 3), ...): how many of its dated articles fall in each month."""
    result = {}
    for entity_id, keys in sorted(entity_articles_map.items()):
        months = Counter(f"{day.year:04d}-{day.month:02d}" for day in (dates.get(k) for k in set(keys)) if day)
        result[entity_id] = tuple(sorted(months.items()))
    return result

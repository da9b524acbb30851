"""Curation hints for `dossier entities --suggest`: likely merges and splits of discovered entities, each
with its evidence and the entity file that applies it (pure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Mapping

from .gazetteer import fold
from .model import Entity, slugify

MIN_SIDE = 2  # articles on each side of a split


@dataclass(frozen=True)
class Suggestion:
    kind: str                  # "merge" or "split"
    entity_ids: tuple[str, ...]
    evidence: str
    path: str                  # where the entity file goes, relative to the content folder
    text: str                  # the entity file


def suggest(entities: Mapping[str, Entity], entity_articles: Mapping[str, tuple[str, ...]],
            limit: int = 50) -> list[Suggestion]:
    """Merges first (the surest evidence first), then splits; at most `limit` of each."""
    articles = {entity_id: set(keys) for entity_id, keys in entity_articles.items()}
    discovered = {entity_id: e for entity_id, e in entities.items() if e.path is None and articles.get(entity_id)}
    merges = sorted(_merges(discovered, articles), key=lambda pair: pair[0])
    splits = sorted(_splits(discovered, entities, articles), key=lambda pair: pair[0])
    return [s for _, s in merges[:limit]] + [s for _, s in splits[:limit]]


def _merges(entities: dict[str, Entity], articles: dict[str, set[str]]):
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    by_initials: dict[str, list[Entity]] = defaultdict(list)
    by_word: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        words = entity.name.split()
        if entity.type == "person" and len(words) >= 2:
            by_surname[fold(words[-1]).casefold()].append(entity)
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words if w[:1].isupper())].append(entity)
        if len(words) == 1:
            by_word[fold(entity.name).casefold().removesuffix("s")].append(entity)
    seen: set[tuple[str, str]] = set()

    def pair(a: Entity, b: Entity, why: str):
        key = tuple(sorted((a.id, b.id)))
        if key in seen:
            return None
        seen.add(key)
        both = len(articles[a.id] & articles[b.id])
        keep, other = (a, b) if (len(articles[a.id]), len(a.name)) >= (len(articles[b.id]), len(b.name)) else (b, a)
        evidence = (f"{why}; {keep.name!r} in {len(articles[keep.id])} articles, {other.name!r} in "
                    f"{len(articles[other.id])}, {both} with both")
        rank = (0 if both else 1, -both, -min(len(articles[a.id]), len(articles[b.id])), key)
        return rank, Suggestion("merge", key, evidence, f"entities/{keep.id}.md",
                                _entity_file(keep.name, keep.type, sorted({*keep.aliases, other.name, *other.aliases})))

    for people in by_surname.values():
        for a, b in combinations(sorted(people, key=lambda e: e.id), 2):
            first_a, first_b = a.name.split()[0].rstrip("."), b.name.split()[0].rstrip(".")
            if a.name.endswith(" " + b.name) or b.name.endswith(" " + a.name):
                found = pair(a, b, "one name ends the other, both people")
            elif (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
                found = pair(a, b, f"an initial of the same given name, surname {a.name.split()[-1]!r}, both people")
            else:
                continue
            if found:
                yield found
    for entity in entities.values():
        if entity.name.isupper() and 2 <= len(entity.name) <= 6:
            for long in by_initials.get(entity.name, ()):
                if articles[entity.id] & articles[long.id]:
                    found = pair(entity, long, f"{entity.name!r} spells the initials of {long.name!r}")
                    if found:
                        yield found
        words = entity.name.split()
        if len(words) >= 2:
            for short in by_word.get(fold(words[-1]).casefold().removesuffix("s"), ()):
                if short.type == entity.type and articles[short.id] & articles[entity.id]:
                    found = pair(entity, short, f"{short.name!r} is the last word of {entity.name!r}, "
                                                f"both {entity.type}")
                    if found:
                        yield found
    for group in by_word.values():
        for a, b in combinations(sorted(group, key=lambda e: e.id), 2):
            found = pair(a, b, "the same word, singular and plural")
            if found:
                yield found


def _splits(entities: dict[str, Entity], every: Mapping[str, Entity], articles: dict[str, set[str]]):
    """An entity whose articles fall in two groups by the places named with it, no article naming both:
    the Democratic Party of Hong Kong and of the US."""
    places = [e for e in every.values() if e.type == "place" and articles.get(e.id)]
    for entity in sorted(entities.values(), key=lambda e: e.id):
        if entity.type == "place":
            continue
        own = articles[entity.id]
        if len(own) < 2 * MIN_SIDE:
            continue
        near = [(p, own & articles[p.id]) for p in places if p.id != entity.id and len(own & articles[p.id]) >= MIN_SIDE]
        best = None
        for (p, with_p), (q, with_q) in combinations(near, 2):
            if with_p & with_q or len(with_p | with_q) * 10 < len(own) * 8:
                continue
            score = min(len(with_p), len(with_q))
            if best is None or score > best[0]:
                best = (score, p, with_p, q, with_q)
        if best is None:
            continue
        _, p, with_p, q, with_q = best
        smaller, size = (p, len(with_p)) if len(with_p) <= len(with_q) else (q, len(with_q))
        evidence = (f"{entity.name!r}: {len(with_p)} articles name {p.name!r} and {len(with_q)} name {q.name!r}, "
                    f"none both")
        name = f"{entity.name} ({smaller.name})"
        yield ((-size, entity.id), Suggestion("split", (entity.id, p.id, q.id), evidence,
                                              f"entities/{slugify(name)}.md",
                                              _entity_file(name, entity.type, [entity.name], only_with=[smaller.name])))


def _entity_file(name: str, kind: str, aliases: list[str], only_with: list[str] | None = None) -> str:
    def item(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = ["---", f"name: {item(name)}", f"type: {kind}"]
    if aliases:
        lines.append(f"aliases: [{', '.join(item(a) for a in aliases if a != name)}]")
    if only_with:
        lines.append(f"only_with: [{', '.join(item(a) for a in only_with)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"

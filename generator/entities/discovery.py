"""Entity discovery: gather the names each article yields (names, gather), join their variants (joins), keep the
entities (keep), name and type them, and build the EntityIndex with the forms that link them (forms)."""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from . import gazetteer as gz
from . import lexicon as lex
from .classify import Evidence, entity_type, unlisted_name
from .clubs import resolve_towns
from .cues import CUE_KINDS
from .forms import local_forms_from_choices, scoped_forms, with_blockers
from .gather import gather_mentions
from .joins import (
    SPEC_PREFIX,
    Components,
    Names,
    join_abbreviations,
    join_acronyms,
    join_entity_files,
    join_party_names,
    join_plurals,
    join_variants,
    surname_shaped,
)
from .keep import kept_components
from .model import (
    ENTITY_TYPES,
    ArticleText,
    Entity,
    EntityIndex,
    EntityProblem,
    EntitySpec,
    quote_variants,
    slugify,
)
from .names import ArticleNames, extract_names
from .shortenings import join_shortenings
from .surnames import join_surnames

__all__ = ["ENTITY_TYPES", "ArticleNames", "ArticleText", "Entity", "EntityIndex", "EntityProblem", "EntitySpec",
           "build_entity_index", "build_entity_index_from", "extract_article", "slugify", "unused_entity_files"]


def extract_article(article: ArticleText) -> ArticleNames:
    """What discovery needs from one article. It depends only on the article's text, so a build may
    cache it per article and hand it back to build_entity_index_from."""
    return extract_names(article.text)


def build_entity_index(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], *, discover: bool = True,
                       min_articles: int = 2, ignore: Sequence[str] = ()) -> EntityIndex:
    extracted = [(article, extract_article(article) if discover else ArticleNames()) for article in articles]
    return build_entity_index_from(extracted, specs, discover=discover, min_articles=min_articles, ignore=ignore)


def build_entity_index_from(extracted: Sequence[tuple[ArticleText, ArticleNames]], specs: Sequence[EntitySpec], *,
                            discover: bool = True, min_articles: int = 2, ignore: Sequence[str] = ()) -> EntityIndex:
    """The index from each article's extract_article result: the corpus-wide step, which reads no text."""
    ordered = sorted(extracted, key=lambda pair: pair[0].key)
    ignored = {name.casefold() for name in ignore}
    info = Names()
    acronyms: list[tuple[str, str, str]] = []
    common_words: frozenset[str] = frozenset()
    looked_up = None
    with _collector_paused():
        if discover:
            common_words, looked_up = gather_mentions(ordered, ignored, info, acronyms)
        index = _merge([article for article, _ in ordered], specs, info, acronyms, min_articles, ignored,
                       common_words)
    return replace(index, consulted=looked_up)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The merge allocates many small containers and makes no cycles; with every article's extraction
    alive, the cycle collector's passes would cost about a quarter of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], info: Names,
           acronyms: list[tuple[str, str, str]], min_articles: int, ignored: set[str],
           common_words: frozenset[str]) -> EntityIndex:
    names = sorted(info.articles)
    components = Components()
    for name in names:
        components.find(name)
    problems: list[EntityProblem] = []
    spec_forms = join_entity_files(specs, names, components, problems)
    join_abbreviations(names, info, spec_forms, components)
    join_acronyms(names, info, acronyms, ignored, components, common_words)
    join_plurals(names, info, components)
    join_party_names(names, info, components)
    join_variants(names, info, components)
    join_shortenings(names, info, components)
    join_surnames(names, info, common_words, components)
    resolve_towns(names, info)

    groups = components.groups()
    root_of = {member: root for root, members in groups.items() for member in members}
    forms = {member.casefold(): root for member, root in root_of.items() if not member.startswith(SPEC_PREFIX)}
    forms.update({form: root_of[node] for form, node in spec_forms.items()})
    declared_roots: dict[str, list[str]] = {}
    for article in articles:
        roots = declared_roots[article.key] = []
        for name in article.declared:
            if name.casefold() not in forms:
                problems.append(EntityProblem(article.path or article.key, article.declared_line,
                                              f"entities: name {name!r} matches nothing", "unmatched-name"))
                forms[name.casefold()] = name
                groups[name] = [name]
            roots.append(forms[name.casefold()])
    wanted = {root for roots in declared_roots.values() for root in roots}

    spec_by_node = {SPEC_PREFIX + spec.id: spec for spec in specs}
    kept = kept_components(groups, names, info, spec_by_node, wanted, min_articles, common_words)
    entities, entity_of_root, surface_forms = _make_entities(kept, spec_by_node, specs, info, ignored, common_words,
                                                             wanted, min_articles)
    declared = {key: tuple(dict.fromkeys(entity_of_root[r] for r in roots if r in entity_of_root))
                for key, roots in declared_roots.items()}
    local_forms = local_forms_from_choices(info, components, entity_of_root)
    scoped_forms(specs, info, local_forms)
    for spec in specs:  # a weak alias links only where scoped_forms says
        for form in spec.weak_aliases:
            for variant in quote_variants(form):
                if surface_forms.get(variant) == spec.id:
                    del surface_forms[variant]
    surface_forms = with_blockers(surface_forms, info, ignored)
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), surface_forms, declared, tuple(problems),
                       local_forms={key: dict(sorted(forms.items())) for key, forms in sorted(local_forms.items())})


def _make_entities(kept: list[tuple[str, list[str], set[str]]], spec_by_node: dict[str, EntitySpec],
                   specs: Sequence[EntitySpec], info: Names, ignored: set[str], common_words: frozenset[str],
                   wanted: set[str], min_articles: int) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities for the kept components, the component root -> entity id map, and the surface forms. A name
    whose type is a guess (nothing in its words or around its mentions says what it is) needs one article
    more than min_articles: two articles and no evidence make half of such pages wrong (bench/README.md)."""
    entities: list[Entity] = []
    entity_of_root: dict[str, str] = {}
    # "index" is taken by the list of entities (entities/index.html); an entity file named so is an error there.
    taken = {spec.id for spec in specs} | {"index"}
    ranked_forms: list[tuple[tuple, str, str]] = []
    shown = {root: _display_name(members, info.articles, info.table_names) for root, members, _ in kept}
    kept = sorted(kept, key=lambda k: shown[k[0]])
    parts = [([m for m in members if not m.startswith(SPEC_PREFIX)],
              next((spec_by_node[m] for m in members if m in spec_by_node), None)) for _, members, _ in kept]
    kinds = _entity_types(kept, parts, shown, info, common_words)
    for (root, members, seen), (plain, spec), (kind, guessed) in zip(kept, parts, kinds):
        if (guessed and spec is None and root not in wanted and len(seen) <= min_articles
                and not _reads_as_a_name(shown[root], common_words)):
            continue
        if spec is not None:
            entity = Entity(spec.id, spec.name, spec.type,
                            tuple(sorted(set(spec.aliases) | set(plain) - {spec.name})),
                            spec.same_as, spec.description, spec.path)
        else:
            name = shown[root]
            entity = Entity(_unique_id(slugify(name), taken), name, kind, tuple(sorted(set(plain) - {name})))
        taken.add(entity.id)
        entity_of_root[root] = entity.id
        entities.append(entity)
        forms = {entity.name, *entity.aliases} if spec is None or not spec.only_with else set()
        for member in plain:
            forms |= info.surfaces.get(member, set())
        for form in forms:
            if form.casefold() not in ignored:
                # Entity files win a contested form, then the entity in more articles.
                for variant in quote_variants(form):
                    ranked_forms.append(((spec is None, -len(seen), entity.id), variant, entity.id))
    surface_forms: dict[str, str] = {}
    for _, form, entity_id in sorted(ranked_forms):
        surface_forms.setdefault(form, entity_id)
    return entities, entity_of_root, dict(sorted(surface_forms.items()))


def _entity_types(kept: list[tuple[str, list[str], set[str]]], parts: list[tuple[list[str], EntitySpec | None]],
                  shown: dict[str, str], info: Names, common_words: frozenset[str]) -> list[tuple[str, bool]]:
    """Each kept component's type from the evidence of all its mentions (classify.entity_type). Where that is a
    guess, the names the text lists it with decide when they agree: "Chris Martin, Dido and Robbie Williams",
    "Subs Not Used: Howard, Bellion", "GPS and GPRS". An entity file's type is its own."""
    kinds: list[str] = []
    guessed: list[bool] = []
    position: dict[str, int] = {}
    for number, ((root, _, seen), (plain, spec)) in enumerate(zip(kept, parts)):
        position.update(dict.fromkeys(plain, number))
        if spec is not None:
            kinds.append(spec.type)
            guessed.append(False)
            continue
        name = shown[root]
        cues = [info.cues[m] for m in plain if m in info.cues]
        evidence = Evidence(sum(info.counts[m] for m in plain), sum(info.titled[m] for m in plain),
                            tuple(map(sum, zip(*cues))) if cues else (0,) * len(CUE_KINDS),
                            bool(info.surnamed & set(plain)), _surname_use(name, seen, info, common_words))
        kind, guess = entity_type(name, plain, evidence, common_words)
        kinds.append(kind)
        guessed.append(guess)
    typed = list(zip(kinds, guessed))
    for number, (root, members, _) in enumerate(kept):
        if not guessed[number]:
            continue
        votes: Counter = Counter()
        for member in members:
            for other, times in info.listed_with.get(member, {}).items():
                beside = position.get(other)
                if beside is not None and beside != number and not guessed[beside]:
                    votes[kinds[beside]] += times
        if votes:
            kind, count = min(votes.items(), key=lambda item: (-item[1], item[0]))
            # Not to a place: towns are listed with the clubs named after them ("Juventus, Milan and Roma").
            if count >= LISTED_VOTES and count >= 3 * (sum(votes.values()) - count) and kind != "place" and (
                    kind != "person" or _could_be_a_person(shown[root], common_words)):
                typed[number] = kind, False
    return typed


def _reads_as_a_name(name: str, common_words: frozenset[str]) -> bool:
    """ "Condoleezza Rice", "Potito Starace": two or three capitalised words, none an everyday word, a
    place, an organisation's or a work's word; a proper name whatever nothing else says of it."""
    words = name.split()
    return 2 <= len(words) <= 3 and unlisted_name(words, common_words) and not any(
        w in lex.ORGANIZATION_WORDS or w in lex.OTHER_WORDS or w in gz.place_names() for w in words)


def _could_be_a_person(name: str, common_words: frozenset[str]) -> bool:
    """Not "NME", "E&Y", "Nintendo Europe" or "Digital Rights Management": no acronym, sign, country or
    continent, and not only everyday words, however many people's names it is listed with."""
    words = name.split()
    return (not name.isupper() and all(c.isalpha() or c in " '’.-" for c in name)
            and not all(w in common_words for w in words)
            and not any(w in gz.country_names() or w in gz.CONTINENTS_AND_REGIONS for w in words))


# How many listings beside names of one type make a guessed type that type (and three times any other).
LISTED_VOTES = 2


def _surname_use(name: str, seen: set[str], info: Names, common_words: frozenset[str]) -> float:
    """The share of a two- or three-word name's articles that also use its last word alone, as articles
    call a person by their surname ("Lleyton Hewitt ... Hewitt said"); 0 for a last word that is a
    place, an organisation or an everyday word ("Real Madrid ... Madrid")."""
    words = name.split()
    last = words[-1]
    if (not 2 <= len(words) <= 3 or not seen or last in common_words or last in gz.small_places()
            or (words[0].isupper() and not gz.is_surname(gz.fold(last)))  # "MG Rover ... Rover"; not "JP McManus"
            or words[0] in gz.place_names()  # "London Underground ... the Underground"
            or last in lex.KNOWN_ORGANIZATIONS or last in lex.ORGANIZATION_WORDS or last in lex.PLACE_WORDS
            or not surname_shaped(last)):
        return 0.0
    alone = info.articles.get(last, set()) | info.articles.get(last + "s", set())
    return len(alone & seen) / len(seen)


def _display_name(members: list[str], name_articles: dict[str, set[str]], table_names: set[str]) -> str:
    plain = [m for m in members if not m.startswith(SPEC_PREFIX)] or [m[1:] for m in members]
    # The table's name, else a name of several words found in most articles, the shorter on a tie
    # ("Ann Lee" over "Harbour Master Ann Lee", "George Bush" over "George W. Bush").
    return max(plain, key=lambda m: (m in table_names, " " in m and not m.isupper(),
                                     len(name_articles.get(m, ())), -len(m), m))


def _unique_id(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def unused_entity_files(index: EntityIndex, mentioned_ids: Iterable[str]) -> list[EntityProblem]:
    """Entity files that no article mentions or declares: probably a misspelt name."""
    used = set(mentioned_ids)
    for ids in index.declared.values():
        used.update(ids)
    return [EntityProblem(entity.path, None, f"entity {entity.id!r} is not mentioned by any article",
                          "unused-entity-file")
            for entity in index.entities if entity.path and entity.id not in used]

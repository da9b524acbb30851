"""Entity discovery: merge the names each article yields (generator.entities.names), join their variants, type them,
build the EntityIndex."""

from __future__ import annotations

import contextlib
import gc
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import chain, combinations
from typing import Iterable, Iterator, Sequence

from . import gazetteer as gz
from . import lexicon as lex
from generator.entities.clubs import is_town, resolve_towns
from generator.entities.shortenings import join_shortenings
from generator.entities.joins import (SPEC_PREFIX, Components, Names, add_cues, join_abbreviations, join_acronyms,
                                    join_entity_files, join_party_names, join_plurals, join_surnames, join_variants,
                                    person_like, surname_shaped)
from generator.entities.model import (ENTITY_TYPES, ArticleText, Entity, EntityIndex, EntityProblem, EntitySpec,
                                    quote_variants, slugify)
from generator.entities.classify import ARTICLE, NOUN, ORGANIZATION, PERSON, PLACE, SPEAKER, Evidence, entity_type
from generator.entities.cues import AFTER_SHIFT, BEFORE_MASK, CUE_KINDS, CUE_LIST
from generator.entities.names import ALIAS_MARK, ArticleNames, acronym_fits, extract_names
from generator.entities.runs import Candidate, RunNames
from generator.entities.vocabulary import Consulted, Vocabulary, consulted

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
    acronyms: list[tuple[str, str]] = []
    common_words: frozenset[str] = frozenset()
    looked_up = None
    with _collector_paused():
        if discover:
            common_words, looked_up = _gather_mentions(ordered, ignored, info, acronyms)
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


def _gather_mentions(ordered: Sequence[tuple[ArticleText, ArticleNames]], ignored: set[str], info: Names,
                     acronyms: list[tuple[str, str]]) -> tuple[frozenset[str], Consulted]:
    """Fill info with every accepted name's articles, counts and surfaces; returns the corpus's common
    words and what was looked up in the vocabulary.

    Each distinct run is judged once, with the articles and the number of times it occurs.
    """
    vocabulary = Vocabulary()
    runs: dict[str, RunNames] = {}
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article, names in ordered:
        key = article.key
        runs.update(zip(names.keys, names.runs))
        for run_key in names.keys:
            articles_of[run_key].append(key)
    repeats = Counter(chain.from_iterable(names.repeats for _, names in ordered))
    times = {run_key: len(keys) + repeats[run_key] for run_key, keys in articles_of.items()}
    vocabulary.add_runs((run, times[run_key]) for run_key, run in runs.items())
    # Which lower-case counts discovery will compare, and with what: the capitalised counts are final here.
    looked_up = consulted(vocabulary, runs.values())
    for _, names in ordered:
        vocabulary.add_lower(names.lower, looked_up.wanted)
    accepted: dict[str, list[Candidate]] = {run_key: vocabulary.names_in_run(run) for run_key, run in runs.items()}
    total: Counter = Counter()  # how often each candidate name is written, in every run
    for run_key, found in accepted.items():
        for name in found:
            total[name.name] += times[run_key]
    _split_glued(accepted, _keep_phrases_whole(runs, accepted, articles_of, times, total))
    articles, counts, titled, surfaces = info.articles, info.counts, info.titled, info.surfaces
    for run_key, run in runs.items():
        found = accepted[run_key]
        count = times[run_key]
        for name in found:
            if ignored and (name.name.casefold() in ignored or name.surface.casefold() in ignored):
                continue
            articles[name.name].update(articles_of[run_key])
            counts[name.name] = counts.get(name.name, 0) + count
            if name.titled:
                titled[name.name] = titled.get(name.name, 0) + count
            surfaces[name.name].add(name.surface)
    owners = {own.casefold(): own for article, _ in ordered for own in article.own}
    if owners:  # "Wikinews" in a Wikinews article is its publisher, not its subject
        for name in [n for n in articles if n.casefold() in owners]:
            for article, _ in ordered:
                if name.casefold() in {own.casefold() for own in article.own} and article.key in articles[name]:
                    articles[name].discard(article.key)
                    info.local.setdefault(article.key, {})[name] = None
    cues, listed, town_cues = info.cues, info.listed, info.town_cues
    for article, names in ordered:
        for number, flags in names.cues:
            run = names.runs[number]
            found = accepted[run.key]
            if not found:
                continue
            # The words before a run describe its first name (after at most a dropped "The"); the words
            # after it, its last.
            first, last = found[0], found[-1]
            if flags & BEFORE_MASK and first.end - len(first.surface) <= 4:
                add_cues(cues, first.name, flags & BEFORE_MASK)
                if flags & CUE_LIST and len(found) == 1:
                    listed[first.name].add(article.key)
                if is_town(first.name):
                    add_cues(town_cues[first.name], article.key, flags & BEFORE_MASK)
            if flags >> AFTER_SHIFT and last.end >= len(run.text) - 2:
                add_cues(cues, last.name, flags >> AFTER_SHIFT)
                if is_town(last.name):
                    add_cues(town_cues[last.name], article.key, flags >> AFTER_SHIFT)
        for number, acronym in names.acronyms:
            run = names.runs[number]
            found = accepted[run.key]
            if not found or found[-1].end < len(run.text) - 2:
                continue
            if acronym.startswith(ALIAS_MARK):  # "X, also known as Y": the text says they are one
                acronyms.append((acronym[1:], found[-1].name))
            elif acronym_fits(acronym, found[-1].name):
                acronyms.append((acronym, found[-1].name))
    return vocabulary.common_words(), looked_up


def _split_glued(accepted: dict[str, list[Candidate]], total: Counter) -> None:
    """ "Universal and Warner Bros": a name joined by "and" whose two halves are each written alone
    elsewhere (twice or more) is two names. "Johnson & Johnson", "Marks & Spencer" and "Serbia and
    Montenegro" stay whole."""
    for run_key, found in accepted.items():
        if any(" and " in name.name or " & " in name.name for name in found):
            accepted[run_key] = [part for name in found for part in _halves(name, total)]


def _halves(name: Candidate, total: Counter) -> list[Candidate]:
    for join in (" and ", " & "):
        left, _, right = name.name.partition(join)
        if (right and left != right and total[left] >= 2 and total[right] >= 2
                and not gz.is_place(name.name.replace(" & ", " and "))):
            surface_left, _, surface_right = name.surface.partition(join)
            start = name.end - len(name.surface)
            return [name._replace(name=left, surface=surface_left, end=start + len(surface_left), lone=False),
                    name._replace(name=right, surface=surface_right, lone=False)]
    return [name]


_PHRASE_JOINS = (" of ", " and ", " & ", " for ", " the ")


def _keep_phrases_whole(runs: dict[str, RunNames], accepted: dict[str, list[Candidate]],
                        articles_of: dict[str, list[str]], times: dict[str, int], total: Counter) -> Counter:
    """ "Maria Full of Grace", "Angels and Demons": a run that joins names with "of" or "and" stays one
    name when the whole phrase recurs and one of its parts is hardly ever written outside it ("Demons").
    "Iran and Russia" stays two names: each is common alone; so do two people or two places.
    `total` is how often each name is written; returns the same counts after the joins."""
    joined = total.copy()
    phrases: dict[str, list[str]] = defaultdict(list)
    for run_key, found in accepted.items():
        if len(found) >= 2:
            text = runs[run_key].text
            first = found[0].end - len(found[0].surface)
            phrase = text[first:found[-1].end]
            if any(join in phrase for join in _PHRASE_JOINS):
                phrases[phrase].append(run_key)
    for phrase, run_keys in phrases.items():
        if len({key for run_key in run_keys for key in articles_of[run_key]}) < 2:
            continue
        inside = sum(times[run_key] for run_key in run_keys)
        found = accepted[run_keys[0]]
        if len(found) != 2 or "'s " in phrase or "’s " in phrase:
            continue  # two names only, not "Green Day's Boulevard of Broken Dreams"
        if any(gz.is_place(n.name) for n in found) or all(person_like(n.name) for n in found):
            continue
        mostly_inside = [inside * 3 >= total[n.name] * 2 for n in found]
        # Joined by "of": one part written only here makes a title ("Maria Full" of Grace). Joined
        # by "and", each part may be a name of its own ("BT and Tiscali"): only single words that
        # are never written apart ("Angels and Demons", "Simon and Garfunkel") make one name.
        if (" of " in phrase or " for " in phrase) and " and " not in phrase and " & " not in phrase:
            if not (mostly_inside[0] or (mostly_inside[1] and not person_like(found[0].name))):
                continue
        elif not all(mostly_inside) or any(" " in n.name or n.name.isupper() or n.name in gz.small_places()
                                           or gz.any_given_name(n.name) for n in found):
            continue  # not "Bethan and Huw", "Dorset and Torbay"
        name = phrase.replace("’", "'")
        for run_key in run_keys:
            pieces = accepted[run_key]
            accepted[run_key] = [Candidate(name, phrase, pieces[-1].end, False, False, False)]
            joined[name] += times[run_key]
            for piece in pieces:
                joined[piece.name] -= times[run_key]
    return joined


def _merge(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], info: Names,
           acronyms: list[tuple[str, str]], min_articles: int, ignored: set[str],
           common_words: frozenset[str]) -> EntityIndex:
    names = sorted(info.articles)
    components = Components()
    for name in names:
        components.find(name)
    problems: list[EntityProblem] = []
    spec_forms = join_entity_files(specs, names, components, problems)
    join_abbreviations(names, info, spec_forms, components)
    join_acronyms(names, info, acronyms, ignored, components)
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
    people = [name.split() for name in names if " " in name and person_like(name)]
    first_names = {words[0] for words in people} - {words[-1] for words in people}
    countries = _country_articles(groups, info)
    kept: list[tuple[str, list[str], set[str]]] = []
    for root, members in sorted(groups.items()):
        plain = [m for m in members if not m.startswith(SPEC_PREFIX)]
        seen: set[str] = set()
        for member in plain:
            seen |= info.articles.get(member, set()) | info.extra_articles.get(member, set())
        # A lone given name ("Frank") could be anyone, and a surname of several people is not one
        # entity: each is kept only when merged with a full name.
        only_given = all(m in info.ambiguous or _lone_given_name(m, info, first_names) or _common_noun(m, info)
                         for m in plain)
        if plain and root not in wanted and not any(m in spec_by_node for m in members) and all(
                _generic_body(m, common_words) for m in plain):
            seen = _one_country(seen, plain, countries, info)
        if (any(m in spec_by_node for m in members) or root in wanted
                or (len(seen) >= min_articles and not only_given)):
            kept.append((root, members, seen))
    entities, entity_of_root, surface_forms = _make_entities(kept, spec_by_node, specs, info, ignored, common_words)
    declared = {key: tuple(dict.fromkeys(entity_of_root[r] for r in roots if r in entity_of_root))
                for key, roots in declared_roots.items()}
    local_forms = _local_forms(info, components, entity_of_root)
    _scoped_forms(specs, info, local_forms)
    for spec in specs:  # a weak alias links only where _scoped_forms says
        for form in spec.weak_aliases:
            for variant in quote_variants(form):
                if surface_forms.get(variant) == spec.id:
                    del surface_forms[variant]
    surface_forms = _with_blockers(surface_forms, info, ignored)
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), surface_forms, declared, tuple(problems),
                       local_forms={key: dict(sorted(forms.items())) for key, forms in sorted(local_forms.items())})


def _with_blockers(surface_forms: dict[str, str], info: Names, ignored: set[str]) -> dict[str, str]:
    """Names the text uses that hold an entity's name but are no entity themselves ("Hong Kong Rugby
    Football Union", "RBS Premiership"): each goes in as a form that links nothing, so the matcher
    takes its whole span and the shorter name inside is not linked there."""
    blockers = {}
    for name, surfaces in info.surfaces.items():
        for surface in surfaces:
            words = surface.split()
            if len(words) < 2 or surface in surface_forms or surface.casefold() in ignored:
                continue
            if any(" ".join(words[i:j]) in surface_forms for i in range(len(words))
                   for j in range(i + 1, len(words) + 1) if j - i < len(words)):
                blockers[surface] = ""
    forms = dict(surface_forms)
    for form in blockers:
        for variant in quote_variants(form):
            forms.setdefault(variant, "")
    return dict(sorted(forms.items()))


_GENERIC_WORDS = frozenset({"National", "Federal", "Central", "Supreme", "Constitutional", "High", "Socialist",
                            "People's", "Popular", "Democratic", "Liberal", "Green", "Labour", "Labor",
                            "Conservative", "Republican", "Progressive", "Independent", "Workers'", "New"})


def _generic_body(name: str, common_words: frozenset[str]) -> bool:
    """ "Democratic Party", "Supreme Court", "Foreign Ministry": a body many countries have one of."""
    words = name.split()
    return len(words) >= 2 and words[-1] in lex.ORGANIZATION_WORDS and all(
        w in _GENERIC_WORDS or w in lex.PARTY_LABELS or w in lex.TITLE_MODIFIERS or w in common_words
        or gz.is_demonym(w) for w in words[:-1])


def _country_articles(groups: dict[str, list[str]], info: Names) -> dict[str, set[str]]:
    """Each country the archive names (with its spellings: "US", "U.S.") -> the articles naming it."""
    countries = gz.country_names()
    found: dict[str, set[str]] = {}
    for root, members in groups.items():
        if any(m in countries for m in members):
            found[root] = set().union(*(info.articles.get(m, set()) for m in members))
    return found


def _one_country(seen: set[str], plain: list[str], countries: dict[str, set[str]], info: Names) -> set[str]:
    """The articles of a body many countries have that are about one country's: when two countries split
    its articles with none naming both, the larger side keeps the name and the other articles leave
    it unlinked ("Democratic Party" of Hong Kong, of the US)."""
    near = sorted((root, keys & seen) for root, keys in countries.items() if keys & seen)
    for (_, a), (_, b) in combinations(near, 2):
        if not (a & b) and (a | b) == seen:
            keep = a if len(a) > len(b) else b if len(b) > len(a) else set()
            for key in sorted(seen - keep):
                for member in plain:
                    info.local.setdefault(key, {})[member] = None
            return keep
    return seen


def _lone_given_name(name: str, info: Names, first_names: set[str]) -> bool:
    """ "Frank", "Lleyton": a word the archive uses before surnames and never as one, alone, and never
    as a club's or a place's name ("Chelsea fans", "in Jordan")."""
    if " " in name or name not in first_names or name in gz.place_names():
        return False
    cues = info.cues.get(name)
    return not cues or (cues[ORGANIZATION] + cues[PLACE]) * 10 < info.counts[name]


def _scoped_forms(specs: Sequence[EntitySpec], info: Names, local_forms: dict[str, dict[str, str]]) -> None:
    """Add to local_forms what entity files give to some articles only: weak aliases where the article
    also uses a full name, and every name where the article names one of `only_with`."""
    by_fold: dict[str, set[str]] = defaultdict(set)
    for name, keys in info.articles.items():
        by_fold[name.casefold()] |= keys | info.extra_articles.get(name, set())

    def articles_naming(names: Iterable[str]) -> set[str]:
        return set().union(*(by_fold.get(n.casefold(), set()) for n in names))

    for spec in sorted(specs, key=lambda s: s.id):
        strong = (spec.name, *spec.aliases)
        scoped = articles_naming(spec.only_with) if spec.only_with else None
        if scoped is not None:
            for key in sorted(scoped & articles_naming(strong)):
                for form in strong:
                    _set_local(local_forms, key, form, spec.id)
        having = articles_naming(strong) if scoped is None else articles_naming(strong) & scoped
        for key in sorted(having & articles_naming(spec.weak_aliases)):
            for form in spec.weak_aliases:
                _set_local(local_forms, key, form, spec.id)


def _set_local(local_forms: dict[str, dict[str, str]], key: str, form: str, entity_id: str) -> None:
    forms = local_forms.setdefault(key, {})
    for variant in quote_variants(form):
        forms[variant] = entity_id


def _common_noun(name: str, info: Names) -> bool:
    """An acronym the text spells out in lower case ("liquefied natural gas (LNG)") is a common noun,
    and so is one written after "a" or "an" in a third of its mentions that never speaks, owns or
    employs anything ("a DDoS attack", "an RFID tag"; not "a BBC reporter ... the BBC said")."""
    cues = info.cues.get(name)
    if cues is None:
        return False
    if cues[NOUN]:
        return True
    letters = name.replace("-", "")
    return (cues[ARTICLE] * 3 >= info.counts[name] and not (cues[SPEAKER] or cues[ORGANIZATION] or cues[PERSON])
            and " " not in name and sum(c.isupper() for c in letters) >= 2 and name not in lex.KNOWN_ORGANIZATIONS
            and not any(c.islower() for c in letters[:1]))


def _local_forms(info: Names, components: Components, entity_of_root: dict[str, str]) -> dict[str, dict[str, str]]:
    """Article key -> surface form -> entity id ("" for plain text), from the per-article surname choices."""
    local: dict[str, dict[str, str]] = {}
    for key, choices in sorted(info.local.items()):
        forms: dict[str, str] = {}
        for short, target in sorted(choices.items()):
            entity_id = entity_of_root.get(components.find(target), "") if target else ""
            for surface in info.surfaces.get(short, ()) | {short}:
                for variant in quote_variants(surface):
                    forms[variant] = entity_id
        local[key] = forms
    return local


def _make_entities(kept: list[tuple[str, list[str], set[str]]], spec_by_node: dict[str, EntitySpec],
                   specs: Sequence[EntitySpec], info: Names, ignored: set[str], common_words: frozenset[str]
                   ) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities for the kept components, the component root -> entity id map, and the surface forms."""
    entities: list[Entity] = []
    entity_of_root: dict[str, str] = {}
    # "index" is taken by the list of entities (entities/index.html); an entity file named so is an error there.
    taken = {spec.id for spec in specs} | {"index"}
    ranked_forms: list[tuple[tuple, str, str]] = []
    shown = {root: _display_name(members, info.articles, info.table_names) for root, members, _ in kept}
    for root, members, seen in sorted(kept, key=lambda k: shown[k[0]]):
        plain = [m for m in members if not m.startswith(SPEC_PREFIX)]
        spec = next((spec_by_node[m] for m in members if m in spec_by_node), None)
        if spec is not None:
            entity = Entity(spec.id, spec.name, spec.type,
                            tuple(sorted(set(spec.aliases) | set(plain) - {spec.name})),
                            spec.same_as, spec.description, spec.path)
        else:
            name = shown[root]
            cues = [info.cues[m] for m in plain if m in info.cues]
            evidence = Evidence(sum(info.counts[m] for m in plain), sum(info.titled[m] for m in plain),
                                tuple(map(sum, zip(*cues))) if cues else (0,) * len(CUE_KINDS),
                                bool(info.surnamed & set(plain)), _surname_use(name, seen, info, common_words))
            kind = entity_type(name, plain, evidence, common_words)
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

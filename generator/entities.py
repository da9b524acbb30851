"""Entity discovery: merge the names each article yields (generator.names), join their variants, type them,
build the EntityIndex."""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Iterable, Iterator, Sequence

from generator import gazetteer as gz
from generator.names import (ArticleNames, Candidate, Consulted, RunNames, Vocabulary, acronym_fits, consulted,
                             extract_names)

ENTITY_TYPES = ("person", "organization", "place", "other")


@dataclass(frozen=True)
class EntitySpec:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    description: str
    path: str


@dataclass(frozen=True)
class ArticleText:
    key: str
    title: str
    text: str
    declared: tuple[str, ...] = ()
    path: str = ""
    declared_line: int | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...] = ()
    description: str = ""
    path: str | None = None


@dataclass(frozen=True)
class EntityProblem:
    path: str
    line: int | None
    message: str
    kind: str


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    surface_forms: dict[str, str]
    declared: dict[str, tuple[str, ...]]
    problems: tuple[EntityProblem, ...]
    # What discovery looked up in the corpus's vocabulary (None without discovery): the quick edit
    # path uses it to tell whether an edit could change the index.
    consulted: Consulted | None = None

    def by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}


# --- ids ------------------------------------------------------------------------------------

def slugify(name: str) -> str:
    """'Vladimir Putin' -> 'vladimir-putin'; keeps non-Latin letters ('владимир-путин')."""
    if name.isascii():
        stripped = name  # nothing to decompose or strip, and nothing to compose again
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", stripped.lower().replace("&", " and ")).strip("-_")
    slug = slug.replace("_", "-")
    return (slug if slug.isascii() else unicodedata.normalize("NFC", slug)) or "entity"


_NOT_WORD = re.compile(r"[^\w]+")




# --- the index ------------------------------------------------------------------------------

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
    info = _Names()
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


def _gather_mentions(ordered: Sequence[tuple[ArticleText, ArticleNames]], ignored: set[str], info: _Names,
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
    accepted: dict[str, list[Candidate]] = {}
    articles, counts, titled, surfaces = info.articles, info.counts, info.titled, info.surfaces
    for run_key, run in runs.items():
        found = accepted[run_key] = vocabulary.names_in_run(run)
        count = times[run_key]
        for name in found:
            if ignored and (name.name.casefold() in ignored or name.surface.casefold() in ignored):
                continue
            articles[name.name].update(articles_of[run_key])
            counts[name.name] = counts.get(name.name, 0) + count
            if name.titled:
                titled[name.name] = titled.get(name.name, 0) + count
            surfaces[name.name].add(name.surface)
    for _, names in ordered:
        for number, acronym in names.acronyms:
            run = names.runs[number]
            found = accepted[run.key]
            if found and found[-1].end >= len(run.text) - 2 and acronym_fits(acronym, found[-1].name):
                acronyms.append((acronym, found[-1].name))
    return vocabulary.common_words(), looked_up


class _Components:
    """Union-find over names: each component becomes one entity."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:
            node, self.parent[node] = self.parent[node], root
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller key becomes the root, so the result does not depend on merge order.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low

    def groups(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            result[self.find(node)].append(node)
        return result


_SPEC = "\x00"  # prefix of spec nodes in the union-find; cannot occur in a name


@functools.lru_cache(maxsize=1 << 16)
def _person_like(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and not gz.is_place(name) and not gz.is_demonym(words[0])
            and (words[0] in gz.GIVEN_NAMES or words[0] not in gz.place_names()) and words[-1] not in gz.PLACE_WORDS
            and not any(w.isupper() and len(w) > 1 for w in words)
            and not any(w in gz.JOIN_HEADS or w in gz.TITLES or w in gz.OTHER_WORDS for w in words)
            and words[-1].isalpha() and len(words[-1]) > 1 and not words[-1].isupper())


@dataclass
class _Names:
    """What the mentions say about each name: its articles, how often, how often titled, how written."""
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter = field(default_factory=Counter)
    titled: Counter = field(default_factory=Counter)
    surfaces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Filled while joining variants:
    table_names: set[str] = field(default_factory=set)          # canonical names from the abbreviation table
    surnamed: set[str] = field(default_factory=set)             # surnames joined to a full name
    ambiguous: set[str] = field(default_factory=set)            # surnames of several full names
    extra_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _merge(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], info: _Names,
           acronyms: list[tuple[str, str]], min_articles: int, ignored: set[str],
           common_words: frozenset[str]) -> EntityIndex:
    names = sorted(info.articles)
    components = _Components()
    for name in names:
        components.find(name)
    problems: list[EntityProblem] = []
    spec_forms = _join_entity_files(specs, names, components, problems)
    _join_abbreviations(names, info, spec_forms, components)
    _join_acronyms(names, info, acronyms, ignored, components)
    _join_plurals(names, info, components)
    _join_party_names(names, info, components)
    _join_surnames(names, info, common_words, components)

    groups = components.groups()
    root_of = {member: root for root, members in groups.items() for member in members}
    forms = {member.casefold(): root for member, root in root_of.items() if not member.startswith(_SPEC)}
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

    spec_by_node = {_SPEC + spec.id: spec for spec in specs}
    kept: list[tuple[str, list[str], set[str]]] = []
    for root, members in sorted(groups.items()):
        plain = [m for m in members if not m.startswith(_SPEC)]
        seen: set[str] = set()
        for member in plain:
            seen |= info.articles.get(member, set()) | info.extra_articles.get(member, set())
        # A lone given name ("Frank") could be anyone; it is kept only when merged with a full name.
        only_given = all(m in gz.GIVEN_NAMES or m in info.ambiguous for m in plain)
        if (any(m in spec_by_node for m in members) or root in wanted
                or (len(seen) >= min_articles and not only_given)):
            kept.append((root, members, seen))
    entities, entity_of_root, surface_forms = _make_entities(kept, spec_by_node, specs, info, ignored)
    declared = {key: tuple(dict.fromkeys(entity_of_root[r] for r in roots if r in entity_of_root))
                for key, roots in declared_roots.items()}
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), surface_forms, declared, tuple(problems))


def _join_entity_files(specs: Sequence[EntitySpec], names: list[str], components: _Components,
                       problems: list[EntityProblem]) -> dict[str, str]:
    """Discovered names equal to an entity file's name or alias join it; returns casefolded form -> node."""
    spec_forms: dict[str, str] = {}
    for spec in sorted(specs, key=lambda s: s.id):
        node = _SPEC + spec.id
        components.find(node)
        for form in (spec.name, *spec.aliases):
            other = spec_forms.setdefault(form.casefold(), node)
            if other != node:
                problems.append(EntityProblem(spec.path, None, f"alias {form!r} of entity {spec.id!r} is "
                                              f"already a name of entity {other[1:]!r}", "alias-conflict"))
    for name in names:
        if name.casefold() in spec_forms:
            components.union(name, spec_forms[name.casefold()])
    return spec_forms


def _join_abbreviations(names: list[str], info: _Names, spec_forms: dict[str, str], components: _Components) -> None:
    """ "US", "U.S." and "America" join "United States" (a small table); "U.N." joins "UN"."""
    for name in names:
        canonical = gz.ABBREVIATIONS.get(name)
        if canonical is None and "." in name and name.replace(".", "") in info.articles:
            canonical = name.replace(".", "")
        if canonical:
            info.table_names.add(canonical)
            components.union(name, spec_forms.get(canonical.casefold(), canonical))


def _join_acronyms(names: list[str], info: _Names, acronyms: list[tuple[str, str]], ignored: set[str],
                   components: _Components) -> None:
    """ "Fars News Agency (FNA)" joins FNA to its long form everywhere."""
    long_forms: dict[str, Counter] = defaultdict(Counter)
    for acronym, long_form in acronyms:
        if long_form.casefold() not in ignored and acronym.casefold() not in ignored:
            long_forms[acronym][long_form] += 1
    for acronym, options in sorted(long_forms.items()):
        long_form = min(options, key=lambda f: (-options[f], f))
        if acronym not in gz.ABBREVIATIONS:
            components.union(acronym, long_form)
    # An acronym never defined in the text still joins the one organisation whose initials it spells.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words) and words[-1] in gz.ORGANIZATION_WORDS:
            by_initials["".join(w[0] for w in words)].append(name)
    for name in names:
        if name.isupper() and len(name) >= 3 and name not in long_forms and len(by_initials.get(name, ())) == 1:
            components.union(name, by_initials[name][0])


def _join_plurals(names: list[str], info: _Names, components: _Components) -> None:
    """ "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory"; not "Roberts" / "Robert"."""
    surnames = {name.rsplit(" ", 1)[1] for name in names if _person_like(name)}
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None):
            if (singular and singular in info.articles and not gz.is_demonym(singular.split()[-1])
                    and singular not in gz.GIVEN_NAMES and singular not in surnames):
                components.union(singular, name)


def _join_party_names(names: list[str], info: _Names, components: _Components) -> None:
    """ "Labour Party" is "Labour", "Conservative Party" is "Conservative" (and so "Conservatives").

    A synonym such as "Tory" for "Conservative" needs a table, and is left alone.
    """
    for name in names:
        words = name.split()
        if (len(words) == 2 and words[1] == "Party" and words[0] in info.articles
                and not gz.is_place(words[0]) and words[0] not in gz.GIVEN_NAMES
                and words[0] not in gz.ORGANIZATION_WORDS and not gz.is_plain_word(words[0])):
            components.union(words[0], name)  # not "Congress" (of the US) with the Congress Party


def _join_surnames(names: list[str], info: _Names, common_words: frozenset[str], components: _Components) -> None:
    """ "Putin" joins "Vladimir Putin" when it is the only full name ending so, or by far the most common.

    A surname shared by several full names joins none; each of its articles is credited to the one
    full name that article uses, if just one.
    """
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        plain_name = " ".join(w for w in words if not (len(w) == 2 and w.endswith(".")))
        if plain_name != name and plain_name in info.articles:
            components.union(name, plain_name)  # "George W. Bush" is "George Bush"
        elif _person_like(name):
            for cut in range(1, len(words)):
                by_suffix[" ".join(words[cut:])].append(name)
    titled, articles = info.titled, info.articles
    for short, fulls in sorted(by_suffix.items()):
        # "Mr Kennedy" is a person even though Kennedy is also a district of Bogota.
        titled_mostly = titled[short] * 2 >= info.counts[short] > 0
        if (short not in articles or (gz.is_place(short) and not titled_mostly) or short in gz.KNOWN_ORGANIZATIONS
                or short in gz.GIVEN_NAMES or short in common_words):
            continue  # "David" alone is not Craig David; "Windows" alone is not Microsoft Windows
        # Only people are called by their surname: a given name or a title must show it is a person.
        # A shorter full name ("Ann Lee" in "Harbour Master Ann Lee") must itself look like a person.
        if " " not in short:
            fulls = [f for f in fulls if f.split()[0] in gz.GIVEN_NAMES or titled[f] or titled[short]]
        elif not (short.split()[0] in gz.GIVEN_NAMES or titled[short]):
            continue
        if not fulls:
            continue
        longest = max(fulls, key=lambda f: (len(f.split()), f))
        ranked = sorted(fulls, key=lambda f: (-len(articles[f]), f))
        if all(longest.endswith(" " + f) or f == longest for f in fulls):
            target = longest  # "Khamenei", "Ali Khamenei", "Seyed Ali Khamenei" are one
        elif len(articles[ranked[0]]) >= max(3, 3 * len(articles[ranked[1]])):
            target = ranked[0]  # "Michael Howard" in a British politics corpus
        else:
            info.ambiguous.add(short)
            for key in sorted(articles[short]):
                here = [f for f in fulls if key in articles[f]]
                if len(here) == 1:
                    info.extra_articles[here[0]].add(key)
            continue
        components.union(short, target)
        info.surnamed.add(short)


def _make_entities(kept: list[tuple[str, list[str], set[str]]], spec_by_node: dict[str, EntitySpec],
                   specs: Sequence[EntitySpec], info: _Names, ignored: set[str]
                   ) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities for the kept components, the component root -> entity id map, and the surface forms."""
    entities: list[Entity] = []
    entity_of_root: dict[str, str] = {}
    taken = {spec.id for spec in specs}
    ranked_forms: list[tuple[tuple, str, str]] = []
    shown = {root: _display_name(members, info.articles, info.table_names) for root, members, _ in kept}
    for root, members, seen in sorted(kept, key=lambda k: shown[k[0]]):
        plain = [m for m in members if not m.startswith(_SPEC)]
        spec = next((spec_by_node[m] for m in members if m in spec_by_node), None)
        if spec is not None:
            entity = Entity(spec.id, spec.name, spec.type,
                            tuple(sorted(set(spec.aliases) | set(plain) - {spec.name})),
                            spec.same_as, spec.description, spec.path)
        else:
            name = shown[root]
            kind = _entity_type(name, plain, sum(info.counts[m] for m in plain),
                                sum(info.titled[m] for m in plain), bool(info.surnamed & set(plain)))
            entity = Entity(_unique_id(slugify(name), taken), name, kind, tuple(sorted(set(plain) - {name})))
        taken.add(entity.id)
        entity_of_root[root] = entity.id
        entities.append(entity)
        forms = {entity.name, *entity.aliases}
        for member in plain:
            forms |= info.surfaces.get(member, set())
        for form in forms:
            if form.casefold() not in ignored:
                # Entity files win a contested form, then the entity in more articles.
                for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
                    ranked_forms.append(((spec is None, -len(seen), entity.id), variant, entity.id))
    surface_forms: dict[str, str] = {}
    for _, form, entity_id in sorted(ranked_forms):
        surface_forms.setdefault(form, entity_id)
    return entities, entity_of_root, dict(sorted(surface_forms.items()))


def _display_name(members: list[str], name_articles: dict[str, set[str]], table_names: set[str]) -> str:
    plain = [m for m in members if not m.startswith(_SPEC)] or [m[1:] for m in members]
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


_END_ONLY_ORGANIZATION_WORDS = frozenset({"United", "Times", "Post", "News", "Front", "Band", "Project"})


def _entity_type(name: str, members: list[str], mentions: int, titled: int, surnamed: bool) -> str:
    words = name.split()
    if titled and titled * 2 >= mentions and name not in gz.KNOWN_ORGANIZATIONS:
        return "person"
    if name in gz.place_names():
        return "place"
    if any(w in gz.OTHER_WORDS for w in words):
        return "other"
    if any(m in gz.KNOWN_ORGANIZATIONS for m in members) or words[-1] in gz.ORGANIZATION_WORDS:
        return "organization"
    if any(w in gz.ORGANIZATION_WORDS and w not in _END_ONLY_ORGANIZATION_WORDS for w in words):
        return "organization"
    if gz.is_place(name) or any(m in gz.place_names() for m in members):
        return "place"
    if titled or surnamed or (len(words) >= 2 and words[0] in gz.GIVEN_NAMES and _person_like(name)):
        return "person"
    if any(m.isupper() and 3 <= len(m) <= 6 for m in members + [name]):
        return "organization"
    return "other"


def unused_entity_files(index: EntityIndex, mentioned_ids: Iterable[str]) -> list[EntityProblem]:
    """Entity files that no article mentions or declares: probably a misspelt name."""
    used = set(mentioned_ids)
    for ids in index.declared.values():
        used.update(ids)
    return [EntityProblem(entity.path, None, f"entity {entity.id!r} is not mentioned by any article",
                          "unused-entity-file")
            for entity in index.entities if entity.path and entity.id not in used]

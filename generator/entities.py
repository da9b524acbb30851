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
from generator.entity_types import ARTICLE, NOUN, ORGANIZATION, PERSON, PLACE, SPEAKER, Evidence, entity_type, person_shaped
from generator.names import (_HYPHEN_PARTICLE_SET, AFTER_SHIFT, ALIAS_MARK, BEFORE_MASK, CUE_KINDS, ArticleNames, Candidate, Consulted, RunNames,
                             Vocabulary, acronym_fits, consulted, extract_names)

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
    # Aliases linked only in an article that also uses the name or a full alias ("Brown" for Gordon Brown).
    weak_aliases: tuple[str, ...] = ()
    # When set, the name and aliases mean this entity only in articles that also name one of these
    # ("Democratic Party" with "Hong Kong"); elsewhere they stay what discovery makes of them.
    only_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleText:
    key: str
    title: str
    text: str
    declared: tuple[str, ...] = ()
    path: str = ""
    declared_line: int | None = None
    own: tuple[str, ...] = ()      # the article's own source and publisher: not names of its text


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
    # Forms that mean something else in one article: a bare surname of several people means the one
    # the article names in full, and "" (no link) where it names none or several. Article key -> form -> id.
    local_forms: dict[str, dict[str, str]] = field(default_factory=dict)

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
    accepted: dict[str, list[Candidate]] = {run_key: vocabulary.names_in_run(run) for run_key, run in runs.items()}
    _keep_phrases_whole(runs, accepted, articles_of, times)
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
    cues = info.cues
    for _, names in ordered:
        for number, flags in names.cues:
            run = names.runs[number]
            found = accepted[run.key]
            if not found:
                continue
            # The words before a run describe its first name (after at most a dropped "The"); the words
            # after it, its last.
            first, last = found[0], found[-1]
            if flags & BEFORE_MASK and first.end - len(first.surface) <= 4:
                _add_cues(cues, first.name, flags & BEFORE_MASK)
            if flags >> AFTER_SHIFT and last.end >= len(run.text) - 2:
                _add_cues(cues, last.name, flags >> AFTER_SHIFT)
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


_NO_CUES = (0,) * len(CUE_KINDS)


_PHRASE_JOINS = (" of ", " and ", " & ", " for ", " the ")


def _keep_phrases_whole(runs: dict[str, RunNames], accepted: dict[str, list[Candidate]],
                        articles_of: dict[str, list[str]], times: dict[str, int]) -> None:
    """ "Maria Full of Grace", "Angels and Demons": a run that joins names with "of" or "and" stays one
    name when the whole phrase recurs and one of its parts is hardly ever written outside it ("Demons").
    "Iran and Russia" stays two names: each is common alone; so do two people or two places."""
    total: Counter = Counter()
    for run_key, found in accepted.items():
        for name in found:
            total[name.name] += times[run_key]
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
        if any(gz.is_place(n.name) for n in found) or all(_person_like(n.name) for n in found):
            continue
        mostly_inside = [inside * 3 >= total[n.name] * 2 for n in found]
        # Joined by "of": one part written only here makes a title ("Maria Full" of Grace). Joined
        # by "and", each part may be a name of its own ("BT and Tiscali"): only single words that
        # are never written apart ("Angels and Demons", "Simon and Garfunkel") make one name.
        if (" of " in phrase or " for " in phrase) and " and " not in phrase and " & " not in phrase:
            if not (mostly_inside[0] or (mostly_inside[1] and not _person_like(found[0].name))):
                continue
        elif not all(mostly_inside) or any(" " in n.name or n.name.isupper() or n.name in gz.small_places()
                                           or gz.any_given_name(n.name) for n in found):
            continue  # not "Bethan and Huw", "Dorset and Torbay"
        name = phrase.replace("’", "'")
        for run_key in run_keys:
            pieces = accepted[run_key]
            accepted[run_key] = [Candidate(name, phrase, pieces[-1].end, False, False, False)]


def _add_cues(cues: dict[str, list[int]], name: str, flags: int) -> None:
    counts = cues.get(name)
    if counts is None:
        counts = cues[name] = [0] * len(CUE_KINDS)
    for kind, flag in enumerate(CUE_KINDS):
        if flags & flag:
            counts[kind] += 1


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
            and (gz.any_given_name(words[0]) or words[0] not in gz.place_names()) and words[-1] not in gz.PLACE_WORDS
            and not any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words)
            and not any(w in gz.JOIN_HEADS or w in gz.TITLES or w in gz.OTHER_WORDS for w in words)
            and _surname_shaped(words[-1]))


@dataclass
class _Names:
    """What the mentions say about each name: its articles, how often, how often titled, how written."""
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter = field(default_factory=Counter)
    titled: Counter = field(default_factory=Counter)
    surfaces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cues: dict[str, list[int]] = field(default_factory=dict)    # context cues per kind (names.CUE_KINDS)
    # Filled while joining variants:
    table_names: set[str] = field(default_factory=set)          # canonical names from the abbreviation table
    surnamed: set[str] = field(default_factory=set)             # surnames joined to a full name
    ambiguous: set[str] = field(default_factory=set)            # surnames of several full names
    extra_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    local: dict[str, dict[str, str | None]] = field(default_factory=dict)  # article -> surname -> full name (None: plain)


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
    _join_variants(names, info, components)
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
    people = [name.split() for name in names if " " in name and _person_like(name)]
    first_names = {words[0] for words in people} - {words[-1] for words in people}
    kept: list[tuple[str, list[str], set[str]]] = []
    for root, members in sorted(groups.items()):
        plain = [m for m in members if not m.startswith(_SPEC)]
        seen: set[str] = set()
        for member in plain:
            seen |= info.articles.get(member, set()) | info.extra_articles.get(member, set())
        # A lone given name ("Frank") could be anyone, and a surname of several people is not one
        # entity: each is kept only when merged with a full name.
        only_given = all(m in info.ambiguous or _lone_given_name(m, info, first_names) or _common_noun(m, info)
                         for m in plain)
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
            for variant in (form, form.replace("'", "’"), form.replace("’", "'")):
                if surface_forms.get(variant) == spec.id:
                    del surface_forms[variant]
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), surface_forms, declared, tuple(problems),
                       local_forms={key: dict(sorted(forms.items())) for key, forms in sorted(local_forms.items())})


def _lone_given_name(name: str, info: _Names, first_names: set[str]) -> bool:
    """ "Frank", "Lleyton": a word the archive uses before surnames and never as one, alone, and never
    as a club's or a place's name ("Chelsea fans", "in Jordan")."""
    if " " in name or name not in first_names or name in gz.place_names():
        return False
    cues = info.cues.get(name)
    return not cues or (cues[ORGANIZATION] + cues[PLACE]) * 10 < info.counts[name]


def _scoped_forms(specs: Sequence[EntitySpec], info: _Names, local_forms: dict[str, dict[str, str]]) -> None:
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
    for variant in (form, form.replace("'", "’"), form.replace("’", "'")):
        forms[variant] = entity_id


def _common_noun(name: str, info: _Names) -> bool:
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
            and " " not in name and sum(c.isupper() for c in letters) >= 2 and name not in gz.KNOWN_ORGANIZATIONS
            and not any(c.islower() for c in letters[:1]))


def _local_forms(info: _Names, components: _Components, entity_of_root: dict[str, str]) -> dict[str, dict[str, str]]:
    """Article key -> surface form -> entity id ("" for plain text), from the per-article surname choices."""
    local: dict[str, dict[str, str]] = {}
    for key, choices in sorted(info.local.items()):
        forms: dict[str, str] = {}
        for short, target in sorted(choices.items()):
            entity_id = entity_of_root.get(components.find(target), "") if target else ""
            for surface in info.surfaces.get(short, ()) | {short}:
                for variant in (surface, surface.replace("'", "’"), surface.replace("’", "'")):
                    forms[variant] = entity_id
        local[key] = forms
    return local


def _join_entity_files(specs: Sequence[EntitySpec], names: list[str], components: _Components,
                       problems: list[EntityProblem]) -> dict[str, str]:
    """Discovered names equal to an entity file's name or alias join it; returns casefolded form -> node."""
    spec_forms: dict[str, str] = {}
    for spec in sorted(specs, key=lambda s: s.id):
        node = _SPEC + spec.id
        components.find(node)
        if spec.only_with:
            continue  # its names are its own only in some articles: see _scoped_forms
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
        # ...when some article uses both: "NEC" the company is not the National Executive Committee.
        if (name.isupper() and len(name) >= 3 and name not in long_forms and len(by_initials.get(name, ())) == 1
                and info.articles[name] & info.articles[by_initials[name][0]]):
            components.union(name, by_initials[name][0])


def _join_plurals(names: list[str], info: _Names, components: _Components) -> None:
    """ "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory"; not "Roberts" / "Robert"."""
    surnames = {name.rsplit(" ", 1)[1] for name in names if _person_like(name)}
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None,
                         name[:-2] if name.endswith("ses") else None):  # "Christmases"
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


def _join_variants(names: list[str], info: _Names, components: _Components) -> None:
    """Spellings the text ties together.

    - accents and case: "Zürich" / "Zurich" (not "NICE" / "Nice": a short acronym stays apart);
    - a party's nickname: "Tory Party" / "Conservative Party" (gazetteer.PARTY_SYNONYMS);
    - words shortened: "Lib Dems" / "Liberal Democrats", when some article uses both;
    - "House of Commons" / "Commons", "Church of Scientology" / "Scientology", when some article
      uses both and the short form is no place or person.
    """
    folded: dict[str, list[str]] = defaultdict(list)
    for name in names:
        folded[gz.fold(name).casefold()].append(name)
    for spellings in folded.values():
        spellings = [n for n in spellings if not (n.isupper() and len(n) <= 4)]
        for other in spellings[1:]:
            components.union(spellings[0], other)
    articles = info.articles
    by_initials: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        synonym = gz.PARTY_SYNONYMS.get(name)
        if synonym and synonym in articles:
            components.union(name, synonym)
            info.table_names.add(synonym)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            # Keyed by the initials and the first word's first three letters: only such pairs can match.
            by_initials[(*(w[0] for w in words), words[0][:3])].append(name)
        if len(words) >= 3 and words[1] == "of" and words[0] in gz.JOIN_HEADS:
            short = " ".join(words[2:]).removeprefix("the ")
            if (short in articles and not gz.is_place(short) and not _person_like(short)
                    and articles[short] & articles[name]):
                components.union(short, name)
    for group in by_initials.values():
        for short in group:
            for long in group:
                if short != long and _shortened(short.split(), long.split()) and articles[short] & articles[long]:
                    components.union(short, long)


def _shortened(short: list[str], long: list[str]) -> bool:
    """ "Lib Dems" of "Liberal Democrats": each word a shorter start of the other's (plurals kept)."""
    if len(short) != len(long) or short == long:
        return False
    for a, b in zip(short, long):
        stem, long_stem = a.removesuffix("s"), b.removesuffix("s")
        if not (a == b or (len(stem) >= 3 and long_stem.startswith(stem) and a.endswith("s") == b.endswith("s"))):
            return False
    return True


def _surname_keys(short: str) -> tuple[str, ...]:
    """How a surname is matched: accents and case folded, and without a particle ("al-Assad", "Assad")."""
    key = gz.fold(short).casefold()
    particle, hyphen, rest = key.partition("-")
    return (key, rest) if hyphen and particle in _HYPHEN_PARTICLE_SET and rest else (key,)


def _join_surnames(names: list[str], info: _Names, common_words: frozenset[str], components: _Components) -> None:
    """A bare surname ("Putin", "Mr Brown") is the person whose full name ends so.

    When the whole archive has one such person, the surname joins them everywhere. When it has
    several ("Paula Radcliffe", "Daniel Radcliffe"), each article's bare surname means the one the
    article names in full (info.local), and stays plain text in an article that names none or several.
    """
    by_suffix: dict[str, list[str]] = defaultdict(list)
    initialed: dict[str, list[str]] = defaultdict(list)
    as_first, as_last = Counter(), Counter()  # how often a word starts and ends people's full names
    by_word: dict[str, list[str]] = defaultdict(list)  # word -> the other names it is part of
    for name in names:
        words = name.split()
        if len(words) > 1 and not _person_like(name):
            for word in set(words):
                by_word[word].append(name)
        plain_name = " ".join(w for w in words if not (len(w) == 2 and w.endswith(".")))
        if plain_name != name and plain_name in info.articles:
            initialed[plain_name].append(name)
        if _person_like(name):
            as_first[words[0]] += 1
            as_last[words[-1]] += 1
            for cut in range(1, len(words)):
                for key in _surname_keys(" ".join(words[cut:])):
                    by_suffix[key].append(name)
    for plain_name, variants in sorted(initialed.items()):
        if len(variants) == 1:
            components.union(variants[0], plain_name)  # "George W. Bush" is "George Bush"
        # "George H. W. Bush" and "George W. Bush" are two people, and "George Bush" may be either.
    titled, articles = info.titled, info.articles
    for short in names:
        if " " in short or not _surname_shaped(short):
            continue
        fulls = sorted({f for key in _surname_keys(short) for f in by_suffix.get(key, ()) if f != short})
        titled_mostly = titled[short] * 2 >= info.counts[short] > 0
        if (not fulls or (gz.is_place(short) and not titled_mostly) or short in gz.KNOWN_ORGANIZATIONS
                or short in common_words):
            continue  # "Windows" alone is not Microsoft Windows
        families = _families(fulls, components, articles)
        # Only people are called by their surname: a given name or a title must show it is a person.
        people = {root: target for root, (target, members) in families.items()
                  if titled[short] or any(titled[f] or person_shaped(f.split(), common_words)
                                          or info.cues.get(f, _NO_CUES)[PERSON] for f in members)}
        for root, target in people.items():
            for member in families[root][1]:
                components.union(member, target)  # "B O'Driscoll", "Manuel Barroso" are the person too
        # The surname joins its one person archive-wide unless something says otherwise: it starts
        # more full names than it ends ("Howard" of Howard Dean and Michael Howard, "David"), it is
        # far more often written where the person is not named than where they are (a team sheet's
        # "Hickey", another Archer), or it is part of another name there ("House of Fraser").
        if (len(families) == 1 and as_first[short] <= as_last[short]
                and _surname_fits(short, families, articles, by_word)):
            if people:
                target = next(iter(people.values()))
                components.union(short, target)
                info.surnamed.add(short)
            continue
        info.ambiguous.add(short)
        for key in sorted(articles[short]):
            here = [root for root, (_, members) in families.items() if any(key in articles[f] for f in members)]
            target = people.get(here[0]) if len(here) == 1 else None
            if target is not None:
                info.extra_articles[target].add(key)
            info.local.setdefault(key, {})[short] = target


def _surname_fits(short: str, families: dict[str, tuple[str, list[str]]], articles: dict[str, set[str]],
                  by_word: dict[str, list[str]]) -> bool:
    """Whether every article that writes a bare surname may mean the one person who carries it."""
    (_, members), = families.values()
    named = set().union(*(articles[m] for m in members))
    alone = articles[short] - named
    if len(alone) > 2 * len(articles[short] & named) + 1:
        return False
    return not any(alone & articles[other] for other in by_word.get(short, ()))


def _surname_shaped(word: str) -> bool:
    """ "Brown", "O'Driscoll", "Kilroy-Silk", "al-Assad"; not "AT&T", "G8" or "BBC"."""
    letters = word.replace("'", "").replace("-", "")
    return letters.isalpha() and len(letters) > 1 and not word.isupper()


def _families(fulls: list[str], components: _Components, articles: dict[str, set[str]]
              ) -> dict[str, tuple[str, list[str]]]:
    """The full names sharing a surname, grouped by person: "Ali Khamenei" and "Seyed Ali Khamenei"
    are one, "B O'Driscoll" is "Brian O'Driscoll" when no other O'Driscoll starts with B. Returns
    root -> (the name a bare surname joins: the one in most articles, the names)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for full in fulls:
        groups[components.find(full)].append(full)
    roots = sorted(groups)
    for root in roots:  # longer names of the same person
        for other in roots:
            if other != root and other in groups and root in groups and any(
                    a.endswith(" " + b) for a in groups[root] for b in groups[other]):
                groups[root].extend(groups.pop(other))
    initials = [root for root in groups if all(len(m.split()[0].rstrip(".")) == 1 for m in groups[root])]
    for root in initials:
        letter = groups[root][0][0]
        same = [r for r in groups if r not in initials and any(m[0] == letter for m in groups[r])]
        if len(same) == 1:
            groups[same[0]].extend(groups.pop(root))
    return {root: (max(members, key=lambda f: (len(articles[f]), len(f.split()), f)), members)
            for root, members in groups.items()}


def _make_entities(kept: list[tuple[str, list[str], set[str]]], spec_by_node: dict[str, EntitySpec],
                   specs: Sequence[EntitySpec], info: _Names, ignored: set[str], common_words: frozenset[str]
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
                for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
                    ranked_forms.append(((spec is None, -len(seen), entity.id), variant, entity.id))
    surface_forms: dict[str, str] = {}
    for _, form, entity_id in sorted(ranked_forms):
        surface_forms.setdefault(form, entity_id)
    return entities, entity_of_root, dict(sorted(surface_forms.items()))


def _surname_use(name: str, seen: set[str], info: _Names, common_words: frozenset[str]) -> float:
    """The share of a two- or three-word name's articles that also use its last word alone, as articles
    call a person by their surname ("Lleyton Hewitt ... Hewitt said"); 0 for a last word that is a
    place, an organisation or an everyday word ("Real Madrid ... Madrid")."""
    words = name.split()
    last = words[-1]
    if (not 2 <= len(words) <= 3 or not seen or last in common_words or last in gz.small_places()
            or last in gz.KNOWN_ORGANIZATIONS or last in gz.ORGANIZATION_WORDS or last in gz.PLACE_WORDS
            or not _surname_shaped(last)):
        return 0.0
    alone = info.articles.get(last, set()) | info.articles.get(last + "s", set())
    return len(alone & seen) / len(seen)


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


def unused_entity_files(index: EntityIndex, mentioned_ids: Iterable[str]) -> list[EntityProblem]:
    """Entity files that no article mentions or declares: probably a misspelt name."""
    used = set(mentioned_ids)
    for ids in index.declared.values():
        used.update(ids)
    return [EntityProblem(entity.path, None, f"entity {entity.id!r} is not mentioned by any article",
                          "unused-entity-file")
            for entity in index.entities if entity.path and entity.id not in used]

"""How discovery joins the names it found: the evidence per name (Names), the union-find over names
(Components), and the joins of variants: entity files, abbreviations, acronyms, plurals, party
names and spellings the text ties."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from . import gazetteer as gz
from . import lexicon as lex
from .cues import CUE_KINDS
from .model import EntityProblem, EntitySpec

NO_CUES = (0,) * len(CUE_KINDS)


def add_cues(cues: dict[str, list[int]], name: str, flags: int) -> None:
    counts = cues.get(name)
    if counts is None:
        counts = cues[name] = [0] * len(CUE_KINDS)
    for kind, flag in enumerate(CUE_KINDS):
        if flags & flag:
            counts[kind] += 1


class Components:
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


SPEC_PREFIX = "\x00"  # prefix of spec nodes in the union-find; cannot occur in a name


@functools.lru_cache(maxsize=1 << 16)
def person_like(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and not gz.is_place(name) and not gz.is_demonym(words[0])
            and (gz.any_given_name(words[0]) or words[0] not in gz.place_names()) and words[-1] not in lex.PLACE_WORDS
            and not any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words)
            and not any(w in lex.JOIN_HEADS or w in lex.TITLES or w in lex.OTHER_WORDS for w in words)
            and surname_shaped(words[-1]))


@dataclass
class Names:
    """What the mentions say about each name: its articles, how often, how often titled, how written."""
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter = field(default_factory=Counter)
    titled: Counter = field(default_factory=Counter)
    surfaces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cues: dict[str, list[int]] = field(default_factory=dict)    # context cues per kind (cues.CUE_KINDS)
    listed_with: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # names listed beside it
    listed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # articles listing it in commas
    # A town's cues per article ("Newcastle fans" here, "in Newcastle" there): see clubs.py.
    town_cues: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    # Filled while joining variants:
    table_names: set[str] = field(default_factory=set)          # canonical names from the abbreviation table
    surnamed: set[str] = field(default_factory=set)             # surnames joined to a full name
    ambiguous: set[str] = field(default_factory=set)            # surnames of several full names
    extra_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    local: dict[str, dict[str, str | None]] = field(default_factory=dict)  # article -> surname -> full name (None: plain)


def join_entity_files(specs: Sequence[EntitySpec], names: list[str], components: Components,
                       problems: list[EntityProblem]) -> dict[str, str]:
    """Discovered names equal to an entity file's name or alias join it; returns casefolded form -> node."""
    spec_forms: dict[str, str] = {}
    for spec in sorted(specs, key=lambda s: s.id):
        node = SPEC_PREFIX + spec.id
        components.find(node)
        if spec.only_with:
            continue  # its names are its own only in some articles: see forms.scoped_forms
        for form in (spec.name, *spec.aliases):
            other = spec_forms.setdefault(form.casefold(), node)
            if other != node:
                problems.append(EntityProblem(spec.path, None, f"alias {form!r} of entity {spec.id!r} is "
                                              f"already a name of entity {other[1:]!r}", "alias-conflict"))
    for name in names:
        if name.casefold() in spec_forms:
            components.union(name, spec_forms[name.casefold()])
    return spec_forms


def join_abbreviations(names: list[str], info: Names, spec_forms: dict[str, str], components: Components) -> None:
    """ "US", "U.S." and "America" join "United States" (a small table); "U.N." joins "UN"."""
    for name in names:
        canonical = lex.ABBREVIATIONS.get(name)
        if canonical is None and "." in name and name.replace(".", "") in info.articles:
            canonical = name.replace(".", "")
        if canonical:
            info.table_names.add(canonical)
            components.union(name, spec_forms.get(canonical.casefold(), canonical))


def join_acronyms(names: list[str], info: Names, acronyms: list[tuple[str, str, str]], ignored: set[str],
                   components: Components, common_words: frozenset[str] = frozenset()) -> None:
    """ "Fars News Agency (FNA)" joins FNA to its long form everywhere, when the alias is safe archive-wide:
    one long form and no everyday word. Otherwise (an "also known as" nickname that is a word, two long
    forms for one acronym) the alias links, in each article naming a long form, to that long form only."""
    defined: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for acronym, long_form, key in acronyms:
        if long_form.casefold() not in ignored and acronym.casefold() not in ignored:
            defined[acronym][long_form].add(key)
    for acronym, options in sorted(defined.items()):
        if acronym in lex.ABBREVIATIONS:
            continue
        if _one_long_form(list(options)) and not _everyday(acronym, common_words):
            for long_form in options:  # "Office for/of National Statistics (ONS)"
                components.union(acronym, long_form)
            continue
        alone = info.articles.get(acronym, set())
        for long_form, keys in sorted(options.items()):
            for key in sorted(alone & info.articles.get(long_form, set())):
                info.local.setdefault(key, {}).setdefault(acronym, long_form)
        for long_form, keys in sorted(options.items()):
            for key in sorted(keys):
                info.local.setdefault(key, {})[acronym] = long_form
    # An acronym never defined in the text still joins the one organisation whose initials it spells.
    topics = Topics(info.articles)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words) and words[-1] in lex.ORGANIZATION_WORDS:
            by_initials["".join(w[0] for w in words)].append(name)
    for name in names:
        # ...when some article uses both: "NEC" the company is not the National Executive Committee.
        if (name.isupper() and len(name) >= 3 and name not in defined and len(by_initials.get(name, ())) == 1
                and info.articles[name] & info.articles[by_initials[name][0]]):
            components.union(name, by_initials[name][0])
            _unlink_off_topic(name, by_initials[name][0], info, topics)


def _everyday(alias: str, common_words: frozenset[str]) -> bool:
    """ "Queen", "Ant", "DNA": an alias that is also a title, an everyday word or a common noun's acronym
    ("WHO" is not)."""
    return lex.is_common_acronym(alias) or not alias.isupper() and (
        alias in common_words or alias in lex.TITLES or (" " not in alias and gz.is_plain_word(alias)))


_LINK_WORDS = frozenset({"of", "for", "the", "and", "&"})


def _one_long_form(long_forms: list[str]) -> bool:
    """Whether the long forms spell one name: word for word the same but for small words, endings and
    shortenings ("Oil & Natural Gas Corp" / "Corporation"); not "Building Society Association" and
    "Business Software Alliance"."""
    first = [w for w in long_forms[0].split() if w not in _LINK_WORDS]
    for other in long_forms[1:]:
        words = [w for w in other.split() if w not in _LINK_WORDS]
        if len(words) != len(first) or any(a[:4] != b[:4] for a, b in zip(first, words)):
            return False
    return True


def _unlink_off_topic(alias: str, long_form: str, info: Names, topics: Topics) -> None:
    """An article using the alias without its long form, and sharing no topic with the long form's articles,
    is about something else ("CSA" a French regulator, "AAA" a battery size): the alias stays plain there."""
    full = info.articles.get(long_form, set())
    alone = info.articles.get(alias, set()) - full
    if not alone:
        return
    shared = topics.names_in(full) - {alias, long_form}
    growing = True
    while growing:  # an article on the topic of one that is on the long form's is on it too
        growing = False
        for key in sorted(alone):
            if topics.names_in({key}) & shared:
                shared |= topics.names_in({key}) - {alias}
                alone.discard(key)
                growing = True
    for key in sorted(alone):
        info.local.setdefault(key, {})[alias] = None
        info.articles[alias].discard(key)


def join_plurals(names: list[str], info: Names, components: Components) -> None:
    """ "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory", "GCSEs" / "GCSE"; not "Roberts" / "Robert",
    nor one word and its plural no article uses both of ("Doves" the band, "Dove" the soap), unless it
    names a party's member ("a Conservative", "the Conservatives")."""
    surnames = {name.rsplit(" ", 1)[1] for name in names if person_like(name)}
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None,
                         name[:-2] if name.endswith("ses") else None):  # "Christmases"
            if (singular and singular in info.articles and not gz.is_demonym(singular.split()[-1])
                    and singular not in gz.GIVEN_NAMES and singular not in surnames
                    and (" " in name or singular.isupper() or singular in lex.PARTY_LABELS
                         or info.articles[singular] & info.articles[name])):
                components.union(singular, name)


def join_party_names(names: list[str], info: Names, components: Components) -> None:
    """ "Labour Party" is "Labour", "Conservative Party" is "Conservative" (and so "Conservatives").

    A synonym such as "Tory" for "Conservative" needs a table, and is left alone.
    """
    for name in names:
        words = name.split()
        if (len(words) == 2 and words[1] == "Party" and words[0] in info.articles
                and not gz.is_place(words[0]) and words[0] not in gz.GIVEN_NAMES
                and words[0] not in lex.ORGANIZATION_WORDS and not gz.is_plain_word(words[0])):
            components.union(words[0], name)  # not "Congress" (of the US) with the Congress Party


def join_variants(names: list[str], info: Names, components: Components) -> None:
    """Spellings the text ties together.

    - accents and case: "Zürich" / "Zurich" (not "NICE" / "Nice": a short acronym stays apart);
    - a party's nickname: "Tory Party" / "Conservative Party" (lexicon.PARTY_SYNONYMS);
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
        synonym = lex.PARTY_SYNONYMS.get(name)
        if synonym and synonym in articles:
            components.union(name, synonym)
            info.table_names.add(synonym)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            # Keyed by the initials and the first word's first three letters: only such pairs can match.
            by_initials[(*(w[0] for w in words), words[0][:3])].append(name)
        if len(words) >= 3 and words[1] == "of" and words[0] in lex.JOIN_HEADS:
            short = " ".join(words[2:]).removeprefix("the ")
            if (short in articles and not gz.is_place(short) and not person_like(short)
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


class Topics:
    """Which names each article shares with others, built on first use: the names in at least two
    articles and at most one in twenty (so not "United Kingdom" in a British archive)."""

    def __init__(self, articles: dict[str, set[str]]):
        self.articles = articles
        self.by_article: dict[str, set[str]] | None = None

    def names_in(self, keys: set[str]) -> set[str]:
        if self.by_article is None:
            everything = set().union(*self.articles.values()) if self.articles else set()
            cap = max(2, len(everything) // 20)
            self.by_article = defaultdict(set)
            for name, keys_of in self.articles.items():
                if 2 <= len(keys_of) <= cap:
                    for key in keys_of:
                        self.by_article[key].add(name)
        return set().union(*(self.by_article.get(key, set()) for key in keys))


def surname_shaped(word: str) -> bool:
    """ "Brown", "O'Driscoll", "Kilroy-Silk", "al-Assad"; not "AT&T", "G8" or "BBC"."""
    letters = word.replace("'", "").replace("-", "")
    return letters.isalpha() and len(letters) > 1 and not word.isupper()

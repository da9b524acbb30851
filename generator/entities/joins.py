"""How discovery joins the names it found: the evidence per name (Names), the union-find over names
(Components), and the joins of variants: entity files, abbreviations, acronyms, plurals, party
names, spellings the text ties, and people's surnames."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from . import gazetteer as gz
from . import lexicon as lex
from generator.entities.model import EntityProblem, EntitySpec
from generator.entities.classify import PERSON, person_shaped
from generator.entities.cues import CUE_KINDS
from generator.entities.tokens import HYPHEN_PARTICLE_SET


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
    listed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # articles listing it in commas
    # A town's cues per article ("Newcastle fans" here, "in Newcastle" there): see entity_clubs.
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


def join_abbreviations(names: list[str], info: Names, spec_forms: dict[str, str], components: Components) -> None:
    """ "US", "U.S." and "America" join "United States" (a small table); "U.N." joins "UN"."""
    for name in names:
        canonical = lex.ABBREVIATIONS.get(name)
        if canonical is None and "." in name and name.replace(".", "") in info.articles:
            canonical = name.replace(".", "")
        if canonical:
            info.table_names.add(canonical)
            components.union(name, spec_forms.get(canonical.casefold(), canonical))


def join_acronyms(names: list[str], info: Names, acronyms: list[tuple[str, str]], ignored: set[str],
                   components: Components) -> None:
    """ "Fars News Agency (FNA)" joins FNA to its long form everywhere."""
    long_forms: dict[str, Counter] = defaultdict(Counter)
    for acronym, long_form in acronyms:
        if long_form.casefold() not in ignored and acronym.casefold() not in ignored:
            long_forms[acronym][long_form] += 1
    for acronym, options in sorted(long_forms.items()):
        long_form = min(options, key=lambda f: (-options[f], f))
        if acronym not in lex.ABBREVIATIONS:
            components.union(acronym, long_form)
    # An acronym never defined in the text still joins the one organisation whose initials it spells.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words) and words[-1] in lex.ORGANIZATION_WORDS:
            by_initials["".join(w[0] for w in words)].append(name)
    for name in names:
        # ...when some article uses both: "NEC" the company is not the National Executive Committee.
        if (name.isupper() and len(name) >= 3 and name not in long_forms and len(by_initials.get(name, ())) == 1
                and info.articles[name] & info.articles[by_initials[name][0]]):
            components.union(name, by_initials[name][0])


def join_plurals(names: list[str], info: Names, components: Components) -> None:
    """ "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory"; not "Roberts" / "Robert"."""
    surnames = {name.rsplit(" ", 1)[1] for name in names if person_like(name)}
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None,
                         name[:-2] if name.endswith("ses") else None):  # "Christmases"
            if (singular and singular in info.articles and not gz.is_demonym(singular.split()[-1])
                    and singular not in gz.GIVEN_NAMES and singular not in surnames):
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


_GENERATIONS = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})


def _surname_keys(short: str) -> tuple[str, ...]:
    """How a surname is matched: accents and case folded, and without a particle ("al-Assad", "Assad")."""
    key = gz.fold(short).casefold()
    particle, hyphen, rest = key.partition("-")
    return (key, rest) if hyphen and particle in HYPHEN_PARTICLE_SET and rest else (key,)


def join_surnames(names: list[str], info: Names, common_words: frozenset[str], components: Components) -> None:
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
        if len(words) > 1 and not person_like(name):
            for word in set(words):
                by_word[word].append(name)
        plain_name = " ".join(w for w in words if not (len(w) == 2 and w.endswith(".")))
        if plain_name != name and plain_name in info.articles:
            initialed[plain_name].append(name)
        if words[-1] in _GENERATIONS and len(words) > 2:
            words = words[:-1]  # "Larry Mullen Jr" ends in Mullen
        if person_like(name):
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
    topics = _Topics(articles)
    for short in names:
        if " " in short or not surname_shaped(short):
            continue
        fulls = sorted({f for key in _surname_keys(short) for f in by_suffix.get(key, ()) if f != short})
        titled_mostly = titled[short] * 2 >= info.counts[short] > 0
        if fulls and gz.is_place(short) and not titled_mostly:
            _place_as_surname(short, fulls, components, info)
            continue
        if not fulls or short in lex.KNOWN_ORGANIZATIONS or short in common_words:
            continue  # "Windows" alone is not Microsoft Windows
        families = _families(fulls, components, articles)
        # Only people are called by their surname: a given name or a title must show it is a person.
        people = {root: target for root, (target, members) in families.items()
                  if titled[short] or any(titled[f] or person_shaped(f.split(), common_words)
                                          or info.cues.get(f, NO_CUES)[PERSON] for f in members)}
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
                # Plain text where the person is not named and the article is about something else:
                # a team sheet's bare "Hickey", a football report's "Spector" (not Phil Spector).
                (_, members), = families.values()
                named = _articles_of(members, articles)
                elsewhere = _off_topic(articles[short] - named, named, {short, *members}, topics)
                for key in sorted((info.listed.get(short, set()) - named) | elsewhere):
                    info.local.setdefault(key, {})[short] = None
            continue
        info.ambiguous.add(short)
        for key in sorted(articles[short]):
            here = [root for root, (_, members) in families.items() if any(key in articles[f] for f in members)]
            target = people.get(here[0]) if len(here) == 1 else None
            if target is not None:
                info.extra_articles[target].add(key)
            info.local.setdefault(key, {})[short] = target


class _Topics:
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


def _off_topic(alone: set[str], named: set[str], own: set[str], topics: _Topics) -> set[str]:
    """The articles that write a person's bare surname, name other things, and share none of them
    with the articles that name the person in full."""
    if not alone or not named:
        return set()
    context = topics.names_in(named) - own
    off = set()
    for key in alone:
        here = topics.names_in({key}) - own
        if here and not here & context:  # an article with no other name says nothing either way
            off.add(key)
    return off


def _place_as_surname(short: str, fulls: list[str], components: Components, info: Names) -> None:
    """ "Paris" is the city, except in an article that names "Valeska Paris": there the bare word is
    her, or plain text when she is no entity. The place keeps every other article."""
    articles = info.articles
    # Only names that are surely people: a given name many languages know, a title, or a person's cue
    # ("Real Madrid", "Air China", "Stade de France" end in places too).
    fulls = [f for f in fulls if gz.fold(f.split()[0]) in gz.GIVEN_NAMES or info.titled[f]
             or info.cues.get(f, NO_CUES)[PERSON]]
    for key in sorted(articles[short]):
        here = [f for f in fulls if key in articles[f]]
        if here:
            people = {components.find(f) for f in here}
            target = max(here, key=lambda f: (len(articles[f]), f)) if len(people) == 1 else None
            info.local.setdefault(key, {})[short] = target
            if target is not None:
                info.extra_articles[target].add(key)
            articles[short].discard(key)  # the place is not in this article


def _surname_fits(short: str, families: dict[str, tuple[str, list[str]]], articles: dict[str, set[str]],
                  by_word: dict[str, list[str]]) -> bool:
    """Whether every article that writes a bare surname may mean the one person who carries it."""
    (_, members), = families.values()
    named = set().union(*(articles[m] for m in members))
    alone = articles[short] - named
    if len(alone) > 2 * len(articles[short] & named) + 1:
        return False
    return not any(alone & articles[other] for other in by_word.get(short, ()))


def surname_shaped(word: str) -> bool:
    """ "Brown", "O'Driscoll", "Kilroy-Silk", "al-Assad"; not "AT&T", "G8" or "BBC"."""
    letters = word.replace("'", "").replace("-", "")
    return letters.isalpha() and len(letters) > 1 and not word.isupper()


def _families(fulls: list[str], components: Components, articles: dict[str, set[str]]
              ) -> dict[str, tuple[str, list[str]]]:
    """The full names sharing a surname, grouped by person: "Ali Khamenei" and "Seyed Ali Khamenei"
    are one, "B O'Driscoll" is "Brian O'Driscoll" when no other O'Driscoll starts with B and some
    article uses both. Returns
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
        # ...and when some article uses both: "R Kelly" the singer is not Ruth Kelly.
        if len(same) == 1 and _articles_of(groups[root], articles) & _articles_of(groups[same[0]], articles):
            groups[same[0]].extend(groups.pop(root))
    return {root: (max(members, key=lambda f: (len(articles[f]), len(f.split()), f)), members)
            for root, members in groups.items()}


def _articles_of(names: list[str], articles: dict[str, set[str]]) -> set[str]:
    return set().union(*(articles[name] for name in names))

"""How discovery joins a bare surname ("Putin", "Mr Brown") to the person whose full name ends so: everywhere when
the archive has one such person, else per article, by the one the article names in full."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import gazetteer as gz
from . import lexicon as lex
from .classify import PERSON, person_shaped
from .joins import NO_CUES, Components, Names, Topics, person_like, surname_shaped
from .tokens import HYPHEN_PARTICLE_SET

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
    topics = Topics(articles)
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


def _off_topic(alone: set[str], named: set[str], own: set[str], topics: Topics) -> set[str]:
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

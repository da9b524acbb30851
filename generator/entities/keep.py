"""Which joined names become entities: seen in enough articles, and not only a lone given name, a common noun,
or a body many countries have (kept for one country's articles)."""

from __future__ import annotations

from itertools import combinations

from . import gazetteer as gz
from . import lexicon as lex
from .classify import ARTICLE, NOUN, ORGANIZATION, PERSON, PLACE, SPEAKER
from .joins import SPEC_PREFIX, Names, person_like
from .model import EntitySpec


def kept_components(groups: dict[str, list[str]], names: list[str], info: Names, spec_by_node: dict[str, EntitySpec],
                    wanted: set[str], min_articles: int, common_words: frozenset[str]
                    ) -> list[tuple[str, list[str], set[str]]]:
    """The components that become entities, each with its root, members and articles: those of an entity
    file or a name an article declares, and those named in min_articles articles or more, unless only a
    lone given name or a common noun."""
    people = [name.split() for name in names if " " in name and person_like(name)]
    first_names = {words[0] for words in people} - {words[-1] for words in people}
    countries: dict[str, set[str]] | None = None  # read from the gazetteer only if a body many countries have is found
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
                _generic_body(m, common_words) or m in lex.PARTY_LABELS for m in plain) and any(" " in m for m in plain):
            # Articles where an entity file claims the name ("only_with: Hong Kong") are that entity's already.
            claimed = _claimed(plain, spec_by_node.values(), info) & seen
            if countries is None:
                countries = _country_articles(groups, info)
            seen = _one_country(seen - claimed, plain, countries, info) | claimed
        if (any(m in spec_by_node for m in members) or root in wanted
                or (len(seen) >= min_articles and not only_given)):
            kept.append((root, members, seen))
    return kept


_GENERIC_WORDS = frozenset({"National", "Federal", "Central", "Supreme", "Constitutional", "High", "Socialist",
                            "People's", "Popular", "Democratic", "Liberal", "Green", "Labour", "Labor",
                            "Conservative", "Republican", "Progressive", "Independent", "Workers'", "New"})


def _generic_body(name: str, common_words: frozenset[str]) -> bool:
    """ "Democratic Party", "Supreme Court", "Foreign Ministry": a body many countries have one of."""
    words = name.split()
    return len(words) >= 2 and words[-1] in lex.ORGANIZATION_WORDS and all(
        w in _GENERIC_WORDS or w in lex.PARTY_LABELS or w in lex.TITLE_MODIFIERS or w in common_words
        for w in words[:-1])  # not "Canadian Press", "Saudi Interior Ministry": a demonym names the country


def _claimed(plain: list[str], specs, info: Names) -> set[str]:
    """The articles where an entity file that names one of these names only with other words takes it."""
    forms = {m.casefold() for m in plain}
    claimed: set[str] = set()
    for spec in specs:
        if spec.only_with and forms & {form.casefold() for form in (spec.name, *spec.aliases)}:
            for word in spec.only_with:
                claimed |= info.articles.get(word, set())
    return claimed


def _country_articles(groups: dict[str, list[str]], info: Names) -> dict[str, set[str]]:
    """Each country the archive names -> the articles naming it, or naming a place in it and in no other
    country ("US", "U.S.", "Virginia", "Chicago" for the United States)."""
    found: dict[str, set[str]] = {}
    for members in groups.values():
        for member in members:
            code = gz.place_country(member)
            if code is not None:
                found.setdefault(code, set()).update(info.articles.get(member, ()))
    return found


def _one_country(seen: set[str], plain: list[str], countries: dict[str, set[str]], info: Names) -> set[str]:
    """The articles of a body many countries have that are about one country's: when two countries split
    its articles with none naming both, the larger side keeps the name and the other articles leave
    it unlinked ("Democratic Party" of Hong Kong, of the US). A country is named by its own name or by a
    place in it alone (gazetteer.place_country: "Virginia", "Kowloon")."""
    near = sorted((root, keys & seen) for root, keys in countries.items() if keys & seen)
    for (_, a), (_, b) in combinations(near, 2):
        if not (a & b) and (a | b) == seen:
            if len(a) == len(b) > 1:
                return seen  # two bodies each shared as much: `dossier entities --suggest` offers the split
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

"""Typing a discovered entity from the evidence of all its mentions: its name's words, the word lists,
and the words around every mention in every article (cues.context_cues)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.entities.cues import CUE_KINDS

from . import gazetteer as gz
from . import lexicon as lex

# Evidence per mention, in the order of cues.CUE_KINDS.
PERSON, SPEAKER, ORGANIZATION, PLACE, WORK, NOUN, ARTICLE, LISTED, THE, COMPETES = range(len(CUE_KINDS))

# "Leeds United" is a club, but "United" at the start of a name is not an organisation word.
_END_ONLY_ORGANIZATION_WORDS = frozenset({"United", "Times", "Post", "News", "Front", "Band", "Project"})


@dataclass(frozen=True)
class Evidence:
    """What every mention of an entity's names says: how many, how many after a title, the context cues."""
    mentions: int
    titled: int
    cues: tuple[int, ...]      # counts per kind, indexed PERSON .. WORK
    surnamed: bool             # a bare surname of it was joined to it: only people are called so
    surname_use: float = 0.0   # the share of its articles that also use its last word alone ("Hewitt")


# Capitalised function words inside a name mark the title of a work: "Prisoner Of Azkaban", "Get Me
# Out Of Here"; organisations write them in lower case ("Bank of England").
_TITLE_CASE_SMALL_WORDS = frozenset({"Of", "The", "In", "On", "At", "And", "For", "To", "A", "An", "With", "From",
                                     "Me", "My", "Your", "Is", "Are", "It", "Out", "Up", "Inside", "Within",
                                     "Without", "Upon", "Over", "Under", "Into", "About", "After", "Before"})


def person_shaped(words: list[str], common_words: frozenset[str] = frozenset()) -> float:
    """How much a name looks like a person's from its words alone: a given name first (0.5; 0.7 when
    many languages know it), or an initial ("S Betsen", 0.6); a listed surname last (+0.2); a lone
    listed surname 0.35. 0 when a word rules a person out."""
    if len(words) == 1:
        word = words[0]
        return 0.35 if gz.is_surname(gz.fold(word)) and word not in common_words and not word.isupper() else 0.0
    if "&" in words or "and" in words:
        return 0.0  # "Johnson & Johnson"
    if len(words) > 4 or any(w in lex.JOIN_HEADS or w in lex.OTHER_WORDS or (w.isupper() and len(w) > 1 and
                                                                            not w.endswith("."))
                             for w in words) or any(w in lex.TITLES for w in words[:-1]):
        return 0.0
    last = words[-1]
    if (gz.is_demonym(words[0]) and (words[0] in lex.IRREGULAR_DEMONYMS or gz.fold(words[0]) not in gz.GIVEN_NAMES)
            or len(last.strip(".")) < 2 or not last[:1].isupper()
            or (last in gz.country_names() and not gz.is_surname(last))):
        return 0.0  # "Tate Britain", "Tudor England"; but "Roman Abramovich", "Norman Tebbit"
    first = words[0]
    folded = gz.fold(first.split("-", 1)[0])  # "Frank-Juergen", "Jean-Pierre": the first given name
    if first in gz.place_names() and folded not in gz.GIVEN_NAMES:
        return 0.0  # "London Underground", "Sydney International"
    if len(first.rstrip(".")) == 1 and first[0].isupper():
        score = 0.6  # an initial: team sheets and bylines
    else:
        score = 0.7 if folded in gz.GIVEN_NAMES else 0.5 if gz.any_given_name(folded) else 0.0
        if first in common_words:
            # "Bill Murray" stays likely; "Royal Mail", "Golden Lion" (listed somewhere as given
            # names, but everyday words) only with a listed surname.
            score = 0.35 if folded in gz.GIVEN_NAMES else 0.0
    if gz.is_surname(gz.fold(last)):
        # "Lleyton Hewitt": a given name no list knows, before a listed surname.
        score = score + 0.2 if score else 0.45 if first.isalpha() and first.istitle() and first not in common_words else 0.0
    return score


def entity_type(name: str, members: list[str], evidence: Evidence, common_words: frozenset[str]) -> tuple[str, bool]:
    """person, organization, place or other ("other" is for events, works and products), and whether that is
    a guess: no word of the name and no cue around its mentions said so (discovery then asks the names
    listed with it)."""
    words = name.split()
    mentions = max(1, evidence.mentions)
    rate = [count / mentions for count in evidence.cues]
    titled = evidence.titled / mentions
    known_organization = any(m in lex.KNOWN_ORGANIZATIONS for m in members)
    shape = person_shaped(words, common_words)
    # What the name's own words say settles most names.
    if titled >= 0.5 and not known_organization:
        return "person", False
    # Mostly written as a work ("his album, Genius Loves Company", "starred in Constantine"): the words
    # around it outweigh an organisation or place word in it, or a town of that name; not a person's
    # name (a biopic's title) or a name with a known organisation's in it ("BBC Radio 4").
    if (evidence.cues[WORK] >= 2 and rate[WORK] >= 0.5 and shape < 0.7
            and 2 * (rate[PERSON] + rate[ORGANIZATION] + rate[PLACE]) < rate[WORK]
            and not any(w in lex.KNOWN_ORGANIZATIONS for w in words)):
        return "other", False
    # A place name used as a club's ("Chelsea fans", "Leicester boss") is the club. Bare surnames
    # joined to the name are not asked: "Major" is a town, John Major is not.
    if any(m in gz.place_names() for m in [name, *members] if len(m.split()) >= len(words)) and not known_organization:
        if used_as_club(name, rate):
            return "organization", False
        if shape and name not in gz.country_names() and (
                rate[PERSON] + titled > rate[PLACE] + 0.05 or (len(words) == 1 and rate[LISTED] >= 0.25)):
            return "person", False  # "Paterson" the rugby player, not the town in New Jersey
        return "place", False
    if _numbered_model(words) or _plural_acronym(name):
        return "other", False
    if _places_joined(words):
        return "place", False  # "Serbia & Montenegro", "Trinidad and Tobago": one country of two
    if any(w in lex.OTHER_WORDS for w in words) or (len(words) > 1 and words[-1] in lex.OTHER_END_WORDS) or any(
            w in lex.OTHER_END_WORDS and after in ("on", "of", "to") for w, after in zip(words, words[1:])) or any(
            w in _TITLE_CASE_SMALL_WORDS for w in words[1:]) or _competition(words):
        return "other", False
    venue = len(words) > 1 and words[-1] in lex.PLACE_WORDS and words[-1] not in lex.ORGANIZATION_WORDS
    if not venue and (known_organization or words[-1] in lex.ORGANIZATION_WORDS or any(
            w in lex.ORGANIZATION_WORDS and w not in _END_ONLY_ORGANIZATION_WORDS for w in words)):
        # "Nathalie Press", "Rob Da Bank": people whose surname is an organisation word.
        if shape >= 0.7 and len(words) == 2 and rate[PERSON] + titled > rate[ORGANIZATION]:
            return "person", False
        return "organization", False
    if gz.is_place(name):
        if (len(words) == 2 and words[-1] in ("City", "Town") and words[0] in gz.place_names()
                and words[0] not in gz.country_names()):
            return "organization", False  # "Leicester City", "Ipswich Town": the club (Mexico City is in the gazetteer)
        if used_as_club(name, rate):
            return "organization", False  # "Manchester City fans", "Hull City boss"
        return "place" if not (shape >= 0.7 and rate[PLACE] == 0) else "person", False  # "Mike Lake"
    # Otherwise the mentions decide, weighed against what the name's shape suggests.
    lone = len(words) == 1
    acronym = any(m.isupper() and 2 <= len(m) <= 6 for m in [name, *members])
    town = lone and name in gz.small_places()
    if town and used_as_club(name, rate):
        return "organization", False  # "Chelsea fans", "Watford v Fulham": a town's club
    scores = {
        "person": (shape + 2 * (rate[PERSON] + titled) + (0.4 if evidence.surnamed and (shape or lone) else 0.0)
                   + (evidence.surname_use if shape or rate[PERSON] else 0.5 * evidence.surname_use)),
        "organization": (0.5 if acronym else 0.25 if lone else 0.2) + 2 * rate[ORGANIZATION],
        "place": (0.45 if town else 0.0) + 2 * rate[PLACE],
        # "iPod", "GameCube", "PlayStation": a capital inside a word marks a product more often than a firm.
        "other": 2.5 * rate[WORK] + (0.3 if lone and (name[:1].islower() or _camel_case(name)) else 0.0),
    }
    if all(w in common_words or w.lower() in lex.STOP_WORDS for w in words) and not acronym:
        # Everyday words with capitals ("Million Dollar Baby", "Flying Without Wings", "Cloud"): a
        # title of a work far more often than an organisation, which would add a name or an
        # organisation word to them.
        scores["other"] += 0.35
    # "the BBC", "the Velvet Underground": people are hardly ever written after "the" (but "the
    # Stephen King novel" is, once: one such mention of two says less than it seems).
    scores["person"] -= 1.5 * evidence.cues[THE] / (mentions + 1)
    if not acronym and (lone and (shape or rate[LISTED] >= 0.5)
                        or len(words) == 2 and (shape or unlisted_name(words, common_words))):
        scores["person"] += rate[LISTED]  # "Worcester: Delport, Hickey, ...": a team sheet lists people
    if rate[SPEAKER]:
        # Someone who says or is told things: a person or an organisation, by the name's shape; two
        # proper words no list knows ("Kaz Hirai said") are more often a person.
        # A name whose last word its articles also use alone ("Idowu said") is a person's too.
        speaks_as = "person" if shape or (len(words) == 2 and unlisted_name(words, common_words)) or (
            len(words) == 2 and evidence.surname_use >= 0.5) else "organization"
        scores[speaks_as] += rate[SPEAKER]
    kind = max(scores, key=lambda kind: (scores[kind], kind == "organization"))
    told = rate[PERSON] + rate[SPEAKER] + rate[ORGANIZATION] + rate[PLACE] + rate[WORK] + titled
    return kind, not told and shape < 0.5 and not evidence.surnamed and not (town and kind == "place")


def used_as_club(name: str, rate: list[float]) -> bool:
    """ "Newcastle fans", "Newcastle beat Leeds": a place whose mentions have a club's fans, boss and
    strikers, or win matches, is the club (countries are their teams' too, and stay places)."""
    club = rate[ORGANIZATION] + (rate[COMPETES] if name not in gz.country_names() else 0.0)
    return club >= 0.05 and club > 1.5 * rate[PLACE]


_COUNTS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten Tri".split())


def _competition(words: list[str]) -> bool:
    """ "League Two", "Serie A", "Six Nations": a division or a contest of a number of sides."""
    return len(words) == 2 and (words[0] in ("League", "Division", "Serie") and (words[1] in _COUNTS or len(words[1]) == 1)
                                or words[0] in _COUNTS and words[1] == "Nations")


def _places_joined(words: list[str]) -> bool:
    if len(words) < 3 or not ("&" in words or "and" in words):
        return False
    joined = " ".join(words).replace(" & ", " and ").split(" and ")
    return len(joined) == 2 and all(part in gz.place_names() for part in joined)


_ROMAN_NUMERALS = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV".split())


def _numbered_model(words: list[str]) -> bool:
    """ "MDA III", "Final Fantasy XII": a numbered model, sequel or edition; not "Henry VIII" or "Pope
    John Paul II", whose first word is a given name or a title."""
    return (len(words) > 1 and words[-1] in _ROMAN_NUMERALS and words[0] not in lex.TITLES
            and not gz.any_given_name(gz.fold(words[0])))


def _plural_acronym(name: str) -> bool:
    """ "GCSEs", "NVQs": an acronym in the plural names a kind of thing (a qualification, a device), never
    one organisation, which is written in the singular ("the BBC")."""
    return len(name) >= 3 and name.endswith("s") and name[:-1].isupper() and name[:-1].isalpha()


def _camel_case(word: str) -> bool:
    """ "GameCube", "PlayStation"; not "McDonald", "MacBook"'s Mac, "O'Neill" or an acronym."""
    inner = word[1:]
    return (word.isalpha() and not word.isupper() and any(c.isupper() for c in inner)
            and not word.startswith(("Mc", "Mac")) and sum(c.isupper() for c in word) * 2 < len(word))


def unlisted_name(words: list[str], common_words: frozenset[str]) -> bool:
    return not words[-1].endswith("s") and all(
        w.isalpha() and w.istitle() and len(w) > 2 and w not in common_words and w not in gz.small_places()
        and not gz.is_demonym(w) and w not in lex.KNOWN_ORGANIZATIONS for w in words)

"""Where a run of capitalised words breaks into name slots: at connectors that join no name, hyphenated
place pairs and possessives (segments), then at titles, organisations and labels (pieces)."""

from __future__ import annotations

import re

from . import gazetteer as gz
from . import lexicon as lex
from .tokens import (
    ARTICLES,
    HYPHEN_PARTICLE_SET,
    ON_HEADS,
    POSSESSIVE_RE,
    is_capitalized,
)

_RUN_WORD_RE = re.compile(r"[^ \t\u00a0]+")
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "to"}) | lex.NAME_PARTICLES
# What a title is of ("Secretary of State", "Minister of Defence"), before the holder's name.
_OFFICES = frozenset("State Defence Defense Justice Health Education Finance Trade Transport Interior "
                     "Agriculture Environment Energy Treasury Commerce Culture".split())


def run_words(run_text: str) -> list[list[tuple[str, int, int]]]:
    """Split a run into segments of (word, start, end): at hyphenated place pairs, possessives, and
    connectors that do not belong to a name ("Putin of Russia" is two names, "Bank of England" one)."""
    if "-" not in run_text and "'" not in run_text and "’" not in run_text and _CONNECTORS.isdisjoint(run_text.split()):
        # Most runs: nothing to split at, so one segment of every word.
        return [[(match.group(), match.start(), match.end()) for match in _RUN_WORD_RE.finditer(run_text)]]
    words: list[tuple[str, int, int]] = []
    for match in _RUN_WORD_RE.finditer(run_text):
        word, start, end = match.group(), match.start(), match.end()
        if "-" in word and is_capitalized(word):
            parts = word.split("-")
            if parts[0] in HYPHEN_PARTICLE_SET:
                pass  # "al-Assad": the particle belongs to the name
            elif not all(p[:1].isupper() for p in parts):
                word = parts[0]  # "Tehran-backed": the name is the capitalised head
                end = start + len(word)
            elif all(p in gz.place_names() for p in parts):
                for part in parts:  # "Iran-Russia cooperation": two names
                    words.append((part, start, start + len(part)))
                    words.append(("", start, start))  # a break
                    start += len(part) + 1
                continue
        words.append((word, start, end))
    segments: list[list[tuple[str, int, int]]] = [[]]
    index = 0
    while index < len(words):
        word = words[index]
        current = segments[-1]
        if not word[0]:
            segments.append([])
        elif word[0] in _CONNECTORS and not is_capitalized(word[0]):
            bridge = index
            while bridge < len(words) and words[bridge][0] in _CONNECTORS:
                bridge += 1
            connectors = [w[0] for w in words[index:bridge]]
            head = current[-1][0] if current else ""
            following = [w[0] for w in words[bridge:bridge + 3]]
            joins = bool(current) and bridge < len(words) and words[bridge][0] and (
                (connectors[0] in ("of", "for") and head in lex.JOIN_HEADS
                 and not any(w[0] in lex.TITLES for w in current))
                # "Securities and Exchange Commission", but "Iran and Russia" are two names.
                or (connectors == ["and"] and sum(w[0].lower() not in lex.STOP_WORDS for w in current) == 1
                    and any(w in lex.ORGANIZATION_WORDS and w != "United" for w in following)
                    and not any(w in lex.TITLES for w in following))
                # "Lord of the Rings", "Centre of the World": a title or an everyday word with an "of"
                # phrase that is no place and no title is one name ("Putin of Russia" is two).
                or (connectors[0] == "of" and len([w for w in current if w[0] != "The"]) == 1
                    and (head in lex.TITLES or gz.is_plain_word(head)) and _of_phrase_joins(words, bridge))
                # "British and Irish Lions": two nationalities before one name.
                or (connectors == ["and"] and any(w[0] not in ARTICLES for w in current)
                    and all(gz.is_demonym(w[0]) for w in current if w[0] not in ARTICLES)
                    and bridge < len(words) and gz.is_demonym(words[bridge][0]))
                # "Department of Trade and Industry": an "of" name whose last word is joined by "and".
                or (connectors == ["and"] and any(w[0] in lex.JOIN_HEADS for w in current)
                    and any(w[0] in ("of", "for") for w in current) and _and_tail_joins(words, bridge))
                or (connectors[0] in ("on", "to") and len(connectors) <= 2 and head in ON_HEADS
                    and words[bridge][0] not in lex.WEEKDAYS and words[bridge][0] not in lex.MONTHS
                    and _of_phrase_joins(words, bridge))
                or (len(connectors) == 1 and connectors[0] not in ("the", "of", "for", "and", "on", "to")))
            if joins:
                current.extend(words[index:bridge])
            else:
                segments.append([])
                if (head in lex.TITLES and connectors[0] == "of" and bridge + 1 < len(words)
                        and words[bridge][0] in _OFFICES and words[bridge + 1][0]
                        and words[bridge + 1][0] not in _CONNECTORS):
                    bridge += 1  # "Secretary of State Condoleezza Rice": the office is the title's
            index = bridge
            continue
        else:
            current.append(word)
            if POSSESSIVE_RE.search(word[0]) and len(word[0]) > 2:
                segments.append([])  # "Iran's Supreme National Security Council" is two names
        index += 1
    return [segment for segment in segments if segment]


def _and_tail_joins(words: list[tuple[str, int, int]], bridge: int) -> bool:
    """ "Department for Work and Pensions", "Academy of Film and Television Arts": one to three
    capitalised words after the "and", up to the run's end or its next connector, none a given name."""
    tail = []
    for word, _, _ in words[bridge:]:
        if not word or word in _CONNECTORS:
            break
        tail.append(word)
    return 1 <= len(tail) <= 3 and not any(w in gz.GIVEN_NAMES or w in lex.TITLES for w in tail)


def _of_phrase_joins(words: list[tuple[str, int, int]], bridge: int) -> bool:
    """Whether the capitalised words from `bridge` on (up to the next connector) may end an "X of Y"
    name: no place, title or organisation word among them."""
    following = []
    for word, _, _ in words[bridge:]:
        if not word or word in _CONNECTORS:
            break
        following.append(word)
    return bool(following) and " ".join(following) not in gz.place_names() and not any(
        w in gz.place_names() or w in lex.TITLES or w in lex.TITLE_MODIFIERS or w in lex.ORGANIZATION_WORDS
        for w in following)


def split_pieces(words: list[str]) -> list[tuple[int, int, bool]]:
    """Cut a run at titles ("President", "Supreme Leader") and after an organisation that a name follows.

    Returns (start, stop, titled) ranges over words; titled means a title stood just before.
    """
    if lex.TITLES.isdisjoint(words) and lex.ORGANIZATION_WORDS.isdisjoint(words):
        return _split_before_given_name(words, 0, len(words), False)  # most runs: nothing to cut at
    pieces: list[tuple[int, int, bool]] = []
    begin, titled, index = 0, False, 0
    while index < len(words):
        word = words[index]
        rest = words[index + 1:]
        is_title = word in lex.TITLES and not (rest and (rest[-1] in lex.ORGANIZATION_WORDS or (
            rest[0] in ("of", "Of") and not any(w in lex.TITLES or w in lex.TITLE_MODIFIERS for w in rest))))
        if is_title and not rest:
            # "John Major" keeps its last word; "Iranian Supreme Leader" is a title alone.
            bare = [w for w in words[begin:index] if w not in lex.TITLE_MODIFIERS and w not in lex.TITLES]
            if not bare or all(gz.is_demonym(w) or w.lower() in lex.STOP_WORDS for w in bare):
                return pieces
            index += 1
            continue
        if is_title:
            stop = index
            while stop > begin and (words[stop - 1] in lex.TITLE_MODIFIERS or words[stop - 1] in lex.TITLES):
                stop -= 1
            pieces.append((begin, stop, titled))
            while index < len(words) and (words[index] in lex.TITLES or words[index] in lex.TITLE_MODIFIERS):
                index += 1
            # An honorific ("Mr", "Dr") makes what follows a person; any other title ("General") only
            # when the corpus agrees: "General Election" is no person called Election.
            begin, titled = index, (2 if words[index - 1] in lex.HONORIFICS else 1)
            if index < len(words) and words[index] in ("of", "for"):
                titled = False  # "Secretary of the Russian Security Council": what follows is no person
            continue
        index += 1
        tail = words[index:]
        if (word in lex.ORGANIZATION_WORDS and len(tail) >= 2 and all(is_capitalized(w) for w in tail)
                and (tail[0] in gz.GIVEN_NAMES or len(tail) == 2)
                and not any(w in lex.JOIN_HEADS for w in tail)):
            pieces.append((begin, index, titled))
            begin, titled = index, False
    pieces.append((begin, len(words), titled))
    return [cut for piece in pieces for cut in _split_before_given_name(words, *piece)]


def _split_before_given_name(words: list[str], begin: int, end: int, titled: bool) -> list[tuple[int, int, bool]]:
    """ "Conservative Michael Howard", "Tory Liam Fox": a label before a given name is a name of its own.

    "Elton John" is safe: a given name right after another given name may be a surname.
    """
    if end - begin < 3 or " ".join(words[begin:end]) in gz.place_names():
        return [(begin, end, titled)]
    for index in range(begin + 1, end - 1):
        label = words[index - 1]
        if (words[index] in gz.GIVEN_NAMES and label not in gz.GIVEN_NAMES
                and label not in lex.NAME_PARTICLES and label[:1].isupper()
                and len(label) > 2 and all(w[:1].isupper() for w in words[index:end])
                and _person_after_label(words[index:end])):
            return [(begin, index, titled), (index, end, titled)]
    return [(begin, end, titled)]


def _person_after_label(rest: list[str]) -> bool:
    """What follows the label may be a person's name: two or three words, not ending in a place or
    organisation word ("Chiang Kai Shek Memorial" is one name)."""
    last = rest[-1]
    return (2 <= len(rest) <= 3 and last not in lex.PLACE_WORDS and last not in lex.JOIN_HEADS
            and last not in lex.OTHER_WORDS)

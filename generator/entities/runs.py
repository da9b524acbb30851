"""One run of capitalised words and the names it may hold (Candidate, Piece, RunNames): its pieces trimmed of
common words, dates and titles, with what the corpus must still decide."""

from __future__ import annotations

import functools
import re
import sys
from typing import NamedTuple

from . import gazetteer as gz
from . import lexicon as lex
from .segments import run_words, split_pieces
from .tokens import ARTICLES, POSSESSIVE_RE, is_capitalized

_CONTRACTION_RE = re.compile(r"['’](m|ve|ll|re|d|t)$")
# Number words, which a sentence may start with ("Eighty were hurt"): never a name alone.
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
thousands million millions billion billions dozen dozens""".split())
_COMBINING_FORMS = frozenset(("Anglo", "Franco", "Sino", "Euro", "Afro", "Indo", "Russo", "Italo", "Greco"))


def _is_digit_junk(word: str) -> bool:
    return not word.isalpha() and sum(c.isdigit() for c in word) >= 3


def _is_stop_word(word: str) -> bool:
    # "US" and "IT" are names; "Us" and "It" at a sentence start are not, nor "AND" or "ANY" for emphasis.
    return word.lower() in lex.STOP_WORDS and not (word.isupper() and 1 < len(word) < 3 and word not in ("OK", "OH")
                                                  or word in lex.KNOWN_ORGANIZATIONS)


# The three records below are kept flat and few: a build cache holds one per distinct run, and
# reading them back costs time per object.

class Candidate(NamedTuple):
    """A name a piece of a run may be."""
    name: str                # normalised: straight apostrophes
    surface: str             # the text as written (possessive stripped), for the matcher
    end: int                 # where it ends in the run text
    titled: bool             # a title or honorific stood before it: evidence for a person
    lone: bool               # one word without an honorific or a known abbreviation: the corpus must show it is a name
    shouting: bool           # has an all-capitals word that the corpus may write in title case


class Piece(NamedTuple):
    """A name slot that starts a sentence, so its first word may be an ordinary capitalised word:
    the corpus decides between kept (with it) and dropped (without it)."""
    kept: Candidate | None
    dropped: Candidate | None
    first: str
    second: str               # the word after first, for the "seen together mid-sentence" test
    plain: bool               # first is an everyday English word ("Boats"): a name only if seen mid-sentence


class RunNames(NamedTuple):
    """A run of capitalised words and everything about it that does not depend on the rest of the corpus."""
    key: str                                 # the text, after a newline when initial (runs hold no newline)
    text: str
    initial: bool
    capitals: tuple[str, ...]                # capitalised words away from a sentence start
    pairs: tuple[tuple[str, str], ...]       # adjacent such words
    pieces: tuple[Candidate | Piece, ...]    # a Candidate where no choice is left to the corpus

    def __reduce__(self):
        # As plain tuples, rebuilt in one call per run: the default, a call per record, is most of the
        # time to pickle and unpickle an article's names.
        flat = []
        for piece in self.pieces:
            if type(piece) is Piece:
                kept, dropped = piece.kept, piece.dropped
                flat.append((None if kept is None else tuple(kept), None if dropped is None else tuple(dropped),
                             piece.first, piece.second, piece.plain))
            else:
                flat.append(tuple(piece))
        return _run_names_from, (self.key, self.text, self.initial, self.capitals, self.pairs, tuple(flat))


def _run_names_from(key: str, text: str, initial: bool, capitals: tuple[str, ...], pairs: tuple[tuple[str, str], ...],
                    flat: tuple[tuple, ...]) -> RunNames:
    new = tuple.__new__
    pieces = []
    for piece in flat:
        if len(piece) == 6:
            pieces.append(new(Candidate, piece))
        else:
            kept, dropped = piece[0], piece[1]
            pieces.append(new(Piece, (None if kept is None else new(Candidate, kept),
                                      None if dropped is None else new(Candidate, dropped),
                                      piece[2], piece[3], piece[4])))
    return new(RunNames, (key, text, initial, capitals, pairs, tuple(pieces)))


@functools.lru_cache(maxsize=1 << 16)
def analyse_run(run_text: str, initial: bool) -> RunNames:
    """Most runs recur across articles; the cache also makes equal runs share one object in a pickle."""
    run_text = sys.intern(run_text)  # one object with its candidates' equal names and surfaces in a pickle
    capitals: list[str] = []
    pairs: list[tuple[str, str]] = []
    previous = None
    for position, word in enumerate(run_text.split()):
        if not word[0].isupper() or (initial and position == 0):
            previous = None
            continue
        word = sys.intern(word)  # one object for the word in capitals and pairs: written once in a pickle
        capitals.append(word)
        if previous is not None:
            pairs.append((previous, word))
        previous = word
    pieces: list[Candidate | Piece] = []
    for number, segment in enumerate(run_words(run_text)):
        words = [w for w, _, _ in segment]
        if not "".join(words).isalpha() and any(_is_digit_junk(w) for w in words):
            continue
        last = words[-1]
        if len(last) > 2 and POSSESSIVE_RE.search(last):
            words[-1] = POSSESSIVE_RE.sub("", last)
        for begin, end, titled in split_pieces(words):
            piece = _piece(words, segment, run_text, begin, end, initial and number == 0 and begin == 0, titled)
            if piece is not None:
                pieces.append(piece)
    return RunNames(("\n" if initial else "") + run_text, run_text, initial, tuple(capitals), tuple(pairs), tuple(pieces))


def _piece(words: list[str], segment: list[tuple[str, int, int]], run_text: str, begin: int, end: int,
           initial: bool, titled: bool) -> Candidate | Piece | None:
    """Trim connectors, common words, weekdays and months off a piece; None when nothing can be left.

    A first word that starts a sentence is left for the corpus to judge ("New York" keeps "New",
    "Analysts" goes).
    """
    def unwanted_first(word: str) -> bool:
        return (not is_capitalized(word) or _CONTRACTION_RE.search(word) is not None
                or _is_stop_word(word) or word in lex.WEEKDAYS or (word in lex.MONTHS and not titled))

    def candidate(start: int) -> Candidate | None:
        while start < end and unwanted_first(words[start]):
            if (not initial and start + 1 < end and is_capitalized(words[start + 1])
                    and (gz.given_stop_word(words[start])
                         or ((start == begin or (start == begin + 1 and words[begin] in ARTICLES))
                             and words[start] not in ARTICLES and words[start][:1].isupper()
                             and words[start].lower() in lex.STOP_WORDS and not words[start].isupper()))):
                # "centre Will Greenwood": capitalised mid-sentence, a given name; "My Beautiful
                # Launderette", "All Shook Up": a title starting with a small word.
                break
            start += 1
        return _candidate(words, segment, run_text, start, end, initial, titled)

    if initial and begin < end and not unwanted_first(words[begin]):
        kept, dropped = candidate(begin), candidate(begin + 1)
        if kept is None and dropped is None:
            return None
        # Interned, as capitals are: one object for the word in a pickle.
        second = sys.intern(words[begin + 1]) if begin + 1 < end else ""
        return Piece(kept, dropped, sys.intern(words[begin]), second, gz.is_plain_word(words[begin]))
    return candidate(begin)


def _candidate(words: list[str], segment: list[tuple[str, int, int]], run_text: str, start: int, stop: int,
               initial: bool, titled: bool) -> Candidate | None:
    weekdays, common_acronym, is_demonym, titles = lex.WEEKDAYS, lex.is_common_acronym, gz.is_demonym, lex.TITLES
    while start < stop:
        last = words[stop - 1]
        if is_capitalized(last) and last not in weekdays and not common_acronym(last):
            break
        stop -= 1
    chosen = words[start:stop]
    if not chosen:
        return None
    for word in chosen:
        if not (is_demonym(word) or word in titles or common_acronym(word) or word in lex.TITLE_MODIFIERS):
            break
    else:
        return None  # "High Commissioner", "Home Affairs": an office, not a name
    if is_demonym(chosen[-1]) and lex.ORGANIZATION_WORDS.isdisjoint(chosen):
        return None  # "West Asian", "South Korean": adjectives
    if (len(chosen) >= 3 and is_demonym(chosen[0]) and lex.ORGANIZATION_WORDS.isdisjoint(chosen)
            and lex.JOIN_HEADS.isdisjoint(chosen) and all(w[:1].isupper() and w.isalpha() for w in chosen[1:])):
        start += 1  # "Australian Lynton Crosby": a nationality before a person's name
        chosen = chosen[1:]
    if len(chosen) == 1 and "-" in chosen[0] and all(
            is_demonym(part) or part in lex.ABBREVIATIONS or part in _COMBINING_FORMS for part in chosen[0].split("-")):
        return None  # "Anglo-Dutch", "US-German": adjectives too
    if initial and start == 0 and len(chosen) == 1 and chosen[0].endswith(("ing", "ly")):
        return None  # "Reminding that...", "Similarly, ..."
    lone = False
    if len(chosen) == 1:
        word = chosen[0]
        if (len(word) < 2 or (word in lex.MONTHS and not titled) or word in lex.NOT_ALONE
                or (word.endswith("s") and word[:-1] in lex.WEEKDAYS) or word.lower() in _NUMBER_WORDS
                or (word in lex.JOIN_HEADS and word not in lex.KNOWN_ORGANIZATIONS)):
            return None
        # A word in capitals may be emphasis ("AND", "NEVER"): the corpus judges it as it judges a lone
        # word, unless it is one of the few abbreviations known to be names ("US", "UN").
        lone = titled != 2 and (not word.isupper() or (len(word) >= 3 and word not in lex.ABBREVIATIONS
                                                      and word not in lex.KNOWN_ORGANIZATIONS))
    first, last = segment[start][1], segment[stop - 1][1] + len(words[stop - 1])
    name = " ".join(chosen)
    # An ASCII name in title case has no all-capitals word; the test spares most names the word loop.
    shouting = not (name.isascii() and name.istitle()) and any(len(w) > 3 and w.isupper() and w.isalpha() for w in chosen)
    return Candidate(sys.intern(name.replace("’", "'")), sys.intern(run_text[first:last]), last, bool(titled), lone,
                     shouting)

"""What one article yields for discovery (ArticleNames): its distinct runs, the acronyms and "also known as"
names it defines, the cues around each mention and its lower-case word counts; pure, cacheable per article."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from .cues import context_cues
from .runs import RunNames, analyse_run
from .tokens import find_runs

_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-zà-ÿа-яё][\w'’]*")
_ALSO_KNOWN_AS_RE = re.compile(r",?\s*\(?(?:also known as|better known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?"
                               r"([A-Z][\w'’&.-]*(?:\s[A-Z][\w'’&.-]*){0,4})")
ALIAS_MARK = "="  # marks an "also known as" name among ArticleNames.acronyms
# What sits between two names listed together: "Chris Martin, Dido and Robbie Williams", "GPS or GPRS".
_LIST_JOINS = frozenset((", ", " and ", " or ", ", and ", ", or ", "; "))
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


@dataclass(frozen=True)
class ArticleNames:
    """What discovery reads from one article's text; depends on nothing else, so it can be cached per article."""
    runs: tuple[RunNames, ...] = ()                  # distinct runs, in order of first appearance
    keys: tuple[str, ...] = ()                       # their keys, for a quick merge
    repeats: tuple[str, ...] = ()                    # the key of a run again for each time it recurs
    acronyms: tuple[tuple[int, str], ...] = ()       # (index into runs, "(FNA)" right after that run, or
                                                     # ALIAS_MARK + Y for "X, also known as Y")
    lower: Mapping[str, int] = field(default_factory=dict)   # lower-case words and how often they occur
    cues: tuple[tuple[int, int], ...] = ()           # (index into runs, CUE_* flags) of each occurrence with a cue
    listed_with: tuple[tuple[int, int], ...] = ()    # (index, index) of two runs listed together: "X, Y", "X and Y"

    def __reduce__(self):
        packed = _packed_lower(self.lower)
        if packed is None:
            return ArticleNames, (self.runs, self.keys, self.repeats, self.acronyms, self.lower, self.cues,
                                  self.listed_with)
        return _unpacked_article_names, (self.runs, self.keys, self.repeats, self.acronyms, self.cues,
                                         self.listed_with, *packed)


def extract_names(text: str) -> ArticleNames:
    """The runs, acronym definitions and lower-case word counts of one text."""
    index_of: dict[str, int] = {}
    runs: list[RunNames] = []
    keys: list[str] = []
    repeats: list[str] = []
    acronyms: list[tuple[int, str]] = []
    cues: list[tuple[int, int]] = []
    listed_with: set[tuple[int, int]] = set()
    analyse, lookup = analyse_run, index_of.get
    previous, previous_end = -1, -1
    for start, end, initial in find_runs(text):
        run_text = text[start:end]
        key = "\n" + run_text if initial else run_text
        number = lookup(key)
        if number is None:
            number = index_of[key] = len(runs)
            run = analyse(run_text, initial)
            runs.append(run)
            keys.append(run.key)
        else:
            run = runs[number]
            repeats.append(run.key)
        if "(" in text[end:end + 3] and run.pieces:
            acronym = _bracketed_acronym(text, end)
            if acronym:
                acronyms.append((number, acronym))
        if "known as" in text[end:end + 24] or "aka" in text[end:end + 8]:
            alias = _ALSO_KNOWN_AS_RE.match(text, end)
            if alias:
                acronyms.append((number, ALIAS_MARK + alias.group(1)))
        flags = context_cues(text, start, end)
        if flags:
            cues.append((number, flags))
        if previous >= 0 and previous != number and start - previous_end <= 6 and text[previous_end:start] in _LIST_JOINS:
            listed_with.add((previous, number))
        previous, previous_end = number, end
    # Interned: the same word in many articles' results is then written once in a pickle of them all.
    counts = Counter(_LOWER_WORD_RE.findall(text))
    lower = dict(zip(map(sys.intern, counts), counts.values()))
    return ArticleNames(tuple(runs), tuple(keys), tuple(repeats), tuple(acronyms), lower, tuple(cues),
                        tuple(sorted(listed_with)))


def _packed_lower(lower: Mapping[str, int]) -> tuple[tuple[str, ...], bytes | tuple[int, ...]] | None:
    """The word counts as the words and their counts in order: quicker to pickle and unpickle than a dict,
    and the words stay shared with other articles' in one pickle. None when not a plain dict."""
    if type(lower) is not dict or not lower:
        return None
    counts = tuple(lower.values())
    try:
        return tuple(lower), bytes(counts)
    except (ValueError, TypeError):
        return tuple(lower), counts


def _unpacked_article_names(runs: tuple[RunNames, ...], keys: tuple[str, ...], repeats: tuple[str, ...],
                            acronyms: tuple[tuple[int, str], ...], cues: tuple[tuple[int, int], ...],
                            listed_with: tuple[tuple[int, int], ...], words: tuple[str, ...],
                            counts: bytes | tuple[int, ...]) -> ArticleNames:
    return ArticleNames(runs, keys, repeats, acronyms, dict(zip(words, counts)), cues, listed_with)


def _bracketed_acronym(text: str, end: int) -> str | None:
    match = _ACRONYM_RE.match(text, end)
    if not match:
        return None
    acronym = match.group(1)
    capitals = [c for c in acronym if c.isupper()]
    if len(capitals) < 2 or len(capitals) * 2 < len(acronym):
        return None  # "(France)" after a rugby player is not an acronym
    return acronym


def acronym_fits(acronym: str, long_form: str) -> bool:
    """The acronym's capitals are the initials of the name, in order ("Fars News Agency" -> FNA)."""
    capitals = [c for c in acronym if c.isupper()]
    initials = [w[0].upper() for w in long_form.split() if w[0].isupper()]
    position = 0
    for letter in capitals:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return capitals[0] == initials[0]

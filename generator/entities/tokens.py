"""Runs of capitalised words in a text: where each starts and ends, and whether it starts a sentence (its
capital then says nothing); the token patterns and word tests the run analysis shares."""

from __future__ import annotations

import re

from . import lexicon as lex


def _character_class(predicate) -> str:
    """A regex class of every BMP character meeting predicate, as ranges (Python's re lacks \\p{Lu})."""
    ranges, start, previous = [], None, None
    for code in range(0x10000):
        if predicate(chr(code)):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = None
    return "[" + "".join(ranges) + "]"


_UPPER = _character_class(str.isupper)
# Heads of names that go on with "on" or "to": "European Convention on Human Rights", "Committee to
# Protect Journalists" (but "the Commission on Thursday", "Blair to Brussels" are two names).
ON_HEADS = frozenset("""Convention Conference Commission Committee Council Panel Treaty Agreement Declaration
Protocol Forum Inquiry Summit Charter Campaign Coalition Alliance""".split())
_CONNECTOR_WORDS = "|".join(sorted((re.escape(w) for w in {"of", "for", "the", "and"} | lex.NAME_PARTICLES),
                                   key=len, reverse=True))
# "on" and "to" join a run only after such a head, so that elsewhere the words before a name keep
# telling about it ("Working on the X Factor").
_CONNECTOR_WORDS += "|(?:" + "|".join(f"(?<={head} )" for head in sorted(ON_HEADS)) + ")(?:on|to)"
# Lower-case particles joined by a hyphen to the capitalised part of a name ("al-Assad", "bin-Laden").
_HYPHEN_PARTICLES = "al|el|ad|as|ash|an|ar|at|az|ul|ud|bin|ibn|abu|ben|ould"
HYPHEN_PARTICLE_SET = frozenset(_HYPHEN_PARTICLES.split("|"))
_ABBREVIATION_WORDS = "Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Jr|Sr|Inc|Co|Corp|Ltd|Mt|Ft"
_CAPITAL_WORD = (rf"(?:{_UPPER}\.(?:[^\W\d_]\.)+"                   # U.S., U.K.
                 rf"|(?:{_ABBREVIATION_WORDS})\.(?!\w)"             # Mr., Dr. keep their dot
                 rf"|{_UPPER}\.(?=[ \t\u00a0]+{_UPPER})"            # the W. in George W. Bush
                 rf"|{_UPPER}\w*(?:['’\-&]\w+)*"                  # O'Driscoll, Kilroy-Silk, AT&T
                 rf"|(?:{_HYPHEN_PARTICLES})-{_UPPER}\w*(?:['’\-]\w+)*)")  # the al-Assad in Bashar al-Assad
# A run: capitalised words separated by spaces, maybe with connector words ("of the", "bin") between.
# The regex engine skips all other text, which keeps discovery fast; the leading lookahead lets it
# test one character class per position before trying the alternatives.
_RUN_RE = re.compile(rf"(?={_UPPER}){_CAPITAL_WORD}"
                     rf"(?:[ \t\u00a0]+(?:(?:{_CONNECTOR_WORDS})[ \t\u00a0]+){{0,2}}{_CAPITAL_WORD})*")
_DOTTED_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split("|"))
_SENTENCE_BREAKS = frozenset(".!?:;–—-|•“\"‘([«")
_SPACES = " \t\u00a0"
POSSESSIVE_RE = re.compile(r"['’]s?$")
ARTICLES = frozenset(("The", "A", "An"))


def find_runs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, initial) of each run; initial: it starts a sentence, line or quotation, so its capital says nothing."""
    runs = []
    for match in _RUN_RE.finditer(text):
        start = match.start()
        before = text[start - 1:start]
        if before.isalnum() or before in ("'", "’"):
            word_start = start - 1
            while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "-'’"):
                word_start -= 1
            head = text[word_start:start]
            if head.endswith("-") and head[:-1] not in lex.NAME_PARTICLES:
                pass  # "pro-Kremlin", "anti-American": the capitalised tail is the name
            elif (head.isalpha() and head.islower()) or head[:-1] in HYPHEN_PARTICLE_SET:
                start = word_start  # "iPod", "al-Qaeda"
            else:
                continue
        runs.append((start, match.end(), _starts_sentence(text, start)))
    return runs


def _starts_sentence(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] in _SPACES:
        at -= 1
    if at < 0 or text[at] == "\n":
        return True
    if text[at] == ".":
        word_start = at
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        before = text[word_start:at]
        return not (before in _DOTTED_ABBREVIATIONS or (len(before) == 1 and before.isupper()))
    return text[at] in _SENTENCE_BREAKS


def is_capitalized(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    if not first.isalpha():
        return False
    # "iPod", "eBay"; "al-Qaeda", "bin-Laden"
    if word[1:2].isupper() or word[2:3].isupper():
        return True
    particle, hyphen, rest = word.partition("-")
    return bool(hyphen) and rest[:1].isupper() and particle in HYPHEN_PARTICLE_SET

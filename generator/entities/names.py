"""Name finding: the candidate names in one article (pure, cacheable per article), and the corpus-wide
vocabulary that decides between a run's candidates."""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, NamedTuple

from . import gazetteer as gz
from . import lexicon as lex
from .lists import list_kind


# --- tokens ---------------------------------------------------------------------------------

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
_ON_HEADS = frozenset("""Convention Conference Commission Committee Council Panel Treaty Agreement Declaration
Protocol Forum Inquiry Summit Charter Campaign Coalition Alliance""".split())
_CONNECTOR_WORDS = "|".join(sorted((re.escape(w) for w in {"of", "for", "the", "and"} | lex.NAME_PARTICLES),
                                   key=len, reverse=True))
# "on" and "to" join a run only after such a head, so that elsewhere the words before a name keep
# telling about it ("Working on the X Factor").
_CONNECTOR_WORDS += "|(?:" + "|".join(f"(?<={head} )" for head in sorted(_ON_HEADS)) + ")(?:on|to)"
# Lower-case particles joined by a hyphen to the capitalised part of a name ("al-Assad", "bin-Laden").
_HYPHEN_PARTICLES = "al|el|ad|as|ash|an|ar|at|az|ul|ud|bin|ibn|abu|ben|ould"
_HYPHEN_PARTICLE_SET = frozenset(_HYPHEN_PARTICLES.split("|"))
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
_RUN_WORD_RE = re.compile(r"[^ \t\u00a0]+")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-zà-ÿа-яё][\w'’]*")
_DOTTED_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split("|"))
_SENTENCE_BREAKS = frozenset(".!?:;–—-|•“\"‘([«")
_SPACES = " \t\u00a0"
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_CONTRACTION_RE = re.compile(r"['’](m|ve|ll|re|d|t)$")
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "to"}) | lex.NAME_PARTICLES
# What a title is of ("Secretary of State", "Minister of Defence"), before the holder's name.
_OFFICES = frozenset("State Defence Defense Justice Health Education Finance Trade Transport Interior "
                     "Agriculture Environment Energy Treasury Commerce Culture".split())
_ARTICLES = frozenset(("The", "A", "An"))
# Number words, which a sentence may start with ("Eighty were hurt"): never a name alone.
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
thousands million millions billion billions dozen dozens""".split())
_COMBINING_FORMS = frozenset(("Anglo", "Franco", "Sino", "Euro", "Afro", "Indo", "Russo", "Italo", "Greco"))
# A small number right after a name, not a year, an age or an amount: "Halo 2", "Windows 95".
_NUMBER_AFTER_RE = re.compile(r" (?:[1-9]|[1-9]\d|95|98|360)(?![\d,.%:/-]|\s*(?:[A-Z(-]|per\b|m\b|bn\b|million|billion|"
                              r"years?|points?|goals?|runs?|minutes?|seconds?|games?|matches?|times?))")
_ALSO_KNOWN_AS_RE = re.compile(r",?\s*\(?(?:also known as|better known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?"
                               r"([A-Z][\w'’&.-]*(?:\s[A-Z][\w'’&.-]*){0,4})")
ALIAS_MARK = "="  # marks an "also known as" name among ArticleNames.acronyms
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def _find_runs(text: str) -> list[tuple[int, int, bool]]:
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
            elif (head.isalpha() and head.islower()) or head[:-1] in _HYPHEN_PARTICLE_SET:
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
    return bool(hyphen) and rest[:1].isupper() and particle in _HYPHEN_PARTICLE_SET


def _is_digit_junk(word: str) -> bool:
    return not word.isalpha() and sum(c.isdigit() for c in word) >= 3


def _is_stop_word(word: str) -> bool:
    # "US" and "IT" are names; "Us" and "It" at a sentence start are not, nor "AND" or "ANY" for emphasis.
    return word.lower() in lex.STOP_WORDS and not (word.isupper() and 1 < len(word) < 3 and word not in ("OK", "OH")
                                                  or word in lex.KNOWN_ORGANIZATIONS)


# --- what one article yields ----------------------------------------------------------------

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

    def __reduce__(self):
        packed = _packed_lower(self.lower)
        if packed is None:
            return ArticleNames, (self.runs, self.keys, self.repeats, self.acronyms, self.lower, self.cues)
        return _unpacked_article_names, (self.runs, self.keys, self.repeats, self.acronyms, self.cues, *packed)


def extract_names(text: str) -> ArticleNames:
    """The runs, acronym definitions and lower-case word counts of one text."""
    index_of: dict[str, int] = {}
    runs: list[RunNames] = []
    keys: list[str] = []
    repeats: list[str] = []
    acronyms: list[tuple[int, str]] = []
    cues: list[tuple[int, int]] = []
    analyse, lookup = _analyse_run, index_of.get
    for start, end, initial in _find_runs(text):
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
    # Interned: the same word in many articles' results is then written once in a pickle of them all.
    counts = Counter(_LOWER_WORD_RE.findall(text))
    lower = dict(zip(map(sys.intern, counts), counts.values()))
    return ArticleNames(tuple(runs), tuple(keys), tuple(repeats), tuple(acronyms), lower, tuple(cues))


# --- what the words around a mention say about its type --------------------------------------

# Flags of one occurrence of a run. The words before a run describe its first name, the words after
# it its last: "striker Didier Drogba", "Lleyton Hewitt, 23,", "shares in Yukos", "the London-based".
CUE_PERSON = 1        # an age, a role noun before, "said he", "his wife"
CUE_SPEAKER = 2       # said, told: a person or an organisation, not a place or a work
CUE_ORGANIZATION = 4  # "firm", "shares in" before; "shares", "chief executive", "fans" after
CUE_PLACE = 8         # "in", "near", "capital" before; "-based" after
CUE_WORK = 16         # "the film", "the album" before; in quotation marks
CUE_NOUN = 32         # an acronym of common words: "liquefied natural gas (LNG)"
CUE_ARTICLE = 64      # "a" or "an" before it: "a DDoS attack", "an RFID chip" (and "a BBC reporter")
CUE_LIST = 128        # between commas, as on a team sheet: "Worcester: Delport, Hickey, Lombard,"
CUE_THE = 256         # "the" before it: "the BBC", "the Velvet Underground"; people are not written so
CUE_COMPETES = 512    # "beat" after it, "v", "against" before it: a team or a player, not the town a club is named after
CUE_KINDS = (CUE_PERSON, CUE_SPEAKER, CUE_ORGANIZATION, CUE_PLACE, CUE_WORK, CUE_NOUN, CUE_ARTICLE, CUE_LIST,
             CUE_THE, CUE_COMPETES)
# context_cues() gives the flags read before a run in the low bits, those read after it shifted up.
AFTER_SHIFT = 10
BEFORE_MASK = (1 << AFTER_SHIFT) - 1

_SPEECH = frozenset("said says told added insisted admitted explained claimed argued warned believes thinks "
                    "wrote urged stressed denied".split())
_PERSON_BEFORE = frozenset("""
striker midfielder defender goalkeeper keeper winger captain coach manager boss chairman chairwoman actor
actress singer star director writer author novelist poet comedian presenter broadcaster minister secretary
spokesman spokeswoman leader president chancellor player champion rapper musician guitarist drummer analyst
economist professor lawyer judge mp mep senator veteran forward fly-half scrum-half full-back prop hooker
sprinter runner athlete golfer batsman bowler skipper founder designer producer composer wife husband son
daughter brother sister father mother colleague aide adviser counterpart chief-executive businessman
businesswoman tycoon entrepreneur campaigner candidate deputy novelist artist dancer model footballer
cricketer jockey boxer swimmer cyclist sprinter hurdler rower skier billionaire millionaire owner colleague
colleagues frontman frontwoman vocalist bassist pianist violinist conductor playwright screenwriter choreographer
photographer journalist correspondent editor reporter columnist blogger diplomat ambassador envoy general
commander governor mayor premier prosecutor barrister solicitor defendant suspect victim widow teenager
schoolboy schoolgirl substitute debutant newcomer nominee winner runner-up finalist
seed opponent team-mate teammate husband-to-be fiance fiancee
""".split())
_ORGANIZATION_BEFORE = frozenset("""
firm company giant group maker makers retailer carrier operator club side broadcaster network label chain
bank airline insurer brewer publisher manufacturer supplier developer studio conglomerate charity regulator
watchdog supermarket newspaper website outfit operator provider telecoms shares stake takeover band bands
brand brands labels carmaker automaker giants firms companies retailers banks airlines rivals
""".split())
_ORGANIZATION_AFTER = frozenset("""
shares chief boss bosses spokesman spokeswoman spokesperson chairman executive executives profits profit sales
revenue revenues shareholders board customers fans squad striker midfielder defender goalkeeper keeper coach
player players subscribers stores staff employees officials headquarters plc website shareholder manager
""".split())
_ORGANIZATION_BEFORE_IN = frozenset("shares stake stakes takeover holding holdings".split())  # "shares in Yukos"
_WORK_BEFORE_OF = frozenset("copies sequel sequels prequel cast episode episodes remake adaptation screening "
                            "soundtrack edition stars premiere version versions demo star creator creators "
                            "maker makers".split())
_NOMINATED = frozenset("nominated shortlisted nomination nominations nominee nominees oscar-nominated".split())
_PREPOSITIONS = frozenset("at in on to from into for with against over near by of".split())
_ROLE_IN = frozenset("starred starring stars star role roles appeared appears appearance performance character "
                     "cast".split())
_COMPETES_AFTER = frozenset("beat beats drew draw defeated thrashed edged hammered trounced overcame "
                            "eliminated knocked".split())
_COMPETES_BEFORE = frozenset("v vs against beat beating defeated thrashed face faces facing".split())
_WORK_AFTER = frozenset("starring directed sequel premiere premiered soundtrack trilogy episode episodes "
                        "screenplay box-office index festival ceremony tournament aired airs".split())
_SALE_VERBS = frozenset("go goes went going gone".split())
# Nouns after a name that make it a place: "Heathrow and Gatwick airports", "the Davos resort".
_PLACE_AFTER = frozenset("airport airports resort village town city county province suburb district region "
                         "island islands coast harbour stadium racecourse".split())
_ORGANIZATION_AFTER_POSSESSIVE = frozenset("""
shares profits profit sales revenue revenues customers shareholders employees staff headquarters board
chief boss squad fans subscribers stores website
""".split())
_PERSON_AFTER_POSSESSIVE = frozenset("wife husband son daughter father mother brother sister girlfriend "
                                     "boyfriend widow children parents".split())
_PLACE_BEFORE = frozenset("in near across outside throughout inside northern southern eastern western "
                          "central capital".split())
_WORK_BEFORE = frozenset("""
film films movie album single song hit game show programme series sitcom soap novel book play musical
documentary drama biopic comedy thriller blockbuster console handset browser opera ballet sequel smash
franchise trilogy epic anthem
""".split())
_PRONOUNS = frozenset(("he", "she", "his", "her"))
_KIND_CUES = CUE_PERSON | CUE_ORGANIZATION | CUE_PLACE | CUE_WORK
_LIST_CUES = {"work": CUE_WORK, "organization": CUE_ORGANIZATION, "person": CUE_PERSON, "place": CUE_PLACE}
_AGE_RE = re.compile(r"(?:, \d{1,2},| \(\d{1,2}\))")
_OPENING_QUOTES, _CLOSING_QUOTES = "\"“‘'", "\"”’'"


def context_cues(text: str, start: int, end: int) -> int:
    """CUE_* flags for the run at text[start:end], read from the few words before it (low bits) and
    after it (shifted by AFTER_SHIFT). Runs once per name occurrence, so it slices little."""
    flags = 0
    mark = text[start - 1] if start else ""
    if mark == " " and text[start - 2:start - 1].isalpha():  # cue words are words, not "," or ")"
        match = _PREVIOUS_WORD_RE.search(text, max(0, start - 24), start)
        previous = match.group(1).lower() if match else ""
        space = match.start(1) - 1 if match else -1
        before_previous = _word_before(text, space) if previous in ("in", "of", "to", "for") and space > 0 else ""
        if previous == "for":
            if before_previous in _NOMINATED:
                flags = CUE_WORK  # "nominated for Goodfellas": a work, or an award, as "other" is
        elif previous != "in" and before_previous in _WORK_BEFORE_OF and not _possessive(text, start, end):
            flags = CUE_WORK  # "copies of Half-Life", "the sequel to Shrek", "the cast of Shameless"
        elif previous in _ORGANIZATION_BEFORE or (previous == "in" and before_previous in _ORGANIZATION_BEFORE_IN):
            flags = CUE_ORGANIZATION  # "the firm", "shares in"
        elif previous in _PLACE_BEFORE:
            if before_previous in _ROLE_IN:
                flags = CUE_WORK  # "starred in Million Dollar Baby"
            elif text[end - 2:end] not in ("'s", "’s"):
                flags = CUE_PLACE  # not "in Blair's government"
        elif previous in _PERSON_BEFORE:
            flags = CUE_PERSON
        elif previous in _WORK_BEFORE:
            flags = CUE_WORK
        elif previous in _SPEECH:
            flags = CUE_SPEAKER
        elif previous == "a" or previous == "an":
            flags = CUE_ARTICLE
        elif previous == "the":
            flags = CUE_THE
        elif previous in _COMPETES_BEFORE:
            flags = CUE_COMPETES  # "Watford v Fulham", "a draw against Fulham"
        if text.startswith("The ", start) and previous[-1:].isalnum():
            flags |= CUE_WORK | CUE_THE  # "won The Aviator": a capital The mid-sentence heads a title
    elif mark and mark in _OPENING_QUOTES and text[end:end + 1] in _CLOSING_QUOTES:
        flags = CUE_WORK
    elif mark == "(" and text[end:end + 1] == ")" and _spelt_in_lower_case(text, start, end):
        flags = CUE_NOUN
    if mark == " " and text[start - 2:start - 1] in (",", ":") and text[end:end + 1] in (",", ";"):
        flags |= CUE_LIST
    if text.startswith(" by ", end) and text[end + 4:end + 5].isupper() and not flags & CUE_PLACE and (
            mark != " " or _word_before(text, start - 1) not in _PREPOSITIONS):
        flags |= CUE_WORK  # "Hamlet by William Shakespeare": a work and its maker; not "beaten at Anfield by"
    if not flags & _KIND_CUES and mark == " ":
        if text[start - 2:start - 1] == "," and text[end:end + 1] in _APPOSITION_ENDS:
            flags |= _apposition_cue(_word_before(text, start - 2))  # "his last album, Genius Loves Company,"
        if not flags & _KIND_CUES:
            flags |= _LIST_CUES.get(list_kind(text, start, end), 0)  # "films such as Raging Bull and Goodfellas"
    return flags | _after_cues(text, end) << AFTER_SHIFT


_APPOSITION_ENDS = frozenset((",", ".", ";", "\n", ""))


def _apposition_cue(noun: str) -> int:
    """ "the album, X,", "the firm, X.": a name set off by commas after a noun is what the noun says."""
    if noun in _WORK_BEFORE:
        return CUE_WORK
    if noun in _ORGANIZATION_BEFORE:
        return CUE_ORGANIZATION
    return CUE_PERSON if noun in _PERSON_BEFORE else 0


def _possessive(text: str, start: int, end: int) -> bool:
    """ "a version of Pfizer's drug", "of E Nesbit's Five Children": the run's first name owns what the
    words before it are about."""
    run = text[start:end + 2]
    return "'s" in run or "’s" in run


def _word_before(text: str, space: int) -> str:
    """The word that ends at `space` (a space), in lower case: the "shares" of "shares in Yukos"."""
    return text[text.rfind(" ", max(0, space - 16), space) + 1:space].lower()


def _spelt_in_lower_case(text: str, start: int, end: int) -> bool:
    """ "voice over internet protocol (VoIP)": the acronym's capitals are the initials of the
    lower-case words before the bracket."""
    acronym = text[start:end]
    capitals = "".join(c for c in acronym if c.isupper()).lower()
    if len(capitals) < 2:
        return False
    words = text[max(0, start - 80):start - 1].split()[-len(acronym) - 2:]
    initials = "".join(w[0] for w in words if w[:1].isalpha())
    for letters in {capitals, acronym.lower()}:  # "LNG"; "VoIP" spells voice over internet protocol
        if initials.endswith(letters) and all(w.islower() for w in words[-len(letters):] if w[:1].isalpha()):
            return True
    return False


# The word before a run (and the space after it).
_PREVIOUS_WORD_RE = re.compile(r"(\S+) $")
# The (up to) three words after a run, past spaces and commas.
_AFTER_WORDS_RE = re.compile(r"[ ,]*([^\W\d_][\w-]*)?(?:[ ,]+([^\W\d_][\w-]*))?(?:[ ,]+([^\W\d_][\w-]*))?")


def _after_cues(text: str, end: int) -> int:
    first = text[end:end + 1]
    if first == "-":
        return CUE_PLACE if text.startswith(("-based", "-born"), end) else 0
    possessive = text[end - 2:end] in ("'s", "’s")  # the run kept its possessive: "Blair's wife"
    if not possessive and (first == "'" or first == "’") and text[end + 1:end + 2] == "s":
        possessive, end = True, end + 2
    if not possessive:
        if first != " " and first != ",":
            return 0
        upcoming = text[end + 1:end + 3].lstrip()[:1]
        if upcoming.isdigit() or upcoming == "(":
            if _AGE_RE.match(text, end):
                return CUE_PERSON
            return CUE_WORK if first == " " and _numbered(text, end) else 0
        if not upcoming.islower():
            return 0  # every cue word after a name is in lower case
    following, second, third = _AFTER_WORDS_RE.match(text, end).groups()
    if possessive:
        if following in _ORGANIZATION_AFTER_POSSESSIVE:
            return CUE_ORGANIZATION
        return CUE_PERSON if following in _PERSON_AFTER_POSSESSIVE else 0
    if following in _SPEECH:
        if second in _PRONOUNS or (second == "that" and third in _PRONOUNS):
            return CUE_SPEAKER | CUE_PERSON
        return CUE_SPEAKER
    if first == " " and following in _ORGANIZATION_AFTER:
        return CUE_ORGANIZATION
    if following in _COMPETES_AFTER:
        return CUE_COMPETES
    if following in _PLACE_AFTER:
        return CUE_PLACE
    if first == " " and following == "at" and second == "number" or following in _SALE_VERBS and second == "on" and third == "sale":
        return CUE_WORK  # "X at number 20" in a chart; "X goes on sale": a record, a book, a product
    return CUE_WORK if following in _WORK_AFTER else 0


def _numbered(text: str, end: int) -> bool:
    """ "Halo 2", "PlayStation 2", "Final Fantasy XII": a number after a name marks a product or a work."""
    match = _NUMBER_AFTER_RE.match(text, end)
    return match is not None


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
                            words: tuple[str, ...],
                            counts: bytes | tuple[int, ...]) -> ArticleNames:
    return ArticleNames(runs, keys, repeats, acronyms, dict(zip(words, counts)), cues)


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


@functools.lru_cache(maxsize=1 << 16)
def _analyse_run(run_text: str, initial: bool) -> RunNames:
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
    for number, segment in enumerate(_run_words(run_text)):
        words = [w for w, _, _ in segment]
        if not "".join(words).isalpha() and any(_is_digit_junk(w) for w in words):
            continue
        last = words[-1]
        if len(last) > 2 and _POSSESSIVE_RE.search(last):
            words[-1] = _POSSESSIVE_RE.sub("", last)
        for begin, end, titled in _split_pieces(words):
            piece = _piece(words, segment, run_text, begin, end, initial and number == 0 and begin == 0, titled)
            if piece is not None:
                pieces.append(piece)
    return RunNames(("\n" if initial else "") + run_text, run_text, initial, tuple(capitals), tuple(pairs), tuple(pieces))


def _run_words(run_text: str) -> list[list[tuple[str, int, int]]]:
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
            if parts[0] in _HYPHEN_PARTICLE_SET:
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
                or (connectors == ["and"] and any(w[0] not in _ARTICLES for w in current)
                    and all(gz.is_demonym(w[0]) for w in current if w[0] not in _ARTICLES)
                    and bridge < len(words) and gz.is_demonym(words[bridge][0]))
                # "Department of Trade and Industry": an "of" name whose last word is joined by "and".
                or (connectors == ["and"] and any(w[0] in lex.JOIN_HEADS for w in current)
                    and any(w[0] in ("of", "for") for w in current) and _and_tail_joins(words, bridge))
                or (connectors[0] in ("on", "to") and len(connectors) <= 2 and head in _ON_HEADS
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
            if _POSSESSIVE_RE.search(word[0]) and len(word[0]) > 2:
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


def _split_pieces(words: list[str]) -> list[tuple[int, int, bool]]:
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
    return 2 <= len(rest) <= 3 and last not in lex.PLACE_WORDS and last not in lex.JOIN_HEADS and last not in lex.OTHER_WORDS


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
                         or ((start == begin or (start == begin + 1 and words[begin] in _ARTICLES))
                             and words[start] not in _ARTICLES and words[start][:1].isupper()
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


# --- the corpus decides ---------------------------------------------------------------------

@dataclass
class Vocabulary:
    """How often each word appears lower-case, and capitalised away from a sentence start."""
    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)   # capitalised word pairs away from a sentence start

    def add_runs(self, runs: Iterable[tuple[RunNames, int]]) -> None:
        """Count each run's words, times how often the run occurs."""
        capital, pairs = self.capital, self.pairs
        count_word, count_pair = capital.get, pairs.get
        for run, times in runs:
            for word in run.capitals:
                capital[word] = count_word(word, 0) + times
            for pair in run.pairs:
                pairs[pair] = count_pair(pair, 0) + times

    def add_lower(self, counts: Mapping[str, int], wanted: set[str]) -> None:
        """Count only the wanted words: the lower-case forms of capitalised ones, all the corpus ever asks about."""
        lower = self.lower
        for word in wanted.intersection(counts):
            lower[word] += counts[word]

    def is_common_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in lex.STOP_WORDS or self.lower[lowered] > self.capital[word]

    def common_words(self) -> frozenset[str]:
        """Capitalised words written lower-case at least as often."""
        lower = self.lower
        return frozenset(w for w, n in self.capital.items() if lower[w.lower()] >= n)

    def names_in_run(self, run: RunNames) -> list[Candidate]:
        """The candidates the corpus accepts, each with its name normalised."""
        names = []
        for piece in run.pieces:
            if type(piece) is Piece:
                chosen = piece.kept
                if (self.is_common_word(piece.first)
                        and not (piece.second and self.pairs[piece.first, piece.second] > 0)):
                    chosen = piece.dropped  # "New York" at a sentence start keeps "New": seen together mid-sentence
                elif piece.plain and chosen is not None and chosen.lone and not self.capital[piece.first]:
                    # "Boats stayed in port", a "| Boats |" table header: never capitalised where a name
                    # would have to be, and an everyday word.
                    chosen = piece.dropped
                if chosen is None:
                    continue
            else:
                chosen = piece
            if chosen.lone:
                # A lone word written more often in lower case is an ordinary word ("Internet", "Government").
                word = chosen.surface
                if self.lower[word.lower()] >= max(1, self.capital[word]):
                    continue
            if chosen.shouting:
                chosen = chosen._replace(name=" ".join(self._normalize_word(w) for w in chosen.surface.split()))
            names.append(chosen)
        return names

    def _normalize_word(self, word: str) -> str:
        word = word.replace("’", "'")
        # "TEHRAN" in a dateline is Tehran when the corpus writes it that way elsewhere.
        if len(word) > 3 and word.isupper() and word.isalpha():
            titled = word.title()
            if self.capital[titled] > self.capital[word]:
                return titled
        return word


@dataclass(frozen=True)
class Consulted:
    """What discovery's corpus-wide step looked up in the vocabulary.

    An edit changes the entities only if it changes a run that yields names, or moves a lower-case
    count across the capitalised count of a form some run consults: `thresholds` keeps those counts.
    """
    vocabulary: Vocabulary                          # lower (wanted words only), capital, pairs
    wanted: frozenset[str]                          # every lower-case word whose count is compared
    thresholds: dict[str, tuple[int, ...]]          # lower-case word -> capitalised counts it is compared with


def consulted(vocabulary: Vocabulary, runs: Iterable[RunNames]) -> Consulted:
    """The lower-case words discovery compares, once the capitalised counts are known, and with what:
    the lower-case form of every capitalised word, and the forms each run's pieces ask about."""
    forms: dict[str, set[int]] = {}
    for word, count in vocabulary.capital.items():
        forms.setdefault(word.lower(), set()).add(count)
    for run in runs:
        for word, count in run_forms(run, vocabulary.capital):
            forms.setdefault(word, set()).add(count)
    # Tuples, not sets: the quick edit path loads this on every edit, and tuples unpickle faster.
    return Consulted(vocabulary, frozenset(forms), {word: tuple(sorted(counts)) for word, counts in forms.items()})


def run_forms(run: RunNames, capital: Mapping[str, int]) -> Iterator[tuple[str, int]]:
    """(lower-case word, capitalised count) of each form names_in_run may compare for this run."""
    for piece in run.pieces:
        if type(piece) is Piece:
            yield piece.first.lower(), capital.get(piece.first, 0)
            candidates = (piece.kept, piece.dropped)
        else:
            candidates = (piece,)
        for candidate in candidates:
            if candidate is not None and candidate.lone:
                yield candidate.surface.lower(), capital.get(candidate.surface, 0)


def crosses_threshold(before: int, after: int, thresholds: Iterable[int]) -> bool:
    """Whether a lower-case count moving from `before` to `after` changes any comparison discovery makes."""
    for capital in thresholds:
        if ((before > capital) != (after > capital) or (before >= capital) != (after >= capital)
                or (before >= max(1, capital)) != (after >= max(1, capital))):
            return True
    return False


def soft_run(run: RunNames) -> bool:
    """A run of words only at a sentence start: it adds nothing to the vocabulary's capitalised counts."""
    return not run.capitals and not run.pairs

"""What the words around a mention say about its type: CUE_* flags read from the few words before a run and
after it ("striker Didier Drogba", "shares in Yukos", "the London-based")."""

from __future__ import annotations

import re

from .lists import list_kind

# A small number right after a name, not a year, an age or an amount: "Halo 2", "Windows 95".
_NUMBER_AFTER_RE = re.compile(r" (?:[1-9]|[1-9]\d|95|98|360)(?![\d,.%:/-]|\s*(?:[A-Z(-]|per\b|m\b|bn\b|million|billion|"
                              r"years?|points?|goals?|runs?|minutes?|seconds?|games?|matches?|times?))")

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

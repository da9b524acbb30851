"""Entity discovery: find proper names in article text, merge their variants, type them, build the EntityIndex."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Sequence

from generator import gazetteer as gz

ENTITY_TYPES = ("person", "organization", "place", "other")


@dataclass(frozen=True)
class EntitySpec:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    description: str
    path: str


@dataclass(frozen=True)
class ArticleText:
    key: str
    title: str
    text: str
    declared: tuple[str, ...] = ()
    path: str = ""
    declared_line: int | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...] = ()
    description: str = ""
    path: str | None = None


@dataclass(frozen=True)
class EntityProblem:
    path: str
    line: int | None
    message: str
    kind: str


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    surface_forms: dict[str, str]
    declared: dict[str, tuple[str, ...]]
    problems: tuple[EntityProblem, ...]

    def by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}


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
_CONNECTOR_WORDS = "|".join(sorted((re.escape(w) for w in {"of", "for", "the", "and"} | gz.NAME_PARTICLES),
                                   key=len, reverse=True))
_ABBREVIATION_WORDS = "Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Jr|Sr|Inc|Co|Corp|Ltd|Mt|Ft"
_CAPITAL_WORD = (rf"(?:{_UPPER}\.(?:[^\W\d_]\.)+"                   # U.S., U.K.
                 rf"|(?:{_ABBREVIATION_WORDS})\.(?!\w)"             # Mr., Dr. keep their dot
                 rf"|{_UPPER}\.(?=[ \t\u00a0]+{_UPPER})"            # the W. in George W. Bush
                 rf"|{_UPPER}\w*(?:['’\-]\w+)*)")
# A run: capitalised words separated by spaces, maybe with connector words ("of the", "bin") between.
# The regex engine skips all other text, which keeps discovery fast.
_RUN_RE = re.compile(rf"{_CAPITAL_WORD}(?:[ \t\u00a0]+(?:(?:{_CONNECTOR_WORDS})[ \t\u00a0]+){{0,2}}{_CAPITAL_WORD})*")
_RUN_WORD_RE = re.compile(r"[^ \t\u00a0]+")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-zà-ÿа-яё][\w'’]*")
_DOTTED_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split("|"))
_SENTENCE_BREAKS = frozenset(".!?:;–—-|•“\"‘([«")
_SPACES = " \t\u00a0"
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_CONTRACTION_RE = re.compile(r"['’](m|ve|ll|re|d|t)$")
_CONNECTORS = frozenset({"of", "for", "the", "and"}) | gz.NAME_PARTICLES


class _Run(NamedTuple):
    start: int
    end: int
    initial: bool      # the first word starts a sentence, line or quotation: its capital says nothing


def _find_runs(text: str) -> list[_Run]:
    runs = []
    for match in _RUN_RE.finditer(text):
        start = match.start()
        before = text[start - 1:start]
        if before.isalnum() or before in ("'", "’"):
            word_start = start - 1
            while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "-'’"):
                word_start -= 1
            head = text[word_start:start]
            if head.endswith("-") and head[:-1] not in gz.NAME_PARTICLES:
                pass  # "pro-Kremlin", "anti-American": the capitalised tail is the name
            elif (head.isalpha() and head.islower()) or head in ("al-", "el-"):
                start = word_start  # "iPod", "al-Qaeda"
            else:
                continue
        runs.append(_Run(start, match.end(), _starts_sentence(text, start)))
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


def _is_capitalized(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    if not first.isalpha():
        return False
    # "iPod", "eBay"; "al-Qaeda"
    return word[1:2].isupper() or word[2:3].isupper() or (word[:3] in ("al-", "el-") and word[3:4].isupper())


def _is_digit_junk(word: str) -> bool:
    return not word.isalpha() and sum(c.isdigit() for c in word) >= 3


# --- corpus statistics ----------------------------------------------------------------------

@dataclass
class _Vocabulary:
    """How often each word appears lower-case, and capitalised away from a sentence start."""
    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)   # capitalised word pairs away from a sentence start

    def add_runs(self, runs: Counter) -> None:
        """Count words from each distinct (run text, initial) once, times how often it occurs."""
        for (run_text, initial), times in runs.items():
            previous = None
            for position, word in enumerate(run_text.split()):
                if not word[0].isupper() or (initial and position == 0):
                    previous = None
                    continue
                self.capital[word] += times
                if previous is not None:
                    self.pairs[previous, word] += times
                previous = word

    def is_common_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in gz.STOP_WORDS or self.lower[lowered] > self.capital[word]


# --- names in one run -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    name: str          # normalised: titles and possessive stripped, straight apostrophes
    surface: str       # the text as written, for the matcher
    titled: bool       # a title or honorific stood before it: evidence for a person


def _run_words(run_text: str) -> list[list[tuple[str, int, int]]]:
    """Split a run into segments of (word, start, end): at hyphenated place pairs, possessives, and
    connectors that do not belong to a name ("Putin of Russia" is two names, "Bank of England" one)."""
    words: list[tuple[str, int, int]] = []
    for match in _RUN_WORD_RE.finditer(run_text):
        word, start, end = match.group(), match.start(), match.end()
        if "-" in word and _is_capitalized(word):
            parts = word.split("-")
            if not all(p[:1].isupper() for p in parts):
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
        elif word[0] in _CONNECTORS and not _is_capitalized(word[0]):
            bridge = index
            while bridge < len(words) and words[bridge][0] in _CONNECTORS:
                bridge += 1
            connectors = [w[0] for w in words[index:bridge]]
            head = current[-1][0] if current else ""
            following = [w[0] for w in words[bridge:bridge + 3]]
            joins = bool(current) and bridge < len(words) and words[bridge][0] and (
                (connectors[0] in ("of", "for") and head in gz.JOIN_HEADS
                 and not any(w[0] in gz.TITLES for w in current))
                # "Securities and Exchange Commission", but "Iran and Russia" are two names.
                or (connectors == ["and"] and sum(w[0].lower() not in gz.STOP_WORDS for w in current) == 1
                    and any(w in gz.ORGANIZATION_WORDS and w != "United" for w in following)
                    and not any(w in gz.TITLES for w in following))
                or (len(connectors) == 1 and connectors[0] not in ("the", "of", "for", "and")))
            if joins:
                current.extend(words[index:bridge])
            else:
                segments.append([])
            index = bridge
            continue
        else:
            current.append(word)
            if _POSSESSIVE_RE.search(word[0]) and len(word[0]) > 2:
                segments.append([])  # "Iran's Supreme National Security Council" is two names
        index += 1
    return [segment for segment in segments if segment]


def _split_pieces(words: list[str]) -> list[tuple[int, int, bool]]:
    """Cut a run at titles ("President", "Supreme Leader") and after an organisation that a name follows.

    Returns (start, stop, titled) ranges over words; titled means a title stood just before.
    """
    pieces: list[tuple[int, int, bool]] = []
    begin, titled, index = 0, False, 0
    while index < len(words):
        word = words[index]
        rest = words[index + 1:]
        is_title = word in gz.TITLES and not (rest and rest[-1] in gz.ORGANIZATION_WORDS)
        if is_title and not rest:
            # "John Major" keeps its last word; "Iranian Supreme Leader" is a title alone.
            bare = [w for w in words[begin:index] if w not in gz.TITLE_MODIFIERS and w not in gz.TITLES]
            if not bare or all(gz.is_demonym(w) or w.lower() in gz.STOP_WORDS for w in bare):
                return pieces
            index += 1
            continue
        if is_title:
            stop = index
            while stop > begin and (words[stop - 1] in gz.TITLE_MODIFIERS or words[stop - 1] in gz.TITLES):
                stop -= 1
            pieces.append((begin, stop, titled))
            while index < len(words) and (words[index] in gz.TITLES or words[index] in gz.TITLE_MODIFIERS):
                index += 1
            begin, titled = index, True
            if index < len(words) and words[index] in ("of", "for"):
                titled = False  # "Secretary of the Russian Security Council": what follows is no person
            continue
        index += 1
        tail = words[index:]
        if (word in gz.ORGANIZATION_WORDS and len(tail) >= 2 and all(_is_capitalized(w) for w in tail)
                and (tail[0] in gz.GIVEN_NAMES or len(tail) == 2)
                and not any(w in gz.JOIN_HEADS for w in tail)):
            pieces.append((begin, index, titled))
            begin, titled = index, False
    pieces.append((begin, len(words), titled))
    return [cut for piece in pieces for cut in _split_before_given_name(words, *piece)]


def _split_before_given_name(words: list[str], begin: int, end: int, titled: bool) -> list[tuple[int, int, bool]]:
    """ "Conservative Michael Howard", "Tory Liam Fox": a label before a given name is a name of its own.

    "Elton John" is safe: a given name right after another given name may be a surname.
    """
    for index in range(begin + 1, end - 1):
        if (words[index] in gz.GIVEN_NAMES and words[index - 1] not in gz.GIVEN_NAMES
                and words[index - 1] not in gz.NAME_PARTICLES and words[index - 1][:1].isupper()
                and len(words[index - 1]) > 2 and all(w[:1].isupper() for w in words[index:end])):
            return [(begin, index, titled), (index, end, titled)]
    return [(begin, end, titled)]


def _is_stop_word(word: str) -> bool:
    # "US" and "IT" are names; "Us" and "It" at a sentence start are not.
    return word.lower() in gz.STOP_WORDS and not (word.isupper() and len(word) > 1 and word not in ("OK", "OH"))


def _clean_piece(words: list[str], start: int, stop: int, initial: bool, vocabulary: _Vocabulary,
                 titled: bool) -> tuple[int, int]:
    """Trim connectors, sentence-initial common words, weekdays and months; (0, 0) when nothing is left."""
    def unwanted_first(word: str, at_sentence_start: bool) -> bool:
        # "New York" at a sentence start keeps "New": the pair is seen capitalised mid-sentence.
        seen_inside = start + 1 < stop and vocabulary.pairs[word, words[start + 1]] > 0
        return (not _is_capitalized(word) or _CONTRACTION_RE.search(word) is not None
                or _is_stop_word(word) or word in gz.WEEKDAYS
                or (word in gz.MONTHS and not titled)
                or (at_sentence_start and vocabulary.is_common_word(word) and not seen_inside))
    while start < stop and unwanted_first(words[start], initial and start == 0):
        start += 1
    while start < stop and (not _is_capitalized(words[stop - 1]) or words[stop - 1] in gz.WEEKDAYS
                            or words[stop - 1] in gz.COMMON_ACRONYMS):
        stop -= 1
    chosen = words[start:stop]
    if not chosen or all(gz.is_demonym(w) or w in gz.TITLES or w in gz.COMMON_ACRONYMS for w in chosen):
        return 0, 0
    if gz.is_demonym(chosen[-1]) and not any(w in gz.ORGANIZATION_WORDS for w in chosen):
        return 0, 0  # "West Asian", "South Korean": adjectives
    if initial and start == 0 and len(chosen) == 1 and chosen[0].endswith(("ing", "ly")):
        return 0, 0  # "Reminding that...", "Similarly, ..."
    if len(chosen) == 1:
        word = chosen[0]
        if (len(word) < 2 or (word in gz.MONTHS and not titled) or word in gz.NOT_ALONE
                or (word in gz.JOIN_HEADS and word not in gz.KNOWN_ORGANIZATIONS)):
            return 0, 0
        # A lone word written more often in lower case is an ordinary word ("Internet", "Government").
        if (not word.isupper() and not titled
                and vocabulary.lower[word.lower()] >= max(1, vocabulary.capital[word])):
            return 0, 0
    return start, stop


def _normalize_word(word: str, vocabulary: _Vocabulary) -> str:
    word = word.replace("’", "'")
    # "TEHRAN" in a dateline is Tehran when the corpus writes it that way elsewhere.
    if len(word) > 3 and word.isupper() and word.isalpha():
        titled = word.title()
        if vocabulary.capital[titled] > vocabulary.capital[word]:
            return titled
    return word


def _names_in_run(run_text: str, initial: bool, vocabulary: _Vocabulary) -> list[tuple[int, int, bool, str]]:
    """(start, end, titled, name) of each name in a run, offsets within the run text."""
    names = []
    for number, segment in enumerate(_run_words(run_text)):
        words = [w for w, _, _ in segment]
        if any(_is_digit_junk(w) for w in words):
            continue
        last = words[-1]
        if len(last) > 2 and _POSSESSIVE_RE.search(last):
            words[-1] = _POSSESSIVE_RE.sub("", last)
        for begin, end, titled in _split_pieces(words):
            start, stop = _clean_piece(words, begin, end, initial and number == 0 and begin == 0, vocabulary, titled)
            if start != stop:
                name = " ".join(_normalize_word(w, vocabulary) for w in words[start:stop])
                names.append((segment[start][1], segment[stop - 1][1] + len(words[stop - 1]), titled, name))
    return names


def _article_mentions(text: str, runs: Sequence[_Run], vocabulary: _Vocabulary, cache: dict
                      ) -> tuple[list[_Mention], list[tuple[str, str]]]:
    """Names mentioned in one article, and the acronyms it defines as (acronym, long form)."""
    mentions: list[_Mention] = []
    acronyms: list[tuple[str, str]] = []
    for run in runs:
        run_text = text[run.start:run.end]
        key = (run_text, run.initial)
        names = cache.get(key)
        if names is None:
            names = cache[key] = _names_in_run(run_text, run.initial, vocabulary)
        for start, end, titled, name in names:
            mentions.append(_Mention(name, run_text[start:end], titled))
        if names and names[-1][1] >= len(run_text) - 2 and "(" in text[run.end:run.end + 3]:
            acronym = _defined_acronym(names[-1][3], text, run.end)
            if acronym:
                acronyms.append((acronym, names[-1][3]))
    return mentions, acronyms


_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def _defined_acronym(long_form: str, text: str, end: int) -> str | None:
    match = _ACRONYM_RE.match(text, end)
    if not match:
        return None
    acronym = match.group(1)
    capitals = [c for c in acronym if c.isupper()]
    if len(capitals) < 2 or len(capitals) * 2 < len(acronym):
        return None  # "(France)" after a rugby player is not an acronym
    initials = [w[0].upper() for w in long_form.split() if w[0].isupper()]
    # The acronym's capitals must be the initials of the name, in order ("Fars News Agency" -> FNA).
    position = 0
    for letter in capitals:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return None
        position += 1
    return acronym if capitals[0] == initials[0] else None


# --- ids ------------------------------------------------------------------------------------

def slugify(name: str) -> str:
    """'Vladimir Putin' -> 'vladimir-putin'; keeps non-Latin letters ('владимир-путин')."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^\w]+", "-", stripped.lower().replace("&", " and ")).strip("-_")
    slug = slug.replace("_", "-")
    return unicodedata.normalize("NFC", slug) or "entity"


# --- the index ------------------------------------------------------------------------------

def build_entity_index(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], *, discover: bool = True,
                       min_articles: int = 2, ignore: Sequence[str] = ()) -> EntityIndex:
    ordered = sorted(articles, key=lambda a: a.key)
    mentions: dict[str, list[_Mention]] = {}
    acronyms: list[tuple[str, str]] = []
    if discover:
        runs = {article.key: _find_runs(article.text) for article in ordered}
        vocabulary = _Vocabulary()
        run_counts: Counter = Counter()
        for article in ordered:
            vocabulary.lower.update(_LOWER_WORD_RE.findall(article.text))
            text = article.text
            run_counts.update((text[run.start:run.end], run.initial) for run in runs[article.key])
        vocabulary.add_runs(run_counts)
        cache: dict = {}  # runs seen before: most names recur across articles
        for article in ordered:
            found, defined = _article_mentions(article.text, runs[article.key], vocabulary, cache)
            mentions[article.key] = found
            acronyms.extend(defined)
    common_words = frozenset(w for w, n in vocabulary.capital.items() if vocabulary.lower[w.lower()] >= n) \
        if discover else frozenset()
    return _merge(ordered, specs, mentions, acronyms, min_articles, ignore, common_words)


class _Components:
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


_SPEC = "\x00"  # prefix of spec nodes in the union-find; cannot occur in a name


def _person_like(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and not gz.is_place(name) and not gz.is_demonym(words[0])
            and (words[0] in gz.GIVEN_NAMES or words[0] not in gz.place_names()) and words[-1] not in gz.PLACE_WORDS
            and not any(w.isupper() and len(w) > 1 for w in words)
            and not any(w in gz.JOIN_HEADS or w in gz.TITLES or w in gz.OTHER_WORDS for w in words)
            and words[-1].isalpha() and len(words[-1]) > 1 and not words[-1].isupper())


@dataclass
class _Names:
    """What the mentions say about each name: its articles, how often, how often titled, how written."""
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter = field(default_factory=Counter)
    titled: Counter = field(default_factory=Counter)
    surfaces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Filled while joining variants:
    table_names: set[str] = field(default_factory=set)          # canonical names from the abbreviation table
    surnamed: set[str] = field(default_factory=set)             # surnames joined to a full name
    ambiguous: set[str] = field(default_factory=set)            # surnames of several full names
    extra_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _merge(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], mentions: dict[str, list[_Mention]],
           acronyms: list[tuple[str, str]], min_articles: int, ignore: Sequence[str],
           common_words: frozenset[str] = frozenset()) -> EntityIndex:
    ignored = {name.casefold() for name in ignore}
    info = _Names()
    for key, found in mentions.items():
        for mention in found:
            if mention.name.casefold() in ignored or mention.surface.casefold() in ignored:
                continue
            info.articles[mention.name].add(key)
            info.counts[mention.name] += 1
            info.titled[mention.name] += mention.titled
            info.surfaces[mention.name].add(mention.surface)
    names = sorted(info.articles)
    components = _Components()
    for name in names:
        components.find(name)
    problems: list[EntityProblem] = []
    spec_forms = _join_entity_files(specs, names, components, problems)
    _join_abbreviations(names, info, spec_forms, components)
    _join_acronyms(names, info, acronyms, ignored, components)
    _join_plurals(names, info, components)
    _join_surnames(names, info, common_words, components)

    groups = components.groups()
    root_of = {member: root for root, members in groups.items() for member in members}
    forms = {member.casefold(): root for member, root in root_of.items() if not member.startswith(_SPEC)}
    forms.update({form: root_of[node] for form, node in spec_forms.items()})
    declared_roots: dict[str, list[str]] = {}
    for article in articles:
        roots = declared_roots[article.key] = []
        for name in article.declared:
            if name.casefold() not in forms:
                problems.append(EntityProblem(article.path or article.key, article.declared_line,
                                              f"entities: name {name!r} matches nothing", "unmatched-name"))
                forms[name.casefold()] = name
                groups[name] = [name]
            roots.append(forms[name.casefold()])
    wanted = {root for roots in declared_roots.values() for root in roots}

    spec_by_node = {_SPEC + spec.id: spec for spec in specs}
    kept: list[tuple[str, list[str], set[str]]] = []
    for root, members in sorted(groups.items()):
        plain = [m for m in members if not m.startswith(_SPEC)]
        seen: set[str] = set()
        for member in plain:
            seen |= info.articles.get(member, set()) | info.extra_articles.get(member, set())
        # A lone given name ("Frank") could be anyone; it is kept only when merged with a full name.
        only_given = all(m in gz.GIVEN_NAMES or m in info.ambiguous for m in plain)
        if (any(m in spec_by_node for m in members) or root in wanted
                or (len(seen) >= min_articles and not only_given)):
            kept.append((root, members, seen))
    entities, entity_of_root, surface_forms = _make_entities(kept, spec_by_node, specs, info, ignored)
    declared = {key: tuple(dict.fromkeys(entity_of_root[r] for r in roots if r in entity_of_root))
                for key, roots in declared_roots.items()}
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), surface_forms, declared, tuple(problems))


def _join_entity_files(specs: Sequence[EntitySpec], names: list[str], components: _Components,
                       problems: list[EntityProblem]) -> dict[str, str]:
    """Discovered names equal to an entity file's name or alias join it; returns casefolded form -> node."""
    spec_forms: dict[str, str] = {}
    for spec in sorted(specs, key=lambda s: s.id):
        node = _SPEC + spec.id
        components.find(node)
        for form in (spec.name, *spec.aliases):
            other = spec_forms.setdefault(form.casefold(), node)
            if other != node:
                problems.append(EntityProblem(spec.path, None, f"alias {form!r} of entity {spec.id!r} is "
                                              f"already a name of entity {other[1:]!r}", "alias-conflict"))
    for name in names:
        if name.casefold() in spec_forms:
            components.union(name, spec_forms[name.casefold()])
    return spec_forms


def _join_abbreviations(names: list[str], info: _Names, spec_forms: dict[str, str], components: _Components) -> None:
    """ "US", "U.S." and "America" join "United States" (a small table); "U.N." joins "UN"."""
    for name in names:
        canonical = gz.ABBREVIATIONS.get(name)
        if canonical is None and "." in name and name.replace(".", "") in info.articles:
            canonical = name.replace(".", "")
        if canonical:
            info.table_names.add(canonical)
            components.union(name, spec_forms.get(canonical.casefold(), canonical))


def _join_acronyms(names: list[str], info: _Names, acronyms: list[tuple[str, str]], ignored: set[str],
                   components: _Components) -> None:
    """ "Fars News Agency (FNA)" joins FNA to its long form everywhere."""
    long_forms: dict[str, Counter] = defaultdict(Counter)
    for acronym, long_form in acronyms:
        if long_form.casefold() not in ignored and acronym.casefold() not in ignored:
            long_forms[acronym][long_form] += 1
    for acronym, options in sorted(long_forms.items()):
        long_form = min(options, key=lambda f: (-options[f], f))
        if acronym not in gz.ABBREVIATIONS:
            components.union(acronym, long_form)
    # An acronym never defined in the text still joins the one organisation whose initials it spells.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words) and words[-1] in gz.ORGANIZATION_WORDS:
            by_initials["".join(w[0] for w in words)].append(name)
    for name in names:
        if name.isupper() and len(name) >= 3 and name not in long_forms and len(by_initials.get(name, ())) == 1:
            components.union(name, by_initials[name][0])


def _join_plurals(names: list[str], info: _Names, components: _Components) -> None:
    """ "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory"; not "Roberts" / "Robert"."""
    surnames = {name.rsplit(" ", 1)[1] for name in names if _person_like(name)}
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None):
            if (singular and singular in info.articles and not gz.is_demonym(singular.split()[-1])
                    and singular not in gz.GIVEN_NAMES and singular not in surnames):
                components.union(singular, name)


def _join_surnames(names: list[str], info: _Names, common_words: frozenset[str], components: _Components) -> None:
    """ "Putin" joins "Vladimir Putin" when it is the only full name ending so, or by far the most common.

    A surname shared by several full names joins none; each of its articles is credited to the one
    full name that article uses, if just one.
    """
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        plain_name = " ".join(w for w in words if not (len(w) == 2 and w.endswith(".")))
        if plain_name != name and plain_name in info.articles:
            components.union(name, plain_name)  # "George W. Bush" is "George Bush"
        elif _person_like(name):
            for cut in range(1, len(words)):
                by_suffix[" ".join(words[cut:])].append(name)
    titled, articles = info.titled, info.articles
    for short, fulls in sorted(by_suffix.items()):
        # "Mr Kennedy" is a person even though Kennedy is also a district of Bogota.
        titled_mostly = titled[short] * 2 >= info.counts[short] > 0
        if (short not in articles or (gz.is_place(short) and not titled_mostly) or short in gz.KNOWN_ORGANIZATIONS
                or short in gz.GIVEN_NAMES or short in common_words):
            continue  # "David" alone is not Craig David; "Windows" alone is not Microsoft Windows
        # Only people are called by their surname: a given name or a title must show it is a person.
        # A shorter full name ("Ann Lee" in "Harbour Master Ann Lee") must itself look like a person.
        if " " not in short:
            fulls = [f for f in fulls if f.split()[0] in gz.GIVEN_NAMES or titled[f] or titled[short]]
        elif not (short.split()[0] in gz.GIVEN_NAMES or titled[short]):
            continue
        if not fulls:
            continue
        longest = max(fulls, key=lambda f: (len(f.split()), f))
        ranked = sorted(fulls, key=lambda f: (-len(articles[f]), f))
        if all(longest.endswith(" " + f) or f == longest for f in fulls):
            target = longest  # "Khamenei", "Ali Khamenei", "Seyed Ali Khamenei" are one
        elif len(articles[ranked[0]]) >= max(3, 3 * len(articles[ranked[1]])):
            target = ranked[0]  # "Michael Howard" in a British politics corpus
        else:
            info.ambiguous.add(short)
            for key in sorted(articles[short]):
                here = [f for f in fulls if key in articles[f]]
                if len(here) == 1:
                    info.extra_articles[here[0]].add(key)
            continue
        components.union(short, target)
        info.surnamed.add(short)


def _make_entities(kept: list[tuple[str, list[str], set[str]]], spec_by_node: dict[str, EntitySpec],
                   specs: Sequence[EntitySpec], info: _Names, ignored: set[str]
                   ) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities for the kept components, the component root -> entity id map, and the surface forms."""
    entities: list[Entity] = []
    entity_of_root: dict[str, str] = {}
    taken = {spec.id for spec in specs}
    ranked_forms: list[tuple[tuple, str, str]] = []
    for root, members, seen in sorted(kept, key=lambda k: _display_name(k[1], info.articles, info.table_names)):
        plain = [m for m in members if not m.startswith(_SPEC)]
        spec = next((spec_by_node[m] for m in members if m in spec_by_node), None)
        if spec is not None:
            entity = Entity(spec.id, spec.name, spec.type,
                            tuple(sorted(set(spec.aliases) | set(plain) - {spec.name})),
                            spec.same_as, spec.description, spec.path)
        else:
            name = _display_name(members, info.articles, info.table_names)
            kind = _entity_type(name, plain, sum(info.counts[m] for m in plain),
                                sum(info.titled[m] for m in plain), bool(info.surnamed & set(plain)))
            entity = Entity(_unique_id(slugify(name), taken), name, kind, tuple(sorted(set(plain) - {name})))
        taken.add(entity.id)
        entity_of_root[root] = entity.id
        entities.append(entity)
        forms = {entity.name, *entity.aliases}
        for member in plain:
            forms |= info.surfaces.get(member, set())
        for form in forms:
            if form.casefold() not in ignored:
                # Entity files win a contested form, then the entity in more articles.
                for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
                    ranked_forms.append(((spec is None, -len(seen), entity.id), variant, entity.id))
    surface_forms: dict[str, str] = {}
    for _, form, entity_id in sorted(ranked_forms):
        surface_forms.setdefault(form, entity_id)
    return entities, entity_of_root, dict(sorted(surface_forms.items()))


def _display_name(members: list[str], name_articles: dict[str, set[str]], table_names: set[str]) -> str:
    plain = [m for m in members if not m.startswith(_SPEC)] or [m[1:] for m in members]
    # The table's name, else a name of several words found in most articles, the shorter on a tie
    # ("Ann Lee" over "Harbour Master Ann Lee", "George Bush" over "George W. Bush").
    return max(plain, key=lambda m: (m in table_names, " " in m and not m.isupper(),
                                     len(name_articles.get(m, ())), -len(m), m))


def _unique_id(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


_END_ONLY_ORGANIZATION_WORDS = frozenset({"United", "Times", "Post", "News", "Front", "Band", "Project"})


def _entity_type(name: str, members: list[str], mentions: int, titled: int, surnamed: bool) -> str:
    words = name.split()
    if titled and titled * 2 >= mentions and name not in gz.KNOWN_ORGANIZATIONS:
        return "person"
    if name in gz.place_names():
        return "place"
    if any(w in gz.OTHER_WORDS for w in words):
        return "other"
    if any(m in gz.KNOWN_ORGANIZATIONS for m in members) or words[-1] in gz.ORGANIZATION_WORDS:
        return "organization"
    if any(w in gz.ORGANIZATION_WORDS and w not in _END_ONLY_ORGANIZATION_WORDS for w in words):
        return "organization"
    if gz.is_place(name) or any(m in gz.place_names() for m in members):
        return "place"
    if titled or surnamed or (len(words) >= 2 and words[0] in gz.GIVEN_NAMES and _person_like(name)):
        return "person"
    if any(m.isupper() and 3 <= len(m) <= 6 for m in members + [name]):
        return "organization"
    return "other"


def unused_entity_files(index: EntityIndex, mentioned_ids: Iterable[str]) -> list[EntityProblem]:
    """Entity files that no article mentions or declares: probably a misspelt name."""
    used = set(mentioned_ids)
    for ids in index.declared.values():
        used.update(ids)
    return [EntityProblem(entity.path, None, f"entity {entity.id!r} is not mentioned by any article",
                          "unused-entity-file")
            for entity in index.entities if entity.path and entity.id not in used]

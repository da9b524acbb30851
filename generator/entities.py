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
# Only capitalised words and dotted abbreviations: the regex engine skips everything else, which
# keeps discovery fast. Connector words between two of them are read from the gap in Python.
_WORD_RE = re.compile(rf"{_UPPER}\.(?:[^\W\d_]\.)+|{_UPPER}\w*(?:['’\-]\w+)*")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-zà-ÿа-яё][\w'’]*")
_DOTTED_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof St Gen Sen Rep Gov Lt Col Capt Sgt Rev Jr Sr Inc Co Corp Ltd Mt Ft".split())
_SENTENCE_BREAKS = frozenset(".!?:;–—-|•“\"‘([«")
_SPACES = " \t\u00a0"
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_CONTRACTION_RE = re.compile(r"['’](m|ve|ll|re|d|t)$")
_CONNECTORS = frozenset({"of", "for", "the"}) | gz.NAME_PARTICLES


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    initial: bool      # first word of a sentence, line or quotation: its capital says nothing
    joined: bool       # follows the previous token with spaces only between


def _tokenize(text: str) -> list[_Token]:
    """The capitalised words of text, and the connector words ("of", "bin") between two of them."""
    tokens: list[_Token] = []
    previous_end = -1
    for match in _WORD_RE.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        before = text[start - 1:start]
        if before.isalnum() or before in ("'", "’"):
            word_start = start - 1
            while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "-'’"):
                word_start -= 1
            head = text[word_start:start]
            if head.endswith("-") and head[:-1] not in gz.NAME_PARTICLES:
                pass  # "pro-Kremlin", "anti-American": the capitalised tail is the name
            elif head.isalpha() and head.islower() or head in ("al-", "el-"):
                word, start = head + word, word_start  # "iPod", "al-Qaeda"
            else:
                continue  # inside a word: "McDonald" was matched from its start already
        elif before == "-" and previous_end == start - 1:
            continue  # second half of "Coca-Cola" matched already
        if previous_end >= 0 and start - previous_end > 2:
            gap = text[previous_end:start]
            connectors = gap.split()
            if (len(gap) < 16 and connectors and all(w in _CONNECTORS for w in connectors)
                    and gap.count(" ") == len(connectors) + 1):
                at = previous_end + 1
                for connector in connectors:
                    tokens.append(_Token(connector, at, at + len(connector), False, True))
                    at += len(connector) + 1
                previous_end = at - 1
        # "Mr." and "W." keep their dot, so the dot does not end the sentence.
        if text[end:end + 1] == "." and (word in _DOTTED_ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            word, end = word + ".", end + 1
        if "-" in word:
            parts = word.split("-")
            if not all(p[:1].isupper() for p in parts):
                word = parts[0]  # "Tehran-backed": the name is the capitalised head
                end = start + len(word)
            elif all(p in gz.place_names() for p in parts):
                # "Iran-Russia cooperation": two names.
                initial = _starts_sentence(text, start)
                for part in parts:
                    tokens.append(_Token(part, start, start + len(part), initial, False))
                    start, initial = start + len(part) + 1, False
                previous_end = end
                continue
        tokens.append(_Token(word, start, end, _starts_sentence(text, start), _joined(text, previous_end, start)))
        previous_end = end
    return tokens


def _joined(text: str, previous_end: int, start: int) -> bool:
    return previous_end >= 0 and start > previous_end and not text[previous_end:start].strip(_SPACES)


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
    return sum(c.isdigit() for c in word) >= 3


# --- corpus statistics ----------------------------------------------------------------------

@dataclass
class _Vocabulary:
    """How often each word appears lower-case, and capitalised away from a sentence start."""
    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)   # capitalised word pairs away from a sentence start

    def add(self, text: str, tokens: Sequence[_Token]) -> None:
        self.lower.update(_LOWER_WORD_RE.findall(text))
        previous = None
        for token in tokens:
            word = token.text
            if token.initial or not word[0].isupper():
                previous = None
                continue
            self.capital[word] += 1
            if previous is not None and token.joined:
                self.pairs[previous, word] += 1
            previous = word

    def is_common_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in gz.STOP_WORDS or self.lower[lowered] > self.capital[word]


# --- mentions in one article ----------------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    name: str          # normalised: titles and possessive stripped, straight apostrophes
    surface: str       # the text as written, for the matcher
    titled: bool       # a title or honorific stood before it: evidence for a person


def _runs(tokens: Sequence[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words, joined over name particles and 'X of Y' heads."""
    runs: list[list[_Token]] = []
    index, count = 0, len(tokens)
    while index < count:
        if not _is_capitalized(tokens[index].text) or _is_digit_junk(tokens[index].text):
            index += 1
            continue
        run = [tokens[index]]
        index += 1
        while index < count:
            token = tokens[index]
            if token.joined and _is_capitalized(token.text) and not _POSSESSIVE_RE.search(run[-1].text):
                run.append(token)
                index += 1
                continue
            bridge = _connector_length(tokens, index, run)
            if not bridge:
                break
            run.extend(tokens[index:index + bridge + 1])
            index += bridge + 1
        runs.append(run)
    return runs


def _connector_length(tokens: Sequence[_Token], index: int, run: list[_Token]) -> int:
    """How many connector words at index lead into a further capitalised word that belongs to run."""
    for length in (1, 2):
        end = index + length
        if end >= len(tokens) or not all(t.joined for t in tokens[index:end + 1]):
            return 0
        words = [t.text for t in tokens[index:end]]
        if not all(w in _CONNECTORS for w in words) or not _is_capitalized(tokens[end].text):
            continue
        head = run[-1].text
        if words[0] in ("of", "for"):
            if head in gz.JOIN_HEADS and not any(t.text in gz.TITLES for t in run):
                return length
        elif words[0] != "the" and len(words) == 1:
            return length
    return 0


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
    return pieces


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


def _article_mentions(tokens: Sequence[_Token], text: str, vocabulary: _Vocabulary
                      ) -> tuple[list[_Mention], list[tuple[str, str]]]:
    """Names mentioned in one article, and the acronyms it defines as (acronym, long form)."""
    mentions: list[_Mention] = []
    acronyms: list[tuple[str, str]] = []
    for run in _runs(tokens):
        # A possessive ends a name: "Iran's Supreme National Security Council" is two names.
        groups: list[list[_Token]] = [[]]
        for token in run:
            groups[-1].append(token)
            if _POSSESSIVE_RE.search(token.text) and len(token.text) > 2:
                groups.append([])
        last_name = None
        for group in filter(None, groups):
            words = [t.text for t in group]
            words[-1] = _POSSESSIVE_RE.sub("", words[-1]) if len(words[-1]) > 2 else words[-1]
            for begin, end, titled in _split_pieces(words):
                start, stop = _clean_piece(words, begin, end, group[0].initial and begin == 0, vocabulary, titled)
                if start == stop:
                    last_name = None
                    continue
                raw_end = group[stop - 1].start + len(words[stop - 1])
                surface = text[group[start].start:raw_end]
                name = " ".join(_normalize_word(w, vocabulary) for w in words[start:stop])
                mentions.append(_Mention(name, surface, titled))
                last_name = name
        acronym = _defined_acronym(run, text)
        if acronym and last_name:
            acronyms.append((acronym, last_name))
    return mentions, acronyms


_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def _defined_acronym(run: list[_Token], text: str) -> str | None:
    match = _ACRONYM_RE.match(text, run[-1].end)
    if not match:
        return None
    acronym = match.group(1)
    capitals = [c for c in acronym if c.isupper()]
    if len(capitals) < 2 or len(capitals) * 2 < len(acronym):
        return None  # "(France)" after a rugby player is not an acronym
    initials = [t.text[0].upper() for t in run if t.text[0].isupper()]
    # The acronym's capitals must be the initials of the name, in order ("Fars News Agency" -> FNA).
    position = 0
    for letter in capitals:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return None
        position += 1
    return acronym if capitals and capitals[0] == initials[0] else None


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
        tokenized = {a.key: _tokenize(a.text) for a in ordered}
        vocabulary = _Vocabulary()
        for article in ordered:
            vocabulary.add(article.text, tokenized[article.key])
        for article in ordered:
            found, defined = _article_mentions(tokenized[article.key], article.text, vocabulary)
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


def _merge(articles: Sequence[ArticleText], specs: Sequence[EntitySpec], mentions: dict[str, list[_Mention]],
           acronyms: list[tuple[str, str]], min_articles: int, ignore: Sequence[str],
           common_words: frozenset[str] = frozenset()) -> EntityIndex:
    ignored = {name.casefold() for name in ignore}
    problems: list[EntityProblem] = []
    name_articles: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    titled: Counter = Counter()
    surfaces: dict[str, set[str]] = defaultdict(set)
    for key, found in mentions.items():
        for mention in found:
            if mention.name.casefold() in ignored or mention.surface.casefold() in ignored:
                continue
            name_articles[mention.name].add(key)
            counts[mention.name] += 1
            titled[mention.name] += mention.titled
            surfaces[mention.name].add(mention.surface)
    names = sorted(name_articles)
    components = _Components()
    for name in names:
        components.find(name)

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

    table_names = set()
    for name in names:
        canonical = gz.ABBREVIATIONS.get(name)
        if canonical is None and "." in name and name.replace(".", "") in name_articles:
            canonical = name.replace(".", "")
        if canonical:
            table_names.add(canonical)
            components.union(name, spec_forms.get(canonical.casefold(), canonical))

    long_forms: dict[str, Counter] = defaultdict(Counter)
    for acronym, long_form in acronyms:
        if long_form.casefold() not in ignored and acronym.casefold() not in ignored:
            long_forms[acronym][long_form] += 1
    for acronym, options in sorted(long_forms.items()):
        long_form = min(options, key=lambda f: (-options[f], f))
        if acronym not in gz.ABBREVIATIONS:
            components.union(acronym, long_form)
            name_articles.setdefault(long_form, set())

    # An acronym never defined in the text still joins the one name whose initials it spells ("FNA").
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words):
            by_initials["".join(w[0] for w in words)].append(name)
    for name in names:
        if name.isupper() and len(name) >= 3 and name not in long_forms and len(by_initials.get(name, ())) == 1:
            components.union(name, by_initials[name][0])

    # Plurals and singulars of one name: "Liberal Democrats" / "Liberal Democrat", "Tories" / "Tory".
    for name in names:
        for singular in (name[:-1] if name.endswith("s") else None,
                         name[:-3] + "y" if name.endswith("ies") else None):
            if singular and singular in name_articles and not gz.is_demonym(singular.split()[-1]):
                components.union(singular, name)

    # Surnames: "Putin" joins "Vladimir Putin" when no other full name ends that way.
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        plain_name = " ".join(w for w in words if not (len(w) == 2 and w.endswith(".")))
        if plain_name != name and plain_name in name_articles:
            components.union(name, plain_name)  # "George W. Bush" is "George Bush"
            continue
        if _person_like(name):
            words = name.split()
            for cut in range(1, len(words)):
                by_suffix[" ".join(words[cut:])].append(name)
    surnamed: set[str] = set()
    ambiguous: set[str] = set()
    extra_articles: dict[str, set[str]] = defaultdict(set)
    for short, fulls in sorted(by_suffix.items()):
        if (short not in name_articles or gz.is_place(short) or short in gz.KNOWN_ORGANIZATIONS
                or short in gz.GIVEN_NAMES or short in common_words):
            continue  # "David" alone is not Craig David; "Windows" alone is not Microsoft Windows
        longest = max(fulls, key=lambda f: (len(f.split()), f))
        if all(longest.endswith(" " + f) or f == longest for f in fulls):
            components.union(short, longest)
            surnamed.add(short)
            continue
        ranked = sorted(fulls, key=lambda f: (-len(name_articles[f]), f))
        if len(name_articles[ranked[0]]) >= max(3, 3 * len(name_articles[ranked[1]])):
            # One full name dominates the corpus ("Michael Howard" in a British politics corpus).
            components.union(short, ranked[0])
            surnamed.add(short)
            continue
        ambiguous.add(short)
        for key in sorted(name_articles[short]):  # ambiguous overall: decide article by article
            here = [f for f in fulls if key in name_articles[f]]
            if len(here) == 1:
                extra_articles[here[0]].add(key)

    groups = components.groups()
    root_of = {member: root for root, members in groups.items() for member in members}
    member_forms = {member.casefold(): root for member, root in root_of.items() if not member.startswith(_SPEC)}
    member_forms.update({form: root_of[node] for form, node in spec_forms.items()})

    declared: dict[str, tuple[str, ...]] = {}
    declared_roots: set[str] = set()
    declared_by_article: dict[str, list[str]] = {}
    for article in articles:
        roots = []
        for name in article.declared:
            root = member_forms.get(name.casefold())
            if root is None:
                problems.append(EntityProblem(article.path or article.key, article.declared_line,
                                              f"entities: name {name!r} matches nothing", "unmatched-name"))
                components.find(name)
                root_of[name] = member_forms[name.casefold()] = root = name
                groups[name] = [name]
            roots.append(root)
            declared_roots.add(root)
        declared_by_article[article.key] = roots

    spec_by_node = {_SPEC + spec.id: spec for spec in specs}
    kept: list[tuple[str, list[str], set[str]]] = []
    for root, members in sorted(groups.items()):
        plain = [m for m in members if not m.startswith(_SPEC)]
        seen: set[str] = set()
        for member in plain:
            seen |= name_articles.get(member, set()) | extra_articles.get(member, set())
        is_spec = any(m in spec_by_node for m in members)
        # A lone given name ("Frank") could be anyone; it is kept only when merged with a full name.
        only_given = all(m in gz.GIVEN_NAMES or m in ambiguous for m in plain)
        if is_spec or root in declared_roots or (len(seen) >= min_articles and not only_given):
            kept.append((root, members, seen))

    entities: list[Entity] = []
    entity_of_root: dict[str, str] = {}
    taken = {spec.id for spec in specs}
    ranked_forms: list[tuple[tuple, str, str]] = []
    for root, members, seen in sorted(kept, key=lambda k: _display_name(k[1], name_articles, table_names)):
        plain = [m for m in members if not m.startswith(_SPEC)]
        spec = next((spec_by_node[m] for m in members if m in spec_by_node), None)
        if spec is not None:
            entity = Entity(spec.id, spec.name, spec.type,
                            tuple(sorted(set(spec.aliases) | set(plain) - {spec.name})),
                            spec.same_as, spec.description, spec.path)
        else:
            name = _display_name(members, name_articles, table_names)
            entity_id = _unique_id(slugify(name), taken)
            kind = _entity_type(name, plain, sum(counts[m] for m in plain), sum(titled[m] for m in plain),
                                bool(surnamed & set(plain)))
            entity = Entity(entity_id, name, kind, tuple(sorted(set(plain) - {name})))
        taken.add(entity.id)
        entity_of_root[root] = entity.id
        entities.append(entity)
        forms = {entity.name, *entity.aliases}
        for member in plain:
            forms |= surfaces.get(member, set())
        for form in forms:
            if form.casefold() in ignored:
                continue
            for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
                ranked_forms.append(((spec is None, -len(seen), entity.id), variant, entity.id))
    surface_forms: dict[str, str] = {}
    for _, form, entity_id in sorted(ranked_forms):
        surface_forms.setdefault(form, entity_id)
    for key, roots in declared_by_article.items():
        declared[key] = tuple(dict.fromkeys(entity_of_root[r] for r in roots if r in entity_of_root))
    return EntityIndex(tuple(sorted(entities, key=lambda e: e.id)), dict(sorted(surface_forms.items())),
                       declared, tuple(problems))


def _display_name(members: list[str], name_articles: dict[str, set[str]], table_names: set[str]) -> str:
    plain = [m for m in members if not m.startswith(_SPEC)] or [m[1:] for m in members]
    return max(plain, key=lambda m: (m in table_names, " " in m and not m.isupper(),
                                     len(name_articles.get(m, ())), len(m), m))


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

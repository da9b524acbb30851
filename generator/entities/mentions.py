"""Find entity mentions in text with one Aho-Corasick automaton, and link them in Markdown's element tree."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable, Mapping

import ahocorasick
import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from .text import SPEAKER_LABEL, credit_spans, without_credit


@dataclass(frozen=True)
class MentionStat:
    count: int
    first_sentence: str


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _slashed(text: str, start: int, end: int) -> bool:
    """ "Nip/Tuck", "AC/DC": a name joined to a word by a slash is part of another name."""
    return ((start > 1 and text[start - 1] == "/" and text[start - 2].isalnum())
            or (end + 1 < len(text) and text[end] == "/" and text[end + 1].isalnum()))


def _is_unspaced_script(char: str) -> bool:
    """Chinese, Japanese and Thai do not put spaces between words, so no boundary can be asked for."""
    if not char:
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "HANGUL SYLLABLE"))


class MentionMatcher:
    """Leftmost-longest, non-overlapping, case-sensitive matching of surface forms on word boundaries.

    `local_forms` overrides the forms in one article (article key -> form -> entity id, "" for none):
    a bare surname means the person that article names in full.

    The automaton is rebuilt on unpickling instead of pickled: building it for 5,000 entities takes
    a few milliseconds, and that keeps the pickle independent of the pyahocorasick version.
    """

    def __init__(self, surface_forms: Mapping[str, str], local_forms: Mapping[str, Mapping[str, str]] | None = None):
        self.surface_forms = dict(surface_forms)
        self.local_forms = {key: dict(forms) for key, forms in (local_forms or {}).items()}
        self._automaton = ahocorasick.Automaton()
        local_only = {form for forms in self.local_forms.values() for form in forms} - self.surface_forms.keys()
        # A form of another article only is None here; a form mapped to "" is a longer name that is no
        # entity ("Bank of England" is not England): it takes its span, and links nothing.
        for form, entity_id in [*self.surface_forms.items(), *((form, None) for form in sorted(local_only))]:
            if form.strip():
                self._automaton.add_word(form, (len(form), entity_id, form))
        if len(self._automaton):
            self._automaton.make_automaton()

    def __getstate__(self) -> dict:
        return {"surface_forms": self.surface_forms, "local_forms": self.local_forms}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["surface_forms"], state.get("local_forms"))

    def all_forms(self) -> dict[str, str]:
        """Every form that links somewhere, in some article: the global forms and the local ones."""
        forms = dict(self.surface_forms)
        for key in sorted(self.local_forms):
            for form, entity_id in self.local_forms[key].items():
                if entity_id:
                    forms.setdefault(form, entity_id)
        return forms

    def find(self, text: str, article: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, entity_id) of each mention in text, in order; `article` is the key of the
        article the text is from, for its local forms."""
        if not len(self._automaton) or not text:
            return []
        local = self.local_forms.get(article) if article is not None else None
        slashes = "/" in text
        candidates = []
        for last, (length, entity_id, form) in self._automaton.iter(text):
            if local is not None:
                entity_id = local.get(form, entity_id)
            if entity_id is None:
                continue
            start, end = last - length + 1, last + 1
            # Cheap test first: most matches sit between spaces or punctuation.
            if ((start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
                    or self._bounded(text, start, end)) and not (slashes and _slashed(text, start, end)):
                candidates.append((start, -end, entity_id))
        candidates.sort()
        found: list[tuple[int, int, str]] = []
        reached = 0
        for start, negative_end, entity_id in candidates:
            if start >= reached:
                if entity_id:
                    found.append((start, -negative_end, entity_id))
                reached = -negative_end
        return found

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before and _is_word_char(before) and _is_word_char(text[start]):
            if not (_is_unspaced_script(before) or _is_unspaced_script(text[start])):
                return False
        if after and _is_word_char(after) and _is_word_char(text[end - 1]):
            if not (_is_unspaced_script(after) or _is_unspaced_script(text[end - 1])):
                return False
        return True


# Inline placeholders that Python-Markdown leaves in the tree until its last treeprocessors run:
# stashed raw HTML and entities ("\x02wzxhzdk:3\x03") and backslash-escaped characters ("\x0242\x03").
_PLACEHOLDER_RE = re.compile(f"{STX}[^{STX}{ETX}]*{ETX}")
_SKIPPED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4",
                           "h5", "h6", "svg", "math"})
_BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "blockquote", "figcaption", "caption",
                         "div", "section", "article", "aside", "summary"})
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*\s+")
SENTENCE_LIMIT = 300


_STRAIGHT = {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'}


class _View:
    """Text with each placeholder shown as the one character it stands for, and a map back to the text.

    Linking runs after smarty, so "O'Brien" arrives as "O", a placeholder for &rsquo;, "Brien". Matching
    the view keeps such names whole (smart quotes read as the straight ones they were written as);
    stashed raw HTML reads as a NUL, which no name contains.
    """

    def __init__(self, text: str, stash: list):
        pieces: list[str] = []
        self.view_at: list[int] = []   # view offset of each anchor
        self.text_at: list[int] = []   # the text offset it stands for
        cursor = 0
        length = 0
        for match in _PLACEHOLDER_RE.finditer(text):
            start, end = match.span()
            pieces.append(text[cursor:start])
            length += start - cursor
            pieces.append(_stands_for(match.group()[1:-1], stash))
            self.view_at += [length, length + 1]
            self.text_at += [start, end]
            length += 1
            cursor = end
        pieces.append(text[cursor:])
        self.text = "".join(pieces)

    def to_text(self, offset: int) -> int:
        anchor = bisect.bisect_right(self.view_at, offset) - 1
        if anchor < 0:
            return offset
        return self.text_at[anchor] + offset - self.view_at[anchor]


def _stands_for(inner: str, stash: list) -> str:
    if inner.isdigit():                      # a backslash escape keeps its character's code point
        return chr(int(inner))
    if inner.startswith("wzxhzdk:") and inner[8:].isdigit() and int(inner[8:]) < len(stash):
        char = html.unescape(str(stash[int(inner[8:])]))
        if len(char) == 1:
            return _STRAIGHT.get(char, char)
    return "\0"


def _skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
        return True
    return "toc" in (element.get("class") or "")


class MentionTreeprocessor(Treeprocessor):
    """Wraps entity mentions in <a class="entity"> and counts them; one walk over the tree."""

    def __init__(self, md: markdown.Markdown, extension: "MentionExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.reset()
        self.extension.found = {}
        self._blocks: list[etree.Element] = [root]
        # An interview's speaker labels ("Wikinews: How did...") are not names of its text; they are
        # told from prose by recurring, as discovery tells them (entity_text.discovery_text).
        self._labels = sum(1 for p in root.iter("p") if p.text and ":" in p.text[:48] and SPEAKER_LABEL.match(p.text)) >= 2
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        is_block = element.tag in _BLOCK_TAGS
        if is_block:
            self._blocks.append(element)
        children = list(element)  # before linking element.text adds children of its own
        if element.text:
            element.text = self._link(element.text, element, 0)
        for child in children:
            if not _skipped(child):
                self._walk(child)
            if child.tail:
                child.tail = self._link(child.tail, element, list(element).index(child) + 1)
        if is_block:
            self._blocks.pop()

    def _link(self, text: str, parent: etree.Element, position: int) -> str:
        """Link the mentions in text, which sits in parent before its child number position."""
        view = _View(text, self.md.htmlStash.rawHtmlBlocks) if STX in text else None
        matches = self.extension.matcher.find(view.text if view else text, self.extension.article)
        if matches and self._labels and position == 0 and parent.tag == "p":
            label = SPEAKER_LABEL.match(view.text if view else text)
            if label:
                matches = [m for m in matches if m[0] >= label.end()]
        if matches and ": " in text:
            credits = credit_spans(view.text if view else text)
            if credits:
                matches = [m for m in matches if not any(start <= m[0] < end for start, end in credits)]
        if not matches:
            return text
        if view:
            matches = [(view.to_text(start), view.to_text(end), entity_id) for start, end, entity_id in matches]
        found = self.extension.found
        pieces: list[etree.Element] = []
        head, cursor = text, 0
        for start, end, entity_id in matches:
            seen = entity_id in found
            if seen and not self.extension.link_all:
                found[entity_id][0] += 1
                continue
            link = etree.Element("a", {"href": self.extension.href_for(entity_id), "class": "entity",
                                       "data-entity": entity_id})
            link.text = text[start:end]
            if seen:
                found[entity_id][0] += 1
            else:
                found[entity_id] = [1, self._blocks[-1], link]
            if pieces:
                pieces[-1].tail = text[cursor:start]
            else:
                head = text[cursor:start]
            pieces.append(link)
            cursor = end
        if pieces:
            pieces[-1].tail = text[cursor:]
            for index, link in enumerate(pieces):
                parent.insert(position + index, link)
        return head


class MentionSentenceTreeprocessor(Treeprocessor):
    """Reads the sentence around each first mention, after smarty has set the quotes."""

    def __init__(self, md: markdown.Markdown, extension: "MentionExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        found = self.extension.found
        by_block: dict[int, list[str]] = {}
        for entity_id, (_, block, _) in sorted(found.items()):
            by_block.setdefault(id(block), []).append(entity_id)
        sentences: dict[str, str] = {}
        for entity_ids in by_block.values():
            block = found[entity_ids[0]][1]
            text, offsets = _block_text(block)
            breaks = list(_SENTENCE_END_RE.finditer(text))
            ends = [m.start() + len(m.group().rstrip()) for m in breaks] + [len(text)]
            starts = [0] + [m.end() for m in breaks]
            plain: dict[int, str] = {}  # several entities often share a sentence
            for entity_id in entity_ids:
                # The sentence is the first one whose end lies after the mention's start.
                number = bisect.bisect_right(ends, offsets.get(id(found[entity_id][2]), 0))
                number = min(number, len(ends) - 1)
                if number not in plain:
                    plain[number] = _plain(text[starts[number]:ends[number]], self.md)
                sentences[entity_id] = plain[number]
        self.extension.mentions = {entity_id: MentionStat(count, sentences[entity_id])
                                   for entity_id, (count, _, _) in sorted(found.items())}
        self.extension.found = {}


def _block_text(block: etree.Element) -> tuple[str, dict[int, int]]:
    """The block's text in document order, and the offset at which each descendant starts."""
    pieces: list[str] = []
    offsets: dict[int, int] = {}
    length = 0

    def visit(element: etree.Element) -> None:
        nonlocal length
        offsets[id(element)] = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            visit(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    visit(block)
    return "".join(pieces), offsets


def _plain(text: str, md: markdown.Markdown) -> str:
    """Placeholders resolved to their characters, tags dropped, whitespace collapsed, a picture credit cut, trimmed."""
    def resolve(match: re.Match) -> str:
        inner = match.group()[1:-1]
        if inner.isdigit():
            return chr(int(inner))
        if inner.startswith("wzxhzdk:"):
            try:
                stashed = str(md.htmlStash.rawHtmlBlocks[int(inner[8:])])
            except (IndexError, ValueError):
                return ""
            return html.unescape(re.sub(r"<[^>]*>", "", stashed))
        return ""
    if STX in text:
        text = _PLACEHOLDER_RE.sub(resolve, text)
    text = without_credit(" ".join(text.split()))
    if len(text) > SENTENCE_LIMIT:
        text = text[: SENTENCE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return text


class MentionExtension(markdown.Extension):
    """Python-Markdown extension: after md.convert(), .mentions maps entity id -> MentionStat."""

    # Below 'inline' (20), so links and code spans exist as elements, and below smarty's own inline
    # pass (6 in Python-Markdown 3.11): linking first would hand smarty two more runs of text per
    # link, which made a body about 40% slower. Above 'unescape' (0), so placeholders are still
    # intact and kept whole inside links. Sentences are read at priority 1, with typographic quotes.
    PRIORITY = 1.5

    def __init__(self, matcher: MentionMatcher, href_for: Callable[[str], str], link_all: bool = False):
        super().__init__()
        self.matcher = matcher
        self.href_for = href_for
        self.link_all = link_all
        self.article: str | None = None  # the key of the article being converted, for its local forms
        self.mentions: dict[str, MentionStat] = {}
        self.found: dict[str, list] = {}  # entity id -> [count, block, first link], during one conversion

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.treeprocessors.register(MentionTreeprocessor(md, self), "entity_mentions", self.PRIORITY)
        md.treeprocessors.register(MentionSentenceTreeprocessor(md, self), "entity_sentences", 1)

    def reset(self) -> None:
        self.mentions = {}

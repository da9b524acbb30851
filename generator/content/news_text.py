"""A copied news text as a Markdown article (pure): its headline, dateline, debris and agency, escaped
Markdown and front matter with provenance. `dossier import` (importer.py) reads and writes the files."""


from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import yaml

from . import dateline
from .import_metadata import FileMetadata

TEXT_SUFFIXES = (".txt", ".text")  # what a folder import picks up; named files are read whatever they are called
FRONT_MATTER_ORDER = ("title", "date", "source", "publisher", "place", "author", "tags", "url", "license",
                      "imported_from", "sha256")
MAX_HEADLINE = 200  # a longer first line is a paragraph, not a headline

# Aggregator debris. A marker paragraph ("Check Also") ends the article: what follows is a teaser
# for another story. A marker with a short teaser after a colon is dropped on its own.
_END_MARKER = re.compile(
    r"(?:check also|read more|read also|also read|see also|related(?: articles| stories| posts| news| content)?"
    r"|more on this story|share this(?: article| story)?|you may also like|recommended(?: for you)?"
    r"|most read|trending now)\s*:?",
    re.IGNORECASE,
)
_MARKER_WITH_TEASER = re.compile(r"(?:check also|read more|read also|also read|see also|related)\s*:\s*.{1,200}", re.IGNORECASE | re.S)
_JUNK_PARAGRAPH = re.compile(
    r"(?:advertisement|advertising|sponsored content|share|tweet|print|e-?mail|facebook|twitter|whatsapp|linkedin"
    r"|pinterest|reddit|share on (?:facebook|twitter))\s*:?",
    re.IGNORECASE,
)
_IMAGE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|tiff?)", re.IGNORECASE)  # cheap test before the costly ones
_IMAGE_FILE = r"[\w-]+(?:\.[\w-]+)*\.(?i:jpe?g|png|gif|webp|bmp|tiff?)"
_IMAGE_ONLY = re.compile(rf"(?:{_IMAGE_FILE}\s*)+")
# Only where the name is glued to the next word ("A00150997.jpgTEHRAN") or opens the paragraph;
# "he posted cat.jpg online" is a sentence, not debris.
_IMAGE_AT_START = re.compile(rf"^{_IMAGE_FILE}\s*(?=[A-Z\"'\u201c\u2018])")
_IMAGE_GLUED = re.compile(rf"(?<!\S){_IMAGE_FILE}(?=[A-Z\"'\u201c\u2018])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Missing space after a full stop: "November 23.During" -> "November 23. During".
_STOP_BEFORE_CAPITAL = re.compile(r"[.!?](?:[\"'\u201d\u2019)](?=[A-Z])|(?=[\u201c\u2018]?[A-Z]))")
_SENTENCE_STARTERS = frozenset(
    "A An And As At After Also Although According Before But By During Earlier For He Her His How However I If In "
    "It Its Last Later Many Meanwhile Most Mr Mrs Ms Dr Now On One Our She So Some Still Such That The Their Then "
    "There These They This Those Today We What When While Who Why Yet Yesterday You".split()
)
_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr St Mt Jr Sr Prof Gen Col Capt Lt Sgt Gov Sen Rep Rev No Inc Ltd Co Corp".split())

_INLINE_ESCAPES = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "{": "\\{", "}": "\\}", "[": "\\[", "]": "\\]",
    "|": "\\|", "<": "&lt;", ">": "&gt;",
})
# Python-Markdown escapes a bare "&" itself; only one that starts a character reference must be escaped.
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
# Characters that only mean something at the start of a block; ':' (definition list) and '~' (fence)
# are not backslash-escapable in Python-Markdown, so they become character references.
_BLOCK_START_ESCAPES = {"#": "\\#", "+": "\\+", "-": "\\-", "!": "\\!", "=": "&#61;", ":": "&#58;", "~": "&#126;"}
_ORDERED_LIST_START = re.compile(r"(\d+)\.(?=\s|$)")


@dataclass(frozen=True)
class RawArticle:
    """One imported text after parsing: plain-text fields and paragraphs, not yet Markdown."""

    title: str
    publisher: str = ""
    date: dt.date | None = None
    place: str = ""
    source: str = ""
    paragraphs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    agency: str = ""  # the agency as the dateline wrote it ("FNA"), so a batch can expand it later
    url: str = ""     # the rest comes only from a metadata file
    authors: tuple[str, ...] = ()
    license: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    imported: int = 0
    skipped: int = 0
    duplicates: int = 0
    warnings: int = 0
    errors: int = 0

    def line(self, dry_run: bool = False) -> str:
        verb = "would import" if dry_run else "imported"
        tail = " (dry run: nothing written)" if dry_run else ""
        return (f"{verb} {self.imported}, skipped {self.skipped}, duplicates {self.duplicates}, "
                f"warnings {self.warnings}, errors {self.errors}{tail}")


# ---------------------------------------------------------------- parsing (pure)


def parse_raw_article(text: str, *, source: str | None = None) -> RawArticle:
    """Headline, dateline and cleaned paragraphs of one copied news text."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    headline, paragraphs = split_headline(text)
    warnings = []
    title, publisher = dateline.split_publisher(headline) if headline else ("", "")
    if not title:
        warnings.append("no title found")
    paragraphs = drop_debris(paragraphs)
    found, paragraphs = find_dateline(paragraphs, title)
    paragraphs = [restore_sentence_spaces(p) for p in paragraphs]
    if found and found.date_text and not found.date:
        warnings.append(f'dateline date "{found.date_text}" is not a complete date; left out')
    elif not (found and found.date):
        warnings.append("no date found")
    if not paragraphs:
        warnings.append("empty body")
    agency = found.agency if found else ""
    return RawArticle(
        title=title,
        publisher=publisher,
        date=found.date if found else None,
        place=found.place if found else "",
        source=dateline.agency_name(agency, dateline.learn_agencies(text)) if agency else (source or ""),
        paragraphs=tuple(paragraphs),
        warnings=tuple(warnings),
        agency=agency,
    )


def apply_metadata(article: RawArticle, row: FileMetadata) -> RawArticle:
    """The article with a metadata row's values, which win over what the text seemed to say."""
    given = {name: getattr(row, name) for name in ("title", "date", "url", "authors", "license", "source", "tags")
             if getattr(row, name)}
    warnings = article.warnings
    if row.date:
        warnings = tuple(w for w in warnings if "date" not in w)
    if row.title:
        warnings = tuple(w for w in warnings if w != "no title found")
    return replace(article, **given, warnings=warnings)


def split_headline(text: str) -> tuple[str, list[str]]:
    """The first line as headline (unless it is too long to be one) and the rest as one-line paragraphs."""
    lines = text.strip().split("\n")
    headline = _IMAGE_AT_START.sub("", lines[0].strip(), count=1).strip()
    rest = lines[1:]
    if len(headline) > MAX_HEADLINE:
        headline, rest = "", lines
    if any(not line.strip() for line in rest):
        blocks = re.split(r"\n[ \t\u00a0]*\n", "\n".join(rest))
    else:
        blocks = rest  # no blank lines at all: the copy kept one paragraph per line
    paragraphs = (" ".join(block.split()) for block in blocks)
    return " ".join(headline.split()), [p for p in paragraphs if p]


def drop_debris(paragraphs: Iterable[str]) -> list[str]:
    """Drop image file names, share buttons and "Check Also" teasers; keep every paragraph of the story."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if _END_MARKER.fullmatch(paragraph):
            if kept:
                break
            continue
        if _JUNK_PARAGRAPH.fullmatch(paragraph) or (kept and _MARKER_WITH_TEASER.fullmatch(paragraph)):
            continue
        if _IMAGE_SUFFIX.search(paragraph):
            if _IMAGE_ONLY.fullmatch(paragraph):
                continue
            paragraph = _IMAGE_GLUED.sub("", _IMAGE_AT_START.sub("", paragraph, count=1)).strip()
        if paragraph:
            kept.append(paragraph)
    return kept


def find_dateline(paragraphs: list[str], title: str) -> tuple[dateline.Dateline | None, list[str]]:
    """The dateline among the first paragraphs, and the paragraphs with it (and any repeated headline) removed."""
    remaining = list(paragraphs)
    index = 0
    while index < min(3, len(remaining)):
        paragraph = remaining[index]
        if index < 2 and title and dateline.same_words(paragraph, title):
            del remaining[index]  # Wikinews repeats the headline above the date
            continue
        found = dateline.parse_agency_dateline(paragraph) or dateline.parse_wikinews_dateline(paragraph, title)
        if found:
            remaining[index:index + 1] = [found.rest] if found.rest else []
            return found, remaining
        index += 1
    return None, remaining


def restore_sentence_spaces(text: str) -> str:
    """Insert the space a copy lost after a sentence ("policy.”He"), not inside "U.S.A", "Mr.Benn" or "Bungie.Org"."""
    pieces, last = [], 0
    for match in _STOP_BEFORE_CAPITAL.finditer(text):
        start = text.rfind(" ", 0, match.start()) + 1
        end_match = re.compile(r"\S*").match(text, match.end())
        if _is_sentence_end(text[start:match.start()], text[match.end():end_match.end()]):
            pieces.append(text[last:match.end()] + " ")
            last = match.end()
    return "".join(pieces) + text[last:]


def _is_sentence_end(before: str, after: str) -> bool:
    word = before.strip("\"'(\u201c\u2018)\u201d\u2019")
    following = re.sub(r"[^\w.'\u2019-]+$", "", after.lstrip("\u201c\u2018")).rstrip(".")
    if len(word) < 2 and not word.isdigit() or "." in word or "/" in word or "@" in word or word.lower().startswith("www") or "." in following:
        return False  # an abbreviation chain, a URL or a dotted name
    if following in _SENTENCE_STARTERS:
        return word not in _ABBREVIATIONS
    starts_word = re.match(r"[A-Z][a-z]", following) is not None
    return starts_word and (word.isdigit() or (len(word) >= 2 and word.isalpha() and word.islower()))


# ---------------------------------------------------------------- rendering (pure)


def escape_markdown(paragraph: str) -> str:
    """Plain text as Markdown that renders as the same text: no live HTML, links, lists or headings."""
    text = _ENTITY_START.sub("&amp;", paragraph).translate(_INLINE_ESCAPES)
    ordered = _ORDERED_LIST_START.match(text)
    if ordered:
        return f"{ordered[1]}\\.{text[ordered.end():]}"
    if text[:1] in _BLOCK_START_ESCAPES:
        return _BLOCK_START_ESCAPES[text[0]] + text[1:]
    return text


def render_article(raw: RawArticle, *, imported_from: str, sha256: str) -> str:
    """The full Markdown file: YAML front matter in a fixed key order, a blank line, escaped paragraphs."""
    values = {
        "title": raw.title or title_from_path(imported_from),
        "date": raw.date,
        "source": raw.source,
        "publisher": raw.publisher,
        "place": raw.place,
        "author": raw.authors[0] if len(raw.authors) == 1 else list(raw.authors),
        "tags": list(raw.tags),
        "url": raw.url,
        "license": raw.license,
        "imported_from": imported_from,
        "sha256": sha256,
    }
    lines = [_yaml_line(key, values[key]) for key in FRONT_MATTER_ORDER if values.get(key)]
    body = "\n\n".join(escape_markdown(p) for p in raw.paragraphs)
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + ("\n" if body else "")


# Strings that YAML reads back as the same plain string; anything else goes through yaml.safe_dump,
# which is slow enough (about 1 ms a call) to matter for thousands of files.
_PLAIN_YAML = re.compile(r"[^\W\d_][\w ,.'\u2019()!?&%\u00a3$/+-]*[\w.)!?'\u2019]|[0-9a-f]{64}")
_YAML_WORDS = frozenset("y n yes no on off true false null".split())


def _yaml_line(key: str, value: object) -> str:
    if isinstance(value, dt.date):
        return f"{key}: {value.isoformat()}"
    if isinstance(value, list):
        return yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=None, width=1_000_000).rstrip("\n")
    if isinstance(value, str) and _PLAIN_YAML.fullmatch(value) and value.lower() not in _YAML_WORDS \
            and not value.isdigit() and not re.fullmatch(r"[0-9]+e[0-9]+|[0-9]*\.?[0-9]+", value):
        return f"{key}: {value}"
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1_000_000).rstrip("\n")


def title_from_path(imported_from: str) -> str:
    return " ".join(re.split(r"[\s_-]+", Path(imported_from).stem)).strip() or "Untitled"


def expand_batch_agencies(articles: Iterable[RawArticle], texts: Iterable[str]) -> dict[str, str]:
    """Acronym expansions the batch teaches: spelled out in a text, or a full name in another dateline."""
    learned: dict[str, str] = {}
    for text in texts:
        learned.update(dateline.learn_agencies(text))
    for article in articles:
        if " " in article.agency:
            learned.setdefault(dateline.initials(article.agency), article.agency)
    return learned

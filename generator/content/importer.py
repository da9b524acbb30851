"""`build.py import`: turn copied news texts into Markdown articles with provenance; parsing and rendering are pure."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

import yaml

from . import dateline, urls
from .import_metadata import FileMetadata, metadata_tables, unused_rows
from .text_decoding import NotText, decode_text

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
        "title": raw.title or _title_from_path(imported_from),
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


def _title_from_path(imported_from: str) -> str:
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


# ---------------------------------------------------------------- the command (reads and writes files)


@dataclass(frozen=True)
class _Existing:
    """An article already in the target folder, as far as re-imports need to know it."""

    path: Path
    imported_from: str
    sha256: str


@dataclass(frozen=True)
class _Planned:
    """What the command will do with one input; `article` is set for the ones it writes."""

    shown: str
    status: str                        # "import", "rewrite", "skip", "duplicate", "error"
    message: str = ""
    sha256: str = ""
    text: str = ""
    article: RawArticle | None = None
    target: Path | None = None
    warnings: tuple[str, ...] = ()
    origin: str = ""                   # imported_from: the path below the import root, with its name
    metadata: str = ""                 # "metadata.tsv:4" when a metadata row was applied


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Arguments of `build.py import`."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="text files, or folders searched recursively for *.txt files")
    parser.add_argument("--into", type=Path, default=None, metavar="DIR",
                        help="folder to write the Markdown articles to (default: the content folder)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    parser.add_argument("--force", action="store_true", help="rewrite articles whose input was imported before")
    parser.add_argument("--source", default=None, metavar="NAME",
                        help="source for articles whose text names no agency, e.g. \"BBC News\"")
    parser.add_argument("--metadata", type=Path, default=None, metavar="FILE",
                        help="a .tsv, .csv or .json file of title, date, url, author, license, source and tags per "
                             "input file (default: metadata.tsv, .csv or .json at the top of an imported folder)")


def run_import(paths: list[Path], into: Path, *, dry_run: bool = False, force: bool = False,
               source: str | None = None, metadata: Path | None = None,
               out: Callable[[str], None] = print) -> ImportSummary:
    """Import every input into `into`: read and parse all of them, then write; one report line each.

    A metadata file with errors stops the import before anything is written; every problem is listed.
    """
    inputs = _collect_inputs(paths)
    tables, problems = metadata_tables(paths, metadata, _shown_path)
    if any(p.level == "error" for p in problems):
        for problem in problems:
            out(str(problem))
        summary = ImportSummary(warnings=sum(p.level == "warning" for p in problems),
                                errors=sum(p.level == "error" for p in problems))
        out(summary.line(dry_run) + "; nothing imported: fix the metadata file first")
        return summary
    existing = _read_existing(into)
    by_sha, by_origin = _index(existing, "sha256"), _index(existing, "imported_from")
    plans, used = [], set()
    for path, shown, origin, folder in inputs:
        table = "" if metadata is not None else folder
        key, row = tables[table].for_file(path) if table in tables else (None, None)
        if row is not None:
            used.add((table, key))
        plans.append(_plan_one(path, shown, origin, row, tables[table].shown if row else "", by_sha, by_origin,
                               force, source))
    problems += unused_rows(tables, used, metadata is None)
    for problem in problems:
        out(str(problem))
    plans = _mark_batch_duplicates(plans)
    learned = expand_batch_agencies([p.article for p in plans if p.article], [p.text for p in plans if p.article])
    plans = _assign_targets([_expand_agency(p, learned) for p in plans], into, existing)
    for index, plan in enumerate(plans):
        if plan.target and not dry_run:
            try:
                into.mkdir(parents=True, exist_ok=True)
                rendered = render_article(plan.article, imported_from=plan.origin, sha256=plan.sha256)
                plan.target.write_text(rendered, encoding="utf-8")
            except OSError as exc:
                plan = plans[index] = _Planned(plan.shown, "error", f"cannot write {_shown_path(plan.target)}: {exc.strerror}")
        out(_report_line(plan, dry_run))
    summary = ImportSummary(
        imported=sum(p.status in ("import", "rewrite") for p in plans),
        skipped=sum(p.status == "skip" for p in plans),
        duplicates=sum(p.status == "duplicate" for p in plans),
        warnings=sum(len(p.warnings) for p in plans) + len(problems),
        errors=sum(p.status == "error" for p in plans),
    )
    out(summary.line(dry_run))
    return summary


def _collect_inputs(paths: Iterable[Path]) -> list[tuple[Path, str, str, str]]:
    """(path, path as shown, origin, metadata table key) for each input file, folders expanded in name
    order, each file once. The origin, stored as `imported_from`, is the path below the import root
    (the folder given, or a given file's folder) under that root's name: the same from any working folder."""
    seen, found = set(), []
    for given in paths:
        is_dir = given.is_dir()
        files = (sorted(p for p in given.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                        and not any(part.startswith(".") for part in p.relative_to(given).parts))
                 if is_dir else [given])
        root = Path(os.path.abspath(given if is_dir else given.parent))
        for path in files:
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                origin = (Path(root.name) / Path(key).relative_to(root)).as_posix()
                found.append((path, _shown_path(path), origin, os.path.abspath(given) if is_dir else ""))
    return found


def _shown_path(path: Path) -> str:
    """The path relative to the working folder, with forward slashes; absolute only when no relative path exists."""
    try:
        return Path(os.path.relpath(os.path.abspath(path))).as_posix()
    except ValueError:
        return path.as_posix()


_FRONT_FIELD = re.compile(r"^(imported_from|sha256):[ \t]*(.+)$", re.MULTILINE)


def _read_existing(into: Path) -> list[_Existing]:
    """Articles in `into` with their provenance fields; only the two lines we need are parsed."""
    found = []
    for path in sorted(into.rglob("*.md")) if into.is_dir() else []:
        try:
            if not path.is_file():
                raise IsADirectoryError   # a named pipe would block the read; the build reports it
            head = path.read_text(encoding="utf-8", errors="replace")[:4000].split("\n---", 1)[0]
        except OSError:
            head = ""  # still a taken file name; the build will report the unreadable file
        fields = {key: _yaml_value(value) for key, value in _FRONT_FIELD.findall(head)}
        found.append(_Existing(path, fields.get("imported_from", ""), fields.get("sha256", "")))
    return found


def _yaml_value(text: str) -> str:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text.strip()
    return "" if value is None else str(value)


def _index(existing: list[_Existing], key: str) -> dict[str, list[_Existing]]:
    index: dict[str, list[_Existing]] = {}
    for item in existing:
        index.setdefault(getattr(item, key), []).append(item)
    return index


def _plan_one(path: Path, shown: str, origin: str, row: FileMetadata | None, sidecar: str,
              by_sha: dict[str, list[_Existing]], by_origin: dict[str, list[_Existing]],
              force: bool, source: str | None) -> _Planned:
    try:
        if path.exists() and not path.is_file():   # a named pipe would wait for a writer forever
            return _Planned(shown, "error", "not a regular file; not imported")
        data = path.read_bytes()
    except OSError as exc:
        return _Planned(shown, "error", exc.strerror or str(exc))
    digest = hashlib.sha256(data).hexdigest()
    same_bytes = by_sha.get(digest, [])
    # Earlier imports stored the path as seen from the working folder; they are the same input.
    same_input = [e for e in same_bytes if e.imported_from in (origin, shown)]
    if same_bytes and not same_input:
        return _Planned(shown, "duplicate", f"same text as {_shown_path(same_bytes[0].path)}", digest)
    if same_input and not force:
        return _Planned(shown, "skip", f"already imported as {_shown_path(same_input[0].path)}", digest)
    earlier = same_input or by_origin.get(origin, []) or by_origin.get(shown, [])
    if earlier and not force:
        message = f"changed since it was imported as {_shown_path(earlier[0].path)}; use --force to rewrite it"
        return _Planned(shown, "skip", message, digest, warnings=("input changed since import",))
    try:
        text, decode_warning = decode_text(data)
    except NotText as exc:
        return _Planned(shown, "error", f"looks like a binary file, not text: {exc}; not imported", digest)
    article = parse_raw_article(text, source=source)
    if not article.title and not article.paragraphs:
        return _Planned(shown, "skip", "no text to import", digest, warnings=("empty file",))
    if row is not None:
        article = apply_metadata(article, row)
    warnings = ((decode_warning,) if decode_warning else ()) + article.warnings
    return _Planned(shown, "rewrite" if earlier else "import", "", digest, text, article,
                    earlier[0].path if earlier else None, warnings, origin, f"{sidecar}:{row.line}" if row else "")


def _mark_batch_duplicates(plans: list[_Planned]) -> list[_Planned]:
    """Later inputs with the same bytes as an earlier input of this batch are duplicates of it."""
    first: dict[str, str] = {}
    marked = []
    for plan in plans:
        if plan.article and plan.sha256 in first:
            plan = _Planned(plan.shown, "duplicate", f"same text as {first[plan.sha256]}", plan.sha256)
        elif plan.article:
            first[plan.sha256] = plan.shown
        marked.append(plan)
    return marked


def _expand_agency(plan: _Planned, learned: dict[str, str]) -> _Planned:
    article = plan.article
    if not article or not article.agency or article.source != article.agency:
        return plan
    return replace(plan, article=replace(article, source=dateline.agency_name(article.agency, learned)))


def _assign_targets(plans: list[_Planned], into: Path, existing: list[_Existing]) -> list[_Planned]:
    """A file name from each new headline, unique among existing files and this batch (-2, -3, ...)."""
    taken = {e.path.stem for e in existing}
    assigned = []
    for plan in plans:
        if plan.status == "import":
            base = urls.slugify(plan.article.title or _title_from_path(plan.shown)) or "untitled"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            plan = replace(plan, target=into / f"{slug}.md")
        assigned.append(plan)
    return assigned


def _report_line(plan: _Planned, dry_run: bool) -> str:
    verbs = {"import": "would import" if dry_run else "imported", "rewrite": "would rewrite" if dry_run else "rewrote",
             "skip": "skipped", "duplicate": "duplicate", "error": "error"}
    line = f"{verbs[plan.status]:<12} {plan.shown}"
    if plan.target:
        line += f" -> {_shown_path(plan.target)}"
        if dry_run:
            a = plan.article
            fields = [f"title {a.title!r}"] + [f"{k} {v}" for k, v in
                                               (("date", a.date), ("place", a.place), ("source", a.source),
                                                ("metadata", plan.metadata)) if v]
            line += f" ({', '.join(fields)})"
    if plan.message:
        line += f": {plan.message}"
    if plan.warnings:
        line += "  [warning: " + "; ".join(plan.warnings) + "]"
    return line

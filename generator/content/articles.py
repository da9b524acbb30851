"""Articles: parse_article() turns one file's text into an Article (pure); load_articles() is the only reader."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import Any

from . import urls
from .errors import Problem, error, warning
from .front_matter import load_yaml, split_front_matter

ENTITY_FOLDER = "entities"
PAGES_FOLDER = "pages"       # standalone pages (standalone.py), not articles

KNOWN_FIELDS = (
    "title", "date", "summary", "source", "publisher", "url", "author", "place", "tags",
    "entities", "draft", "slug", "aliases", "lang",
)


@dataclass(frozen=True)
class Article:
    path: str                      # source path relative to the content folder, with forward slashes
    display_path: str              # the path as messages show it, e.g. "content/x.md"
    slug: str
    title: str
    body: str                      # Markdown, front matter removed
    body_line: int                 # line number of the body's first line in the file
    date: dt.date | None = None
    datetime: dt.datetime | None = None
    summary: str = ""
    source: str = ""
    publisher: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()
    place: str = ""
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    entities_line: int | None = None
    draft: bool = False
    aliases: tuple[str, ...] = ()
    lang: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # front matter key -> line

    @property
    def page_url(self) -> str:
        return urls.article(self.slug)

    def line_of(self, *needles: str) -> int:
        """The file line where the first of `needles` found appears in the body, for messages about it."""
        for needle in needles:
            index = self.body.find(needle) if needle else -1
            if index >= 0:
                return self.body_line + self.body[:index].count("\n")
        return self.body_line

    @property
    def sort_key(self) -> tuple:
        """Newest first, undated last, then by slug for a stable order."""
        return (self.date is None, -(self.date.toordinal() if self.date else 0), self.slug)


def parse_date(value: Any) -> tuple[dt.date, dt.datetime | None]:
    """Accept an ISO date or datetime; raise ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date(), value
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        raise ValueError
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text), None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", text):
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.date(), moment
    raise ValueError


def _string_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value).strip(),) if str(value).strip() else ()
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return None


def parse_article(path: str, text: str, *, display_path: str | None = None) -> tuple[Article | None, list[Problem]]:
    """Parse one article. Returns the Article (None if it has errors) and every problem found."""
    shown = display_path or path
    try:
        front, body, body_line = split_front_matter(text)
    except ValueError as exc:
        return None, [error(shown, 1, str(exc))]
    if front is None:
        return None, [error(shown, 1, "no front matter: an article starts with '---', a YAML block with at least a title, and '---'")]
    data, lines, problems = load_yaml(front, shown)
    if data is None:
        return None, problems

    def line(key: str) -> int:
        return lines.get(key, 1)

    fields: dict[str, Any] = {}
    extra = {k: v for k, v in data.items() if k not in KNOWN_FIELDS}
    for key in extra:
        if not isinstance(key, str):
            problems.append(error(shown, 1, f"front matter key {key!r} must be a string"))
    title = data.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        problems.append(error(shown, line("title") if "title" in data else 1, "missing title"))
    elif not isinstance(title, (str, int, float)):
        problems.append(error(shown, line("title"), "title must be text"))
    else:
        fields["title"] = str(title).strip()

    if "date" in data and data["date"] is not None:
        try:
            fields["date"], fields["datetime"] = parse_date(data["date"])
        except ValueError:
            problems.append(error(shown, line("date"), f'date "{data["date"]}" is not a valid date'))
    elif "date" not in data:
        # `date:` left empty on purpose says "no date is known", which is not worth a warning.
        problems.append(warning(shown, 1, "no date; the article is listed as undated (write `date:` empty if none is known)"))

    for key in ("summary", "source", "publisher", "place", "lang"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problems.append(error(shown, line(key), f"{key} must be text"))
        else:
            fields[key] = str(value).strip()

    if data.get("url") is not None:
        value = data["url"]
        if not isinstance(value, str) or not re.match(r"https?://[^\s/$.?#][^\s]*$", value.strip(), re.I):
            problems.append(error(shown, line("url"), f'url "{value}" must be an http or https address'))
        else:
            fields["url"] = value.strip()

    for key, target in (("author", "authors"), ("tags", "tags"), ("entities", "entities"), ("aliases", "aliases")):
        if data.get(key) is None:
            continue
        values = _string_list(data[key])
        if values is None:
            problems.append(error(shown, line(key), f"{key} must be a string or a list of strings"))
        else:
            fields[target] = tuple(dict.fromkeys(values))
    if "entities" in data:
        fields["entities_line"] = line("entities")
    for alias in fields.get("aliases", ()):
        wrong = urls.alias_problem(alias)
        if wrong:
            problems.append(error(shown, line("aliases"), wrong))

    if data.get("draft") is not None:
        if not isinstance(data["draft"], bool):
            problems.append(error(shown, line("draft"), "draft must be true or false"))
        else:
            fields["draft"] = data["draft"]

    stem = Path(path).stem
    raw_slug = data.get("slug", stem)
    if not isinstance(raw_slug, (str, int)) or isinstance(raw_slug, bool) or not urls.slugify(str(raw_slug)):
        problems.append(error(shown, line("slug") if "slug" in data else 1, f"slug {raw_slug!r} cannot make a URL"))
    else:
        fields["slug"] = urls.slugify(str(raw_slug), max_length=200)
        if "slug" in data and re.search(r"[/\\]", str(raw_slug)):
            problems.append(warning(shown, line("slug"), f'slug "{raw_slug}" is a path, but a slug names one page: '
                                                         f'the page is {urls.article(fields["slug"])}'))

    if any(p.level == "error" for p in problems):
        return None, problems
    article = Article(
        path=path, display_path=shown, body=body, body_line=body_line,
        extra=extra, lines=lines, **fields,
    )
    return article, problems


def load_articles(content_dir: Path, *, display_root: Path | None = None,
                  parsed: dict | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every *.md under content_dir except the entities folder, in a stable order.

    `parsed` (from the build cache) maps (path shown, size, mtime) to an earlier parse of the same
    file; a hit skips reading and parsing it. The dict is updated to this folder's files only.
    A folder that cannot be read is an error: its articles would silently be missing.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    prefix = display_name(content_dir, display_root)  # resolved once: resolving every file costs syscalls

    def shown_path(path: str) -> str:
        rel = os.path.relpath(path, content_dir).replace(os.sep, "/")
        return prefix if rel == "." else rel if prefix in ("", ".") else f"{prefix}/{rel}"

    def unreadable(exc: OSError) -> None:
        problems.append(error(shown_path(exc.filename), None,
                              f"cannot read this folder ({exc.strerror}), so its articles would be missing"))

    seen: dict = {}
    for root, dirs, names in os.walk(content_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if Path(root) == content_dir:
            # Entity files and standalone pages (standalone.py) are read on their own.
            dirs[:] = [d for d in dirs if d not in (ENTITY_FOLDER, PAGES_FOLDER)]
        for linked in [d for d in dirs if _holds_articles_behind_link(os.path.join(root, d))]:
            problems.append(warning(shown_path(os.path.join(root, linked)), None,
                                    "a link to a folder, which Dossier does not follow: the articles in it are left out"))
        for name in sorted(names):
            if not name.endswith(".md") or name.startswith("."):
                continue
            file = os.path.join(root, name)
            rel = os.path.relpath(file, content_dir).replace(os.sep, "/")
            shown = shown_path(file)
            try:
                stat = os.stat(file)
            except OSError as exc:
                problems.append(error(shown, None, f"cannot read: {_why_unreadable(file, exc)}"))
                continue
            if not S_ISREG(stat.st_mode):
                problems.append(_not_a_file(shown, stat.st_mode))
                continue
            key = (shown, stat.st_size, stat.st_mtime_ns)
            outcome = parsed.get(key) if parsed is not None else None
            if outcome is None:
                outcome = _read_and_parse(file, rel, shown)
            seen[key] = outcome
            article, found = outcome
            problems.extend(found)
            if article is not None:
                articles.append(article)
    if parsed is not None:
        parsed.clear()
        parsed.update(seen)
    articles.sort(key=lambda a: a.path)
    return articles, problems


def _holds_articles_behind_link(folder: str) -> bool:
    """A link to a folder with articles in it (os.walk does not follow links: no loop can trap it)."""
    return os.path.islink(folder) and any(name.endswith(".md") for _, _, names in os.walk(folder) for name in names)


def _read_and_parse(file: str, rel: str, shown: str) -> tuple[Article | None, list[Problem]]:
    text, problems = read_source(file, shown)
    if text is None:
        return None, problems
    return parse_article(rel, text, display_path=shown)


def read_source(file: str, shown: str) -> tuple[str | None, list[Problem]]:
    """A source file's text with Unix line ends, or None and the problem that stopped it.

    The file is opened without blocking and checked before a byte is read: a named pipe or a device
    named like an article is skipped with a warning instead of hanging the build.
    """
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, [error(shown, None, f"cannot read: {_why_unreadable(file, exc)}")]
    try:
        mode = os.fstat(handle).st_mode
        if not S_ISREG(mode):
            return None, [_not_a_file(shown, mode)]
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read()
    except OSError as exc:
        return None, [error(shown, None, f"cannot read: {exc.strerror}")]
    finally:
        os.close(handle)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [error(shown, line, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")]
    return text.replace("\r\n", "\n"), []


def _why_unreadable(file: str, exc: OSError) -> str:
    """Why a file cannot be opened, in words: a link to nowhere or in a loop says so."""
    if os.path.islink(file):
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads back to itself"
        if exc.errno == errno.ENOENT:
            return f"a symbolic link to {os.readlink(file)}, which does not exist"
    return exc.strerror or str(exc)


def _not_a_file(shown: str, mode: int) -> Problem:
    kind = "a named pipe" if S_ISFIFO(mode) else "a socket" if S_ISSOCK(mode) else \
        "a device" if S_ISCHR(mode) or S_ISBLK(mode) else "not a regular file"
    return warning(shown, None, f"skipped: {kind}, not a file Dossier can read")


def display_name(file: Path, root: Path | None) -> str:
    """A path as the user would type it: relative to the working folder when possible."""
    base = root or Path.cwd()
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()

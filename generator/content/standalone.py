"""Standalone pages: content/pages/*.md are pages of their own (About, Contact, Method), not articles.

A page is Markdown with front matter like an article's, but it has no date, tags or entities, is in
no list or feed, and is linked from the sidebar unless it says `nav: false`. It is written at the
site's root: content/pages/about.md becomes about.html.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .articles import PAGES_FOLDER, read_source
from .errors import Problem, error
from .front_matter import load_yaml, split_front_matter

FIELDS = {"title", "summary", "slug", "nav", "weight", "draft", "lang"}


@dataclass(frozen=True)
class Page:
    path: str            # as shown in messages: "content/pages/about.md"
    slug: str
    title: str
    summary: str         # the description for search engines and previews; "" for the first paragraph
    body: str
    nav: bool = True     # a link in the sidebar
    weight: int = 0      # the sidebar's order: lower first, then by title
    draft: bool = False
    lang: str = ""
    line: int = 1        # the front matter line of the slug (or 1), for collisions

    @property
    def url(self) -> str:
        return f"{self.slug}.html"


def load_pages(content_dir: Path, shown_root: str) -> tuple[list[Page], list[Problem]]:
    """Every *.md directly in content/pages/, by weight and title; the problems of those that are not."""
    folder = content_dir / PAGES_FOLDER
    pages: list[Page] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return pages, problems
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return pages, [error(f"{shown_root}/{PAGES_FOLDER}", None, f"cannot read this folder ({exc.strerror}), so its "
                                                                  "pages would be missing")]
    for name in names:
        if not name.endswith(".md") or name.startswith("."):
            continue
        shown = f"{shown_root}/{PAGES_FOLDER}/{name}"
        text, found = read_source(str(folder / name), shown)  # as articles are read: no FIFO hangs it
        problems += found
        if text is None:
            continue
        page, found = parse_page(name[:-3], text, shown)
        problems += found
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (p.weight, p.title.casefold(), p.slug))
    return pages, problems


def parse_page(stem: str, text: str, shown: str) -> tuple[Page | None, list[Problem]]:
    try:
        front, body, _ = split_front_matter(text)
    except ValueError as exc:
        return None, [error(shown, 1, str(exc))]
    if front is None:
        return None, [error(shown, 1, "no front matter: a page starts with '---', a YAML block with at least a "
                                      "title, and '---'")]
    data, lines, problems = load_yaml(front, shown)
    if data is None:
        return None, problems
    title = data.get("title")
    if not isinstance(title, (str, int, float)) or isinstance(title, bool) or not str(title).strip():
        problems.append(error(shown, lines.get("title", 1), "missing title" if title is None else "title must be text"))
    for key in sorted(str(k) for k in data if k not in FIELDS):
        problems.append(error(shown, lines.get(key, 1), f"unknown key {key!r} for a page; a page takes "
                                                        f"{', '.join(sorted(FIELDS))}"))
    checks = {"nav": bool, "draft": bool, "weight": int, "summary": str, "slug": str, "lang": str}
    for key, kind in checks.items():
        if key in data and (not isinstance(data[key], kind) or (kind is int and isinstance(data[key], bool))):
            problems.append(error(shown, lines.get(key, 1), f"{key} must be {_KIND_NAMES[kind]}"))
    slug = urls.slugify(str(data.get("slug") or stem), max_length=200)
    if not slug:
        problems.append(error(shown, lines.get("slug", 1), "the slug has no letter or digit to make a file name of"))
    if problems:
        return None, problems
    return Page(shown, slug, str(title).strip(), data.get("summary", "").strip(), body, data.get("nav", True),
                data.get("weight", 0), data.get("draft", False), data.get("lang", ""), lines.get("slug", 1)), []


_KIND_NAMES = {bool: "true or false", int: "a whole number", str: "text"}
